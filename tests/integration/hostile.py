#!/usr/bin/env python3
"""Pathological but valid manuscripts: each finishes in bounded time and memory, or stops
with a clear `path:line:col: error:` and exit status 1; never a crash.

Each case is generated here, built with octavo (both outputs), and timed with os.wait4:
the wall time and the peak resident memory (which counts this forked interpreter's
pages too, some 40 MB) must stay under the case's bounds, which are generous for a
loaded 2-core machine (the figures on an idle one are a fraction).

Usage: hostile.py OCTAVO WORK_DIR [CASE ...]
"""
import os, pathlib, re, shutil, struct, subprocess, sys, time, zlib

BOOK_TOML = '''[book]
title = "Hostile"
author = "T. Ester"
language = "en"
identifier = "urn:uuid:3f1c2a9e-7b7d-4a59-9c1e-2d6f0b8a4c11"
'''

def png(path, width, height):
    """A grey PNG of the given size, all black: a few hundred kB for 20,000 x 20,000."""
    z = zlib.compressobj(9)
    row = b'\x00' * (width + 1)  # filter byte, then the pixels
    data = b''.join(z.compress(row) for _ in range(height)) + z.flush()
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))
    header = struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', data) + chunk(b'IEND', b''))

def notes_chapter(count):
    refs = ' '.join(f'x[^{i}]' for i in range(1, count + 1))
    return '# N\n\n' + refs + '\n\n' + ''.join(f'[^{i}]: Note {i}.\n' for i in range(1, count + 1))

# name: (chapter text, extra files, expected exit status, what stderr must hold,
#        wall seconds at most, peak resident MB at most)
CASES = {
    'quotes': ('# Q\n\n' + '> ' * 10000 + 'deep\n', None, 1,
               r'01\.md:3:\d+: error: nested more than 100 levels deep', 30, 300),
    'lists': ('# L\n\n' + '- ' * 10000 + 'deep\n', None, 1,
              r'01\.md:3:\d+: error: nested more than 100 levels deep', 30, 300),
    'paragraph': ('# P\n\n' + 'word ' * (10 * 1024 * 1024 // 5) + '\n', None, 0, None, 150, 2500),
    'word': ('# W\n\nA ' + 'a' * 100000 + ' b.\n', None, 0,
             r'01\.md:3:1: warning: overfull line: .{1,80} \(100000 characters\)', 30, 300),
    'notes': (notes_chapter(100000), None, 0, None, 150, 1500),
    'image': ('# I\n\n![A large picture](big.png)\n', lambda d: png(d / 'big.png', 20000, 20000), 1,
              r'01\.md:3:1: error: image big\.png is 20000 \u00d7 20000 pixels, more than the 100 megapixels', 30, 300),
    'table': ('# T\n\n|' + 'a|' * 10000 + '\n|' + '-|' * 10000 + '\n|' + 'b|' * 10000 + '\n', None, 0,
              r'octavo: \d+ more warnings not shown', 60, 500),
}

# Under AddressSanitizer (the `sanitize` test preset sets OCTAVO_SANITIZED) a program
# runs a few times slower and holds about three times the memory (shadow memory, the
# quarantine of freed blocks): the bounds grow alike.
SANITIZED = 3 if os.environ.get('OCTAVO_SANITIZED') else 1

def main():
    octavo, work = sys.argv[1], pathlib.Path(sys.argv[2])
    names = sys.argv[3:] or list(CASES)
    failures = []
    for name in names:
        chapter, extra, status, expect, most_seconds, most_mb = CASES[name]
        most_seconds, most_mb = most_seconds * SANITIZED, most_mb * SANITIZED
        book = work / name
        shutil.rmtree(book, ignore_errors=True)
        (book / 'chapters').mkdir(parents=True)
        (book / 'book.toml').write_text(BOOK_TOML)
        (book / 'chapters' / '01.md').write_text(chapter)
        if extra:
            extra(book / 'chapters')
        out = work / f'{name}-out'
        shutil.rmtree(out, ignore_errors=True)
        start = time.monotonic()
        with open(work / f'{name}.stderr', 'w+') as err:
            proc = subprocess.Popen([octavo, 'build', str(book), '-o', str(out)],
                                    stdout=subprocess.DEVNULL, stderr=err)
            _, wait_status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(wait_status)
            err.seek(0)
            stderr = err.read()
        seconds = time.monotonic() - start
        mb = usage.ru_maxrss / 1024
        problems = []
        if proc.returncode != status:
            problems.append(f'exit status {proc.returncode}, expected {status}')
        if expect and not re.search(expect, stderr):
            problems.append(f'stderr lacks /{expect}/')
        if seconds > most_seconds:
            problems.append(f'{seconds:.1f} s, more than {most_seconds} s')
        if mb > most_mb:
            problems.append(f'{mb:.0f} MB resident, more than {most_mb} MB')
        made = sorted(p.name for p in out.iterdir()) if out.exists() else []
        if status == 0 and made != [f'{name}.epub', f'{name}.pdf']:
            problems.append(f'outputs {made}')
        if status != 0 and made:
            problems.append(f'a failed build left {made}')
        print(f'{name}: exit {proc.returncode}, {seconds:.1f} s, {mb:.0f} MB'
              + (': ' + '; '.join(problems) if problems else ''))
        if problems:
            print('  stderr: ' + '\n  '.join(stderr.splitlines()[:5]))
            failures.append(name)
    if failures:
        sys.exit('FAIL: ' + ', '.join(failures))
    print('all hostile manuscripts handled')

if __name__ == '__main__':
    main()
