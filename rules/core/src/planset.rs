//! Plan sets: several files read as one document (an overall plan and its
//! attachments saved as 附件1.docx, 附件2.docx …).
//!
//! A set is read as one [`Source`]: the members' texts joined in order, each
//! ending in a line break, with a map from every offset of the joined text
//! back to its member and its offset there ([`SetSource::locate`]). Every
//! rule then sees the whole set as it sees one file (a target stated in the
//! plan and restated in an attachment file is one comparison), and a caller
//! maps each place it reports back into the file it is in.
//!
//! [`attachment_files`] compares the main plan's 附件说明 with the other
//! members: an attachment it lists that no file is, or a file it does not
//! list.

use crate::Span;
use crate::model::Document;
use crate::normalise::TextView;
use crate::source::Source;

/// One member of a set: its name and its span in the joined text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub span: Span,
}

/// The members of a set joined into one source, with the map back.
///
/// What is joined is each member's normalised view ([`TextView`]), not its
/// raw text: a member's page marks, running heads or web furniture are set
/// aside by reading that member alone, as they would be if it were checked
/// alone, and one crawled page in a set does not make the normaliser read
/// the other files as a web page.
#[derive(Clone, Debug)]
pub struct SetSource {
    pub source: Source,
    /// Each member's span in the joined text (of its view).
    pub parts: Vec<Part>,
    views: Vec<TextView>,
    originals: Vec<Source>,
}

impl SetSource {
    /// Joins `members` in order (the main plan first) into one source named
    /// after the first. A member whose view does not end in a line break
    /// gets one, so that no line runs from one file into the next.
    pub fn new(members: &[&Source]) -> SetSource {
        let mut text = String::new();
        let mut parts = Vec::with_capacity(members.len());
        let mut views = Vec::with_capacity(members.len());
        for member in members {
            let view = TextView::new(member);
            let start = text.len();
            text.push_str(view.source().text());
            let end = text.len();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            parts.push(Part {
                name: member.name().to_string(),
                span: Span::new(start, end),
            });
            views.push(view);
        }
        let name = members.first().map_or("", |m| m.name()).to_string();
        SetSource {
            source: Source::new(name, text),
            parts,
            views,
            originals: members.iter().map(|m| (*m).clone()).collect(),
        }
    }

    /// The member an offset of the joined text is in, and the offset there
    /// in the member's own text. A line break added between members belongs
    /// to the member before it.
    pub fn locate(&self, offset: usize) -> Option<(usize, usize)> {
        let (i, local) = self.locate_in_view(offset)?;
        Some((i, self.views[i].offset_to_original(local)))
    }

    /// The member a span is in and the span in its own text; a span that
    /// crosses from one member into the next is cut at the end of the
    /// first.
    pub fn locate_span(&self, span: Span) -> Option<(usize, Span)> {
        let (i, start) = self.locate_in_view(span.start)?;
        let part = &self.parts[i];
        let end = span.end.clamp(span.start, part.span.end) - part.span.start;
        let local = Span::new(start, end.max(start));
        Some((i, self.views[i].to_original(local)))
    }

    /// The member an offset of the joined text is in and its 1-based line
    /// in the member's own text.
    pub fn member_line(&self, offset: usize) -> Option<(usize, usize)> {
        let (i, local) = self.locate(offset)?;
        Some((i, self.originals[i].line_col_1based(local).0))
    }

    /// The member and the offset in its view.
    fn locate_in_view(&self, offset: usize) -> Option<(usize, usize)> {
        let i = self
            .parts
            .partition_point(|p| p.span.start <= offset)
            .checked_sub(1)?;
        let part = &self.parts[i];
        Some((i, offset.min(part.span.end) - part.span.start))
    }
}

/// What a member file says of itself: its name and the titles it may
/// carry (the attachment's title, or the plan's: its first title line, and
/// that line with the next for a title wrapped over two), for matching it
/// with an entry of the 附件说明.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberFile<'a> {
    pub name: &'a str,
    pub titles: Vec<&'a str>,
}

impl<'a> MemberFile<'a> {
    /// A file named `name` with the text `text`: its titles are read from
    /// its first lines ([`title_lines`]).
    pub fn read(name: &'a str, text: &'a str) -> MemberFile<'a> {
        MemberFile {
            name,
            titles: title_lines(text),
        }
    }

    fn titled(&self, title: &str) -> bool {
        self.titles.iter().any(|t| same_title(t, title))
    }
}

