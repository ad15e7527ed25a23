//! Every rule of the catalogue, one file each. Codes and names are in
//! `shared/docs/rules.md`; they never change meaning once released.

use std::sync::{Arc, LazyLock};

use crate::rule::Rule;

mod attachment_file;
mod attachment_mismatch;
mod attachment_note_format;
mod carried_target;
mod conflicting_target;
mod content_lines;
mod count_mismatch;
mod dash_style;
mod date_format;
mod dates;
mod deadline_before_date;
mod doc_number_format;
mod duplicate_unit;
mod half_width_document;
mod half_width_punctuation;
mod impossible_date;
mod impossible_value;
mod inconsistent_target_wording;
mod later_deadline;
mod lead_also_collaborator;
mod listed_count_mismatch;
mod missing_lead_unit;
mod numbering_duplicate;
mod numbering_skip;
mod numbering_style;
mod respectively_mismatch;
mod self_reference;
mod slip;
mod slogan_variant;
mod sum_mismatch;
mod superior_citation;
mod table_lead_mismatch;
mod title_form_variant;
mod title_mismatch;
mod typo;
mod unbalanced_pair;
mod unit_name_variant;

pub use attachment_file::AttachmentFile;
pub use attachment_mismatch::AttachmentMismatch;
pub use attachment_note_format::AttachmentNoteFormat;
pub use carried_target::CarriedTarget;
pub use conflicting_target::ConflictingTarget;
pub use count_mismatch::CountMismatch;
pub use dash_style::DashStyle;
pub use date_format::DateFormat;
pub use deadline_before_date::DeadlineBeforeDate;
pub use doc_number_format::DocNumberFormat;
pub use duplicate_unit::DuplicateUnit;
pub use half_width_document::HalfWidthDocument;
pub use half_width_punctuation::HalfWidthPunctuation;
pub use impossible_date::ImpossibleDate;
pub use impossible_value::ImpossibleValue;
pub use inconsistent_target_wording::InconsistentTargetWording;
pub use later_deadline::LaterDeadline;
pub use lead_also_collaborator::LeadAlsoCollaborator;
pub use listed_count_mismatch::ListedCountMismatch;
pub use missing_lead_unit::MissingLeadUnit;
pub use numbering_duplicate::NumberingDuplicate;
pub use numbering_skip::NumberingSkip;
pub use numbering_style::NumberingStyle;
pub use respectively_mismatch::RespectivelyMismatch;
pub use self_reference::SelfReference;
pub use slip::Slip;
pub use slogan_variant::SloganVariant;
pub use sum_mismatch::SumMismatch;
pub use superior_citation::SuperiorCitation;
pub use table_lead_mismatch::TableLeadMismatch;
pub use title_form_variant::TitleFormVariant;
pub use title_mismatch::TitleMismatch;
pub use typo::Typo;
pub use unbalanced_pair::UnbalancedPair;
pub use unit_name_variant::UnitNameVariant;

/// All built-in rules, in catalogue order (the groups S, T, R, F, W, D and I
/// (an implementing plan against its superior, `--implements`), each
/// by code: what `plan-lint rules` and the README list show); held as
/// `Arc`s like a pack's custom rules, so that both go in one list.
pub static ALL: LazyLock<Vec<Arc<dyn Rule>>> = LazyLock::new(|| {
    vec![
        Arc::new(NumberingSkip),
        Arc::new(NumberingDuplicate),
        Arc::new(NumberingStyle),
        Arc::new(AttachmentMismatch),
        Arc::new(CountMismatch),
        Arc::new(AttachmentFile),
        Arc::new(ListedCountMismatch),
        Arc::new(SumMismatch),
        Arc::new(ConflictingTarget),
        Arc::new(InconsistentTargetWording),
        Arc::new(ImpossibleValue),
        Arc::new(MissingLeadUnit),
        Arc::new(DuplicateUnit),
        Arc::new(LeadAlsoCollaborator),
        Arc::new(UnitNameVariant),
        Arc::new(TableLeadMismatch),
        Arc::new(DocNumberFormat),
        Arc::new(DateFormat),
        Arc::new(UnbalancedPair),
        Arc::new(HalfWidthPunctuation),
        Arc::new(DashStyle),
        Arc::new(AttachmentNoteFormat),
        Arc::new(HalfWidthDocument),
        Arc::new(TitleMismatch),
        Arc::new(SloganVariant),
        Arc::new(Typo),
        Arc::new(Slip),
        Arc::new(SelfReference),
        Arc::new(RespectivelyMismatch),
        Arc::new(TitleFormVariant),
        Arc::new(ImpossibleDate),
        Arc::new(DeadlineBeforeDate),
        Arc::new(SuperiorCitation),
        Arc::new(CarriedTarget),
        Arc::new(LaterDeadline),
    ]
});

/// Finds a rule by code (`T101`, case-insensitive) or name (`conflicting-target`).
pub fn find(code_or_name: &str) -> Option<&'static Arc<dyn Rule>> {
    ALL.iter().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name
    })
}

/// The rule list as a Markdown table (code, name, default severity, what
/// it finds), as the README shows it.
pub fn catalogue_markdown() -> String {
    let mut out = String::from("| code | name | default | finds |\n|---|---|---|---|\n");
    for rule in ALL.iter() {
        let m = rule.meta();
        out.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            m.code, m.name, m.default_severity, m.summary
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = ALL.iter().map(|r| &*r.meta().code).collect();
        let names: HashSet<_> = ALL.iter().map(|r| &*r.meta().name).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
    }

    /// `plan-lint rules` and the README list the rules group by group (S,
    /// T, R, F, W, D, I), each group by code: a new rule goes in its place,
    /// not at the end.
    #[test]
    fn rules_are_in_catalogue_order() {
        const GROUPS: &str = "STRFWDI";
        let keys: Vec<(usize, &str)> = ALL
            .iter()
            .map(|r| {
                let code = &*r.meta().code;
                let group = code.chars().next().and_then(|g| GROUPS.find(g));
                (
                    group.unwrap_or_else(|| panic!("{code}: unknown group")),
                    code,
                )
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    /// The README's rule list is generated from the rules; this fails when
    /// it is stale. Regenerate with `plan-lint rules --format markdown`.
    #[test]
    fn readme_rule_list_is_current() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
            .expect("README.md at the workspace root");
        let start = readme
            .find("<!-- rules:start -->")
            .expect("rules:start marker")
            + "<!-- rules:start -->".len();
        let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
        assert_eq!(
            readme[start..end].trim(),
            catalogue_markdown().trim(),
            "README rule list is stale: run `plan-lint rules --format markdown` and paste it between the markers"
        );
    }

    #[test]
    fn every_rule_has_a_bilingual_doc() {
        for rule in ALL.iter() {
            let m = rule.meta();
            for heading in ["在查什么", "为什么是问题", "例子", "不报的情形"] {
                assert!(m.doc.contains(heading), "{} doc lacks {heading}", m.code);
            }
            assert!(
                m.doc.contains("English:"),
                "{} doc lacks an English line",
                m.code
            );
            assert!(!m.doc.contains("TODO"), "{} doc is unfinished", m.code);
        }
    }
}
