use std::sync::LazyLock;

use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::text::{is_chinese, is_han, is_space};

use super::content_lines::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 一份文件在中文语句里混用半角和全角标点。按标点分类(逗号、冒号、
    /// 分号、括号、问号、叹号、句号、引号)统计全文:某一类以全角为主时,
    /// 中文语句里少数的半角用法(汉字之间的 `,`、句末的 `.`、
    /// `“湘易办"` 里的 `"`)逐个报告。另外,书名号里用半角尖括号 `<…>`
    /// 标示的嵌套书名,总是报告(应为〈〉)。
    ///
    /// ## 为什么是问题
    /// GB/T 15834-2011 规定中文语句使用全角标点。同一份文件里大部分是全角、
    /// 个别是半角,通常是从别处粘贴或手误造成的,排版上也显得参差。
    ///
    /// ## 例子
    /// ```text
    /// 制定并落实安全生产职责清单和年度任务清单.
    /// ```
    /// 全文句末都用“。”,此处用了半角“.”;修复改为“。”。`"` 在前面有未闭合
    /// 的“时改为“””,否则不给修复。
    ///
    /// ## 不报的情形
    /// - 整份文件某一类标点都是半角(网页做过 NFKC 规范化,全文 `,` `:`
    ///   `(` `)` 都是半角):这是一致的写法,不逐处报告;某一类以半角为主时,
    ///   少数的全角也不报;通篇半角而看得出是起草时打的,由 F107 整份报告
    ///   一次;
    /// - 数字和西文里的半角标点:`1,000`、`4:30`、`PM2.5`、`1.`、
    ///   `http://…`、`4G/5G`;
    /// - 网页残留行。
    ///
    /// English: in a document whose punctuation of one kind is mostly
    /// full-width, each half-width use of that kind in Chinese text (one
    /// diagnostic per minority use; nothing for a consistently half-width
    /// file), plus `<…>` nested in 《》 where 〈〉 is wanted.
    pub struct HalfWidthPunctuation {
        code: "F104",
        name: "half-width-punctuation",
        severity: Info,
        summary: "a document that mixes half-width and full-width punctuation in Chinese text (one diagnostic per minority use, not thousands for a consistently normalised file)",
    }
}

impl Rule for HalfWidthPunctuation {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.source.text();
        // Shared with F107: computed once per document.
        let tally = cx.memo(|| Tally::of(doc, cx));
        let mut out = Vec::new();
        for &line in content_lines(doc, cx).iter() {
            let chars = cx.chars(line);
            if chars.iter().any(|&(_, c)| matches!(c, '<' | '＜')) {
                out.extend(self.angle_brackets(cx, chars));
            }
        }
        // A document typed half-width throughout is one finding of F107,
        // not one per mark here.
        if tally.throughout() && !may_be_width_folded(cx) {
            return out;
        }
        let (full, half) = (&tally.full, &tally.half);
        for (class, spec) in CLASSES.iter().enumerate() {
            if full[class] <= half[class].len() {
                continue;
            }
            for &(span, c) in &half[class] {
                let message = format!(
                    "中文语句中使用了半角{}“{c}”:本文件的{}以全角为主(全角{}处,半角{}处)",
                    spec.name,
                    spec.name,
                    full[class],
                    half[class].len()
                );
                let mut diagnostic = cx.diagnostic(&Self::META, span, message);
                if let Some(right) = full_width(text, span, c) {
                    diagnostic = diagnostic.with_fix(Fix::replace(
                        format!("改为全角\"{right}\""),
                        span,
                        right,
                    ));
                }
                out.push(diagnostic);
            }
        }
        out
    }
}

