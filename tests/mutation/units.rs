//! Unit lists, found by the harness's own scanners (not plan-lint's model):
//! responsibility clauses (`（X牵头，Y、Z配合）`, `（责任单位：…）`,
//! `（牵头单位：…；配合单位：…）`, `【…】`, `（X按职责分工负责）`, and the same
//! forms as a line of their own, `牵头单位：X`), member lists (`成员单位包括…`,
//! `由…组成`, `…为成员`) and table cells (TAB- or `|`-separated, or one cell
//! per line under a `牵头单位` header).
//!
//! A list is a site only when every one of its items looks like a unit (or a
//! collective such as `各区人民政府`, `有关部门`): a garbled or cut item makes
//! the whole list unusable, which is what a reviewer would agree with.

use super::view::{Doc, is_han};

/// An item of a unit list: view indices `a..b` (they may span a line mark
/// where a PDF wrapped the name), its name without white space.
#[derive(Clone, Debug)]
pub struct Item {
    pub name: String,
    pub a: usize,
    pub b: usize,
    pub concrete: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Lead,
    Resp,
    Collab,
}

/// One role of a clause: `X、Y牵头` or `配合单位：Z`. `a..b` is the segment in
/// the view, label or verb included.
#[derive(Clone, Debug)]
pub struct Segment {
    pub role: Role,
    pub a: usize,
    pub b: usize,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub struct Clause {
    /// View range of the clause (brackets included when bracketed).
    pub a: usize,
    pub b: usize,
    pub segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Clause,
    Member,
    Table,
}

/// A list of units to mutate: a clause's segment, a member list or a cell.
#[derive(Clone, Debug)]
pub struct UnitList {
    pub kind: ListKind,
    pub items: Vec<Item>,
}

const OPEN: &[char] = &['（', '(', '【', '[', '〔', '〈', '［', '｛', '{'];
const CLOSE: &[char] = &['）', ')', '】', ']', '〕', '〉', '］', '｝', '}'];
const SEPARATORS: &[char] = &['、', '，', ',', '/'];

/// Endings of a unit's name.
const SUFFIXES: &[&str] = &[
    "局", "委", "办", "厅", "部", "中心", "政府", "公司", "院", "会", "联", "协", "所", "队", "行",
    "馆", "站", "处", "署", "集团", "区", "社", "校", "大学", "台", "海关", "组", "室", "监狱",
];

/// Words that cannot start a unit's name (they start a sentence).
const BAD_STARTS: &[&str] = &[
    "由", "在", "对", "和", "与", "及", "并", "将", "把", "为", "按", "请", "全省", "全市", "全县",
    "全区", "本", "我", "从", "向", "以", "其中", "加强", "推动", "支持", "鼓励", "组织", "指导",
    "会同", "协调", "负责", "建立", "成立", "设立", "实施", "开展", "确保", "力争",
];

/// Words that cannot be inside a unit's name.
const BAD_INNER: &[&str] = &[
    "牵头",
    "配合",
    "负责",
    "按职责",
    "组成",
    "包括",
    "及",
    "与",
    "等",
    "。",
    "：",
    ":",
    "；",
    ";",
];

/// Tails of a list that are not part of its last unit.
const LIST_TAILS: &[&str] = &[
    "等相关单位",
    "等有关单位",
    "等相关部门",
    "等有关部门",
    "等其他单位",
    "等成员单位",
    "等单位",
    "等部门",
    "等",
];

/// Labels before a list (`责任单位：`), longest first.
const LABELS: &[(&str, Role)] = &[
    ("总牵头单位", Role::Lead),
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("责任单位", Role::Resp),
    ("责任部门", Role::Resp),
    ("主责单位", Role::Resp),
    ("主办单位", Role::Resp),
    ("实施单位", Role::Resp),
    ("责任主体", Role::Resp),
    ("配合单位", Role::Collab),
    ("配合部门", Role::Collab),
    ("参与单位", Role::Collab),
    ("协办单位", Role::Collab),
];

/// Verbs after a list (`X牵头`, `Y等按职责分工负责`), longest first.
const VERBS: &[(&str, Role)] = &[
    ("按职责分工牵头", Role::Lead),
    ("按职责分工负责", Role::Resp),
    ("按职能分工负责", Role::Resp),
    ("按职责分工落实", Role::Resp),
    ("按职责负责", Role::Resp),
    ("牵头负责", Role::Lead),
    ("共同负责", Role::Resp),
    ("分工负责", Role::Resp),
    ("负责落实", Role::Resp),
    ("牵头", Role::Lead),
    ("配合", Role::Collab),
    ("参与", Role::Collab),
    ("负责", Role::Resp),
];

fn is_open(c: char) -> bool {
    OPEN.contains(&c)
}

fn is_close(c: char) -> bool {
    CLOSE.contains(&c)
}

fn starts_with_at(cs: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i + n <= cs.len() && cs[i..i + n].iter().copied().eq(word.chars())
}

fn ends_with_at(cs: &[char], end: usize, word: &str) -> bool {
    let n = word.chars().count();
    end >= n && starts_with_at(cs, end - n, word)
}

/// Whether `name` looks like a unit: `Some(true)` for a concrete unit
/// (`县发改局`, `人民银行沅江市支行`, `县委宣传部(网信室)`), `Some(false)` for a
/// collective (`各区人民政府`, `各镇(街道、中心)`, `市级有关部门`), `None` otherwise.
pub fn unit_kind(name: &str) -> Option<bool> {
    let cs: Vec<char> = name.chars().collect();
    if cs.len() < 2 || cs.len() > 30 {
        return None;
    }
    let mut depth = 0i32;
    for &c in &cs {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth -= 1;
            if depth < 0 {
                return None;
            }
        } else if !(is_han(c) || (depth > 0 && (c == '、' || c == '，' || c == ','))) {
            return None;
        }
    }
    if depth != 0 || is_open(cs[0]) {
        return None;
    }
    // The name outside brackets.
    let mut base = String::new();
    let mut depth = 0;
    for &c in &cs {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth -= 1;
        } else if depth == 0 {
            base.push(c);
        }
    }
    if BAD_INNER.iter().any(|w| base.contains(w)) || BAD_STARTS.iter().any(|w| base.starts_with(w))
    {
        return None;
    }
    // `县市区人民政府`, `市县政府`, `市（州）`: several levels at once (but
    // `市市场监管局` is the city's 市场监管局).
    let levels = ["县市区", "市县", "县市", "区县", "市州", "县区", "省市县"]
        .iter()
        .any(|w| base.starts_with(w) && !base[w.len()..].starts_with('场'));
    let collective = levels
        || ["各", "其他", "其它", "有关", "相关"]
            .iter()
            .any(|w| base.starts_with(w))
        || base.contains("有关")
        || base.contains("相关")
        || base.ends_with("部门")
        || base.ends_with("单位")
        || base.ends_with("企业");
    if collective {
        return Some(false);
    }
    if base.chars().count() < 3 || !SUFFIXES.iter().any(|s| base.ends_with(s)) {
        return None;
    }
    // Two names run together (`县发改局县教育局`, `县委县政府`).
    let bc: Vec<char> = base.chars().collect();
    for i in 1..bc.len().saturating_sub(2) {
        if matches!(bc[i], '局' | '委' | '办' | '厅' | '部')
            && matches!(bc[i + 1], '县' | '市' | '区' | '省')
        {
            return None;
        }
    }
    Some(true)
}

