//! The rule trait, rule metadata and the context rules run in.

use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use plan_lint_core::Span;
use plan_lint_core::deadline::DeadlineWords;
use plan_lint_core::model::Document;
use plan_lint_core::normalise::TextView;
use plan_lint_core::planset::SetSource;
use plan_lint_core::source::Source;
use plan_lint_core::targets::TargetWords;

use crate::diagnostic::{Diagnostic, Severity};
use crate::superior::Superior;

/// What every rule declares about itself. `doc` is the rule's doc comment
/// (在查什么 / 为什么是问题 / 例子 / 不报的情形, and an English line): it is
/// what `plan-lint rule CODE` prints and the SARIF rule help. A built-in
/// rule's texts are static; a pack's custom rule owns its own.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `T101`. Never reused for another meaning.
    pub code: Cow<'static, str>,
    /// Stable kebab-case name, e.g. `conflicting-target`.
    pub name: Cow<'static, str>,
    pub default_severity: Severity,
    /// One line for `plan-lint rules`.
    pub summary: Cow<'static, str>,
    pub doc: Cow<'static, str>,
    /// The options a pack may set for the rule (`[rules.CODE] options`).
    pub options: &'static [RuleOption],
}

/// An option of a rule, set in a pack: `options = { name = "value" }`.
#[derive(Debug)]
pub struct RuleOption {
    pub name: &'static str,
    /// The values it takes; the first is the default.
    pub values: &'static [&'static str],
    pub doc: &'static str,
}

impl RuleMeta {
    /// The value of one of this rule's options in `settings`, or its default.
    pub fn option<'s>(&self, settings: &'s Settings, name: &str) -> &'s str
    where
        'static: 's,
    {
        let default = self
            .options
            .iter()
            .find(|o| o.name == name)
            .and_then(|o| o.values.first().copied())
            .unwrap_or("");
        settings
            .options
            .get(&*self.code)
            .and_then(|table| table.get(name))
            .map_or(default, String::as_str)
    }
}

/// A lint rule: a pure function of the document and the context.
pub trait Rule: Sync + Send {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic>;
}

/// Declares a rule type with its metadata; the doc comment becomes
/// [`RuleMeta::doc`].
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $ty:ident {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal
            $(, options: [$($option:expr),* $(,)?])? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis struct $ty;

        impl $ty {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                code: ::std::borrow::Cow::Borrowed($code),
                name: ::std::borrow::Cow::Borrowed($name),
                default_severity: $crate::diagnostic::Severity::$severity,
                summary: ::std::borrow::Cow::Borrowed($summary),
                doc: ::std::borrow::Cow::Borrowed(concat!($($doc, "\n"),*)),
                options: &[$($($option),*)?],
            };

            /// [`Self::META`] as a static, for [`Rule::meta`]: a constant
            /// holding `Cow`s is not promoted to a static by `&`.
            ///
            /// [`Rule::meta`]: $crate::rule::Rule::meta
            pub fn meta_static() -> &'static $crate::rule::RuleMeta {
                static META: $crate::rule::RuleMeta = $ty::META;
                &META
            }
        }
    };
}

/// Everything a pack or configuration decides that rules read, resolved
/// once. Rules never parse TOML.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Severity overrides by rule code.
    pub severities: HashMap<String, Severity>,
    /// Unit names: alias or abbreviation → canonical name.
    pub unit_aliases: HashMap<String, String>,
    /// Departments named under any 省/市/县/区 prefix: each full or short
    /// form → the full form (`发改委` → `发展和改革委员会`), so that 市发改委
    /// and 市发展和改革委员会 are one unit (see [`Settings::canonical_unit`]).
    pub departments: HashMap<String, String>,
    /// Known wrong forms → right forms (typo dictionary).
    pub typos: Vec<(String, String)>,
    /// Canonical slogans and programme names.
    pub slogans: Vec<String>,
    /// Named enumerations a province fixes (八大行动 → its eight members).
    pub lists: Vec<CanonicalList>,
    /// Rule options from packs, by rule code: option name → value.
    pub options: HashMap<String, HashMap<String, String>>,
    /// What `plan-lint tasks` reads as a deadline: labels and standing
    /// terms (a pack's `[tasks]`).
    pub deadline_words: DeadlineWords,
    /// Phrases by which an implementing plan says a sentence carries the
    /// superior plan's target (a pack's `[implements] carry`: 国家下达).
    pub carry_phrases: Vec<String>,
    /// What the target rules (T101, T102) and the language server's target
    /// lookups read: synonyms and measure terms (a pack's `[targets]`).
    pub target_words: TargetWords,
    /// Established terms of plans and policy (the packs' `term_files`):
    /// the right forms slip (W104) knows without the document.
    pub terms: TermList,
}

