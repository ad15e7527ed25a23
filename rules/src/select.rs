//! Choosing rules by code, code prefix or name (`--select T`, `R1`,
//! `duplicate-unit`), as `select` / `ignore` in the configuration.

use std::fmt;
use std::sync::Arc;

use crate::rule::Rule;
use crate::rules::ALL;

/// A parsed rule selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// `ALL`: every rule.
    All,
    /// A code or a code prefix: `T101`, `T10`, `T`.
    Code(String),
    /// A rule name: `conflicting-target`.
    Name(String),
}

/// A selector that matches no rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule {
    pub given: String,
    /// The codes and names of the rules that could have been meant.
    pub codes: Vec<String>,
    pub names: Vec<String>,
}

impl UnknownRule {
    /// An unknown rule among the built-in rules.
    pub fn new(given: impl Into<String>) -> UnknownRule {
        UnknownRule::among(given, &ALL)
    }

    /// An unknown rule among `universe` (built-in and pack rules).
    pub fn among(given: impl Into<String>, universe: &[Arc<dyn Rule>]) -> UnknownRule {
        UnknownRule {
            given: given.into(),
            codes: universe.iter().map(|r| r.meta().code.to_string()).collect(),
            names: universe.iter().map(|r| r.meta().name.to_string()).collect(),
        }
    }
}

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefixes: std::collections::BTreeSet<&str> = self
            .codes
            .iter()
            .map(|c| c.trim_end_matches(|ch: char| ch.is_ascii_digit()))
            .collect();
        write!(
            f,
            "unknown rule `{}`: expected ALL, a rule code ({}), a code prefix ({}) or a rule name ({})",
            self.given,
            self.codes.join(", "),
            prefixes.into_iter().collect::<Vec<_>>().join(", "),
            self.names.join(", "),
        )
    }
}

impl std::error::Error for UnknownRule {}

impl Selector {
    /// Parses a selector against the built-in rules.
    pub fn parse(text: &str) -> Result<Selector, UnknownRule> {
        Selector::parse_in(text, &ALL)
    }

    /// Parses a selector against `universe` (built-in and pack rules).
    pub fn parse_in(text: &str, universe: &[Arc<dyn Rule>]) -> Result<Selector, UnknownRule> {
        let trimmed = text.trim();
        if trimmed.eq_ignore_ascii_case("all") {
            return Ok(Selector::All);
        }
        if let Some(rule) = universe.iter().find(|r| r.meta().name == trimmed) {
            return Ok(Selector::Name(rule.meta().name.to_string()));
        }
        let upper = trimmed.to_ascii_uppercase();
        if !upper.is_empty() && universe.iter().any(|r| r.meta().code.starts_with(&upper)) {
            return Ok(Selector::Code(upper));
        }
        Err(UnknownRule::among(text, universe))
    }

    pub fn matches(&self, rule: &dyn Rule) -> bool {
        let meta = rule.meta();
        match self {
            Selector::All => true,
            Selector::Code(prefix) => meta.code.starts_with(prefix.as_str()),
            Selector::Name(name) => meta.name == name.as_str(),
        }
    }

    /// How specific the selector is: a longer code prefix or a name wins
    /// over a shorter prefix when select and ignore disagree.
    fn specificity(&self) -> usize {
        match self {
            Selector::All => 0,
            Selector::Code(prefix) => prefix.len(),
            Selector::Name(_) => usize::MAX,
        }
    }
}

/// The rules enabled by `select` (all when empty) minus `ignore`. When a
/// rule is matched by both, the more specific selector decides, as in ruff.
pub fn enabled_rules(select: &[Selector], ignore: &[Selector]) -> Vec<Arc<dyn Rule>> {
    enabled_rules_in(&ALL, select, ignore)
}

/// [`enabled_rules`] over a given universe of rules.
pub fn enabled_rules_in(
    universe: &[Arc<dyn Rule>],
    select: &[Selector],
    ignore: &[Selector],
) -> Vec<Arc<dyn Rule>> {
    universe
        .iter()
        .filter(|rule| {
            let best = |list: &[Selector]| {
                list.iter()
                    .filter(|s| s.matches(rule.as_ref()))
                    .map(Selector::specificity)
                    .max()
            };
            let selected = if select.is_empty() {
                Some(0)
            } else {
                best(select)
            };
            match (selected, best(ignore)) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(s), Some(i)) => s > i,
            }
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(rules: &[Arc<dyn Rule>]) -> Vec<String> {
        rules.iter().map(|r| r.meta().code.to_string()).collect()
    }

    #[test]
    fn prefixes_codes_and_names() {
        let t = Selector::parse("T").unwrap();
        let all = enabled_rules(&[t], &[]);
        assert_eq!(codes(&all), ["T101", "T102", "T103"]);
        let r1 = Selector::parse("r1").unwrap();
        assert_eq!(enabled_rules(&[r1], &[]).len(), 5);
        let name = Selector::parse("duplicate-unit").unwrap();
        assert_eq!(codes(&enabled_rules(&[name], &[])), ["R102"]);
    }

    #[test]
    fn the_more_specific_selector_wins() {
        let select = [Selector::parse("T").unwrap()];
        let ignore = [Selector::parse("T102").unwrap()];
        assert_eq!(codes(&enabled_rules(&select, &ignore)), ["T101", "T103"]);
        let select = [Selector::parse("T101").unwrap()];
        let ignore = [Selector::parse("T").unwrap()];
        assert_eq!(codes(&enabled_rules(&select, &ignore)), ["T101"]);
    }

    #[test]
    fn unknown_rules_name_the_choices() {
        let error = Selector::parse("X999").unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("X999")
                && message.contains("T101")
                && message.contains("conflicting-target")
        );
        assert!(Selector::parse("conflicting").is_err());
    }
}
