#!/usr/bin/env python3
"""`octavo watch`: one line per rebuild, the chapters that did not change not laid out
again, and every rebuild's EPUB and PDF byte-identical to a fresh `octavo build` of the
same files. A chapter edited, added, broken and mended, book.toml's metadata and its
style changed, an image replaced; files that cannot change the book (an editor's swap
file, the output folder) start no build; SIGINT and SIGTERM end it with status 0.

Usage: watch.py OCTAVO SAMPLE_BOOK_DIR WORK_DIR
"""
import os, pathlib, queue, re, shutil, signal, struct, subprocess, sys, threading, time, zlib

OCTAVO = os.path.abspath(sys.argv[1])
SAMPLE = pathlib.Path(sys.argv[2])
WORK = pathlib.Path(sys.argv[3])
# Under the sanitizers a build is several times slower.
SLOW = 10 if os.environ.get('OCTAVO_SANITIZED') else 1

def png(width, height):
    """A grey PNG of that size."""
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    rows = b''.join(b'\x00' + b'\x80' * width for _ in range(height))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))

failures = []

def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what, flush=True)
    if not ok:
        failures.append(what)

def make_book(book):
    """The sample article cut into three chapters (found by chapters/*.md), one with a
    footnote, one with a figure."""
    shutil.rmtree(book, ignore_errors=True)
    (book / 'chapters').mkdir(parents=True)
    (book / 'images').mkdir()
    (book / 'images' / 'dot.png').write_bytes(png(40, 40))
    toml = (SAMPLE / 'book.toml').read_text()
    toml = re.sub(r'(?m)^chapters = .*\n', '', toml)
    (book / 'book.toml').write_text(toml)
    paragraphs = (SAMPLE / 'chapters' / '01-article.md').read_text().split('\n\n')
    third = len(paragraphs) // 3
    parts = [paragraphs[1:third], paragraphs[third:2 * third], paragraphs[2 * third:]]
    parts[1][0] += '[^a]'
    parts[1].append('[^a]: A note at the foot of the page.')
    parts[2].insert(1, '![A dot.](../images/dot.png "A dot")')
    for n, part in enumerate(parts, 1):
        (book / 'chapters' / f'0{n}.md').write_text(f'# Part {n}\n\n' + '\n\n'.join(part) + '\n')

class Watch:
    def __init__(self, book, out):
        self.proc = subprocess.Popen([OCTAVO, 'watch', str(book), '-o', str(out)], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines = queue.Queue()
        self.errors = []
        threading.Thread(target=self._read, args=(self.proc.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._collect, daemon=True).start()

    @staticmethod
    def _read(stream, into):
        for line in stream:
            into.put(line.rstrip('\n'))

    def _collect(self):
        for line in self.proc.stderr:
            self.errors.append(line.rstrip('\n'))

    def next_line(self, pattern, timeout):
        """The next stdout line matching `pattern` (others are skipped), or None."""
        end = time.monotonic() + timeout * SLOW
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                return None
            if re.search(pattern, line):
                return line
        return None

    def quiet(self, seconds):
        """Whether no line came for `seconds`."""
        try:
            line = self.lines.get(timeout=seconds)
            print('     unexpected: ' + line)
            return False
        except queue.Empty:
            return True

def fresh_build(book, out):
    shutil.rmtree(out, ignore_errors=True)
    r = subprocess.run([OCTAVO, 'build', str(book), '-o', str(out)], capture_output=True, text=True)
    return r.returncode == 0

def same_as_fresh(book, out, what):
    fresh = WORK / 'fresh'
    ok = fresh_build(book, fresh)
    for kind in ('epub', 'pdf'):
        a, b = out / f'book.{kind}', fresh / f'book.{kind}'
        ok = ok and a.exists() and b.exists() and a.read_bytes() == b.read_bytes()
    check(ok, f'{what}: EPUB and PDF byte-identical to a fresh build')

def rebuilt(w, what, laid_out, total):
    line = w.next_line(r'changed: ', 60)
    expect = f'({laid_out} of {total} chapters laid out again)'
    check(line is not None and 'rebuilt in' in line and line.endswith(expect),
          f'{what}: one line, "… rebuilt in N ms {expect}": {line!r}')

def edit(path, old, new):
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))

