//! PDF documents for plan-lint: the text layer, page by page.
//!
//! [`Pdf::from_bytes`] reads the text a PDF carries (its text layer, with
//! pdf-extract) into one text, pages joined by a newline as a copy-paste or
//! pypdf gives them, and a [`PageMap`] from byte offsets of that text to a
//! page and a line on it (`第3页第12行`). Everything else (hard wraps, page
//! numbers, running heads, spaces around digits) is left to plan-lint's
//! normalised view, exactly as for a text extracted by another tool.
//!
//! A PDF that cannot be linted is an error, never a panic: a scan without a
//! text layer ([`PdfError::NoTextLayer`]), one that needs a password to open
//! ([`PdfError::Encrypted`]), a damaged file ([`PdfError::Damaged`]).

use std::fmt;

/// The extensions of files this crate reads (a PDF is also recognised by
/// its content, see [`is_pdf`]).
pub const EXTENSIONS: &[&str] = &["pdf"];

/// Whether `bytes` are a PDF: `%PDF-` at the start, or within the first
/// kilobyte (the specification lets readers accept leading junk, and some
/// mail gateways add it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Why a PDF cannot be linted. The messages do not name the file; callers
/// prefix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// No page has any text: a scan (images only) or a PDF of outlines.
    NoTextLayer { pages: usize },
    /// The PDF needs a password to open.
    Encrypted,
    /// The file is not a readable PDF (cut short, broken cross-reference
    /// table, a reader error).
    Damaged { reason: String },
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NoTextLayer { pages } => write!(
                f,
                "no text layer: run OCR first (its {pages} page(s) hold no text, as a \
                 scanned document; make a searchable PDF, e.g. with ocrmypdf, or lint the \
                 .docx or .txt it was made from)"
            ),
            PdfError::Encrypted => f.write_str(
                "the PDF is password-protected (encrypted): no text layer can be read \
                 without the password; save a copy without it, or lint the .docx it was made from",
            ),
            PdfError::Damaged { reason } => write!(f, "a damaged PDF: {reason}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// A page and a line on it, for messages (`第3页第12行`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagePlace {
    /// 1-based page.
    pub page: usize,
    /// 1-based line of the page's text (its first line with text is 1).
    pub line: usize,
}

impl fmt::Display for PagePlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}页第{}行", self.page, self.line)
    }
}

/// Where each page of a PDF's text starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMap {
    /// Byte offset in the text of each page's first byte, ascending.
    starts: Vec<usize>,
}

impl PageMap {
    /// A map from the byte offsets where pages start (ascending; the first
    /// is 0).
    pub fn new(starts: Vec<usize>) -> PageMap {
        PageMap { starts }
    }

    /// The number of pages.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there are no pages.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The page and line of `byte` in `text` (the text the map was built
    /// for); `None` past the end or for an empty map.
    pub fn locate(&self, text: &str, byte: usize) -> Option<PagePlace> {
        if byte > text.len() {
            return None;
        }
        let index = self.starts.partition_point(|&s| s <= byte).checked_sub(1)?;
        let start = self.starts[index].min(byte);
        let line = text.as_bytes()[start..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Some(PagePlace {
            page: index + 1,
            line,
        })
    }
}

/// The text layer of a PDF.
#[derive(Debug, Clone)]
pub struct Pdf {
    text: String,
    pages: PageMap,
    /// Pages the reader failed on (read as empty).
    unreadable_pages: Vec<usize>,
    /// Pages read without any text (a scanned page in a PDF with text).
    textless_pages: Vec<usize>,
}

impl Pdf {
    /// Reads the text layer of a PDF.
    pub fn from_bytes(bytes: &[u8]) -> Result<Pdf, PdfError> {
        let pages = read_pages(bytes)?;
        let count = pages.len();
        let mut unreadable_pages = Vec::new();
        let texts: Vec<String> = pages
            .into_iter()
            .enumerate()
            .map(|(i, page)| match page {
                Some(text) => text,
                None => {
                    unreadable_pages.push(i + 1);
                    String::new()
                }
            })
            .collect();
        if texts.iter().all(|t| t.trim().is_empty()) {
            if !unreadable_pages.is_empty() {
                return Err(PdfError::Damaged {
                    reason: format!("no page could be read ({} page(s))", unreadable_pages.len()),
                });
            }
            return Err(PdfError::NoTextLayer { pages: count });
        }
        let textless_pages = texts
            .iter()
            .enumerate()
            .filter(|(i, t)| t.trim().is_empty() && !unreadable_pages.contains(&(i + 1)))
            .map(|(i, _)| i + 1)
            .collect();
        let (text, pages) = join_pages(&texts);
        Ok(Pdf {
            text,
            pages,
            unreadable_pages,
            textless_pages,
        })
    }

