//! Member lists: the units of a working group, joint conference or leading
//! group, written as a sentence rather than a responsibility clause:
//!
//! - `成员单位包括A、B、C等` (also 成员单位为 / 有 / 是 / :, 成员包括 / 为 / 有);
//! - `由A、B、C(等部门)组成`;
//! - `A、B、C等单位相关负责人为成员` (also 为成员单位).
//!
//! A list is only what is plainly a run of unit names: it ends at the first
//! piece that does not read as one (`专班办公室设在…`), and a list of fewer
//! than two names, or of collectives only, is no list.

use super::responsibility::{ClauseForm, Responsibility, Unit, UnitList, UnitRole};
use crate::Span;
use crate::text::is_space;

/// Words that introduce a member list, longest first.
const INTROS: [&str; 10] = [
    "成员单位包括",
    "成员单位为",
    "成员单位有",
    "成员单位是",
    "成员单位：",
    "成员单位:",
    "成员包括",
    "成员为",
    "成员有",
    "成员是",
];

/// What may follow the names before 为成员: the people the units send.
const PEOPLE: [&str; 10] = [
    "分管负责同志",
    "主要负责同志",
    "相关负责同志",
    "负责同志",
    "分管负责人",
    "主要负责人",
    "相关负责人",
    "负责人",
    "分管领导",
    "主要领导",
];

/// The member lists of one line (`line` is its text, `offset` its byte
/// offset in the document), in order.
pub fn member_lists(line: &str, offset: usize) -> Vec<Responsibility> {
    if !line.contains("成员") && !line.contains("组成") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (from, to) in sentences(line) {
        let sentence = &line[from..to];
        let mut lists: Vec<(usize, Vec<Unit>)> = Vec::new();
        // 成员单位包括A、B等
        let mut at = 0;
        while let Some((start, intro)) = find_first(&sentence[at..], &INTROS) {
            let mut list_from = at + start + intro.len();
            let rest = &sentence[list_from..];
            list_from += rest.len() - rest.trim_start_matches([':', '：']).len();
            let units = leading_units(&sentence[list_from..], offset + from + list_from);
            if units.len() >= 2 {
                lists.push((list_from, units));
            }
            at = list_from;
        }
        // 由A、B组成
        let mut at = 0;
        while let Some(end) = sentence[at..].find("组成").map(|i| at + i) {
            if let Some(you) = sentence[..end].rfind('由') {
                let mut list_from = you + '由'.len_utf8();
                // 由A牵头、B、C参加组成: the members follow the lead.
                if let Some(lead) = sentence[list_from..end].find("牵头") {
                    let rest = &sentence[list_from + lead + "牵头".len()..end];
                    list_from = end - rest.trim_start_matches(is_separator).len();
                }
                let inner = &sentence[list_from..end];
                let units = leading_units(inner, offset + from + list_from);
                let whole = units
                    .last()
                    .is_some_and(|u| ends_the_list(inner, u.span.end - offset - from - list_from));
                if units.len() >= 2 && whole {
                    lists.push((list_from, units));
                }
            }
            at = end + "组成".len();
        }
        // A、B等单位相关负责人为成员
        let mut at = 0;
        while let Some(end) = sentence[at..].find("为成员").map(|i| at + i) {
            let units = trailing_units(&sentence[..end], offset + from);
            if units.len() >= 2 {
                let list_from = units[0].span.start - offset - from;
                lists.push((list_from, units));
            }
            at = end + "为成员".len();
        }
        lists.sort_by_key(|(at, _)| *at);
        lists.dedup_by_key(|(at, _)| *at);
        for (list_from, units) in lists {
            if units.iter().all(|u| is_collective(&u.name)) {
                continue;
            }
            let mut span = Span::new(units[0].span.start, units[units.len() - 1].span.end);
            let mut unit_lists = Vec::new();
            if let Some(leads) = lead_before(sentence, list_from, offset + from) {
                span.start = leads[0].span.start;
                unit_lists.push(UnitList {
                    role: UnitRole::Lead,
                    units: leads,
                });
            }
            unit_lists.push(UnitList {
                role: UnitRole::Member,
                units,
            });
            out.push(Responsibility {
                span,
                form: ClauseForm::MemberList,
                labelled: true,
                lists: unit_lists,
            });
        }
    }
    out
}

fn is_separator(c: char) -> bool {
    is_space(c) || matches!(c, '、' | ',' | '，')
}

