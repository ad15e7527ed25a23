/**
 * @file tree-sitter grammar for Chinese government plan documents
 *       (实施方案、总体方案、工作方案 and their 任务分工表).
 *
 * The grammar is line-oriented and lenient: every line is *something*, and
 * a line that is not recognised is a `paragraph`. Strictness lives in the
 * rules, never here.
 *
 * Things a regular expression cannot decide (is this `(` the start of a
 * responsibility clause? is the rest of this line a bare clause? is `1更新…`
 * a damaged marker?) are answered by the external scanner in src/scanner.c,
 * which looks ahead to the end of the clause or line.
 */

/* eslint-disable no-undef */

// Horizontal white space, including what Word and web pages leave behind:
// ideographic space, no-break space, en/em/thin spaces, zero-width space, BOM.
const WS = '[ \\u3000\\u00a0\\u2002\\u2003\\u2009\\u200b\\ufeff]';
// A line break, then any number of blank (white-space-only) lines, then the
// next line's indentation. Blank lines therefore never need a node.
const NEWLINE = `\\r?\\n([ \\t\\u3000\\u00a0\\u2002\\u2003\\u2009\\u200b\\ufeff]*\\r?\\n)*[ \\t\\u3000\\u00a0\\u2002\\u2003\\u2009\\u200b\\ufeff]*`;

const CN_DIGIT = '一二三四五六七八九十百〇零';
const DIGIT = '0-9０-９';
const OPEN = '(（';
const CLOSE = ')）';
const COLON = ':：';

// Characters a whole-line title or addressee may not start with: markers,
// brackets, digits, bullets and the 附件 label.
// (tree-sitter's `\s` is ASCII white space only: list the others.)
const NOT_LINE_START = `\\s${WS.slice(1, -1)}${CN_DIGIT}${DIGIT}${OPEN}${CLOSE}\\u2460-\\u2473附关【•|`;

/** A token that must match a whole line, end of line included. */
function wholeLine(pattern, precedence) {
  return token(prec(precedence, new RegExp(`${pattern}${WS}*${NEWLINE}`)));
}

// One character of a unit name; see `unit`.
const UNIT_CHAR =
  `[^\\r\\n\\t、,，;；${COLON}${OPEN}${CLOSE}|。等按依牵负配参分共职${WS.slice(1, -1)}]` +
  `|牵[^\\r\\n头${OPEN}${CLOSE}]|负[^\\r\\n责${OPEN}${CLOSE}]|配[^\\r\\n合${OPEN}${CLOSE}]|参[^\\r\\n与${OPEN}${CLOSE}]` +
  `|分[^\\r\\n别工${OPEN}${CLOSE}]|共[^\\r\\n同${OPEN}${CLOSE}]|职[^\\r\\n能${OPEN}${CLOSE}]|职能[^\\r\\n分${OPEN}${CLOSE}]`;

const PREC = {
  text: 0,
  integer: 1,
  marker: 2,
  decimal: 3,
  debris: 4,
  line: 5,
};

