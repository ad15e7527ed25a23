//! Responsibility clauses: who leads a task and who works on it.
//!
//! The grammar splits a clause into `unit`, `role`, `label` and separator
//! tokens; this module reads those tokens in order and decides which list
//! each unit belongs to. Table cells, which the grammar cannot know to be
//! unit lists, are split by [`split_unit_list`].

use std::borrow::Cow;

use serde::Serialize;

use crate::Span;
use crate::text::is_space;

/// One named unit (单位) in a responsibility clause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// The name as written, with white space inside it removed.
    pub name: String,
    pub span: Span,
}

/// What the units of a list are asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitRole {
    /// 牵头, 牵头单位:
    Lead,
    /// 负责, 按职责分工负责, 责任单位:
    Responsible,
    /// 配合, 参与, 配合单位:
    Collaborating,
    /// 成员单位 of a working group or joint conference (see
    /// [`super::members`]).
    Member,
}

/// One list of units that share a role: `县发改局、县财政局牵头`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnitList {
    pub role: UnitRole,
    pub units: Vec<Unit>,
}

impl UnitList {
    /// The span that removes unit `i` with one separator: the one before
    /// it, or, for the first unit, the one after it. `None` when the unit is
    /// alone in the list or the text between it and its neighbour (in
    /// `text`, the document) is not a single separator: then there is no
    /// one safe edit.
    pub fn removal_span(&self, text: &str, i: usize) -> Option<Span> {
        let unit = self.units.get(i)?;
        let is_separator = |from: usize, to: usize| {
            from <= to
                && matches!(
                    text.get(from..to).map(str::trim),
                    Some("、" | "," | "，" | ";" | "；")
                )
        };
        if i > 0 {
            let previous = &self.units[i - 1];
            is_separator(previous.span.end, unit.span.start)
                .then(|| Span::new(previous.span.end, unit.span.end))
        } else {
            let next = self.units.get(1)?;
            is_separator(unit.span.end, next.span.start)
                .then(|| Span::new(unit.span.start, next.span.start))
        }
    }
}

/// How the clause is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClauseForm {
    /// `(县科工信局牵头,县发改局等按职责分工负责)` at the end of the task.
    Parenthesised,
    /// `…。县人社局牵头,…等按职能分工负责` after the task text, no brackets.
    Bare,
    /// A line of its own after the task: `市应急管理局牵头,…等配合。`
    OwnLine,
    /// The 牵头单位 / 责任单位 cells of a 任务清单 table row.
    TableCells,
    /// A member list in a sentence: `成员单位包括A、B等`, `由A、B组成`.
    MemberList,
}

/// A responsibility clause with its unit lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Responsibility {
    pub span: Span,
    pub form: ClauseForm,
    /// Whether a label (`牵头单位:`, `责任单位:`) introduced the units.
    pub labelled: bool,
    pub lists: Vec<UnitList>,
}

impl Responsibility {
    /// The lead units (牵头), in order.
    pub fn leads(&self) -> impl Iterator<Item = &Unit> {
        self.units_with(UnitRole::Lead)
    }

    /// The units that are not leads (负责, 配合), in order.
    pub fn others(&self) -> impl Iterator<Item = &Unit> {
        self.lists
            .iter()
            .filter(|l| l.role != UnitRole::Lead)
            .flat_map(|l| l.units.iter())
    }

    pub fn units_with(&self, role: UnitRole) -> impl Iterator<Item = &Unit> {
        self.lists
            .iter()
            .filter(move |l| l.role == role)
            .flat_map(|l| l.units.iter())
    }

    pub fn has_lead(&self) -> bool {
        self.leads().next().is_some()
    }

    pub fn all_units(&self) -> impl Iterator<Item = &Unit> {
        self.lists.iter().flat_map(|l| l.units.iter())
    }
}

