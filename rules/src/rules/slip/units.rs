//! Unit names cut short or with a character lost, against the names the
//! document's own responsibility clauses give (W104's unit kinds):
//!
//! - a stub: `县财政牵头` where the document names `县财政局` in its
//!   clauses, `由住建牵头` among `市住建局`, `县卫健` once in a clause among
//!   a dozen `县卫健局`;
//! - a character lost inside a name: `生态环境沅江分局` among
//!   `生态环境局沅江分局`.
//!
//! Evidence, as for the other slips: the full name is written at least
//! twice, the short form once. A short form written more often is the
//! document's habit (`市发改` sixteen times among `市发改局`): a matter of
//! style for unit-name-variant (R104) and the packs' aliases, not a slip.
//! Only names ending in 局, 委 or 厅 are cut: 县委 and 县委办, 县政府 and
//! 县政府办 are different units. A name the packs know (an alias, a
//! department's short form) or the document introduces (以下简称) is never
//! a stub, and a character a name is often written without (和, 与, 及:
//! 住房城乡建设局) is never lost.

use std::collections::HashMap;

use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::text::{is_han, is_space};

use super::{CharSet, DROPPED_ON_PURPOSE, Fast, Found, pair_hash};
use crate::rule::Context;
use crate::rules::content_lines::content_lines;

/// A unit name written short or with a character lost.
struct UnitSlip {
    span: Span,
    /// The name as the document writes it elsewhere.
    right: String,
    kind: &'static str,
}

/// Verbs a unit leads with: the stub before them names a unit, not a
/// field (`县财政负责` may be the county's budget paying; `县财政牵头` is
/// the bureau).
const LEADS: [&str; 2] = ["牵头", "会同"];

/// The suffixes a stub drops: a name less one of them is the same unit.
fn is_cut_suffix(c: char) -> bool {
    matches!(c, '局' | '委' | '厅')
}

fn is_place(c: char) -> bool {
    matches!(c, '省' | '市' | '县' | '区')
}

/// Adds the unit slips of `doc` to `found`, but none over a slip found
/// already.
pub(super) fn add(found: &mut Vec<Found>, doc: &Document, cx: &Context<'_>) {
    let text = cx.source.text();
    for slip in unit_slips(doc, cx) {
        let overlaps = |f: &Found| f.span.start < slip.span.end && slip.span.start < f.span.end;
        if !found.iter().any(overlaps) {
            found.push(Found {
                wrong: text[slip.span.start..slip.span.end].to_string(),
                span: slip.span,
                right: slip.right,
                in_document: true,
                kind: slip.kind,
            });
        }
    }
}

/// Where each of `patterns` (names and their forms: Han characters only)
/// is written in `text` (byte offsets), all found in one pass over the
/// text's characters: a search per name would read the document once for
/// each of its hundreds of names and forms. A pattern is looked for only
/// where the text writes its first two characters: a bit of a bitmap
/// rejects almost every character, a table of pairs the rest (an
/// Aho-Corasick automaton built per document cost four times the pass).
fn places(chars: &[(usize, char)], text: &str, patterns: &[String]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); patterns.len()];
    let mut firsts = CharSet::default();
    // The patterns by their first pair, and the one-character ones apart.
    let mut by_pair: HashMap<u64, Vec<usize>, Fast> = HashMap::default();
    let mut singles: Vec<(char, usize)> = Vec::new();
    for (k, pattern) in patterns.iter().enumerate() {
        let mut it = pattern.chars();
        let Some(a) = it.next() else {
            // An empty name matches nothing a name could be read from.
            continue;
        };
        firsts.insert(a);
        match it.next() {
            Some(b) => by_pair.entry(pair_hash(a, b)).or_default().push(k),
            None => singles.push((a, k)),
        }
    }
    for (i, &(at, a)) in chars.iter().enumerate() {
        if !firsts.maybe(a) {
            continue;
        }
        for &(_, k) in singles.iter().filter(|&&(c, _)| c == a) {
            out[k].push(at);
        }
        let Some(&(_, b)) = chars.get(i + 1) else {
            continue;
        };
        if let Some(ks) = by_pair.get(&pair_hash(a, b)) {
            for &k in ks {
                if text[at..].starts_with(patterns[k].as_str()) {
                    out[k].push(at);
                }
            }
        }
    }
    out
}

