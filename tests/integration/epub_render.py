#!/usr/bin/env python3
"""The EPUB as a browser engine lays it out: every document of the spine opened in
headless Chromium (the engine of many reading systems) at a phone's width and a
tablet's, where

- every font the book embeds that the document uses loads (FontFace status "loaded",
  none "error"), and the text is set in the book's families, not a fallback: each
  element's first font family is one the style sheet declares, or a generic family;
- no line of text, image, table or code block reaches past the right edge of the page
  (nor the left), and the page never scrolls sideways.

A small harness page, written next to the unzipped EPUB's package, loads the documents
one by one in an iframe of each width, waits for document.fonts.ready, measures, and
writes its findings into its own DOM, which `chromium --dump-dom` prints.

Usage: epub_render.py OCTAVO BOOK_DIR WORK_DIR [CHROMIUM]
"""
import json, os, pathlib, re, shutil, subprocess, sys, zipfile

WIDTHS = (320, 768)  # CSS pixels: a small phone, a tablet

HARNESS = r'''<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>octavo render check</title></head>
<body>
<iframe id="frame" style="border:0;height:600px"></iframe>
<pre id="result">pending</pre>
<script>
const files = FILES, widths = WIDTHS;
const generic = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'inherit']);
const weight = w => (w === 'bold' || Number(w) >= 600) ? 'bold' : 'normal';
const first = family => family.split(',')[0].trim().replace(/^["']|["']$/g, '');

function check(doc) {
  const faces = [...doc.fonts].map(f => ({family: f.family.replace(/^["']|["']$/g, ''), style: f.style,
                                          weight: weight(f.weight), status: f.status}));
  const declared = new Set(faces.map(f => f.family));
  const width = doc.documentElement.clientWidth, problems = [];
  const report = text => { if (problems.length < 8) problems.push(text); };
  for (const f of faces)
    if (f.status === 'error') report(`font ${f.family} ${f.style} ${f.weight} failed to load`);
  const range = doc.createRange(), seen = new Set();
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const cs = getComputedStyle(n.parentElement);
    if (cs.display === 'none' || n.parentElement.closest('[hidden]')) continue;
    const family = first(cs.fontFamily), key = `${family}|${cs.fontStyle}|${weight(cs.fontWeight)}`;
    if (!seen.has(key)) {
      seen.add(key);
      if (!generic.has(family) && !declared.has(family))
        report(`text set in ${family}, which the book does not embed: "${n.textContent.trim().slice(0, 30)}"`);
      // The face the text asks for, when the book declares it, has loaded.
      const face = faces.find(f => f.family === family && f.style === cs.fontStyle && f.weight === weight(cs.fontWeight));
      if (face && face.status !== 'loaded') report(`font ${key} is used but ${face.status}`);
    }
    range.selectNodeContents(n);
    for (const r of range.getClientRects())
      if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) {
        report(`line past the edge (${r.left.toFixed(1)} to ${r.right.toFixed(1)} of ${width} px): "${n.textContent.trim().slice(0, 40)}"`);
        break;
      }
  }
  for (const el of doc.body.querySelectorAll('img, table, pre, figure, hr')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5))
      report(`<${el.localName}> past the edge (${r.left.toFixed(1)} to ${r.right.toFixed(1)} of ${width} px)`);
  }
  if (doc.documentElement.scrollWidth > width + 1)
    report(`the page scrolls sideways: ${doc.documentElement.scrollWidth} px wide in ${width}`);
  return {loaded: faces.filter(f => f.status === 'loaded').length, problems};
}

async function run() {
  const frame = document.getElementById('frame'), out = [];
  for (const width of widths) {
    frame.style.width = width + 'px';
    for (const name of files) {
      await new Promise(done => { frame.onload = done; frame.src = name; });
      const doc = frame.contentDocument;
      if (!doc || !doc.body) { out.push({name, width, loaded: 0, problems: ['the document did not load']}); continue; }
      await doc.fonts.ready;
      out.push(Object.assign({name, width}, check(doc)));
    }
  }
  document.getElementById('result').textContent = JSON.stringify(out);
}
run().catch(e => { document.getElementById('result').textContent = 'ERROR ' + e; });
</script>
</body></html>
'''

def fail(msg):
    print('FAIL: ' + msg)
    sys.exit(1)

def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__)
        sys.exit(2)
    octavo, book, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    chromium = sys.argv[4] if len(sys.argv) == 5 else shutil.which('chromium') or 'chromium'
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    r = subprocess.run([octavo, 'build', str(book), '--epub', '-o', str(work)], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f'octavo build exited {r.returncode}\n{r.stderr}')
    epub = next(work.glob('*.epub'))
    unzipped = work / 'unzipped'
    with zipfile.ZipFile(epub) as z:
        z.extractall(unzipped)
        opf = z.read('EPUB/content.opf').decode('utf-8')
    manifest = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = [manifest[i] for i in re.findall(r'<itemref idref="([^"]+)"', opf)]
    harness = unzipped / 'EPUB' / 'octavo-render-check.html'
    harness.write_text(HARNESS.replace('FILES', json.dumps(spine)).replace('WIDTHS', json.dumps(WIDTHS)),
                       encoding='utf-8')
    # --allow-file-access-from-files: the harness may read the documents it frames.
    cmd = [chromium, '--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files',
           '--virtual-time-budget=60000', '--dump-dom', harness.resolve().as_uri()]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=240,
                           env=dict(os.environ, HOME=str(work)))  # chromium's profile stays in WORK_DIR
    except subprocess.TimeoutExpired:
        fail('chromium did not finish in 240 s')
    m = re.search(r'<pre id="result">(.*?)</pre>', r.stdout, re.S)
    if not m:
        fail(f'no result from chromium (exit {r.returncode}):\n{r.stderr[-2000:]}')
    text = m.group(1).replace('&quot;', '"').replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&')
    if not text.startswith('['):
        fail(f'the harness did not finish: {text[:500]}')
    results = json.loads(text)
    if len(results) != len(spine) * len(WIDTHS):
        fail(f'{len(results)} documents measured, expected {len(spine) * len(WIDTHS)}')
    bad = [x for x in results if x['problems']]
    for x in bad[:20]:
        for p in x['problems']:
            print(f"  {x['name']} at {x['width']} px: {p}")
    if not any(x['loaded'] for x in results) and '@font-face' in (unzipped / 'EPUB/css/book.css').read_text():
        fail('the style sheet declares fonts but none loaded in any document')
    print(f'{len(spine)} documents at {" and ".join(map(str, WIDTHS))} px: '
          f'{len(results) - len(bad)} of {len(results)} without a problem')
    if bad:
        fail(f'{len(bad)} documents with problems')

main()
