#!/usr/bin/env python3
"""Parallel layout changes nothing: the book built with --jobs 1, 2 and 4 gives the same
EPUB and PDF bytes (SOURCE_DATE_EPOCH fixed), and the same messages.

Usage: jobs_same_bytes.py OCTAVO BOOK_DIR WORK_DIR
"""
import os, pathlib, re, shutil, subprocess, sys

def main():
    octavo, book, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH='0')
    env.pop('OCTAVO_JOBS', None)
    outputs = {}
    for jobs in (1, 2, 4):
        out = work / f'jobs{jobs}'
        r = subprocess.run([octavo, 'build', str(book), '-o', str(out), '--jobs', str(jobs)],
                           capture_output=True, text=True, env=env)
        if r.returncode != 0:
            print(f'FAIL: --jobs {jobs}: octavo build exited {r.returncode}\n{r.stderr}')
            sys.exit(1)
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        # The summaries without their timings and folder.
        said = re.sub(r', \d+ ms', '', r.stdout.replace(str(out), 'OUT')) + r.stderr
        outputs[jobs] = (files, said)
        print(f'--jobs {jobs}: ' + ', '.join(f'{n} {len(b)} bytes' for n, b in files.items()))
    failures = []
    base_files, base_said = outputs[1]
    if sorted(pathlib.Path(n).suffix for n in base_files) != ['.epub', '.pdf']:
        failures.append(f'expected an EPUB and a PDF, got {sorted(base_files)}')
    for jobs in (2, 4):
        files, said = outputs[jobs]
        if files.keys() != base_files.keys():
            failures.append(f'--jobs {jobs} wrote {sorted(files)}, --jobs 1 {sorted(base_files)}')
        for name in base_files.keys() & files.keys():
            if files[name] != base_files[name]:
                failures.append(f'{name}: --jobs {jobs} differs from --jobs 1')
        if said != base_said:
            failures.append(f'--jobs {jobs} says:\n{said}\n--jobs 1 says:\n{base_said}')
    for f in failures:
        print('FAIL: ' + f)
    if failures:
        sys.exit(1)
    print('PASS')

main()
