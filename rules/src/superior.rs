//! The plan a document implements (`plan-lint check CITY --implements
//! PROVINCE`): read once, handed to the rules through
//! [`crate::rule::Context::superior`]. The `I` rules compare the document
//! with it and point their related places into it.

use plan_lint_core::coverage::{TaskCoverage, coverage_in};
use plan_lint_core::normalise::TextView;
use plan_lint_core::{Document, Reading, Source, Span};

use crate::rule::Settings;

/// [`crate::diagnostic::Related::file`] of a place in the superior plan:
/// a front end that shows the superior file maps it to that file's id.
pub const SUPERIOR_FILE: usize = usize::MAX;

/// The superior plan, read.
pub struct Superior {
    pub source: Source,
    pub reading: Reading,
}

impl Superior {
    pub fn new(source: Source) -> Superior {
        let reading = Reading::new(&source);
        Superior { source, reading }
    }

    /// A span of the superior's model (its view) in its original text:
    /// what a related place into it carries.
    pub fn original(&self, span: Span) -> Span {
        self.reading.to_original(span)
    }

    /// The view's text of the superior plan.
    pub fn text(&self) -> &str {
        self.reading.view.source().text()
    }

    /// The coverage of the superior's tasks by a document (its view and
    /// model), read with `settings`' words.
    pub fn coverage(
        &self,
        view: &TextView,
        doc: &Document,
        settings: &Settings,
    ) -> Vec<TaskCoverage> {
        coverage_in(
            &self.reading,
            view,
            doc,
            &settings.deadline_words,
            &settings.target_words,
        )
    }
}
