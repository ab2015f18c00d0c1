#!/usr/bin/env python3
"""Nothing lost: a failed build, a killed build (SIGKILL at points spread over a whole
build) and a full disk (a file size limit, as `ulimit -f` sets) each leave the previous
EPUB and PDF as they were and no temporary file behind. Reproducible: two builds of the
same input give the same bytes, and SOURCE_DATE_EPOCH sets every date inside them.

Usage: nothing_lost.py OCTAVO BOOK_DIR WORK_DIR
"""
import hashlib, os, pathlib, resource, shutil, signal, subprocess, sys, time, zipfile

failures = []

def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        failures.append(what)

def build(octavo, book, out, *args, env=None, limit=None):
    def preexec():
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([octavo, 'build', str(book), '-o', str(out), *args], capture_output=True,
                          text=True, env=env, preexec_fn=preexec)

def snapshot(out):
    """Every entry of the folder (hidden ones too), with a digest of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}

def main():
    octavo, source, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    book = work / 'book'
    shutil.copytree(source, book)
    out = work / 'out'
    env = dict(os.environ, SOURCE_DATE_EPOCH='1700000000', TZ='UTC')

    # Reproducible: the same input twice, into two folders.
    first, second = work / 'first', work / 'second'
    check(build(octavo, book, first, env=env).returncode == 0, 'first build')
    check(build(octavo, book, second, env=env).returncode == 0, 'second build')
    check(snapshot(first) == snapshot(second) and len(snapshot(first)) == 2,
          'two builds of the same input give byte-identical EPUB and PDF')
    # SOURCE_DATE_EPOCH is every date: the package's modified date and every zip entry's.
    epub = next(first.glob('*.epub'))
    with zipfile.ZipFile(epub) as z:
        opf = next(n for n in z.namelist() if n.endswith('.opf'))
        package = z.read(opf).decode()
        dates = {i.date_time for i in z.infolist()}
    check('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>' in package,
          'dcterms:modified is SOURCE_DATE_EPOCH (2023-11-14T22:13:20Z)')
    check(dates == {(2023, 11, 14, 22, 13, 20)}, f'every zip entry is dated SOURCE_DATE_EPOCH: {dates}')
    pdf_bytes = next(first.glob('*.pdf')).read_bytes()
    check(b'/CreationDate' not in pdf_bytes and b'/ModDate' not in pdf_bytes,
          'the PDF carries no date of its own')
    other = work / 'other'
    build(octavo, book, other, env=dict(env, SOURCE_DATE_EPOCH='1600000000'))
    with zipfile.ZipFile(next(other.glob('*.epub'))) as z:
        check({i.date_time for i in z.infolist()} == {(2020, 9, 13, 12, 26, 40)},
              'another SOURCE_DATE_EPOCH, other dates')

    # The outputs every later case must leave as they are.
    check(build(octavo, book, out, env=env).returncode == 0, 'build of the outputs to keep')
    kept = snapshot(out)
    check(len(kept) == 2, f'two outputs: {sorted(kept)}')

    # A failed build: a chapter with an error.
    chapter = sorted((book / 'chapters').glob('*.md'))[0]
    text = chapter.read_text()
    chapter.write_text(text + '\n![missing](no-such-image.png)\n')
    failed = build(octavo, book, out, env=env)
    check(failed.returncode == 1 and 'error:' in failed.stderr, 'a bad chapter fails the build with an error')
    check(snapshot(out) == kept, 'a failed build leaves the earlier outputs and nothing else')
    chapter.write_text(text)

    # A killed build: SIGKILL at points spread over a whole build, which would replace
    # the outputs (another style gives other bytes).
    start = time.monotonic()
    done = build(octavo, book, work / 'timing', '--style', 'modern', env=env)
    whole = time.monotonic() - start
    check(done.returncode == 0, f'a whole build in the other style takes {whole:.2f} s')
    made = snapshot(work / 'timing')  # what a killed build would have put in place (the same bytes)
    killed = 0
    for step in range(1, 20):
        proc = subprocess.Popen([octavo, 'build', str(book), '-o', str(out), '--style', 'modern'],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(whole * step / 20)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.returncode == -signal.SIGKILL:
            killed += 1
            # Each output is the one before or the killed build's own, whole: the kill may
            # come after it put its outputs in place (one rename each), or between them.
            now = snapshot(out)
            intact = now.keys() == kept.keys() and all(now[n] in (kept[n], made.get(n)) for n in now)
            if not intact:
                check(False, f'killed at {step * 5} % of a build: the folder holds {sorted(now)}')
            kept = now  # (and each kind of damage is reported once)
        else:
            kept = snapshot(out)  # it finished: its outputs are the ones to keep now
    check(killed >= 10, f'{killed} builds killed in the middle, each leaving the outputs whole and nothing else')

    # A full disk: a file size limit below the PDF's size.
    kept = snapshot(out)
    full = build(octavo, book, out, '--style', 'large-print', env=env, limit=64 * 1024)
    check(full.returncode == 1 and 'File too large' in full.stderr,
          f'a file size limit fails the build with an error: {full.stderr.strip()[:200]}')
    check(snapshot(out) == kept, 'a full disk leaves the earlier outputs and nothing else')

    if failures:
        sys.exit(f'{len(failures)} checks failed')
    print('nothing lost')

if __name__ == '__main__':
    main()
