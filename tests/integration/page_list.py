#!/usr/bin/env python3
"""The EPUB carries the print edition's page numbers: for every page of the PDF that
holds text, front matter included (half-title, title page, copyright page, the printed
contents), a page-break marker in the EPUB (epub:type="pagebreak", role="doc-pagebreak",
an id and aria-label with the page's label as the PDF's /PageLabels give it) and an
entry in the navigation's page-list, and the words that follow the marker in the EPUB,
reading through the spine, are the words at the top of that page in the PDF (pdftotext,
running heads and folios cropped off). Blank pages have neither.

Usage: page_list.py OCTAVO BOOK_DIR WORK_DIR
"""
import html, json, pathlib, re, shutil, subprocess, sys, zipfile

WORDS = 4  # compared at the top of each page

def words(text):
    text = re.sub(r'(?<=\w)[-\u2010](?=\w)', '', text)
    return re.findall(r'[^\W\d_]+', text.lower())

def roman(n):
    out = ''
    for v, s in ((1000, 'm'), (900, 'cm'), (500, 'd'), (400, 'cd'), (100, 'c'), (90, 'xc'), (50, 'l'),
                 (40, 'xl'), (10, 'x'), (9, 'ix'), (5, 'v'), (4, 'iv'), (1, 'i')):
        while n >= v:
            out, n = out + s, n - v
    return out

def labels(pdf, count):
    """Each page's label, from the PDF's own /PageLabels (qpdf)."""
    ranges = json.loads(subprocess.run(['qpdf', '--json', '--json-key=pagelabels', str(pdf)],
                                       capture_output=True, text=True).stdout)['pagelabels']
    out = []
    for i in range(count):
        r = max((r for r in ranges if r['index'] <= i), key=lambda r: r['index'])
        n = r['label'].get('/St', 1) + i - r['index']
        style = r['label'].get('/S')
        out.append(roman(n) if style == '/r' else roman(n).upper() if style == '/R' else str(n))
    return out

def pdf_tops(pdf):
    """label → the first words of each page with text, in the text block only, read line
    by line from the top (pdftotext -bbox: its plain reading order may take a drop cap's
    small-capital lead-in for a block of its own)."""
    import xml.etree.ElementTree as ET
    ns = '{http://www.w3.org/1999/xhtml}'
    root = ET.fromstring(subprocess.run(['pdftotext', '-bbox', str(pdf), '-'], capture_output=True).stdout)
    pages = list(root.iter(ns + 'page'))
    out = {}
    for label, page in zip(labels(pdf, len(pages)), pages):
        height = float(page.get('height'))
        ws = [(float(w.get('yMax')), float(w.get('xMin')), w.text or '') for w in page.iter(ns + 'word')]
        ws = [w for w in ws if 45 < w[0] < height - 45]  # running heads and folios off
        ws.sort()
        lines = []
        for y, x, t in ws:  # a word within 3 pt of a line's baseline is on it
            if lines and y - lines[-1][0] < 3:
                lines[-1][1].append((x, t))
            else:
                lines.append((y, [(x, t)]))
        text = ' '.join(t for _, line in lines for _, t in sorted(line))
        if words(text):
            out[label] = words(text)[:WORDS]
    return out

MARK = re.compile(r'<span epub:type="pagebreak" role="doc-pagebreak" id="([^"]+)" aria-label="([^"]+)"/>')

def epub_marks(epub):
    """label → the first words after its marker, reading on through the spine; and the
    page-list's entries."""
    with zipfile.ZipFile(epub) as z:
        opf = z.read('EPUB/content.opf').decode()
        manifest = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
        spine = [manifest[i] for i in re.findall(r'<itemref idref="([^"]+)"', opf)]
        stream = ''
        for href in spine:
            doc = z.read('EPUB/' + href).decode()
            body = doc[doc.find('<body'):]
            body = re.sub(r'<aside.*?</aside>', ' ', body, flags=re.S)  # notes sit at a chapter's end
            body = re.sub(r'<section epub:type="endnotes".*?</section>', ' ', body, flags=re.S)
            body = re.sub(r'<nav[^>]*hidden="hidden".*?</nav>', ' ', body, flags=re.S)  # page-list, landmarks
            body = MARK.sub(lambda m: f' \x00{m.group(2)}\x00 ', body)
            stream += ' ' + html.unescape(re.sub(r'<[^>]+>', ' ', body))
        nav = z.read('EPUB/nav.xhtml').decode()
    page_list = re.search(r'<nav epub:type="page-list".*?</nav>', nav, re.S)
    entries = re.findall(r'<a href="([^"]+)">([^<]+)</a>', page_list.group(0)) if page_list else []
    parts = stream.split('\x00')
    marks, pages = {}, {}
    for i in range(1, len(parts) - 1, 2):
        after = ' '.join(parts[j] for j in range(i + 1, min(len(parts), i + 12), 2))
        marks[parts[i]] = words(after)[:WORDS]
        pages[parts[i]] = words(parts[i + 1])  # up to the next marker
    return marks, pages, entries

def subsequence(short, long):
    it = iter(long)
    return all(w in it for w in short)

def main():
    octavo, book, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    r = subprocess.run([octavo, 'build', str(book), '-o', str(work)], capture_output=True, text=True)
    if r.returncode != 0:
        print(f'FAIL: octavo build exited {r.returncode}\n{r.stderr}')
        sys.exit(1)
    pdf, epub = next(work.glob('*.pdf')), next(work.glob('*.epub'))
    tops = pdf_tops(pdf)
    marks, pages, entries = epub_marks(epub)
    in_nav = {e[1] for e in entries if e[0].startswith('nav.xhtml#')}
    front = [l for l in tops if not l.isdigit()]
    failures = []
    missing = [l for l in tops if l not in marks]
    extra = [l for l in marks if l not in tops]
    if missing:
        failures.append(f'{len(missing)} pages with text have no marker: {missing[:20]}')
    if extra:
        failures.append(f'{len(extra)} markers for pages without text or not in the PDF: {extra[:20]}')
    if list(marks) != [l for l in tops if l in marks]:
        failures.append('the markers are not in the order of the pages')
    if [e[1] for e in entries] != list(marks):
        failures.append('the page-list does not list the markers in order')
    for label, href in ((e[1], e[0]) for e in entries):
        if not href.endswith('#page-' + label):
            failures.append(f'page-list entry {label} points to {href}')
            break
    wrong = []
    for label, top in tops.items():
        after = marks.get(label)
        if after is None:
            continue
        # A page that begins inside a word broken at the foot of the page before: its
        # marker stands before that word.
        # A page with fewer words than compared (a part's title page): those words.
        after = after[:len(top)]
        same = after == top or (after[1:] == top[1:] and after[0].endswith(top[0]))
        # A printed contents page in the navigation document: the e-book's contents may
        # list deeper headings than the printed one, so its page holds the printed
        # page's entries in order among others, and opens with the same one.
        if label in in_nav and not same:
            same = after[:1] == top[:1] and subsequence(top, pages[label])
        if not same:
            wrong.append((label, ' '.join(top), ' '.join(after)))
    for label, pdf_words, epub_words in wrong[:15]:
        failures.append(f'page {label}: PDF begins "{pdf_words}", the EPUB after its marker "{epub_words}"')
    print(f'{len(tops)} pages with text ({len(front)} of front matter: {" ".join(front)}), '
          f'{len(marks)} markers, {len(entries)} page-list entries, '
          f'{len(tops) - len(wrong) - len(missing)} tops agree')
    for f in failures:
        print('FAIL: ' + f)
    sys.exit(1 if failures else 0)

main()
