// Drives the built page (web/dist/index.html, opened from file://) in
// Debian's chromium with Playwright; run by tests/web-e2e.sh, which sets:
//   PAGE_URL        file:///…/web/dist/index.html
//   DIST_DIR        the folder the page's files are in (the only URLs allowed)
//   PLAN_LINT_BIN   the plan-lint binary (the reference: check --format json)
//   SAMPLE          examples/sample-plan.txt
//   CORPUS          the corpus folder, or empty (then its part is skipped)
//   DOCX            a .docx to drop on the page
//   READ_COMMENTS   tests/docx_support/read_comments.py
//   OUT_DIR         downloads and the summary
//   SCREENSHOT      where the screenshot goes
//   CHROMIUM        the browser
// Every wait is bounded. Prints each step and ends with a JSON summary.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { chromium } = require('playwright-core');

const env = (name) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const t0 = Date.now();
const log = (message) => console.error(`web-e2e [${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
const WAIT = 90_000;
const summary = { documents: {} };

function run(args, input) {
  const r = spawnSync(env('PLAN_LINT_BIN'), args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && !(args[0] === 'check' && r.status === 1)) {
    throw new Error(`plan-lint ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  }
  return r.stdout;
}
const extract = (file) => run(['extract', file]);
// The reference: the CLI on exactly the text the page holds (from stdin).
function cliDiagnostics(text, pack, name) {
  const args = ['check', '--format', 'json', '--fail-on', 'never', '--no-config'];
  if (pack) args.push('--pack', pack);
  if (name) args.push('--stdin-filename', name);
  return JSON.parse(run(args.concat(['-']), text));
}
function cliDocx(file) {
  return JSON.parse(run(['check', '--format', 'json', '--fail-on', 'never', '--no-config', file]));
}

