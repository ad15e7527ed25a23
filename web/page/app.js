// The page: text in, diagnostics underlined and listed, fixes, outline,
// packs and rules, .docx in and annotated .docx out. The engine runs in a
// worker (engine.js); every position it gives is a UTF-16 offset into the
// text, which is what a JavaScript string counts.
'use strict';

const $ = (id) => document.getElementById(id);
const text = $('text');
const backdrop = $('backdrop');
const editor = $('editor');
const status = $('status');

// What the page shows, also read by the end-to-end test.
const state = {
  ready: false,
  pack: 'national',
  ignore: new Set(),
  rules: [],
  diagnostics: [],
  outline: null,
  checkMs: null,
  checks: 0,
  // The .docx opened last (its bytes and name), for the annotated copy.
  docx: null,
  docxText: null,
  // The name of the file opened last (none: pasted text).
  openedName: null,
  fileName: '方案',
  focus: null,
  error: null,
};
window.planLintPage = state;
// The end-to-end test re-checks with this (and times it).
state.check = () => check();

// ── The worker ──────────────────────────────────────────────────────────
const worker = new Worker(
  URL.createObjectURL(new Blob([globalThis.PLAN_LINT_WORKER_SOURCE], { type: 'text/javascript' })),
);
let nextId = 1;
const pending = new Map();
worker.onmessage = (event) => {
  const { id, result, error } = event.data;
  const request = pending.get(id);
  if (!request) return;
  pending.delete(id);
  if (error !== undefined) request.reject(new Error(error));
  else request.resolve(result);
};
function call(op, message = {}, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, ...message }, transfer);
  });
}
// `name`: the file the text was opened from (none for pasted text), for the
// rules that read a file's origin, as `plan-lint check` of that file does.
const options = () => ({ pack: state.pack, ignore: [...state.ignore], name: state.openedName || '' });

// ── Checking ────────────────────────────────────────────────────────────
let latest = 0;
let timer = null;
async function check() {
  if (!state.ready) return;
  const ticket = ++latest;
  const value = text.value;
  status.textContent = '检查中…';
  let result;
  try {
    result = await call('check', { text: value, options: options() });
  } catch (error) {
    showError(error.message);
    return;
  }
  if (ticket !== latest) return; // a newer check is on its way
  if (result.error) {
    showError(result.error);
    return;
  }
  state.error = null;
  state.diagnostics = result.diagnostics;
  state.outline = result.outline;
  state.checkMs = result.ms;
  state.checks++;
  state.focus = null;
  renderAll();
  const n = result.diagnostics.length;
  status.textContent = `${n} 个问题 · 检查用时 ${result.ms.toFixed(1)} 毫秒 · ${value.length.toLocaleString()} 字符`;
  status.dataset.checks = String(state.checks);
}
function checkSoon() {
  clearTimeout(timer);
  timer = setTimeout(check, 250);
}
function showError(message) {
  state.error = message;
  status.textContent = `出错: ${message}`;
}

// ── Rendering ───────────────────────────────────────────────────────────
const SEVERITY = { error: '错误', warning: '警告', info: '提示' };
const RANK = { info: 1, warning: 2, error: 3 };

/** The backdrop: the text with a mark over every diagnostic and the focus. */
function renderBackdrop() {
  const value = text.value;
  const ranges = state.diagnostics.map((d) => ({ start: d.start, end: Math.max(d.end, d.start + 1), cls: d.severity }));
  if (state.focus) ranges.push({ start: state.focus.start, end: Math.max(state.focus.end, state.focus.start + 1), cls: 'focus' });
  const points = new Set([0, value.length]);
  for (const r of ranges) {
    points.add(Math.min(r.start, value.length));
    points.add(Math.min(r.end, value.length));
  }
  const cuts = [...points].sort((a, b) => a - b);
  // Sweep: which ranges cover each piece between two cuts.
  const starts = new Map();
  for (const r of ranges) {
    const s = Math.min(r.start, value.length);
    if (!starts.has(s)) starts.set(s, []);
    starts.get(s).push(r);
  }
  let open = [];
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    open = open.filter((r) => r.end > a).concat(starts.get(a) || []);
    const piece = value.slice(a, b);
    if (!open.length) {
      fragment.append(piece);
      continue;
    }
    const mark = document.createElement('mark');
    const focus = open.some((r) => r.cls === 'focus');
    const worst = open.filter((r) => r.cls !== 'focus').reduce((w, r) => (RANK[r.cls] > RANK[w] ? r.cls : w), 'info');
    mark.className = focus ? `focus ${worst}` : worst;
    mark.textContent = piece;
    fragment.append(mark);
  }
  // A final newline needs a character after it to take its line's height.
  fragment.append('\u200b');
  backdrop.replaceChildren(fragment);
  sizeEditor();
}
function sizeEditor() {
  text.style.height = 'auto';
  text.style.height = `${Math.max(text.scrollHeight, backdrop.scrollHeight)}px`;
}

