use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::planset::{AttachmentFile as Finding, MemberFile, match_files};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 一组文件(总体方案和作为单独文件报送的附件,见 `plan-lint.toml` 的
    /// `[[set]]`,或 `plan-lint check 目录` 认出的一组)与总体方案的附件说明
    /// 对不上:
    /// - 附件说明列出的附件,正文里没有,这组文件里也没有哪个文件是它
    ///   (按标题认,标题不同时按文件名里的“附件N”认);
    /// - 组里的某个文件不是附件说明列出的任何一个附件。
    ///
    /// ## 为什么是问题
    /// 附件作为单独文件印发时,漏了一个文件,或多夹了一个附件说明没有的文件,
    /// 收文单位拿到的就不是完整、一致的一套文件,逐项核对附件的审核人员也
    /// 最容易在这里出错。
    ///
    /// ## 例子
    /// 总体方案的附件说明为 `附件:1.某县老旧小区改造实施方案 2.某县农村人居
    /// 环境整治实施方案`,目录里只有 `附件1.docx`:报告在附件说明的第2项上:
    /// `附件说明列出了附件2"某县农村人居环境整治实施方案",这组文件中没有这个附件`。
    /// 目录里还有标着“附件3”的 `附件3.docx`:报告在这个文件的第一行:
    /// `文件"附件3.docx"不在总体方案的附件说明中`。
    ///
    /// ## 不报的情形
    /// - 单个文件(不是一组):附件常作为单独的下载文件,看不到不等于缺失;
    /// - 写在总体方案正文后的附件(由 S201 核对);
    /// - 文件说明附件不公开(`附件不公开`)时,缺的附件是不公开,不是缺失。
    ///
    /// English: in a plan set (an overall plan and its attachments as separate
    /// files, declared by `[[set]]` or recognised in a folder), an entry of
    /// the main plan's 附件说明 that neither its text nor any file of the set
    /// is (matched by title, else by 附件N in the file name), and a file of
    /// the set that no entry lists. A single file is never checked: an
    /// attachment not seen there is often only a separate download.
    pub struct AttachmentFile {
        code: "S203",
        name: "attachment-file",
        severity: Warning,
        summary: "in a plan set, an attachment the 附件说明 lists without its file, or a file it does not list",
    }
}

impl Rule for AttachmentFile {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(set) = cx.set() else {
            return Vec::new();
        };
        // The note must be the main plan's, and only its attachments are
        // written into its text.
        let (Some(note), Some(main)) = (&doc.attachment_note, set.parts.first()) else {
            return Vec::new();
        };
        if cx.member(note.span.start) != Some(0) {
            return Vec::new();
        }
        let text = set.source.text();
        let files: Vec<MemberFile> = set.parts[1..]
            .iter()
            .map(|p| MemberFile::read(&p.name, &text[p.span.start..p.span.end]))
            .collect();
        let within = cx.view_span(main.span);
        let mut out = Vec::new();
        for finding in match_files(doc, Some(within), &files).findings {
            match finding {
                Finding::Missing { entry } => {
                    if doc.attachments_withheld.is_some() {
                        continue;
                    }
                    let entry = &note.entries[entry];
                    let which = entry.number.map_or(String::new(), |n| n.to_string());
                    out.push(cx.diagnostic(
                        &Self::META,
                        entry.title_span,
                        format!(
                            "附件说明列出了附件{which}\"{}\",这组文件中没有这个附件",
                            entry.title
                        ),
                    ));
                }
                Finding::Unlisted { file } => {
                    let part = &set.parts[file + 1];
                    let first = first_line(&text[part.span.start..part.span.end]);
                    let span =
                        Span::new(part.span.start + first.start, part.span.start + first.end);
                    let name = part.name.rsplit(['/', '\\']).next().unwrap_or(&part.name);
                    out.push(
                        cx.diagnostic(
                            &Self::META,
                            cx.view_span(span),
                            format!("文件\"{name}\"不在总体方案的附件说明中"),
                        )
                        .with_related(note.label_span, "附件说明在这里"),
                    );
                }
            }
        }
        out
    }
}

/// The first line of `text` that is not empty, without its line break.
fn first_line(text: &str) -> Span {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            return Span::new(at, at + body.len());
        }
        at += line.len();
    }
    Span::new(0, 0)
}

#[cfg(test)]
mod tests {
    use plan_lint_core::Source;
    use plan_lint_core::planset::SetSource;

    use super::*;
    use crate::rule::Settings;
    use crate::set::run_set;

    const MAIN: &str = "\
某县城乡融合发展总体方案
一、主要目标
到2025年,全县改造老旧小区5个以上。
附件:1.某县老旧小区改造实施方案
2.某县农村人居环境整治实施方案
";

    fn found(members: &[(&str, &str)]) -> Vec<(usize, String, String)> {
        let sources: Vec<Source> = members
            .iter()
            .map(|(name, text)| Source::new(*name, text.to_string()))
            .collect();
        let refs: Vec<&Source> = sources.iter().collect();
        let set = SetSource::new(&refs);
        run_set(&[&AttachmentFile as &dyn Rule], &set, &Settings::default())
            .into_iter()
            .map(|d| {
                let text = members[d.file].1;
                let at = &text[d.diagnostic.span.start..d.diagnostic.span.end];
                (d.file, at.to_string(), d.diagnostic.message)
            })
            .collect()
    }

    #[test]
    fn an_entry_without_its_file_is_reported_at_the_entry() {
        let found = found(&[
            ("总体方案.txt", MAIN),
            (
                "附件1.txt",
                "附件1\n某县老旧小区改造实施方案\n一、工作目标\n",
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].0, 0);
        assert_eq!(found[0].1, "某县农村人居环境整治实施方案");
        assert!(found[0].2.contains("附件2"), "{}", found[0].2);
    }

    #[test]
    fn a_file_the_note_does_not_list_is_reported_in_that_file() {
        let found = found(&[
            ("总体方案.txt", MAIN),
            ("附件2.txt", "附件2\n某县农村人居环境整治实施方案\n"),
            ("附件1.docx", "附件1\n\n某县老旧小区改造\n实施方案\n"),
            ("dir/附件3.txt", "\n附件3\n某县道路提质改造实施方案\n"),
        ]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].0, 3);
        assert_eq!(found[0].1, "附件3");
        assert_eq!(found[0].2, "文件\"附件3.txt\"不在总体方案的附件说明中");
    }

    #[test]
    fn attachments_in_the_plan_text_or_withheld_are_not_missing() {
        let in_text = format!("{MAIN}附件2\n某县农村人居环境整治实施方案\n一、目标\n");
        let found_in_text = found(&[
            ("总体方案.txt", &in_text),
            ("附件1.txt", "附件1\n某县老旧小区改造实施方案\n"),
        ]);
        assert!(found_in_text.is_empty(), "{found_in_text:#?}");
        let withheld = format!("{MAIN}\n某县人民政府\n2024年5月1日\n(此件公开发布,附件不公开)\n");
        let found_withheld = found(&[
            ("总体方案.txt", &withheld),
            ("附件1.txt", "附件1\n某县老旧小区改造实施方案\n"),
        ]);
        assert!(found_withheld.is_empty(), "{found_withheld:#?}");
    }

    #[test]
    fn a_single_file_is_never_checked() {
        let text = format!("{MAIN}附件1\n某县老旧小区改造实施方案\n");
        let found = crate::engine::testing::check(&AttachmentFile, &text);
        assert!(found.is_empty(), "{found:#?}");
    }
}
