//! The 附件说明 (`附件：1.… 2.…`, or `附件：…` for one attachment) and the
//! attachments themselves (a line `附件1` / `附件` followed by the title, or
//! `附件1：标题`), read by the harness.

use super::view::{Doc, is_digit};

#[derive(Clone, Debug)]
pub struct Entry {
    pub ordinal: u32,
    /// The note line holds this entry (the first entry, or the only one).
    pub on_note_line: bool,
    pub line: usize,
    /// Bytes of the entry, its number included (for the first entry, from
    /// its number: `附件：` stays).
    pub bytes: (usize, usize),
    /// Bytes of the title.
    pub title: (usize, usize),
}

#[derive(Clone, Debug)]
pub struct Note {
    pub line: usize,
    pub entries: Vec<Entry>,
    /// One unnumbered entry (`附件：标题`).
    pub single: bool,
}

#[derive(Clone, Debug)]
pub struct Body {
    pub ordinal: u32,
    pub label_line: usize,
    /// Lines of the title (first, last).
    pub title_lines: (usize, usize),
    pub title: String,
}

/// A title compared without white space, book-title marks, quotes and end
/// punctuation.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !super::view::is_space(*c)
                && !matches!(*c, '《' | '》' | '〈' | '〉' | '“' | '”' | '"' | '\t')
        })
        .collect::<String>()
        .trim_end_matches(['。', '；', ';', '，', ','])
        .to_string()
}

/// `N.` `N．` `N、` at the start of `s` (after white space): (N, byte length
/// of the marker with the white space after it).
fn entry_marker(s: &str) -> Option<(u32, usize)> {
    let t = s.trim_start_matches(super::view::is_space);
    let lead = s.len() - t.len();
    let digits: String = t.chars().take_while(|c| is_digit(*c)).collect();
    if digits.is_empty() || digits.chars().count() > 2 {
        return None;
    }
    let rest = &t[digits.len()..];
    let rest_t = rest.trim_start_matches(super::view::is_space);
    let c = rest_t.chars().next()?;
    if !matches!(c, '.' | '．' | '、') {
        return None;
    }
    let after = &rest_t[c.len_utf8()..];
    let after_t = after.trim_start_matches(super::view::is_space);
    if after_t.is_empty() || after_t.starts_with(is_digit) && after_t.chars().nth(1) == Some('.') {
        return None;
    }
    let value = digits
        .chars()
        .fold(0, |a, c| a * 10 + super::view::digit_value(c));
    Some((value, lead + (t.len() - after_t.len())))
}

fn note_colon(sq: &str) -> bool {
    sq.starts_with("附件：") || sq.starts_with("附件:")
}

/// Every 附件说明 of the document.
pub fn notes(doc: &Doc) -> Vec<Note> {
    let mut out = Vec::new();
    let mut li = 0;
    while li < doc.lines.len() {
        let sq = doc.squeezed(li);
        if !note_colon(&sq) {
            li += 1;
            continue;
        }
        let line = doc.lines[li];
        let text = doc.line_text(li);
        let colon = text.find(['：', ':']).unwrap();
        let colon_len = text[colon..].chars().next().unwrap().len_utf8();
        let rest_off = line.start + colon + colon_len;
        let rest = &doc.text[rest_off..line.end];
        let mut entries = Vec::new();
        let mut single = false;
        let trimmed = rest.trim_matches(super::view::is_space);
        let mut next = li + 1;
        if trimmed.is_empty() || entry_marker(rest).is_some_and(|(n, _)| n == 1) {
            if let Some((1, m)) = entry_marker(rest) {
                let start =
                    rest_off + rest.len() - rest.trim_start_matches(super::view::is_space).len();
                entries.push(Entry {
                    ordinal: 1,
                    on_note_line: true,
                    line: li,
                    bytes: (start, line.end),
                    title: (rest_off + m, line.end),
                });
            }
            // The following entries, one a line.
            let mut want = entries.len() as u32 + 1;
            while next < doc.lines.len() {
                let l = doc.lines[next];
                let t = doc.line_text(next);
                match entry_marker(t) {
                    Some((n, m)) if n == want => {
                        let start =
                            l.start + t.len() - t.trim_start_matches(super::view::is_space).len();
                        entries.push(Entry {
                            ordinal: n,
                            on_note_line: false,
                            line: next,
                            bytes: (start, l.end),
                            title: (l.start + m, l.end),
                        });
                        want += 1;
                        next += 1;
                    }
                    _ if t.trim_matches(super::view::is_space).is_empty() => next += 1,
                    _ => break,
                }
            }
        } else {
            single = true;
            let start = line.end - rest.trim_start_matches(super::view::is_space).len();
            entries.push(Entry {
                ordinal: 1,
                on_note_line: true,
                line: li,
                bytes: (start, line.end),
                title: (start, line.end),
            });
        }
        // Trailing white space off the byte ranges.
        for e in &mut entries {
            let t = &doc.text[e.title.0..e.title.1];
            let cut = t.len() - t.trim_end_matches(super::view::is_space).len();
            e.title.1 -= cut;
            e.bytes.1 -= cut;
        }
        if !entries.is_empty() {
            out.push(Note {
                line: li,
                entries,
                single,
            });
        }
        li = next.max(li + 1);
    }
    out
}