impl HalfWidthPunctuation {
    /// `《…<…>…》`: a nested title marked with ASCII angle brackets.
    fn angle_brackets(&self, cx: &Context<'_>, chars: &[(usize, char)]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut open: Option<usize> = None;
        for &(at, c) in chars {
            match c {
                '《' => depth += 1,
                '》' => {
                    depth = depth.saturating_sub(1);
                    open = None;
                }
                '<' | '＜' if depth > 0 => open = Some(at),
                '>' | '＞' if depth > 0 => {
                    let Some(start) = open.take() else { continue };
                    let end = at + c.len_utf8();
                    let inner = &cx.source.text()[start..end];
                    let opener = inner.chars().next().unwrap_or('<');
                    let title = &inner[opener.len_utf8()..inner.len() - c.len_utf8()];
                    if !title.chars().any(is_han) {
                        continue;
                    }
                    let message = format!("书名号内的嵌套书名应使用单书名号〈〉,此处为\"{inner}\"");
                    let fix = Fix {
                        message: "改为单书名号〈〉".to_string(),
                        edits: vec![
                            crate::diagnostic::Edit {
                                span: Span::new(start, start + opener.len_utf8()),
                                replacement: "〈".to_string(),
                            },
                            crate::diagnostic::Edit {
                                span: Span::new(at, end),
                                replacement: "〉".to_string(),
                            },
                        ],
                    };
                    out.push(
                        cx.diagnostic(&Self::META, Span::new(start, end), message)
                            .with_fix(fix),
                    );
                }
                _ => {}
            }
        }
        out
    }
}

/// The punctuation of a document's Chinese text: full-width marks and
/// half-width uses in Chinese text, per class of [`CLASSES`].
pub(super) struct Tally {
    pub full: [usize; CLASSES.len()],
    pub half: Vec<Vec<(Span, char)>>,
}

impl Tally {
    pub fn of(doc: &Document, cx: &Context<'_>) -> Tally {
        let mut full = [0usize; CLASSES.len()];
        let mut half: Vec<Vec<(Span, char)>> = vec![Vec::new(); CLASSES.len()];
        for &line in content_lines(doc, cx).iter() {
            let mut before: Option<char> = None;
            let chars = cx.chars(line);
            for (k, &(at, c)) in chars.iter().enumerate() {
                let after = chars.get(k + 1).map(|&(_, c)| c);
                if let Some((class, is_full)) = class_of(c) {
                    if is_full {
                        full[class] += 1;
                    } else if in_chinese_text(before, after, c) {
                        half[class].push((Span::new(at, at + 1), c));
                    }
                }
                before = Some(c);
            }
        }
        Tally { full, half }
    }

    /// Half-width and full-width uses over the classes a keyboard in
    /// English mode types half-width (`,` `:` `;` `()` `?` `!`): the full
    /// stop and quotes stay out, since documents typed that way often keep
    /// 。 and “”.
    pub fn keyboard(&self) -> (usize, usize) {
        let mut half = 0;
        let mut full = 0;
        for (class, spec) in CLASSES.iter().enumerate() {
            if spec.keyboard {
                half += self.half[class].len();
                full += self.full[class];
            }
        }
        (half, full)
    }

    /// The Chinese text uses half-width punctuation throughout: at least
    /// [`THROUGHOUT_MIN`] half-width uses and at least
    /// [`THROUGHOUT_SHARE`] of the keyboard classes' marks. A few stray
    /// marks, or a document that mixes, is not "throughout".
    pub fn throughout(&self) -> bool {
        let (half, full) = self.keyboard();
        half >= THROUGHOUT_MIN && half * 100 >= THROUGHOUT_SHARE * (half + full)
    }
}

