//! Running plan-lint on a text (`check --format json --fail-on never
//! --no-config -`) and deciding whether a mutant was found.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use super::mutants::Mutant;

#[derive(Clone, Debug)]
pub struct Diag {
    pub code: String,
    pub message: String,
    /// Byte ranges: the primary span, then the related ones.
    pub spans: Vec<(usize, usize)>,
    /// The text at the primary span.
    pub text: String,
}

/// Byte offset of a 1-based line and character column.
fn offset(text: &str, starts: &[usize], line: u64, column: u64) -> usize {
    let li = (line as usize).saturating_sub(1).min(starts.len() - 1);
    let s = starts[li];
    let mut col = (column as usize).saturating_sub(1);
    for (o, c) in text[s..].char_indices() {
        if col == 0 || c == '\n' {
            return s + o;
        }
        col -= 1;
    }
    text.len()
}

pub fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    v
}

fn span(text: &str, starts: &[usize], v: &Value) -> (usize, usize) {
    let pos = |p: &Value| {
        offset(
            text,
            starts,
            p["line"].as_u64().unwrap_or(1),
            p["column"].as_u64().unwrap_or(1),
        )
    };
    let a = pos(&v["start"]);
    let b = pos(&v["end"]).max(a);
    (a, b)
}

pub fn parse(text: &str, json: &[u8]) -> Vec<Diag> {
    let value: Value = serde_json::from_slice(json).expect("plan-lint's JSON output");
    let starts = line_starts(text);
    value
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|d| {
            let mut spans = vec![span(text, &starts, d)];
            for r in d["related"].as_array().into_iter().flatten() {
                spans.push(span(text, &starts, r));
            }
            Diag {
                code: d["code"].as_str().unwrap_or("").to_string(),
                message: d["message"].as_str().unwrap_or("").to_string(),
                text: text[spans[0].0..spans[0].1].to_string(),
                spans,
            }
        })
        .collect()
}

pub fn run(bin: &Path, text: &str) -> Vec<Diag> {
    let mut child = Command::new(bin)
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--no-config",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let mut stdin = child.stdin.take().unwrap();
    let input = text.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "plan-lint failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    parse(text, &out.stdout)
}

pub struct Outcome {
    pub found: bool,
    /// New diagnostics of codes other than the expected ones, and their
    /// codes.
    pub false_alarms: usize,
    pub alarm_codes: Vec<String>,
    /// The new diagnostics (for the list of misses).
    pub new: Vec<Diag>,
}

fn lines_of(starts: &[usize], (a, b): (usize, usize)) -> (usize, usize) {
    let l = |o: usize| starts.partition_point(|s| *s <= o) - 1;
    (l(a), l(b.max(a + 1) - 1).max(l(a)))
}

/// A diagnostic is new when the mutant has more diagnostics with its code
/// and the text at its span than the original had. The mutant is found when
/// a new diagnostic has one of the expected codes and one of its spans is on
/// a line of the edit or of the defect's other end.
pub fn evaluate(m: &Mutant, original: &[Diag], mutant_text: &str, diags: &[Diag]) -> Outcome {
    let mut before: HashMap<(&str, &str), usize> = HashMap::new();
    for d in original {
        *before.entry((&d.code, &d.text)).or_default() += 1;
    }
    let mut after: HashMap<(&str, &str), usize> = HashMap::new();
    for d in diags {
        *after.entry((&d.code, &d.text)).or_default() += 1;
    }
    let expected = m.kind.expected();
    let mut false_alarms = 0;
    let mut alarm_codes = Vec::new();
    for (k, n) in &after {
        let b = before.get(k).copied().unwrap_or(0);
        if *n > b && !expected.contains(&k.0) {
            false_alarms += n - b;
            alarm_codes.extend((b..*n).map(|_| k.0.to_string()));
        }
    }
    alarm_codes.sort();
    let new: Vec<Diag> = diags
        .iter()
        .filter(|d| {
            after[&(d.code.as_str(), d.text.as_str())]
                > before
                    .get(&(d.code.as_str(), d.text.as_str()))
                    .copied()
                    .unwrap_or(0)
        })
        .cloned()
        .collect();
    let starts = line_starts(mutant_text);
    let regions: Vec<(usize, usize)> = m
        .mutant_regions()
        .into_iter()
        .map(|r| lines_of(&starts, r))
        .collect();
    let found = new.iter().any(|d| {
        expected.contains(&d.code.as_str())
            && d.spans.iter().any(|&s| {
                let (a, b) = lines_of(&starts, s);
                regions.iter().any(|&(ra, rb)| a <= rb && ra <= b)
            })
    });
    Outcome {
        found,
        false_alarms,
        alarm_codes,
        new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::mutants::{Edit, Kind};

    #[test]
    fn json_positions_are_characters() {
        let text = "第一行\n甲乙丙县财政局、县财政局\n";
        let json = br#"[{"code":"R102","message":"m","start":{"line":2,"column":9},"end":{"line":2,"column":13},
            "related":[{"start":{"line":2,"column":4},"end":{"line":2,"column":8}}]}]"#;
        let d = parse(text, json);
        assert_eq!(d[0].text, "县财政局");
        assert_eq!(&text[d[0].spans[1].0..d[0].spans[1].1], "县财政局");
    }

    #[test]
    fn found_only_when_new_and_in_place() {
        let original = "一\n甲、乙\n丙\n";
        let m = Mutant {
            kind: Kind::DupClause,
            edit: Edit {
                start: original.find("乙").unwrap() + 3,
                end: original.find("乙").unwrap() + 3,
                replacement: "、甲".into(),
            },
            regions: vec![],
            note: String::new(),
        };
        let text = m.apply(original);
        let diag = |code: &str, line: u64, t: &str| Diag {
            code: code.into(),
            message: String::new(),
            spans: {
                let s = line_starts(&text)[line as usize - 1];
                vec![(s, s + 3)]
            },
            text: t.into(),
        };
        // The R102 on the edited line is new: found.
        let o = evaluate(&m, &[], &text, &[diag("R102", 2, "甲")]);
        assert!(o.found);
        // Already there before the edit: not new, not found.
        let o = evaluate(
            &m,
            &[diag("R102", 2, "甲")],
            &text,
            &[diag("R102", 2, "甲")],
        );
        assert!(!o.found);
        // Elsewhere, or another code: not found; another code is a false alarm.
        let o = evaluate(
            &m,
            &[],
            &text,
            &[diag("R102", 3, "丙"), diag("F103", 2, "甲")],
        );
        assert!(!o.found);
        assert_eq!(o.false_alarms, 1);
        assert_eq!(o.alarm_codes, ["F103"]);
    }
}
