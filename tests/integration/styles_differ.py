#!/usr/bin/env python3
"""The shipped styles are different designs, not one design renamed: each builds the same
book into a PDF whose fonts (pdffonts), trim size (pdfinfo) and page count tell it from
every other style's, and whose body font is the family the style names.

Usage: styles_differ.py OCTAVO BOOK_DIR WORK_DIR
"""
import pathlib, re, shutil, subprocess, sys, tomllib

def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)

def main():
    octavo, book, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    folder = pathlib.Path(run([octavo, 'styles', '--path']).stdout.split('\n')[0])
    names = [line.split()[0] for line in run([octavo, 'styles']).stdout.splitlines() if line.strip()]
    failures, seen = [], {}
    for name in names:
        r = run([octavo, 'build', str(book), '--pdf', '--style', name, '-o', str(work / name)])
        if r.returncode != 0:
            print(f'FAIL: {name}: octavo build exited {r.returncode}\n{r.stderr}')
            sys.exit(1)
        pdf = next((work / name).glob('*.pdf'))
        info = run(['pdfinfo', str(pdf)]).stdout
        pages = int(re.search(r'Pages:\s+(\d+)', info).group(1))
        w, h = map(float, re.search(r'Page size:\s+([\d.]+) x ([\d.]+)', info).groups())
        # Subset names are "ABCDEF+Family-Face": the family, spaces dropped.
        fonts = sorted({row.split()[0].split('+', 1)[-1] for row in run(['pdffonts', str(pdf)]).stdout.splitlines()[2:]})
        seen[name] = (fonts, (round(w, 1), round(h, 1)), pages)
        print(f'{name:12} {w:.1f} x {h:.1f} pt, {pages} pages, fonts {", ".join(fonts)}')
        body = tomllib.loads((folder / f'{name}.toml').read_text(encoding='utf-8'))['fonts']['body']
        if not any(f.startswith(body.replace(' ', '')) for f in fonts):
            failures.append(f'{name}: no face of its body family {body!r} in the PDF')
    for a in names:
        for b in names:
            if a < b:
                fa, ta, pa = seen[a]
                fb, tb, pb = seen[b]
                if pa == pb:
                    failures.append(f'{a} and {b} give the same page count ({pa})')
                if fa == fb and ta == tb:
                    failures.append(f'{a} and {b} have the same fonts and trim size')
    if len(names) < 3:
        failures.append(f'only {len(names)} shipped styles')
    for f in failures:
        print('FAIL: ' + f)
    if failures:
        sys.exit(1)
    print('PASS')

main()
