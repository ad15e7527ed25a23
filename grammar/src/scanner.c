/*
 * External scanner for the plan grammar.
 *
 * It answers the questions a regular expression cannot, each by looking
 * ahead (bounded, so the scanner stays linear) to the end of a bracket
 * group or of the line:
 *
 *   CLAUSE_OPEN        `(` whose group (up to its `)` or the line end) names
 *                      a responsibility: it holds 牵头, 分工负责 or a label
 *                      (责任单位:), or ends in 负责/配合/参与.
 *   BARE_CLAUSE_START  zero width after 。: the rest of the line is a clause
 *                      without brackets (`县人社局牵头,…等按职能分工负责`).
 *   LINE_CLAUSE_START  zero width at a line start: the whole line is a clause
 *                      (`市应急管理局牵头,市公安局等配合。`, `牵头单位:市教育局`).
 *   MARKER_BARE        the digits of a damaged marker with no separator
 *                      (`1更新义务教育学校设备。`).
 *   MARKER_OPEN        a lone `(` at a line start whose (N) numeral and `)`
 *                      were lost: `(提振消费促内需` (short line, no `)`, no 。).
 *   NOTICE_TITLE_LINE  a whole line `X关于印发《…》的通知` that does not start
 *                      with 关于 (a web page repeats the notice title after
 *                      the issuer's name), with its line end like `_newline`.
 *   CLAUSE_END         zero width at a line end: closes a `(` clause whose
 *                      `)` was lost (`(县X局牵头,县Y局等按职责分工负责`).
 *
 * The scanner keeps no state.
 */

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>

enum TokenType {
  CLAUSE_OPEN,
  BARE_CLAUSE_START,
  LINE_CLAUSE_START,
  MARKER_BARE,
  CLAUSE_END,
  MARKER_OPEN,
  NOTICE_TITLE_LINE,
  ERROR_SENTINEL,
};

/* Longest look-ahead, in characters. Real clauses are far shorter. */
#define MAX_GROUP 400
#define MAX_BARE_CLAUSE 160
#define MAX_LINE_CLAUSE 200

void *tree_sitter_plan_external_scanner_create(void) { return NULL; }
void tree_sitter_plan_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_plan_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_plan_external_scanner_deserialize(void *payload, const char *buffer,
                                                   unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_space(int32_t c) {
  return c == ' ' || c == 0x3000 || c == 0xa0 || c == 0x2002 || c == 0x2003 || c == 0x2009 ||
         c == 0x200b || c == 0xfeff;
}

static bool is_line_end(int32_t c) { return c == '\n' || c == '\r' || c == 0; }
static bool is_open(int32_t c) { return c == '(' || c == 0xff08; }
static bool is_close(int32_t c) { return c == ')' || c == 0xff09; }
static bool is_colon(int32_t c) { return c == ':' || c == 0xff1a; }
static bool is_cn_digit(int32_t c) {
  switch (c) {
    case 0x4e00: case 0x4e8c: case 0x4e09: case 0x56db: case 0x4e94: /* 一二三四五 */
    case 0x516d: case 0x4e03: case 0x516b: case 0x4e5d: case 0x5341: /* 六七八九十 */
    case 0x3007: case 0x96f6:                                       /* 〇零 */
      return true;
    default:
      return false;
  }
}
static bool is_digit(int32_t c) { return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19); }

/* The second character of a two-character responsibility word, given the first. */
static bool completes_role_word(int32_t prev, int32_t c) {
  return (prev == 0x7275 /* 牵 */ && c == 0x5934 /* 头 */) ||
         (prev == 0x8d1f /* 负 */ && c == 0x8d23 /* 责 */) ||
         (prev == 0x914d /* 配 */ && c == 0x5408 /* 合 */) ||
         (prev == 0x53c2 /* 参 */ && c == 0x4e0e /* 与 */);
}

/* 单位, 部门 or 处室 preceded by 牵头/责任/配合: a clause label (if a colon
 * follows): 牵头单位:, 责任部门:, 责任处室:. */
static bool completes_label(int32_t prev2, int32_t prev, int32_t c) {
  bool noun = (prev == 0x5355 /* 单 */ && c == 0x4f4d /* 位 */) ||
              (prev == 0x90e8 /* 部 */ && c == 0x95e8 /* 门 */) ||
              (prev == 0x5904 /* 处 */ && c == 0x5ba4 /* 室 */);
  return noun &&
         (prev2 == 0x4efb /* 任 */ || prev2 == 0x5934 /* 头 */ || prev2 == 0x5408 /* 合 */);
}

/*
 * Characters after which the digits of a line start are a count or a date,
 * not a damaged marker: 30个, 2024年, 5万 …
 */
