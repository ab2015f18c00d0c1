#!/usr/bin/env python3
"""Builds one book's EPUB with octavo and checks it with Ace by DAISY.

Passes only when Ace's outcome is "pass" with no violation of any impact; otherwise
prints one line per violation (impact, rule, file, what Ace says) and fails. Ace is the
one scripts/setup-ace installed into ACE_DIR (the test fixture `ace_setup` does that);
it drives chromium, found on PATH unless PUPPETEER_EXECUTABLE_PATH names one.

Usage: ace_book.py OCTAVO BOOK_DIR WORK_DIR ACE_DIR
"""
import json, os, pathlib, shutil, subprocess, sys, time

def fail(msg):
    print('FAIL: ' + msg)
    sys.exit(1)

def violations(report):
    """(impact, rule, file, description) for every violation in Ace's report.json."""
    out = []
    for doc in report.get('assertions', []):
        url = doc.get('earl:testSubject', {}).get('url', '')
        for a in doc.get('assertions', []):
            test = a.get('earl:test', {})
            result = a.get('earl:result', {})
            where = ' '.join(result.get('earl:pointer', {}).get('css', [])[:1])
            out.append((test.get('earl:impact', '?'), test.get('dct:title', '?'),
                        f'{url} {where}'.strip(), result.get('dct:description', '').strip()))
    return out

def main():
    if len(sys.argv) != 5:
        print(__doc__)
        sys.exit(2)
    octavo, book, work, ace_dir = (pathlib.Path(a) for a in sys.argv[1:])
    ace = ace_dir / 'node_modules/@daisy/ace-cli/bin/ace.js'
    if not ace.is_file():
        fail(f'{ace} not found: scripts/setup-ace {ace_dir} installs it')
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    r = subprocess.run([str(octavo), 'build', str(book), '-o', str(work), '--epub'],
                       capture_output=True, text=True)
    epubs = list(work.glob('*.epub'))
    if r.returncode != 0 or len(epubs) != 1:
        fail(f'octavo build exited {r.returncode}:\n{r.stdout}{r.stderr}')

    env = dict(os.environ)
    if 'PUPPETEER_EXECUTABLE_PATH' not in env:
        chromium = shutil.which('chromium') or shutil.which('chromium-browser')
        if not chromium:
            fail('chromium not found on PATH: scripts/setup installs it')
        env['PUPPETEER_EXECUTABLE_PATH'] = chromium
    report_dir = work / 'ace'
    start = time.monotonic()
    r = subprocess.run(['node', str(ace), '-f', '-s', '-o', str(report_dir), str(epubs[0])],
                       capture_output=True, text=True, env=env)
    seconds = time.monotonic() - start
    report_file = report_dir / 'report.json'
    if not report_file.is_file():
        fail(f'Ace wrote no report (exit {r.returncode}, {seconds:.0f} s):\n'
             + '\n'.join((r.stdout + r.stderr).splitlines()[-20:]))
    report = json.loads(report_file.read_text(encoding='utf-8'))
    outcome = report.get('earl:result', {}).get('earl:outcome')
    found = violations(report)
    print(f'Ace {report.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", "")}'
          f' on {epubs[0].name}: outcome {outcome}, {len(found)} violations, {seconds:.0f} s')
    for impact, rule, url, description in found:
        print(f'  {impact:9} {rule:40} {url}')
        if description:
            print(f'            {description.splitlines()[0][:200]}')
    if outcome != 'pass' or found:
        fail(f'Ace reports outcome {outcome} with {len(found)} violations (report: {report_file})')
    print('PASS')

if __name__ == '__main__':
    main()
