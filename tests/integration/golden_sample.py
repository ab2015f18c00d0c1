#!/usr/bin/env python3
"""Golden test of the sample book's EPUB: every file under tests/golden/sample/ must equal
the same path in the built container, byte for byte, and the golden set must hold the
package document and at least one chapter. With OCTAVO_UPDATE_GOLDEN=1 the golden
files are rewritten from the build (then review them as a diff before committing).

Usage: golden_sample.py OCTAVO BOOK_DIR GOLDEN_DIR WORK_DIR
"""
import difflib, os, pathlib, shutil, subprocess, sys, zipfile

octavo, book, golden, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
shutil.rmtree(work, ignore_errors=True)
env = dict(os.environ, SOURCE_DATE_EPOCH='1203984000')  # 2008-02-26T00:00:00Z, the article's date
r = subprocess.run([octavo, 'build', book, '--epub', '-o', str(work)], env=env, capture_output=True, text=True)
if r.returncode != 0:
    sys.exit(f'octavo build failed:\n{r.stderr}')
epub = next(work.glob('*.epub'))
with zipfile.ZipFile(epub) as z:
    names = [n for n in z.namelist() if n.endswith(('.xhtml', '.opf', '.ncx', '.css', '.xml'))]
    if os.environ.get('OCTAVO_UPDATE_GOLDEN') == '1':
        shutil.rmtree(golden, ignore_errors=True)
        for n in names:
            (golden / n).parent.mkdir(parents=True, exist_ok=True)
            (golden / n).write_bytes(z.read(n))
        print(f'rewrote {len(names)} golden files in {golden}')
        sys.exit(0)
    files = sorted(p for p in golden.rglob('*') if p.is_file())
    rel = [str(p.relative_to(golden)) for p in files]
    if not any(n.endswith('.opf') for n in rel) or not any('chapter' in n for n in rel):
        sys.exit(f'golden set incomplete: {rel}')
    failed = 0
    for p, n in zip(files, rel):
        if n not in z.namelist():
            print(f'missing from the EPUB: {n}')
            failed += 1
            continue
        got, want = z.read(n).decode('utf-8'), p.read_text(encoding='utf-8')
        if got != want:
            failed += 1
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                       f'golden/{n}', f'built/{n}'))
    extra = sorted(set(names) - set(rel))
    if extra:
        print(f'files in the EPUB with no golden copy: {extra}')
        failed += 1
    if failed:
        sys.exit(f'{failed} golden files differ (OCTAVO_UPDATE_GOLDEN=1 rewrites them; review the diff)')
    print(f'{len(files)} golden files match')
