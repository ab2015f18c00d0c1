#!/usr/bin/env python3
"""One style key, both outputs: a style that changes a single key of `classic` must
change the EPUB's stylesheet and the PDF the way the key says, and nothing else the test
looks at.

Builds the sample book with classic and with one-key variants (body size, first-line
indent, trim size, heading case, heading number, [pdf] and [epub] tables) through the real binary, then reads the stylesheet out
of the EPUB and measures the PDF with poppler (pdfinfo, pdftotext -bbox-layout).

Usage: style_keys.py OCTAVO BOOK_DIR WORK_DIR
"""
import re, shutil, statistics, subprocess, sys, zipfile, pathlib
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/1999/xhtml}'
failures = []

def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        failures.append(what)

def build(octavo, book, work, name, toml):
    style = work / f'{name}.toml'
    style.write_text('extends = "classic"\ndescription = "test"\n' + toml, encoding='utf-8')
    out = work / name
    r = subprocess.run([octavo, 'build', str(book), '--style', str(style), '-o', str(out)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(f'FAIL: build with {name} exited {r.returncode}\n{r.stderr}')
        sys.exit(1)
    epub = next(out.glob('*.epub'))
    pdf = next(out.glob('*.pdf'))
    with zipfile.ZipFile(epub) as z:
        css = z.read('EPUB/css/book.css').decode('utf-8')
    return css, pdf

def rule(css, selector):
    """The declarations of the first rule for `selector`, as a dict."""
    m = re.search(r'(?m)^' + re.escape(selector) + r' \{\n(.*?)\n\}', css, re.S)
    if not m:
        return {}
    return dict(l.strip().rstrip(';').split(': ', 1) for l in m.group(1).splitlines() if ': ' in l)

def page_size(pdf):
    info = subprocess.run(['pdfinfo', str(pdf)], capture_output=True, text=True).stdout
    w, h = re.search(r'Page size:\s+([\d.]+) x ([\d.]+)', info).groups()
    return float(w), float(h)

def lines(pdf):
    """Every text line of the body pages: (page, x0, height, text)."""
    xml = subprocess.run(['pdftotext', '-bbox-layout', str(pdf), '-'], capture_output=True).stdout
    out = []
    for n, page in enumerate(ET.fromstring(xml).iter(NS + 'page')):
        for line in page.iter(NS + 'line'):
            words = [w.text or '' for w in line.iter(NS + 'word')]
            out.append((n, float(line.get('xMin')), float(line.get('yMax')) - float(line.get('yMin')),
                        ' '.join(words)))
    return out

def body_height(ls):
    return statistics.mode(round(h, 1) for _, _, h, t in ls if len(t.split()) >= 5)

def indents(ls):
    """How far the indented body lines start right of the page's text edge."""
    h = body_height(ls)
    body = [l for l in ls if abs(l[2] - h) < 0.5 and len(l[3].split()) >= 3]
    out = []
    for page in {l[0] for l in body}:
        on = [x for p, x, _, _ in body if p == page]
        edge = statistics.mode(round(x, 1) for x in on)
        out += [round(x - edge, 1) for x in on if x > edge + 2]
    return out

def png(width, height):
    """A small RGB PNG: a dark band in the middle of white."""
    import struct, zlib
    rows = b''.join(b'\0' + b''.join(b'\x30\x30\x30' if height // 3 <= y < 2 * height // 3 else b'\xff\xff\xff'
                                      for _ in range(width)) for y in range(height))
    chunk = lambda kind, data: struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))

