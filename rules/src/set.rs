//! Running the rules over a plan set ([`plan_lint_core::planset`]): the
//! members read as one document, each diagnostic mapped back into the file
//! it is in, and its related places into theirs.

use std::borrow::Borrow;

use plan_lint_core::planset::SetSource;
use plan_lint_core::{Reading, Span};

use crate::diagnostic::Diagnostic;
use crate::engine::run;
use crate::rule::{Rule, Settings};

/// A diagnostic of a set: `diagnostic` with its spans (primary, fix edits)
/// in member `file`, and each related place in the member
/// `related_files[i]` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetDiagnostic {
    pub file: usize,
    pub diagnostic: Diagnostic,
    pub related_files: Vec<usize>,
}

/// Runs `rules` over the set as one document. A fix whose edits reach into
/// another member than the diagnostic's is dropped (a fix edits one file).
pub fn run_set<R: Borrow<dyn Rule>>(
    rules: &[R],
    set: &SetSource,
    settings: &Settings,
) -> Vec<SetDiagnostic> {
    let reading = Reading::new(&set.source);
    run(rules, &reading, &set.source, settings)
        .into_iter()
        .filter_map(|mut d| {
            let (file, span) = set.locate_span(d.span)?;
            d.span = span;
            let mut related_files = Vec::with_capacity(d.related.len());
            for related in &mut d.related {
                let (f, span) = set
                    .locate_span(related.span)
                    .unwrap_or((file, Span::new(0, 0)));
                related.span = span;
                related_files.push(f);
            }
            if let Some(fix) = &mut d.fix {
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
                related_files,
            })
        })
        .collect()
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
            .zip(&conflict.related_files)
            .map(|(r, &f)| at(f, r.span))
            .collect();
        let mut files = conflict.related_files.clone();
        files.push(conflict.file);
        files.sort_unstable();
        files.dedup();
        assert_eq!(files, [0, 1], "one place in each file: {conflict:#?}");
        let all = [vec![primary], related].concat().join(" ");
        assert!(all.contains('5') && all.contains('7'), "{all}");
        // Each file alone states the target once: no conflict there.
        for (name, text) in [("总体方案.txt", MAIN), ("附件1.txt", ATTACHMENT)] {
            let alone =
                crate::engine::lint(&Source::new(name, text.to_string()), &Settings::default());
            assert!(alone.iter().all(|d| d.code != "T101"), "{alone:#?}");
        }
    }
}