/// A name's stubs, each with the name it stands for: the name less its
/// suffix (局, 委, 厅), and without its place the stub of the name as a
/// list that leaves the place to its first unit writes it (卫健 for 卫健局
/// among 县卫健局).
fn stub_forms(name: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = name.chars().collect();
    let Some(&last) = chars.last() else {
        return Vec::new();
    };
    if !is_cut_suffix(last) {
        return Vec::new();
    }
    let stub = &chars[..chars.len() - 1];
    let mut forms = vec![(stub, name.to_string())];
    if stub.first().copied().is_some_and(is_place) {
        forms.push((&stub[1..], chars[1..].iter().collect()));
    }
    forms
        .into_iter()
        .filter(|(form, _)| !(form.len() < 2 || form.len() == 2 && is_place(form[0])))
        .map(|(form, full)| (form.iter().collect(), full))
        .collect()
}

/// A name less one inner character, but not a character written twice in
/// a row or one names are often written without.
fn lost_forms(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    (2..chars.len().saturating_sub(2))
        .filter(|&k| {
            !(chars[k] == chars[k - 1]
                || chars[k] == chars[k + 1]
                || DROPPED_ON_PURPOSE.contains(chars[k]))
        })
        .map(|k| chars[..k].iter().chain(&chars[k + 1..]).collect())
        .collect()
}

/// The unit slips of `doc`, in text order, none over another.
fn unit_slips(doc: &Document, cx: &Context<'_>) -> Vec<UnitSlip> {
    let text = cx.source.text();
    // The units of the clauses, by name: how often each is listed.
    let mut listed: HashMap<&str, usize> = HashMap::new();
    for unit in doc
        .tasks
        .iter()
        .filter_map(|t| t.responsibility.as_ref())
        .flat_map(|r| r.all_units())
    {
        if unit.name.chars().all(is_han) {
            *listed.entry(unit.name.as_str()).or_default() += 1;
        }
    }
    if listed.is_empty() {
        return Vec::new();
    }
    let known = |name: &str| {
        cx.settings.canonical_unit(name) != name || doc.short_names.iter().any(|s| s.names(name))
    };
    // Where the names and every short form they may be written in are
    // written, read in one pass.
    let mut patterns: Vec<String> = Vec::new();
    for &name in listed.keys() {
        patterns.push(name.to_string());
        patterns.extend(stub_forms(name).into_iter().map(|(form, _)| form));
        patterns.extend(lost_forms(name));
    }
    patterns.sort_unstable();
    patterns.dedup();
    let written = places(cx.chars(Span::new(0, text.len())), text, &patterns);
    let places = |form: &str| -> &[usize] {
        (patterns.binary_search_by(|p| p.as_str().cmp(form)))
            .map_or(&[][..], |i| written[i].as_slice())
    };
    // The names written at least twice, with the count: the evidence.
    let mut names: Vec<(&str, usize)> = (listed.keys())
        .map(|&name| (name, places(name).len()))
        .filter(|&(_, n)| n >= 2)
        .collect();
    names.sort_unstable();
    // Where the clauses name each unit.
    let clause_units: std::collections::HashSet<(usize, &str)> = (doc.tasks.iter())
        .filter_map(|t| t.responsibility.as_ref())
        .flat_map(|r| r.all_units())
        .map(|u| (u.span.start, u.name.as_str()))
        .collect();

    let mut out = Vec::new();
    let lines = content_lines(doc, cx);
    let in_content = |at: usize| {
        let i = lines.partition_point(|l| l.end <= at);
        i < lines.len() && lines[i].start <= at
    };

    // Stubs: each form → the full name (none when two names share it).
    let mut stubs: HashMap<String, Option<String>> = HashMap::new();
    for &(name, _) in &names {
        for (form, full) in stub_forms(name) {
            if known(&form) {
                continue;
            }
            stubs
                .entry(form)
                .and_modify(|full| *full = None)
                .or_insert(Some(full));
        }
    }
    // A clause listing two stubs or more names fields on purpose (卫健、
    // 住建、教育等配合): none of its units is a slip.
    let mut field_lists: Vec<Span> = Vec::new();
    for r in doc.tasks.iter().filter_map(|t| t.responsibility.as_ref()) {
        let units: Vec<_> = r.all_units().collect();
        let stubbed = units
            .iter()
            .filter(|u| stubs.get(u.name.as_str()).is_some_and(Option::is_some))
            .count();
        if stubbed >= 2 {
            field_lists.extend(units.iter().map(|u| u.span));
        }
    }
    // Full name → the places its stubs name a unit.
    let mut uses: HashMap<&str, Vec<Span>> = HashMap::new();
    let stubs: Vec<(&str, &str)> = (stubs.iter())
        .filter_map(|(form, full)| Some((form.as_str(), full.as_deref()?)))
        .collect();
    for &(form, full) in &stubs {
        let bare = !form.starts_with(is_place);
        for &at in places(form) {
            let end = at + form.len();
            let after = &text[end..];
            let before = text[..at].chars().next_back();
            let as_unit =
                clause_units.contains(&(at, form)) && !field_lists.iter().any(|s| s.start == at);
            // A stub that leads: at a clause's start or after 由, and for
            // one without its place, not after another place (市住建 is the
            // city's bureau when the document names 县住建局).
            // A name a line break cut (a PDF's wrap the view did not join:
            // 市住房城乡建设 / 局) is whole.
            let suffix = full.chars().next_back();
            if after.trim_start_matches(is_space).chars().next() == suffix {
                continue;
            }
            let leads = LEADS.iter().any(|l| after.starts_with(l))
                && before.is_none_or(|c| !is_han(c) || c == '由');
            if (as_unit || leads) && in_content(at) && !(bare && before.is_some_and(is_place)) {
                uses.entry(full).or_default().push(Span::new(at, end));
            }
        }
    }
    for (full, spans) in uses {
        // Once: a form written more often is the document's habit.
        if let [span] = spans[..] {
            out.push(UnitSlip {
                span,
                right: full.to_string(),
                kind: "名称不全",
            });
        }
    }

    // Lost characters: each name less an inner character → the name.
    let mut lost: HashMap<String, Option<&str>> = HashMap::new();
    for &(name, _) in &names {
        for form in lost_forms(name) {
            if known(&form) {
                continue;
            }
            lost.entry(form)
                .and_modify(|full| *full = None)
                .or_insert(Some(name));
        }
    }
    let lost: Vec<(&str, &str)> = (lost.iter())
        .filter_map(|(form, full)| Some((form.as_str(), (*full)?)))
        .collect();
    for &(form, full) in &lost {
        if let [at] = *places(form)
            && in_content(at)
        {
            out.push(UnitSlip {
                span: Span::new(at, at + form.len()),
                right: full.to_string(),
                kind: "漏字",
            });
        }
    }
    // The longest of slips over one another (市生态环境沅江分局 holds
    // 生态环境沅江分局, a slip of a name written without its place).
    out.sort_by_key(|s| (s.span.start, std::cmp::Reverse(s.span.end)));
    let mut end = 0;
    out.retain(|s| {
        let keep = s.span.start >= end;
        end = end.max(s.span.end);
        keep
    });
    out
}