/// A token of a clause, as the grammar produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClauseToken<'a> {
    Unit(&'a str, Span),
    Role(&'a str, Span),
    Label(&'a str),
    Separator,
    /// A white-space gap between two units with no separator: the grammar
    /// splits `人民银行 沅江支行` in two; they are one name.
    Gap,
    FullStop,
}

/// Builds the unit lists of a clause from its tokens.
pub fn read_clause(tokens: &[ClauseToken<'_>], span: Span, form: ClauseForm) -> Responsibility {
    let mut lists: Vec<UnitList> = Vec::new();
    let mut pending: Vec<Unit> = Vec::new();
    let mut label_role: Option<UnitRole> = None;
    let mut labelled = false;
    let mut verb_seen = false;
    let mut stopped = false;
    let mut glue_next = false;
    // A lone first character of a role word (`负`) that the grammar split
    // off the unit it starts: `等负有监管职责行业部门` is 等 + 负有….
    let mut prefix: Option<(&str, Span)> = None;

    let flush = |pending: &mut Vec<Unit>, lists: &mut Vec<UnitList>, role: UnitRole| {
        if pending.is_empty() {
            return;
        }
        let units = std::mem::take(pending);
        match lists.last_mut() {
            Some(last) if last.role == role => last.units.extend(units),
            _ => lists.push(UnitList { role, units }),
        }
    };

    for token in tokens {
        if stopped {
            break;
        }
        match *token {
            ClauseToken::Unit(text, unit_span) => {
                let (text, unit_span) = without_square_brackets(text, unit_span);
                // The name, cleaned once for every use below.
                let cleaned = cleaned_name(text);
                // `以下均需各区人民政府配合,不再列出`: a note for the tasks
                // below, not a unit of this one.
                if cleaned.starts_with("以下") {
                    if let Some(role) = label_role {
                        flush(&mut pending, &mut lists, role);
                    }
                    stopped = true;
                    continue;
                }
                // `［责任单位:` in square brackets the grammar does not know.
                if is_label_word(&cleaned) {
                    if let Some(previous) = label_role {
                        flush(&mut pending, &mut lists, previous);
                    }
                    label_role = Some(label_role_of(text));
                    labelled = true;
                    verb_seen = false;
                    glue_next = false;
                    continue;
                }
                // `市财政局完成时限:…` or `,完成时限:…`: the next field of
                // the line, not a name.
                if let Some(at) = field_label_at(text) {
                    let head = &text[..at];
                    let name = clean_name(head);
                    if !name.is_empty() {
                        pending.push(Unit {
                            name,
                            span: trim_span(head, Span::new(unit_span.start, unit_span.start + at)),
                        });
                    }
                    if let Some(role) = label_role {
                        flush(&mut pending, &mut lists, role);
                    }
                    stopped = true;
                    continue;
                }
                if let Some((head, head_span)) = prefix.take()
                    && head_span.end == unit_span.start
                {
                    pending.push(Unit {
                        name: format!("{head}{cleaned}"),
                        span: Span::new(head_span.start, trim_span(text, unit_span).end),
                    });
                    glue_next = false;
                    continue;
                }
                match (glue_next, pending.last_mut()) {
                    (true, Some(last)) => {
                        last.name.push_str(&cleaned);
                        last.span.end = unit_span.end;
                    }
                    _ => {
                        let name = cleaned.into_owned();
                        if !name.is_empty() {
                            pending.push(Unit {
                                name,
                                span: trim_span(text, unit_span),
                            });
                        }
                    }
                }
                glue_next = false;
            }
            ClauseToken::Gap => glue_next = true,
            ClauseToken::Separator => glue_next = false,
            ClauseToken::Label(text) => {
                let role = label_role_of(text);
                if let Some(previous) = label_role {
                    flush(&mut pending, &mut lists, previous);
                }
                label_role = Some(role);
                labelled = true;
                verb_seen = false;
                glue_next = false;
            }
            ClauseToken::Role(text, role_span) => {
                glue_next = false;
                if text.chars().count() == 1 && "分共职牵负配参".contains(text) {
                    prefix = Some((text, role_span));
                    continue;
                }
                // `其他有关单位配合`: the grammar reads a generic collective
                // and its verb as one word; the collective is a unit.
                if let Some(name) = generic_collective(text)
                    && pending.is_empty()
                {
                    let end = role_span.start + name.len();
                    pending.push(Unit {
                        name: name.to_string(),
                        span: Span::new(role_span.start, end.min(role_span.end)),
                    });
                }
                if let Some(role) = role_of_verb(text) {
                    flush(&mut pending, &mut lists, role);
                    verb_seen = true;
                    label_role = None;
                }
            }
            ClauseToken::FullStop => {
                // A second sentence inside a clause names duties, not units.
                if let Some(role) = label_role {
                    flush(&mut pending, &mut lists, role);
                }
                stopped = true;
            }
        }
    }
    // Units after the last responsibility word (`负责具体实施`) are the
    // duty, not units, unless a label or nothing at all introduced them.
    match label_role {
        Some(role) => flush(&mut pending, &mut lists, role),
        None if !verb_seen => flush(&mut pending, &mut lists, UnitRole::Responsible),
        None => {}
    }
    Responsibility {
        span,
        form,
        labelled,
        lists,
    }
}

fn label_role_of(label: &str) -> UnitRole {
    if label.contains("牵头") {
        UnitRole::Lead
    } else if label.contains("配合") || label.contains("协办") {
        UnitRole::Collaborating
    } else {
        UnitRole::Responsible
    }
}

/// The role a responsibility word gives to the units before it, or `None`
/// for words that only close a list (`等`, `等相关单位`).
fn role_of_verb(word: &str) -> Option<UnitRole> {
    if word.contains("牵头") {
        Some(UnitRole::Lead)
    } else if word.contains("配合") || word.contains("参与") {
        Some(UnitRole::Collaborating)
    } else if word.contains("负责") || word.contains("落实") || word.contains("分工") {
        Some(UnitRole::Responsible)
    } else {
        None
    }
}

/// The generic collective at the start of a role word (`其他有关单位` in
/// `其他有关单位配合`, `相关职能部门` in `相关职能部门依职责配合`), or
/// `None`. A word that starts with 等 closes the list before it instead
/// (`等相关单位按职责分工负责`).
fn generic_collective(word: &str) -> Option<&str> {
    const QUALIFIERS: [&str; 5] = ["其他有关", "其他相关", "其他", "相关", "有关"];
    const NOUNS: [&str; 3] = ["职能部门", "单位", "部门"];
    let qualifier = QUALIFIERS.iter().find(|q| word.starts_with(*q))?;
    let rest = &word[qualifier.len()..];
    let noun = NOUNS.iter().find(|n| rest.starts_with(*n))?;
    Some(&word[..qualifier.len() + noun.len()])
}

/// Labels of the other fields of a task line, which end a clause
/// (`责任单位:市财政局 完成时限:2022年2月底前` joined into one line).
const FIELD_LABELS: [&str; 5] = ["完成时限", "完成时间", "完成期限", "时间节点", "进度安排"];

/// Where the first of [`FIELD_LABELS`] (in their order) stands in `text`.
/// Every label holds 完, 时 or 进: a text with none holds no label, which
/// one pass over it tells.
fn field_label_at(text: &str) -> Option<usize> {
    if !text.contains(['完', '时', '进']) {
        return None;
    }
    FIELD_LABELS.iter().find_map(|l| text.find(l))
}

/// Whether a token is a clause label the grammar read as a unit (`［责任单位`,
/// `【牵头单位`): a role word and 单位, 部门 or 处室, nothing else. `name`
/// is the token's [`cleaned_name`].
fn is_label_word(name: &str) -> bool {
    let name = name.strip_prefix('总').unwrap_or(name);
    ["牵头", "责任", "配合", "协办", "主办", "参与"]
        .iter()
        .any(|r| name.starts_with(r) && matches!(&name[r.len()..], "单位" | "部门" | "处室"))
}

/// A unit's text and span without the square brackets of a clause written
/// `［责任单位:…］` or `【…】`, which the grammar does not take for brackets.
fn without_square_brackets(text: &str, span: Span) -> (&str, Span) {
    let inner = text.trim_start_matches(['[', '［', '【']);
    let start = span.start + (text.len() - inner.len());
    let unbalanced_close = !inner.contains(['[', '［', '【']);
    let inner = if unbalanced_close {
        inner.trim_end_matches([']', '］', '】'])
    } else {
        inner
    };
    (inner, Span::new(start, start + inner.len()))
}

fn clean_name(text: &str) -> String {
    cleaned_name(text).into_owned()
}

/// A unit's name: the text without white space and without a leading 由.
/// Most names hold no space, and are borrowed.
fn cleaned_name(text: &str) -> Cow<'_, str> {
    if !text.contains(is_space) {
        return Cow::Borrowed(text.strip_prefix('由').unwrap_or(text));
    }
    let name: String = text.chars().filter(|c| !is_space(*c)).collect();
    match name.strip_prefix('由') {
        Some(rest) => Cow::Owned(rest.to_string()),
        None => Cow::Owned(name),
    }
}

fn trim_span(text: &str, span: Span) -> Span {
    let start = text.len() - text.trim_start_matches(is_space).len();
    let end = text.trim_end_matches(is_space).len();
    if start >= end {
        return span;
    }
    Span::new(span.start + start, span.start + end)
}

/// A cell piece without the words that close a list: `市市监局等相关单位`
/// is 市市监局.
fn strip_list_end(piece: &str) -> &str {
    let piece = piece.trim_end_matches(|c: char| is_space(c) || c == '|');
    let Some(at) = piece.rfind('等') else {
        return piece;
    };
    let tail = &piece[at..];
    let closes = tail.trim_start_matches('等');
    let closes = ["其他有关", "其他相关", "相关", "有关", "其他"]
        .iter()
        .find_map(|q| closes.strip_prefix(q))
        .unwrap_or(closes);
    let closes = ["单位", "部门"]
        .iter()
        .find_map(|n| closes.strip_prefix(n))
        .unwrap_or(closes);
    if closes.is_empty() {
        &piece[..at]
    } else {
        piece
    }
}

/// Byte ranges of the names in a cell piece whose only separators are
/// spaces. Spaces also split single names (`市自然 资源局`, `人民银行 沅江支行`),
/// so a name ends only where the words so far end like a whole unit name
/// (…局, …公司, …中心) and the next word is not a branch of it (…支行,
/// …分局): `市城管 执法局 沅江 供电公司` is 市城管执法局 and 沅江供电公司.
fn space_split_names(piece: &str) -> Vec<(usize, usize)> {
    const WHOLE: [&str; 12] = [
        "局", "公司", "中心", "办", "委", "院", "队", "联", "所", "站", "集团", "会",
    ];
    const BRANCH: [&str; 6] = ["支行", "分行", "分局", "支局", "分公司", "管理部"];
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in piece.char_indices() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, piece.len()));
    }
    let mut names = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for (k, &(from, to)) in words.iter().enumerate() {
        let (name_from, _) = *current.get_or_insert((from, to));
        current = Some((name_from, to));
        let joined: String = piece[name_from..to]
            .chars()
            .filter(|c| !is_space(*c))
            .collect();
        let next_is_branch = words.get(k + 1).is_some_and(|&(f, t)| {
            let next = &piece[f..t];
            BRANCH.iter().any(|b| next.ends_with(b)) && !next.starts_with(['市', '县', '省', '区'])
        });
        let whole = joined.chars().count() >= 3 && WHOLE.iter().any(|w| joined.ends_with(w));
        if whole && !next_is_branch {
            names.extend(current.take());
        }
    }
    names.extend(current);
    names
}

