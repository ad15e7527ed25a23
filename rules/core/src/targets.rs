//! The identity of a numeric target: which quantities of a document state
//! the same target (the clause around the number with the number,
//! qualifiers, markers and punctuation masked, plus its year, period and
//! scope). Computed once per document and shared by T101, T102 and T103 and
//! by the language server's hover, references and definition.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::Span;
use crate::model::Document;
use crate::quantity::{Qualifier, Quantity, Value};
use crate::text::{digit_value, is_clause_break, is_cn_digit, is_digit, is_han, is_sentence_break};
use crate::words::{AnyWord, CharFilter, WordIndex};

/// Every statement of the same target as quantity `index` of the document
/// (itself included), in document order: the grouping T101 and T102 use.
/// A quantity that states no specific target is its own group. For the
/// language server's hover, references and definition.
pub fn target_statements(
    doc: &Document,
    text: &str,
    words: &TargetWords,
    index: usize,
) -> Vec<usize> {
    let targets = targets(doc, text, words);
    let Some(me) = targets.iter().find(|t| t.index == index) else {
        return vec![index];
    };
    let mut same: Vec<usize> = targets
        .iter()
        .filter(|t| t.key == me.key)
        .map(|t| t.index)
        .collect();
    same.sort_by_key(|&i| doc.quantities[i].quantity.span.start);
    same
}

/// A synonym's characters and the word of its group that stands for it.
type Synonym = (Vec<char>, String);

/// What a pack tells the target analysis (`[targets]` of a pack): words
/// that name the same action when a target is restated (集聚/汇聚,
/// 培育/打造), and the terms that make a quantity a term of one measure
/// (最高补助, 贴息期限, 不超过) rather than a goal of the whole plan.
#[derive(Clone, Debug, Default)]
pub struct TargetWords {
    /// By first character, sorted by it (looked up at every character of
    /// every target's wording: a binary search, no hashing): each word's
    /// characters and the canonical word of its group, longest word first.
    synonyms: Vec<(char, Vec<Synonym>)>,
    /// The first characters of `synonyms`: most characters start no
    /// synonym, and say so with one bit test.
    synonym_starts: CharFilter,
    measure_terms: AnyWord,
}

impl TargetWords {
    /// From groups of synonyms (the first word of a group stands for all
    /// of them) and measure terms. Empty words are ignored; a word in two
    /// groups takes the first group.
    pub fn new(synonyms: &[Vec<String>], measure_terms: &[String]) -> TargetWords {
        let mut index: HashMap<char, Vec<(Vec<char>, String)>> = HashMap::new();
        for group in synonyms {
            let Some(canonical) = group.first() else {
                continue;
            };
            for word in group {
                let cs: Vec<char> = word.chars().collect();
                let Some(&first) = cs.first() else { continue };
                let bucket = index.entry(first).or_default();
                if !bucket.iter().any(|(w, _)| *w == cs) {
                    bucket.push((cs, canonical.clone()));
                }
            }
        }
        for bucket in index.values_mut() {
            bucket.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        let mut synonyms: Vec<(char, Vec<Synonym>)> = index.into_iter().collect();
        synonyms.sort_unstable_by_key(|&(c, _)| c);
        let synonym_starts = CharFilter::of(synonyms.iter().map(|&(c, _)| c));
        TargetWords {
            synonyms,
            synonym_starts,
            measure_terms: AnyWord::new(measure_terms),
        }
    }

    /// The longest synonym at `cs[at]`: its length in chars and the word
    /// of its group that stands for it.
    fn synonym_at(&self, cs: &[char], at: usize) -> Option<(usize, &str)> {
        let first = *cs.get(at)?;
        if !self.synonym_starts.may_contain(first) {
            return None;
        }
        let i = self
            .synonyms
            .binary_search_by_key(&first, |&(c, _)| c)
            .ok()?;
        self.synonyms[i]
            .1
            .iter()
            .find(|(w, _)| cs.get(at..at + w.len()) == Some(w.as_slice()))
            .map(|(w, c)| (w.len(), c.as_str()))
    }

    /// Whether `s` names a term of a measure.
    fn has_measure_term(&self, s: &str) -> bool {
        self.measure_terms.in_text(s)
    }
}

/// A quantity that states a target specific enough to compare.
#[derive(Debug)]
pub struct Target {
    /// Index into [`Document::quantities`].
    pub index: usize,
    /// The normalised wording with the number masked, plus year and
    /// scope tags; equal keys name the same target.
    pub key: String,
    /// The wording without the number, as written, for messages.
    pub name: String,
    /// 增长 or 增加 before the number, when there is one.
    pub verb: Option<Verb>,
    pub block: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    /// 增长
    Grow,
    /// 增加
    Add,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Grow => "增长",
            Verb::Add => "增加",
        }
    }
}

/// How a value is bounded, as far as the meaning of a target goes:
/// 以上/不低于/突破/余 vs 以内/不超过 vs neither. 左右 and 达到 hedge or
/// emphasise; 力争 and 确保 leave the bound alone but say how certainly the
/// value is promised ([`certainty`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Exact,
    AtLeast,
    AtMost,
}

