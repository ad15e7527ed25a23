//! Baselines: accepted diagnostics recorded outside the document.
//!
//! A 公文 cannot carry suppression comments, so accepted findings are
//! recorded in a baseline file and hidden on later runs. An entry is keyed
//! by the file, the rule and the *text* involved (the primary span and the
//! line around it, white space removed), never by line numbers: edits
//! elsewhere in the document do not break it.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use plan_lint_core::source::Source;
use plan_lint_rules::diagnostic::Diagnostic;

/// The baseline file format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// One accepted diagnostic (or several identical ones: `count`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub code: String,
    pub rule: String,
    /// The text of the primary span, white space removed.
    pub text: String,
    /// The text of the primary span's line, white space removed.
    pub context: String,
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

fn normalise(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The key of a diagnostic in `source`, filed under `file`.
pub fn entry_for(file: &str, source: &Source, d: &Diagnostic) -> Entry {
    let text = source.slice(d.span).unwrap_or("");
    let line = source.line_of(d.span.start);
    Entry {
        file: file.to_string(),
        code: d.code.to_string(),
        rule: d.rule.to_string(),
        text: normalise(text),
        context: normalise(source.line_text(line)),
        count: 1,
    }
}

impl Baseline {
    pub const VERSION: u32 = 1;

    /// A baseline of these diagnostics, identical ones counted.
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Baseline {
        let mut counts: HashMap<Entry, usize> = HashMap::new();
        for entry in entries {
            *counts.entry(Entry { count: 1, ..entry }).or_default() += 1;
        }
        let mut entries: Vec<Entry> = counts
            .into_iter()
            .map(|(entry, count)| Entry { count, ..entry })
            .collect();
        entries.sort();
        Baseline {
            version: Baseline::VERSION,
            entries,
        }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a plan-lint baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if baseline.version != Baseline::VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {})",
                path.display(),
                baseline.version,
                Baseline::VERSION
            ));
        }
        Ok(baseline)
    }

    /// Writes the baseline atomically: to a temporary file next to `path`,
    /// then renamed over it, so a failure never leaves half a file.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let json = serde_json::to_string_pretty(self).expect("a baseline serialises");
        write_atomically(path, format!("{json}\n").as_bytes())
            .map_err(|e| format!("{}: cannot write baseline: {e}", path.display()))
    }

    /// A filter that hides baselined diagnostics, each entry at most
    /// `count` times.
    pub fn filter(&self) -> BaselineFilter {
        let mut remaining = HashMap::new();
        for entry in &self.entries {
            *remaining
                .entry(Entry {
                    count: 1,
                    ..entry.clone()
                })
                .or_insert(0) += entry.count;
        }
        BaselineFilter {
            remaining,
            hidden: 0,
        }
    }
}

/// Hides diagnostics recorded in a baseline and counts them.
pub struct BaselineFilter {
    remaining: HashMap<Entry, usize>,
    pub hidden: usize,
}

impl BaselineFilter {
    /// Whether the diagnostic is in the baseline (and uses up one entry).
    pub fn hides(&mut self, entry: &Entry) -> bool {
        match self.remaining.get_mut(entry) {
            Some(n) if *n > 0 => {
                *n -= 1;
                self.hidden += 1;
                true
            }
            _ => false,
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("plan-lint");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use plan_lint_core::Span;
    use plan_lint_rules::diagnostic::Severity;

    fn diagnostic(span: Span) -> Diagnostic {
        Diagnostic {
            code: "R102".into(),
            rule: "duplicate-unit".into(),
            severity: Severity::Error,
            message: "m".into(),
            span,
            related: vec![],
            fix: None,
        }
    }

    #[test]
    fn entries_survive_edits_elsewhere() {
        let before = Source::new(
            "a.txt",
            "一、目标\n市防办牵头,市水利局、市水利局等配合。\n".into(),
        );
        let at = before.text().rfind("市水利局").unwrap();
        let entry = entry_for("a.txt", &before, &diagnostic(Span::new(at, at + 12)));
        let baseline = Baseline::from_entries([entry]);

        let after = Source::new(
            "a.txt",
            "一、目标\n新增的一段文字。\n市防办牵头,市水利局、市水利局等配合。\n".into(),
        );
        let at = after.text().rfind("市水利局").unwrap();
        let moved = entry_for("a.txt", &after, &diagnostic(Span::new(at, at + 12)));
        let mut filter = baseline.filter();
        assert!(filter.hides(&moved));
        assert!(!filter.hides(&moved), "one entry hides one diagnostic");
        assert_eq!(filter.hidden, 1);
    }

    #[test]
    fn round_trip_through_a_file() {
        let dir = std::env::temp_dir().join(format!("plan-lint-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("baseline.json");
        let source = Source::new("a.txt", "市防办牵头\n".into());
        let baseline =
            Baseline::from_entries([entry_for("a.txt", &source, &diagnostic(Span::new(0, 9)))]);
        baseline.save(&path).unwrap();
        assert_eq!(Baseline::load(&path).unwrap(), baseline);
        std::fs::write(&path, "{\"version\": 1, \"entries\": [}").unwrap();
        let error = Baseline::load(&path).unwrap_err();
        assert!(error.contains("baseline.json:1:"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
