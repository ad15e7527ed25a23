//! The real documents as Word files: each corpus text converted to .docx
//! by LibreOffice (one paragraph per line) reads back as the same text and
//! gets the same diagnostics: rule, message and paragraph (the text's line).
//!
//! The corpus comes from `PLAN_LINT_CORPUS` (see tests/common); set and
//! missing is a failure.

mod common;
mod docx_support;

use docx_support::*;

#[test]
fn corpus_as_docx_gets_the_same_diagnostics() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let dir = scratch("corpus");
    let texts: Vec<_> = common::DOCUMENTS
        .iter()
        .map(|prefix| common::corpus_file(&corpus, prefix))
        .collect();
    let refs: Vec<&std::path::Path> = texts.iter().map(|p| p.as_path()).collect();
    let docxs = convert_text(&refs, &dir);
    for (txt, docx) in texts.iter().zip(&docxs) {
        let text = std::fs::read_to_string(txt).unwrap();
        // Every paragraph ends with a line end; the files' last line has none.
        let expected = if text.ends_with('\n') {
            text.clone()
        } else {
            format!("{text}\n")
        };
        assert_eq!(extract(docx), expected, "{}", txt.display());

        let key = |d: &serde_json::Value, place: (u64, u64)| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                place,
            )
        };
        let mut from_text: Vec<_> = check_json(txt, &[])
            .iter()
            .map(|d| {
                let at = &d["start"];
                key(
                    d,
                    (at["line"].as_u64().unwrap(), at["column"].as_u64().unwrap()),
                )
            })
            .collect();
        // F107 reads where a file comes from: a .txt of web text may have
        // had its widths folded by a machine and is spared, a Word file is
        // the drafter's own. These texts are folded web text, so as .docx
        // they are typed half-width throughout: one F107 in place of F104's
        // findings of single marks, and the rest the same.
        let (f107, from_docx_json): (Vec<_>, Vec<_>) = check_json(docx, &[])
            .into_iter()
            .partition(|d| d["code"] == "F107");
        assert!(f107.len() <= 1, "{}: {f107:?}", txt.display());
        assert!(
            from_text.iter().all(|k| k.0 != "F107"),
            "{}: F107 on folded web text",
            txt.display()
        );
        let (from_docx_json, from_text) = if f107.is_empty() {
            (from_docx_json, from_text)
        } else {
            // F104 keeps only the marks F107 does not cover (quotes, …).
            let docx_f104 = from_docx_json
                .iter()
                .filter(|d| d["code"] == "F104")
                .count();
            let text_f104 = from_text.iter().filter(|k| k.0 == "F104").count();
            assert!(docx_f104 <= text_f104, "{}", txt.display());
            from_text.retain(|k| k.0 != "F104");
            let rest = from_docx_json
                .into_iter()
                .filter(|d| d["code"] != "F104")
                .collect();
            (rest, from_text)
        };
        let from_docx: Vec<_> = from_docx_json
            .iter()
            .map(|d| {
                let p = &d["paragraph"];
                key(
                    d,
                    (p["index"].as_u64().unwrap(), p["column"].as_u64().unwrap()),
                )
            })
            .collect();
        // A message naming another line (`第14行`) names it as a Word user
        // finds it in the .docx (`二、(一) 第2段`): the same up to there.
        let before_line = |m: &str| -> String {
            let cut = m
                .match_indices('第')
                .find(|(i, _)| {
                    let rest = &m[i + '第'.len_utf8()..];
                    let digits =
                        rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                    digits > 0 && rest[digits..].starts_with('行')
                })
                .map_or(m.len(), |(i, _)| i);
            m[..cut].to_string()
        };
        let cut = |keys: Vec<(String, String, String, (u64, u64))>,
                   from: &[(String, String, String, (u64, u64))]| {
            keys.into_iter()
                .zip(from)
                .map(|(mut k, t)| {
                    let prefix = before_line(&t.2);
                    if prefix.len() < t.2.len() && k.2.starts_with(&prefix) {
                        k.2 = prefix;
                    }
                    k
                })
                .collect::<Vec<_>>()
        };
        let from_text_cut: Vec<_> = from_text
            .iter()
            .map(|k| (k.0.clone(), k.1.clone(), before_line(&k.2), k.3))
            .collect();
        assert_eq!(from_docx.len(), from_text.len(), "{}", txt.display());
        assert_eq!(
            cut(from_docx, &from_text),
            from_text_cut,
            "{}",
            txt.display()
        );
        for d in &from_docx_json {
            assert_eq!(d["start"]["line"], d["paragraph"]["index"], "{d:#}");
        }
    }

    // The document with a task table, reviewed: one comment per diagnostic,
    // the text unchanged.
    let table_doc = &docxs[4];
    let reviewed = dir.join("reviewed.docx");
    let run = plan_lint()
        .args(["annotate", "--no-config"])
        .arg(table_doc)
        .arg("-o")
        .arg(&reviewed)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let diagnostics = check_json(table_doc, &[]);
    let comments = read_comments(&reviewed);
    let comments = comments.as_array().unwrap();
    assert_eq!(comments.len(), diagnostics.len());
    let text = extract(table_doc);
    for (c, d) in comments.iter().zip(&diagnostics) {
        let span = slice_lines(&text, line_col(&d["start"]), line_col(&d["end"]));
        // Anchors cover the span; across paragraphs the line ends are not
        // text in Word.
        assert_eq!(
            c["anchored"].as_str().unwrap(),
            span.replace('\n', ""),
            "{d:#}"
        );
    }
    assert_eq!(extract(&reviewed), text);
}