static bool is_measure(int32_t c) {
  static const int32_t measures[] = {
      0x5e74 /* 年 */, 0x6708 /* 月 */, 0x65e5 /* 日 */, 0x4e2a /* 个 */, 0x4e07 /* 万 */,
      0x4ebf /* 亿 */, 0x5bb6 /* 家 */, 0x9879 /* 项 */, 0x4eba /* 人 */, 0x540d /* 名 */,
      0x6b21 /* 次 */, 0x4ef6 /* 件 */, 0x6237 /* 户 */, 0x6240 /* 所 */, 0x6761 /* 条 */,
      0x5ea7 /* 座 */, 0x53f0 /* 台 */, 0x8f86 /* 辆 */, 0x5143 /* 元 */, 0x5929 /* 天 */,
      0x4ea9 /* 亩 */, 0x7c73 /* 米 */, 0x5428 /* 吨 */, 0x500d /* 倍 */, 0x6279 /* 批 */,
      0x5904 /* 处 */, 0x7c7b /* 类 */, 0x79cd /* 种 */, 0x5927 /* 大 */, 0x53f7 /* 号 */,
      0x65f6 /* 时 */, 0x5206 /* 分 */, 0x79d2 /* 秒 */, 0x671f /* 期 */, 0x5c4a /* 届 */,
      0x5468 /* 周 */, 0x5c81 /* 岁 */, 0x7ea7 /* 级 */, 0x5343 /* 千 */, 0x767e /* 百 */,
      0x516c /* 公 */, 0x5e73 /* 平 */, 0x5f20 /* 张 */, 0x5957 /* 套 */, 0x5e8a /* 床 */,
      0x5c42 /* 层 */, 0x680b /* 栋 */, 0x5f8b /* 律 */, 0x6237 /* 户 */, 0x5b57 /* 字 */,
  };
  for (unsigned i = 0; i < sizeof(measures) / sizeof(measures[0]); i++) {
    if (measures[i] == c) return true;
  }
  return false;
}

static bool is_han(int32_t c) { return c >= 0x4e00 && c <= 0x9fff; }

/* `1更新…` at a line start: one or two digits glued to a Han character. */
static bool scan_bare_marker(TSLexer *lexer) {
  unsigned digits = 0;
  while (is_digit(lexer->lookahead)) {
    if (++digits > 2) return false;
    lexer->advance(lexer, false);
  }
  if (digits == 0) return false;
  lexer->mark_end(lexer);
  int32_t c = lexer->lookahead;
  if (!is_han(c) || is_measure(c)) return false;
  lexer->result_symbol = MARKER_BARE;
  return true;
}

/* Longest line (in characters after the `(`) taken as a lost-numeral heading. */
#define MAX_MARKER_OPEN_LINE 40

/*
 * After `(`: does the group (up to its `)` or the line end) name a
 * responsibility (CLAUSE_OPEN)? It does when it holds 牵头, 分工负责 or a label
 * (牵头单位:), or ends in 负责/配合/参与: `(县商务局牵头负责)`,
 * `(各成员单位按职责分工负责)`, `(A、B等负责)`, but not
 * `(县财政局负责资金保障的部分除外)`. If not, and the `(` is at a line start,
 * is it the remains of a (N) marker (MARKER_OPEN)? Either token is the `(`
 * alone.
 */
static bool scan_open(TSLexer *lexer, bool want_clause, bool want_marker) {
  lexer->advance(lexer, false);
  lexer->mark_end(lexer);
  int32_t first = lexer->lookahead;
  int depth = 1;
  bool closed = false, full_stop = false, pending_label = false;
  bool ends_with_role = false, any_role = false;
  int32_t prev3 = 0, prev2 = 0, prev = 0;
  unsigned n = 0;
  for (; n < MAX_GROUP; n++) {
    int32_t c = lexer->lookahead;
    /* At the end of the input the lookahead is 0, a line end. */
    if (is_line_end(c)) break;
    if (is_open(c)) {
      depth++;
    } else if (is_close(c)) {
      if (--depth == 0) {
        closed = true;
        break;
      }
    } else if (c == 0x3002 /* 。 */) {
      full_stop = true;
    } else if (!is_space(c) && c != '|' && c != '\t') {
      bool lead = prev == 0x7275 /* 牵 */ && c == 0x5934 /* 头 */;
      bool fengong_fuze = prev3 == 0x5206 /* 分 */ && prev2 == 0x5de5 /* 工 */ &&
                          prev == 0x8d1f /* 负 */ && c == 0x8d23 /* 责 */;
      bool label = pending_label && is_colon(c);
      if (lead || fengong_fuze || label) {
        if (!want_clause) return false;
        lexer->result_symbol = CLAUSE_OPEN;
        return true;
      }
      pending_label = completes_label(prev2, prev, c);
      bool role = completes_role_word(prev, c);
      /* `…等按职责分工)`: a clause whose 负责 was lost. */
      bool fengong = prev == 0x5206 /* 分 */ && c == 0x5de5 /* 工 */;
      any_role = any_role || role;
      ends_with_role = depth == 1 && (role || fengong);
      prev3 = prev2;
      prev2 = prev;
      prev = c;
    }
    lexer->advance(lexer, false);
  }
  if (ends_with_role) {
    if (!want_clause) return false;
    lexer->result_symbol = CLAUSE_OPEN;
    return true;
  }
  if (want_marker && !any_role && !closed && !full_stop && n > 0 && n <= MAX_MARKER_OPEN_LINE &&
      is_han(first) && !is_cn_digit(first)) {
    lexer->result_symbol = MARKER_OPEN;
    return true;
  }
  return false;
}

