//! Packages built by hand for what LibreOffice does not write: fields,
//! tracked moves, hidden text, content controls, text boxes, numbering from
//! styles and overrides, other namespace prefixes; and the annotator's
//! corner cases.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use crate::xml::{self, Element, Node};
use crate::{Comment, Docx, DocxError};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn entries(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A package with `body` (the content of `w:body`) and, when given,
/// numbering and styles parts.
fn package(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts: Vec<(String, String)> = Vec::new();
    if let Some(n) = numbering {
        rels.push_str(r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
        parts.push((
            "word/numbering.xml".into(),
            format!(r#"<w:numbering xmlns:w="{W}">{n}</w:numbering>"#),
        ));
    }
    if let Some(s) = styles {
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
        parts.push((
            "word/styles.xml".into(),
            format!(r#"<w:styles xmlns:w="{W}">{s}</w:styles>"#),
        ));
    }
    rels.push_str("</Relationships>");
    let mut all: Vec<(&str, &str)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", &rels),
    ];
    for (n, t) in &parts {
        all.push((n, t));
    }
    zip_of(&all)
}

fn text_of(bytes: Vec<u8>) -> String {
    Docx::from_bytes(bytes, Some("docx"))
        .unwrap()
        .text()
        .to_string()
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

#[test]
fn fields_and_tracked_changes() {
    let body = [
        // A simple field: its result.
        p(&format!(
            "{}<w:fldSimple w:instr=\" PAGE \">{}</w:fldSimple>",
            r("第"),
            r("3")
        )),
        // A complex field: the result, not the instruction.
        p(&format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> DATE \\@ \"yyyy年M月d日\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            r("2024年4月17日")
        )),
        // Deleted and moved-away text is gone; inserted and moved-here kept.
        p(&format!(
            "{}<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>十</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"a\">{}</w:ins><w:moveFrom w:id=\"3\" w:author=\"a\">{}</w:moveFrom><w:moveTo w:id=\"4\" w:author=\"a\">{}</w:moveTo>",
            r("改造"),
            r("5个"),
            r("旧"),
            r("新")
        )),
        // A paragraph deleted whole (its mark too): no line at all.
        "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"a\"/></w:rPr></w:pPr><w:del w:id=\"6\" w:author=\"a\"><w:r><w:delText>删去的段落</w:delText></w:r></w:del></w:p>".to_string(),
        p(&r("末段")),
    ]
    .concat();
    assert_eq!(
        text_of(package(&body, None, None)),
        "第3\n2024年4月17日\n改造5个新\n末段\n"
    );
}

#[test]
fn run_content() {
    let body = [
        p(&format!(
            "{}<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t>显示</w:t></w:r>",
            r("甲")
        )),
        p("<w:r><w:t>序号</w:t><w:tab/><w:t>项目</w:t><w:br/><w:t>续行</w:t><w:br w:type=\"page\"/><w:t>新页</w:t></w:r>"),
        p("<w:r><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t><w:softHyphen/><w:t>C</w:t><w:sym w:font=\"Wingdings\" w:char=\"2605\"/></w:r>"),
        p("<w:r><w:t>甲&amp;乙&#x4E19;</w:t></w:r><w:r><w:t><![CDATA[<丁>]]></w:t></w:r>"),
        p("<w:r><w:t>多行\r\n文字</w:t></w:r>"),
    ]
    .concat();
    assert_eq!(
        text_of(package(&body, None, None)),
        "甲显示\n序号\t项目\n续行新页\nA-BC★\n甲&乙丙<丁>\n多行 文字\n"
    );
}

#[test]
fn containers_and_text_boxes() {
    let body = [
        // A block content control and custom XML around paragraphs.
        format!(
            "<w:sdt><w:sdtPr><w:alias w:val=\"标题\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>",
            p(&r("方案"))
        ),
        // Hyperlink, smart tag, inline content control.
        p(&format!(
            "<w:hyperlink r:id=\"x\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">{}</w:hyperlink><w:smartTag w:element=\"place\">{}</w:smartTag><w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>",
            r("链接"),
            r("地名"),
            r("控件")
        )),
        // A text box in a drawing: its paragraphs are not body text.
        p(&format!(
            "{}<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
            r("正文"),
            p(&r("文本框")),
            p(&r("文本框"))
        )),
        // Alternate content at run level: the choice, not the fallback.
        p(&format!(
            "<mc:AlternateContent><mc:Choice Requires=\"w14\">{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent>",
            r("新式"),
            r("旧式")
        )),
    ]
    .concat();
    let docx = Docx::from_bytes(package(&body, None, None), None).unwrap();
    assert_eq!(docx.text(), "方案\n链接地名控件\n正文\n新式\n");
    assert_eq!(docx.paragraphs().paragraphs().len(), 4);
}

const NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/><w:pStyle w:val="H1"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlRestart w:val="1"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/><w:lvlRestart w:val="0"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:styleLink w:val="ListStyle"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>
"#;

const STYLES: &str = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H1Child"><w:basedOn w:val="H1"/></w:style>
<w:style w:type="numbering" w:styleId="ListStyle"><w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>
"#;

fn numbered(style: Option<&str>, num: Option<(&str, u8)>, text: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
    }
    if let Some((id, lvl)) = num {
        ppr.push_str(&format!(
            "<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>"
        ));
    }
    format!("<w:p><w:pPr>{ppr}</w:pPr>{}</w:p>", r(text))
}

#[test]
fn numbering_from_styles_levels_and_overrides() {
    let body = [
        numbered(Some("H1"), None, "总体要求"),      // style numbering
        numbered(None, Some(("2", 1)), "指导思想"),  // another instance continues
        numbered(None, Some(("1", 2)), "事项"),      // 1.
        numbered(None, Some(("1", 3)), "细项"),      // legal: 1.1
        numbered(Some("H1Child"), None, "主要任务"), // style inherited
        numbered(None, Some(("1", 2)), "事项"),      // restarted by level 0
        numbered(None, Some(("1", 1)), "分项"),      // (一) after a restart
        numbered(None, Some(("1", 2)), "事项"),      // lvlRestart=1: not reset by level 1
        numbered(Some("H1"), Some(("0", 0)), "无编号"), // numId 0 removes numbering
        numbered(None, Some(("3", 0)), "附件一"),    // startOverride: a list of its own
        numbered(None, Some(("3", 0)), "附件二"),
        numbered(None, Some(("4", 0)), "要点"), // bullet from a symbol font
        numbered(None, Some(("4", 1)), "甲"),
        numbered(None, Some(("4", 0)), "要点"),
        numbered(None, Some(("4", 1)), "乙"), // lvlRestart=0: continues
        numbered(None, Some(("5", 0)), "链接样式"), // numStyleLink → num 6
        numbered(None, Some(("1", 2)), "5G基站建设"), // `3.` then a digit: a space
    ]
    .concat();
    let text = text_of(package(&body, Some(NUMBERING), Some(STYLES)));
    assert_eq!(
        text,
        "一、总体要求\n（一）指导思想\n1.事项\n1.1细项\n二、主要任务\n1.事项\n（一）分项\n2.事项\n无编号\n一、附件一\n二、附件二\n•要点\n①甲\n•要点\n②乙\n01)链接样式\n3. 5G基站建设\n"
    );
}

#[test]
fn tables_flatten_to_cells() {
    let cell = |pr: &str, content: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{content}</w:tc>");
    let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let body = format!(
        "<w:tbl><w:tblPr/>{}{}{}</w:tbl>{}",
        row(&[
            cell("", &p(&r("任务"))),
            cell("<w:gridSpan w:val=\"2\"/>", &p(&r("单位"))),
        ]),
        row(&[
            cell("", &format!("{}{}", p(&r("(1)建设。")), p(""))),
            cell("<w:vMerge w:val=\"restart\"/>", &p(&r("县住建局"))),
            cell(
                "",
                &format!(
                    "{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
                    p(&r("县财政局")),
                    p(&r("甲镇")),
                    p("<w:r><w:t>乙</w:t><w:br/><w:t>镇</w:t></w:r>")
                ),
            ),
        ]),
        row(&[
            cell("", &p(&r("(2)运营。"))),
            cell("<w:vMerge/>", "<w:p/>"),
            cell("", "<w:p/>"),
        ]),
        p(&r("表后"))
    );
    let docx = Docx::from_bytes(package(&body, None, None), None).unwrap();
    assert_eq!(
        docx.text(),
        "任务 |\n单位 |\n(1)建设。 |\n县住建局 |\n县财政局 甲镇 乙 镇 |\n(2)运营。 |\n县住建局 |\n|\n表后\n"
    );
    let text = docx.text();
    let map = docx.paragraphs();
    // "甲镇" is the 7th paragraph (the empty one in the cell counts).
    let at = text.find("甲镇").unwrap();
    let loc = map.locate(text, at).unwrap();
    assert_eq!(
        (loc.paragraph, loc.column, loc.preview.as_str()),
        (7, 1, "甲镇")
    );
    // The repeated merged cell names the paragraph that holds the text.
    let second = text.rfind("县住建局").unwrap();
    assert_eq!(map.locate(text, second).unwrap().paragraph, 5);
    // The ` |` after a cell belongs to its paragraph's end.
    let bar = text.find(" |").unwrap();
    let loc = map.locate(text, bar).unwrap();
    assert_eq!((loc.paragraph, loc.column), (1, 3));
    assert!(map.paragraphs()[0].in_table);
    assert!(!map.paragraphs().last().unwrap().in_table);
}

#[test]
fn paragraph_previews_are_cut() {
    let long = "一二三四五六七八九十一二三四五六七八九十";
    let docx = Docx::from_bytes(package(&p(&r(long)), None, None), None).unwrap();
    let loc = docx.paragraphs().locate(docx.text(), 6).unwrap();
    assert_eq!(loc.column, 3);
    assert_eq!(loc.preview, "一二三四五六七八九十一二三四五六…");
}

// ── annotate ─────────────────────────────────────────────────────────────

/// Text between each comment's range start and end, by id, from the
/// annotated document; and the ids referenced.
fn anchored(bytes: &[u8]) -> (BTreeMap<String, String>, Vec<String>) {
    let parts = entries(bytes);
    let document = &parts["word/document.xml"];
    let document = document.trim_start_matches('\u{feff}');
    let root = xml::parse(document).unwrap();
    fn walk(
        e: &Element,
        text: &str,
        open: &mut Vec<String>,
        out: &mut BTreeMap<String, String>,
        refs: &mut Vec<String>,
    ) {
        match e.name.as_str() {
            "commentRangeStart" => {
                let id = e.attr("id").unwrap().to_string();
                out.entry(id.clone()).or_default();
                open.push(id);
                return;
            }
            "commentRangeEnd" => {
                let id = e.attr("id").unwrap();
                open.retain(|o| o != id);
                return;
            }
            "commentReference" => {
                refs.push(e.attr("id").unwrap().to_string());
                return;
            }
            "t" => {
                for n in &e.children {
                    if let Node::Text { start, end, cdata } = *n {
                        let s: String = xml::text_chars(&text[start..end], cdata)
                            .into_iter()
                            .map(|c| c.1)
                            .collect();
                        for id in open.iter() {
                            out.get_mut(id).unwrap().push_str(&s);
                        }
                    }
                }
                return;
            }
            _ => {}
        }
        for c in e.elements() {
            walk(c, text, open, out, refs);
        }
    }
    let mut out = BTreeMap::new();
    let mut refs = Vec::new();
    walk(&root, document, &mut Vec::new(), &mut out, &mut refs);
    (out, refs)
}

fn span_of(text: &str, needle: &str) -> std::ops::Range<usize> {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {text}"));
    start..start + needle.len()
}

#[test]
fn annotations_split_runs_and_nest() {
    let body = [
        p(&format!(
            "{}{}",
            r("县住建局牵头,县财政局、县财政局配合。"),
            r("尾")
        )),
        p("<w:r><w:t>甲&amp;乙丙丁</w:t></w:r>"),
        p("<w:r><w:t><![CDATA[<A>BCD]]></w:t></w:r>"),
        p(&r("跨段开始")),
        p(&r("跨段结束")),
    ]
    .concat();
    let docx = Docx::from_bytes(package(&body, None, None), None).unwrap();
    let text = docx.text().to_string();
    let comments = vec![
        Comment::new(span_of(&text, "县财政局、县财政局"), vec!["外层".into()]),
        Comment::new(span_of(&text, "县财政局配合"), vec!["内层".into()]),
        Comment::new(span_of(&text, "配合。尾"), vec!["跨两个 run".into()]),
        Comment::new(span_of(&text, "&乙"), vec!["实体".into()]),
        Comment::new(span_of(&text, "A>B"), vec!["CDATA".into()]),
        Comment::new(span_of(&text, "开始\n跨段"), vec!["跨段".into()]),
        {
            let at = text.find("尾").unwrap();
            Comment::new(at..at, vec!["空".into()])
        },
    ];
    let out = docx.annotate(&comments).unwrap();
    let again = Docx::from_bytes(out.clone(), None).unwrap();
    assert_eq!(again.text(), text, "the text is unchanged");
    let (anchored, refs) = anchored(&out);
    let got: Vec<&str> = anchored.values().map(String::as_str).collect();
    assert_eq!(
        got,
        [
            "县财政局、县财政局",
            "县财政局配合",
            "配合。尾",
            "&乙",
            "A>B",
            "开始跨段",
            ""
        ]
    );
    assert_eq!(refs.len(), comments.len());
    let parts = entries(&out);
    // The entity stays as it was written; the raw bytes were cut, not
    // re-escaped.
    assert!(parts["word/document.xml"].contains("<w:t>&amp;乙</w:t>"));
    assert!(parts["word/comments.xml"].contains("w:author=\"plan-lint\""));
    assert!(parts["[Content_Types].xml"].contains("/word/comments.xml"));
    assert!(parts["word/_rels/document.xml.rels"].contains("Target=\"comments.xml\""));
}

#[test]
fn annotations_on_numbering_and_empty_paragraphs() {
    let body = [
        numbered(None, Some(("1", 0)), "总体要求"),
        "<w:p/>".to_string(),
        p(&r("正文")),
    ]
    .concat();
    let docx = Docx::from_bytes(package(&body, Some(NUMBERING), Some(STYLES)), None).unwrap();
    let text = docx.text().to_string();
    assert_eq!(text, "一、总体要求\n\n正文\n");
    let comments = vec![
        // The marker alone: the comment covers the paragraph.
        Comment::new(span_of(&text, "一、"), vec!["序号".into()]),
        // The marker and some text.
        Comment::new(span_of(&text, "一、总体"), vec!["标题".into()]),
        // An empty paragraph.
        {
            let at = text.find("\n\n").unwrap() + 1;
            Comment::new(at..at, vec!["空行".into()])
        },
    ];
    let out = docx.annotate(&comments).unwrap();
    assert_eq!(Docx::from_bytes(out.clone(), None).unwrap().text(), text);
    let (anchored, refs) = anchored(&out);
    let got: Vec<&str> = anchored.values().map(String::as_str).collect();
    assert_eq!(got, ["总体要求", "总体", ""]);
    assert_eq!(refs.len(), 3);
    let document = &entries(&out)["word/document.xml"];
    assert!(
        !document.contains("<w:p/>"),
        "the empty paragraph was opened"
    );
}

#[test]
fn annotations_keep_foreign_prefixes_bom_and_comments() {
    // `ns0:` instead of `w:` (as some generators write), a BOM, an existing
    // comments part with a comment of its own.
    let document = format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?><ns0:document xmlns:ns0=\"{W}\"><ns0:body><ns0:p><ns0:commentRangeStart ns0:id=\"3\"/><ns0:r><ns0:t>旧批注</ns0:t></ns0:r><ns0:commentRangeEnd ns0:id=\"3\"/><ns0:r><ns0:commentReference ns0:id=\"3\"/></ns0:r><ns0:r><ns0:t>县财政局</ns0:t></ns0:r></ns0:p><ns0:p><ns0:r><ns0:t>甲 乙</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>"
    );
    let comments_xml = format!(
        "<?xml version=\"1.0\"?><x:comments xmlns:x=\"{W}\"><x:comment x:id=\"3\" x:author=\"审核人\"><x:p><x:r><x:t>原有批注</x:t></x:r></x:p></x:comment></x:comments>"
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
    let content_types = CONTENT_TYPES.replace(
        "</Types>",
        "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/></Types>",
    );
    let bytes = zip_of(&[
        ("[Content_Types].xml", &content_types),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", rels),
        ("word/comments.xml", &comments_xml),
    ]);
    let docx = Docx::from_bytes(bytes, None).unwrap();
    let text = docx.text().to_string();
    assert_eq!(text, "旧批注县财政局\n甲 乙\n");
    let out = docx
        .annotate(&[
            Comment::new(span_of(&text, "财政"), vec!["新批注".into()]),
            Comment::new(span_of(&text, "乙"), vec!["空格".into()]),
        ])
        .unwrap();
    let parts = entries(&out);
    assert!(
        parts["word/document.xml"].starts_with('\u{feff}'),
        "BOM kept"
    );
    assert!(
        parts["word/document.xml"].contains(&format!(
            "<w:commentRangeStart xmlns:w=\"{W}\" w:id=\"4\"/>"
        )),
        "the new anchors declare their namespace, ids above the old ones"
    );
    assert_eq!(
        parts["word/_rels/document.xml.rels"], rels,
        "relationship reused"
    );
    assert_eq!(parts["[Content_Types].xml"], content_types);
    let comments = &parts["word/comments.xml"];
    assert!(comments.contains("原有批注") && comments.contains("新批注"));
    assert!(comments.contains(&format!("<w:comment xmlns:w=\"{W}\" w:id=\"4\"")));
    let again = Docx::from_bytes(out.clone(), None).unwrap();
    assert_eq!(again.text(), text);
    let (anchored, _) = anchored(&out);
    assert_eq!(anchored["3"], "旧批注");
    assert_eq!(anchored["4"], "财政");
    assert_eq!(anchored["5"], "乙");
    assert!(parts["word/document.xml"].contains("<ns0:t xml:space=\"preserve\">甲 </ns0:t>"));
}

#[test]
fn packages_without_document_relationships() {
    // No word/_rels/document.xml.rels: one is created for the comments.
    let document = format!(
        "<w:document xmlns:w=\"{W}\"><w:body>{}</w:body></w:document>",
        p(&r("正文"))
    );
    let bytes = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", &document),
    ]);
    let docx = Docx::from_bytes(bytes, None).unwrap();
    let out = docx
        .annotate(&[Comment::new(0..3, vec!["批注".into()])])
        .unwrap();
    let parts = entries(&out);
    assert!(parts["word/_rels/document.xml.rels"].contains("relationships/comments"));
    assert!(parts.contains_key("word/comments.xml"));
}