pub fn bound(q: &Quantity) -> Bound {
    let lower = q.has(Qualifier::AtLeast) || q.has(Qualifier::Exceed);
    let upper = q.has(Qualifier::AtMost);
    match (lower, upper) {
        (true, false) => Bound::AtLeast,
        (false, true) => Bound::AtMost,
        _ => Bound::Exact,
    }
}

/// How certainly a value is promised: 力争 (a stretch goal) or 确保 (a
/// floor that must be met). When a clause has both (确保…力争…), the word
/// nearer the number governs it. `None` when neither is written.
pub fn certainty(q: &Quantity) -> Option<Qualifier> {
    q.qualifier_words
        .iter()
        .rev()
        .find_map(|w| match w.as_str() {
            "力争" => Some(Qualifier::Strive),
            "确保" => Some(Qualifier::Ensure),
            _ => None,
        })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether two values state the same number.
pub fn same_value(a: Value, b: Value) -> bool {
    close(a.low(), b.low()) && close(a.high(), b.high())
}

/// Whether two values disagree: different, and not a range and a
/// number inside it.
pub fn conflict(a: Value, b: Value) -> bool {
    if same_value(a, b) {
        return false;
    }
    let inside = |range: Value, v: Value| {
        matches!(range, Value::Range { .. })
            && matches!(v, Value::Exact(_))
            && range.low() - 1e-9 <= v.low()
            && v.high() <= range.high() + 1e-9
    };
    !(inside(a, b) || inside(b, a))
}

/// A hashable form of a value.
pub fn value_bits(v: Value) -> (u64, u64) {
    let norm = |x: f64| if x == 0.0 { 0u64 } else { x.to_bits() };
    (norm(v.low()), norm(v.high()))
}

/// Words that hedge or emphasise and are dropped from the key.
const FILLERS: &[&str] = &["力争", "确保", "努力", "全力", "力求", "实现", "同比"];

/// Verbs and function words that do not name a metric; what is left of a
/// key without them must have [`MIN_CONTENT`] Han characters.
const GENERIC: &[&str] = &[
    "增长",
    "增加",
    "提高",
    "提升",
    "下降",
    "降低",
    "减少",
    "新增",
    "净增",
    "新建",
    "建成",
    "建设",
    "完成",
    "实现",
    "达到",
    "超过",
    "突破",
    "其中",
    "比上年",
    "左右",
    "以上",
    "以内",
    "控制",
    "保持",
    "稳定",
    "不低于",
    "不少于",
    "累计",
    "合计",
    "总数",
    "总量",
    "开展",
    "实施",
    "推动",
    "推进",
    "组织",
    "打造",
    "培育",
    "引进",
    "改造",
    "创建",
    "举办",
    "争取",
    "全年",
    "今年",
    "年度",
    "力争",
    "确保",
    "努力",
    "全力",
    "力求",
    "同比",
    "共",
    "到",
    "至",
    "在",
    "为",
    "均",
    "达",
    "年",
    "个",
    "家",
    "项",
    "超",
];
const MIN_CONTENT: usize = 4;

/// Scope words a short first clause of a sentence may set for the rest
/// of it (`全县:…`, `园区方面,…`).
const SCOPES: &[&str] = &[
    "全县",
    "全市",
    "全省",
    "全区",
    "全镇",
    "园区",
    "高新区",
    "开发区",
    "城区",
    "县城",
    "乡镇",
    "各镇",
    "农村",
    "城镇",
    "本级",
];

/// Words before a number that make a period or a basis rather than a
/// plain annual figure.
const PERIODS: &[&str] = &["累计", "年均", "每年"];

/// The characters of `s`, in a vector allocated once. `collect` sizes it
/// by the iterator's low estimate (a quarter of the bytes) and regrows it
/// several times for Chinese text; a vector of one slot per byte never
/// regrows (it lives only while one wording or block is read). A plain
/// loop of pushes: `extend` asks the iterator's size at every character.
fn chars_of(s: &str) -> Vec<char> {
    let mut cs = Vec::with_capacity(s.len());
    for c in s.chars() {
        cs.push(c);
    }
    cs
}

/// Whether `s` holds 分别 (`分别增长5%和8%`: one wording, several
/// targets). A vectorised search with its searcher built once: asked on
/// both sides of every quantity.
fn says_separately(s: &str) -> bool {
    static SEPARATELY: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("分别"));
    SEPARATELY.find(s.as_bytes()).is_some()
}

/// A digit of either width as its ASCII character.
fn ascii_digit(c: char) -> Option<char> {
    digit_value(c).map(|d| char::from(b'0' + d))
}

/// A year at the start of `cs` (`2024年`, `2022-2024年`, `2023—2025年`):
/// the number of chars it takes and its normalised text.
fn year_at(cs: &[char]) -> Option<(usize, String)> {
    if !cs.first().is_some_and(|&c| is_year_start(c)) {
        return None;
    }
    year_from(cs)
}

/// Whether `c` may begin a year: a 1 or a 2 of either width.
#[inline]
fn is_year_start(c: char) -> bool {
    matches!(c, '1' | '2' | '１' | '２')
}