/// A list of established terms (社会消费品零售总额, 提级审核 …), shared:
/// settings are cloned per document, the list is not, and a rule may keep
/// what it builds from one list for as long as it is the same list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TermList(std::sync::Arc<[String]>);

impl TermList {
    pub fn new(terms: Vec<String>) -> TermList {
        TermList(terms.into())
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The same list: one shared list, or equal terms.
    pub fn same(&self, other: &TermList) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

/// A named enumeration: `八大行动` = 产业培塑、创新提升 …
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CanonicalList {
    pub name: String,
    pub members: Vec<String>,
}

impl Settings {
    /// The canonical name of a unit, or the name itself: the pack's alias
    /// table first, then its departments under a place prefix (`湛江市发改委`
    /// → `湛江市发展和改革委员会`; the longest form the name ends with wins).
    pub fn canonical_unit<'a>(&'a self, name: &'a str) -> Cow<'a, str> {
        let name = self.unit_aliases.get(name).map_or(name, String::as_str);
        if self.departments.is_empty() {
            return Cow::Borrowed(name);
        }
        for (at, _) in name.char_indices() {
            let (prefix, form) = name.split_at(at);
            if let Some(full) = self.departments.get(form)
                && is_place_prefix(prefix)
            {
                if full == form {
                    return Cow::Borrowed(name);
                }
                return Cow::Owned(format!("{prefix}{full}"));
            }
        }
        Cow::Borrowed(name)
    }
}

/// The index of the first character of `chars` at byte `byte` or after,
/// searched from index `hint` outwards (galloping, then a binary search in
/// the last step): a few probes, all near each other, when the answer is
/// close to the hint, and never more than twice a plain binary search.
fn first_at_or_after(chars: &[(usize, char)], hint: usize, byte: usize) -> usize {
    let hint = hint.min(chars.len());
    let before = |i: usize| chars[i].0 < byte;
    let (mut low, mut high);
    if hint < chars.len() && before(hint) {
        // Forwards: the answer is after the hint.
        let mut step = 1;
        low = hint + 1;
        high = low;
        while high < chars.len() && before(high) {
            low = high + 1;
            high = (high + step).min(chars.len());
            step *= 2;
        }
    } else {
        // Backwards: the answer is at the hint or before.
        let mut step = 1;
        high = hint;
        low = high;
        while low > 0 && !before(low - 1) {
            high = low - 1;
            low = low.saturating_sub(step);
            step *= 2;
        }
    }
    low + chars[low..high].partition_point(|&(at, _)| at < byte)
}

/// Whether a department's name may start with `prefix`: nothing, 国家 or
/// 国务院, or a place (Han characters ending in 省, 市, 县, 区, 州, 盟 or
/// 旗: 湖南省, 湛江市, 某某县, 天河区, 自治区). Anything else (`市委`, `国防`)
/// makes the name another unit.
fn is_place_prefix(prefix: &str) -> bool {
    prefix.is_empty()
        || prefix == "国家"
        || prefix == "国务院"
        || (prefix.chars().count() <= 12
            && prefix.chars().all(plan_lint_core::text::is_han)
            && prefix.ends_with(['省', '市', '县', '区', '州', '盟', '旗']))
}

/// What a rule runs with: the source text and the resolved settings.
pub struct Context<'a> {
    /// The text rules read: the normalised view of the document (see
    /// [`plan_lint_core::normalise`]). Spans are the view's; the engine maps
    /// what rules report back to the original.
    pub source: &'a Source,
    pub settings: &'a Settings,
    /// The plan the document implements (`--implements`), when one was named.
    superior: Option<&'a Superior>,
    view: &'a TextView,
    /// The document as it was read, for line numbers in messages.
    original: &'a Source,
    /// Analyses shared by several rules over the same document (the target
    /// keys of T101 and T102), computed once per run.
    memo: RefCell<HashMap<TypeId, Rc<dyn Any>>>,
    /// Every character of the text with its byte offset, decoded once for
    /// all the rules that walk text character by character.
    chars: OnceCell<Vec<(usize, char)>>,
    /// Where in `chars` the last call to [`Context::chars`] ended: rules
    /// walk lines in order, so the next span starts close after it.
    chars_hint: Cell<usize>,
    /// For a plan set read as one document: its members.
    set: Option<&'a SetSource>,
}

impl<'a> Context<'a> {
    pub fn new(view: &'a TextView, original: &'a Source, settings: &'a Settings) -> Self {
        Context {
            source: view.source(),
            settings,
            superior: None,
            view,
            original,
            memo: RefCell::default(),
            chars: OnceCell::new(),
            chars_hint: Cell::new(0),
            set: None,
        }
    }