/// The lead of a member list that starts at byte `list_from` of `sentence`:
/// the units before a 牵头 that only separators part from the list
/// (`由县发改局牵头,县财政局、县住建局等单位组成`, `专班由市商务局牵头,成员单位
/// 包括…`).
fn lead_before(sentence: &str, list_from: usize, offset: usize) -> Option<Vec<Unit>> {
    let before = &sentence[..list_from];
    let at = before.rfind("牵头")?;
    let between = &before[at + "牵头".len()..];
    let between = between.trim_matches(is_separator);
    let between = INTROS
        .iter()
        .find_map(|i| between.strip_suffix(i))
        .unwrap_or(between)
        .trim_matches(is_separator);
    if !between.is_empty() {
        return None;
    }
    let head = &before[..at];
    let from = head.rfind('由').map_or(0, |i| i + '由'.len_utf8());
    let leads = trailing_units(&head[from..], offset + from);
    (!leads.is_empty()).then_some(leads)
}

/// Whether nothing but a list's end (`等`, `等部门`) follows byte `end` of
/// `text`.
fn ends_the_list(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_matches(is_space);
    rest.is_empty() || (rest.starts_with('等') && tail_closes(&rest['等'.len_utf8()..]))
}

/// The first of `words` in `text`: (byte offset, word).
fn find_first<'w>(text: &str, words: &[&'w str]) -> Option<(usize, &'w str)> {
    words
        .iter()
        .filter_map(|w| text.find(w).map(|i| (i, *w)))
        .min_by_key(|&(i, w)| (i, std::cmp::Reverse(w.len())))
}

/// Byte ranges of the sentences of a line: split at 。;； outside brackets.
fn sentences(line: &str) -> Vec<(usize, usize)> {
    split_outside_brackets(line, |c| matches!(c, '。' | ';' | '；'))
}

/// The pieces of a list: byte ranges between separators outside brackets.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    split_outside_brackets(text, |c| matches!(c, '、' | ',' | '，' | ':' | '：'))
}

