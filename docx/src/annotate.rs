//! Writing comments (批注) into a copy of the package.
//!
//! The main document part changes only where a comment is anchored: a
//! `w:commentRangeStart` before the first character, a `w:commentRangeEnd`
//! and a run holding the `w:commentReference` after the last, with a run
//! split in two where the span starts or ends inside it. The comments go
//! into the comments part (created, with its relationship and content
//! type, when the document has none; existing comments are kept). Every
//! other part is copied byte for byte, compressed data included.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use crate::extract::{Origin, RunInfo};
use crate::package::{self, Package, REL_COMMENTS};
use crate::xml::{self, Element};
use crate::{Comment, Docx, DocxError};

const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const STRICT_W: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// A place in document.xml where anchors go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Site {
    /// Inside or at the edges of a run, at a character.
    Run(usize),
    /// A fixed byte between elements of a paragraph.
    Byte(usize),
    /// A `<w:p/>` that has to be opened up.
    EmptyPara(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    End,
    Both,
    Start,
}

/// An anchor: what it is, of which comment.
type Anchor = (Kind, u32);
/// Anchors at the characters of one site.
type PointsAt = Vec<(usize, Vec<Anchor>)>;

#[derive(Debug, Clone, Copy)]
struct Point {
    site: Site,
    /// Character within the run (for `Site::Run`).
    offset: usize,
}

impl Point {
    /// A key ordering points by document position.
    fn key(&self, runs: &[RunInfo], paras: &[crate::extract::ParaXml]) -> (usize, usize) {
        match self.site {
            Site::Run(r) if self.offset == 0 => (runs[r].start, 0),
            Site::Run(r) if self.offset >= runs[r].chars => (runs[r].end, 0),
            Site::Run(r) => (runs[r].start, self.offset),
            Site::Byte(b) => (b, 0),
            Site::EmptyPara(p) => (paras[p].start, 0),
        }
    }
}

struct Names {
    /// The prefix that binds WordprocessingML in document.xml, and an
    /// `xmlns:w` declaration to add to inserted elements when it is not `w`.
    decl: String,
}

impl Names {
    fn for_root(root: &Element, w_uri: &str) -> Names {
        let decl = if root.prefix() == "w" && root.ns == xml::Ns::W {
            String::new()
        } else {
            format!(" xmlns:w=\"{w_uri}\"")
        };
        Names { decl }
    }

    fn start(&self, id: u32) -> String {
        format!("<w:commentRangeStart{} w:id=\"{id}\"/>", self.decl)
    }

    fn end(&self, id: u32) -> String {
        format!(
            "<w:commentRangeEnd{d} w:id=\"{id}\"/><w:r{d}><w:commentReference w:id=\"{id}\"/></w:r>",
            d = self.decl
        )
    }
}

fn anchors_xml(names: &Names, anchors: &mut [(Kind, u32)]) -> String {
    // Ends first (innermost first), then empty ranges, then starts.
    anchors.sort_by(|a, b| {
        a.0.cmp(&b.0).then(match a.0 {
            Kind::End => b.1.cmp(&a.1),
            _ => a.1.cmp(&b.1),
        })
    });
    let mut out = String::new();
    for (kind, id) in anchors.iter() {
        match kind {
            Kind::Start => out.push_str(&names.start(*id)),
            Kind::End => out.push_str(&names.end(*id)),
            Kind::Both => {
                out.push_str(&names.start(*id));
                out.push_str(&names.end(*id));
            }
        }
    }
    out
}

/// The byte offset into `raw` (a w:t's content) of character `n`.
fn raw_split(raw: &str, n: usize) -> usize {
    xml::text_chars(raw, false)
        .get(n)
        .map_or(raw.len(), |(i, _)| *i)
}