/// The view with line marks left out, as (characters, view indices).
fn compact(doc: &Doc, a: usize, b: usize) -> (Vec<char>, Vec<usize>) {
    let mut cs = Vec::new();
    let mut ix = Vec::new();
    for i in a..b {
        let c = doc.view.chars[i];
        if c != '\n' {
            cs.push(c);
            ix.push(i);
        }
    }
    (cs, ix)
}

/// Split `cs[a..b]` (a list, its tail `等…` already removed) into items at
/// top-level separators. `None` when an item is empty or not a unit.
fn split_items(doc: &Doc, cs: &[char], ix: &[usize], a: usize, b: usize) -> Option<Vec<Item>> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = a;
    for i in a..=b {
        let at_end = i == b;
        if !at_end {
            let c = cs[i];
            if is_open(c) {
                depth += 1;
            } else if is_close(c) {
                depth -= 1;
            }
        }
        if at_end || (depth == 0 && SEPARATORS.contains(&cs[i])) {
            if start >= i {
                return None;
            }
            let name: String = cs[start..i].iter().collect();
            let concrete = unit_kind(&name)?;
            if two_units_spaced_apart(doc, ix[start], ix[i - 1] + 1) {
                return None;
            }
            items.push(Item {
                name,
                a: ix[start],
                b: ix[i - 1] + 1,
                concrete,
            });
            start = i + 1;
        }
    }
    if depth != 0 || items.is_empty() {
        return None;
    }
    Some(items)
}