    /// The text plan-lint lints: the pages in order, each page's lines as
    /// the reader gave them (blank lines at a page's top and bottom left
    /// out), pages joined by a newline; it ends in a newline.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where each page starts in [`Pdf::text`].
    pub fn pages(&self) -> &PageMap {
        &self.pages
    }

    /// The 1-based pages the reader failed on, read as empty.
    pub fn unreadable_pages(&self) -> &[usize] {
        &self.unreadable_pages
    }

    /// The 1-based pages without any text (images only: a scanned page, or
    /// a blank one) in a PDF that has text elsewhere.
    pub fn textless_pages(&self) -> &[usize] {
        &self.textless_pages
    }
}

/// Joins page texts: each page's text without blank lines at its top and
/// trailing white space, and a newline after each page; with the offset at
/// which each page starts.
fn join_pages(pages: &[String]) -> (String, PageMap) {
    let mut text =
        String::with_capacity(pages.iter().map(String::len).sum::<usize>() + pages.len());
    let mut starts = Vec::with_capacity(pages.len());
    for page in pages {
        starts.push(text.len());
        let body = page.trim_end();
        // Leave out whole blank lines at the top, keep a first line's indent.
        let first_line = body
            .char_indices()
            .filter(|&(_, c)| c == '\n')
            .map(|(i, _)| i + 1)
            .take_while(|&end| body[..end].trim().is_empty())
            .last()
            .unwrap_or(0);
        let body = &body[first_line..];
        let body = body.trim_start_matches(['\n', '\r']);
        text.push_str(&body.replace("\r\n", "\n").replace('\r', "\n"));
        text.push('\n');
    }
    (text, PageMap::new(starts))
}

/// Each page's text, `None` for a page the reader failed on. A panic in
/// the reader (it has some on malformed fonts) is caught and reported as a
/// damaged file rather than ending plan-lint.
fn read_pages(bytes: &[u8]) -> Result<Vec<Option<String>>, PdfError> {
    let previous = std::panic::take_hook();
    // Quiet while reading: a reader panic is reported as an error instead.
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| read_pages_unguarded(bytes));
    std::panic::set_hook(previous);
    match result {
        Ok(result) => result,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("the reader stopped");
            Err(PdfError::Damaged {
                reason: format!("the PDF reader failed on it ({reason})"),
            })
        }
    }
}

/// The text of a page, one line per line of print: pdf-extract's plain
/// text output, except that a move to another line is one line break
/// whatever the line spacing (pdf-extract writes a blank line whenever the
/// spacing exceeds 1.5 times the font size, as in every 公文 set at 28 pt on
/// 16 pt type), as pypdf and a copy-paste give it; the normalised view then
/// joins the wraps.
#[derive(Default)]
struct PageText {
    text: String,
    /// A new word (a text-showing operator) starts with the next character.
    first_char: bool,
    last_y: f64,
    last_end: f64,
}

impl pdf_extract::OutputDev for PageText {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.last_end = f64::INFINITY;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let (x, y) = (trm.m31, trm.m32);
        // The side of the square with the area of the transformed em box.
        let ex = font_size * (trm.m11 + trm.m21);
        let ey = font_size * (trm.m12 + trm.m22);
        let size = (ex * ey).abs().sqrt();
        let size = if size.is_finite() { size } else { 0.0 };
        if self.first_char && !self.text.is_empty() {
            if (y - self.last_y).abs() > size * 0.5 {
                self.text.push('\n');
            } else if x > self.last_end + size * 0.1 {
                self.text.push(' ');
            }
        }
        self.text.push_str(char);
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

fn read_pages_unguarded(bytes: &[u8]) -> Result<Vec<Option<String>>, PdfError> {
    use pdf_extract::{Document, output_doc_page};
    let mut doc = Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) | pdf_extract::Error::UnsupportedSecurityHandler(_) => {
            PdfError::Encrypted
        }
        e => PdfError::Damaged {
            reason: e.to_string(),
        },
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        // Not openable with the empty password: a password to open it. (A
        // PDF with only an owner password, restricting printing or
        // copying, opens with the empty one and is read.)
        return Err(PdfError::Encrypted);
    }
    let count = doc.get_pages().len();
    let mut pages = Vec::with_capacity(count);
    for number in 1..=count {
        let mut output = PageText::default();
        let page = u32::try_from(number)
            .ok()
            .and_then(|n| output_doc_page(&doc, &mut output, n).ok());
        pages.push(page.map(|()| output.text));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests;