#[cfg(test)]
mod tests {
    use super::super::Slip;
    use crate::engine::testing::{check, check_with, texts};
    use crate::rule::Settings;

    #[test]
    fn a_unit_cut_short_where_it_leads() {
        let text = "一、加强资金管理。严格督查,县财政牵头,会同有关部门开展检查。(县财政局牵头,县审计局配合)\n二、规范项目管理。(县财政局、县发改局按职责分工负责)\n";
        let found = check(&Slip, text);
        assert_eq!(texts(text, &found), ["县财政"]);
        assert_eq!(
            found[0].message,
            "疑似笔误(名称不全):此处为“县财政”,文件第1行等2处写作“县财政局”"
        );
        assert!(
            found[0]
                .fix
                .as_ref()
                .unwrap()
                .apply(text)
                .contains("严格督查,县财政局牵头")
        );
    }

    #[test]
    fn a_stub_without_its_place() {
        let text = "一、整治隐患。由住建牵头负责小区整治。(市住建局牵头,市应急局配合)\n二、排查风险。(市住建局、市应急局按职责分工负责)\n";
        let found = check(&Slip, text);
        assert_eq!(texts(text, &found), ["住建"]);
        assert!(
            found[0]
                .fix
                .as_ref()
                .unwrap()
                .apply(text)
                .contains("由住建局牵头")
        );
    }