/// Whether a year of the text may begin at `cs[at]`, inside a text read
/// character by character: a 1 or a 2 that does not continue a number.
/// Almost no character passes, so the scans ask this before
/// [`year_from`] builds anything (and before looking back for a digit).
#[inline]
fn year_may_start(cs: &[char], at: usize) -> bool {
    is_year_start(cs[at]) && !(at > 0 && is_digit(cs[at - 1]))
}

/// [`year_at`] at a 1 or a 2.
fn year_from(cs: &[char]) -> Option<(usize, String)> {
    let four = |at: usize| -> Option<String> {
        let d: Option<String> = (at..at + 4)
            .map(|k| cs.get(k).copied().and_then(ascii_digit))
            .collect();
        d.filter(|d| d.starts_with("19") || d.starts_with("20"))
    };
    let first = four(0)?;
    let mut tag = first;
    let mut n = 4;
    if cs
        .get(n)
        .is_some_and(|&c| matches!(c, '-' | '－' | '—' | '–' | '~' | '～' | '至' | '到'))
    {
        let mut m = n + 1;
        while cs.get(m) == Some(&'—') {
            m += 1;
        }
        if let Some(second) = four(m) {
            tag.push('-');
            tag.push_str(&second);
            n = m + 4;
        }
    }
    if cs.get(n) == Some(&'年') {
        Some((n + 1, tag))
    } else {
        None
    }
}

/// Whether the year at `cs[at]` is the base of a change (`比2020年`,
/// `较2020年`, `与2020年相比`), not the time of a target.
fn is_base_year(cs: &[char], at: usize) -> bool {
    matches!(at.checked_sub(1).map(|k| cs[k]), Some('比' | '较'))
        || (at > 0 && cs[at - 1] == '与' && {
            let rest: String = cs[at..].iter().take(12).collect();
            rest.find('年')
                .is_some_and(|y| rest[y + '年'.len_utf8()..].starts_with("相比"))
        })
}

/// The length in chars of a heading marker at the start of `cs`:
/// `(1)`, `(一)`, `1.`, `一、`, `1)`, `①`, or bare digits glued to text.
fn marker_len(cs: &[char]) -> usize {
    let mut i = 0;
    while cs.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    let start = i;
    let open = cs.get(i).is_some_and(|&c| c == '(' || c == '（');
    if open {
        i += 1;
    }
    let digits = i;
    while cs
        .get(i)
        .is_some_and(|&c| ascii_digit(c).is_some() || is_cn_digit(c))
    {
        i += 1;
    }
    if i == digits {
        return match cs.get(start) {
            Some(&c) if ('①'..='⑳').contains(&c) => start + 1,
            _ => 0,
        };
    }
    match cs.get(i) {
        Some(&(')' | '）')) => i + 1,
        Some(&('、' | '.' | '．')) if !open => i + 1,
        // Bare digits glued to the text (`15实施…`), not a year or amount.
        Some(&c)
            if !open
                && i - digits <= 2
                && is_han(c)
                && !"年月日号个万亿千百".contains(c)
                && cs[digits..i].iter().all(|&d| ascii_digit(d).is_some()) =>
        {
            i
        }
        _ => 0,
    }
}

/// The characters of `s` that [`marker_len`] can read: the leading run of
/// spaces, brackets and digits a marker is made of, and the one character
/// after it. Not the whole text, to decode only the few characters a
/// marker may take.
fn marker_prefix(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in s.chars() {
        out.push(c);
        let marker_char = c.is_whitespace()
            || matches!(c, '(' | '（')
            || ascii_digit(c).is_some()
            || is_cn_digit(c);
        if !marker_char {
            break;
        }
    }
    out
}

fn starts_with_word(cs: &[char], at: usize, w: &str) -> bool {
    (at..).zip(w.chars()).all(|(k, c)| cs.get(k) == Some(&c))
}

/// [`SCOPES`] searched for all at once (one pass, not a substring search
/// per scope).
static SCOPE_WORDS: LazyLock<AnyWord> = LazyLock::new(|| AnyWord::new(SCOPES));
static FILLER_WORDS: LazyLock<WordIndex<()>> = LazyLock::new(|| WordIndex::of_words(FILLERS));
static GENERIC_WORDS: LazyLock<WordIndex<()>> = LazyLock::new(|| WordIndex::of_words(GENERIC));
static PERIOD_WORDS: LazyLock<WordIndex<()>> = LazyLock::new(|| WordIndex::of_words(PERIODS));

/// The longest word of `words` at `cs[at]`, with its length in chars.
fn word_at(cs: &[char], at: usize, words: &WordIndex<()>) -> Option<(&'static str, usize)> {
    let (word, (), len) = words.longest(|k| cs.get(at + k).copied())?;
    Some((word, len))
}