/// The title lines of a file that may be an attachment: its first line
/// that is not empty, after an attachment's mark (`附件`, `附件2`, `附件2:`)
/// if it starts with one (or the rest of the mark's line, `附件2:某某方案`),
/// and that line with the next (a title wrapped over two lines), as one
/// slice of `text` where they follow each other.
pub fn title_lines(text: &str) -> Vec<&str> {
    let mut lines = text
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .filter(|(_, line)| !line.trim().is_empty())
        .take(3);
    let Some((start, first)) = lines.next() else {
        return Vec::new();
    };
    let (mut start, mut first) = (start, first);
    match attachment_mark(first) {
        Some(rest) if !rest.trim().is_empty() => {
            start += first.len() - rest.len();
            first = rest;
        }
        Some(_) => match lines.next() {
            Some(next) => (start, first) = next,
            None => return Vec::new(),
        },
        None => {}
    }
    let mut titles = vec![first.trim()];
    if let Some((next_start, next)) = lines.next() {
        let joined = &text[start..next_start + next.len()];
        if attachment_mark(next).is_none() && !joined.contains(['。', '；', ';']) {
            titles.push(joined.trim());
        }
    }
    titles
}

/// The rest of `line` after an attachment's mark (`附件`, `附件2`, `附件2:`,
/// `附件二`), or `None` when the line does not start with one.
fn attachment_mark(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("附件")?;
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
    });
    let rest = rest.trim_start_matches([' ', '\t', '\u{3000}']);
    if rest.trim().is_empty() {
        return Some(rest);
    }
    rest.strip_prefix([':', '：'])
}

/// Whether a file looks like an attachment: its name carries `附件N`
/// (`附件2.docx`, `附件2-重点任务清单.txt`), or its first line that is not
/// empty is an attachment's mark.
pub fn looks_like_attachment(name: &str, text: &str) -> bool {
    numbered(name).is_some()
        || text
            .lines()
            .find(|l| !l.trim().is_empty())
            .and_then(attachment_mark)
            .is_some()
}

/// A disagreement between the 附件说明 and the files of a set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttachmentFile {
    /// The note's entry `entry` (an index into its entries) is no file of
    /// the set.
    Missing { entry: usize },
    /// Member `file` (an index into the files given) is not in the note.
    Unlisted { file: usize },
}

/// How the entries of a 附件说明 and the files of a set go together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileMatch {
    /// For each entry of the note: the file that is its attachment, if one
    /// is (`None` also for an attachment written into the plan's text).
    pub files: Vec<Option<usize>>,
    /// Where the note and the files disagree.
    pub findings: Vec<AttachmentFile>,
}

/// Compares the 附件说明 of `main` with the other `files` of its set. A file
/// is an entry's attachment when its title is the entry's title (without
/// book-title marks and spaces), or when its name carries the entry's
/// number as 附件N and no other entry's title is its title. An entry whose
/// attachment is written into the plan's text (an attachment of `main`
/// within `within`, or anywhere when `within` is `None`) is not looked for
/// in files.
pub fn match_files(main: &Document, within: Option<Span>, files: &[MemberFile]) -> FileMatch {
    let Some(note) = &main.attachment_note else {
        return FileMatch::default();
    };
    let inside = |span: Span| within.is_none_or(|w| w.start <= span.start && span.start < w.end);
    let in_text = |number: Option<u32>, title: &str| {
        main.attachments.iter().filter(|a| inside(a.span)).any(|a| {
            (number.is_some() && a.ordinal == number)
                || a.title.as_ref().is_some_and(|t| same_title(&t.text, title))
        })
    };
    let mut taken = vec![false; files.len()];
    let mut matched = FileMatch::default();
    for (e, entry) in note.entries.iter().enumerate() {
        if in_text(entry.number, &entry.title) {
            matched.files.push(None);
            continue;
        }
        let by_title = files
            .iter()
            .enumerate()
            .position(|(i, f)| !taken[i] && f.titled(&entry.title));
        let by_number = || {
            let n = entry.number?;
            files.iter().enumerate().position(|(i, f)| {
                !taken[i]
                    && numbered(f.name) == Some(n)
                    && !note.entries.iter().any(|other| f.titled(&other.title))
            })
        };
        let found = by_title.or_else(by_number);
        match found {
            Some(i) => taken[i] = true,
            None => matched.findings.push(AttachmentFile::Missing { entry: e }),
        }
        matched.files.push(found);
    }
    for (i, _) in files.iter().enumerate().filter(|&(i, _)| !taken[i]) {
        matched.findings.push(AttachmentFile::Unlisted { file: i });
    }
    matched
}

