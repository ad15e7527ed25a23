//! The lines of a text and what each is: content, or something a reader
//! skips (a page number, a running head, a browser's repeated title, web-page
//! furniture).

use std::sync::LazyLock;

use crate::span::Span;
use crate::text::{is_dash, is_digit, is_han, is_space, is_wide};
use crate::words::{AnyWord, CharFilter};

/// One line of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line without its line break.
    pub span: Span,
    /// The line trimmed of white space on both sides (empty for a blank line).
    pub trimmed: Span,
    /// Where the next line starts (the end of the text for the last line).
    pub next: usize,
}

/// What normalisation set a line aside as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SetAside {
    /// A page number (`— 3 —`, `－ 1 －`, `-3-`, `第3页`).
    PageNumber,
    /// A line a printout repeats on every page (`重庆市人民政府行政规范性文件`).
    RunningHead,
    /// A title printed twice: by a browser at the top of its printout, or by
    /// a web page above the document.
    RepeatedTitle,
    /// Web-page furniture: navigation, breadcrumbs, 【打印】【关闭】,
    /// 字体：大 中 小, share buttons, metadata, footers.
    WebFurniture,
}

impl SetAside {
    /// Its name in JSON output: `page-number`, `running-head`,
    /// `repeated-title`, `web-furniture`.
    pub fn as_str(self) -> &'static str {
        match self {
            SetAside::PageNumber => "page-number",
            SetAside::RunningHead => "running-head",
            SetAside::RepeatedTitle => "repeated-title",
            SetAside::WebFurniture => "web-furniture",
        }
    }
}

/// The lines of `text`, line breaks (`\n`, `\r\n`) excluded.
pub fn split(text: &str) -> Vec<Line> {
    // The line breaks are found with the `memchr` crate's vectorised
    // search (the standard library's is a byte or word loop): every byte
    // of every document goes through here.
    let bytes = text.as_bytes();
    // One line more than there are line breaks (the last one, perhaps
    // empty): no regrowing of the vector.
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0;
    loop {
        let (end, next) = match memchr::memchr(b'\n', &bytes[start..]) {
            Some(i) => {
                let nl = start + i;
                let end = if nl > start && bytes[nl - 1] == b'\r' {
                    nl - 1
                } else {
                    nl
                };
                (end, nl + 1)
            }
            None => (text.len(), text.len()),
        };
        let slice = &text[start..end];
        let lead = slice.len() - slice.trim_start_matches(is_space).len();
        let body = slice.trim_matches(is_space);
        let trimmed = Span::new(start + lead, start + lead + body.len());
        lines.push(Line {
            span: Span::new(start, end),
            trimmed,
            next,
        });
        if next >= text.len() {
            if next == text.len() && end < text.len() {
                // A final line break: the empty line after it.
                lines.push(Line {
                    span: Span::new(next, next),
                    trimmed: Span::new(next, next),
                    next,
                });
            }
            break;
        }
        start = next;
    }
    lines
}

/// The text with every white space removed (`浙 江 省` → `浙江省`).
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// The characters of a line that are not white space.
fn visible(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| !is_space(c))
}

/// Whether a line is a page number: `— 3 —`, `－1－`, `- 3 -`, `—— 2 ——`,
/// `第3页`, `第3页 共12页`, `3/12`.
pub fn is_page_number(line: &str) -> bool {
    // Most lines are ruled out by their length or their first character,
    // before anything is built.
    let starts_like_one = visible(line)
        .next()
        .is_some_and(|c| is_dash(c) || c == '第' || is_digit(c) || c == '一');
    if line.len() > 40 || !starts_like_one {
        return false;
    }
    let s = squeezed(line);
    let digits = |t: &str| !t.is_empty() && t.chars().count() <= 3 && t.chars().all(is_digit);
    if s.starts_with(is_dash) && s.ends_with(is_dash) {
        return digits(s.trim_matches(is_dash));
    }
    // OCR reads the page number's dashes as 一: `一 7 一`, `- 4 一`.
    let ocr_dash = |c: char| is_dash(c) || c == '一';
    if s.starts_with(ocr_dash) && s.ends_with(ocr_dash) && s.contains('一') {
        let inner = s.trim_matches(ocr_dash);
        return digits(inner) && line.contains(is_space);
    }
    if let Some((n, tail)) = s.strip_prefix('第').and_then(|rest| rest.split_once('页')) {
        return digits(n)
            && (tail.is_empty()
                || tail
                    .trim_start_matches([',', '，', '/'])
                    .strip_prefix('共')
                    .and_then(|t| t.strip_suffix('页'))
                    .is_some_and(digits));
    }
    if let Some((n, m)) = s.split_once('/') {
        return digits(n) && digits(m);
    }
    false
}