/* Longest line taken as a notice title, in characters. */
#define MAX_NOTICE_TITLE 160

/* Consumes a line end like the grammar's `_newline`: \r?\n, blank lines, and
 * the next line's indentation. */
static void consume_newline(TSLexer *lexer) {
  if (lexer->lookahead == '\r') lexer->advance(lexer, false);
  if (lexer->lookahead != '\n') return;
  lexer->advance(lexer, false);
  lexer->mark_end(lexer);
  for (;;) {
    while (is_space(lexer->lookahead) || lexer->lookahead == '\t') lexer->advance(lexer, false);
    lexer->mark_end(lexer);
    if (lexer->lookahead == '\r') lexer->advance(lexer, false);
    if (lexer->lookahead != '\n') return;
    lexer->advance(lexer, false);
    lexer->mark_end(lexer);
  }
}

/*
 * What a line-start pass learns about a notice title (`…关于印发《…》的通知`):
 * the last four non-space characters (t[3] last), whether 关于印发/转发/下发
 * occurs after the line's first character, and whether a colon occurs.
 */
typedef struct {
  int32_t t[4];
  bool has_guanyu, has_colon;
} TitleScan;

/* Takes in the non-space character `c`, the line's `n`th (from 0). */
static void title_scan_push(TitleScan *s, int32_t c, unsigned n) {
  s->t[0] = s->t[1], s->t[1] = s->t[2], s->t[2] = s->t[3], s->t[3] = c;
  /* 关于印发 / 关于转发 / 关于下发, not at the line start */
  if (s->t[0] == 0x5173 /* 关 */ && s->t[1] == 0x4e8e /* 于 */ &&
      (s->t[2] == 0x5370 /* 印 */ || s->t[2] == 0x8f6c /* 转 */ || s->t[2] == 0x4e0b /* 下 */) &&
      s->t[3] == 0x53d1 /* 发 */ && n > 3) {
    s->has_guanyu = true;
  }
  if (is_colon(c)) s->has_colon = true;
}

/* Whether the line read so far (without a 。) is a notice title after the issuer. */
static bool title_scan_matches(const TitleScan *s) {
  return s->has_guanyu && !s->has_colon && s->t[1] == 0x7684 /* 的 */ &&
         s->t[2] == 0x901a /* 通 */ && s->t[3] == 0x77e5 /* 知 */;
}

/*
 * What a pass learns about a clause without brackets: whether it holds 牵头
 * and a label (牵头单位: within its first characters), and whether it ends in
 * a responsibility word. Role words inside brackets (`depth` > 0) belong to a
 * bracketed clause.
 */
typedef struct {
  bool has_lead, has_label, ends_with_role, pending_label;
  int depth;
  int32_t prev2, prev; /* the last two characters outside brackets */
} ClauseScan;

/*
 * Characters that can change a clause's state outside brackets beyond
 * "ends_with_role = false": the second character of a role word (头责合与,
 * see completes_role_word), the last of a label noun (位门室, see
 * completes_label), and colons (after a label).
 */
static bool is_clause_key(int32_t c) {
  switch (c) {
    case 0x5934: case 0x8d23: case 0x5408: case 0x4e0e: /* 头责合与 */
    case 0x4f4d: case 0x95e8: case 0x5ba4:              /* 位门室 */
    case ':': case 0xff1a:
      return true;
    default:
      return false;
  }
}