/// Splits the text of a table cell (`市财政局、市人社局,各镇(街道、中心)`)
/// into units. Separators inside brackets do not split. `offset` is the
/// byte offset of `text` in the document.
pub fn split_unit_list(text: &str, offset: usize) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let push = |from: usize, to: usize, units: &mut Vec<Unit>| {
        let piece = strip_list_end(&text[from..to]);
        for (word_from, word_to) in space_split_names(piece) {
            let word = &piece[word_from..word_to];
            let name = clean_name(word);
            if name.chars().count() >= 2 {
                let start = offset + from + word_from;
                let span = trim_span(word, Span::new(start, start + word.len()));
                units.push(Unit { name, span });
            }
        }
    };
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            '、' | ',' | '，' | ';' | '；' | '|' | '\t' if depth == 0 => {
                push(start, i, &mut units);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    push(start, text.len(), &mut units);
    units
}

/// A short name a document introduces for a unit: `市发展和改革委员会
/// (以下简称市发改委)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ShortName {
    /// The Han characters before the bracket (`由市发展和改革委员会`): the
    /// unit's full name is the end of it.
    pub before: String,
    /// The short name, without quotes: 市发改委.
    pub short: String,
    /// The bracket group.
    pub span: Span,
}

impl ShortName {
    /// Whether `name` is this unit: the short name, or the end of the text
    /// before the bracket, four characters or more (`市发展和改革委员会`).
    pub fn names(&self, name: &str) -> bool {
        name == self.short || (name.chars().count() >= 4 && self.before.ends_with(name))
    }
}