def scene_break_image(octavo, work):
    book = work / 'ornament-book'
    (book / 'chapters').mkdir(parents=True)
    (book / 'book.toml').write_text('[book]\ntitle = "Scenes"\nauthor = "A"\nlanguage = "en"\n'
                                    'identifier = "urn:uuid:6f1c2a4e-0b7d-4d8e-9a51-3c2f7e9b1d20"\n'
                                    '[build]\nstyle = "ornament.toml"\n', encoding='utf-8')
    (book / 'chapters' / '01.md').write_text('# One\n\nBefore the break.\n\n* * *\n\nAfter the break.\n',
                                              encoding='utf-8')
    (book / 'fleuron.png').write_bytes(png(60, 20))
    (book / 'ornament.toml').write_text('extends = "classic"\n[scene-break]\nimage = "fleuron.png"\n'
                                        'image-height = "22pt"\n', encoding='utf-8')
    out = work / 'ornament'
    r = subprocess.run([octavo, 'build', str(book), '-o', str(out)], capture_output=True, text=True)
    check(r.returncode == 0, f'scene-break.image: the book builds ({r.stderr.strip()[:300]})')
    if r.returncode != 0:
        return
    epub, pdf = next(out.glob('*.epub')), next(out.glob('*.pdf'))
    with zipfile.ZipFile(epub) as z:
        names = z.namelist()
        css = z.read('EPUB/css/book.css').decode('utf-8')
        opf = z.read('EPUB/content.opf').decode('utf-8')
    check('EPUB/images/fleuron.png' in names, 'scene-break.image: the EPUB carries the image')
    check('href="images/fleuron.png"' in opf and 'schema:accessMode">visual' not in opf,
          'scene-break.image: listed in the manifest, not counted as a visual of the book')
    hr = [m for m in re.finditer(r'(?m)^hr\.scene-break \{\n(.*?)\n\}', css, re.S)]
    check(any('url("../images/fleuron.png")' in m.group(1) and 'height: 2em' in m.group(1) for m in hr),
          'scene-break.image: hr.scene-break draws it, 2 em (22 pt) high')
    check('hr.scene-break::after' not in css, 'scene-break.image: no text ornament in the CSS')
    listing = subprocess.run(['pdfimages', '-list', str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    check(len(listing) == 1 and listing[0].split()[3:5] == ['60', '20'],
          f'scene-break.image: the PDF draws the 60 x 20 image once ({len(listing)} images)')
    text = subprocess.run(['pdftotext', str(pdf), '-'], capture_output=True, text=True).stdout
    check('*' not in text, 'scene-break.image: no asterisks in the PDF')
    # Outside the style's folder: refused before anything is built.
    (book / 'ornament.toml').write_text('extends = "classic"\n[scene-break]\nimage = "../x.png"\n',
                                        encoding='utf-8')
    (work / 'x.png').write_bytes(png(4, 4))
    r = subprocess.run([octavo, 'build', str(book), '-o', str(out)], capture_output=True, text=True)
    check(r.returncode == 1 and "ornament.toml:3:1: error: 'scene-break.image': '../x.png' is outside" in r.stderr,
          'scene-break.image outside the style folder: a positioned error, exit 1')

def main():
    octavo, book, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    base_css, base_pdf = build(octavo, book, work, 'base', '')
    base_lines = lines(base_pdf)

    # body.size: the EPUB scales the reader's size by 13/11; the PDF's text is taller.
    css, pdf = build(octavo, book, work, 'size', '[body]\nsize = "13pt"\nleading = "16.5pt"\n')
    check(rule(base_css, 'body').get('font-size') == '1em', 'classic: body font-size 1em')
    check(rule(css, 'body').get('font-size') == '1.182em', 'body.size 13pt: body font-size 1.182em')
    ratio = body_height(lines(pdf)) / body_height(base_lines)
    check(abs(ratio - 13 / 11) < 0.02, f'body.size 13pt: PDF body lines {ratio:.3f} times as tall (13/11)')

    # body.indent: the CSS indent and the PDF's indented lines.
    css, pdf = build(octavo, book, work, 'indent', '[body]\nindent = "3em"\n')
    check(rule(base_css, 'p + p').get('text-indent') == '1.5em', 'classic: p + p text-indent 1.5em')
    check(rule(css, 'p + p').get('text-indent') == '3em', 'body.indent 3em: p + p text-indent 3em')
    base_ind, ind = statistics.median(indents(base_lines)), statistics.median(indents(lines(pdf)))
    check(abs(base_ind - 16.5) < 0.6, f'classic: PDF paragraph indent {base_ind} pt (1.5 x 11)')
    check(abs(ind - 33) < 0.6, f'body.indent 3em: PDF paragraph indent {ind} pt (3 x 11)')

    # page.size: the PDF's trim; the EPUB has no page geometry, so its CSS does not change.
    css, pdf = build(octavo, book, work, 'trim', '[page]\nsize = "a5"\n')
    w, h = page_size(base_pdf)
    check(abs(w - 432) < 0.1 and abs(h - 648) < 0.1, f'classic: PDF page {w} x {h} pt (6 x 9 in)')
    w, h = page_size(pdf)
    check(abs(w - 419.53) < 0.1 and abs(h - 595.28) < 0.1, f'page.size a5: PDF page {w} x {h} pt')
    check(css == base_css, 'page.size a5: the stylesheet is unchanged')

    # headings.1.case: small capitals in classic, as written when "normal".
    css, pdf = build(octavo, book, work, 'case', '[headings.1]\ncase = "normal"\n')
    check(rule(base_css, 'h1').get('font-variant') == 'small-caps', 'classic: h1 font-variant small-caps')
    check(rule(css, 'h1').get('font-variant') == 'normal', 'headings.1.case normal: h1 font-variant normal')
    title = 'Medvedev: Russia will help Kosovo'
    base_text = ' '.join(t for *_, t in base_lines)
    text = ' '.join(t for *_, t in lines(pdf))
    check(title.upper() in base_text, 'classic: the PDF heading reads in capitals')
    check(title in text and title.upper() not in text,
          'headings.1.case normal: the PDF heading reads as written, nowhere in capitals')

    # headings.1.number: the number above the title in both outputs and in both tables
    # of contents (the EPUB's nav, the PDF's outline).
    css, pdf = build(octavo, book, work, 'number', '[headings.1]\nnumber = "Article {W}"\n')
    check('.heading-number' not in base_css, 'classic: no heading-number rule')
    check(rule(css, '.heading-number').get('display') == 'block', 'headings.1.number: .heading-number is a block')
    with zipfile.ZipFile(next((work / 'number').glob('*.epub'))) as z:
        chapter = z.read('EPUB/text/chapter-001.xhtml').decode('utf-8')
        nav = z.read('EPUB/nav.xhtml').decode('utf-8')
    check('<span class="heading-number">Article One</span> Medvedev' in chapter,
          'headings.1.number: the EPUB heading starts with "Article One"')
    check('Article One\u2003Medvedev' in nav, 'headings.1.number: the nav entry reads "Article One  Medvedev…"')
    text = [t for *_, t in lines(pdf)]
    at = [i for i, t in enumerate(text) if t.upper() == 'ARTICLE ONE']
    check(bool(at) and text[at[-1] + 1].upper().startswith('MEDVEDEV'),
          'headings.1.number: in the PDF "ARTICLE ONE" is a line of its own above the title')
    check(not any(t.upper() == 'ARTICLE ONE' for t in (t for *_, t in base_lines)), 'classic: no number in the PDF')
    outline = subprocess.run(['qpdf', '--json', '--json-key=outlines', str(pdf)], capture_output=True, text=True).stdout
    check('Article One\\u2003Medvedev' in outline or 'Article One\u2003Medvedev' in outline,
          'headings.1.number: the PDF outline entry has the number')

    # [pdf] and [epub] tables: each changes its own output only.
    css, pdf = build(octavo, book, work, 'targets',
                     '[pdf.body]\nsize = "13pt"\nleading = "16.5pt"\n[epub.body]\nindent = "3em"\n')
    check(rule(css, 'body').get('font-size') == '1em', '[pdf] body.size 13pt: the EPUB body stays 1em')
    check(rule(css, 'p + p').get('text-indent') == '3em', '[epub] body.indent 3em: p + p text-indent 3em')
    ls = lines(pdf)
    ratio = body_height(ls) / body_height(base_lines)
    check(abs(ratio - 13 / 11) < 0.02, f'[pdf] body.size 13pt: PDF body lines {ratio:.3f} times as tall')
    ind = statistics.median(indents(ls))
    check(abs(ind - 1.5 * 13) < 0.6, f'[epub] body.indent 3em: the PDF indent stays 1.5 em ({ind} pt)')

    # page.bleed: the media grows by the bleed on every side, the TrimBox is the page, and
    # everything on it moves in by the bleed; the EPUB does not change.
    css, pdf = build(octavo, book, work, 'bleed', '[page]\nbleed = "0.125in"\n')
    def boxes(p):
        info = subprocess.run(['pdfinfo', '-box', str(p)], capture_output=True, text=True).stdout
        return {k: [float(v) for v in re.search(k + r':\s+(.*)', info).group(1).split()]
                for k in ('MediaBox', 'TrimBox', 'BleedBox')}
    b0, b1 = boxes(base_pdf), boxes(pdf)
    check(b0['TrimBox'] == b0['MediaBox'], 'classic: no bleed, TrimBox = MediaBox')
    check(b1['MediaBox'] == [0, 0, 450, 666] and b1['TrimBox'] == [9, 9, 441, 657] and b1['BleedBox'] == b1['MediaBox'],
          f'page.bleed 0.125in: MediaBox 450 x 666, TrimBox 9 pt in ({b1})')
    first = lambda p: next(x for _, x, _, t in lines(p) if t.startswith('In a sign'))
    dx = first(pdf) - first(base_pdf)
    check(abs(dx - 9) < 0.01, f'page.bleed 0.125in: the text moves 9 pt right ({dx:.2f})')
    check(css == base_css, 'page.bleed: the stylesheet is unchanged')

    # scene-break.image: an image instead of the ornament, in both outputs.
    scene_break_image(octavo, work)

    if failures:
        print(f'FAIL: {len(failures)} of the checks')
        sys.exit(1)
    print('PASS')

main()