/* Takes in `c`, the clause's `n`th character (from 0), which is not a 。. */
static void clause_scan_push(ClauseScan *s, int32_t c, unsigned n) {
  /* Most characters are Han outside brackets and no key: they end any
   * role word and label (the general case below, with every test false). */
  if (s->depth == 0 && is_han(c) && !is_clause_key(c)) {
    s->pending_label = false;
    s->ends_with_role = false;
    s->prev2 = s->prev;
    s->prev = c;
    return;
  }
  if (is_open(c)) {
    s->depth++;
    s->ends_with_role = false;
  } else if (is_close(c)) {
    /* a `)` whose `(` was lost is trailing decoration */
    if (s->depth > 0) s->depth--;
  } else if (is_space(c) || c == '|' || c == '\t') {
    /* trailing decoration does not change what the clause ends with */
  } else if (s->depth > 0) {
    /* 各镇(街道、中心): inside a unit's brackets */
    s->ends_with_role = false;
    s->prev2 = s->prev = 0;
  } else {
    if (s->pending_label && is_colon(c)) s->has_label = true;
    s->pending_label = false;
    bool role = completes_role_word(s->prev, c);
    if (role && s->prev == 0x7275 /* 牵 */) s->has_lead = true;
    if (completes_label(s->prev2, s->prev, c) && n <= 5) s->pending_label = true;
    s->ends_with_role = role;
    s->prev2 = s->prev;
    s->prev = c;
  }
}

/*
 * Is the rest of the line a clause without brackets? It must be short, have
 * no full stop before its end, and end in a responsibility word
 * (负责/配合/参与/牵头), or start with a label (牵头单位:). At a line start
 * (`at_line_start`) a 牵头 is required too, so that an ordinary sentence
 * ending in 负责 stays a paragraph.
 *
 * At a line start the same pass also tells whether the line is a notice
 * title after the issuer's name (NOTICE_TITLE_LINE, if `want_title`).
 *
 * Neither answer is known before the line end (a 牵头 or a role word may
 * come last), so the pass reads to it, unless it meets a 。 followed by
 * more text or the line is too long: both rule out either answer.
 */
static bool scan_bare_clause(TSLexer *lexer, bool at_line_start, bool want_clause,
                             bool want_title) {
  lexer->mark_end(lexer);
  unsigned max = at_line_start ? MAX_LINE_CLAUSE : MAX_BARE_CLAUSE;
  if (want_title && max < MAX_NOTICE_TITLE) max = MAX_NOTICE_TITLE;
  ClauseScan clause = {0};
  TitleScan title = {{0, 0, 0, 0}, false, false};
  bool full_stop_inside = false;
  unsigned n = 0;
  for (;; n++) {
    int32_t c = lexer->lookahead;
    /* At the end of the input the lookahead is 0, a line end. */
    if (is_line_end(c)) break;
    if (n >= max) return false;
    if (full_stop_inside) return false; /* a 。 followed by more text */
    /* The title's window only matters when a title is wanted. */
    if (want_title && !is_space(c)) title_scan_push(&title, c, n);
    if (c == 0x3002 /* 。 */) {
      full_stop_inside = true;
    } else {
      clause_scan_push(&clause, c, n);
    }
    lexer->advance(lexer, false);
  }
  if (n == 0) return false;
  if (want_title && title_scan_matches(&title)) {
    lexer->mark_end(lexer);
    consume_newline(lexer);
    lexer->result_symbol = NOTICE_TITLE_LINE;
    return true;
  }
  if (!want_clause || n > (at_line_start ? MAX_LINE_CLAUSE : MAX_BARE_CLAUSE)) return false;
  bool is_clause = at_line_start ? (clause.has_label || (clause.has_lead && clause.ends_with_role))
                                 : (clause.has_label || clause.ends_with_role);
  if (!is_clause) return false;
  lexer->result_symbol = at_line_start ? LINE_CLAUSE_START : BARE_CLAUSE_START;
  return true;
}

bool tree_sitter_plan_external_scanner_scan(void *payload, TSLexer *lexer,
                                            const bool *valid_symbols) {
  (void)payload;
  /* During error recovery every symbol is valid: let the internal lexer work. */
  if (valid_symbols[ERROR_SENTINEL]) return false;

  while (is_space(lexer->lookahead)) lexer->advance(lexer, true);

  int32_t c = lexer->lookahead;
  if (valid_symbols[CLAUSE_END] && is_line_end(c)) {
    lexer->mark_end(lexer);
    lexer->result_symbol = CLAUSE_END;
    return true;
  }
  if (valid_symbols[MARKER_BARE] && is_digit(c)) return scan_bare_marker(lexer);
  if ((valid_symbols[CLAUSE_OPEN] || valid_symbols[MARKER_OPEN]) && is_open(c)) {
    return scan_open(lexer, valid_symbols[CLAUSE_OPEN], valid_symbols[MARKER_OPEN]);
  }
  if ((valid_symbols[LINE_CLAUSE_START] || valid_symbols[NOTICE_TITLE_LINE]) && !is_open(c) &&
      !is_digit(c)) {
    return scan_bare_clause(lexer, true, valid_symbols[LINE_CLAUSE_START],
                            valid_symbols[NOTICE_TITLE_LINE]);
  }
  if (valid_symbols[BARE_CLAUSE_START] && !is_open(c)) {
    return scan_bare_clause(lexer, false, true, false);
  }
  return false;
}
