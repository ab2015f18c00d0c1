#!/usr/bin/env python3
"""The command line as a user meets it: usage, exit codes, `new`, and every kind of bad
input named in the manuscript contract. A bad input must give `path:line:col: error: …`
on stderr, exit status 1, and leave the output folder exactly as it was.

Usage: test_cli.py OCTAVO WORK_DIR
"""
import os, pathlib, shutil, subprocess, sys, unittest

OCTAVO = os.path.abspath(sys.argv[1])
WORK = pathlib.Path(sys.argv[2])
PNG_1x1 = bytes.fromhex('89504e470d0a1a0a0000000d49484452000000010000000108020000009077'
                        '53de0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082')

def run(*args, cwd=None):
    return subprocess.run([OCTAVO, *map(str, args)], capture_output=True, text=True, cwd=cwd)

TOML = '''[book]
title = "A Test"
author = "Tester"
language = "en"
identifier = "urn:uuid:00000000-0000-4000-8000-000000000000"
date = "2020"

[build]
chapters = [{chapters}]
'''

class Book:
    """A throw-away book folder with one good chapter unless told otherwise."""
    def __init__(self, name, toml=None, chapters=None):
        self.dir = WORK / name
        shutil.rmtree(self.dir, ignore_errors=True)
        (self.dir / 'chapters').mkdir(parents=True)
        chapters = chapters if chapters is not None else {'chapters/01.md': '# One\n\nText.\n'}
        for rel, text in chapters.items():
            (self.dir / rel).parent.mkdir(parents=True, exist_ok=True)
            data = text if isinstance(text, bytes) else text.encode()
            (self.dir / rel).write_bytes(data)
        if toml is None:
            toml = TOML.format(chapters=', '.join(f'"{c}"' for c in chapters))
        if toml is not False:
            (self.dir / 'book.toml').write_text(toml, encoding='utf-8')

def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else None

class BadInput(unittest.TestCase):
    def expect_error(self, book, first_line, *extra_args, out=None):
        out = out or (WORK / 'out-bad')
        if not out.exists():
            out.mkdir(parents=True)
            (out / 'earlier.epub').write_bytes(b'a good earlier build')
        before = snapshot(out) if out.is_dir() else out.read_bytes()
        r = run('build', book.dir, '-o', out, *extra_args)
        self.assertEqual(r.returncode, 1, r.stderr)
        lines = r.stderr.splitlines()
        self.assertTrue(lines, 'no diagnostic')
        self.assertEqual(lines[0], first_line.format(dir=book.dir))
        after = snapshot(out) if out.is_dir() else out.read_bytes()
        self.assertEqual(before, after, 'the output folder changed')

    def test_no_book_toml(self):
        self.expect_error(Book('no-toml', toml=False), '{dir}/book.toml: error: no book.toml found')

    def test_toml_syntax(self):
        b = Book('syntax', toml='[book\ntitle = "x"\n')
        r = run('check', b.dir)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr.splitlines()[0], rf'^{b.dir}/book.toml:1:6: error: ')
        self.expect_error(b, r.stderr.splitlines()[0].replace(str(b.dir), '{dir}'))

    def test_wrong_type(self):
        toml = TOML.format(chapters='"chapters/01.md"').replace('title = "A Test"', 'title = 3')
        self.expect_error(Book('wrong-type', toml=toml), "{dir}/book.toml:2:1: error: 'title' must be a string, not an integer")

    def test_missing_chapter(self):
        toml = TOML.format(chapters='"chapters/01.md", "chapters/02.md"')
        self.expect_error(Book('missing-chapter', toml=toml),
                          '{dir}/book.toml:9:31: error: chapter file not found: chapters/02.md')

    def test_chapter_outside(self):
        (WORK / 'outside.md').write_text('# Out\n')
        toml = TOML.format(chapters='"../outside.md"')
        self.expect_error(Book('chapter-outside', toml=toml),
                          '{dir}/book.toml:9:13: error: chapter path is outside the book folder: ../outside.md')

    def test_invalid_utf8(self):
        b = Book('bad-utf8', chapters={'chapters/01.md': b'# One\n\nCaf\xe9 au lait.\n'})
        self.expect_error(b, '{dir}/chapters/01.md:3:4: error: invalid UTF-8')

    def test_missing_image(self):
        b = Book('missing-image', chapters={'chapters/01.md': '# One\n\n![A map](../images/map.png)\n'})
        self.expect_error(b, '{dir}/chapters/01.md:3:1: error: image not found: ../images/map.png')

    def test_corrupt_image(self):
        b = Book('corrupt-image', chapters={'chapters/01.md': '# One\n\n![A map](../images/map.png)\n',
                                             'images/map.png': b'\x89PNG\r\n\x1a\nrubbish'})
        self.expect_error(b, '{dir}/chapters/01.md:3:1: error: cannot use image ../images/map.png: corrupt PNG: no IHDR header')

    def test_image_outside(self):
        (WORK / 'outside.png').write_bytes(PNG_1x1)
        b = Book('image-outside', chapters={'chapters/01.md': '# One\n\n![A map](../../outside.png)\n'})
        self.expect_error(b, '{dir}/chapters/01.md:3:1: error: image path is outside the book folder: ../../outside.png')

    def test_empty_book(self):
        self.expect_error(Book('empty', chapters={}, toml=TOML.format(chapters='')),
                          '{dir}/book.toml:9:1: error: the book has no chapters')

    def test_unknown_style(self):
        toml = TOML.format(chapters='"chapters/01.md"') + 'style = "gothic"\n'
        self.expect_error(Book('unknown-style', toml=toml), "{dir}/book.toml:10:1: error: unknown style 'gothic'")

    def test_output_not_writable(self):
        b = Book('unwritable')
        blocker = WORK / 'a-file'
        blocker.write_bytes(b'not a folder')
        self.expect_error(b, f'{blocker}: error: output directory cannot be written', out=blocker)