/// Whether a text's ASCII punctuation may be a machine's doing rather than
/// the drafter's: web pages reach us through content systems and crawlers
/// that fold every full-width form to ASCII (NFKC or a width fold: `，` `：`
/// `（` `％` `０` all become half-width at once), and such a text keeps no
/// full-width form at all. A drafter typing on an English keyboard leaves
/// some beside the ASCII (a `（` typed in Chinese mode, a `：` copied from a
/// template), on several lines. A printed layout (a PDF extraction, hard-wrapped at the page
/// width, or a `.pdf`/`.docx` read directly) is the drafter's own file:
/// nothing between the drafter and the page folds widths.
pub(super) fn may_be_width_folded(cx: &Context<'_>) -> bool {
    if cx.wrap_width().is_some() {
        return false;
    }
    let name = cx.source.name().to_ascii_lowercase();
    if [".pdf", ".docx", ".docm", ".dotx"]
        .iter()
        .any(|ext| name.ends_with(ext))
    {
        return false;
    }
    let full_width_lines = cx
        .source
        .text()
        .lines()
        // Every full-width form is encoded from the byte 0xEF, which
        // Chinese text hardly holds otherwise: a byte search rules most
        // lines out before any character is decoded.
        .filter(|line| line.as_bytes().contains(&0xEF) && line.chars().any(is_keyboard_trace))
        .take(KEYBOARD_TRACE_LINES)
        .count();
    full_width_lines < KEYBOARD_TRACE_LINES
}

/// A full-width form a drafter's keyboard leaves (U+FF01–FF5E), but not
/// `～`: it is what GB/T 15834 prescribes for a range, and what F105's fix
/// writes into a folded text, so it says nothing of how the text was typed.
fn is_keyboard_trace(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c) && c != '～'
}

/// Lines with a full-width form that show a drafter's keyboard rather than
/// one sentence typed into a folded text later (a pasted sentence is an
/// edit, not the way the document was typed).
const KEYBOARD_TRACE_LINES: usize = 3;

/// Half-width uses a document needs before it counts as half-width
/// throughout.
pub(super) const THROUGHOUT_MIN: usize = 20;
/// The share (per cent) of half-width marks among the keyboard classes.
pub(super) const THROUGHOUT_SHARE: usize = 90;

/// A kind of punctuation: its half-width form and its full-width forms.
pub(super) struct Class {
    pub name: &'static str,
    half: char,
    full: &'static str,
    /// Typed half-width by a keyboard in English mode and counted for
    /// "half-width throughout".
    keyboard: bool,
}

pub(super) const CLASSES: &[Class] = &[
    Class {
        name: "逗号",
        half: ',',
        full: "，",
        keyboard: true,
    },
    Class {
        name: "冒号",
        half: ':',
        full: "：",
        keyboard: true,
    },
    Class {
        name: "分号",
        half: ';',
        full: "；",
        keyboard: true,
    },
    Class {
        name: "括号",
        half: '(',
        full: "（",
        keyboard: true,
    },
    Class {
        name: "括号",
        half: ')',
        full: "）",
        keyboard: true,
    },
    Class {
        name: "问号",
        half: '?',
        full: "？",
        keyboard: true,
    },
    Class {
        name: "叹号",
        half: '!',
        full: "！",
        keyboard: true,
    },
    Class {
        name: "句号",
        half: '.',
        full: "。",
        keyboard: false,
    },
    Class {
        name: "引号",
        half: '"',
        full: "“”",
        keyboard: false,
    },
];

/// Whether the half-width mark at `k` is used in Chinese text.
/// The class of a punctuation mark in [`CLASSES`], and whether it is its
/// full-width form; `None` for anything else (most characters).
fn class_of(c: char) -> Option<(usize, bool)> {
    if c.is_ascii_alphanumeric() || is_han(c) {
        return None;
    }
    // Every mark of every class, sorted: a binary search per character
    // instead of a walk through the classes' strings.
    static MARKS: LazyLock<Vec<(char, usize, bool)>> = LazyLock::new(|| {
        let mut marks = Vec::new();
        for (class, spec) in CLASSES.iter().enumerate() {
            marks.push((spec.half, class, false));
            marks.extend(spec.full.chars().map(|f| (f, class, true)));
        }
        // The first class that names a mark wins, as in CLASSES' order.
        marks.sort_by_key(|&(mark, class, _)| (mark, class));
        marks.dedup_by_key(|&mut (mark, _, _)| mark);
        marks
    });
    let i = MARKS.binary_search_by_key(&c, |&(mark, _, _)| mark).ok()?;
    let (_, class, is_full) = MARKS[i];
    Some((class, is_full))
}