module.exports = grammar({
  name: 'plan',

  // Tabs are not extras: inside a line they separate table cells. A CR is
  // part of a line end (CRLF); a lone CR inside a line is skipped.
  extras: (_) => [new RegExp(WS), /\r/],

  externals: ($) => [
    $._clause_open, // `(` that opens a responsibility clause
    $._bare_clause_start, // zero width, after 。: the rest of the line is a clause
    $._line_clause_start, // zero width, at a line start: the line is a clause
    $.marker_bare, // `1` in `1更新义务教育学校设备。`
    $._clause_end, // zero width, at a line end: closes an unclosed `(` clause
    $._marker_open, // lone `(` of a (N) marker whose numeral and `)` were lost
    $._notice_title_line, // X办公室关于印发《…》的通知, the whole line
    $._error_sentinel,
  ],

  conflicts: (_) => [],

  // Wrappers that only choose between tokens: inlined, the parser does not
  // build (and then flatten) a hidden node around every such token. Where
  // the table had kept that reduction (after a heading's or a paragraph's
  // 。) it cost about 1,900 instructions a token; the visible tree is the same.
  inline: ($) => [$._inline, $._inline_no_period],

  rules: {
    document: ($) => seq(optional($._newline), repeat($._line)),

    _line: ($) =>
      choice(
        $.debris,
        $.doc_number,
        $.date,
        $.notice_title,
        $.addressee,
        $.issuer,
        $.signature,
        $.plan_title,
        $.attachment_note,
        $.attachment_start,
        $.heading,
        $.table_rule,
        $.paragraph,
      ),

    _newline: (_) => token(new RegExp(NEWLINE)),

    // ── Web-page debris ────────────────────────────────────────────────
    debris: ($) =>
      seq(
        token(
          prec(
            PREC.debris,
            new RegExp(
              '(分享到|【字体|当前位置|附件下载|打印本页|关闭窗口|扫一扫|相关阅读|相关链接|网站地图|' +
                '技术支持|网站标识码|索引号|发文日期|发布时间|信息来源|发布机构|责任编辑|' +
                '主办[:：]|承办[:：]|主办单位[:：]|承办单位[:：]|设为首页|加入收藏|备案号|备案/许可证|许可证编号|来源[:：]|名称[:：]|发文机关[:：]|文号' +
                WS +
                '*[:：]|•|湘ICP|ICP备|公网安备)[^\\n]*',
            ),
          ),
        ),
        $._newline,
      ),

    // ── Notice header ──────────────────────────────────────────────────
    // 文号: 清政办函〔2024〕3号, also damaged forms ([2024], (2024), 〔24〕, 第3号).
    // The 机关代字 holds no sentence punctuation: excluding it stops the
    // lexer at a paragraph's first comma instead of letting it read the
    // whole line before it falls back to `text`.
    doc_number: (_) =>
      wholeLine(
        `[^${NOT_LINE_START}${COLON}\\[〔【。，,、；;][^\\s${WS.slice(1, -1)}${COLON}${OPEN}\\[〔【。，,、；;]*[〔\\[［【${OPEN}]${WS}*[${DIGIT}]{2,4}${WS}*[〕\\]］】${CLOSE}]${WS}*第?[${DIGIT}]+${WS}*号`,
        PREC.line,
      ),

    // 成文日期 alone on its line: 2024年4月17日, 二〇二四年四月十七日, 2024.4.17.
    date: (_) =>
      wholeLine(
        `([${DIGIT}${CN_DIGIT}○]{2,4}${WS}*年${WS}*[${DIGIT}${CN_DIGIT}]{1,3}${WS}*月${WS}*[${DIGIT}${CN_DIGIT}]{1,3}${WS}*日` +
          `|[${DIGIT}]{4}[.．\\-/][${DIGIT}]{1,2}[.．\\-/][${DIGIT}]{1,2})`,
        PREC.line,
      ),

    // 关于印发《…》的通知, possibly split over two lines; or, on one line, after
    // the issuer (a web page's title, recognised by the external scanner):
    // 邵东市人民政府办公室关于印发《…》的通知
    notice_title: ($) =>
      choice(
        seq(
          alias(wholeLine('关于(印发|转发|下发)[^\\n]*', PREC.line), $.title_line),
          optional(alias(wholeLine('[^\\n]*的通' + WS + '*知', PREC.line + 1), $.title_line)),
        ),
        alias($._notice_title_line, $.title_line),
      ),

    // 主送: 各乡镇人民政府、街道办事处,县直各相关单位:
    addressee: (_) =>
      wholeLine(
        `[^${NOT_LINE_START}][^\\n。]+(单位|政府|部门|办事处|机关|管委会|委员会|林场|公司|园区|中心|局)${WS}*[${COLON}]`,
        PREC.line,
      ),

    // 发文机关 or, followed by the date, 落款 + 成文日期.
    issuer: ($) => alias($._organ, $.organ),
    signature: ($) => prec(1, seq(alias($._organ, $.organ), $.date)),
    _organ: (_) =>
      wholeLine(
        `[^${NOT_LINE_START}][^\\n。,，、:：]+(人民政府办公室|人民政府|办公室|委员会|管委会|人民政府办)`,
        PREC.line,
      ),

    // The title of a plan or attachment on its own line.
    plan_title: (_) =>
      wholeLine(
        `[^${NOT_LINE_START}][^\\n。;；:：,，]+(方案|计划|清单|要点|办法|细则|规划)` +
          `([${OPEN}](送审稿|征求意见稿|试行|草案)[${CLOSE}])?`,
        PREC.line,
      ),

    // ── Attachments ────────────────────────────────────────────────────
    // 附件说明: `附件:1.…` then `2.…` lines (which are not level-3 items).
    attachment_note: ($) =>
      prec.right(
        seq(
          alias(token(prec(PREC.debris, new RegExp(`附[件表]${WS}*[${COLON}]`))), $.note_label),
          optional($.note_item),
          $._newline,
          repeat(seq($.note_item, $._newline)),
        ),
      ),
    // `2.` alone on its line (title lost) is still an item.
    note_item: ($) =>
      prec.right(
        choice(
          seq(
            field('number', alias($._l3_marker, $.marker)),
            optional(field('title', alias(repeat1($._inline), $.title))),
          ),
          field('title', alias(repeat1($._inline), $.title)),
        ),
      ),

    // 附件3 (then its title on the next line); 附表 likewise.
    attachment_start: ($) =>
      prec.right(seq(
        field('label', alias(wholeLine(`附[件表]${WS}*[${DIGIT}${CN_DIGIT}]{0,3}`, PREC.line), $.attachment_label)),
        optional(
          choice(
            field('title', $.plan_title),
            seq(field('title', alias($._attachment_title, $.attachment_title)), $._newline),
          ),
        ),
      )),
    _attachment_title: ($) => repeat1($._inline),

    // ── Headings ───────────────────────────────────────────────────────
    // `(一)加强组织领导。建立…`: marker, title up to the first 。, then the
    // run-on body (which starts with that 。).
    heading: ($) =>
      seq(
        field('marker', $.marker),
        optional(field('title', $.title)),
        optional(field('body', $.body)),
        $._newline,
      ),

    title: ($) => repeat1($._inline_no_period),
    body: ($) =>
      choice(
        seq($.period, repeat($._inline), optional($._period_clause)),
        $._period_clause,
      ),

    marker: ($) =>
      choice(
        $._l1_marker,
        $._l2_marker,
        $._l3_marker,
        $._l4_marker,
        $._l5_marker,
        $.marker_bare,
        $._marker_open,
      ),

    // 一、   damaged: 一.
    _l1_marker: (_) =>
      token(prec(PREC.marker, new RegExp(`[${CN_DIGIT}]{1,3}${WS}*[、.．]`))),
    // (一)   damaged: 五)   lost numeral: a lone ) at the start of a line
    _l2_marker: (_) =>
      token(
        prec(
          PREC.marker,
          new RegExp(`[${OPEN}]${WS}*[${CN_DIGIT}]{1,3}${WS}*[${CLOSE}]|[${CN_DIGIT}]{1,3}[${CLOSE}]|[${CLOSE}]`),
        ),
      ),
    // 1.   damaged: 1、
    _l3_marker: (_) => token(prec(PREC.marker, new RegExp(`[${DIGIT}]{1,3}${WS}*[.．、]`))),
    // (1) ⑴   damaged: 16)
    _l4_marker: (_) =>
      token(
        prec(
          PREC.marker,
          new RegExp(`[${OPEN}]${WS}*[${DIGIT}]{1,3}${WS}*[${CLOSE}]|[${DIGIT}]{1,3}[${CLOSE}]|[\\u2474-\\u2487]`),
        ),
      ),
    // ①
    _l5_marker: (_) =>
      token(prec(PREC.marker, /[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]/)),

    // ── Tables ─────────────────────────────────────────────────────────
    // A line that is only cell borders: `|`, `||`.
    table_rule: ($) => prec(1, seq($.cell_separator, $._newline)),

    // ── Paragraphs and inline content ──────────────────────────────────
    // A bare clause (after 。, or a whole line) always runs to the end of its
    // line: the scanner only starts one when the rest of the line is a clause.
    paragraph: ($) =>
      seq(
        choice(
          alias($._line_clause, $.clause),
          seq(repeat1($._inline), optional($._period_clause)),
        ),
        $._newline,
      ),

    _inline: ($) => choice($._inline_no_period, $.period),
    _inline_no_period: ($) =>
      choice($.text, $.number, $.paren, alias($._paren_clause, $.clause), $.cell_separator, $.stray_close),

    period: (_) => '。',
    // After a full stop, the rest of the line may be a clause without brackets:
    // `…。县人社局牵头,县农业农村局等按职能分工负责`.
    _period_clause: ($) => seq($.period, alias($._bare_clause, $.clause)),

    text: (_) =>
      token(prec(PREC.text, new RegExp(`[^\\r\\n\\t${OPEN}${CLOSE}|。${DIGIT}${WS.slice(1, -1)}][^\\r\\n\\t${OPEN}${CLOSE}|。${DIGIT}]*`))),
    number: ($) => choice($._integer, $._decimal),
    _integer: (_) => token(prec(PREC.integer, new RegExp(`[${DIGIT}]+`))),
    _decimal: (_) => token(prec(PREC.decimal, new RegExp(`[${DIGIT}]+[.．][${DIGIT}]+`))),

    cell_separator: (_) => token(prec(PREC.marker, /[|\t]+/)),
    stray_close: (_) => choice(')', '）'),

    paren: ($) =>
      prec.right(seq(choice('(', '（'), repeat($._paren_inner), optional(choice(')', '）')))),
    _paren_inner: ($) =>
      choice($.text, $.number, $.paren, alias($._paren_clause, $.clause), $.period, $.cell_separator),

    // ── Responsibility clauses ─────────────────────────────────────────
    // (县科工信局牵头,衡南高新区、县发改局等按职责分工负责)
    // (牵头单位:县教育局)   市应急管理局牵头,市公安局、各镇(街道、中心)等配合。
    // Inside a clause only clause tokens are valid (never `text`): an
    // unclosed clause ends at the line end (zero-width `_clause_end`).
    _paren_clause: ($) =>
      seq(alias($._clause_open, '('), repeat1($._clause_item), choice(')', '）', $._clause_end)),
    _bare_clause: ($) => seq($._bare_clause_start, repeat1($._bare_clause_item)),
    // 由市民政局牵头,…等配合。: the 由 is an anonymous token, not part of the unit.
    _line_clause: ($) =>
      seq($._line_clause_start, optional(token(prec(5, '由'))), repeat1($._bare_clause_item)),

    _clause_item: ($) =>
      choice(
        $.unit,
        $.role,
        alias($._role_char, $.role),
        $.label,
        $.unit_separator,
        $.period,
        $.clause_paren,
        $.cell_separator,
      ),
    // A bare clause may end in a `)` whose `(` was lost: `…等按职能分工负责)`.
    _bare_clause_item: ($) => choice($._clause_item, $.stray_close),

    // A unit: any run that is not a separator and does not start a role
    // word; a bracket group directly after it belongs to it: 各镇(街道、中心).
    // Characters that may start a role word (牵头, 负责, 配合, 参与, 分别牵头,
    // 共同牵头, 职能分工负责) end a unit; they belong to it only when the
    // role word does not follow (分局, 共青团, 职业学院, 各行政审批职能部门).
    unit: (_) =>
      token(prec(1,
        new RegExp(
          `(${UNIT_CHAR})+` +
            `([${OPEN}][^\\r\\n${OPEN}${CLOSE}]*[${CLOSE}][^\\r\\n\\t、,，;；${COLON}${OPEN}${CLOSE}|。等按依牵负配参分共职]*)?`,
        ),
      )),
    unit_separator: (_) => token(prec(1, /[、,，;；:：]/)),
    // 牵头, 分别牵头, 等按职责分工负责, 等相关单位, 依职责配合, 参与 …
    role: (_) =>
      token(
        prec(
          2,
          new RegExp(
            '等*(相关|有关|其他|其他有关|其他相关)?(单位|部门|职能部门)?' +
              '(((按|依)+(职责|职能|职)?(分工)?|职能分工|分工|分别|共同|具体)?(牵头负责|牵头|负责|配合|参与|落实))' +
              '|等*(相关|有关|其他|其他有关|其他相关)?(单位|部门)?(按|依)+(职责|职能|职)?(分工)?' +
              '|等+(相关|有关|其他)?(单位|部门)?' +
              '|分别|共同|职能分工|分工',
          ),
        ),
      ),
    // A role word's first character alone (`兼职)`), so that it is never an
    // ERROR. Lower than `unit`, so that `负有监管职责行业部门` stays a unit.
    _role_char: (_) => token(prec(0, /[分共职牵负配参]/)),
    // 牵头单位:  责任单位:  配合单位:  总牵头单位:  牵头部门:  责任处室:
    label: (_) =>
      token(prec(3, new RegExp(`总?(牵头|责任|配合|协办|主办)(单位|部门|处室)${WS}*[${COLON}]`))),
    clause_paren: ($) =>
      prec.right(seq(choice('(', '（'), repeat($._clause_item), optional(choice(')', '）')))),
  },
});