/// An item that is two units with only a space between them in the
/// original (`市城管 执法局 沅江 供电公司` in a table cell): a space right after a
/// unit's ending, with a unit on both sides. A letter-spaced PDF name
/// (`市 财 政 局`) has no unit before its spaces.
fn two_units_spaced_apart(doc: &Doc, a: usize, b: usize) -> bool {
    let mut before = String::new();
    let mut after: String = doc.view.chars[a..b]
        .iter()
        .filter(|c| **c != '\n')
        .collect();
    for i in a..b {
        let c = doc.view.chars[i];
        if c == '\n' {
            continue;
        }
        before.push(c);
        after.remove(0);
        let spaced = i + 1 < b && doc.view.pos[i + 1] > doc.view.pos[i] + c.len_utf8();
        if spaced
            && !after.is_empty()
            && unit_kind(&before) == Some(true)
            && unit_kind(&after) == Some(true)
        {
            return true;
        }
    }
    false
}

/// A plain list `cs[a..b]`: tail `等…` removed, items split.
fn parse_list(doc: &Doc, cs: &[char], ix: &[usize], a: usize, mut b: usize) -> Option<Vec<Item>> {
    while b > a && matches!(cs[b - 1], '，' | ',' | '、' | '；' | ';' | '。') {
        b -= 1;
    }
    for tail in LIST_TAILS {
        if ends_with_at(cs, b, tail) {
            b -= tail.chars().count();
            break;
        }
    }
    if b <= a {
        return None;
    }
    split_items(doc, cs, ix, a, b)
}

fn label_at(cs: &[char], i: usize) -> Option<(usize, Role)> {
    for (label, role) in LABELS {
        if starts_with_at(cs, i, label) {
            let k = i + label.chars().count();
            if k < cs.len() && matches!(cs[k], '：' | ':') {
                return Some((k + 1 - i, *role));
            }
        }
    }
    None
}

fn verb_at(cs: &[char], i: usize) -> Option<(usize, Role)> {
    for (verb, role) in VERBS {
        if starts_with_at(cs, i, verb) {
            let k = i + verb.chars().count();
            let boundary = k == cs.len()
                || matches!(cs[k], '，' | ',' | '；' | ';' | '。')
                || label_at(cs, k).is_some();
            if boundary {
                return Some((k - i, *role));
            }
        }
    }
    None
}

fn is_boundary(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '、' | '。')
}

/// Parse a responsibility clause's content (view `a..b`): a sequence of
/// labelled (`责任单位：…`) and verb-ended (`X牵头`) segments, nothing else.
pub fn parse_clause(doc: &Doc, a: usize, b: usize) -> Option<Vec<Segment>> {
    let (cs, ix) = compact(doc, a, b);
    let n = cs.len();
    let mut segs = Vec::new();
    let mut i = 0;
    while i < n {
        while i < n && is_boundary(cs[i]) {
            i += 1;
        }
        if i >= n {
            break;
        }
        if let Some((len, role)) = label_at(&cs, i) {
            let body = i + len;
            let mut end = body;
            while end < n && label_at(&cs, end).is_none() {
                end += 1;
            }
            // The list may end with a verb (`责任单位：A、B按职责分工负责`).
            let mut list_end = end;
            while list_end > body && is_boundary(cs[list_end - 1]) {
                list_end -= 1;
            }
            for (verb, _) in VERBS {
                if ends_with_at(&cs, list_end, verb) {
                    list_end -= verb.chars().count();
                    break;
                }
            }
            let items = parse_list(doc, &cs, &ix, body, list_end)?;
            let mut seg_end = end;
            while seg_end > body && is_boundary(cs[seg_end - 1]) {
                seg_end -= 1;
            }
            segs.push(Segment {
                role,
                a: ix[i],
                b: ix[seg_end - 1] + 1,
                items,
            });
            i = end;
        } else {
            let mut k = i;
            let mut depth = 0;
            let mut found = None;
            while k < n {
                let c = cs[k];
                if is_open(c) {
                    depth += 1;
                } else if is_close(c) {
                    depth -= 1;
                } else if depth == 0 {
                    if let Some(v) = verb_at(&cs, k) {
                        found = Some((k, v));
                        break;
                    }
                    if label_at(&cs, k).is_some() {
                        break;
                    }
                }
                k += 1;
            }
            let (k, (len, role)) = found?;
            let items = parse_list(doc, &cs, &ix, i, k)?;
            segs.push(Segment {
                role,
                a: ix[i],
                b: ix[k + len - 1] + 1,
                items,
            });
            i = k + len;
        }
    }
    if segs.is_empty() || !segs.iter().flat_map(|s| &s.items).any(|it| it.concrete) {
        return None;
    }
    Some(segs)
}

