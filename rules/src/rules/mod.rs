//! Every rule of the catalogue, one file each. Codes and names are in
//! `shared/docs/rules.md`; they never change meaning once released.

use crate::rule::Rule;

mod numbering_skip;
mod numbering_duplicate;
mod numbering_style;
mod attachment_mismatch;
mod count_mismatch;
mod conflicting_target;
mod inconsistent_target_wording;
mod impossible_value;
mod missing_lead_unit;
mod duplicate_unit;
mod lead_also_collaborator;
mod unit_name_variant;
mod doc_number_format;
mod date_format;
mod unbalanced_pair;
mod half_width_punctuation;
mod dash_style;
mod attachment_note_format;
mod title_mismatch;
mod slogan_variant;
mod typo;

pub use numbering_skip::NumberingSkip;
pub use numbering_duplicate::NumberingDuplicate;
pub use numbering_style::NumberingStyle;
pub use attachment_mismatch::AttachmentMismatch;
pub use count_mismatch::CountMismatch;
pub use conflicting_target::ConflictingTarget;
pub use inconsistent_target_wording::InconsistentTargetWording;
pub use impossible_value::ImpossibleValue;
pub use missing_lead_unit::MissingLeadUnit;
pub use duplicate_unit::DuplicateUnit;
pub use lead_also_collaborator::LeadAlsoCollaborator;
pub use unit_name_variant::UnitNameVariant;
pub use doc_number_format::DocNumberFormat;
pub use date_format::DateFormat;
pub use unbalanced_pair::UnbalancedPair;
pub use half_width_punctuation::HalfWidthPunctuation;
pub use dash_style::DashStyle;
pub use attachment_note_format::AttachmentNoteFormat;
pub use title_mismatch::TitleMismatch;
pub use slogan_variant::SloganVariant;
pub use typo::Typo;

/// All rules, in catalogue order.
pub static ALL: &[&dyn Rule] = &[
    &NumberingSkip,
    &NumberingDuplicate,
    &NumberingStyle,
    &AttachmentMismatch,
    &CountMismatch,
    &ConflictingTarget,
    &InconsistentTargetWording,
    &ImpossibleValue,
    &MissingLeadUnit,
    &DuplicateUnit,
    &LeadAlsoCollaborator,
    &UnitNameVariant,
    &DocNumberFormat,
    &DateFormat,
    &UnbalancedPair,
    &HalfWidthPunctuation,
    &DashStyle,
    &AttachmentNoteFormat,
    &TitleMismatch,
    &SloganVariant,
    &Typo,
];

/// Finds a rule by code (`T101`, case-insensitive) or name (`conflicting-target`).
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = ALL.iter().map(|r| r.meta().code).collect();
        let names: HashSet<_> = ALL.iter().map(|r| r.meta().name).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
    }

    #[test]
    fn every_rule_has_a_bilingual_doc() {
        for rule in ALL {
            let m = rule.meta();
            for heading in ["在查什么", "为什么是问题", "例子", "不报的情形"] {
                assert!(m.doc.contains(heading), "{} doc lacks {heading}", m.code);
            }
            assert!(m.doc.contains("English:"), "{} doc lacks an English line", m.code);
            assert!(!m.doc.contains("TODO"), "{} doc is unfinished", m.code);
        }
    }
}