/// Whether a line is only a number of one to three digits (a page number in
/// a printout that prints nothing else).
pub fn is_bare_number(line: &str) -> bool {
    let mut n = 0;
    for c in visible(line) {
        if !c.is_ascii_digit() || n == 3 {
            return false;
        }
        n += 1;
    }
    n > 0
}

/// Marks of web-page furniture: a line holding one is not the document.
const FURNITURE_MARKS: &[&str] = &[
    "【打印】",
    "【关闭】",
    "【字体",
    "【字号",
    "字体：",
    "字体:",
    "字号：",
    "字号:",
    "[大][中][小]",
    "打印本页",
    "关闭窗口",
    "关闭本页",
    "分享到",
    "分享至",
    "扫一扫",
    "网站地图",
    "联系我们",
    "版权所有",
    "ICP备",
    "公网安备",
    "网站标识码",
    "网站标识",
    "您当前所在的位置",
    "您现在的位置",
    "当前位置：",
    "当前位置:",
    "您的位置：",
    "您的位置:",
    "责任编辑",
    "浏览次数",
    "阅读次数",
    "访问次数",
    "浏览量：",
    "浏览量:",
    "我要纠错",
    "无障碍",
    "繁体版",
    "繁體版",
    "关怀版",
    "长者助手",
    "网站支持IPV6",
    "附件下载",
    "网站支持IPv6",
    "当前浏览器版本过低",
    "相关阅读",
    "相关链接",
    "相关文件",
    "友情链接",
    "打印本文",
    "收藏本页",
];

/// Marks that start a page footer: everything after the document's last
/// paragraph from such a line on is furniture.
const FOOTER_MARKS: &[&str] = &[
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "网站地图",
    "相关阅读",
    "相关链接",
    "相关文章",
    "相关新闻",
    "相关解读",
    "相关政策",
    "相关附件",
    "版权所有",
    "【打印】",
    "【关闭】",
    "联系我们",
    "友情链接",
    "主办：",
    "主办:",
    "主办单位",
    "下载、打印",
    "手机阅读",
    "分享：",
    "分享:",
    "分享到",
    "内容纠错",
    "隐私声明",
    "网站声明",
    "您访问的链接即将离开",
    "文件下载",
];

/// Keys of the metadata block a government site prints around a document.
const METADATA_KEYS: &[&str] = &[
    "发布时间",
    "发表时间",
    "发布日期",
    "信息来源",
    "来源",
    "文章来源",
    "作者",
    "索引号",
    "主题分类",
    "发布机构",
    "成文日期",
    "标题",
    "发文字号",
    "有效性",
    "浏览量",
    "点击数",
    "公开方式",
    "公开范围",
    "生效日期",
    "废止日期",
    "文号",
    "发文机关",
    "主题词",
    "时间",
    "统一登记号",
    "信息时效期",
    "签署日期",
    "登记日期",
    "所属机构",
    "所属主题",
    "发文日期",
    "公开责任部门",
    "印发日期",
    "分类",
    "发文单位",
    "文件编号",
    "生效时间",
    "字号",
];

/// Whether a line is furniture by itself; `prose` is [`is_prose`] of it
/// (a sentence that mentions 无障碍 or 相关文件 is the document's).
pub fn is_furniture(line: &str, prose: bool) -> bool {
    (!prose && FURNITURE.in_text(line)) || is_iso_date_time(line) || is_download_link(line)
}

/// A file to download (`重点任务分工表.pdf`): a page's link, not text.
pub fn is_download_link(line: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".rar", ".zip", ".ofd", ".PDF",
        ".DOC", ".DOCX",
    ];
    let s = line.trim_end_matches(is_space);
    EXTENSIONS.iter().any(|e| s.ends_with(e))
}

/// Whether a line starts a page footer; `prose` is [`is_prose`] of it.
pub fn starts_footer(line: &str, prose: bool) -> bool {
    !prose && FOOTER.in_text(line)
}

/// The marks searched for all at once, in one pass over a line (every
/// line of a document is asked).
static FURNITURE: LazyLock<AnyWord> = LazyLock::new(|| AnyWord::new(FURNITURE_MARKS));
static FOOTER: LazyLock<AnyWord> = LazyLock::new(|| AnyWord::new(FOOTER_MARKS));

/// The first characters of [`METADATA_KEYS`]: most lines start with none.
static METADATA_KEY_STARTS: LazyLock<CharFilter> =
    LazyLock::new(|| CharFilter::of(METADATA_KEYS.iter().filter_map(|k| k.chars().next())));