def main():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    book, out = WORK / 'book', WORK / 'book' / 'out'  # the output folder inside the book's
    make_book(book)
    w = Watch(book, out)
    try:
        line = w.next_line(r'watching', 60)
        check(line is not None and line.startswith('built in'), f'first build, then watching: {line!r}')
        same_as_fresh(book, out, 'first build')

        edit(book / 'chapters' / '02.md', 'Medvedev', 'Dmitry Medvedev')
        rebuilt(w, 'a chapter edited', 1, 3)
        same_as_fresh(book, out, 'a chapter edited')

        (book / 'chapters' / '04.md').write_text('# Part 4\n\nA chapter added while watching.\n')
        rebuilt(w, 'a chapter added', 1, 4)
        same_as_fresh(book, out, 'a chapter added')

        edit(book / 'book.toml', 'title = "', 'title = "The ')
        rebuilt(w, 'the title changed (running heads only)', 0, 4)
        same_as_fresh(book, out, 'the title changed')

        # The author is on every verso's running head: the pages kept from the last
        # build must not be copied with the old one.
        toml = (book / 'book.toml').read_text()
        author = re.search(r'(?m)^author = "([^"]*)"', toml)
        assert author, 'the sample book.toml names its author'
        (book / 'book.toml').write_text(toml.replace(author.group(0), 'author = "A. N. Other"', 1))
        rebuilt(w, 'the author changed (running heads only)', 0, 4)
        same_as_fresh(book, out, 'the author changed')

        with open(book / 'book.toml', 'a') as f:
            f.write('\n[style]\nbody.size = 10.5\n')
        rebuilt(w, 'the style changed', 4, 4)
        same_as_fresh(book, out, 'the style changed')

        (book / 'images' / 'dot.png').write_bytes(png(80, 40))
        rebuilt(w, 'an image replaced by one of another shape', 1, 4)
        same_as_fresh(book, out, 'an image replaced')

        # The files the outputs replaced are removed once the line is printed.
        end = time.monotonic() + 5 * SLOW
        while sorted(p.name for p in out.iterdir()) != ['book.epub', 'book.pdf'] and time.monotonic() < end:
            time.sleep(0.05)
        names = sorted(p.name for p in out.iterdir())
        check(names == ['book.epub', 'book.pdf'], f'the output folder holds the two outputs alone: {names}')

        before = {p.name: p.read_bytes() for p in out.iterdir()}
        (book / 'chapters' / '03.md').write_bytes(b'# Part 3\n\nBroken \xff text.\n')
        line = w.next_line(r'changed: ', 60)
        check(line is not None and 'the build failed' in line, f'a broken chapter: the build fails: {line!r}')
        end = time.monotonic() + 5 * SLOW  # stderr is read by another thread
        while not any('invalid UTF-8' in e for e in w.errors) and time.monotonic() < end:
            time.sleep(0.05)
        check(any('03.md:3:8: error: invalid UTF-8' in e for e in w.errors), 'its diagnostic is printed')
        check({p.name: p.read_bytes() for p in out.iterdir()} == before, 'the last outputs are kept as they were')

        (book / 'chapters' / '03.md').write_text('# Part 3\n\nMended.\n')
        rebuilt(w, 'the chapter mended', 1, 4)
        same_as_fresh(book, out, 'the chapter mended')

        # A style that cannot be read fails the build after the chapters are read; put
        # right, nothing is laid out again (the kept chapters were given back).
        toml = (book / 'book.toml').read_text()
        (book / 'book.toml').write_text(toml.replace('body.size = 10.5', 'body.size = "large"'))
        line = w.next_line(r'changed: ', 60)
        check(line is not None and 'the build failed' in line, f'a bad style value: the build fails: {line!r}')
        (book / 'book.toml').write_text(toml)
        rebuilt(w, 'the style put right', 0, 4)
        same_as_fresh(book, out, 'the style put right')

        (book / 'chapters' / '.02.md.swp').write_bytes(b'swap')
        (book / 'chapters' / '02.md~').write_text('backup')
        (out / 'notes.txt').write_text('not an input')
        check(w.quiet(1.5), 'an editor swap file, a backup and a file in the output folder start no build')

        (book / 'chapters' / '04.md').unlink()
        rebuilt(w, 'a chapter deleted', 0, 3)
        same_as_fresh(book, out, 'a chapter deleted')

        # A chapter whose file is as it was when read (its size, times and inode, all
        # over a second old then) is not read again. Any write shows: a chapter changed
        # in place, the same size, its modification time set back, is still read (its
        # inode's change time moved). The change is made through a hard link outside the
        # book, which the watch does not see: the rebuild comes from another chapter.
        time.sleep(1.2)
        edit(book / 'chapters' / '02.md', 'Dmitry Medvedev', 'Dmitri Medvedev')
        rebuilt(w, 'a chapter edited, the others now settled', 1, 3)
        first = book / 'chapters' / '01.md'
        alias = WORK / 'alias.md'
        os.link(first, alias)
        was = first.stat()
        edit(alias, '# Part 1', '# Part I')
        os.utime(alias, ns=(was.st_atime_ns, was.st_mtime_ns))
        now = first.stat()
        check(now.st_mtime_ns == was.st_mtime_ns and now.st_size == was.st_size and now.st_ino == was.st_ino,
              'the chapter changed behind the watch shows its old size, inode and modification time')
        check(w.quiet(1.2), 'a change through a link outside the book starts no build')
        edit(book / 'chapters' / '02.md', 'Dmitri Medvedev', 'Dmitry Medvedev')
        rebuilt(w, 'another chapter edited, the one changed behind the watch read again', 2, 3)
        same_as_fresh(book, out, 'a chapter changed behind its old modification time')

        w.proc.send_signal(signal.SIGINT)
        try:
            code = w.proc.wait(timeout=10 * SLOW)
        except subprocess.TimeoutExpired:
            w.proc.kill()
            code = None
        check(code == 0, f'SIGINT ends the watch with status 0 (status {code})')
        check(w.next_line(r'stopped watching', 5) is not None, 'and it says so')

        w2 = Watch(book, out)
        check(w2.next_line(r'watching', 60) is not None, 'watching again')
        w2.proc.send_signal(signal.SIGTERM)
        check(w2.proc.wait(timeout=10 * SLOW) == 0, 'SIGTERM ends it with status 0 too')
    finally:
        if w.proc.poll() is None:
            w.proc.kill()
    r = subprocess.run([OCTAVO, 'watch', str(WORK / 'no-such-book')], capture_output=True, text=True, timeout=30)
    check(r.returncode == 1 and 'error' in r.stderr, f'a missing book folder: status 1 and an error ({r.returncode})')
    if failures:
        print('stderr of the watch:\n  ' + '\n  '.join(w.errors[:20]))
        print(f'{len(failures)} failed')
        sys.exit(1)

main()
