// Does a plain-text document look like a plan? (No vscode import, so that
// node can test it directly: tests/vscode-e2e.sh does.)
//
// A drafter's plan is a `.txt`; VS Code opens it as Plain Text. The
// extension switches such a document to the `plan` language when its first
// 32 KB show all three of:
//
//   1. a level-1 heading 一、 at the start of a line;
//   2. a second step of the heading ladder at the start of a line: 二、,
//      (一) / （一）, or 1. / 1、 / 1． (not 1.5, a number);
//   3. at least two distinct words only plans (and their 通知) use:
//      方案 计划 规划 牵头 责任单位 配合单位 附件 印发 人民政府 重点任务
//      保障措施 工作目标 总体要求 指导思想.
//
// Conservative on purpose: notes or a README with numbered Chinese sections
// but none of those words stay plain text; a false positive costs a few
// diagnostics on a document that is not a plan, and the language picker
// (or `planLint.detectPlainText: false`) undoes it. editors/nvim/plan-lint.lua
// implements the same test; keep the two in step.

export const SNIFF_BYTES = 32 * 1024;

export const PLAN_WORDS = [
  '方案',
  '计划',
  '规划',
  '牵头',
  '责任单位',
  '配合单位',
  '附件',
  '印发',
  '人民政府',
  '重点任务',
  '保障措施',
  '工作目标',
  '总体要求',
  '指导思想',
];

// Leading white space as plans arrive (what a web page or Word leaves);
// the same set as editors/nvim/plan-lint.lua.
const LEADING_SPACE = /^[ \t\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff•·]+/;
const LEVEL1_FIRST = /^一、/;
const LADDER_STEP = /^(?:二、|[（(]一[）)]|1[.、．](?![0-9０-９]))/;

/** The first SNIFF_BYTES of `text` in UTF-8 (a character cut in two is dropped). */
export function head(text: string): string {
  // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair is 4).
  if (text.length <= SNIFF_BYTES / 3) return text;
  const bytes = Buffer.from(text.slice(0, SNIFF_BYTES), 'utf8').subarray(0, SNIFF_BYTES);
  return bytes.toString('utf8').replace(/\ufffd$/, '');
}

/** Why `text` looks like a plan (for the log), or undefined when it does not. */
export function planLikeReason(text: string): string | undefined {
  const sample = head(text);
  let level1 = false;
  let step = false;
  for (const raw of sample.split(/\r\n|\r|\n/)) {
    const line = raw.replace(LEADING_SPACE, '');
    if (LEVEL1_FIRST.test(line)) level1 = true;
    else if (LADDER_STEP.test(line)) step = true;
    if (level1 && step) break;
  }
  if (!level1 || !step) return undefined;
  const words = PLAN_WORDS.filter((w) => sample.includes(w));
  if (words.length < 2) return undefined;
  return `headings 一、 and a second level, plan words ${words.slice(0, 4).join(' ')}`;
}

export function looksLikePlan(text: string): boolean {
  return planLikeReason(text) !== undefined;
}
