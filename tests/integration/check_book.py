#!/usr/bin/env python3
"""Builds one book with octavo and checks both outputs with independent tools.

EPUB: EPUBCheck must report no fatal error, error or warning.
PDF:  `qpdf --check` passes; `pdffonts` lists every font embedded and subset and
      prints nothing on stderr; `pdftotext` prints no warning and gives back the
      book's words in reading order.

Typesetting (with --audit PDF_AUDIT): the figures ../shared/tools/pdf-audit reports
must meet the targets of the typesetting issue (TARGETS below; --strict adds the ones
set for the mid-sized novel). With --style NAME the book is built in that shipped style;
a style set ragged right is held to the targets that apply to its design (RAGGED_TARGETS):
the audit cannot find a right edge in ragged text, so overfull lines are counted here
against the text block the style's page keys give, and each orphan it reports is
re-checked (see real_orphans). In every style each short page it reports is re-checked:
one followed by a chapter opening ends its chapter (see real_short_pages).

With --max-epub-bytes N the EPUB must embed its fonts and still be at most N bytes (the
fonts subset to the characters the book uses).

With --endnotes the book's style asks for endnotes in the EPUB (epub.notes): every
chapter with notes ends with a section epub:type="endnotes" role="doc-endnotes" that
holds them as list items, each linked to and from its reference, and no note is a
footnote aside.

Usage: check_book.py OCTAVO BOOK_DIR WORK_DIR [--style NAME] [--audit PDF_AUDIT [--strict]]
                     [--max-epub-bytes N] [--endnotes]
"""
import json, pathlib, re, shutil, subprocess, sys, zipfile

def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)

def fail(msg):
    print('FAIL: ' + msg)
    sys.exit(1)

def words(text):
    # A compound counts as one word on both sides: pdftotext joins a line that ends in a
    # hyphen to the next, whether the hyphen was added by hyphenation or is the author's.
    text = re.sub(r'(?<=\w)[-\u2010](?=\w)', '', text)
    return re.findall(r'[^\W\d_]+', text.lower())

def manuscript_words(book):
    """The chapters' words in reading order, footnote definitions left out (they sit
    at the foot of some later page), Markdown syntax dropped."""
    import tomllib
    meta = tomllib.loads((book / 'book.toml').read_text(encoding='utf-8'))
    chapters = meta.get('build', {}).get('chapters') or sorted(
        str(p.relative_to(book)) for p in (book / 'chapters').glob('*.md'))
    out = []
    for rel in chapters:
        in_note = False
        for line in (book / rel).read_text(encoding='utf-8').splitlines():
            if re.match(r'\[\^[^\]]+\]:', line):
                in_note = True
                continue
            if in_note and (line.startswith('    ') or not line.strip()):
                continue
            in_note = False
            line = re.sub(r'!\[[^\]]*\]\([^)]*\)', ' ', line)   # images: alt text is not printed
            line = re.sub(r'\[\^[^\]]+\]', ' ', line)            # note references
            line = re.sub(r'\]\([^)]*\)', ' ', line)             # link targets
            out += words(line)
    return out

def find_run(actual, run, start, end):
    """First j in [start, end) where actual[j:j+len(run)] == run, or -1."""
    j = start
    while True:
        try:
            j = actual.index(run[0], j, end)
        except ValueError:
            return -1
        if actual[j:j + len(run)] == run:
            return j
        j += 1

def in_order(expected, actual, near=300, far=20000):
    """How many expected words appear in order in actual. A word counts when it and the
    next two words appear together within `near` words after the previous match (running
    heads, folios and notes come in between), or when it is the very next word after the
    previous match (the last words of a page, with its footnotes after them); to pick up
    the thread after the front matter or a lost stretch, eight words must match together
    within `far` words. The anchors keep one common word from pulling the match far ahead.
    Returns (matched, first misses)."""
    pos, matched, misses = 0, 0, []
    for i, w in enumerate(expected):
        if matched and pos < len(actual) and actual[pos] == w:
            pos, matched = pos + 1, matched + 1
            continue
        j = find_run(actual, expected[i:i + 3], pos, min(len(actual), pos + near))
        if j < 0:
            j = find_run(actual, expected[i:i + 8], pos, min(len(actual), pos + far))
        if j >= 0:
            pos, matched = j + 1, matched + 1
        elif len(misses) < 10:
            misses.append((i, w, ' '.join(expected[max(0, i - 5):i + 5])))
    return matched, misses