/** Shows a range: highlighted, scrolled to the middle, selected. */
function show(start, end) {
  state.focus = { start, end };
  renderBackdrop();
  const mark = backdrop.querySelector('mark.focus');
  if (mark) {
    const top = mark.offsetTop - editor.clientHeight / 2;
    editor.scrollTo({ top: Math.max(0, top) });
  }
  text.focus({ preventScroll: true });
  text.setSelectionRange(start, end);
}

function link(label, onclick) {
  const a = document.createElement('a');
  a.href = '#';
  a.textContent = label;
  a.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    onclick();
  });
  return a;
}

function renderDiagnostics() {
  $('count').textContent = String(state.diagnostics.length);
  $('fix-all').disabled = !state.diagnostics.some((d) => d.fix);
  const list = $('diagnostics');
  list.replaceChildren(
    ...state.diagnostics.map((d, i) => {
      const li = document.createElement('li');
      li.className = d.severity;
      li.dataset.code = d.code;
      li.dataset.index = String(i);
      const where = document.createElement('div');
      where.className = 'where';
      const code = link(d.code, () => showRule(d.code));
      code.className = 'code';
      where.append(`${SEVERITY[d.severity]} · 第${d.line}行第${d.column}列 · `, code, ` ${d.rule}`);
      const message = document.createElement('div');
      message.className = 'message';
      message.textContent = d.message;
      li.append(where, message);
      if (d.related.length) {
        const related = document.createElement('ul');
        related.className = 'related';
        for (const r of d.related) {
          const item = document.createElement('li');
          item.append(link(`第${r.line}行: ${r.message}`, () => show(r.start, r.end)));
          related.append(item);
        }
        li.append(related);
      }
      if (d.fix) {
        const fix = document.createElement('div');
        fix.className = 'fix';
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'apply-fix';
        button.textContent = `修复: ${d.fix.message}`;
        button.addEventListener('click', (event) => {
          event.stopPropagation();
          applyFixes([d.fix]);
        });
        fix.append(button);
        li.append(fix);
      }
      li.addEventListener('click', () => {
        for (const other of list.querySelectorAll('li.selected')) other.classList.remove('selected');
        li.classList.add('selected');
        show(d.start, d.end);
      });
      return li;
    }),
  );
}

function renderOutline() {
  const outline = state.outline;
  const box = $('outline');
  if (!outline || !outline.sections.length) {
    box.textContent = '(未识别到标题)';
  } else {
    const tree = (sections) => {
      const ul = document.createElement('ul');
      for (const s of sections) {
        const li = document.createElement('li');
        const a = link('', () => show(s.start, s.start + s.title.length));
        const marker = document.createElement('span');
        marker.className = 'marker';
        marker.textContent = s.marker;
        a.append(marker, s.title);
        li.append(a);
        if (s.children.length) li.append(tree(s.children));
        ul.append(li);
      }
      return ul;
    };
    box.replaceChildren(tree(outline.sections));
    if (outline.attachments.length) {
      const h = document.createElement('div');
      h.textContent = '附件';
      const ul = document.createElement('ul');
      for (const a of outline.attachments) {
        const li = document.createElement('li');
        li.append(link(`附件${a.ordinal ?? ''} ${a.title ?? ''}`, () => show(a.start, a.end)));
        ul.append(li);
      }
      box.append(h, ul);
    }
  }
  const tasks = $('tasks');
  if (!outline || !outline.tasks.length) {
    tasks.textContent = '(未识别到任务分工)';
    return;
  }
  const table = document.createElement('table');
  const head = table.insertRow();
  for (const title of ['任务', '牵头', '负责/配合']) {
    const th = document.createElement('th');
    th.textContent = title;
    head.append(th);
  }
  for (const t of outline.tasks) {
    const row = table.insertRow();
    row.insertCell().append(link(t.text, () => show(t.start, t.end)));
    row.insertCell().textContent = t.lead.join('、');
    row.insertCell().textContent = t.responsible.concat(t.collaborating).join('、');
  }
  tasks.replaceChildren(table);
}

function renderAll() {
  renderBackdrop();
  renderDiagnostics();
  renderOutline();
}

// ── Fixes ───────────────────────────────────────────────────────────────
/** Applies fixes whose edits do not overlap (the first of two that do). */
function applyFixes(fixes) {
  const taken = [];
  const overlaps = (e) => taken.some((t) => e.start < t.end && t.start < e.end);
  for (const fix of fixes) {
    if (fix.edits.some(overlaps)) continue;
    taken.push(...fix.edits);
  }
  let value = text.value;
  for (const e of taken.sort((a, b) => b.start - a.start)) {
    value = value.slice(0, e.start) + e.replacement + value.slice(e.end);
  }
  text.value = value;
  check();
}