fn in_chinese_text(before: Option<char>, after: Option<char>, mark: char) -> bool {
    let chinese_before = before.is_some_and(is_chinese);
    let chinese_after = after.is_some_and(is_chinese);
    match mark {
        // A sentence-final full stop: after Chinese, before the end of the
        // line, white space or more Chinese. Not `1.`, `PM2.5`, `…`.
        '.' => {
            chinese_before
                && before != Some('…')
                && after.is_none_or(|c| {
                    is_space(c) || is_han(c) || matches!(c, '“' | '《' | '(' | '（')
                })
        }
        // Not between digits (1,000, 4:30) and not in URLs.
        ',' | ':' | ';' => {
            let digits = before.is_some_and(|c| c.is_ascii_digit())
                && after.is_some_and(|c| c.is_ascii_digit());
            !digits && after != Some('/') && (chinese_before || chinese_after)
        }
        '(' => chinese_before || chinese_after,
        ')' => chinese_before || chinese_after,
        _ => chinese_before || chinese_after,
    }
}

/// The full-width replacement of a half-width mark, when there is one.
pub(super) fn full_width(text: &str, span: Span, c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "，",
        ':' => "：",
        ';' => "；",
        '(' => "（",
        ')' => "）",
        '?' => "？",
        '!' => "！",
        '.' => "。",
        '"' => {
            // A closing quote when a “ is open before it on the line.
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..span.start];
            let opens = before.matches('“').count();
            let closes = before.matches('”').count() + before.matches('"').count();
            if opens > closes { "”" } else { return None }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_a_minority_full_stop_and_quote() {
        let text = "一、工作目标\n完善制度。落实“河长制”。加强督查。\n建好用好“湘易办\"服务端。\n制定年度任务清单.\n";
        let found = check(&HalfWidthPunctuation, text);
        assert_eq!(texts(text, &found), ["\"", "."]);
        assert_eq!(
            found[1].message,
            "中文语句中使用了半角句号“.”:本文件的句号以全角为主(全角4处,半角1处)"
        );
        let fixed = found[1].fix.as_ref().unwrap().apply(text);
        assert!(fixed.ends_with("任务清单。\n"), "{fixed}");
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.contains("“湘易办”服务端"), "{fixed}");
    }

    #[test]
    fn fires_on_a_minority_comma() {
        let text = "完善制度，落实责任，加强督查，强化考核,推动落实。\n";
        let found = check(&HalfWidthPunctuation, text);
        assert_eq!(texts(text, &found), [","]);
        assert_eq!(
            found[0].fix.as_ref().unwrap().apply(text),
            text.replace(',', "，")
        );
    }

    #[test]
    fn fires_on_angle_brackets_in_a_title() {
        let text = "根据《市政府办公室关于印发<衡北市实施“六大工程”总体方案>的通知》精神。\n";
        let found = check(&HalfWidthPunctuation, text);
        assert_eq!(texts(text, &found), ["<衡北市实施“六大工程”总体方案>"]);
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(
            fixed.contains("《市政府办公室关于印发〈衡北市实施“六大工程”总体方案〉的通知》"),
            "{fixed}"
        );
    }

    #[test]
    fn a_consistently_half_width_file_is_quiet() {
        // NFKC-normalised: every comma, colon and bracket is ASCII.
        let text =
            "一、工作目标\n(一)强化领导。完善制度,落实责任,加强督查:每月调度。(县政府办牵头)\n";
        assert!(check(&HalfWidthPunctuation, text).is_empty());
        // A few full-width commas among many ASCII ones: not reported either.
        let text = "完善制度,落实责任,加强督查，强化考核,推动落实。\n";
        assert!(check(&HalfWidthPunctuation, text).is_empty());
    }

    #[test]
    fn numbers_and_latin_are_not_chinese_text() {
        let text = "完善制度，落实责任，于4:30前完成1,000户，PM2.5下降，网址http://example.cn，推广4G/5G，实施1.2万亩。\n";
        assert!(check(&HalfWidthPunctuation, text).is_empty());
    }
}
