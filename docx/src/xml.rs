//! A small element tree over quick-xml that keeps the byte range of every
//! element and text node, so that the annotator can edit the original bytes
//! in place and leave everything else as it was.

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

/// WordprocessingML, transitional and strict.
const W_NAMESPACES: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces the reader cares about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (`w:`).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    Other,
}

#[derive(Debug)]
pub struct Element {
    pub ns: Ns,
    /// The namespace URI, when bound.
    pub ns_uri: Option<String>,
    /// The qualified name as written (`w:p`).
    pub qname: String,
    /// The local name (`p`).
    pub name: String,
    /// Attributes by local name, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// Byte of the `<` that opens the start tag.
    pub start: usize,
    /// Byte after the `>` of the start tag (`start_tag_end == end` when empty).
    pub start_tag_end: usize,
    /// Byte of the `</` of the end tag (equal to `end` when empty).
    pub end_tag_start: usize,
    /// Byte after the element.
    pub end: usize,
    /// Written as `<x/>`.
    pub empty: bool,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    /// Character data (escaped text, or a CDATA section), by byte range.
    Text {
        start: usize,
        end: usize,
        cdata: bool,
    },
}

impl Element {
    /// Whether this is `w:{name}`.
    pub fn is_w(&self, name: &str) -> bool {
        self.ns == Ns::W && self.name == name
    }

    /// An attribute by local name (`w:val` → `val`).
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text { .. } => None,
        })
    }

    /// The first `w:{name}` child.
    pub fn child_w(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is_w(name))
    }

    /// `w:{name}/@w:val` of the first such child.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child_w(name).and_then(|e| e.attr("val"))
    }

    /// An on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
    pub fn flag(&self, name: &str) -> bool {
        self.child_w(name)
            .is_some_and(|e| !matches!(e.attr("val"), Some("false" | "0" | "off")))
    }

    /// The element's prefix (`w` for `w:p`), empty when none.
    pub fn prefix(&self) -> &str {
        self.qname.split_once(':').map_or("", |(p, _)| p)
    }
}

/// An XML document that is not well-formed, with the byte where it broke.
#[derive(Debug)]
pub struct XmlError {
    pub position: u64,
    pub message: String,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.message, self.position)
    }
}

/// Parses `text` into its root element.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => {
                let ns = match ns {
                    ResolveResult::Bound(n) => Some(n.0.to_string()),
                    _ => None,
                };
                (ns, event)
            }
            Err(e) => {
                return Err(XmlError {
                    position: reader.error_position(),
                    message: e.to_string(),
                });
            }
        };
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(tag) | Event::Empty(tag) if root.is_some() => {
                let _ = tag;
                return Err(XmlError {
                    position: before as u64,
                    message: "content after the root element".into(),
                });
            }
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let empty = matches!(event, Event::Empty(_));
                let qname = tag.name().as_ref().to_string();
                let name = tag.local_name().as_ref().to_string();
                let mut attrs = Vec::new();
                for attr in tag.attributes() {
                    let attr = attr.map_err(|e| XmlError {
                        position: before as u64,
                        message: e.to_string(),
                    })?;
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| XmlError {
                            position: before as u64,
                            message: e.to_string(),
                        })?;
                    attrs.push((
                        attr.key.local_name().as_ref().to_string(),
                        value.into_owned(),
                    ));
                }
                let element = Element {
                    ns: match ns.as_deref() {
                        Some(uri) if W_NAMESPACES.contains(&uri) => Ns::W,
                        Some(MC_NAMESPACE) => Ns::Mc,
                        _ => Ns::Other,
                    },
                    ns_uri: ns,
                    qname,
                    name,
                    attrs,
                    start: before,
                    start_tag_end: after,
                    end_tag_start: after,
                    end: after,
                    empty,
                    children: Vec::new(),
                };
                if empty {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Node::Element(element)),
                        None => root = Some(element),
                    }
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => {
                let Some(mut element) = stack.pop() else {
                    return Err(XmlError {
                        position: before as u64,
                        message: "unexpected end tag".into(),
                    });
                };
                element.end_tag_start = before;
                element.end = after;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => {
                let cdata = matches!(event, Event::CData(_));
                if let Some(parent) = stack.last_mut() {
                    // Text and entity references arrive as separate events:
                    // one node for a contiguous run of them.
                    match parent.children.last_mut() {
                        Some(Node::Text {
                            end, cdata: false, ..
                        }) if !cdata && *end == before => *end = after,
                        _ => parent.children.push(Node::Text {
                            start: before,
                            end: after,
                            cdata,
                        }),
                    }
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(XmlError {
            position: text.len() as u64,
            message: "the document ends inside an element".into(),
        });
    }
    root.ok_or(XmlError {
        position: 0,
        message: "no root element".into(),
    })
}

/// The characters of a text node's raw bytes, each with the byte offset
/// (into `raw`) where it starts. Entity and character references are
/// resolved; line ends are normalised as XML does (`\r\n` and `\r` → `\n`).
pub fn text_chars(raw: &str, cdata: bool) -> Vec<(usize, char)> {
    let mut out = Vec::with_capacity(raw.len() / 2);
    if cdata {
        let inner_start = "<![CDATA[".len().min(raw.len());
        let inner_end = raw.len().saturating_sub("]]>".len()).max(inner_start);
        for (i, c) in raw[inner_start..inner_end].char_indices() {
            out.push((inner_start + i, c));
        }
        return out;
    }
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i..].chars().next().expect("in bounds");
        if c == '&'
            && let Some(semi) = raw[i..].find(';')
        {
            let name = &raw[i + 1..i + semi];
            let resolved = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            if let Some(r) = resolved {
                out.push((i, r));
                i += semi + 1;
                continue;
            }
        }
        if c == '\r' {
            out.push((i, '\n'));
            i += if bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            continue;
        }
        out.push((i, c));
        i += c.len_utf8();
    }
    out
}

/// Escapes text for element content or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_exact() {
        let text = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p><w:p/></w:body></w:document>"#;
        let root = parse(text).unwrap();
        assert!(root.is_w("document"));
        let body = root.child_w("body").unwrap();
        let p = body.child_w("p").unwrap();
        assert_eq!(&text[p.start..p.end], &text[p.start..p.end]);
        assert!(text[p.start..].starts_with("<w:p>"));
        assert_eq!(&text[p.end_tag_start..p.end], "</w:p>");
        let t = p.child_w("r").unwrap().child_w("t").unwrap();
        assert_eq!(t.attr("space"), Some("preserve"));
        let Node::Text { start, end, cdata } = t.children[0] else {
            panic!()
        };
        assert_eq!(&text[start..end], "a &amp; b");
        let chars: String = text_chars(&text[start..end], cdata)
            .iter()
            .map(|c| c.1)
            .collect();
        assert_eq!(chars, "a & b");
        let empty = body.elements().nth(1).unwrap();
        assert!(empty.empty);
        assert_eq!(&text[empty.start..empty.end], "<w:p/>");
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("").is_err());
    }
}