/// The short names a text introduces: `X(以下简称Y)`, `X(简称Y)`, `X(下称“Y”)`.
pub fn short_names(text: &str) -> Vec<ShortName> {
    const INTROS: [&str; 5] = ["以下简称", "以下称", "下称", "简称", "下简称"];
    let mut out = Vec::new();
    // Every intro ends in 称: the brackets that open one are found from the
    // 称 after them (a byte search) instead of by reading every character.
    let mut opens: Vec<(usize, usize)> = text
        .match_indices('称')
        .flat_map(|(at, c)| {
            let end = at + c.len();
            INTROS.iter().filter_map(move |intro| {
                let head = text[..end].strip_suffix(intro)?;
                let bracket = ['(', '（'].into_iter().find(|&b| head.ends_with(b))?;
                Some((head.len() - bracket.len_utf8(), bracket.len_utf8()))
            })
        })
        .collect();
    opens.sort_unstable();
    opens.dedup();
    for (open, bracket_len) in opens {
        let inner_start = open + bracket_len;
        let rest = &text[inner_start..];
        let Some(intro) = INTROS.iter().find(|i| rest.starts_with(*i)) else {
            continue;
        };
        let after = rest[intro.len()..].trim_start_matches([':', '：', '为']);
        let short_from = text.len() - after.len();
        let short: String = after
            .chars()
            .take_while(|c| !matches!(c, ')' | '）' | ',' | '，' | '、' | ';' | '；' | '。' | '\n'))
            .filter(|c| !crate::text::is_quote(*c) && !is_space(*c))
            .collect();
        let count = short.chars().count();
        if !(2..=12).contains(&count) {
            continue;
        }
        let Some(close) = text[short_from..]
            .find([')', '）', '\n'])
            .map(|i| short_from + i)
        else {
            continue;
        };
        let before: String = text[..open]
            .chars()
            .rev()
            .take_while(|c| crate::text::is_han(*c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if before.chars().count() < 3 {
            continue;
        }
        let end = text[close..]
            .chars()
            .next()
            .map_or(close, |c| close + c.len_utf8());
        out.push(ShortName {
            before,
            short,
            span: Span::new(open, end),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_a_document_introduces() {
        let found = short_names(
            "建立由市发展和改革委员会(以下简称“市发改委”)牵头的机制。市区域协同发展促进中心（简称市协同中心）负责。",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].short, "市发改委");
        assert!(found[0].names("市发展和改革委员会"));
        assert!(found[0].names("市发改委"));
        assert!(!found[0].names("委员会"));
        assert!(!found[0].names("市财政局"));
        assert_eq!(found[1].short, "市协同中心");
        assert!(found[1].names("市区域协同发展促进中心"));
        // Not a short name: a bracket about something else, a long phrase.
        assert!(short_names("推进改革(含开发区,下同)。").is_empty());
        assert!(short_names("开展行动(以下简称为期三年的全市范围专项整治攻坚行动)。").is_empty());
    }

    fn unit(name: &'static str) -> ClauseToken<'static> {
        ClauseToken::Unit(name, Span::new(0, name.len()))
    }

    fn role(word: &'static str) -> ClauseToken<'static> {
        ClauseToken::Role(word, Span::new(100, 100 + word.len()))
    }

    fn names(r: &Responsibility, role: UnitRole) -> Vec<String> {
        r.units_with(role).map(|u| u.name.clone()).collect()
    }

    #[test]
    fn lead_and_collaborators() {
        let tokens = [
            unit("县科工信局"),
            role("牵头"),
            ClauseToken::Separator,
            unit("衡南高新区"),
            ClauseToken::Separator,
            unit("县发改局"),
            role("等按职责分工负责"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::Parenthesised);
        assert_eq!(names(&r, UnitRole::Lead), ["县科工信局"]);
        assert_eq!(names(&r, UnitRole::Responsible), ["衡南高新区", "县发改局"]);
    }

    #[test]
    fn labelled_lead_only() {
        let tokens = [
            ClauseToken::Label("牵头单位:"),
            unit("县人社局"),
            ClauseToken::Separator,
            unit("县交通运输局"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::Parenthesised);
        assert!(r.labelled);
        assert_eq!(names(&r, UnitRole::Lead), ["县人社局", "县交通运输局"]);
    }

    #[test]
    fn no_lead_list() {
        let tokens = [
            unit("县商务局"),
            ClauseToken::Separator,
            unit("县工商联"),
            role("按职责分工负责"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::Parenthesised);
        assert!(!r.has_lead());
        assert_eq!(r.others().count(), 2);
    }

    #[test]
    fn text_after_the_verb_is_not_a_unit() {
        let tokens = [
            unit("市科工局"),
            role("牵头"),
            ClauseToken::Separator,
            unit("电信"),
            ClauseToken::Separator,
            unit("联通公司"),
            role("负责"),
            unit("具体实施"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::Parenthesised);
        assert_eq!(names(&r, UnitRole::Responsible), ["电信", "联通公司"]);
    }

    #[test]
    fn a_gap_joins_a_name_split_by_spaces() {
        let tokens = [
            unit("人民银行"),
            ClauseToken::Gap,
            unit("沅江支行"),
            role("牵头"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::Parenthesised);
        assert_eq!(names(&r, UnitRole::Lead), ["人民银行沅江支行"]);
    }

    #[test]
    fn leading_you_is_dropped() {
        let tokens = [
            unit("由市民政局"),
            role("牵头"),
            ClauseToken::Separator,
            unit("卫健"),
            role("等配合"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::OwnLine);
        assert_eq!(names(&r, UnitRole::Lead), ["市民政局"]);
        assert_eq!(names(&r, UnitRole::Collaborating), ["卫健"]);
    }

    #[test]
    fn square_brackets_a_note_for_later_tasks_and_the_next_field_end_no_unit() {
        // ［责任单位:市商务局、国网某供电公司］
        let tokens = [
            ClauseToken::Unit("［责任单位", Span::new(0, 15)),
            ClauseToken::Separator,
            unit("市商务局"),
            ClauseToken::Separator,
            ClauseToken::Unit("国网某供电公司］", Span::new(40, 64)),
        ];
        let r = read_clause(&tokens, Span::new(0, 64), ClauseForm::Bare);
        assert!(r.labelled);
        assert_eq!(
            names(&r, UnitRole::Responsible),
            ["市商务局", "国网某供电公司"]
        );
        assert_eq!(r.all_units().nth(1).unwrap().span, Span::new(40, 61));
        // (省发改委牵头,各市政府配合,以下均需各市政府配合,不再列出)
        let tokens = [
            unit("省发改委"),
            role("牵头"),
            ClauseToken::Separator,
            unit("各市政府"),
            role("配合"),
            ClauseToken::Separator,
            unit("以下均需各市政府"),
            role("配合"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::Parenthesised);
        assert_eq!(names(&r, UnitRole::Collaborating), ["各市政府"]);
        // 责任单位:市林业局、市财政局完成时限:2022年2月底前
        let tokens = [
            ClauseToken::Label("责任单位:"),
            unit("市林业局"),
            ClauseToken::Separator,
            unit("市财政局完成时限"),
            ClauseToken::Separator,
            unit("2022年2月底前"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::OwnLine);
        assert_eq!(names(&r, UnitRole::Responsible), ["市林业局", "市财政局"]);
    }

    #[test]
    fn table_cells_split_outside_brackets() {
        let units = split_unit_list("沅江高新区,市科工局、市发改局,各镇(街道、中心) |", 10);
        let names: Vec<_> = units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(
            names,
            ["沅江高新区", "市科工局", "市发改局", "各镇(街道、中心)"]
        );
        assert_eq!(units[0].span.start, 10);
    }

    #[test]
    fn a_generic_collective_read_with_its_verb_is_a_unit() {
        // (县安委办、县公安局分别牵头,其他有关单位配合)
        let tokens = [
            unit("县安委办"),
            ClauseToken::Separator,
            unit("县公安局"),
            role("分别牵头"),
            ClauseToken::Separator,
            role("其他有关单位配合"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::Parenthesised);
        assert_eq!(names(&r, UnitRole::Lead), ["县安委办", "县公安局"]);
        assert_eq!(names(&r, UnitRole::Collaborating), ["其他有关单位"]);
        let collective = r.units_with(UnitRole::Collaborating).next().unwrap();
        assert_eq!(collective.span, Span::new(100, 100 + "其他有关单位".len()));

        // 市发改局牵头,相关职能部门依职责配合。
        let tokens = [
            unit("市发改局"),
            role("牵头"),
            ClauseToken::Separator,
            role("相关职能部门依职责配合"),
            ClauseToken::FullStop,
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::OwnLine);
        assert_eq!(names(&r, UnitRole::Collaborating), ["相关职能部门"]);
    }

    #[test]
    fn a_word_that_starts_with_deng_closes_the_list_and_names_no_unit() {
        let tokens = [
            unit("县商务局"),
            role("牵头"),
            ClauseToken::Separator,
            unit("县财政局"),
            role("等相关单位按职责分工负责"),
        ];
        let r = read_clause(&tokens, Span::new(0, 1), ClauseForm::Parenthesised);
        assert_eq!(names(&r, UnitRole::Responsible), ["县财政局"]);
    }

    #[test]
    fn table_cells_drop_the_words_that_close_a_list() {
        let units = split_unit_list(
            "市财政局、人民银行沅江支行等相关单位、各镇(街道、中心) |",
            0,
        );
        let names: Vec<_> = units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["市财政局", "人民银行沅江支行", "各镇(街道、中心)"]);
        let names: Vec<_> = split_unit_list("市住建局等 |", 0)
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(names, ["市住建局"]);
        // 等 inside a name is kept.
        let names: Vec<_> = split_unit_list("市平等就业服务中心", 0)
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(names, ["市平等就业服务中心"]);
    }

    #[test]
    fn spaces_in_a_cell_split_names_only_between_whole_names() {
        let names = |text: &str| -> Vec<String> {
            split_unit_list(text, 0)
                .into_iter()
                .map(|u| u.name)
                .collect()
        };
        assert_eq!(
            names("县城管 执法局 县自来水 公司 |"),
            ["县城管执法局", "县自来水公司"]
        );
        assert_eq!(names("人民银行 衡南支行 |"), ["人民银行衡南支行"]);
        assert_eq!(names("县自然 资源局 |"), ["县自然资源局"]);
        assert_eq!(names("县发改局 县财政局"), ["县发改局", "县财政局"]);
        let units = split_unit_list("县城管 执法局 县自来水 公司", 5);
        assert_eq!(
            units[1].span,
            Span::new(
                5 + "县城管 执法局 ".len(),
                5 + "县城管 执法局 县自来水 公司".len()
            )
        );
    }

    #[test]
    fn a_lone_role_character_before_a_unit_starts_that_unit() {
        // 县消防救援大队等负有监管职责行业部门按职能分工负责: the grammar reads
        // 负 as the start of a role word.
        let head = "负";
        let tokens = [
            ClauseToken::Unit("县消防救援大队", Span::new(0, 21)),
            ClauseToken::Role("等", Span::new(21, 24)),
            ClauseToken::Role(head, Span::new(24, 27)),
            ClauseToken::Unit("有监管职责行业部门", Span::new(27, 54)),
            ClauseToken::Role("按职能分工负责", Span::new(54, 75)),
        ];
        let r = read_clause(&tokens, Span::new(0, 75), ClauseForm::Bare);
        assert_eq!(
            names(&r, UnitRole::Responsible),
            ["县消防救援大队", "负有监管职责行业部门"]
        );
        let unit = r.all_units().nth(1).unwrap();
        assert_eq!(unit.span, Span::new(24, 54));
    }
}