/// Run `r` rewritten with anchors at the given characters (0 is before the
/// run, `chars` after it), split where a point falls inside it.
fn split_run(
    xml_text: &str,
    run: &RunInfo,
    points: &mut [(usize, Vec<(Kind, u32)>)],
    names: &Names,
) -> String {
    points.sort_by_key(|p| p.0);
    let open = {
        let mut s = xml_text[run.start_tag.clone()].to_string();
        if let Some(rpr) = &run.rpr {
            s.push_str(&xml_text[rpr.clone()]);
        }
        s
    };
    let close = &xml_text[run.end_tag.clone()];
    let mut out = String::new();
    let mut i = 0;
    while i < points.len() && points[i].0 == 0 {
        out.push_str(&anchors_xml(names, &mut points[i].1));
        i += 1;
    }
    // The original start tag and properties, then the children.
    out.push_str(&xml_text[run.start..run.start_tag.end]);
    let mut cursor = run.start_tag.end;
    let mut acc = 0;
    for child in &run.children {
        // Whatever sits between children (w:rPr, white space) is kept.
        out.push_str(&xml_text[cursor..child.range.start]);
        cursor = child.range.end;
        let inside: Vec<usize> = (i..points.len())
            .take_while(|&k| points[k].0 < acc + child.chars)
            .filter(|&k| points[k].0 > acc)
            .collect();
        match (&child.text, inside.is_empty()) {
            (Some(t), false) => {
                let raw = &xml_text[t.content.clone()];
                let start_tag = &xml_text[t.start_tag.clone()];
                let end_tag = &xml_text[t.end_tag.clone()];
                // The original tag, keeping white space at the cut.
                let preserve = format!(
                    "{} xml:space=\"preserve\">",
                    start_tag.trim_end_matches('>').trim_end()
                );
                let chars: Vec<char> = xml::text_chars(raw, t.has_cdata)
                    .into_iter()
                    .map(|(_, c)| c)
                    .collect();
                let mut from = 0;
                let piece = |a: usize, b: usize| -> String {
                    if t.has_cdata {
                        xml::escape(&chars[a..b].iter().collect::<String>())
                    } else {
                        raw[raw_split(raw, a)..raw_split(raw, b)].to_string()
                    }
                };
                let tag_for = |s: &[char]| -> String {
                    let needs = s.first().is_some_and(|c| c.is_whitespace())
                        || s.last().is_some_and(|c| c.is_whitespace());
                    if needs && !start_tag.contains("preserve") {
                        preserve.clone()
                    } else {
                        start_tag.to_string()
                    }
                };
                for k in inside {
                    let at = points[k].0 - acc;
                    out.push_str(&tag_for(&chars[from..at]));
                    out.push_str(&piece(from, at));
                    out.push_str(end_tag);
                    out.push_str(close);
                    out.push_str(&anchors_xml(names, &mut points[k].1));
                    out.push_str(&open);
                    from = at;
                    i = k + 1;
                }
                out.push_str(&tag_for(&chars[from..]));
                out.push_str(&piece(from, chars.len()));
                out.push_str(end_tag);
            }
            _ => out.push_str(&xml_text[child.range.clone()]),
        }
        acc += child.chars;
        // A point between two children of the run.
        while i < points.len() && points[i].0 == acc && acc < run.chars && acc > 0 {
            out.push_str(close);
            out.push_str(&anchors_xml(names, &mut points[i].1));
            out.push_str(&open);
            i += 1;
        }
    }
    out.push_str(&xml_text[cursor..run.end]);
    while i < points.len() {
        out.push_str(&anchors_xml(names, &mut points[i].1));
        i += 1;
    }
    out
}