# The most each figure of pdf-audit may be, for every book in the default style, and
# the stricter ones for ../shared/corpus/mid.
TARGETS = dict(overfull=0, ragged=0, widows=0, orphans=0, short_pages=0, max_hyphen_run=2,
               space_em_p95=0.32)
STRICT = dict(page_end_hyphens=10, loose_lines=7)

# Ragged right: no right edge to be flush with, so no `ragged` and no word-space figures
# (spaces are the font's own); overfull lines are measured against the style's text
# block instead (overfull_from_style).
RAGGED_TARGETS = dict(widows=0, orphans=0, short_pages=0, max_hyphen_run=2)

def load_audit_module(tool):
    from importlib.machinery import SourceFileLoader
    return SourceFileLoader('pdf_audit', tool).load_module()

def real_orphans(m, all_pages, pages):
    """The audit counts a page as ending on an orphan when its last line is indented
    against the page's left edge and reaches its guessed right edge. In ragged text set
    in a block quotation (a letter, a page long) every line is indented and some reach
    that edge: an orphan is real only when the last line is indented against the line
    above it too, and that line is not a list item's first line whose text (after its
    bullet or number) the last line continues under. Returns the pages with a real
    orphan."""
    lines = [l for _, _, blocks in all_pages for b in blocks for l in b]
    body_h = m.mode([l['y1'] - l['y0'] for l in lines if len(l['words']) >= 3], 0.25)
    marker = re.compile(r'^([\u2013\u2014\u2022*-]|\d+[.)])$')
    real = []
    # A contents entry's leaders, aligned in a column and so read apart from its title.
    leaders = lambda l: all(w[2] == '.' for w in l['words'][:-1]) and len(l['words']) > 2
    for n in pages:
        _, _, blocks = all_pages[n - 1]
        body = [l for b in blocks for l in b if abs((l['y1'] - l['y0']) - body_h) < 0.2 * body_h]
        if len(body) < 2:
            real.append(n)
            continue
        last, above = body[-1], body[-2]
        hangs = len(above['words']) >= 2 and marker.match(above['words'][0][2]) and \
            abs(above['words'][1][0] - last['x0']) < 2
        if last['x0'] > above['x0'] + 2 and not hangs and not leaders(last):
            real.append(n)
    return real