/// `附件`, `附件1`, `附件 2：` alone on a line, or `附件1：标题` / `附件1 标题`.
fn body_label(sq: &str) -> Option<(u32, String)> {
    let rest = sq.strip_prefix("附件")?;
    let digits: String = rest.chars().take_while(|c| is_digit(*c)).collect();
    let after = &rest[digits.len()..];
    let after = after.trim_start_matches(['：', ':']);
    let ordinal = if digits.is_empty() {
        1
    } else {
        digits
            .chars()
            .fold(0, |a, c| a * 10 + super::view::digit_value(c))
    };
    if after.is_empty() {
        return Some((ordinal, String::new()));
    }
    // A title on the label line needs a number (`附件1：…`); `附件：` is a note.
    if digits.is_empty() || after.starts_with(is_digit) {
        return None;
    }
    Some((ordinal, after.to_string()))
}

/// Attachments after the first 附件说明 (or anywhere when there is none).
pub fn bodies(doc: &Doc, notes: &[Note]) -> Vec<Body> {
    let note_lines: Vec<usize> = notes
        .iter()
        .flat_map(|n| n.entries.iter().map(|e| e.line).chain([n.line]))
        .collect();
    let first = notes.first().map_or(0, |n| n.line);
    let mut out = Vec::new();
    for li in first..doc.lines.len() {
        if note_lines.contains(&li) {
            continue;
        }
        let sq = doc.squeezed(li);
        let Some((ordinal, title)) = body_label(&sq) else {
            continue;
        };
        if !title.is_empty() {
            out.push(Body {
                ordinal,
                label_line: li,
                title_lines: (li, li),
                title,
            });
            continue;
        }
        // The title: the next non-empty line, and up to two more.
        let mut t = li + 1;
        while t < doc.lines.len() && doc.squeezed(t).is_empty() {
            t += 1;
        }
        if t < doc.lines.len() {
            out.push(Body {
                ordinal,
                label_line: li,
                title_lines: (t, t),
                title: doc.squeezed(t),
            });
        }
    }
    out
}

/// The body an entry names, when its title matches the entry's exactly (the
/// title may run over up to three lines). Returns the body with its
/// `title_lines` set to the lines that matched.
pub fn matching_body(doc: &Doc, entry: &Entry, bodies: &[Body]) -> Option<Body> {
    let want = normalize(&doc.text[entry.title.0..entry.title.1]);
    if want.chars().count() < 4 {
        return None;
    }
    let b = bodies.iter().find(|b| b.ordinal == entry.ordinal)?;
    if b.title_lines.0 == b.label_line {
        return (normalize(&b.title) == want).then(|| b.clone());
    }
    let mut joined = String::new();
    for k in 0..3 {
        let li = b.title_lines.0 + k;
        if li >= doc.lines.len() {
            break;
        }
        joined.push_str(&doc.squeezed(li));
        if normalize(&joined) == want {
            let mut m = b.clone();
            m.title_lines = (b.title_lines.0, li);
            return Some(m);
        }
        if !want.starts_with(&normalize(&joined)) {
            break;
        }
    }
    None
}