/// [`match_files`]'s findings, attachments anywhere in `main` counting as
/// written into its text.
pub fn attachment_files(main: &Document, files: &[MemberFile]) -> Vec<AttachmentFile> {
    match_files(main, None, files).findings
}

/// The plan sets among the files of one folder (`sources`, each named by
/// its path): a plan whose 附件说明 lists attachments that other files are
/// ([`match_files`]) is a set with them, the plan first, then its files in
/// the order of its entries. A file two plans would claim is neither's, and
/// a plan another claims is no set's main plan. When the folder holds one
/// set, its other files that [look like attachments](looks_like_attachment)
/// join it (S203 reports them as not listed). Files with no plan to claim
/// them are in no set: a folder of unrelated plans has none.
pub fn recognise(sources: &[&Source]) -> Vec<Vec<usize>> {
    let members: Vec<usize> = (0..sources.len()).collect();
    let members = &members[..];
    // Plans with a 附件说明 and the files each one's entries find.
    let mut claims: Vec<(usize, Vec<usize>)> = Vec::new();
    // What could make a file some plan's attachment, read without parsing:
    // 附件N in its name, or its title (its first title line; not a web
    // page's furniture such as 分享到:, which other crawled plans hold too).
    let marks: Vec<(bool, Option<&str>)> = sources
        .iter()
        .map(|s| {
            let title = title_lines(s.text()).first().copied();
            (
                numbered(s.name()).is_some(),
                title.filter(|t| {
                    t.chars().count() >= 4 && !crate::normalise::lines::is_furniture(t, false)
                }),
            )
        })
        .collect();
    for &main in members {
        let text = sources[main].text();
        // Only a plan that mentions an attachment, in a folder with a file
        // named 附件N or titled as something its text says, is parsed.
        let plausible = text.contains("附件")
            && marks.iter().enumerate().any(|(i, (named, title))| {
                i != main && (*named || title.is_some_and(|t| text.contains(t)))
            });
        if !plausible {
            continue;
        }
        let reading = crate::Reading::new(sources[main]);
        if reading
            .doc
            .attachment_note
            .as_ref()
            .is_none_or(|n| n.entries.is_empty())
        {
            continue;
        }
        let others: Vec<usize> = members.iter().copied().filter(|&i| i != main).collect();
        let files: Vec<MemberFile> = others
            .iter()
            .map(|&i| MemberFile::read(sources[i].name(), sources[i].text()))
            .collect();
        let found: Vec<usize> = match_files(&reading.doc, None, &files)
            .files
            .into_iter()
            .flatten()
            .map(|f| others[f])
            .collect();
        if !found.is_empty() {
            claims.push((main, found));
        }
    }
    // A file two plans claim is neither's; a plan another claims is an
    // attachment, not a set's main plan.
    let claimed = |file: usize| claims.iter().filter(|(_, f)| f.contains(&file)).count();
    let mut sets: Vec<Vec<usize>> = claims
        .iter()
        .filter(|(main, _)| claimed(*main) == 0)
        .map(|(main, found)| {
            let mut set = vec![*main];
            set.extend(found.iter().copied().filter(|&f| claimed(f) == 1));
            set
        })
        .filter(|set| set.len() >= 2)
        .collect();
    if let [set] = &mut sets[..] {
        let unlisted: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| claimed(i) == 0 && !set.contains(&i))
            .filter(|&i| looks_like_attachment(sources[i].name(), sources[i].text()))
            .collect();
        set.extend(unlisted);
    }
    sets
}

fn same_title(a: &str, b: &str) -> bool {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '“' | '”' | '"'))
            .collect()
    };
    let (a, b) = (clean(a), clean(b));
    !a.is_empty() && a == b
}