#[test]
fn not_word_documents() {
    let bytes = zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", "<x/>"),
    ]);
    assert!(matches!(
        Docx::from_bytes(bytes, Some("docx")),
        Err(DocxError::OtherFormat(s)) if s.contains("OpenDocument")
    ));
    let bytes = zip_of(&[("_rels/.rels", ROOT_RELS), ("word/document.xml", "<html/>")]);
    assert!(matches!(
        Docx::from_bytes(bytes, None),
        Err(DocxError::NotWord { reason }) if reason.contains("<html>")
    ));
    let bytes = zip_of(&[("_rels/.rels", ROOT_RELS)]);
    assert!(matches!(
        Docx::from_bytes(bytes, None),
        Err(DocxError::NotWord { .. })
    ));
    let bytes = zip_of(&[
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", "<w:document xmlns:w=\"x\"><w:body>"),
    ]);
    assert!(matches!(
        Docx::from_bytes(bytes, None),
        Err(DocxError::Corrupt { part: Some(p), .. }) if p == "word/document.xml"
    ));
    assert!(matches!(
        Docx::from_bytes(b"{\\rtf1 hi}".to_vec(), None),
        Err(DocxError::OtherFormat(_))
    ));
}

#[test]
fn comments_are_dated_by_the_caller_when_it_gives_a_time() {
    let docx = Docx::from_bytes(package(&p(&r("县财政局牵头。")), None, None), None).unwrap();
    let text = docx.text().to_string();
    let comments = vec![Comment::new(
        span_of(&text, "县财政局"),
        vec!["批注".into()],
    )];
    // 2024-05-08 09:30:15 UTC.
    let bytes = docx.annotate_at(&comments, 1_715_160_615).unwrap();
    let xml = &entries(&bytes)["word/comments.xml"];
    assert!(xml.contains("w:date=\"2024-05-08T09:30:15Z\""), "{xml}");
}