fn has_role_word(cs: &[char]) -> bool {
    let s: String = cs.iter().collect();
    [
        "牵头",
        "负责",
        "配合",
        "参与",
        "单位：",
        "单位:",
        "部门：",
        "主体：",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// Responsibility clauses in brackets: `（…牵头…）`, `（责任单位：…）`, `【…】`.
pub fn bracketed_clauses(doc: &Doc) -> Vec<Clause> {
    let v = &doc.view.chars;
    let mut out = Vec::new();
    let mut p = 0;
    while p < v.len() {
        if !is_open(v[p]) {
            p += 1;
            continue;
        }
        let mut depth = 0;
        let mut q = p;
        let limit = (p + 600).min(v.len());
        let mut close = None;
        while q < limit {
            if is_open(v[q]) {
                depth += 1;
            } else if is_close(v[q]) {
                depth -= 1;
                if depth == 0 {
                    close = Some(q);
                    break;
                }
            }
            q += 1;
        }
        let Some(q) = close else {
            p += 1;
            continue;
        };
        let (cs, _) = compact(doc, p + 1, q);
        if has_role_word(&cs)
            && let Some(segments) = parse_clause(doc, p + 1, q)
        {
            out.push(Clause {
                a: p,
                b: q + 1,
                segments,
            });
            p = q + 1;
            continue;
        }
        p += 1;
    }
    out
}

/// Responsibility clauses that are a line (or a sentence) of their own:
/// `市应急管理局牵头，市公安局等配合。`, `责任单位：市工信局、市统计局`. A PDF may
/// have wrapped them: the candidate is extended line by line while it ends
/// in a separator or does not parse, up to four lines.
pub fn line_clauses(doc: &Doc, taken: &[(usize, usize)]) -> Vec<Clause> {
    let v = &doc.view.chars;
    let mut out: Vec<Clause> = Vec::new();
    let mut s = 0;
    while s < v.len() {
        let starts = s == 0 || v[s - 1] == '\n' || v[s - 1] == '。';
        if !starts || v[s] == '\n' || is_open(v[s]) || out.last().is_some_and(|c| c.b > s) {
            s += 1;
            continue;
        }
        // A paragraph starts here: the previous line ended a sentence, or the
        // candidate begins with a label.
        let mut prev = s;
        while prev > 0 && v[prev - 1] == '\n' {
            prev -= 1;
        }
        let blank_before = prev + 1 < s || prev == 0;
        let prev_ok = blank_before
            || matches!(
                v[prev - 1],
                '。' | '；' | ';' | '：' | ':' | '）' | ')' | '|'
            );
        let labelled = {
            let (cs, _) = compact(doc, s, (s + 8).min(v.len()));
            label_at(&cs, 0).is_some()
        };
        if !(prev_ok || labelled) || taken.iter().any(|&(a, b)| a <= s && s < b) {
            s += 1;
            continue;
        }
        let mut e = s;
        let mut found = None;
        for _ in 0..4 {
            while e < v.len() && v[e] != '\n' && v[e] != '。' {
                e += 1;
            }
            let (cs, _) = compact(doc, s, e);
            if !has_role_word(&cs) {
                break;
            }
            let ends_open = cs.last().is_some_and(|c| matches!(c, '、' | '，' | ','));
            if let Some(segments) = parse_clause(doc, s, e)
                && !ends_open
            {
                found = Some(Clause {
                    a: s,
                    b: e,
                    segments,
                });
                break;
            }
            if e >= v.len() || v[e] == '。' {
                break;
            }
            e += 1;
        }
        if let Some(c) = found {
            s = c.b;
            out.push(c);
        } else {
            s += 1;
        }
    }
    out
}

/// Every responsibility clause: bracketed ones, then those on lines of their
/// own, in text order.
pub fn clauses(doc: &Doc) -> Vec<Clause> {
    let mut all = bracketed_clauses(doc);
    let taken: Vec<(usize, usize)> = all.iter().map(|c| (c.a, c.b)).collect();
    all.extend(line_clauses(doc, &taken));
    all.sort_by_key(|c| c.a);
    all
}

/// Member lists: `成员单位包括A、B等。`, `由A、B、C组成`, `A、B等单位相关负责人为成员`.
pub fn member_lists(doc: &Doc) -> Vec<UnitList> {
    let (cs, ix) = compact(doc, 0, doc.view.chars.len());
    let n = cs.len();
    let mut out = Vec::new();
    let push = |out: &mut Vec<UnitList>, items: Vec<Item>| {
        if items.len() >= 2 && items.iter().any(|i| i.concrete) {
            out.push(UnitList {
                kind: ListKind::Member,
                items,
            });
        }
    };
    // Sentence ends and separators before `k`, at most `limit` back.
    let back_to = |k: usize, stops: &[char], limit: usize| -> usize {
        let mut j = k;
        while j > 0 && k - j < limit && !stops.contains(&cs[j - 1]) {
            j -= 1;
        }
        j
    };
    for i in 0..n {
        // 成员单位包括 / 成员单位为 / 成员单位有 / 成员单位： / 成员包括
        for intro in [
            "成员单位包括",
            "成员单位为",
            "成员单位有",
            "成员单位：",
            "成员单位:",
            "成员包括",
            "成员有",
        ] {
            if !starts_with_at(&cs, i, intro) {
                continue;
            }
            let a = i + intro.chars().count();
            let mut end = a;
            let mut depth = 0;
            while end < n && end - a < 600 {
                let c = cs[end];
                if is_open(c) {
                    depth += 1;
                } else if is_close(c) {
                    depth -= 1;
                } else if depth == 0 && matches!(c, '。' | '；' | ';') {
                    break;
                }
                end += 1;
            }
            // Try the whole sentence, then up to the last commas.
            let mut b = end;
            for _ in 0..3 {
                if let Some(items) = parse_list(doc, &cs, &ix, a, b) {
                    push(&mut out, items);
                    break;
                }
                match (a..b).rev().find(|&j| matches!(cs[j], '，' | ',')) {
                    Some(j) => b = j,
                    None => break,
                }
            }
            break;
        }
        // 由A、B、C(等)组成
        if starts_with_at(&cs, i, "组成") {
            let j = back_to(i, &['。', '；', ';', '，', ','], 300);
            if let Some(r) = (j..i).find(|&k| cs[k] == '由') {
                let mut b = i;
                for t in ["等单位", "等部门", "等"] {
                    if ends_with_at(&cs, b, t) {
                        b -= t.chars().count();
                        break;
                    }
                }
                if let Some(items) = parse_list(doc, &cs, &ix, r + 1, b) {
                    push(&mut out, items);
                }
            }
        }
        // A、B等单位相关负责人为成员 / A、B等为成员单位
        if starts_with_at(&cs, i, "为成员") {
            let j = back_to(i, &['。', '；', ';', '，', ',', '：', ':'], 600);
            let mut b = i;
            for t in [
                "等单位相关负责人",
                "等单位主要负责人",
                "等单位负责同志",
                "等单位分管负责同志",
                "等部门相关负责人",
                "等部门主要负责人",
                "相关负责人",
                "主要负责人",
                "分管负责同志",
                "负责同志",
                "负责人",
            ] {
                if ends_with_at(&cs, b, t) {
                    b -= t.chars().count();
                    break;
                }
            }
            if let Some(items) = parse_list(doc, &cs, &ix, j, b) {
                push(&mut out, items);
            }
        }
    }
    out
}

/// Header labels of a task table's unit columns.
const HEADER_LABELS: &[&str] = &[
    "牵头单位",
    "责任单位",
    "配合单位",
    "牵头部门",
    "责任部门",
    "配合部门",
    "参与单位",
    "协办单位",
    "主办单位",
    "责任主体",
];

/// Table cells holding a unit list: cells of a row joined by TAB, cells
/// ending in `|` (one per line, as Word tables flattened), and lines of their
/// own after a `牵头单位`/`配合单位` header line (a crawler's one cell per line).
pub fn table_cells(doc: &Doc) -> Vec<UnitList> {
    let mut out = Vec::new();
    let v = &doc.view;
    // Unit columns of the last header (one label a line), and the run of
    // lines since the last line that was not a unit list: a crawler's table
    // gives at most one such line per unit column in a row; a longer run is
    // a list of links or names, not a table row.
    let mut columns = 0;
    let mut in_header = false;
    let mut run: Vec<UnitList> = Vec::new();
    let flush = |run: &mut Vec<UnitList>, out: &mut Vec<UnitList>, columns: usize| {
        if run.len() <= columns {
            out.append(run);
        }
        run.clear();
    };
    let mut i = 0;
    while i < v.chars.len() {
        // One original line: view i..j.
        let mut j = i;
        while j < v.chars.len() && v.chars[j] != '\n' {
            j += 1;
        }
        let line: String = v.chars[i..j].iter().collect();
        let bare = line.trim_end_matches('|');
        let tabbed = line.contains('\t');
        let piped = line.ends_with('|');
        if HEADER_LABELS.contains(&bare) {
            flush(&mut run, &mut out, columns);
            if !in_header {
                columns = 0;
            }
            columns += 1;
            in_header = true;
            i = j + 1;
            continue;
        }
        in_header = false;
        if line.is_empty() || ["附件", "抄送", "印发"].iter().any(|w| line.starts_with(w)) {
            flush(&mut run, &mut out, columns);
            columns = 0;
        }
        let cell_list = |a: usize, b: usize| -> Option<UnitList> {
            let (cs, ix) = compact(doc, a, b);
            if has_role_word(&cs) {
                return None;
            }
            let items = parse_list(doc, &cs, &ix, 0, cs.len())?;
            items.iter().any(|it| it.concrete).then_some(UnitList {
                kind: ListKind::Table,
                items,
            })
        };
        if tabbed || piped {
            flush(&mut run, &mut out, columns);
            let mut a = i;
            for k in i..=j {
                if k == j || v.chars[k] == '\t' || v.chars[k] == '|' {
                    if k > a
                        && let Some(l) = cell_list(a, k)
                    {
                        out.push(l);
                    }
                    a = k + 1;
                }
            }
        } else if columns > 0 && j > i {
            match cell_list(i, j) {
                Some(l) => run.push(l),
                None => flush(&mut run, &mut out, columns),
            }
        }
        i = j + 1;
    }
    flush(&mut run, &mut out, columns);
    out
}

/// Every unit list of a document, by kind.
pub fn all_lists(doc: &Doc, clauses: &[Clause]) -> Vec<UnitList> {
    let mut out = Vec::new();
    for c in clauses {
        for s in &c.segments {
            out.push(UnitList {
                kind: ListKind::Clause,
                items: s.items.clone(),
            });
        }
    }
    out.extend(member_lists(doc));
    out.extend(table_cells(doc));
    out
}

// ── Aliases ──────────────────────────────────────────────────────────────

/// Full and short names of government departments, as drafters write them
/// under any 省/市/县/区 prefix (and 国家/国务院 for ministries). Each group
/// lists forms of one department; the first is the full name.
pub const ALIAS_GROUPS: &[&[&str]] = &[
    &["发展和改革委员会", "发展改革委", "发改委"],
    &["发展和改革局", "发展改革局", "发改局"],
    &["工业和信息化厅", "工信厅"],
    &["工业和信息化局", "工信局"],
    &["工业和信息化部", "工信部"],
    &["经济和信息化局", "经信局"],
    &["经济和信息化委员会", "经济信息委", "经信委"],
    &["科学技术厅", "科技厅"],
    &["科学技术局", "科技局"],
    &["科学技术部", "科技部"],
    &["人力资源和社会保障厅", "人力资源社会保障厅", "人社厅"],
    &["人力资源和社会保障局", "人力资源社会保障局", "人社局"],
    &["人力资源和社会保障部", "人力资源社会保障部", "人社部"],
    &["住房和城乡建设厅", "住房城乡建设厅", "住建厅"],
    &["住房和城乡建设局", "住房城乡建设局", "住建局"],
    &["住房和城乡建设委员会", "住房城乡建设委", "住建委"],
    &["住房和城乡建设部", "住房城乡建设部", "住建部"],
    &["市场监督管理局", "市场监管局"],
    &["卫生健康委员会", "卫生健康委", "卫健委"],
    &["卫生健康局", "卫健局"],
    &["文化和旅游厅", "文化旅游厅", "文旅厅"],
    &["文化和旅游局", "文化旅游局", "文旅局"],
    &["自然资源和规划局", "自然资源规划局"],
    &["国有资产监督管理委员会", "国资委"],
    &["医疗保障局", "医保局"],
    &["城市管理和综合执法局", "城管执法局"],
    &["城市管理局", "城管局"],
    &["教育和体育局", "教体局"],
    &["林业和草原局", "林草局"],
    &["地方金融监督管理局", "地方金融监管局"],
    &["政务服务和数据管理局", "政务服务数据管理局", "政数局"],
    &["广播电视局", "广电局"],
    &["人民政府办公厅", "政府办公厅"],
    &["人民政府办公室", "政府办公室", "政府办"],
    &["人民政府", "政府"],
    &["工商业联合会", "工商联"],
    &["科学技术协会", "科协"],
    &["妇女联合会", "妇联"],
    &["残疾人联合会", "残联"],
];

/// Names that are one unit as a whole, with no prefix.
const FIXED_ALIASES: &[&[&str]] = &[
    &["国家市场监督管理总局", "市场监管总局"],
    &["国家广播电视总局", "广电总局"],
    &["国家机关事务管理局", "国管局"],
];

fn valid_prefix(p: &str) -> bool {
    p.is_empty()
        || p == "国家"
        || p == "国务院"
        || (p.chars().all(is_han)
            && p.chars().count() <= 8
            && p.ends_with(['省', '市', '县', '区', '州', '盟', '旗']))
}

/// The alias group of a unit and its prefix: `("武汉市", group)` for
/// `武汉市发改委`. The longest matching form wins.
pub fn alias_of(name: &str) -> Option<(String, &'static [&'static str])> {
    for g in FIXED_ALIASES {
        if g.contains(&name) {
            return Some((String::new(), g));
        }
    }
    let mut best: Option<(usize, String, &'static [&'static str])> = None;
    for g in ALIAS_GROUPS {
        for f in g.iter() {
            if let Some(prefix) = name.strip_suffix(f)
                && valid_prefix(prefix)
                && best.as_ref().is_none_or(|(n, _, _)| f.len() > *n)
            {
                best = Some((f.len(), prefix.to_string(), g));
            }
        }
    }
    best.map(|(_, p, g)| (p, g))
}

