//! Reviewed Word documents out: `plan-lint annotate IN.docx -o OUT.docx`
//! writes each diagnostic as a comment. Checked with readers that share
//! nothing with plan-lint: python-docx (and lxml) read the comments and
//! their anchors back, LibreOffice opens and prints the document with its
//! comments in the margin, pdftotext reads that print.

mod docx_support;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::Event;

use docx_support::*;

/// The review fixture as a .docx, made once per test.
fn review_docx(dir: &Path) -> PathBuf {
    convert(&[&fixture("review-plan.fodt")], "docx", dir).remove(0)
}

fn annotate(input: &Path, output: &Path, extra: &[&str]) -> std::process::Output {
    plan_lint()
        .arg("annotate")
        .arg(input)
        .arg("-o")
        .arg(output)
        .arg("--no-config")
        .args(extra)
        .output()
        .unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

// ── document.xml: changed only by the comment anchors ───────────────────

#[derive(Debug)]
enum XNode {
    Element { tag: String, children: Vec<XNode> },
    Text(String),
}

impl XNode {
    fn name(&self) -> &str {
        match self {
            XNode::Element { tag, .. } => tag.split(' ').next().unwrap(),
            XNode::Text(_) => "",
        }
    }

    fn attr(&self, key: &str) -> Option<String> {
        let XNode::Element { tag, .. } = self else {
            return None;
        };
        tag.split(' ')
            .find_map(|a| a.strip_prefix(&format!("{key}=")).map(str::to_string))
    }
}

/// A tree of `xml`: tags as `name a=v b=w` (attributes sorted), text
/// unescaped.
fn tree(xml: &str) -> XNode {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<(String, Vec<XNode>)> = vec![(String::new(), Vec::new())];
    let tag_of = |e: &quick_xml::events::BytesStart| {
        let mut attrs: Vec<String> = e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                format!(
                    "{}={}",
                    a.key.as_ref(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                )
            })
            .collect();
        attrs.sort();
        let mut tag = e.name().as_ref().to_string();
        for a in attrs {
            tag.push(' ');
            tag.push_str(&a);
        }
        tag
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => stack.push((tag_of(&e), Vec::new())),
            Event::Empty(e) => stack.last_mut().unwrap().1.push(XNode::Element {
                tag: tag_of(&e),
                children: Vec::new(),
            }),
            Event::End(_) => {
                let (tag, children) = stack.pop().unwrap();
                stack
                    .last_mut()
                    .unwrap()
                    .1
                    .push(XNode::Element { tag, children });
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .1
                .push(XNode::Text(t.xml10_content().into_owned())),
            Event::GeneralRef(r) => {
                let c = match r.as_ref() {
                    "amp" => "&".to_string(),
                    "lt" => "<".into(),
                    "gt" => ">".into(),
                    "quot" => "\"".into(),
                    "apos" => "'".into(),
                    _ => r.resolve_char_ref().unwrap().unwrap().to_string(),
                };
                stack.last_mut().unwrap().1.push(XNode::Text(c));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let (_, mut children) = stack.pop().unwrap();
    children.retain(|c| matches!(c, XNode::Element { .. }));
    children.pop().unwrap()
}

fn serialize(n: &XNode, out: &mut String) {
    match n {
        XNode::Element { tag, children } => {
            out.push('<');
            out.push_str(tag);
            out.push('>');
            for c in children {
                serialize(c, out);
            }
            out.push_str("</>");
        }
        XNode::Text(t) => out.push_str(t),
    }
}

/// The document as a sequence of tokens that is the same for a run split
/// in two as for the run itself, without the anchors of comments `ids`:
/// every character of text with the path of elements to it (its run's
/// start tag and properties included, the `w:t` tag left out), every other
/// element with its path.
fn canonical(n: &XNode, ids: &HashSet<String>, path: &mut Vec<String>, out: &mut Vec<String>) {
    let XNode::Element { tag, children } = n else {
        if let XNode::Text(t) = n {
            for c in t.chars() {
                out.push(format!("{}|{c}", path.join("/")));
            }
        }
        return;
    };
    let name = n.name();
    let ours = |e: &XNode| e.attr("w:id").is_some_and(|id| ids.contains(&id));
    if matches!(name, "w:commentRangeStart" | "w:commentRangeEnd") && ours(n) {
        return;
    }
    if name == "w:r" {
        let content: Vec<&XNode> = children.iter().filter(|c| c.name() != "w:rPr").collect();
        if !content.is_empty()
            && content
                .iter()
                .all(|c| c.name() == "w:commentReference" && ours(c))
        {
            return;
        }
        let mut props = String::new();
        for c in children.iter().filter(|c| c.name() == "w:rPr") {
            serialize(c, &mut props);
        }
        path.push(format!("{tag}{props}"));
        for c in content {
            canonical(c, ids, path, out);
        }
        path.pop();
        return;
    }
    if name == "w:t" {
        for c in children {
            canonical(c, ids, path, out);
        }
        return;
    }
    out.push(format!("{}/<{tag}>", path.join("/")));
    path.push(tag.clone());
    for c in children {
        canonical(c, ids, path, out);
    }
    path.pop();
}

fn comment_ids(out_parts: &BTreeMap<String, Vec<u8>>, author: &str) -> HashSet<String> {
    let comments = tree(std::str::from_utf8(&out_parts["word/comments.xml"]).unwrap());
    let XNode::Element { children, .. } = comments else {
        unreachable!()
    };
    children
        .iter()
        .filter(|c| c.attr("w:author").as_deref() == Some(author))
        .map(|c| c.attr("w:id").unwrap())
        .collect()
}

/// The package of OUT is the package of IN plus comments: other parts
/// byte for byte (compressed bytes and CRC), document.xml equal but for the
/// anchors, one relationship and one content type more.
fn assert_only_comments_added(input: &[u8], output: &[u8]) {
    let (raw_in, raw_out) = (raw_entries(input), raw_entries(output));
    let (parts_in, parts_out) = (entries(input), entries(output));
    let changed = [
        "word/document.xml",
        "word/comments.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ];
    for (name, raw) in &raw_in {
        if !changed.contains(&name.as_str()) {
            assert_eq!(Some(raw), raw_out.get(name), "{name} copied byte for byte");
        }
    }
    let names_in: Vec<&String> = raw_in.keys().collect();
    let mut names_out: Vec<&String> = raw_out.keys().collect();
    names_out.retain(|n| n.as_str() != "word/comments.xml" || raw_in.contains_key(*n));
    assert_eq!(names_in, names_out, "no part lost, none added but comments");

    let ids = comment_ids(&parts_out, "plan-lint");
    assert!(!ids.is_empty());
    let doc_in = tree(std::str::from_utf8(&parts_in["word/document.xml"]).unwrap());
    let doc_out = tree(std::str::from_utf8(&parts_out["word/document.xml"]).unwrap());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    canonical(&doc_in, &ids, &mut Vec::new(), &mut a);
    canonical(&doc_out, &ids, &mut Vec::new(), &mut b);
    if a != b {
        let at = a
            .iter()
            .zip(&b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        panic!(
            "document.xml differs beyond the comment anchors at token {at}:\n  in:  {:?}\n  out: {:?}",
            a.get(at),
            b.get(at)
        );
    }

    // Relationships and content types: the input's, plus one each.
    for (part, inserted) in [
        ("word/_rels/document.xml.rels", "relationships/comments\""),
        ("[Content_Types].xml", "comments+xml\""),
    ] {
        let before = String::from_utf8(parts_in[part].clone()).unwrap();
        let after = String::from_utf8(parts_out[part].clone()).unwrap();
        if before.contains(inserted) {
            assert_eq!(before, after, "{part}");
            continue;
        }
        let start = after[..after.find(inserted).unwrap()].rfind('<').unwrap();
        let end = start + after[start..].find("/>").unwrap() + 2;
        assert_eq!(
            format!("{}{}", &after[..start], &after[end..]),
            before,
            "{part} changed only by the new entry"
        );
    }
}

// ── the tests ────────────────────────────────────────────────────────────

#[test]
fn comments_are_anchored_on_each_diagnostic() {
    let dir = scratch("annotate");
    let input = review_docx(&dir);
    let output = dir.join("reviewed.docx");
    let diagnostics = check_json(&input, &[]);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for code in ["W103", "F103", "R102", "R103", "T101"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let run = annotate(&input, &output, &[]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run.stderr)
            .contains(&format!("wrote {} comment(s)", diagnostics.len()))
    );

    // python-docx reads them back, in the order of the diagnostics.
    let text = extract(&input);
    let comments = read_comments(&output);
    let comments = comments.as_array().unwrap();
    assert_eq!(comments.len(), diagnostics.len());
    for (c, d) in comments.iter().zip(&diagnostics) {
        assert_eq!(c["author"], "plan-lint");
        assert_eq!(c["initials"], "PL");
        assert_eq!(c["referenced"], true, "{c:#}");
        let body = c["text"].as_str().unwrap();
        let message = d["message"].as_str().unwrap();
        assert!(
            body.starts_with(message),
            "{body:?} starts with {message:?}"
        );
        assert!(body.contains(&format!(
            "plan-lint {} {}",
            d["code"].as_str().unwrap(),
            d["rule"].as_str().unwrap()
        )));
        for r in d["related"].as_array().unwrap() {
            assert!(
                body.contains(&format!("第{}段", r["paragraph"]["index_under"])),
                "related place named in {body:?}"
            );
            assert!(body.contains(r["message"].as_str().unwrap()));
        }
        if let Some(fix) = d["fix"]["message"].as_str() {
            assert!(body.contains(&format!("修复: {fix}")));
        }
        // Anchored on exactly the diagnostic's span.
        let span = slice_lines(&text, line_col(&d["start"]), line_col(&d["end"]));
        assert_eq!(c["anchored"].as_str(), Some(span.as_str()), "{d:#}");
    }

    // The text is untouched; the package is the input plus comments.
    assert_eq!(extract(&output), text);
    assert_only_comments_added(
        &std::fs::read(&input).unwrap(),
        &std::fs::read(&output).unwrap(),
    );

    // LibreOffice opens it and prints the comments in the margin.
    let pdf = print_to_pdf(&output, &dir);
    let printed = squeeze(&pdf_text(&pdf));
    assert!(printed.contains(&squeeze("某县推进消费品以旧换新工作实施方案")));
    for d in &diagnostics {
        let message = squeeze(d["message"].as_str().unwrap());
        assert!(
            printed.contains(&message),
            "the printed page shows the comment {message:?}:\n{printed}"
        );
    }
    // One page as a picture (docs/screenshots/annotate-page1.png is this,
    // written when PLAN_LINT_UPDATE_SCREENSHOT is set).
    let png_base = dir.join("page");
    let status = std::process::Command::new(tool("pdftoppm"))
        .args(["-png", "-r", "80", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png_base)
        .status()
        .unwrap();
    assert!(status.success());
    let png = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "png")
                && p.file_name().unwrap().to_string_lossy().starts_with("page")
        })
        .expect("pdftoppm wrote a page");
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    if std::env::var_os("PLAN_LINT_UPDATE_SCREENSHOT").is_some() {
        let target = repo().join("docs/screenshots/annotate-page1.png");
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&png, &target).unwrap();
    }
}

#[test]
fn min_severity_chooses_what_is_written() {
    let dir = scratch("min-severity");
    let input = review_docx(&dir);
    let diagnostics = check_json(&input, &[]);
    for (level, allowed) in [
        ("error", &["error"][..]),
        ("warning", &["error", "warning"][..]),
        ("info", &["error", "warning", "info"][..]),
    ] {
        let output = dir.join(format!("{level}.docx"));
        let run = annotate(&input, &output, &["--min-severity", level]);
        assert!(run.status.success());
        let expected: Vec<&str> = diagnostics
            .iter()
            .filter(|d| allowed.contains(&d["severity"].as_str().unwrap()))
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        let comments = read_comments(&output);
        let got: Vec<String> = comments
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                c["text"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(got, expected, "--min-severity {level}");
    }
    // Selection works as in `check`.
    let output = dir.join("r102.docx");
    assert!(
        annotate(&input, &output, &["--select", "R102"])
            .status
            .success()
    );
    assert_eq!(read_comments(&output).as_array().unwrap().len(), 1);
}

#[test]
fn existing_comments_are_kept() {
    let dir = scratch("existing");
    let input = review_docx(&dir);
    let once = dir.join("once.docx");
    let twice = dir.join("twice.docx");
    assert!(annotate(&input, &once, &[]).status.success());
    assert!(annotate(&once, &twice, &[]).status.success());
    let first = read_comments(&once);
    let second = read_comments(&twice);
    let (first, second) = (first.as_array().unwrap(), second.as_array().unwrap());
    assert_eq!(second.len(), 2 * first.len());
    // The first review's comments are there as they were, anchors included.
    assert_eq!(&second[..first.len()], &first[..]);
    let ids: HashSet<&str> = second.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), second.len(), "comment ids are unique");
    // comments.xml grew at its end; its old content is byte for byte there.
    let old =
        String::from_utf8(entries(&std::fs::read(&once).unwrap())["word/comments.xml"].clone())
            .unwrap();
    let new =
        String::from_utf8(entries(&std::fs::read(&twice).unwrap())["word/comments.xml"].clone())
            .unwrap();
    let head = old.trim_end().strip_suffix("</w:comments>").unwrap();
    assert!(new.starts_with(head));
    assert_eq!(extract(&twice), extract(&input));
}

#[test]
fn never_a_partial_output() {
    let dir = scratch("atomic");
    let input = review_docx(&dir);
    let bytes = std::fs::read(&input).unwrap();

    // A damaged input: nothing written, an existing output untouched.
    let damaged = dir.join("damaged.docx");
    std::fs::write(&damaged, &bytes[..bytes.len() / 3]).unwrap();
    let output = dir.join("out.docx");
    std::fs::write(&output, b"previous review").unwrap();
    let run = annotate(&damaged, &output, &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("damaged.docx"));
    assert_eq!(std::fs::read(&output).unwrap(), b"previous review");

    // An output folder that does not exist: an error naming the output.
    let nowhere = dir.join("no-such-folder/out.docx");
    let run = annotate(&input, &nowhere, &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no-such-folder"));
    assert!(!nowhere.exists());

    // In place: the input replaced by the reviewed copy, no temporary
    // file left beside it.
    let in_place = dir.join("in-place.docx");
    std::fs::copy(&input, &in_place).unwrap();
    let run = annotate(&in_place, &in_place, &[]);
    assert!(run.status.success());
    assert!(!read_comments(&in_place).as_array().unwrap().is_empty());
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A text file cannot be annotated.
    let txt = dir.join("plan.txt");
    std::fs::write(&txt, "一、总体要求\n").unwrap();
    let run = annotate(&txt, &dir.join("x.docx"), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(!dir.join("x.docx").exists());
}

/// The comparison above is not blind: a split run with anchors compares
/// equal, a changed character or property does not.
#[test]
fn canonical_form_sees_real_changes() {
    let ids: HashSet<String> = ["7".to_string()].into();
    let canon = |xml: &str| {
        let mut out = Vec::new();
        canonical(&tree(xml), &ids, &mut Vec::new(), &mut out);
        out
    };
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let original = format!(
        r#"<w:document {w}><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>县财政局</w:t></w:r></w:p></w:body></w:document>"#
    );
    let split = format!(
        r#"<w:document {w}><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>县</w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">财政</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>局</w:t></w:r></w:p></w:body></w:document>"#
    );
    assert_eq!(canon(&original), canon(&split));
    let changed_text = split.replace("财政", "财务");
    assert_ne!(canon(&original), canon(&changed_text));
    let changed_props = split.replacen("<w:b/>", "<w:i/>", 1);
    assert_ne!(canon(&original), canon(&changed_props));
    let foreign_anchor = split.replace("w:id=\"7\"", "w:id=\"8\"");
    assert_ne!(canon(&original), canon(&foreign_anchor));
}
