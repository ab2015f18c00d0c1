#!/usr/bin/env python3
"""bench/run works: one run of each octavo job on a book, a table of medians, a JSON
file with every sample, exit status 0. Not a timed test: no figure is compared to a
target. A second run with a PATH that holds no pandoc checks that a missing anchor is
reported ("anchor not installed") and octavo still timed.

Usage: bench_smoke.py BENCH_RUN OCTAVO BOOK_DIR WORK_DIR
"""
import json, os, pathlib, shutil, subprocess, sys

bench, octavo, book, work = sys.argv[1:5]
work = pathlib.Path(work)
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
failures = []

def check(cond, what):
    if not cond:
        failures.append(what)

def run(args, env=None):
    out = subprocess.run([sys.executable, bench, '--runs', '1', '--books', book, '--octavo', octavo, *args],
                         capture_output=True, text=True, env=env, timeout=120)
    print(out.stdout)
    print(out.stderr, file=sys.stderr)
    return out

name = pathlib.Path(book).resolve().name
jobs = ('octavo EPUB', 'octavo PDF', 'octavo both')

out = run(['--no-anchor', '--out', str(work / 'bench.json')])
check(out.returncode == 0, f'exit status {out.returncode}')
check('Medians' in out.stdout and 'peak RSS MB' in out.stdout, 'no table of medians')
for job in jobs:
    check(any(line.startswith(name) and job in line for line in out.stdout.splitlines()), f'no row "{name} {job}"')
check('nproc' in out.stdout and 'octavo_commit' in out.stdout, 'no machine description')
try:
    data = json.loads((work / 'bench.json').read_text())
    got = data['books'][name]['jobs']
    for job in jobs:
        check(len(got[job]['samples']) == 1, f'{job}: not one sample')
        check(got[job]['median_wall_s'] > 0 and got[job]['median_rss_mb'] > 0, f'{job}: no wall time or memory')
    check(data['books'][name]['words'] > 0, 'no word count')
    check(not data['anchor'], 'the anchor ran despite --no-anchor')
except (OSError, ValueError, KeyError) as e:
    failures.append(f'--out JSON: {e!r}')

# Without pandoc on PATH: the benchmark says so and still times octavo.
bin_dir = work / 'bin'
bin_dir.mkdir()
for tool in ('git', 'sh'):
    if shutil.which(tool):
        (bin_dir / tool).symlink_to(shutil.which(tool))
out = run([], env=dict(os.environ, PATH=str(bin_dir)))
check(out.returncode == 0, f'without pandoc: exit status {out.returncode}')
check('anchor not installed: run scripts/setup-bench' in out.stdout, 'without pandoc: no "anchor not installed"')
check(f'{name}' in out.stdout and 'octavo both' in out.stdout, 'without pandoc: octavo not timed')

for f in failures:
    print(f'FAIL: {f}', file=sys.stderr)
sys.exit(1 if failures else 0)