// ── Rules, packs, rule docs ─────────────────────────────────────────────
async function loadRules() {
  const rules = await call('rules', { options: { pack: state.pack } });
  if (rules.error) {
    showError(rules.error);
    return;
  }
  state.rules = rules;
  for (const code of [...state.ignore]) {
    if (!rules.some((r) => r.code === code)) state.ignore.delete(code);
  }
  $('rules-list').replaceChildren(
    ...rules.map((r) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = r.code;
      box.checked = r.on && !state.ignore.has(r.code);
      box.addEventListener('change', () => {
        if (box.checked) state.ignore.delete(r.code);
        else state.ignore.add(r.code);
        check();
      });
      label.append(box, ` ${r.code} ${r.name}: ${r.summary}`);
      return label;
    }),
  );
}

function showRule(code) {
  const rule = state.rules.find((r) => r.code === code);
  if (!rule) return;
  $('rule-doc-title').textContent = `${rule.code} ${rule.name}`;
  $('rule-doc-text').textContent = rule.doc;
  $('rule-doc').showModal();
}

// ── Files in and out ────────────────────────────────────────────────────
async function openFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const copy = bytes.slice();
  const read = await call('readFile', { bytes: bytes.buffer, name: file.name }, [bytes.buffer]);
  if (read.error) {
    showError(read.error);
    return;
  }
  state.fileName = file.name.replace(/\.[^.]*$/, '') || '方案';
  state.openedName = file.name;
  state.docx = read.docx ? { bytes: copy, name: file.name } : null;
  state.docxText = read.docx ? read.text : null;
  $('download-docx').disabled = !read.docx;
  text.value = read.text;
  editor.scrollTo({ top: 0 });
  await check();
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

async function downloadDocx() {
  if (!state.docx) return;
  if (text.value !== state.docxText) {
    status.textContent = '注意: 批注版基于打开的 .docx 原件,不含在此处做的修改';
  }
  const bytes = state.docx.bytes.slice();
  try {
    const result = await call(
      'annotate',
      // The comments' date: the engine has no clock of its own here.
      { bytes: bytes.buffer, name: state.docx.name, options: { ...options(), now: Math.floor(Date.now() / 1000) } },
      [bytes.buffer],
    );
    download(
      new Blob([result.bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
      `${state.fileName}-批注.docx`,
    );
  } catch (error) {
    showError(error.message);
  }
}

// ── Wiring ──────────────────────────────────────────────────────────────
text.addEventListener('input', () => {
  state.focus = null;
  renderBackdrop();
  checkSoon();
});
$('file').addEventListener('change', (event) => {
  const file = event.target.files[0];
  if (file) openFile(file);
  event.target.value = '';
});
editor.addEventListener('dragover', (event) => {
  event.preventDefault();
  editor.classList.add('dragging');
});
editor.addEventListener('dragleave', () => editor.classList.remove('dragging'));
editor.addEventListener('drop', (event) => {
  event.preventDefault();
  editor.classList.remove('dragging');
  const file = event.dataTransfer.files[0];
  if (file) openFile(file);
});
$('pack').addEventListener('change', async (event) => {
  state.pack = event.target.value;
  await loadRules();
  await check();
});
$('rules-toggle').addEventListener('click', (event) => {
  const panel = $('rules-panel');
  panel.hidden = !panel.hidden;
  event.target.setAttribute('aria-expanded', String(!panel.hidden));
});
$('fix-all').addEventListener('click', () => applyFixes(state.diagnostics.filter((d) => d.fix).map((d) => d.fix)));
$('download-text').addEventListener('click', () =>
  download(new Blob([text.value], { type: 'text/plain;charset=utf-8' }), `${state.fileName}-修复.txt`),
);
$('download-docx').addEventListener('click', downloadDocx);
for (const [tab, panel, other, otherPanel] of [
  ['tab-outline', 'outline', 'tab-tasks', 'tasks'],
  ['tab-tasks', 'tasks', 'tab-outline', 'outline'],
]) {
  $(tab).addEventListener('click', () => {
    $(tab).setAttribute('aria-selected', 'true');
    $(other).setAttribute('aria-selected', 'false');
    $(panel).hidden = false;
    $(otherPanel).hidden = true;
  });
}
window.addEventListener('resize', sizeEditor);

(async () => {
  try {
    const { packs } = await call('init', { wasm: globalThis.PLAN_LINT_WASM_BASE64 });
    $('pack').replaceChildren(
      ...packs.map((p) => {
        const option = document.createElement('option');
        option.value = p.name;
        option.textContent = p.description ? `${p.name}(${p.description})` : p.name;
        return option;
      }),
    );
    $('pack').value = state.pack;
    await loadRules();
    state.ready = true;
    status.textContent = '就绪';
    renderBackdrop();
    if (text.value) await check();
  } catch (error) {
    showError(`检查引擎无法加载: ${error.message}`);
  }
})();