/// The key form of a piece of wording: no marker, punctuation, space,
/// year or filler; each synonym of the pack as the first word of its group
/// (提升 → 提高, 汇聚 → 集聚), 增加 (not 增加值) → 增长 (T102 tells these two
/// apart by the text, not by the key), 至 → 到.
fn normalise(s: &str, skip_marker: bool, words: &TargetWords, out: &mut String) {
    // The key form is seldom longer than the wording: one allocation.
    out.reserve(s.len());
    let cs = chars_of(s);
    let fillers: &WordIndex<()> = &FILLER_WORDS;
    let mut i = if skip_marker { marker_len(&cs) } else { 0 };
    while i < cs.len() {
        if year_may_start(&cs, i)
            && let Some((n, tag)) = year_from(&cs[i..])
        {
            // A base year (`比2020年下降`) is part of what the target
            // measures; a target year is a tag of the key.
            if is_base_year(&cs, i) {
                out.push_str(&tag);
                out.push('年');
            }
            i += n;
            continue;
        }
        let filler = word_at(&cs, i, fillers).map_or(0, |(_, len)| len);
        let synonym = words.synonym_at(&cs, i);
        if filler > 0 && synonym.is_none_or(|(len, _)| len <= filler) {
            i += filler;
            continue;
        }
        let c = cs[i];
        if c == '增' && cs.get(i + 1) == Some(&'加') && cs.get(i + 2) != Some(&'值') {
            out.push_str("增长");
            i += 2;
            continue;
        }
        if let Some((len, canonical)) = synonym {
            // A synonym of a filler is a filler.
            if !FILLERS.contains(&canonical) {
                out.push_str(canonical);
            }
            i += len;
            continue;
        }
        i += 1;
        if c == '至' {
            out.push('到');
        } else if let Some(d) = ascii_digit(c) {
            out.push(d);
        } else if is_han(c) || c.is_ascii_alphanumeric() {
            out.push(c);
        } else if matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ') {
            out.push(char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c));
        }
    }
}

/// How many Han characters of `key_text` are not generic words.
fn content(key_text: &str) -> usize {
    let cs = chars_of(key_text);
    let generic: &WordIndex<()> = &GENERIC_WORDS;
    let mut i = 0;
    let mut n = 0;
    while i < cs.len() {
        if let Some((_, len)) = word_at(&cs, i, generic) {
            i += len;
            continue;
        }
        if is_han(cs[i]) {
            n += 1;
        }
        i += 1;
    }
    n
}

fn is_trim(c: char) -> bool {
    c.is_whitespace() || is_clause_break(c) || is_sentence_break(c) || c == '、'
}

/// `s` without a leading marker and leading fillers, trimmed.
pub fn display_before(s: &str) -> &str {
    let skip = marker_len(&marker_prefix(s));
    let mut rest: &str = &s[s.char_indices().nth(skip).map_or(s.len(), |(b, _)| b)..];
    loop {
        rest = rest.trim_start_matches(is_trim);
        match FILLERS.iter().find(|f| rest.starts_with(**f)) {
            Some(f) if *f != "同比" => rest = &rest[f.len()..],
            _ => break,
        }
    }
    rest.trim_end_matches(is_trim)
}

/// The text of each quantity's own part of its clause: the clause, or
/// when the clause holds several quantities, the item between the 、 that
/// separate them (or between the quantities themselves). Indexed like
/// [`Document::quantities`].
pub fn segments(doc: &Document, text: &str) -> Vec<Span> {
    let qs = &doc.quantities;
    let mut order: Vec<usize> = (0..qs.len()).collect();
    order.sort_by_key(|&i| qs[i].quantity.span.start);
    let mut out = vec![Span::default(); qs.len()];
    let find_dunhao = |from: usize, to: usize, last: bool| -> Option<usize> {
        let piece = text.get(from..to)?;
        let at = if last {
            piece.rfind('、')
        } else {
            piece.find('、')
        };
        at.map(|i| from + i)
    };
    let mut k = 0;
    while k < order.len() {
        let clause = qs[order[k]].clause;
        let mut e = k + 1;
        while e < order.len() && qs[order[e]].clause == clause {
            e += 1;
        }
        for j in k..e {
            let q = &qs[order[j]].quantity;
            let mut start = clause.start;
            let mut end = clause.end;
            if j > k {
                let prev = qs[order[j - 1]].quantity.span.end;
                start =
                    find_dunhao(prev, q.span.start, false).map_or(prev, |i| i + '、'.len_utf8());
            }
            if j + 1 < e {
                let next = qs[order[j + 1]].quantity.span.start;
                end = find_dunhao(q.span.end, next, false).unwrap_or(next);
            }
            let start = start.min(q.span.start);
            let end = end.max(q.span.end);
            out[order[j]] = Span::new(start, end);
        }
        k = e;
    }
    out
}