    /// The context of a plan set read as one document (`original` is the
    /// set's joined text).
    pub fn in_set(mut self, set: &'a SetSource) -> Self {
        self.set = Some(set);
        self
    }

    /// The plan set this document is, when it is one.
    pub fn set(&self) -> Option<&'a SetSource> {
        self.set
    }

    /// In a plan set: the member a byte of the view is in.
    pub fn member(&self, byte: usize) -> Option<usize> {
        let set = self.set?;
        set.locate(self.view.offset_to_original(byte))
            .map(|(member, _)| member)
    }

    /// A span of the original text as a span of the view.
    pub fn view_span(&self, original: Span) -> Span {
        self.view.to_view(original)
    }

    /// The value of type `T` computed for this document, computing it on
    /// first use. Rules that share an analysis call this with the same
    /// type and get the same value.
    pub fn memo<T: 'static>(&self, compute: impl FnOnce() -> T) -> Rc<T> {
        let cached = self.memo.borrow().get(&TypeId::of::<T>()).cloned();
        if let Some(Ok(value)) = cached.map(|v| v.downcast::<T>()) {
            return value;
        }
        let value = Rc::new(compute());
        self.memo
            .borrow_mut()
            .insert(TypeId::of::<T>(), value.clone() as Rc<dyn Any>);
        value
    }

    /// The characters of `span` with their byte offsets in the document.
    pub fn chars(&self, span: Span) -> &[(usize, char)] {
        let all = self.chars.get_or_init(|| {
            let text = self.source.text();
            // Counting first (fast: it only looks at bytes) sizes the table
            // exactly, with no regrowth.
            let mut all = Vec::with_capacity(text.chars().count());
            all.extend(text.char_indices());
            all
        });
        let from = first_at_or_after(all, self.chars_hint.get(), span.start);
        let to = first_at_or_after(all, from, span.end);
        self.chars_hint.set(to);
        &all[from..to]
    }

    /// The same context with the plan the document implements.
    pub fn with_superior(mut self, superior: Option<&'a Superior>) -> Self {
        self.superior = superior;
        self
    }

    /// The plan the document implements (`--implements`), if any: what the
    /// `I` rules compare it with.
    pub fn superior(&self) -> Option<&'a Superior> {
        self.superior
    }

    /// The normalised view the rules read.
    pub fn view(&self) -> &'a TextView {
        self.view
    }

    /// The page width the original was hard-wrapped at, when it is a
    /// printout's extraction (see [`TextView::wrap_width`]).
    pub fn wrap_width(&self) -> Option<usize> {
        self.view.wrap_width()
    }

    /// The text of a span.
    pub fn text(&self, span: Span) -> &'a str {
        let text = self.source.text();
        text.get(span.start..span.end).unwrap_or("")
    }

    /// The 1-based line in the original document of a byte offset of the
    /// view, for messages (`第16行`).
    pub fn line(&self, byte: usize) -> usize {
        let original = self.view.offset_to_original(byte);
        self.original.line_col_1based(original).0
    }

    /// A diagnostic of `meta`'s rule at `span`, with the configured severity.
    pub fn diagnostic(
        &self,
        meta: &RuleMeta,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        let severity = self
            .settings
            .severities
            .get(&*meta.code)
            .copied()
            .unwrap_or(meta.default_severity);
        Diagnostic {
            code: meta.code.clone(),
            rule: meta.name.clone(),
            severity,
            message: message.into(),
            span,
            related: Vec::new(),
            fix: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_at_or_after;

    /// From every hint, the galloping search finds what a binary search
    /// over the whole table finds, for every byte (those between
    /// characters and those past the end included).
    #[test]
    fn galloping_search_agrees_with_binary_search() {
        let text = "一、总体要求 (2025年)\n完成5个。";
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for hint in 0..=chars.len() + 2 {
            for byte in 0..=text.len() + 1 {
                let expected = chars.partition_point(|&(at, _)| at < byte);
                assert_eq!(
                    first_at_or_after(&chars, hint, byte),
                    expected,
                    "hint {hint}, byte {byte}"
                );
            }
        }
        assert_eq!(first_at_or_after(&[], 0, 3), 0);
    }
}
