//! Running the rules over a plan set ([`plan_lint_core::planset`]): the
//! members read as one document, each diagnostic mapped back into the file
//! it is in, and its related places into theirs.

use std::borrow::Borrow;

use plan_lint_core::planset::SetSource;
use plan_lint_core::{Reading, Span};

use crate::diagnostic::Diagnostic;
use crate::engine::run_in;
use crate::rule::{Context, Rule, Settings};

/// A diagnostic of a set: `diagnostic` with its spans (primary, fix edits)
/// in member `file`; a related place in another member names it in its
/// `file`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetDiagnostic {
    pub file: usize,
    pub diagnostic: Diagnostic,
}

/// Runs `rules` over the set as one document. A fix whose edits reach into
/// another member than the diagnostic's is dropped (a fix edits one file).
/// A message's `第N行` (a line of the joined text) becomes the line of its
/// member, named after the member's file when it is another than the
/// diagnostic's (`附件1.txt第4行`).
pub fn run_set<R: Borrow<dyn Rule>>(
    rules: &[R],
    set: &SetSource,
    settings: &Settings,
) -> Vec<SetDiagnostic> {
    let reading = Reading::new(&set.source);
    let cx = Context::new(&reading.view, &set.source, settings).in_set(set);
    run_in(rules, &reading, cx)
        .into_iter()
        .filter_map(|mut d| {
            let (file, span) = set.locate_span(d.span)?;
            d.span = span;
            d.message = member_lines(set, file, &d.message);
            for related in &mut d.related {
                let (f, span) = set
                    .locate_span(related.span)
                    .unwrap_or((file, Span::new(0, 0)));
                related.span = span;
                related.file = (f != file).then_some(f);
                related.message = member_lines(set, file, &related.message);
            }
            if let Some(fix) = &mut d.fix {
                fix.message = member_lines(set, file, &fix.message);
                let mut local = true;
                for edit in &mut fix.edits {
                    match set.locate_span(edit.span) {
                        Some((f, span)) if f == file => edit.span = span,
                        _ => local = false,
                    }
                }
                if !local {
                    d.fix = None;
                }
            }
            Some(SetDiagnostic {
                file,
                diagnostic: d,
            })
        })
        .collect()
}

/// `message` with each `第N行` of the joined text written as the line of
/// its member: `第N行` in member `own`, `name第N行` in another (`name` the
/// file's name without its folder).
fn member_lines(set: &SetSource, own: usize, message: &str) -> String {
    let source = &set.source;
    crate::diagnostic::map_line_refs(message, |_, line| {
        if !(1..=source.line_count()).contains(&line) {
            return None;
        }
        let (member, line) = set.member_line(source.line_span(line - 1).start)?;
        let file = if member == own {
            ""
        } else {
            let name = &set.parts[member].name;
            name.rsplit(['/', '\\']).next().unwrap_or(name)
        };
        Some(format!("{file}第{line}行"))
    })
}

#[cfg(test)]
mod tests {
    use plan_lint_core::Source;

    use super::*;

    const MAIN: &str = "\
某县城乡融合发展总体方案
一、主要目标
到2025年,全县改造老旧小区5个以上,新建口袋公园8个。
附件:1.某县老旧小区改造实施方案
";
    const ATTACHMENT: &str = "\
附件1
某县老旧小区改造实施方案
一、工作目标
到2025年,全县改造老旧小区7个以上。
";

    #[test]
    fn a_target_restated_otherwise_in_an_attachment_file_is_reported_across_files() {
        let main = Source::new("总体方案.txt", MAIN.to_string());
        let attachment = Source::new("附件1.txt", ATTACHMENT.to_string());
        let set = SetSource::new(&[&main, &attachment]);
        let found = run_set(&crate::rules::ALL[..], &set, &Settings::default());
        let conflict = found
            .iter()
            .find(|d| d.diagnostic.code == "T101")
            .unwrap_or_else(|| panic!("no T101 across the files: {found:#?}"));
        let texts = [MAIN, ATTACHMENT];
        let at = |file: usize, span: Span| &texts[file][span.start..span.end];
        let primary = at(conflict.file, conflict.diagnostic.span);
        let related: Vec<&str> = conflict
            .diagnostic
            .related
            .iter()
            .map(|r| at(r.file.unwrap_or(conflict.file), r.span))
            .collect();
        let mut files: Vec<usize> = conflict
            .diagnostic
            .related
            .iter()
            .map(|r| r.file.unwrap_or(conflict.file))
            .collect();
        files.push(conflict.file);
        files.sort_unstable();
        files.dedup();
        assert_eq!(files, [0, 1], "one place in each file: {conflict:#?}");
        let all = [vec![primary], related].concat().join(" ");
        assert!(all.contains('5') && all.contains('7'), "{all}");
        // The line the message names is the other file's, named as such.
        let other = if conflict.file == 0 {
            "附件1.txt第4行"
        } else {
            "总体方案.txt第3行"
        };
        assert!(
            conflict.diagnostic.message.contains(other),
            "{}",
            conflict.diagnostic.message
        );
        // Each file alone states the target once: no conflict there.
        for (name, text) in [("总体方案.txt", MAIN), ("附件1.txt", ATTACHMENT)] {
            let alone =
                crate::engine::lint(&Source::new(name, text.to_string()), &Settings::default());
            assert!(alone.iter().all(|d| d.code != "T101"), "{alone:#?}");
        }
    }

    #[test]
    fn each_file_is_read_as_alone_and_its_lines_are_its_own() {
        // The attachment's page number is set aside as it would be if the
        // file were checked alone; the main plan, read before it, names the
        // attachment's line as the file has it.
        let attachment = "附件1\n某县老旧小区改造实施方案\n— 2 —\n一、工作目标\n到2025年,全县改造老旧小区7个以上。\n";
        let main_text = MAIN.replace("5个以上", "9个以上");
        let main = Source::new("总体方案.txt", main_text.clone());
        let other = Source::new("附件1.txt", attachment.to_string());
        let set = SetSource::new(&[&other, &main]);
        let found = run_set(&crate::rules::ALL[..], &set, &Settings::default());
        let conflict = found
            .iter()
            .find(|d| d.diagnostic.code == "T101")
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_eq!(conflict.file, 1, "{conflict:#?}");
        let span = conflict.diagnostic.span;
        assert_eq!(&main_text[span.start..span.end], "9个以上");
        assert!(
            conflict.diagnostic.message.contains("附件1.txt第5行"),
            "{}",
            conflict.diagnostic.message
        );
        let related = &conflict.diagnostic.related[0];
        assert_eq!(related.file, Some(0));
        assert_eq!(&attachment[related.span.start..related.span.end], "7个以上");
        // The page number is no line of the plan: no finding on it.
        assert!(
            found
                .iter()
                .all(|d| d.file != 0 || d.diagnostic.span.start != attachment.find('—').unwrap())
        );
    }
}
