#!/usr/bin/env python3
"""`octavo watch` on a whole book (a corpus book: notes, verse, figures, pages whose
paragraphs are set again to fill them): edits that keep the page count, that move every
later page, that renumber the notes of every later chapter; after each, the rebuild lays
out again only the chapters it must, and its EPUB and PDF are byte-identical to a fresh
`octavo build` of the same files (pages, notes and warnings kept between builds are
placed exactly as a fresh build places them).

Usage: watch_book.py OCTAVO BOOK_DIR WORK_DIR
"""
import os, pathlib, re, shutil, subprocess, sys, threading, queue, time

OCTAVO = os.path.abspath(sys.argv[1])
SOURCE = pathlib.Path(sys.argv[2])
WORK = pathlib.Path(sys.argv[3])
SLOW = 10 if os.environ.get('OCTAVO_SANITIZED') else 1
failures = []

def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what, flush=True)
    if not ok:
        failures.append(what)

def main():
    shutil.rmtree(WORK, ignore_errors=True)
    book, out, fresh = WORK / 'book', WORK / 'out', WORK / 'fresh'
    shutil.copytree(SOURCE, book)
    chapters = sorted((book / 'chapters').glob('*.md'))
    n = len(chapters)
    proc = subprocess.Popen([OCTAVO, 'watch', str(book), '-o', str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    lines, errors = queue.Queue(), []
    threading.Thread(target=lambda: [lines.put(l.rstrip('\n')) for l in proc.stdout], daemon=True).start()
    threading.Thread(target=lambda: [errors.append(l.rstrip('\n')) for l in proc.stderr], daemon=True).start()

    def next_line(pattern, timeout=120):
        end = time.monotonic() + timeout * SLOW
        while time.monotonic() < end:
            try:
                line = lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                return None
            if re.search(pattern, line):
                return line
        return None

    def same_as_fresh(what):
        shutil.rmtree(fresh, ignore_errors=True)
        r = subprocess.run([OCTAVO, 'build', str(book), '-o', str(fresh)], capture_output=True, text=True)
        ok = r.returncode == 0
        for kind in ('epub', 'pdf'):
            a, b = out / f'book.{kind}', fresh / f'book.{kind}'
            ok = ok and a.exists() and b.exists() and a.read_bytes() == b.read_bytes()
        check(ok, f'{what}: EPUB and PDF byte-identical to a fresh build')

    def rebuilt(what, laid_out):
        line = next_line(r'changed: ')
        expect = f'({laid_out} of {n} chapters laid out again)'
        check(line is not None and line.endswith(expect), f'{what}: {expect}: {line!r}')

    def edit(path, change):
        text = path.read_text(encoding='utf-8')
        new = change(text)
        assert new != text, path
        path.write_text(new, encoding='utf-8')

    try:
        check(next_line(r'watching') is not None, 'first build, then watching')
        middle = chapters[n // 2]
        # A word more in the first paragraph: the page count hardly moves.
        edit(middle, lambda t: re.sub(r'(?m)^([^#\n].*?)([.!?])$', r'\1 indeed\2', t, count=1))
        rebuilt('a word added in a middle chapter', 1)
        same_as_fresh('a word added')
        # Many paragraphs more: every later page moves.
        edit(middle, lambda t: t + '\n' + '\n\n'.join(['A paragraph added while watching, long enough '
                                                       'to take a line or two of the page.'] * 40) + '\n')
        rebuilt('forty paragraphs added', 1)
        same_as_fresh('forty paragraphs added')
        # A footnote in an early chapter: the notes of every later chapter that has any are
        # numbered anew, so those chapters are laid out again; the others are not.
        early = chapters[n // 8]
        edit(early, lambda t: re.sub(r'(?m)^([^#\n].*?)([.!?])$', r'\1[^watch-added]\2', t, count=1)
             + '\n[^watch-added]: A note added while watching.\n')
        line = next_line(r'changed: ')
        m = re.search(r'\((\d+) of (\d+) chapters laid out again\)$', line or '')
        check(m is not None and 1 < int(m.group(1)) < n, f'a note added early: its chapter and the later ones '
              f'with notes laid out again, not all: {line!r}')
        same_as_fresh('a note added early')
        # Taken out again: back to the first state.
        edit(early, lambda t: t.replace('[^watch-added]', '', 1).replace('\n[^watch-added]: A note added while watching.\n', ''))
        next_line(r'changed: ')
        same_as_fresh('the note taken out')
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10 * SLOW)
        except subprocess.TimeoutExpired:
            proc.kill()
    if failures:
        print('stderr of the watch:\n  ' + '\n  '.join(errors[:20]))
        print(f'{len(failures)} failed')
        sys.exit(1)

main()