/// Where sentences start, years stand and period words stand in one block.
struct BlockMarks {
    block: usize,
    sentences: Vec<usize>,
    years: Vec<(usize, String)>,
    periods: Vec<(usize, &'static str)>,
    /// The year a paragraph opens with (`——到2027年，…`): the year of
    /// every sentence of it that names none.
    lead_year: Option<String>,
}

impl BlockMarks {
    fn new(block: usize, span: Span, text: &str) -> BlockMarks {
        let line = text.get(span.start..span.end).unwrap_or("");
        let cs = chars_of(line);
        let mut sentences = vec![span.start];
        let mut years = Vec::new();
        let mut periods = Vec::new();
        let periods_index: &WordIndex<()> = &PERIOD_WORDS;
        let mut i = 0;
        // The byte offset of `cs[i]`.
        let mut at = span.start;
        while i < cs.len() {
            let c = cs[i];
            if is_sentence_break(c) {
                sentences.push(at + c.len_utf8());
            }
            if year_may_start(&cs, i)
                && let Some((n, tag)) = year_from(&cs[i..])
            {
                // `比2020年` is the base of a change, not the target's year.
                if !is_base_year(&cs, i) {
                    years.push((at, tag));
                }
                at += cs[i..i + n].iter().map(|c| c.len_utf8()).sum::<usize>();
                i += n;
                continue;
            }
            if let Some((w, _)) = word_at(&cs, i, periods_index) {
                periods.push((at, w));
            }
            at += c.len_utf8();
            i += 1;
        }
        BlockMarks {
            block,
            sentences,
            years,
            periods,
            lead_year: lead_year(&cs),
        }
    }

    fn sentence_start(&self, at: usize) -> usize {
        let k = self.sentences.partition_point(|&s| s <= at);
        self.sentences[k.saturating_sub(1)]
    }
}

/// The year a paragraph opens with, as the time of what it sets out:
/// `到2025年，`, `——到2027年，`, `（一）2024年：`, `力争到2025年底，`. A year
/// followed by anything but a clause break (`2023年以来`, `2023年全市…`) is
/// not one.
fn lead_year(cs: &[char]) -> Option<String> {
    let mut i = marker_len(cs);
    let skip = |i: &mut usize, f: &dyn Fn(char) -> bool| {
        while cs.get(*i).copied().is_some_and(f) {
            *i += 1;
        }
    };
    skip(&mut i, &|c| {
        c.is_whitespace() || matches!(c, '—' | '－' | '-' | '─')
    });
    for words in [
        &["力争", "争取", "预计", "计划"][..],
        &["截止到", "截至", "截止", "到", "至"][..],
    ] {
        if let Some(w) = words.iter().find(|w| starts_with_word(cs, i, w)) {
            i += w.chars().count();
        }
    }
    let (n, tag) = year_at(cs.get(i..)?)?;
    i += n;
    skip(&mut i, &|c| matches!(c, '底' | '末' | '前'));
    cs.get(i)
        .is_some_and(|&c| is_clause_break(c))
        .then_some(tag)
}

/// Every quantity that states a specific target, with its key, read with
/// a pack's [`TargetWords`].
pub fn targets(doc: &Document, text: &str, words: &TargetWords) -> Vec<Target> {
    let segments = segments(doc, text);
    let mut order: Vec<usize> = (0..doc.quantities.len()).collect();
    order.sort_by_key(|&i| doc.quantities[i].quantity.span.start);
    let mut marks: Option<BlockMarks> = None;
    let mut section_years: HashMap<usize, String> = HashMap::new();
    let mut out = Vec::new();
    for index in order {
        let qr = &doc.quantities[index];
        let q = &qr.quantity;
        let seg = segments[index];
        let (Some(before), Some(after)) = (
            text.get(seg.start..q.span.start),
            text.get(q.span.end..seg.end),
        ) else {
            continue;
        };
        if says_separately(before) || says_separately(after) {
            continue;
        }
        let mut body = String::new();
        normalise(before, true, words, &mut body);
        let mut after_key = String::new();
        normalise(after, false, words, &mut after_key);
        if content(&body) + content(&after_key) < MIN_CONTENT {
            continue;
        }

        let Some(block) = doc.blocks.get(qr.block) else {
            continue;
        };
        if marks.as_ref().is_none_or(|m| m.block != qr.block) {
            marks = Some(BlockMarks::new(qr.block, block.span, text));
        }
        let Some(m) = marks.as_ref() else { continue };
        let sentence = m.sentence_start(seg.start).max(block.span.start);
        // The last year from the sentence start to the segment end.
        let k = m.years.partition_point(|&(at, _)| at < seg.end);
        let year = match m.years[..k].last().filter(|(at, _)| *at >= sentence) {
            Some((_, y)) => y.as_str(),
            // Else the year the paragraph opens with (`——到2027年，…`).
            None if m.lead_year.is_some() => m.lead_year.as_deref().unwrap_or(""),
            // Else the year of the nearest heading that names one
            // (`(一)2024年目标`).
            None => match qr.section {
                Some(id) => section_years
                    .entry(id)
                    .or_insert_with(|| section_year(doc, id))
                    .as_str(),
                None => "",
            },
        };
        let from = m.periods.partition_point(|&(at, _)| at < sentence);
        let to = m.periods.partition_point(|&(at, _)| at < seg.start);
        let mut periods: Vec<&str> = m.periods[from..to.max(from)]
            .iter()
            .map(|&(_, w)| w)
            .collect();
        periods.sort_unstable();
        periods.dedup();
        let scope = sentence_scope(text, sentence, seg.start, words);
        // An item after the first of a list (`新增A5家、B3家`) keeps the
        // verb at the head of the list.
        let head = if seg.start > qr.clause.start {
            list_head(text.get(qr.clause.start..seg.start).unwrap_or(""), words)
        } else {
            String::new()
        };
        // A term of a measure (its 最高补助, its 贴息期限, a cap of 不超过)
        // belongs to the measure: the heading it sits under is part of
        // what it is. A goal restated under another heading is not.
        let measure = match qr.section {
            Some(id) if words.has_measure_term(before) || words.has_measure_term(&q.text) => {
                format!("§{id}")
            }
            _ => String::new(),
        };

        let periods = periods.concat();
        // Sized once: the parts and the five separators.
        let parts = [
            year, &periods, &scope, &measure, &head, &body, &q.unit, &after_key,
        ];
        let mut key = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + 5);
        key.push_str(year);
        key.push('|');
        key.push_str(&periods);
        key.push('|');
        key.push_str(&scope);
        key.push_str(&measure);
        key.push('|');
        key.push_str(&head);
        key.push('|');
        key.push_str(&body);
        key.push('#');
        key.push_str(&q.unit);
        key.push_str(&after_key);

        let name_before = display_before(before);
        let name_after = after.trim_end_matches(is_trim);
        let mut name = String::with_capacity(name_before.len() + name_after.len());
        name.push_str(name_before);
        name.push_str(name_after);
        out.push(Target {
            index,
            key,
            name,
            verb: verb_before(before),
            block: qr.block,
        });
    }
    out
}