/// N of a file named `附件N…` (`附件2.docx`, `附件2-重点任务清单.txt`).
fn numbered(name: &str) -> Option<u32> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let rest = &base[base.find("附件")? + "附件".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIN: &str = "\
某县城乡融合发展总体方案
一、主要目标
到2025年,改造老旧小区5个以上。
附件:1.某县老旧小区改造实施方案
2.某县农村人居环境整治实施方案
";
    const ATTACHMENT: &str = "\
附件1
某县老旧小区改造实施方案
一、工作目标
到2025年,改造老旧小区7个以上。";

    fn source(name: &str, text: &str) -> Source {
        Source::new(name, text.to_string())
    }

    #[test]
    fn offsets_of_the_joined_text_map_back_to_their_file() {
        let main = source("总体方案.txt", MAIN);
        let attachment = source("附件1.txt", ATTACHMENT);
        let set = SetSource::new(&[&main, &attachment]);
        let text = set.source.text();
        let at = text.find("7个以上").unwrap();
        let (file, local) = set.locate(at).unwrap();
        assert_eq!(file, 1);
        assert_eq!(&ATTACHMENT[local..local + "7个以上".len()], "7个以上");
        let at = text.find("5个以上").unwrap();
        assert_eq!(set.locate(at), Some((0, MAIN.find("5个以上").unwrap())));
        // The attachment's last line gets its line break in the joined text
        // only; it is still the attachment's.
        assert!(text.ends_with("7个以上。\n"));
        let (file, span) = set.locate_span(Span::new(at, text.len())).unwrap();
        assert_eq!((file, span.end), (0, MAIN.len()));
    }

    #[test]
    fn a_listed_attachment_without_its_file_is_missing() {
        let main = crate::Reading::new(&source("总体方案.txt", MAIN));
        let files = [MemberFile::read("附件1.txt", ATTACHMENT)];
        assert_eq!(
            attachment_files(&main.doc, &files),
            [AttachmentFile::Missing { entry: 1 }]
        );
    }

    #[test]
    fn a_file_the_note_does_not_list_is_unlisted() {
        let main = crate::Reading::new(&source("总体方案.txt", MAIN));
        let files = [
            MemberFile::read("附件1.txt", "附件1:\n《某县老旧小区改造实施方案》\n"),
            // Found by its number although its title is not the entry's.
            MemberFile::read("附件2.docx", "附件2\n\n农村人居环境整治实施方案\n"),
            MemberFile::read("附件3.txt", "附件3\n某县道路提质改造实施方案\n"),
        ];
        assert_eq!(
            attachment_files(&main.doc, &files),
            [AttachmentFile::Unlisted { file: 2 }]
        );
    }

    #[test]
    fn a_file_named_for_one_entry_but_titled_as_another_is_that_other() {
        let main = crate::Reading::new(&source("总体方案.txt", MAIN));
        let files = [MemberFile::read(
            "附件1.txt",
            "某县农村人居环境整治\n实施方案\n",
        )];
        assert_eq!(
            attachment_files(&main.doc, &files),
            [AttachmentFile::Missing { entry: 0 }]
        );
    }

    #[test]
    fn titles_are_read_after_the_mark_and_over_a_wrapped_line() {
        assert_eq!(
            title_lines("附件2\n\n某县老旧小区改造\n实施方案\n一、目标"),
            ["某县老旧小区改造", "某县老旧小区改造\n实施方案"]
        );
        assert_eq!(title_lines("附件2：某县实施方案\n"), ["某县实施方案"]);
        // A sentence is not a title's second line.
        assert_eq!(
            title_lines("某县实施方案\n为推进工作,制定本方案。\n"),
            ["某县实施方案"]
        );
        assert!(title_lines("附件\n").is_empty());
        assert!(looks_like_attachment("方案.txt", "\n附件3\n某县方案"));
        assert!(looks_like_attachment("附件3-清单.docx", "某县方案"));
        assert!(!looks_like_attachment("方案.txt", "附件说明见文末"));
        assert!(!looks_like_attachment("方案.txt", "某县方案\n附件1"));
    }

    #[test]
    fn empty_sets_and_odd_names_never_panic() {
        let set = SetSource::new(&[]);
        assert_eq!(set.locate(0), None);
        let empty = source("a.txt", "");
        let set = SetSource::new(&[&empty, &empty]);
        assert_eq!(set.locate(0), Some((1, 0)));
        assert_eq!(numbered("附件"), None);
        assert_eq!(numbered("dir/附件12-清单.txt"), Some(12));
    }
}