/// Lines where a part of the document starts: 附件说明 lines and attachment
/// labels.
pub fn part_starts(doc: &Doc, notes: &[Note], bodies: &[Body]) -> Vec<usize> {
    let _ = doc;
    let mut v: Vec<usize> = notes
        .iter()
        .map(|n| n.line)
        .chain(bodies.iter().map(|b| b.label_line))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Word swaps a drafter makes in a title.
pub const TITLE_SWAPS: &[(&str, &str)] = &[
    ("实施方案", "工作方案"),
    ("工作方案", "实施方案"),
    ("行动方案", "实施方案"),
    ("总体方案", "实施方案"),
    ("行动计划", "工作计划"),
    ("工作计划", "行动计划"),
    ("任务分工", "任务分解"),
    ("任务清单", "工作清单"),
    ("项目清单", "项目名单"),
    ("成员名单", "人员名单"),
    ("预期目标", "预期指标"),
    ("若干措施", "若干举措"),
    ("一览表", "汇总表"),
];

/// Two-character words a drafter drops from a title.
pub const TITLE_DROPS: &[&str] = &[
    "重点", "工作", "专项", "推动", "加快", "全面", "项目", "领导", "建设", "发展", "行动", "深入",
    "促进", "推进",
];

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "正文。\n附件：1.某县产业培塑行动实施方案\n2.某县主体强身行动实施方案\n\n某县人民政府办公室\n附件1\n某县产业培塑行动实施方案\n一、目标\n附件2\n某县主体强身\n行动实施方案\n一、目标\n";

    #[test]
    fn note_and_bodies() {
        let doc = Doc::new(PLAN);
        let ns = notes(&doc);
        assert_eq!(ns.len(), 1);
        let es = &ns[0].entries;
        assert_eq!(es.len(), 2);
        assert_eq!(
            &PLAN[es[0].bytes.0..es[0].bytes.1],
            "1.某县产业培塑行动实施方案"
        );
        assert_eq!(
            &PLAN[es[1].title.0..es[1].title.1],
            "某县主体强身行动实施方案"
        );
        let bs = bodies(&doc, &ns);
        assert_eq!(bs.len(), 2);
        let m = matching_body(&doc, &es[1], &bs).unwrap();
        assert_eq!(m.title_lines, (9, 10));
        assert!(matching_body(&doc, &es[0], &bs).is_some());
    }

    #[test]
    fn entries_between_blank_lines() {
        let text =
            "附件:1.甲攻坚实施方案\n\n2.乙攻坚实施方案\n\n3.丙攻坚实施方案\n\n某县人民政府办公室\n";
        let doc = Doc::new(text);
        let ns = notes(&doc);
        let got: Vec<u32> = ns[0].entries.iter().map(|e| e.ordinal).collect();
        assert_eq!(got, [1, 2, 3]);
    }

    #[test]
    fn single_entry_and_non_notes() {
        let text = "附件：某市重点任务分工\n附件下载：清单.rar\n附件\n某市重点任务分工\n";
        let doc = Doc::new(text);
        let ns = notes(&doc);
        assert_eq!(ns.len(), 1);
        assert!(ns[0].single);
        let bs = bodies(&doc, &ns);
        assert_eq!(bs.len(), 1);
        assert!(matching_body(&doc, &ns[0].entries[0], &bs).is_some());
        // A note whose attachment is not in the document has no match.
        let doc = Doc::new("附件：1.甲方案汇总表\n2.乙方案汇总表\n");
        let ns = notes(&doc);
        assert_eq!(ns[0].entries.len(), 2);
        assert!(bodies(&doc, &ns).is_empty());
    }
}