/// The other names of a unit under its prefix (`市发改委` → `市发展和改革委员会`,
/// `市发展改革委`).
pub fn aliases(name: &str) -> Vec<String> {
    let Some((prefix, group)) = alias_of(name) else {
        return Vec::new();
    };
    group
        .iter()
        .map(|f| format!("{prefix}{f}"))
        .filter(|n| n != name && unit_kind(n) == Some(true))
        .collect()
}

/// A key under which all names of one unit are equal.
pub fn unit_key(name: &str) -> String {
    match alias_of(name) {
        Some((prefix, group)) => format!("{prefix}{}", group[0]),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.name.as_str()).collect()
    }

    #[test]
    fn unit_names() {
        for u in [
            "县发改局",
            "人民银行某某市支行",
            "县委宣传部(网信室)",
            "国网某某市供电公司",
            "某某市住房和城乡建设局",
            "生态环境部",
            "市委军民融合办",
        ] {
            assert_eq!(unit_kind(u), Some(true), "{u}");
        }
        for u in [
            "各镇(街道、中心)",
            "各区人民政府",
            "市级有关部门",
            "行业主管部门",
            "县市区人民政府",
        ] {
            assert_eq!(unit_kind(u), Some(false), "{u}");
        }
        for u in [
            "县发改局县教育局",
            "由县政府",
            "全区",
            "加强组织领导",
            "市场",
            "县委县政府",
            "2025年",
            "县财政局等",
        ] {
            assert_eq!(unit_kind(u), None, "{u}");
        }
    }

    #[test]
    fn clause_forms() {
        let text = "1.某项任务。（县科工信局牵头，县发改局、县财政局等按职责分工负责）\n\
                    2.另一项。（责任单位：市经信局、市发改委，各区人民政府〈含开发区，下同〉）\n\
                    3.第三项。【牵头单位：市财政局；配合单位：市税务局】\n\
                    4.支持龙头企业（含牵头组建联合体的企业）发展。\n";
        let doc = Doc::new(text);
        let cs = bracketed_clauses(&doc);
        assert_eq!(cs.len(), 3);
        let roles: Vec<Vec<Role>> = cs
            .iter()
            .map(|c| c.segments.iter().map(|s| s.role).collect())
            .collect();
        assert_eq!(
            roles,
            vec![
                vec![Role::Lead, Role::Resp],
                vec![Role::Resp],
                vec![Role::Lead, Role::Collab]
            ]
        );
        assert_eq!(names(&cs[0].segments[1].items), ["县发改局", "县财政局"]);
        assert_eq!(
            names(&cs[1].segments[0].items),
            ["市经信局", "市发改委", "各区人民政府〈含开发区，下同〉"]
        );
    }

    #[test]
    fn line_clause_wrapped_by_a_pdf() {
        // A clause on its own line, wrapped in the middle of a name.
        let text = "（三）加强考核。对各地进行考核。\n责任单位：市工信局、市统\n计局、市效能办\n五、附则\n";
        let doc = Doc::new(text);
        let cs = clauses(&doc);
        assert_eq!(cs.len(), 1);
        assert_eq!(
            names(&cs[0].segments[0].items),
            ["市工信局", "市统计局", "市效能办"]
        );
        // A sentence with 牵头 in it is not a clause.
        let doc = Doc::new("鼓励龙头企业牵头组建创新联合体。\n由县政府牵头组织实施。\n");
        assert!(clauses(&doc).is_empty());
    }

    #[test]
    fn member_list_forms() {
        let text = "成立工作专班，由分管副县长任召集人，成员单位包括县发改局、县财政局、县住建局等。专班办公室设县发改局。\n\
                    由市发改委、市财政局、市教育局组成联席会议。\n\
                    市发改局、市教育局、市科工局等单位相关负责人为成员。\n";
        let doc = Doc::new(text);
        let ls = member_lists(&doc);
        let got: Vec<Vec<&str>> = ls.iter().map(|l| names(&l.items)).collect();
        assert_eq!(
            got,
            vec![
                vec!["县发改局", "县财政局", "县住建局"],
                vec!["市发改委", "市财政局", "市教育局"],
                vec!["市发改局", "市教育局", "市科工局"],
            ]
        );
    }

    #[test]
    fn table_cell_forms() {
        let text = "序号\t任务\t牵头单位\t配合单位\n1\t推进某事\t市发改委\t市财政局、市统计局\n\
                    (1)完成某项工作。 |\n市国资服务中心 |\n市财政局、市人社局 |\n";
        let doc = Doc::new(text);
        let got: Vec<Vec<String>> = table_cells(&doc)
            .iter()
            .map(|l| l.items.iter().map(|i| i.name.clone()).collect())
            .collect();
        assert_eq!(
            got,
            vec![
                vec!["市发改委".to_string()],
                vec!["市财政局".into(), "市统计局".into()],
                vec!["市国资服务中心".into()],
                vec!["市财政局".into(), "市人社局".into()],
            ]
        );
    }

    #[test]
    fn one_cell_a_line_under_a_header() {
        // A crawler's table: 序号, 任务内容, 牵头单位, 配合单位, 备注 one a line;
        // then the page's list of links, which is no table.
        let text = "序号\n任务内容\n牵头单位\n配合单位\n备注\n1\n强化统筹\n市委军民融合办\n市公安局、市交通运输委\n2\n优化审批\n市委军民融合办\n市公安局\n网站导航\n市发展改革委\n市教委\n市科技局\n市经济信息委\n";
        let doc = Doc::new(text);
        let got: Vec<usize> = table_cells(&doc).iter().map(|l| l.items.len()).collect();
        assert_eq!(got, vec![1, 2, 1, 1]);
    }

    #[test]
    fn two_units_in_one_cell() {
        let doc = Doc::new("市城管 执法局 沅江 供电公司 |\n市 财 政 局、市 发 改 委 |\n");
        let got: Vec<Vec<String>> = table_cells(&doc)
            .iter()
            .map(|l| l.items.iter().map(|i| i.name.clone()).collect())
            .collect();
        assert_eq!(got, vec![vec!["市财政局".to_string(), "市发改委".into()]]);
    }

    #[test]
    fn alias_pairs() {
        assert_eq!(
            aliases("武汉市发改委"),
            ["武汉市发展和改革委员会", "武汉市发展改革委"]
        );
        assert_eq!(aliases("市市场监管局"), ["市市场监督管理局"]);
        assert_eq!(
            aliases("县人社局"),
            ["县人力资源和社会保障局", "县人力资源社会保障局"]
        );
        assert_eq!(
            aliases("国家发展改革委"),
            ["国家发展和改革委员会", "国家发改委"]
        );
        assert_eq!(aliases("市场监管总局"), ["国家市场监督管理总局"]);
        assert!(aliases("市生态环境局").is_empty());
        assert!(aliases("县财政局").is_empty());
        assert_eq!(unit_key("县住建局"), unit_key("县住房和城乡建设局"));
        assert_ne!(unit_key("县住建局"), unit_key("市住建局"));
    }
}