/// The largest numeric `w:id` in a tree (comments, bookmarks and revisions
/// share one space of ids in Word's eyes: new ids start above all of them).
fn max_id(e: &Element, max: &mut u32) {
    if let Some(id) = e.attr("id").and_then(|v| v.parse::<u32>().ok()) {
        *max = (*max).max(id);
    }
    for c in e.elements() {
        max_id(c, max);
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for `at` (seconds since 1970), else for
/// `SOURCE_DATE_EPOCH`, else for now. A browser gives `at`: there the
/// standard library has no clock (`SystemTime::now` panics on
/// wasm32-unknown-unknown).
fn timestamp(at: Option<i64>) -> String {
    let secs = at
        .or_else(|| {
            std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.parse::<i64>().ok())
        })
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

fn comment_xml(id: u32, comment: &Comment, date: &str, decl: &str) -> String {
    let mut out = format!(
        "<w:comment{decl} w:id=\"{id}\" w:author=\"{}\" w:date=\"{date}\" w:initials=\"{}\">",
        xml::escape(&comment.author),
        xml::escape(&comment.initials)
    );
    let paragraphs: Vec<&str> = if comment.paragraphs.is_empty() {
        vec![""]
    } else {
        comment.paragraphs.iter().map(String::as_str).collect()
    };
    for (i, text) in paragraphs.iter().enumerate() {
        out.push_str("<w:p>");
        if i == 0 {
            out.push_str("<w:r><w:annotationRef/></w:r>");
        }
        out.push_str("<w:r><w:t xml:space=\"preserve\">");
        out.push_str(&xml::escape(text));
        out.push_str("</w:t></w:r></w:p>");
    }
    out.push_str("</w:comment>");
    out
}

/// Inserts `insert` just before the end tag of `root` (opening it up when
/// it is written `<x/>`).
fn append_to_root(text: &str, root: &Element, insert: &str) -> String {
    if root.empty {
        let open = text[root.start..root.end].trim_end_matches("/>").trim_end();
        format!(
            "{}{open}>{insert}</{}>{}",
            &text[..root.start],
            root.qname,
            &text[root.end..]
        )
    } else {
        format!(
            "{}{insert}{}",
            &text[..root.end_tag_start],
            &text[root.end_tag_start..]
        )
    }
}

pub(crate) fn annotate(
    docx: &Docx,
    comments: &[Comment],
    at: Option<i64>,
) -> Result<Vec<u8>, DocxError> {
    let pkg: &Package = &docx.package;
    let ex = &docx.extracted;
    let xml_text = docx.document_xml.as_str();
    let root = &docx.document_root;
    let w_uri = root
        .ns_uri
        .clone()
        .filter(|_| root.ns == xml::Ns::W)
        .unwrap_or_else(|| "http://schemas.openxmlformats.org/wordprocessingml/2006/main".into());
    let strict = w_uri == STRICT_W;
    let names = Names::for_root(root, &w_uri);
    let main = docx.main_part.as_str();

    // The comments part: the related one, else a new word/comments.xml.
    let rels_part = package::rels_name(main);
    let rels = pkg.relationships(main)?;
    let existing = rels
        .iter()
        .find(|r| r.is(REL_COMMENTS))
        .and_then(|r| r.target.clone())
        .filter(|t| pkg.entry_name(t).is_some());
    let comments_existing = match &existing {
        Some(part) => pkg.read_xml(part)?,
        None => None,
    };
    let mut next_id = 0u32;
    max_id(root, &mut next_id);
    if let Some((_, c)) = &comments_existing {
        max_id(c, &mut next_id);
    }
    let first_id = next_id + 1;

    // Anchor points of every comment.
    let point = |byte: usize, end: bool| -> Option<Point> {
        let seg = if end {
            ex.map.segment_before(byte)?
        } else {
            ex.map.segment_at(byte)?
        };
        let para = &ex.paras[seg.para];
        let fixed = |at_end: bool| {
            if para.empty {
                Site::EmptyPara(seg.para)
            } else if at_end {
                Site::Byte(para.content_end)
            } else {
                Site::Byte(para.content_start)
            }
        };
        Some(match seg.origin {
            Origin::Run { run, offset } => {
                let b = byte.clamp(seg.text.start, seg.text.end);
                let n = ex
                    .text
                    .get(seg.text.start..b)
                    .map_or(0, |s| s.chars().count());
                Point {
                    site: Site::Run(run),
                    offset: offset + n,
                }
            }
            Origin::ParaStart => Point {
                site: fixed(false),
                offset: 0,
            },
            Origin::ParaEnd => Point {
                site: fixed(true),
                offset: 0,
            },
        })
    };
    let mut at_sites: BTreeMap<Site, PointsAt> = BTreeMap::new();
    let mut add = |p: Point, kind: Kind, id: u32| {
        let list = at_sites.entry(p.site).or_default();
        match list.iter_mut().find(|(o, _)| *o == p.offset) {
            Some((_, anchors)) => anchors.push((kind, id)),
            None => list.push((p.offset, vec![(kind, id)])),
        }
    };
    let mut comments_xml = String::new();
    let date = timestamp(at);
    let comment_decl = match &comments_existing {
        Some((_, c)) if c.prefix() == "w" && c.ns == xml::Ns::W => String::new(),
        Some(_) => format!(" xmlns:w=\"{w_uri}\""),
        None => String::new(),
    };
    for (i, c) in comments.iter().enumerate() {
        let id = first_id + i as u32;
        let start = c.span.start.min(ex.text.len());
        let end = c.span.end.clamp(start, ex.text.len());
        let Some(s) = point(start, false) else {
            continue;
        };
        let mut e = if end > start {
            point(end, true).unwrap_or(s)
        } else {
            s
        };
        // A span inside the numbering: the whole paragraph.
        if let (Site::Byte(a), Site::Byte(b)) = (s.site, e.site)
            && a == b
            && end > start
            && let Some(seg) = ex.map.segment_at(start)
            && seg.origin == Origin::ParaStart
        {
            let para = &ex.paras[seg.para];
            e.site = Site::Byte(para.content_end);
        }
        let (ks, ke) = (s.key(&ex.runs, &ex.paras), e.key(&ex.runs, &ex.paras));
        if ke < ks {
            e = s;
        }
        let empty = ks == ke || (s.site == e.site && s.offset == e.offset);
        if empty {
            add(s, Kind::Both, id);
        } else {
            add(s, Kind::Start, id);
            add(e, Kind::End, id);
        }
        comments_xml.push_str(&comment_xml(id, c, &date, &comment_decl));
    }

    // Edit document.xml: replace runs, open empty paragraphs, insert at bytes.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (site, mut points) in at_sites {
        match site {
            Site::Run(r) => {
                let run = &ex.runs[r];
                edits.push((
                    run.start,
                    run.end,
                    split_run(xml_text, run, &mut points, &names),
                ));
            }
            Site::Byte(b) => {
                let mut all: Vec<(Kind, u32)> = points.into_iter().flat_map(|p| p.1).collect();
                edits.push((b, b, anchors_xml(&names, &mut all)));
            }
            Site::EmptyPara(p) => {
                let para = &ex.paras[p];
                let mut all: Vec<(Kind, u32)> = points.into_iter().flat_map(|p| p.1).collect();
                let open = xml_text[para.start..para.end]
                    .trim_end_matches("/>")
                    .trim_end();
                let qname = open[1..]
                    .split(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("w:p");
                edits.push((
                    para.start,
                    para.end,
                    format!("{open}>{}</{qname}>", anchors_xml(&names, &mut all)),
                ));
            }
        }
    }
    edits.sort_by_key(|e| (e.0, e.1));
    let mut new_document = String::with_capacity(xml_text.len() + edits.len() * 160);
    let mut cursor = 0;
    for (start, end, replacement) in &edits {
        let start = (*start).max(cursor);
        new_document.push_str(&xml_text[cursor..start]);
        new_document.push_str(replacement);
        cursor = (*end).max(start);
    }
    new_document.push_str(&xml_text[cursor..]);

    // The comments part, its relationship and its content type.
    let mut replaced: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut added: Vec<(String, Vec<u8>)> = Vec::new();
    let main_entry = pkg.entry_name(main).unwrap_or(main).to_string();
    replaced.insert(main_entry, docx.reencode(new_document));
    match (&existing, &comments_existing) {
        (Some(part), Some((text, croot))) => {
            let entry = pkg.entry_name(part).unwrap_or(part).to_string();
            let new_text = append_to_root(text, croot, &comments_xml);
            replaced.insert(entry, new_text.into_bytes());
        }
        _ => {
            let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
            let mut name = "comments.xml".to_string();
            let mut n = 1;
            let full = |name: &str| {
                if dir.is_empty() {
                    name.to_string()
                } else {
                    format!("{dir}/{name}")
                }
            };
            while pkg.entry_name(&full(&name)).is_some() {
                n += 1;
                name = format!("comments{n}.xml");
            }
            let part = full(&name);
            let text = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{w_uri}\">{comments_xml}</w:comments>"
            );
            added.push((part.clone(), text.into_bytes()));

            // Relationship.
            let rel_type = if strict {
                "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
            } else {
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
            };
            let mut n = rels.len() + 1;
            while rels.iter().any(|r| r.id == format!("rId{n}")) {
                n += 1;
            }
            let rel =
                format!("<Relationship Id=\"rId{n}\" Type=\"{rel_type}\" Target=\"{name}\"/>");
            match pkg.read_xml(&rels_part)? {
                Some((text, rroot)) => {
                    let entry = pkg.entry_name(&rels_part).unwrap_or(&rels_part).to_string();
                    replaced.insert(entry, append_to_root(&text, &rroot, &rel).into_bytes());
                }
                None => added.push((
                    rels_part.clone(),
                    format!(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rel}</Relationships>"
                    )
                    .into_bytes(),
                )),
            }

            // Content type.
            let (ct_text, ct_root) =
                pkg.read_xml("[Content_Types].xml")?
                    .ok_or_else(|| DocxError::Corrupt {
                        part: Some("[Content_Types].xml".into()),
                        reason: "missing".into(),
                    })?;
            let part_name = format!("/{part}");
            let has_override = ct_root.elements().any(|e| {
                e.name == "Override"
                    && e.attr("PartName")
                        .is_some_and(|p| p.eq_ignore_ascii_case(&part_name))
            });
            if !has_override {
                let entry = pkg
                    .entry_name("[Content_Types].xml")
                    .unwrap_or("[Content_Types].xml")
                    .to_string();
                let o = format!(
                    "<Override PartName=\"{part_name}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>"
                );
                replaced.insert(entry, append_to_root(&ct_text, &ct_root, &o).into_bytes());
            }
        }
    }
    write_package(pkg, &replaced, &added)
}

/// A copy of the package: `replaced` parts get new content, `added` parts
/// are appended, every other entry is copied raw (its compressed bytes).
fn write_package(
    pkg: &Package,
    replaced: &BTreeMap<String, Vec<u8>>,
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, DocxError> {
    let corrupt = |e: zip::result::ZipError| DocxError::Corrupt {
        part: None,
        reason: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(pkg.bytes())).map_err(corrupt)?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(pkg.bytes().len() + 4096)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(corrupt)?;
        let name = file.name().map_err(corrupt)?.into_owned();
        if let Some(content) = replaced.get(&name) {
            drop(file);
            writer.start_file(name.as_str(), options).map_err(corrupt)?;
            writer.write_all(content).map_err(|e| DocxError::Corrupt {
                part: Some(name.clone()),
                reason: e.to_string(),
            })?;
        } else {
            writer.raw_copy_file(file).map_err(corrupt)?;
        }
    }
    for (name, content) in added {
        writer.start_file(name.as_str(), options).map_err(corrupt)?;
        writer.write_all(content).map_err(|e| DocxError::Corrupt {
            part: Some(name.clone()),
            reason: e.to_string(),
        })?;
    }
    Ok(writer.finish().map_err(corrupt)?.into_inner())
}