class Usage(unittest.TestCase):
    def test_help_and_version(self):
        r = run('--help')
        self.assertEqual(r.returncode, 0)
        for word in ('build', 'check', 'new', 'styles'):
            self.assertIn(word, r.stdout)
        r = run('--version')
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r'^octavo \d+\.\d+\.\d+')

    def test_bad_usage_is_2(self):
        self.assertEqual(run('build', '--no-such-flag').returncode, 2)
        self.assertEqual(run('frobnicate').returncode, 2)
        self.assertEqual(run().returncode, 2)

    def test_styles_lists_classic(self):
        r = run('styles')
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r'(?m)^classic\s+\S')

    def test_new_builds_at_once_and_refuses_to_overwrite(self):
        target = WORK / 'new-book'
        shutil.rmtree(target, ignore_errors=True)
        r = run('new', target)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run('build', target, '-o', WORK / 'new-out')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue((WORK / 'new-out' / 'new-book.epub').is_file())
        self.assertTrue((WORK / 'new-out' / 'new-book.pdf').is_file())
        self.assertRegex(r.stdout, r'wrote .*new-book\.epub: \d+ files, .* ms')
        self.assertRegex(r.stdout, r'wrote .*new-book\.pdf: \d+ pages, .* ms')
        before = (target / 'book.toml').read_bytes()
        r = run('new', target)
        self.assertEqual(r.returncode, 1)
        self.assertIn('error: already exists', r.stderr)
        self.assertEqual((target / 'book.toml').read_bytes(), before)

    def test_check_writes_nothing(self):
        b = Book('check-ok')
        r = run('check', b.dir, cwd=WORK)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse((WORK / 'out').exists())

    def test_only_epub(self):
        b = Book('only-epub')
        out = WORK / 'only-epub-out'
        shutil.rmtree(out, ignore_errors=True)
        r = run('build', b.dir, '--epub', '-o', out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sorted(p.name for p in out.iterdir()), ['only-epub.epub'])

    def test_timings(self):
        # --timings: a timeline of the stages on stderr, after the outputs are written;
        # the outputs are the same bytes as without it.
        b = Book('timings')
        plain, timed = WORK / 'timings-plain', WORK / 'timings-timed'
        for out, extra in ((plain, []), (timed, ['--timings'])):
            shutil.rmtree(out, ignore_errors=True)
            env = dict(os.environ, SOURCE_DATE_EPOCH='0')
            r = subprocess.run([OCTAVO, 'build', b.dir, '-o', out, *extra], capture_output=True, text=True, env=env)
            self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn('timings:', r.stdout)
        lines = r.stderr.splitlines()
        self.assertTrue(lines[0].startswith('timings: '), r.stderr)
        stages = [line.split(None, 3)[3] for line in lines[1:-1]]
        for stage in ('[0] book read', '[0] chapters laid out', '[0] pages', '[0] PDF: saved',
                      '[0] PDF: file written', '[0] outputs put in place'):
            self.assertIn(stage, stages)
        self.assertTrue(any(s.endswith('EPUB: zipped') for s in stages), stages)
        self.assertTrue(any(s.endswith('EPUB: file written') for s in stages), stages)
        for line in lines[1:-1]:
            start, end, length = map(float, line.split()[:3])
            self.assertLessEqual(start, end)
            self.assertAlmostEqual(end - start, length, delta=0.11)
        self.assertRegex(lines[-1], r'^ +[0-9.]+ ms in all$')
        for name in ('timings.epub', 'timings.pdf'):
            self.assertEqual((plain / name).read_bytes(), (timed / name).read_bytes(), name)

if __name__ == '__main__':
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    unittest.main(argv=[sys.argv[0], '-v'])