/// The first two characters of a list's wording (its verb), time words
/// skipped: `力争今年新增A5家、` → `新增`.
fn list_head(head: &str, words: &TargetWords) -> String {
    let short: String = head.chars().take(16).collect();
    let mut out = String::new();
    normalise(&short, true, words, &mut out);
    let mut rest = out.as_str();
    while let Some(r) = ["今年", "全年", "当年", "年内"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
    {
        rest = r;
    }
    rest.chars().take(2).collect()
}

/// The first year named in the title of `id` or of its nearest ancestor
/// that names one.
fn section_year(doc: &Document, id: usize) -> String {
    for s in doc.ancestors(id) {
        let cs = chars_of(&doc.sections[s].title);
        for i in 0..cs.len() {
            if year_may_start(&cs, i)
                && let Some((_, tag)) = year_from(&cs[i..])
            {
                return tag;
            }
        }
    }
    String::new()
}

/// A scope set by a short first clause of the sentence (`全县,…`) that
/// the segment at `seg_start` is not part of.
fn sentence_scope(text: &str, sentence: usize, seg_start: usize, words: &TargetWords) -> String {
    let Some(rest) = text.get(sentence..seg_start) else {
        return String::new();
    };
    // Look at most 12 characters in: a scope clause is short.
    let Some((end, _)) = rest
        .char_indices()
        .take(12)
        .find(|&(_, c)| is_clause_break(c))
    else {
        return String::new();
    };
    let first = &rest[..end];
    if !SCOPE_WORDS.in_text(first) {
        return String::new();
    }
    let mut out = String::new();
    normalise(first, true, words, &mut out);
    out
}

/// The 增长/增加 nearest before the number.
fn verb_before(before: &str) -> Option<Verb> {
    let grow = before.rfind("增长");
    let add = before
        .match_indices("增加")
        .filter(|(i, _)| !before[i + "增加".len()..].starts_with('值'))
        .map(|(i, _)| i)
        .last();
    match (grow, add) {
        (Some(g), Some(a)) if a > g => Some(Verb::Add),
        (Some(_), _) => Some(Verb::Grow),
        (None, Some(_)) => Some(Verb::Add),
        (None, None) => None,
    }
}

/// Indices into `targets` of every key stated more than once, each in
/// document order; groups ordered by their first statement.
pub fn groups(targets: &[Target]) -> Vec<Vec<usize>> {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        match by_key.get(t.key.as_str()) {
            Some(&g) => groups[g].push(i),
            None => {
                by_key.insert(&t.key, groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// Whether one block of the group states the key with two different
/// values: tiers of one rule (5000万元以上报市、2亿元以上报省), not one
/// target restated.
pub fn has_tiers(group: &[usize], targets: &[Target], doc: &Document) -> bool {
    let mut first_in_block: HashMap<usize, usize> = HashMap::new();
    for &t in group {
        let value = doc.quantities[targets[t].index].quantity.value;
        match first_in_block.get(&targets[t].block) {
            Some(&f) => {
                let fv = doc.quantities[targets[f].index].quantity.value;
                if !same_value(fv, value) {
                    return true;
                }
            }
            None => {
                first_in_block.insert(targets[t].block, t);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    /// Words in the manner of the national pack's `[targets]`.
    fn words() -> TargetWords {
        let group = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        TargetWords::new(
            &[
                group(&["提高", "提升"]),
                group(&["集聚", "汇聚"]),
                group(&["新增", "新建"]),
                group(&["实现", "完成"]),
            ],
            &group(&["最高", "补助", "不超过"]),
        )
    }

    fn keys(text: &str) -> Vec<(String, String)> {
        let source = Source::new("t.txt", text.to_string());
        let doc = Document::parse(&source);
        targets(&doc, text, &words())
            .into_iter()
            .map(|t| (doc.quantities[t.index].quantity.text.clone(), t.key))
            .collect()
    }

    fn key_of(text: &str, quantity: &str) -> Option<String> {
        keys(text)
            .into_iter()
            .find(|(q, _)| q == quantity)
            .map(|(_, k)| k)
    }

    #[test]
    fn target_statements_groups_every_statement_of_a_target() {
        let text = "一、工作目标\n改造老旧小区5个以上,新建道路3公里。\n二、工作任务\n1.推进城市更新。改造老旧小区7个以上。\n";
        let source = crate::Source::new("t.txt", text.to_string());
        let doc = Document::parse(&source);
        let housing: Vec<usize> = doc
            .quantities
            .iter()
            .enumerate()
            .filter(|(_, q)| q.quantity.unit == "个")
            .map(|(i, _)| i)
            .collect();
        assert_eq!(housing.len(), 2);
        assert_eq!(target_statements(&doc, text, &words(), housing[1]), housing);
        let road = doc
            .quantities
            .iter()
            .position(|q| q.quantity.unit == "公里")
            .unwrap();
        assert_eq!(target_statements(&doc, text, &words(), road), [road]);
    }

    #[test]
    fn masks_numbers_and_qualifiers() {
        let a = key_of(
            "开工建设保障性租赁住房100套,改造老旧小区5个以上。\n",
            "5个以上",
        );
        let b = key_of("实施城市更新行动,改造老旧小区7个以上。\n", "7个以上");
        assert_eq!(a, b);
        assert_eq!(a.as_deref(), Some("||||改造老旧小区#个"));
        let a = key_of(
            "推动30个项目申报纳入国家、省级重点民间投资项目库。\n",
            "30个",
        );
        let b = key_of(
            "推动5个以上项目申报纳入国家、省级重点民间投资项目库。\n",
            "5个以上",
        );
        assert_eq!(a, b);
    }

    #[test]
    fn fillers_markers_and_verbs() {
        let a = key_of("力争实现地区生产总值增长6.5%以上。\n", "6.5%以上");
        let b = key_of("(3)地区生产总值增加6.5%。\n", "6.5%");
        assert_eq!(a, b);
        // 增加值 stays.
        let k = key_of("规模工业增加值增长8%。\n", "8%").unwrap();
        assert!(k.contains("增加值增长"), "{k}");
        // 努力争取: 争取 stays.
        let k = key_of("努力争取中央专项资金8亿元以上。\n", "8亿元以上").unwrap();
        assert!(k.contains("争取中央专项资金"), "{k}");
    }

    #[test]
    fn items_of_a_list_get_their_own_key() {
        let ks = keys("新增规模以上农产品加工企业5家、规模以上建筑企业2家。\n");
        assert_eq!(
            ks,
            [
                (
                    "5家".to_string(),
                    "||||新增规模以上农产品加工企业#家".to_string()
                ),
                ("2家".to_string(), "|||新增|规模以上建筑企业#家".to_string()),
            ]
        );
    }

    #[test]
    fn years_periods_and_scopes_are_tags() {
        let k = key_of("2023年,实现地区生产总值增长8%左右。\n", "8%左右").unwrap();
        assert!(k.starts_with("2023|"), "{k}");
        let k = key_of("2024年新增城镇就业人员6900人。\n", "6900人").unwrap();
        assert!(k.starts_with("2024|"), "{k}");
        let k = key_of("到2025年累计新增城镇就业人员6900人。\n", "6900人").unwrap();
        assert!(k.starts_with("2025||"), "{k}");
        assert!(k.contains("累计"), "{k}");
        let k = key_of("三年来,累计,新增就业人员6900人。\n", "6900人").unwrap();
        assert!(k.contains("|累计|"), "{k}");
        let k = key_of("全县:新增就业人员6900人。\n", "6900人").unwrap();
        assert!(k.contains("|全县|"), "{k}");
    }

    #[test]
    fn a_heading_year_applies_to_its_body() {
        let text = "一、目标\n(一)2024年目标。\n1.新增城镇就业人员6900人。\n(二)2025年目标。\n1.新增城镇就业人员7000人。\n";
        let ks = keys(text);
        assert_eq!(ks.len(), 2);
        assert!(ks[0].1.starts_with("2024|"), "{ks:?}");
        assert!(ks[1].1.starts_with("2025|"), "{ks:?}");
    }

    #[test]
    fn a_paragraph_opening_with_a_year_dates_its_sentences() {
        let text = "一、主要目标\n——到2025年，充电网络基本建成。新建公共充电桩200个以上。\n——到2027年，充电网络全面建成。新建公共充电桩1500个以上。\n力争到2026年底，新建公共换电站80座，服务体系更加完善。\n";
        let ks = keys(text);
        assert_eq!(ks.len(), 3, "{ks:?}");
        assert!(ks[0].1.starts_with("2025|"), "{ks:?}");
        assert!(ks[1].1.starts_with("2027|"), "{ks:?}");
        assert!(ks[2].1.starts_with("2026|"), "{ks:?}");
        // A year that opens no goal (`以来`, a subject after it) dates nothing.
        let k = key_of("2023年以来，工作稳步推进。新建公共充电桩200个。\n", "200个").unwrap();
        assert!(k.starts_with('|'), "{k}");
        let k = key_of("2023年全市工作稳步推进。新建公共充电桩200个。\n", "200个").unwrap();
        assert!(k.starts_with('|'), "{k}");
        // The sentence's own year comes first.
        let k = key_of("到2025年，体系建成。2024年新建公共充电桩200个。\n", "200个").unwrap();
        assert!(k.starts_with("2024|"), "{k}");
    }

    #[test]
    fn a_base_year_is_not_the_target_year() {
        let k = key_of(
            "到2025年，规模以上工业单位增加值能耗比2020年降低14.5%，大宗工业固废综合利用率达到57%。\n",
            "达到57%",
        )
        .unwrap();
        assert!(k.starts_with("2025|"), "{k}");
        let k = key_of("到2025年，单位工业增加值用水量比2020年下降12%。\n", "12%").unwrap();
        assert!(k.starts_with("2025|"), "{k}");
        assert!(k.contains("比2020年下降"), "{k}");
        // Two bases are two targets.
        let a = key_of("单位生产总值能耗比2020年下降13.5%。\n", "13.5%");
        let b = key_of("单位生产总值能耗比2015年下降13.5%。\n", "13.5%");
        assert!(a.is_some());
        assert_ne!(a, b);
        let k = key_of("单位生产总值能耗与2020年相比下降13.5%。\n", "13.5%").unwrap();
        assert!(k.starts_with('|') && k.contains("2020年"), "{k}");
    }

    #[test]
    fn synonyms_of_the_pack_are_one_word() {
        let a = key_of("汇聚高层次人才500名。\n", "500名");
        let b = key_of("集聚高层次人才600名。\n", "600名");
        assert!(a.is_some());
        assert_eq!(a, b);
        let a = key_of("新建公共充电桩200个。\n", "200个");
        let b = key_of("新增公共充电桩300个。\n", "300个");
        assert_eq!(a, b);
        // A synonym of a filler is dropped like the filler.
        let a = key_of("完成造林绿化面积3万亩。\n", "3万亩");
        let b = key_of("力争造林绿化面积4万亩。\n", "4万亩");
        assert_eq!(a, b);
        // Without the pack's words they stay apart.
        let text = "1.汇聚高层次人才500名。\n2.集聚高层次人才600名。\n";
        let source = Source::new("t.txt", text.to_string());
        let doc = Document::parse(&source);
        let ts = targets(&doc, text, &TargetWords::default());
        assert_eq!(ts.len(), 2);
        assert_ne!(ts[0].key, ts[1].key);
    }

    #[test]
    fn a_term_of_a_measure_belongs_to_its_heading() {
        let text = "三、政策措施\n（十一）支持开设客运航线。单条航线年度最高补助100万元。新建通用航空起降点20个。\n（十二）支持开设货运航线。单条航线年度最高补助50万元。新建通用航空起降点30个。\n（十三）支持培训。每班学员不超过40人。\n（十四）支持竞赛。每班学员不超过45人。\n";
        let ks = keys(text);
        let key = |q: &str| -> Vec<&String> {
            ks.iter()
                .filter(|(t, _)| t.contains(q))
                .map(|(_, k)| k)
                .collect()
        };
        let subsidy = [key("100万元")[0], key("50万元")[0]];
        assert_ne!(subsidy[0], subsidy[1], "{ks:?}");
        assert_ne!(key("40人")[0], key("45人")[0], "{ks:?}");
        // A goal restated under another heading is still one target.
        assert_eq!(key("20个")[0], key("30个")[0], "{ks:?}");
    }

    #[test]
    fn generic_clauses_have_no_key() {
        assert!(keys("达到5个。\n").is_empty());
        assert!(keys("其中园区3家。\n").is_empty());
        assert!(keys("全年开展活动20场。\n").is_empty());
        assert!(keys("两项指标分别增长8%、9%。\n").is_empty());
    }

    #[test]
    fn values() {
        let e = Value::Exact;
        let r = |low, high| Value::Range { low, high };
        assert!(conflict(e(5.0), e(7.0)));
        assert!(!conflict(e(8.0), e(8.0)));
        assert!(!conflict(r(1.0, 2.0), e(2.0)));
        assert!(!conflict(e(1.0), r(1.0, 2.0)));
        assert!(conflict(r(1.0, 2.0), e(3.0)));
        assert!(conflict(r(1.0, 2.0), r(2.0, 3.0)));
        assert_eq!(value_bits(e(11300.0)), value_bits(e(1.13e4)));
    }

    #[test]
    fn markers() {
        let m = |s: &str| marker_len(&s.chars().collect::<Vec<_>>());
        assert_eq!(m("(15)开工"), 4);
        assert_eq!(m("(一)聚力"), 3);
        assert_eq!(m("3.推进"), 2);
        assert_eq!(m("一、总体"), 2);
        assert_eq!(m("1)新建"), 2);
        assert_eq!(m("①新建"), 1);
        assert_eq!(m("15实施"), 2);
        assert_eq!(m("改造"), 0);
        assert_eq!(m("一网通办"), 0);
    }
}