def real_short_pages(pdf, pages):
    """The audit counts a page as short when it ends above the others and a page of
    plain text follows; a chapter that opens without a heading (an epigraph) reads as
    plain text. A page followed by a chapter opening, which carries no running head,
    ends its chapter and is not short. Returns the pages that are short."""
    real = []
    for n in pages:
        out = run(['pdftotext', '-f', str(n + 1), '-l', str(n + 1), '-bbox', str(pdf), '-']).stdout
        height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out).group(1))
        top = [float(y) for y in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"', out)]
        if any(y < height / 8 for y in top):
            real.append(n)
    return real

def shipped_style(octavo, name):
    """The shipped style file `name`, as a dict (octavo says where the styles are)."""
    import tomllib
    folder = pathlib.Path(run([octavo, 'styles', '--path']).stdout.split('\n')[0])
    return tomllib.loads((folder / f'{name}.toml').read_text(encoding='utf-8'))

def text_block(style):
    """(width, inner, outer) of the page in points, from a shipped style's page keys."""
    page = style['page']
    presets = {'5x8in': 360, '5.25x8in': 378, '5.5x8.5in': 396, '6x9in': 432, 'a5': 419.53,
               'b5': 498.9, 'a4': 595.28, 'letter': 612}
    unit = dict(pt=1, in_=72, mm=72 / 25.4, cm=72 / 2.54)
    def points(v):
        number, u = re.fullmatch(r'([\d.]+)(pt|in|mm|cm)', v).groups()
        return float(number) * unit['in_' if u == 'in' else u]
    return presets[page['size']], points(page['inner']), points(page['outer'])

def overfull_from_style(all_pages, block):
    """Pages with lines that run past the right edge of the style's text block (1 pt of
    slack, as the audit's), on rectos (inner margin left) and versos alike."""
    width, inner, outer = block
    over = []
    for n, (_, _, blocks) in enumerate(all_pages):
        right = width - (outer if n % 2 == 0 else inner)
        if any(l['x1'] > right + 1.0 for b in blocks for l in b):
            over.append(n + 1)
    return over

def audit(tool, pdf, strict, ragged=None):
    """Runs pdf-audit's own code in this process, so that its reading of the PDF (one
    pdftotext -bbox-layout, the slow part) serves the checks of a ragged style too."""
    m = load_audit_module(tool)
    all_pages = list(m.pages_of(str(pdf)))
    m.pages_of = lambda _: iter(all_pages)
    figures = m.audit(str(pdf))
    targets = dict(TARGETS, **(STRICT if strict else {}))
    if ragged:
        targets = dict(RAGGED_TARGETS)
        over = overfull_from_style(all_pages, ragged)
        print(f'overfull against the style\'s text block: {len(over)} pages {over[:20]}')
        if over:
            fail('lines run past the text block')
        reported = figures.get('orphan_pages', [])
        real = real_orphans(m, all_pages, reported)
        print(f'orphans: {len(reported)} reported by pdf-audit, {len(real)} real {real} '
              f'(the others end a page in a quotation, a list or the contents)')
        figures['orphans'], figures['orphan_pages'] = len(real), real
    reported = figures.get('short_page_list', [])
    if reported:
        real = real_short_pages(pdf, reported)
        print(f'short pages: {len(reported)} reported by pdf-audit, {len(real)} real {real} '
              f'(the others end a chapter)')
        figures['short_pages'], figures['short_page_list'] = len(real), real
    over = {k: (figures.get(k), most) for k, most in targets.items() if figures.get(k, 0) > most}
    print('pdf-audit: ' + ', '.join(f'{k} {figures.get(k)}' for k in targets))
    if over:
        for k, (got, most) in over.items():
            pages = figures.get(dict(widows='widow_pages', orphans='orphan_pages',
                                     short_pages='short_page_list').get(k, ''), '')
            print(f'  {k}: {got} (at most {most}) {pages}')
        fail('pdf-audit figures above the targets: ' + ', '.join(over))

def check_epub_size(epub, most):
    """The EPUB carries its fonts and is still at most `most` bytes."""
    with zipfile.ZipFile(epub) as z:
        fonts = [i for i in z.infolist() if re.search(r'\.(ttf|otf|woff2?)$', i.filename)]
    size = epub.stat().st_size
    font_bytes = sum(i.file_size for i in fonts)
    print(f'EPUB size: {size} bytes (at most {most}), {len(fonts)} fonts of {font_bytes} bytes')
    if not fonts:
        fail('the EPUB embeds no fonts: its size says nothing about subsetting')
    if size > most:
        fail(f'the EPUB is {size} bytes, more than {most}')

def check_endnotes(epub):
    """Each chapter's notes are endnotes at its end, linked both ways."""
    notes = 0
    with zipfile.ZipFile(epub) as z:
        for name in sorted(n for n in z.namelist() if re.search(r'text/chapter-\d+\.xhtml$', n)):
            doc = z.read(name).decode('utf-8')
            if 'epub:type="footnote"' in doc:
                fail(f'{name}: a footnote aside in a book with endnotes')
            refs = re.findall(r'<a epub:type="noteref" role="doc-noteref" id="([^"]+)" href="#(note-\d+)"', doc)
            if not refs:
                continue
            section = re.search(r'<section epub:type="endnotes" role="doc-endnotes" aria-labelledby="endnotes">'
                                r'\s*<h[1-6] id="endnotes">Notes</h[1-6]>\s*<ol>(.*?)</ol>\s*</section>\s*</section>'
                                r'\s*</body>', doc, re.S)
            if not section:
                fail(f'{name}: has note references but no endnotes section at its end')
            items = re.findall(r'<li epub:type="endnote" id="(note-\d+)">\s*<p><a href="#([^"]+)" role="doc-backlink">',
                               section.group(1))
            back = dict(items)
            for ref, note in refs:
                if note not in back:
                    fail(f'{name}: reference {ref} points to {note}, not an endnote of the chapter')
            notes += len(items)
    if notes == 0:
        fail('no endnotes found')
    print(f'endnotes: {notes}, each at its chapter\'s end and linked both ways')

def main():
    args = sys.argv[1:]
    endnotes = '--endnotes' in args
    if endnotes:
        args.remove('--endnotes')
    audit_tool = None
    strict = '--strict' in args
    if strict:
        args.remove('--strict')
    style = None
    if '--style' in args:
        i = args.index('--style')
        style = args[i + 1]
        del args[i:i + 2]
    max_epub = None
    if '--max-epub-bytes' in args:
        i = args.index('--max-epub-bytes')
        max_epub = int(args[i + 1])
        del args[i:i + 2]
    if '--audit' in args:
        i = args.index('--audit')
        audit_tool = args[i + 1]
        del args[i:i + 2]
    octavo, book, work = args[0], pathlib.Path(args[1]), pathlib.Path(args[2])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    # Build from a copy so the slug (and so the file names) are predictable.
    r = run([octavo, 'build', str(book), '-o', str(work / 'out')] + (['--style', style] if style else []))
    print(r.stdout, end='')
    if r.returncode != 0:
        fail(f'octavo build exited {r.returncode}:\n{r.stderr}')
    epubs, pdfs = list((work / 'out').glob('*.epub')), list((work / 'out').glob('*.pdf'))
    if len(epubs) != 1 or len(pdfs) != 1:
        fail(f'expected one EPUB and one PDF, got {epubs} {pdfs}')
    epub, pdf = epubs[0], pdfs[0]

    report = work / 'epubcheck.json'
    r = run(['java', '-jar', '/usr/bin/epubcheck', str(epub), '--json', str(report)])
    data = json.loads(report.read_text())
    bad = [m for m in data.get('messages', []) if m.get('severity') in ('FATAL', 'ERROR', 'WARNING')]
    if bad or r.returncode != 0:
        for m in bad[:20]:
            loc = (m.get('locations') or [{}])[0]
            print(f"  {m['severity']} {m['ID']} {loc.get('path')}:{loc.get('line')}: {m['message']}")
        fail(f'EPUBCheck: {len(bad)} problems (exit {r.returncode})')
    print(f'EPUBCheck: 0 errors, 0 warnings ({epub.name})')
    if max_epub is not None:
        check_epub_size(epub, max_epub)
    if endnotes:
        check_endnotes(epub)

    r = run(['qpdf', '--check', str(pdf)])
    if r.returncode != 0:
        fail('qpdf --check:\n' + r.stdout[-2000:] + r.stderr[-2000:])
    print('qpdf --check: ok')

    r = run(['pdffonts', str(pdf)])
    rows = r.stdout.splitlines()[2:]
    if r.returncode != 0 or r.stderr.strip() or not rows:
        fail('pdffonts: ' + r.stderr)
    for row in rows:
        cols = row.split()
        # name type [type2] encoding emb sub uni object ID: emb/sub/uni are cols -5..-3
        emb, sub = cols[-5], cols[-4]
        if emb != 'yes' or sub != 'yes' or '+' not in cols[0]:
            fail('pdffonts: font not embedded and subset: ' + row)
    print(f'pdffonts: {len(rows)} fonts, all embedded and subset')

    # The words of the text block only: running heads sit in the top margin and folios
    # of opening pages in the bottom one (45 pt from each edge: inside the default
    # style's 54 pt margins), so they do not interrupt the text between two pages.
    height = float(re.search(r'Page size:\s+[\d.]+ x ([\d.]+)', run(['pdfinfo', str(pdf)]).stdout).group(1))
    crop = ['-x', '0', '-y', '45', '-W', '10000', '-H', str(int(height - 90))]
    r = subprocess.run(['pdftotext', '-enc', 'UTF-8', *crop, str(pdf), '-'], capture_output=True)
    if r.returncode != 0 or r.stderr.strip():
        fail('pdftotext printed: ' + r.stderr.decode(errors='replace')[:2000])
    text = r.stdout.decode('utf-8')
    text = re.sub(r'(\w)-\n\s*(\w)', r'\1\2', text)   # the hyphens added at line and page ends
    expected, actual = manuscript_words(book), words(text)
    matched, misses = in_order(expected, actual)
    share = matched / max(1, len(expected))
    print(f'pdftotext: {matched} of {len(expected)} words in order ({share:.4%})')
    if share < 0.995:
        for i, w, ctx in misses:
            print(f'  missing word {i} {w!r} in: {ctx}')
        fail('the PDF does not give back the book\'s words in order')
    if audit_tool:
        ragged = None
        if style:
            keys = shipped_style(octavo, style)
            if keys.get('body', {}).get('align', 'justify') != 'justify':
                ragged = text_block(keys)
        audit(audit_tool, pdf, strict, ragged)
    print('PASS')

main()