/// Byte ranges of `text` between the characters `split` takes, outside
/// brackets.
fn split_outside_brackets(text: &str, split: fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 && split(c) => {
                out.push((start, i));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push((start, text.len()));
    out
}

/// Whether the words after a 等 close a list (`等`, `等单位`, `等相关部门`,
/// `等单位相关负责人`), rather than continue a name (`平等就业服务中心`).
fn tail_closes(rest: &str) -> bool {
    let rest = rest.trim_start_matches('等');
    rest.is_empty()
        || [
            "单位", "部门", "相关", "有关", "其他", "成员", "县", "市", "区", "省",
        ]
        .iter()
        .any(|w| rest.starts_with(w) && !is_unit_name(rest))
}

/// A piece without the words that close a list: `(name, closes)`, where
/// `closes` tells that the list ends with this piece.
fn without_tail(piece: &str) -> (&str, bool) {
    if let Some(at) = piece.rfind('等')
        && tail_closes(&piece[at + '等'.len_utf8()..])
    {
        let mut head = &piece[..at];
        while let Some(h) = head.strip_suffix('等') {
            head = h;
        }
        return (head, true);
    }
    (piece, false)
}

/// The units that start `text`, up to the first piece that is not a unit
/// or the piece that ends the list (`…等`).
fn leading_units(text: &str, offset: usize) -> Vec<Unit> {
    let mut units = Vec::new();
    for (from, to) in pieces(text) {
        let (name, closes) = without_tail(&text[from..to]);
        match unit_at(name, offset + from) {
            Some(unit) => units.push(unit),
            // Names whose 、 a web page or a PDF lost: not one unit, but
            // the list goes on after them.
            None if is_run_of_names(name) => {}
            None => break,
        }
        if closes {
            break;
        }
    }
    units
}

/// Several unit names run together (`…服务中心国家金融监管总局新田支局邮政
/// 分公司`): Han text too long for one name that ends like a unit.
fn is_run_of_names(piece: &str) -> bool {
    let base = without_brackets(piece.trim_matches(is_space));
    base.chars().count() > 24
        && base.chars().all(crate::text::is_han)
        && is_unit_name(
            &base
                .chars()
                .skip(base.chars().count() - 6)
                .collect::<String>(),
        )
}

/// The units that end `text` (before 为成员), back to the first piece that
/// is not a unit.
fn trailing_units(text: &str, offset: usize) -> Vec<Unit> {
    let pieces = pieces(text);
    let mut units = Vec::new();
    for (k, &(from, to)) in pieces.iter().enumerate().rev() {
        let mut piece = &text[from..to];
        if k + 1 == pieces.len() {
            for people in PEOPLE {
                if let Some(p) = piece.strip_suffix(people) {
                    piece = p;
                    break;
                }
            }
            piece = without_tail(piece).0;
        } else if without_tail(piece).1 {
            // `A等` before `B`: not one list.
            break;
        }
        match unit_at(piece, offset + from) {
            Some(unit) => units.push(unit),
            None => break,
        }
    }
    units.reverse();
    units
}

/// A unit of a member list from a piece, or `None` when the piece does not
/// read as a unit's name.
fn unit_at(piece: &str, offset: usize) -> Option<Unit> {
    let start = piece.len() - piece.trim_start_matches(is_space).len();
    let end = piece.trim_end_matches(is_space).len();
    if start >= end {
        return None;
    }
    let name: String = piece[start..end]
        .chars()
        .filter(|c| !is_space(*c))
        .collect();
    if !(is_unit_name(&name) || is_collective(&name)) {
        return None;
    }
    Some(Unit {
        name,
        span: Span::new(offset + start, offset + end),
    })
}

/// `各成员单位`, `县直有关部门`, `各乡镇(街道)`: a collective, not one unit.
pub fn is_collective(name: &str) -> bool {
    let base = without_brackets(name);
    let count = base.chars().count();
    (2..=12).contains(&count)
        && !base.contains(['。', '，', ',', ':', '：'])
        && (["各", "相关", "有关", "其他", "其它"]
            .iter()
            .any(|p| base.starts_with(p))
            || ["有关部门", "相关部门", "有关单位", "相关单位"]
                .iter()
                .any(|s| base.ends_with(s)))
}

/// Whether `name` reads as the name of one unit: 3 to 24 characters of
/// text, ending like a unit (…局, …委, …中心, …公司, …大队, …科协), with at most a
/// bracket group after it (`县委宣传部(网信室)`).
pub fn is_unit_name(name: &str) -> bool {
    const LAST: &str = "局办委会心司部院队联协所站行社团处室厅区府馆署校";
    let Some(base) = short_han_base(name, 24) else {
        return false;
    };
    // A name is a few characters: `str::contains` on so short a text
    // builds a substring searcher per word, which costs more than looking
    // at each character.
    const NOT_FIRST: &str = "由在对和与及并将把为按请全";
    const NOT_HELD: [&str; 8] = [
        "牵头", "负责", "配合", "包括", "组成", "成员", "担任", "设在",
    ];
    base.chars().count() >= 3
        && base.chars().last().is_some_and(|c| LAST.contains(c))
        && !base.chars().next().is_some_and(|c| NOT_FIRST.contains(c))
        && !holds_a_word(&base, &NOT_HELD)
        && !has_lone_you(&base)
}

/// Whether one of `words` occurs in the short text `text`: compared only
/// where a character starts one of them.
fn holds_a_word(text: &str, words: &[&str]) -> bool {
    text.char_indices().any(|(i, c)| {
        words
            .iter()
            .any(|w| w.starts_with(c) && text[i..].starts_with(w))
    })
}

/// Whether `text` has a 由 that is not the end of 自由 (`由县发改局…`, not
/// `自由贸易试验区`).
fn has_lone_you(text: &str) -> bool {
    let mut previous = None;
    text.chars().any(|c| {
        let lone = c == '由' && previous != Some('自');
        previous = Some(c);
        lone
    })
}

/// `name` without its bracket groups when that is Han text of at most
/// `max` characters, else `None`. One pass that stops at the first
/// character that rules the name out: member lists try every piece of a
/// sentence as a name, and most pieces are long clauses, not names.
fn short_han_base(name: &str, max: usize) -> Option<String> {
    let mut out = String::new();
    for (count, c) in outside_brackets(name).enumerate() {
        if count >= max || !crate::text::is_han(c) {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// A name without its bracket groups: `县委宣传部(网信室)` is 县委宣传部.
fn without_brackets(name: &str) -> String {
    outside_brackets(name).collect()
}

/// The characters of `name` outside its bracket groups, in order.
fn outside_brackets(name: &str) -> impl Iterator<Item = char> + '_ {
    let mut depth = 0usize;
    name.chars().filter(move |&c| match c {
        '(' | '（' => {
            depth += 1;
            false
        }
        ')' | '）' => {
            depth = depth.saturating_sub(1);
            false
        }
        _ => depth == 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<Vec<String>> {
        member_lists(line, 0)
            .into_iter()
            .map(|r| r.all_units().map(|u| u.name.clone()).collect())
            .collect()
    }

    #[test]
    fn a_list_after_its_intro_ends_at_the_first_piece_that_is_no_unit() {
        let line = "成立工作专班,由分管副县长任召集人,成员单位包括县发改局、县财政局、县住建局、县委宣传部(网信室)等,专班办公室设在县发改局,负责日常工作。";
        assert_eq!(
            names(line),
            [["县发改局", "县财政局", "县住建局", "县委宣传部(网信室)"]]
        );
        let r = &member_lists(line, 7)[0];
        assert_eq!(r.form, ClauseForm::MemberList);
        let first = r.all_units().next().unwrap();
        assert_eq!(first.span.start, 7 + line.find("县发改局").unwrap());
        assert_eq!(
            names("领导小组成员单位为:市教育局,市财政局,市人社局;办公室设在市教育局。"),
            [["市教育局", "市财政局", "市人社局"]]
        );
    }

    #[test]
    fn a_unit_name_is_short_han_text_outside_its_brackets() {
        assert!(is_unit_name("县委宣传部(网信室)"));
        assert!(is_unit_name("县委宣传部（2024年设立的网信办公室）"));
        assert!(!is_unit_name("县委宣传部A"));
        assert!(!is_unit_name("局"));
        assert!(!is_unit_name(&format!("{}局", "市".repeat(24))));
        assert!(is_unit_name(&format!("{}局", "市".repeat(23))));
        assert!(is_unit_name("自由贸易试验区管委会"));
        assert!(!is_unit_name("由自由贸易试验区管委会"));
        assert!(!is_unit_name("自由区由管委会"));
        assert!(!is_unit_name("在县财政局"));
        assert!(!is_unit_name("县工作专班设在县财政局"));
        assert_eq!(short_han_base("县委(网信)室", 3).as_deref(), Some("县委室"));
        assert_eq!(short_han_base("县委(网信)办公室", 3), None);
    }

    #[test]
    fn a_group_made_up_of_units() {
        assert_eq!(
            names("建立由市发改委、市财政局、市教育局等部门组成的联席会议制度。"),
            [["市发改委", "市财政局", "市教育局"]]
        );
        // People, not units.
        assert!(names("专家组由试点城市各派1名代表组成。").is_empty());
        // Something that is no unit before 组成: no list.
        assert!(names("由县发改局、县财政局和专家学者组成评审组。").is_empty());
    }

    #[test]
    fn a_list_goes_on_after_names_run_together() {
        let line = "成员单位包括县发改局、县财政局、县机关事务服务中心国家金融监管总局新田支局邮政分公司、县税务局、县发改局等。";
        assert_eq!(
            names(line),
            [["县发改局", "县财政局", "县税务局", "县发改局"]]
        );
    }

    #[test]
    fn units_whose_people_are_members() {
        assert_eq!(
            names("县长任组长,县发改局、县教育局、县科工局等单位相关负责人为成员。"),
            [["县发改局", "县教育局", "县科工局"]]
        );
        // 科协 (科学技术协会) is a unit like 工商联.
        assert_eq!(
            names("县长任组长,县发改局、县科协、县教育局等单位相关负责人为成员。"),
            [["县发改局", "县科协", "县教育局"]]
        );
        assert_eq!(
            names("组长由分管副市长担任,市财政局、市审计局主要负责同志为成员单位。"),
            [["市财政局", "市审计局"]]
        );
    }

    #[test]
    fn a_lead_named_before_the_members() {
        let lists = member_lists(
            "成立由县发改局牵头,县财政局、县住建局等单位组成的工作专班。",
            0,
        );
        assert_eq!(lists.len(), 1);
        let leads: Vec<&str> = lists[0].leads().map(|u| u.name.as_str()).collect();
        assert_eq!(leads, ["县发改局"]);
        let members: Vec<&str> = lists[0]
            .units_with(UnitRole::Member)
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(members, ["县财政局", "县住建局"]);
        let lists = member_lists(
            "专班由市商务局牵头,成员单位包括市发改局、市财政局、市商务局等。",
            0,
        );
        let leads: Vec<&str> = lists[0].leads().map(|u| u.name.as_str()).collect();
        assert_eq!(leads, ["市商务局"]);
        // A 牵头 elsewhere in the sentence is not the list's lead.
        let lists = member_lists(
            "市商务局牵头制定方案,定期调度,成员单位包括市发改局、市财政局等。",
            0,
        );
        assert!(!lists[0].has_lead());
    }

    #[test]
    fn no_list_of_one_unit_or_of_collectives_only() {
        assert!(names("成员单位包括县发改局。").is_empty());
        assert!(names("成员单位包括各乡镇、县直有关部门。").is_empty());
        assert!(names("各成员单位要按照职责分工抓好落实。").is_empty());
        // 平等 is part of a name, not the end of the list.
        assert_eq!(
            names("成员单位有市平等就业服务中心、市人社局。"),
            [["市平等就业服务中心", "市人社局"]]
        );
    }
}