/** 1-based line and character column of a UTF-16 offset of `text`. */
function lineCol(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}
/** The page's diagnostics in the CLI's terms, positions from UTF-16 offsets. */
function pageAsCli(text, diagnostics) {
  return diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    start: lineCol(text, d.start),
    end: lineCol(text, d.end),
    related: d.related.map((r) => ({ start: lineCol(text, r.start), end: lineCol(text, r.end), message: r.message })),
  }));
}
// The CLI's positions with their keys in the page's order.
const position = (p) => ({ line: p.line, column: p.column });
function cliShape(diagnostics) {
  return diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    start: position(d.start),
    end: position(d.end),
    related: (d.related || []).map((r) => ({ start: position(r.start), end: position(r.end), message: r.message })),
  }));
}
function assertSame(what, page, cli) {
  const a = JSON.stringify(page);
  const b = JSON.stringify(cli);
  if (a !== b) {
    for (let i = 0; i < Math.max(page.length, cli.length); i++) {
      if (JSON.stringify(page[i]) !== JSON.stringify(cli[i])) {
        throw new Error(
          `${what}: the page differs from plan-lint check at diagnostic ${i} of ${page.length}/${cli.length}:\n` +
            `page: ${JSON.stringify(page[i])}\ncli:  ${JSON.stringify(cli[i])}`,
        );
      }
    }
  }
  // And the page's own line/column (computed in Rust) agree with its offsets.
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

(async () => {
  const dist = fs.realpathSync(env('DIST_DIR'));
  const outDir = env('OUT_DIR');
  const args = ['--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  const browser = await chromium.launch({ executablePath: env('CHROMIUM'), headless: true, args, timeout: WAIT });
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  context.setDefaultTimeout(WAIT);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('worker', (w) => log(`worker started: ${w.url().slice(0, 40)}`));

  try {
    log(`open ${env('PAGE_URL')}`);
    await page.goto(env('PAGE_URL'));
    await page.waitForFunction(() => window.planLintPage && window.planLintPage.ready);
    log('engine ready');

    // Puts `value` in the editor as a paste would and waits for its check.
    async function setText(value) {
      const before = await page.evaluate(() => window.planLintPage.checks);
      await page.evaluate((v) => {
        const t = document.getElementById('text');
        t.value = v;
        t.dispatchEvent(new Event('input', { bubbles: true }));
      }, value);
      await page.waitForFunction((n) => window.planLintPage.checks > n, before);
      return page.evaluate(() => document.getElementById('text').value);
    }
    async function pageState() {
      return page.evaluate(() => ({
        text: document.getElementById('text').value,
        diagnostics: window.planLintPage.diagnostics,
        listed: document.querySelectorAll('#diagnostics > li').length,
        ms: window.planLintPage.checkMs,
        error: window.planLintPage.error,
      }));
    }
    async function compare(what, pack) {
      const s = await pageState();
      assert(!s.error, `${what}: the page shows an error: ${s.error}`);
      const cli = cliDiagnostics(s.text, pack);
      assertSame(what, pageAsCli(s.text, s.diagnostics), cliShape(cli));
      for (const d of s.diagnostics) {
        const lc = lineCol(s.text, d.start);
        assert(lc.line === d.line && lc.column === d.column, `${what}: ${d.code} at ${d.line}:${d.column} but its offset is at ${lc.line}:${lc.column}`);
      }
      assert(s.listed === s.diagnostics.length, `${what}: ${s.listed} listed, ${s.diagnostics.length} found`);
      log(`${what}: ${s.diagnostics.length} diagnostics, equal to plan-lint check (codes, messages, positions, related places)`);
      return s;
    }
    async function choosePack(name) {
      const before = await page.evaluate(() => window.planLintPage.checks);
      await page.selectOption('#pack', name);
      await page.waitForFunction((n) => window.planLintPage.checks > n, before);
    }
    async function clickAndWaitCheck(locator) {
      const before = await page.evaluate(() => window.planLintPage.checks);
      await locator.click();
      await page.waitForFunction((n) => window.planLintPage.checks > n, before);
    }
    const codesOf = (s) => s.diagnostics.map((d) => d.code);

    // 1. The sample plan: the page equals the CLI; a quick fix; fix all.
    await setText(extract(env('SAMPLE')));
    let s = await compare('sample-plan.txt (national)');
    const sampleBefore = s.diagnostics.length;
    const r102 = page.locator('#diagnostics > li[data-code="R102"] .apply-fix').first();
    await clickAndWaitCheck(r102);
    s = await compare('sample-plan.txt after the R102 quick fix');
    assert(s.diagnostics.length === sampleBefore - 1, `quick fix: ${sampleBefore} → ${s.diagnostics.length}, expected one fewer`);
    summary.documents.sample = { before: sampleBefore, afterQuickFix: s.diagnostics.length };

    // Fix all on the original sample.
    await setText(extract(env('SAMPLE')));
    await clickAndWaitCheck(page.locator('#fix-all'));
    s = await compare('sample-plan.txt after 全部修复');
    assert(s.diagnostics.length < sampleBefore, 'fix all fixed nothing');
    summary.documents.sample.afterFixAll = s.diagnostics.length;

    // A related place is a link that shows (highlights) its range.
    await setText(extract(env('SAMPLE')));
    await page.locator('#diagnostics > li[data-code="T101"]').first().click();
    await page.locator('#diagnostics > li[data-code="T101"] .related a').first().click();
    const focus = await page.evaluate(() => {
      const f = window.planLintPage.focus;
      const t = document.getElementById('text');
      return { text: t.value.slice(f.start, f.end), selected: t.value.slice(t.selectionStart, t.selectionEnd), marks: document.querySelectorAll('#backdrop mark.focus').length };
    });
    assert(focus.marks > 0 && focus.text.length > 0 && focus.selected === focus.text, `related link: ${JSON.stringify(focus)}`);
    log(`related place shown and selected: "${focus.text}"`);
    // The outline lists the headings.
    const outline = await page.locator('#outline').innerText();
    assert(outline.includes('工作目标') && outline.includes('重点任务'), `outline: ${outline.slice(0, 200)}`);
    // The rule doc behind a code.
    await page.locator('#diagnostics > li[data-code="R102"] .code').first().click();
    const doc = await page.locator('#rule-doc-text').innerText();
    assert(doc.length > 50, 'rule doc empty');
    await page.keyboard.press('Escape');
    // A rule turned off disappears.
    await page.click('#rules-toggle');
    await clickAndWaitCheck(page.locator('#rules-list input[value="R102"]'));
    s = await pageState();
    assert(!codesOf(s).includes('R102') && s.diagnostics.length === sampleBefore - 1, `rule off: ${codesOf(s)}`);
    await clickAndWaitCheck(page.locator('#rules-list input[value="R102"]'));
    await page.click('#rules-toggle');
    log('outline, rule doc and rule on/off work');

    // The screenshot: the sample with its diagnostics, the duplicate unit shown.
    await page.locator('#diagnostics > li[data-code="R102"]').first().click();
    await page.screenshot({ path: env('SCREENSHOT') });
    log(`screenshot ${env('SCREENSHOT')}`);

    // 2. Corpus document 000 with national and hunan; 004's check time.
    const corpus = process.env.CORPUS;
    if (corpus) {
      const file = (prefix) => path.join(corpus, fs.readdirSync(corpus).find((f) => f.startsWith(prefix) && f.endsWith('.txt')));
      await setText(extract(file('000')));
      s = await compare('corpus 000 (national)');
      summary.documents['000'] = { national: s.diagnostics.length };
      await choosePack('hunan');
      s = await compare('corpus 000 (hunan)', 'hunan');
      const r104 = codesOf(s).filter((c) => c === 'R104').length;
      assert(r104 > 0, 'hunan pack: no R104 on corpus 000');
      summary.documents['000'].hunan = s.diagnostics.length;
      summary.documents['000'].hunanR104 = r104;
      // A quick fix on 000.
      const fixable = page.locator('#diagnostics > li .apply-fix').first();
      if ((await fixable.count()) > 0) {
        const before = s.diagnostics.length;
        await clickAndWaitCheck(fixable);
        s = await compare('corpus 000 (hunan) after a quick fix', 'hunan');
        assert(s.diagnostics.length < before, `quick fix on 000: ${before} → ${s.diagnostics.length}`);
        summary.documents['000'].afterQuickFix = s.diagnostics.length;
      }
      await choosePack('national');

      // 004: the check time in the page (the engine's call in the worker,
      // and the round trip with rendering), median of several runs.
      await setText(extract(file('004')));
      await compare('corpus 004 (national)');
      const runs = [];
      for (let i = 0; i < 7; i++) {
        runs.push(
          await page.evaluate(async () => {
            const started = performance.now();
            await window.planLintPage.check();
            return { engine: window.planLintPage.checkMs, roundTrip: performance.now() - started };
          }),
        );
      }
      const allOn = runs;
      const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      summary.check004 = {
        runs: allOn.length,
        engineMsMedian: Number(median(allOn.map((r) => r.engine)).toFixed(1)),
        roundTripMsMedian: Number(median(allOn.map((r) => r.roundTrip)).toFixed(1)),
      };
      log(`004: check ${summary.check004.engineMsMedian} ms in the worker (median of ${allOn.length}); ${summary.check004.roundTripMsMedian} ms click to list`);
    } else {
      log('no corpus: corpus 000 and 004 skipped');
    }

    // 3. A .docx dropped on the editor: its text, its diagnostics, and the
    // annotated copy with one comment per diagnostic.
    const docxPath = env('DOCX');
    const bytes = fs.readFileSync(docxPath).toString('base64');
    const beforeDrop = await page.evaluate(() => window.planLintPage.checks);
    await page.evaluate(
      ({ b64, name }) => {
        const raw = atob(b64);
        const data = new Uint8Array(raw.length);
        for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], name, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
        document.getElementById('editor').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      { b64: bytes, name: path.basename(docxPath) },
    );
    await page.waitForFunction((n) => window.planLintPage.checks > n, beforeDrop);
    s = await pageState();
    assert(s.text === extract(docxPath), 'the dropped .docx: the page text differs from plan-lint extract');
    // The page shows the document's text with its lines, so its messages
    // say 第N行 as `check` of that text under the file's name does
    // (`check` of the .docx names paragraphs instead; the annotated copy
    // does too, below). The name matters: the rules that read a file's
    // origin (F107) take a .docx for the drafter's own file.
    const docxName = path.basename(docxPath);
    assertSame('dropped .docx', pageAsCli(s.text, s.diagnostics), cliShape(cliDiagnostics(s.text, null, docxName)));
    const docxCodes = JSON.stringify(cliDocx(docxPath).map((d) => d.code));
    assert(
      docxCodes === JSON.stringify(codesOf(s)),
      `dropped .docx: not the codes of plan-lint check of the .docx:\npage: ${codesOf(s)}\ncli:  ${docxCodes}`,
    );
    assert(s.diagnostics.length > 0, 'the dropped .docx has no diagnostics');
    log(`dropped ${path.basename(docxPath)}: ${s.diagnostics.length} diagnostics, equal to plan-lint check of the .docx`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-docx')]);
    const annotated = path.join(outDir, download.suggestedFilename());
    await download.saveAs(annotated);
    const readComments = (file) =>
      JSON.parse(spawnSync('python3', [env('READ_COMMENTS'), file], { encoding: 'utf8' }).stdout || '[]').filter(
        (c) => c.author === 'plan-lint',
      );
    const ours = readComments(annotated);
    assert(ours.length === s.diagnostics.length, `annotated copy: ${ours.length} comments for ${s.diagnostics.length} diagnostics`);
    for (const d of s.diagnostics) {
      assert(ours.some((c) => c.text.includes(`plan-lint ${d.code} `) && c.referenced), `no comment for ${d.code} ${d.message}`);
    }
    // The same comments, on the same words, as `plan-lint annotate` writes.
    const cliAnnotated = path.join(outDir, 'cli-annotated.docx');
    run(['annotate', '--no-config', docxPath, '-o', cliAnnotated]);
    const theirs = readComments(cliAnnotated);
    const shape = (cs) => cs.map((c) => ({ text: c.text, anchored: c.anchored }));
    assert(
      JSON.stringify(shape(ours)) === JSON.stringify(shape(theirs)),
      `annotated copy differs from plan-lint annotate:\npage: ${JSON.stringify(shape(ours))}\ncli:  ${JSON.stringify(shape(theirs))}`,
    );
    summary.docx = { file: path.basename(docxPath), diagnostics: s.diagnostics.length, comments: ours.length, annotated: download.suggestedFilename() };
    log(`annotated copy ${download.suggestedFilename()}: ${ours.length} comments read back by python-docx, the same as plan-lint annotate writes`);

    // Fixed text download.
    const [textDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-text')]);
    const fixedPath = path.join(outDir, 'fixed.txt');
    await textDownload.saveAs(fixedPath);
    assert(fs.readFileSync(fixedPath, 'utf8') === s.text, 'downloaded text differs from the page');

    // 4. Nothing left the page: every request is one of the page's own files.
    const foreign = requests.filter((u) => {
      if (u.startsWith('blob:') || u.startsWith('data:')) return false;
      if (!u.startsWith('file://')) return true;
      return !decodeURIComponent(new URL(u).pathname).startsWith(dist + '/');
    });
    summary.requests = requests.filter((u) => u.startsWith('file://')).map((u) => path.basename(new URL(u).pathname));
    assert(foreign.length === 0, `requests beyond the page's files: ${foreign.join(', ')}`);
    // And the policy forbids one: a fetch is refused before it is sent.
    const probe = await page.evaluate(async () => {
      let violated = null;
      document.addEventListener('securitypolicyviolation', (e) => (violated = e.effectiveDirective), { once: true });
      try {
        await fetch('https://example.invalid/upload', { method: 'POST', body: 'x' });
        return { sent: true };
      } catch (e) {
        await new Promise((r) => setTimeout(r, 100));
        return { sent: false, violated };
      }
    });
    assert(!probe.sent && probe.violated === 'connect-src', `CSP probe: ${JSON.stringify(probe)}`);
    log(`no request beyond the page's files (${summary.requests.join(', ')}); a fetch is refused by connect-src`);
    assert(errors.filter((e) => !e.includes('example.invalid') && !e.includes('Content Security Policy')).length === 0, `page errors: ${errors.join('\n')}`);
  } catch (error) {
    await page.screenshot({ path: path.join(outDir, 'web-e2e-failure.png') }).catch(() => {});
    console.error(`web-e2e: FAILED: ${error.stack || error}`);
    if (errors.length) console.error(`page errors:\n${errors.join('\n')}`);
    await browser.close();
    process.exit(1);
  }
  await browser.close();
  summary.seconds = (Date.now() - t0) / 1000;
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
  console.log(JSON.stringify(summary, null, 2));
})();
