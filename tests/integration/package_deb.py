#!/usr/bin/env python3
"""The Debian package works from wherever it is unpacked.

Builds the .deb with CPack from the build folder, unpacks it with `dpkg-deb -x` into a
temporary root (as dpkg would install it, without installing), and from an empty folder
runs the unpacked binary: `octavo styles --path` must point inside that root (the binary
finds its styles and fonts relative to itself, not in the source tree), then
`octavo new` and `octavo build` must make a book.

Usage: package_deb.py BUILD_DIR WORK_DIR
"""
import pathlib, shutil, subprocess, sys

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        print(f'FAIL: {" ".join(map(str, cmd))} exited {r.returncode}\n{r.stdout}{r.stderr}')
        sys.exit(1)
    return r

def main():
    build, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    (work / 'pkg').mkdir(parents=True)
    run(['cpack', '-G', 'DEB', '-B', str(work / 'pkg'), '--config', str(build / 'CPackConfig.cmake')])
    debs = list((work / 'pkg').glob('octavo_*.deb'))
    if len(debs) != 1:
        print(f'FAIL: expected one .deb, got {debs}')
        sys.exit(1)
    deb = debs[0]
    info = run(['dpkg-deb', '-I', str(deb)]).stdout
    for field in ('Package: octavo', 'Depends:', 'libhpdf', 'hyphen-en-us'):
        if field not in info:
            print(f'FAIL: the package control has no {field!r}:\n{info}')
            sys.exit(1)
    root = work / 'root'
    run(['dpkg-deb', '-x', str(deb), str(root)])
    octavo = root / 'usr' / 'bin' / 'octavo'
    for part in ('usr/share/octavo/styles/classic.toml', 'usr/share/octavo/fonts/fonts.toml'):
        if not (root / part).is_file():
            print(f'FAIL: the package has no {part}')
            sys.exit(1)

    empty = work / 'empty'
    empty.mkdir()
    env = {'PATH': '/usr/bin:/bin', 'HOME': str(work)}  # no OCTAVO_DATA_DIR
    where = run([str(octavo), 'styles', '--path'], cwd=empty, env=env).stdout.split()
    expected = [str(root / 'usr' / 'share' / 'octavo' / d) for d in ('styles', 'fonts')]
    if where != expected:
        print(f'FAIL: the unpacked binary reads its data from {where}, not {expected}')
        sys.exit(1)
    styles = run([str(octavo), 'styles'], cwd=empty, env=env).stdout
    for name in ('classic', 'modern', 'large-print'):
        if name not in styles:
            print(f'FAIL: `octavo styles` does not list {name}:\n{styles}')
            sys.exit(1)
    run([str(octavo), 'new', 'my-book'], cwd=empty, env=env)
    r = run([str(octavo), 'build', 'my-book', '-o', 'out'], cwd=empty, env=env)
    print(r.stdout, end='')
    for f in ('out/my-book.epub', 'out/my-book.pdf'):
        if not (empty / f).is_file() or (empty / f).stat().st_size < 1000:
            print(f'FAIL: `octavo build` did not write {f}')
            sys.exit(1)
    print(f'PASS: {deb.name} ({deb.stat().st_size:,} bytes) unpacked and built a new book')

main()