    #[test]
    fn a_stub_once_in_a_clause() {
        let text = "一、强化保障。(县卫健局、县民政局按职责分工负责)\n二、完善服务。(县卫健局牵头,县民政局配合)\n三、健全机制。(县民政局、县卫健按职责分工负责)\n";
        let found = check(&Slip, text);
        assert_eq!(texts(text, &found), ["县卫健"]);
        // A list that leaves the place to its first unit.
        let text = "一、强化保障。(县卫健局、县民政局按职责分工负责)\n二、完善服务。(县卫健局牵头,县民政局配合)\n三、健全机制。(县民政局牵头,教育局、卫健等按职责分工负责)\n";
        let found = check(&Slip, text);
        assert_eq!(texts(text, &found), ["卫健"]);
        assert!(
            found[0].message.contains("写作“卫健局”"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_name_cut_by_a_line_break_is_whole() {
        let text = "一、强化保障。(县卫健局、县民政局按职责分工负责)\n二、完善服务。(县卫健局牵头,县民政局配合)\n三、健全机制。(县民政局、县卫健\n局按职责分工负责)\n";
        assert!(check(&Slip, text).is_empty(), "{:?}", check(&Slip, text));
    }

    #[test]
    fn a_list_of_fields_is_no_slip() {
        let text = "一、强化保障。(县卫健局、县住建局按职责分工负责)\n二、完善服务。(县卫健局牵头,县住建局配合)\n三、健全机制。(县民政局牵头,卫健、住建、各乡镇等配合)\n";
        assert!(check(&Slip, text).is_empty(), "{:?}", check(&Slip, text));
    }

    #[test]
    fn a_character_lost_inside_a_name() {
        let text = "一、治理污染。(市生态环境局某江分局牵头)\n二、保护水源。(市生态环境局某江分局牵头)\n三、监测空气。(市生态环境某江分局牵头,市气象局配合)\n";
        let found = check(&Slip, text);
        assert_eq!(texts(text, &found), ["市生态环境某江分局"]);
        assert!(found[0].message.contains("写作“市生态环境局某江分局”"));
        assert!(
            found[0]
                .fix
                .as_ref()
                .unwrap()
                .apply(text)
                .contains("三、监测空气。(市生态环境局某江分局牵头")
        );
    }

    #[test]
    fn habits_distinct_units_and_known_names_are_quiet() {
        // The short form is the document's habit: written twice.
        let habit = "一、扩大投资。(市发改牵头,市财政局配合)\n二、推进项目。(市发改牵头,市财政局配合)\n三、争取资金。(市发改局、市财政局按职责分工负责)\n四、储备项目。(市发改局牵头)\n";
        assert!(check(&Slip, habit).is_empty(), "{:?}", check(&Slip, habit));
        // 县委 and 县委办, 县政府 and 县政府办 are different units; the
        // county's budget is no bureau; another place's bureau is another.
        let distinct = "一、加强领导。(县委办、县政府办牵头)\n二、压实责任。(县委办、县政府办牵头)\n三、统筹推进。县委牵头抓总,所需资金由县财政负责保障。(县财政局、县委办按职责分工负责)\n四、对接上级。市住建牵头指导。(县住建局、县财政局按职责分工负责)\n五、落实任务。(县住建局牵头)\n";
        assert!(
            check(&Slip, distinct).is_empty(),
            "{:?}",
            check(&Slip, distinct)
        );
        // Words a name is often written without; a short name introduced
        // by the document; an alias the pack knows.
        let short = "一、建设住房。(县住房和城乡建设局牵头)\n二、改造小区。(县住房和城乡建设局牵头,县住房城乡建设局配合)\n三、组建县大数据局(以下简称“县大数据”)。县大数据牵头建设平台。(县大数据局牵头)\n四、共享数据。(县大数据局牵头)\n";
        assert!(check(&Slip, short).is_empty(), "{:?}", check(&Slip, short));
        let mut settings = Settings::default();
        settings
            .departments
            .insert("卫健".into(), "卫生健康委员会".into());
        settings
            .departments
            .insert("卫健委".into(), "卫生健康委员会".into());
        let alias = "一、保障健康。(县卫健委牵头)\n二、强化服务。(县卫健委、县卫健牵头)\n";
        assert!(check_with(&Slip, alias, &settings).is_empty());
    }
}