/// A metadata key alone on its line (`发表时间：`, `索引号`, `有 效 性`), or
/// with its value (`发布日期：2024-09-26`): `Some(true)` when the value
/// follows on a later line.
pub fn metadata_key(line: &str) -> Option<bool> {
    let first = visible(line).next()?;
    if !METADATA_KEY_STARTS.may_contain(first) {
        return None;
    }
    // Compared as bytes: no key's first character decoded per line.
    let mut buf = [0u8; 4];
    let first: &str = first.encode_utf8(&mut buf);
    // The longest key the line starts with, spaces inside it ignored
    // (`有 效 性`).
    let (_, rest) = METADATA_KEYS
        .iter()
        .filter(|k| k.starts_with(first))
        .filter_map(|k| strip_key(line, k).map(|rest| (k.len(), rest)))
        .max_by_key(|&(len, _)| len)?;
    let rest = rest.trim_start_matches(is_space);
    let value = rest
        .trim_start_matches([':', '：'])
        .trim_start_matches(is_space);
    if rest.len() == value.len() && !value.is_empty() {
        // `来源于…`, `标题党`: a word that begins like a key.
        return None;
    }
    Some(value.is_empty())
}

/// `line` after `key`, white space inside and before the key skipped.
fn strip_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = line;
    for k in key.chars() {
        rest = rest.trim_start_matches(is_space);
        rest = rest.strip_prefix(k)?;
    }
    Some(rest)
}

/// A line that is only a colon (a metadata table cell).
pub fn is_colon(line: &str) -> bool {
    let mut v = visible(line);
    matches!(v.next(), Some(':' | '：')) && v.next().is_none()
}

/// `2024-06-25`, `2024-06-25 11:33:54`, `2024/06/25 11:33`: the way web
/// pages print dates, never a 公文's own.
pub fn is_iso_date_time(line: &str) -> bool {
    let s = line.trim_matches(is_space);
    if s.len() > 24 || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let (date, time) = s.split_once(' ').unwrap_or((s, ""));
    let parts: Vec<&str> = date.split(['-', '/']).collect();
    let date_ok = parts.len() == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    let time_ok = time.is_empty()
        || time
            .trim()
            .split(':')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()));
    date_ok && time_ok
}

/// A line of prose: a sentence of some length, the kind of line that only
/// the document itself has (navigation never does).
pub fn is_prose(line: &str) -> bool {
    // A line of fewer than 16 characters cannot hold 16 Han characters.
    if line.len() < 16 * 3 {
        return false;
    }
    // One pass that stops as soon as both are seen (a paragraph's line
    // has a comma and 16 Han characters early on).
    let mut punctuation = false;
    let mut han = 0;
    for c in line.chars() {
        if matches!(c, '，' | '。' | '；' | '、' | ',') {
            punctuation = true;
        } else if is_han(c) {
            han += 1;
        }
        if punctuation && han >= 16 {
            return true;
        }
    }
    false
}

/// A short line with no sentence punctuation: a navigation entry, a button.
pub fn is_nav_like(line: &str) -> bool {
    if line.len() > 160 {
        return false;
    }
    let chars = visible(line).count();
    let latin = chars <= 40 && visible(line).all(|c| c.is_ascii_alphabetic() || "&-'.".contains(c));
    latin
        || (chars <= 12
            && !line.contains(['，', '。', '；', '、', '〔', '《'])
            && !visible(line).any(|c| is_digit(c) && !c.is_ascii_digit()))
}

/// The display width of a line: CJK characters and full-width forms count
/// two, everything else one. Hard wraps happen at a width, not a count.
pub fn width(line: &str) -> usize {
    line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for line in [
            "— 3 —",
            "－ 1 －",
            "-3-",
            " —  12  — ",
            "—— 2 ——",
            "—１—",
            "第3页",
            "第 3 页 共 12 页",
            "3/12",
            "- 1 - ",
            "一 7 一",
            "- 4 一",
        ] {
            assert!(is_page_number(line), "{line}");
        }
        for line in [
            "——到2025年",
            "—",
            "1.",
            "第三章",
            "2024-06-25",
            "（一）",
            "— 1234 —",
            "一1一",
            "一 万 一",
        ] {
            assert!(!is_page_number(line), "{line}");
        }
    }

    #[test]
    fn metadata_keys() {
        assert_eq!(metadata_key("发表时间："), Some(true));
        assert_eq!(metadata_key("有 效 性"), Some(true));
        assert_eq!(metadata_key("发布日期：2024-09-26"), Some(false));
        assert_eq!(metadata_key("来源于群众"), None);
        assert_eq!(metadata_key("标题党"), None);
    }

    #[test]
    fn iso_dates_are_web_dates() {
        assert!(is_iso_date_time("2024-06-25 11:33:54"));
        assert!(is_iso_date_time("2024-09-30"));
        assert!(!is_iso_date_time("2024年9月30日"));
        assert!(!is_iso_date_time("11500000009275780L/2024-00159"));
    }

    #[test]
    fn lines_keep_their_breaks_out() {
        let lines = split("ab\r\n cd \n");
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].span, Span::new(0, 2));
        assert_eq!(lines[0].next, 4);
        assert_eq!(lines[1].trimmed, Span::new(5, 7));
        assert_eq!(lines[2].span, Span::new(9, 9));
    }
}
