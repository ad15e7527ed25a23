//! A document read: the normalised view of its text and the model built
//! from that view. What every front end builds once per version of a text.

use crate::model::Document;
use crate::normalise::TextView;
use crate::source::Source;
use crate::span::Span;

/// The view the grammar parsed and the model built from it. The model's
/// spans are the view's: [`Reading::to_original`] gives the original's.
#[derive(Clone, Debug)]
pub struct Reading {
    pub view: TextView,
    pub doc: Document,
}

impl Reading {
    /// Normalises `original`, parses the view and builds its model.
    pub fn new(original: &Source) -> Reading {
        let view = TextView::new(original);
        let doc = Document::parse(view.source());
        Reading { view, doc }
    }

    /// The original span of a span of the model.
    pub fn to_original(&self, span: Span) -> Span {
        self.view.to_original(span)
    }
}
