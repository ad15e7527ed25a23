//! Shared helpers of the Word-document tests (`tests/docx_*.rs`): making
//! .docx fixtures from text with LibreOffice, printing documents to PDF with
//! their comments in the margin, reading packages.
//!
//! The tools come from `scripts/install-libreoffice.sh` (Debian's
//! libreoffice-writer, libreoffice-calc and poppler-utils, python-docx from
//! PyPI). When one is
//! missing the tests fail, naming that script: they never skip.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub const INSTALL: &str = "scripts/install-libreoffice.sh";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/docx").join(name)
}

/// A program on PATH, or a failure that says how to install it.
pub fn tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "`{name}` is not installed: run {INSTALL} (installs libreoffice-writer, \
             libreoffice-calc, poppler-utils and python-docx), then run the tests again"
        )
    })
}

/// A fresh folder for one test under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("docx-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The LibreOffice user profile of this test process: its own (so that
/// test processes running at once do not share one), printing comments in
/// the margin (`Writer/Print/Content/Note` = 4).
fn office_profile() -> &'static Mutex<PathBuf> {
    static PROFILE: OnceLock<Mutex<PathBuf>> = OnceLock::new();
    PROFILE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("docx-tests")
            .join(format!("libreoffice-profile-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("user")).unwrap();
        std::fs::write(
            dir.join("user/registrymodifications.xcu"),
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Print/Content"><prop oor:name="Note" oor:op="fuse"><value>4</value></prop></item>
</oor:items>
"#,
        )
        .unwrap();
        Mutex::new(dir)
    })
}

/// Runs soffice headless with this process's profile (one at a time).
fn soffice(args: &[&str], inputs: &[&Path]) {
    let soffice = tool("soffice");
    let profile = office_profile().lock().unwrap_or_else(|e| e.into_inner());
    let mut command = Command::new(soffice);
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg("--headless")
        .arg("--norestore")
        .args(args)
        .args(inputs)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("start soffice");
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            let mut err = String::new();
            let _ = child.stdout.take().unwrap().read_to_string(&mut out);
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            assert!(
                status.success(),
                "soffice {args:?} failed: {status}\n{out}\n{err}"
            );
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("soffice {args:?} did not finish in 300 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn outputs(inputs: &[&Path], outdir: &Path, extension: &str) -> Vec<PathBuf> {
    inputs
        .iter()
        .map(|input| {
            let stem = input.file_stem().unwrap();
            let out = outdir.join(stem).with_extension(extension);
            assert!(
                out.is_file(),
                "LibreOffice did not write {} from {}",
                out.display(),
                input.display()
            );
            out
        })
        .collect()
}

/// Converts documents with an export `filter` (`csv:Text - txt - csv
/// (StarCalc):44,34,76,1`) to files ending in `extension` in `outdir`.
pub fn convert_with(
    inputs: &[&Path],
    filter: &str,
    extension: &str,
    outdir: &Path,
) -> Vec<PathBuf> {
    let outdir_s = outdir.to_str().unwrap();
    soffice(&["--convert-to", filter, "--outdir", outdir_s], inputs);
    outputs(inputs, outdir, extension)
}

/// Converts documents LibreOffice can open (.fodt, .html) to `format`
/// (`docx`, `doc`, `odt`) in `outdir`.
pub fn convert(inputs: &[&Path], format: &str, outdir: &Path) -> Vec<PathBuf> {
    let outdir_s = outdir.to_str().unwrap();
    soffice(&["--convert-to", format, "--outdir", outdir_s], inputs);
    outputs(inputs, outdir, format)
}

/// Converts UTF-8 text files to .docx: one paragraph per line.
pub fn convert_text(inputs: &[&Path], outdir: &Path) -> Vec<PathBuf> {
    let outdir_s = outdir.to_str().unwrap();
    soffice(
        &[
            "--infilter=Text (encoded):UTF8",
            "--convert-to",
            "docx",
            "--outdir",
            outdir_s,
        ],
        inputs,
    );
    outputs(inputs, outdir, "docx")
}

/// Prints a document to PDF the way a reviewer would print it, comments in
/// the margin, and returns the PDF.
pub fn print_to_pdf(input: &Path, outdir: &Path) -> PathBuf {
    let outdir_s = outdir.to_str().unwrap();
    soffice(&["--print-to-file", "--outdir", outdir_s], &[input]);
    outputs(&[input], outdir, "pdf").pop().unwrap()
}

/// The text of a PDF (pdftotext).
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new(tool("pdftotext"))
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8(output.stdout).unwrap()
}

/// Python 3 (python-docx comes from the install script, or the helpers
/// install it).
pub fn python() -> PathBuf {
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(name).is_file()))
    };
    if on_path("python3") {
        tool("python3")
    } else {
        tool("python")
    }
}

/// Runs a helper script of tests/docx_support/ and returns its output.
pub fn run_python(script: &str, args: &[&Path]) -> Vec<u8> {
    let output = Command::new(python())
        .arg(repo().join("tests/docx_support").join(script))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{script} {args:?} failed (python-docx comes from {INSTALL}):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The comments of a .docx as python-docx reads them
/// (tests/docx_support/read_comments.py).
pub fn read_comments(docx: &Path) -> serde_json::Value {
    serde_json::from_slice(&run_python("read_comments.py", &[docx])).unwrap()
}

/// The plan-lint binary.
pub fn plan_lint() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("plan-lint").unwrap()
}

/// `plan-lint extract FILE`.
pub fn extract(file: &Path) -> String {
    let output = plan_lint().arg("extract").arg(file).output().unwrap();
    assert!(
        output.status.success(),
        "plan-lint extract {}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `plan-lint check --format json FILE` (any exit code but 2).
pub fn check_json(file: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let output = plan_lint()
        .arg("check")
        .arg("--format")
        .arg("json")
        .arg("--no-config")
        .args(extra)
        .arg(file)
        .output()
        .unwrap();
    assert_ne!(
        output.status.code(),
        Some(2),
        "plan-lint check {}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice::<serde_json::Value>(&output.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// Every entry of a zip, by name, decompressed.
pub fn entries(zip_bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        out.insert(file.name().unwrap().to_string(), bytes);
    }
    out
}

/// The raw (compressed) bytes and CRC of every entry: what "copied byte
/// for byte" means for a zip member.
pub fn raw_entries(zip_bytes: &[u8]) -> BTreeMap<String, (u32, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index_raw(i).unwrap();
        let crc = file.crc32();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        out.insert(file.name().unwrap().to_string(), (crc, bytes));
    }
    out
}

/// A zip with the given entries, in order.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The text of `text` between two 1-based (line, column) positions, columns
/// in characters: what a JSON diagnostic's `start`/`end` cover.
pub fn slice_lines(text: &str, start: (usize, usize), end: (usize, usize)) -> String {
    text[byte_at(text, start)..byte_at(text, end)].to_string()
}

/// The byte offset of a 1-based (line, column) position, column in
/// characters.
pub fn byte_at(text: &str, (line, column): (usize, usize)) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let rest = &text[line_start..];
    line_start
        + rest
            .char_indices()
            .nth(column - 1)
            .map_or(rest.len(), |(i, _)| i)
}

pub fn line_col(v: &serde_json::Value) -> (usize, usize) {
    (
        v["line"].as_u64().unwrap() as usize,
        v["column"].as_u64().unwrap() as usize,
    )
}
