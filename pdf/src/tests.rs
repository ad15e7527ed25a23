use super::*;

const PLAN: &[u8] = include_bytes!("../../tests/fixtures/pdf/plan.pdf");
const SCANNED: &[u8] = include_bytes!("../../tests/fixtures/pdf/scanned.pdf");
const ENCRYPTED: &[u8] = include_bytes!("../../tests/fixtures/pdf/encrypted.pdf");

#[test]
fn the_text_layer_is_read_one_line_per_printed_line() {
    let pdf = Pdf::from_bytes(PLAN).unwrap();
    let lines: Vec<&str> = pdf.text().lines().collect();
    // Set at 28 pt on 16 pt type: no blank line between printed lines.
    assert_eq!(lines.len(), 7, "{:?}", pdf.text());
    assert_eq!(lines[0], "某县老旧小区改造实施方案");
    assert_eq!(lines[3], "一、重点任务");
    assert!(
        lines[4].contains("县财政局、县发改局、县财政局"),
        "{}",
        lines[4]
    );
    assert!(pdf.text().ends_with('\n'));
    assert_eq!(pdf.pages().len(), 2);
    assert!(pdf.unreadable_pages().is_empty());
}

#[test]
fn places_name_the_page_and_the_line_on_it() {
    let pdf = Pdf::from_bytes(PLAN).unwrap();
    let text = pdf.text();
    let at = text.find("县发改局").unwrap();
    let place = pdf.pages().locate(text, at).unwrap();
    assert_eq!(place, PagePlace { page: 2, line: 2 });
    assert_eq!(place.to_string(), "第2页第2行");
    assert_eq!(
        pdf.pages().locate(text, 0),
        Some(PagePlace { page: 1, line: 1 })
    );
    let second = text.find("一、重点").unwrap();
    assert_eq!(pdf.pages().locate(text, second).unwrap().page, 2);
    assert_eq!(pdf.pages().locate(text, text.len() + 1), None);
}

#[test]
fn pages_are_joined_without_their_blank_edges() {
    let pages = [
        "\n\n  一、总体要求\n正文\n\n".to_string(),
        String::new(),
        "\r\n二、任务\r\n".to_string(),
    ];
    let (text, map) = join_pages(&pages);
    assert_eq!(text, "  一、总体要求\n正文\n\n二、任务\n");
    assert_eq!(map.len(), 3);
    let at = text.find("二、").unwrap();
    assert_eq!(map.locate(&text, at), Some(PagePlace { page: 3, line: 1 }));
    assert_eq!(PageMap::default().locate("x", 0), None);
}

#[test]
fn a_scan_without_text_is_refused_with_advice() {
    let error = Pdf::from_bytes(SCANNED).unwrap_err();
    assert_eq!(error, PdfError::NoTextLayer { pages: 1 });
    assert!(
        error
            .to_string()
            .starts_with("no text layer: run OCR first")
    );
}

#[test]
fn pages_without_text_are_listed() {
    let pdf = Pdf::from_bytes(include_bytes!(
        "../../tests/fixtures/pdf/partly-scanned.pdf"
    ))
    .unwrap();
    assert_eq!(pdf.textless_pages(), [2]);
    assert_eq!(pdf.pages().len(), 2);
    assert!(Pdf::from_bytes(PLAN).unwrap().textless_pages().is_empty());
}

#[test]
fn a_pdf_that_needs_a_password_is_refused() {
    let error = Pdf::from_bytes(ENCRYPTED).unwrap_err();
    assert_eq!(error, PdfError::Encrypted);
    assert!(error.to_string().contains("password-protected"));
}

#[test]
fn damaged_files_are_errors_not_panics() {
    for bytes in [
        &PLAN[..PLAN.len() / 3],
        b"%PDF-1.4\n%garbage with no objects\n".as_slice(),
        b"%PDF-".as_slice(),
    ] {
        match Pdf::from_bytes(bytes) {
            Err(PdfError::Damaged { reason }) => assert!(!reason.is_empty()),
            Err(other) => panic!("damaged, not {other:?}"),
            Ok(pdf) => panic!("read {:?}", pdf.text()),
        }
    }
}

#[test]
fn pdfs_are_recognised_by_their_signature() {
    assert!(is_pdf(PLAN));
    assert!(is_pdf(b"\r\n%PDF-1.7\n"));
    assert!(!is_pdf("一、总体要求 %PD".as_bytes()));
}
