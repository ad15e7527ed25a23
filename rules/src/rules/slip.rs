use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::text::is_han;

use super::content_lines::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule, TermList};

mod units;

declare_rule! {
    /// ## 在查什么
    /// 与本文件自己的用词只差一笔的写法(笔误):
    /// - 一个字换成了同音字或形近字:文件别处多次写 `隐性债务`,这里写成
    ///   `隐形债务`;
    /// - 一个字多打了一遍:`较大大安全事故`(别处写 `较大安全事故`);
    /// - 两个字或两个词颠倒:`县重点项目建设事务中心`(别处多次写
    ///   `县重点建设项目事务中心`);
    /// - 词中丢了一个字:别处多次写 `推动产业升级`,这里写成 `推动业升级`;
    /// - 单位名称不全或丢字:责任条款多次写 `县财政局`,这里写 `县财政牵头`;
    ///   别处写 `生态环境局某江分局`,这里写 `生态环境某江分局`(只出现一次;
    ///   多次出现的简写是本文件的习惯,交给 R104 和规则包的别名)。
    ///
    /// “本文件的用词”是文件里重复出现(至少两次)的四到八字短语,加上规则包的
    /// 常用提法表(全国规则包的 rules/packs/national.terms.txt:统计指标、
    /// 政策术语,如 `社会消费品零售总额`、`提级审核`、`截留挪用`;规则包用
    /// `term_files` 增补)。换字只认易混字表
    /// (rules/data/confusables.txt)里的同音字和形近字。
    ///
    /// ## 为什么是问题
    /// 错字和名称写错是审稿人最先标出的问题。`隐形` 和 `提及` 单独看都不是
    /// 错字,通用的校对工具查不出;但文件自己在别处写对了,只出现一次的
    /// 近似写法多半是笔误。
    ///
    /// ## 例子
    /// ```text
    /// 严禁新增隐性债务……稳妥化解存量隐性债务……坚决遏制隐形债务增量。
    /// ```
    /// 报告 `隐形债务`,指出别处写作 `隐性债务`(相关位置),修复改为
    /// `隐性债务`。
    ///
    /// ## 不报的情形
    /// - 两种写法都是文件常用的:近似写法本身出现两次以上,或换掉的那个字
    ///   和前后字组成的词在文件别处都用过(`提高/提升`、`发展/发挥` 这类
    ///   近义词不在易混字表里,也不会报);
    /// - 有意的重叠:`常常`、`层层`、`人人`(rules/data/reduplicated.txt),
    ///   以及 `全市市场` 这类跨词的重字;
    /// - 简称、全称(`省发改委/省发展改革委`,那是 R104 和规则包的别名),
    ///   以及名称确有区别的(`市生态环境局/市生态环境局衡南分局`):差的不止
    ///   一个字;
    /// - 接受的词:`plan-lint.toml` 的 `accept = ["衡南", "云集"]`(编辑器里
    ///   诊断的快速修复“将「…」加入接受词表”会写进去),或规则包的
    ///   `[rules.W104] options = { accept = "衡南,云集" }`(逗号分隔):含这些词
    ///   的地方不报;规则包也可以用 `terms` 选项补充常用
    ///   提法。
    ///
    /// English: a span one slip away from a term the document itself uses
    /// (a four-to-eight-character phrase written at least twice) or from an
    /// established term of the packs (`term_files`; the national pack's
    /// rules/packs/national.terms.txt): one character swapped for a homophone or
    /// look-alike of the built-in table, one character doubled or lost, or
    /// two characters or two-character words transposed; a unit of the
    /// document's clauses named once by a stub (县财政牵头 among 县财政局)
    /// or with a character lost. Quiet when both
    /// forms are used, for deliberate reduplication, shortenings and real
    /// distinctions (more than one character apart), and for the words a pack
    /// accepts (`accept` option).
    pub struct Slip {
        code: "W104",
        name: "slip",
        severity: Warning,
        summary: "a span one slip away from the document's own words or an established term (隐形债务 among 隐性债务, 较大大安全事故)",
        options: [
            crate::rule::RuleOption {
                name: "accept",
                values: &[],
                doc: "words and names never reported, comma-separated (衡南,云集)",
            },
            crate::rule::RuleOption {
                name: "terms",
                values: &[],
                doc: "more established terms, comma-separated, taken as right forms",
            },
        ],
    }
}

const CONFUSABLES: &str = include_str!("../../data/confusables.txt");
const REDUPLICATED: &str = include_str!("../../data/reduplicated.txt");

/// Phrases of the document are counted up to this length: a longer phrase
/// holds a shorter one, and the evidence is the shortest.
const MAX_WINDOW: usize = 5;
/// Unit names (ending 局, 中心…) are counted up to this length.
const NAME_WINDOW: usize = 8;
/// The shortest evidence for a slip: a phrase of four characters.
const MIN_EVIDENCE: usize = 4;
const MAX_TERM: usize = 12;

/// Keys are hashes already: hashing them again only costs time.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    /// A character (the key of the confusables): spread over the bits.
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Fast = BuildHasherDefault<Identity>;

fn step(h: u64, c: char) -> u64 {
    (h ^ u64::from(c as u32)).wrapping_mul(0x0100_0000_01b3)
}

fn seal(h: u64, len: usize) -> u64 {
    (h ^ ((len as u64) << 56)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// `hash([a, b])`, without the iterator: pairs are most of the lookups.
fn pair_hash(a: char, b: char) -> u64 {
    seal(step(step(SEED, a), b), 2)
}

/// The start or end of a clause, as a character of a counted phrase.
const EDGE: char = '\u{1}';

fn hash(chars: impl IntoIterator<Item = char>) -> u64 {
    let mut h = SEED;
    let mut n = 0;
    for c in chars {
        h = step(h, c);
        n += 1;
    }
    seal(h, n)
}

/// A set of characters as a bitmap of the Basic Multilingual Plane: a test
/// costs a shift, where the hash tables it guards cost a lookup. Characters
/// beyond the plane are always "maybe".
struct CharSet(Vec<u64>);

impl Default for CharSet {
    fn default() -> Self {
        CharSet(vec![0; 0x1_0000 / 64])
    }
}

impl CharSet {
    fn insert(&mut self, c: char) {
        let n = c as usize;
        if n < 0x1_0000 {
            self.0[n / 64] |= 1 << (n % 64);
        }
    }

    fn maybe(&self, c: char) -> bool {
        let n = c as usize;
        n >= 0x1_0000 || self.0[n / 64] & (1 << (n % 64)) != 0
    }
}

/// A set of hashes as a bitmap of their top bits: a test costs a shift,
/// and a hash it has no bit for is in none of the tables it stands in
/// front of (most of the text's pairs and windows are in none).
struct Bloom {
    bits: Vec<u64>,
    shift: u32,
}

impl Bloom {
    /// A bitmap of 2^`size` bits.
    fn new(size: u32) -> Self {
        Bloom {
            bits: vec![0; (1 << size) / 64],
            shift: 64 - size,
        }
    }

    fn insert(&mut self, h: u64) {
        let bit = (h >> self.shift) as usize;
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    fn maybe(&self, h: u64) -> bool {
        let bit = (h >> self.shift) as usize;
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

struct Tables {
    confusable: HashMap<char, Vec<char>, Fast>,
    /// The characters `confusable` has an entry for.
    confusable_chars: CharSet,
    reduplicated: HashSet<char>,
    terms: Terms,
    /// The built-in terms less an inner character (see `deletions`).
    deletions: HashMap<u64, Vec<char>, Fast>,
    /// The keys of `deletions`.
    deletion_bits: Bloom,
}

struct Terms {
    by_hash: HashMap<u64, String, Fast>,
    /// Every pair of adjacent characters of a term: a window can only be
    /// made a term by an edit that yields one of these.
    bigrams: HashSet<u64, Fast>,
    /// The pairs of `bigrams`, as bits.
    bigram_bits: Bloom,
    lengths: Vec<usize>,
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            by_hash: HashMap::default(),
            bigrams: HashSet::default(),
            bigram_bits: Bloom::new(BLOOM_BITS),
            lengths: Vec::new(),
        }
    }
}

/// The size of the bitmaps in front of the term tables: 2^16 bits (8 KB)
/// for a few thousand pairs or keys.
const BLOOM_BITS: u32 = 16;

impl Terms {
    fn add(&mut self, term: &str) {
        let chars: Vec<char> = term.chars().collect();
        if !(3..=MAX_TERM).contains(&chars.len()) || !chars.iter().all(|&c| is_han(c)) {
            return;
        }
        self.by_hash
            .insert(hash(chars.iter().copied()), term.to_string());
        for w in chars.windows(2) {
            let pair = pair_hash(w[0], w[1]);
            self.bigrams.insert(pair);
            self.bigram_bits.insert(pair);
        }
        if !self.lengths.contains(&chars.len()) {
            self.lengths.push(chars.len());
            self.lengths.sort_unstable();
        }
    }

    fn get(&self, h: u64) -> Option<&str> {
        self.by_hash.get(&h).map(String::as_str)
    }
}

fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The tables with the packs' terms (`Settings::terms`), built once per
/// list: a check with the packs of the last one builds nothing.
fn tables(terms: &TermList) -> Arc<Tables> {
    static LAST: Mutex<Option<(TermList, Arc<Tables>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((list, tables)) = last.as_ref()
        && list.same(terms)
    {
        return tables.clone();
    }
    let tables = Arc::new(build_tables(terms));
    *last = Some((terms.clone(), tables.clone()));
    tables
}

fn build_tables(term_list: &TermList) -> Tables {
    let mut confusable: HashMap<char, Vec<char>, Fast> = HashMap::default();
    for group in data_lines(CONFUSABLES) {
        let chars: Vec<char> = group.chars().filter(|&c| is_han(c)).collect();
        for &a in &chars {
            let entry = confusable.entry(a).or_default();
            for &b in &chars {
                if a != b && !entry.contains(&b) {
                    entry.push(b);
                }
            }
        }
    }
    let reduplicated = data_lines(REDUPLICATED)
        .flat_map(str::chars)
        .filter(|&c| is_han(c))
        .collect();
    let mut terms = Terms::default();
    for term in term_list.iter() {
        terms.add(term);
    }
    let deletions = deletions(terms.by_hash.values());
    let mut deletion_bits = Bloom::new(BLOOM_BITS);
    for &key in deletions.keys() {
        deletion_bits.insert(key);
    }
    let mut confusable_chars = CharSet::default();
    for &c in confusable.keys() {
        confusable_chars.insert(c);
    }
    Tables {
        confusable,
        confusable_chars,
        reduplicated,
        terms,
        deletions,
        deletion_bits,
    }
}

/// The Han characters of the content lines, in runs between anything else
/// (punctuation, digits, Latin letters, line ends): a phrase never spans
/// two runs. `chars` has an `EDGE` before and after each run (at the
/// place of the character before it, 0 for the first), so that a phrase
/// with the clause's edge is written in it as it is asked for.
struct Runs {
    chars: Vec<char>,
    at: Vec<usize>,
    runs: Vec<Range<usize>>,
}

/// A pair of characters of `Runs::chars`: how often it is written and
/// where last (position + 1; 0 for none).
#[derive(Clone, Copy, Default)]
struct Pair {
    count: u32,
    last: u32,
}

/// A slip found: the span of the wrong form, its text, the right form and
/// where the right form comes from.
struct Found {
    span: Span,
    wrong: String,
    right: String,
    /// The right form is a phrase of the document (not only a known term).
    in_document: bool,
    kind: &'static str,
}

struct Analysis<'t> {
    runs: Runs,
    /// The pairs of characters: most lookups are of pairs, and a longer
    /// phrase is counted where the rarest of its pairs is written.
    pairs: HashMap<u64, Pair, Fast>,
    /// For each position of `runs.chars`, the previous place (+ 1) of the
    /// pair that starts there: the places of a pair, from `Pair::last`.
    previous: Vec<u32>,
    /// The pairs written twice.
    twice_bits: Bloom,
    tables: &'t Tables,
    extra_terms: Terms,
}

/// The size of `Analysis::twice_bits`: 2^18 bits (32 KB).
const TWICE_BITS: u32 = 18;

impl Analysis<'_> {
    /// How often the document writes `phrase` within a clause: a pair, a
    /// phrase of three to five characters, a unit's name (ending 局,
    /// 中心…) up to eight, or a phrase of four or five at a clause's start
    /// or end (with `EDGE` before or after it). Other phrases are not
    /// counted (0). Phrases are counted only when asked for (748 in the
    /// five corpus documents, where counting every phrase of the text cost
    /// a table entry for each of its characters and lengths): the places
    /// of the phrase's rarest pair are compared with it.
    fn count(&self, phrase: &[char]) -> u32 {
        let n = phrase.len();
        if n < 2 {
            return 0;
        }
        let lead = phrase[0] == EDGE;
        let trail = phrase[n - 1] == EDGE;
        let inner = &phrase[usize::from(lead)..n - usize::from(trail)];
        let counted = if lead || trail {
            !(lead && trail) && (MIN_EVIDENCE..=MAX_WINDOW).contains(&inner.len())
        } else {
            n <= MAX_WINDOW || n <= NAME_WINDOW && is_name_end(phrase, n - 1)
        };
        if !counted || inner.contains(&EDGE) {
            return 0;
        }
        let mut rarest: Option<(Pair, usize)> = None;
        for (k, w) in phrase.windows(2).enumerate() {
            let Some(&pair) = self.pairs.get(&pair_hash(w[0], w[1])) else {
                return 0;
            };
            if rarest.is_none_or(|(r, _)| pair.count < r.count) {
                rarest = Some((pair, k));
            }
        }
        let Some((pair, k)) = rarest else {
            return 0;
        };
        if n == 2 {
            return pair.count;
        }
        let chars = &self.runs.chars;
        let mut found = 0;
        let mut place = pair.last;
        while place != 0 {
            let at = place as usize - 1;
            if at >= k && chars.get(at - k..at - k + n) == Some(phrase) {
                found += 1;
            }
            place = self.previous[at];
        }
        found
    }

    /// Whether the document writes the pair `a b` at least twice (the same
    /// as `count([a, b]) >= 2`): the bitmap answers most pairs, the ones
    /// the document never writes twice, without a lookup.
    fn twice(&self, a: char, b: char) -> bool {
        let h = pair_hash(a, b);
        self.twice_bits.maybe(h) && self.pairs.get(&h).is_some_and(|p| p.count >= 2)
    }

    /// How often the document writes `chars`, or for a phrase longer than
    /// those counted, at most how often: the count of its rarest part.
    fn count_at_most(&self, chars: &[char]) -> u32 {
        let counted = self.count(chars);
        if chars.len() <= MAX_WINDOW || counted > 0 {
            return counted;
        }
        chars
            .windows(MAX_WINDOW)
            .map(|w| self.count(w))
            .min()
            .unwrap_or(0)
    }

    fn term(&self, h: u64) -> Option<&str> {
        self.tables.terms.get(h).or_else(|| self.extra_terms.get(h))
    }

    /// Whether `a b` is a pair of a term (a bit answers most pairs).
    #[inline]
    fn term_bigram(&self, a: char, b: char) -> bool {
        let pair = pair_hash(a, b);
        let (builtin, extra) = (&self.tables.terms, &self.extra_terms);
        builtin.bigram_bits.maybe(pair) && builtin.bigrams.contains(&pair)
            || extra.bigram_bits.maybe(pair) && extra.bigrams.contains(&pair)
    }

    fn term_lengths(&self) -> impl Iterator<Item = usize> + '_ {
        self.tables
            .terms
            .lengths
            .iter()
            .chain(&self.extra_terms.lengths)
            .copied()
    }

    /// The evidence for `right` (the edited window) against `wrong` (the
    /// window as written): the document writes the right form at least
    /// twice while the wrong one is written once (or three times as often
    /// as a wrong form written more than once: the same slip copied), or
    /// the right form is a known term and the wrong one is written once.
    /// Windows longer than the document's counted phrases can only be terms.
    /// `Some(true)` when the evidence is the document's.
    fn evidence(&self, wrong: &[char], right: &[char]) -> Option<bool> {
        let right_hash = hash(right.iter().copied());
        let wrong_count = self.count_at_most(wrong).max(1);
        if self.term(hash(wrong.iter().copied())).is_some() {
            return None;
        }
        // (Pairs are no phrase here.)
        let right_count = if right.len() > 2 {
            self.count(right)
        } else {
            0
        };
        if right.len() >= MIN_EVIDENCE
            && right_count >= 2
            && (wrong_count == 1 || right_count >= 3 * wrong_count)
        {
            return Some(true);
        }
        if wrong_count > 1 {
            return None;
        }
        self.term(right_hash).map(|_| false)
    }

    fn found(
        &self,
        run: &Range<usize>,
        window: Range<usize>,
        right: Vec<char>,
        in_document: bool,
        kind: &'static str,
        text: &str,
    ) -> Found {
        let start = self.runs.at[run.start + window.start];
        let last = run.start + window.end - 1;
        let end = self.runs.at[last] + self.runs.chars[last].len_utf8();
        Found {
            span: Span::new(start, end),
            wrong: text[start..end].to_string(),
            right: right.into_iter().collect(),
            in_document,
            kind,
        }
    }

    /// One character of `run` swapped for a confusable one.
    fn substitution(&self, run: &Range<usize>, i: usize, text: &str) -> Option<Found> {
        let chars = &self.runs.chars[run.clone()];
        let c = chars[i];
        if !self.tables.confusable_chars.maybe(c) {
            return None;
        }
        // A word the character makes with a neighbour is used elsewhere in
        // the document (符合 in 符合科技型 against 和科技型): the text is
        // read another way, not mistyped.
        let left_used = i > 0 && self.twice(chars[i - 1], c);
        let right_used = i + 1 < chars.len() && self.twice(c, chars[i + 1]);
        if left_used || right_used {
            return None;
        }
        let others = self.tables.confusable.get(&c)?;
        for &b in others {
            let edited = |w: Range<usize>| -> Vec<char> {
                w.map(|k| if k == i { b } else { chars[k] }).collect()
            };
            // The document's phrases, shortest first, with a character of
            // context on each side of the swapped one (系列促销活动 is not
            // 系列促消费 with 消 mistyped): both pairs the other character
            // makes with the neighbours must be the document's.
            let context = i.saturating_sub(1)..(i + 2).min(chars.len());
            let pairs_used = (i == 0 || self.twice(chars[i - 1], b))
                && (i + 1 == chars.len() || self.twice(b, chars[i + 1]));
            for len in (MIN_EVIDENCE..=MAX_WINDOW.min(chars.len())).filter(|_| pairs_used) {
                for start in windows_containing(context.clone(), len, chars.len()) {
                    let w = start..start + len;
                    let right = edited(w.clone());
                    if self.count(&right) < 2 {
                        continue;
                    }
                    if let Some(doc) = self.evidence(&chars[w.clone()], &right) {
                        return Some(self.found(run, w, right, doc, "换字", text));
                    }
                }
            }
            // Known terms.
            let near_term = (i > 0 && self.term_bigram(chars[i - 1], b))
                || (i + 1 < chars.len() && self.term_bigram(b, chars[i + 1]));
            if !near_term {
                continue;
            }
            for len in self.term_lengths() {
                for start in windows_containing(i..i + 1, len, chars.len()) {
                    let w = start..start + len;
                    // The window's hash as edited, before the window.
                    let edited_hash = hash(w.clone().map(|k| if k == i { b } else { chars[k] }));
                    if self.term(edited_hash).is_none() {
                        continue;
                    }
                    let right = edited(w.clone());
                    if let Some(doc) = self.evidence(&chars[w.clone()], &right) {
                        return Some(self.found(run, w, right, doc, "换字", text));
                    }
                }
            }
        }
        None
    }

    /// A character written twice: a function word (按按职责, 的的), or a
    /// character of a known term (较大大安全事故). Other characters are
    /// doubled across two words too often (饮用水水源地, 低空空域, 力争争先)
    /// to be judged without a dictionary.
    fn doubled(&self, run: &Range<usize>, i: usize, text: &str) -> Option<Found> {
        let chars = &self.runs.chars[run.clone()];
        let c = chars[i];
        if i + 1 >= chars.len() || chars[i + 1] != c || self.tables.reduplicated.contains(&c) {
            return None;
        }
        if i + 2 < chars.len() && chars[i + 2] == c {
            return None;
        }
        let single: Vec<char> = chars[..=i].iter().chain(&chars[i + 2..]).copied().collect();
        if DOUBLED_ALONE.contains(c) && i + 1 < single.len() {
            // The single form must be the document's: 按职责 after 按按职责.
            // 的 also ends words (目的的, 标的的 are 目的 + 的): for it, the
            // character before must be the document's too.
            let after = i + 2 < single.len() && self.count(&[c, single[i + 1], single[i + 2]]) >= 1;
            let single_used = if c == '的' {
                i > 0 && self.count(&[single[i - 1], c, single[i + 1]]) >= 1
            } else {
                after
            };
            if !single_used {
                return None;
            }
            let wrong = i..i + 2;
            return Some(self.found(run, wrong, vec![c], false, "重字", text));
        }
        // Windows of the single form holding the character and the one
        // after it, i.e. the place where the doubled one stood; the
        // character inside the term, not at its edge.
        for len in self.term_lengths() {
            for start in windows_containing(i.saturating_sub(1)..i + 2, len, single.len()) {
                let right = &single[start..start + len];
                if self.term(hash(right.iter().copied())).is_none() {
                    continue;
                }
                let right = right.to_vec();
                let wrong = start..start + len + 1;
                return Some(self.found(run, wrong, right, false, "重字", text));
            }
        }
        None
    }

    /// Two characters, or two two-character words (next to each other or
    /// with one character between), written in the wrong order. Two words
    /// are often reordered on purpose (实施方案/方案实施, 主体责任/责任主体,
    /// 共享互认/互认共享), so a word swap needs a name the document writes
    /// the other way at least twice (县重点建设项目事务中心), or a known term
    /// whose words are split by the swap (社会零售品消费总额); a swap of two
    /// characters needs the document's phrase with a character of context
    /// on each side.
    fn transposed(&self, run: &Range<usize>, i: usize, text: &str) -> Option<Found> {
        let chars = &self.runs.chars[run.clone()];
        // Cheap tests first, for the three swaps at once (most places fail
        // them all): the swapped pair must be the document's (two
        // characters); a name written the other way twice has its pairs
        // written twice, the pair the swap makes between the words first
        // (two words); the swap must make pairs of a term (two words split
        // by one).
        let n = chars.len();
        let pair_swapped = i + 2 <= n && self.twice(chars[i + 1], chars[i]);
        let words_swapped = i + 4 <= n && self.twice(chars[i + 3], chars[i]);
        let split_swapped = i + 5 <= n
            && self.term_bigram(chars[i + 4], chars[i + 2])
            && self.term_bigram(chars[i + 2], chars[i]);
        if !(pair_swapped || words_swapped || split_swapped) {
            return None;
        }
        for (k, gap) in [(1, 0), (2, 0), (2, 1)] {
            let region = i..i + 2 * k + gap;
            if region.end > chars.len() {
                continue;
            }
            let a = &chars[i..i + k];
            let b = &chars[i + k + gap..region.end];
            if a == b {
                continue;
            }
            // The characters of a window of the run with the two parts
            // swapped.
            let swapped_at = |x: usize| -> char {
                match x {
                    _ if x < i || x >= region.end => chars[x],
                    _ if x < i + k => b[x - i],
                    _ if x < i + k + gap => chars[x],
                    _ => a[x - (i + k + gap)],
                }
            };
            let swapped = |w: Range<usize>| -> Vec<char> { w.map(swapped_at).collect() };
            // The cheap tests above; a unit's name must follow the words.
            if k == 1 && !pair_swapped {
                continue;
            }
            if k == 2 && gap == 0 && !(words_swapped && name_end(chars, region.end).is_some()) {
                continue;
            }
            if gap == 1 && !split_swapped {
                continue;
            }
            if k == 1 {
                // A character of context on each side, or the end of the
                // clause (灾害天气对应。 among 灾害天气应对工作).
                // The clause's end counts as context: the phrase must end
                // a clause where the document writes it too (服务企业。 is
                // not 服务业企业 with two characters swapped).
                let context = region.start.saturating_sub(1)..(region.end + 1).min(chars.len());
                if context.len() < region.len() + 1 {
                    continue;
                }
                // A phrase written twice has its pairs written twice: the
                // swapped pair with its neighbours first.
                if i > 0 && !self.twice(chars[i - 1], b[0])
                    || region.end < chars.len() && !self.twice(a[0], chars[region.end])
                {
                    continue;
                }
                let lead = region.start == 0;
                let trail = region.end == chars.len();
                let edged = |w: &[char]| -> Vec<char> {
                    let mut out = Vec::with_capacity(w.len() + 2);
                    out.extend(lead.then_some(EDGE));
                    out.extend_from_slice(w);
                    out.extend(trail.then_some(EDGE));
                    out
                };
                for len in MIN_EVIDENCE..=MAX_WINDOW {
                    for start in windows_containing(context.clone(), len, chars.len()) {
                        let w = start..start + len;
                        let right = edged(&swapped(w.clone()));
                        if self.count(&right) < 2 {
                            continue;
                        }
                        if let Some(doc) = self.evidence(&edged(&chars[w.clone()]), &right) {
                            let right = swapped(w.clone());
                            return Some(self.found(run, w, right, doc, "颠倒", text));
                        }
                    }
                }
                continue;
            }
            // A unit's name: the swapped words and what follows up to the
            // unit's suffix, written the other way at least twice.
            if let Some(end) = name_end(chars, region.end) {
                let w = region.start..end;
                let right = swapped(w.clone());
                if w.len() <= NAME_WINDOW
                    && self.count(&right) >= 2
                    && let Some(doc) = self.evidence(&chars[w.clone()], &right)
                {
                    return Some(self.found(run, w, right, doc, "颠倒", text));
                }
            }
            if gap == 1 {
                for len in self.term_lengths() {
                    for start in windows_containing(region.clone(), len, chars.len()) {
                        let w = start..start + len;
                        if self.term(hash(w.clone().map(swapped_at))).is_none() {
                            continue;
                        }
                        let right = swapped(w.clone());
                        if let Some(doc) = self.evidence(&chars[w.clone()], &right) {
                            return Some(self.found(run, w, right, doc, "颠倒", text));
                        }
                    }
                }
            }
        }
        None
    }

    /// A character lost inside a known term (普通国干线): the wrong form is
    /// the term without one of its inner characters. The document's own
    /// phrases are no evidence here: 协调调度 and 协调和调度, 质量效益 and
    /// 质量和效益 are both good Chinese.
    fn lost(
        &self,
        run: &Range<usize>,
        i: usize,
        extra_deletions: &HashMap<u64, Vec<char>, Fast>,
        text: &str,
    ) -> Option<Found> {
        let chars = &self.runs.chars[run.clone()];
        // A term less an inner character keeps its first two: a window
        // that does not begin with a pair of a term is none.
        if i + 1 >= chars.len() || !self.term_bigram(chars[i], chars[i + 1]) {
            return None;
        }
        let mut h = SEED;
        for (n, &c) in chars[i..].iter().take(MAX_TERM - 1).enumerate() {
            h = step(h, c);
            let len = n + 1;
            if len < MIN_EVIDENCE {
                continue;
            }
            let w = i..i + len;
            let wrong = &chars[w.clone()];
            let key = seal(h, len);
            let builtin = (self.tables.deletion_bits.maybe(key))
                .then(|| self.tables.deletions.get(&key))
                .flatten();
            let Some(right) = builtin.or_else(|| {
                (!extra_deletions.is_empty())
                    .then(|| extra_deletions.get(&key))
                    .flatten()
            }) else {
                continue;
            };
            if !is_lost_from(wrong, right) {
                continue;
            }
            if let Some(doc) = self.evidence(wrong, right) {
                return Some(self.found(run, w, right.clone(), doc, "漏字", text));
            }
        }
        None
    }
}

/// The terms, keyed by each form with one inner character removed (the
/// first term wins a key two share).
fn deletions<'a>(terms: impl Iterator<Item = &'a String>) -> HashMap<u64, Vec<char>, Fast> {
    let mut map: HashMap<u64, Vec<char>, Fast> = HashMap::default();
    let mut add = |phrase: &[char]| {
        // Two characters at least on each side of the lost one: a term
        // less its second character is often another word's tail
        // (净土污染防治 is not 土壤污染防治 with 壤 lost).
        for k in 2..phrase.len().saturating_sub(2) {
            if phrase[k] == phrase[k - 1]
                || phrase[k] == phrase[k + 1]
                || DROPPED_ON_PURPOSE.contains(phrase[k])
            {
                continue;
            }
            let key = hash(phrase[..k].iter().chain(&phrase[k + 1..]).copied());
            map.entry(key).or_insert_with(|| phrase.to_vec());
        }
    };
    for term in terms {
        let chars: Vec<char> = term.chars().collect();
        if chars.len() > MIN_EVIDENCE {
            add(&chars);
        }
    }
    map
}

/// Whether `wrong` is `right` with one inner character removed.
fn is_lost_from(wrong: &[char], right: &[char]) -> bool {
    right.len() == wrong.len() + 1
        && (1..right.len() - 1).any(|k| right[..k] == wrong[..k] && right[k + 1..] == wrong[k..])
}

/// The starts of the windows of `len` characters within `0..total` that
/// contain all of `inner`.
fn windows_containing(inner: Range<usize>, len: usize, total: usize) -> Range<usize> {
    if len < inner.len() || len > total {
        return 0..0;
    }
    let first = inner.end.saturating_sub(len);
    let last = inner.start.min(total - len);
    first..last + 1
}

/// Characters a term is often written without (战略新兴产业 for
/// 战略性新兴产业, 质量效益 for 质量和效益): not lost by a slip.
const DROPPED_ON_PURPOSE: &str = "性化的和与及等之地";

/// Function words never written twice on purpose: doubled, they are a slip
/// whatever the document says elsewhere.
const DOUBLED_ALONE: &str = "的得按与和被由是从或";

/// The last character of a unit's name: 局, 委, 办…
fn is_name_one(c: char) -> bool {
    matches!(c, '局' | '委' | '办' | '厅' | '院' | '所' | '站' | '队')
}

/// A two-character suffix of a unit's name: 中心, 公司, 集团, 协会.
fn is_name_two(a: char, b: char) -> bool {
    matches!(
        (a, b),
        ('中', '心') | ('公', '司') | ('集', '团') | ('协', '会')
    )
}

/// Where the unit name that goes on after `from` ends: a suffix (局, 中心…)
/// within four characters.
fn name_end(chars: &[char], from: usize) -> Option<usize> {
    for end in from..(from + 4).min(chars.len()) {
        if is_name_one(chars[end]) {
            return Some(end + 1);
        }
        if end + 1 < chars.len() && is_name_two(chars[end], chars[end + 1]) {
            return Some(end + 2);
        }
    }
    None
}

/// Whether a unit's name may end at `last` (its suffix's last character).
fn is_name_end(chars: &[char], last: usize) -> bool {
    is_name_one(chars[last]) || last > 0 && is_name_two(chars[last - 1], chars[last])
}

fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', ',', '、', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

impl Rule for Slip {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.source.text();
        let mut runs = Runs {
            chars: vec![EDGE],
            at: vec![0],
            runs: Vec::new(),
        };
        let close = |runs: &mut Runs, start: usize| {
            if runs.chars.len() > start {
                runs.runs.push(start..runs.chars.len());
                let last = runs.at[runs.chars.len() - 1];
                runs.chars.push(EDGE);
                runs.at.push(last);
            }
        };
        for &line in content_lines(doc, cx).iter() {
            let mut start = runs.chars.len();
            for &(at, c) in cx.chars(line) {
                if is_han(c) {
                    runs.chars.push(c);
                    runs.at.push(at);
                } else {
                    close(&mut runs, start);
                    start = runs.chars.len();
                }
            }
            close(&mut runs, start);
        }
        // Every pair of characters, with where it is written.
        let mut pairs: HashMap<u64, Pair, Fast> = HashMap::default();
        pairs.reserve(runs.chars.len() / 2);
        let mut previous = vec![0u32; runs.chars.len()];
        for (at, w) in runs.chars.windows(2).enumerate() {
            let pair = pairs.entry(pair_hash(w[0], w[1])).or_default();
            pair.count += 1;
            previous[at] = pair.last;
            pair.last = at as u32 + 1;
        }
        let mut extra_terms = Terms::default();
        for term in split_list(Self::META.option(cx.settings, "terms")) {
            extra_terms.add(term);
        }
        let accepted: Vec<&str> = split_list(Self::META.option(cx.settings, "accept")).collect();
        let mut twice_bits = Bloom::new(TWICE_BITS);
        for (&h, p) in &pairs {
            if p.count >= 2 {
                twice_bits.insert(h);
            }
        }
        let tables = tables(&cx.settings.terms);
        let analysis = Analysis {
            twice_bits,
            runs,
            pairs,
            previous,
            tables: &tables,
            extra_terms,
        };
        let deletions = deletions(analysis.extra_terms.by_hash.values());

        let mut found: Vec<Found> = Vec::new();
        for run in &analysis.runs.runs {
            let mut i = 0;
            while i < run.len() {
                let slip = analysis
                    .doubled(run, i, text)
                    .or_else(|| analysis.substitution(run, i, text))
                    .or_else(|| analysis.transposed(run, i, text))
                    .or_else(|| analysis.lost(run, i, &deletions, text));
                match slip {
                    Some(slip) => {
                        // Go on after the wrong form.
                        let end =
                            analysis.runs.at[run.clone()].partition_point(|&at| at < slip.span.end);
                        found.push(slip);
                        i = end.max(i + 1);
                    }
                    None => i += 1,
                }
            }
        }

        units::add(&mut found, doc, cx);

        let mut out = Vec::new();
        for slip in found {
            // The typo rule (W103) reports its dictionary's wrong forms.
            let line = cx.source.line_span(cx.source.line_of(slip.span.start));
            let overlaps = |word: &str| {
                !word.is_empty()
                    && text[line.start..line.end]
                        .match_indices(word)
                        .any(|(at, _)| {
                            let start = line.start + at;
                            start < slip.span.end && slip.span.start < start + word.len()
                        })
            };
            if cx.settings.typos.iter().any(|(wrong, _)| overlaps(wrong))
                || accepted.iter().any(|a| overlaps(a))
            {
                continue;
            }
            let (wrong, right) = (&slip.wrong, &slip.right);
            let elsewhere: Vec<Span> = if slip.in_document {
                text.match_indices(right.as_str())
                    .map(|(at, _)| Span::new(at, at + right.len()))
                    .take(3)
                    .collect()
            } else {
                Vec::new()
            };
            let message = match elsewhere.first() {
                _ if right.chars().count() == 1 => {
                    format!("疑似笔误(重字):“{right}”写了两遍")
                }
                Some(&first) => {
                    // Names longer than the counted phrases: as written.
                    let n = match analysis.count(&right.chars().collect::<Vec<_>>()) {
                        0 => text.matches(right.as_str()).count() as u32,
                        n => n,
                    };
                    format!(
                        "疑似笔误({}):此处为“{wrong}”,文件第{}行等{n}处写作“{right}”",
                        slip.kind,
                        cx.line(first.start)
                    )
                }
                None => format!("疑似笔误({}):“{wrong}”应为常用提法“{right}”", slip.kind),
            };
            let mut diagnostic = cx.diagnostic(&Self::META, slip.span, message);
            for &span in &elsewhere {
                diagnostic = diagnostic.with_related(span, format!("这里写作“{right}”"));
            }
            out.push(diagnostic.with_fix(Fix::replace(
                format!("改为“{right}”"),
                slip.span,
                right.clone(),
            )));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_with, texts};
    use crate::rule::Settings;

    /// The national pack's terms, as the packs hand them to the rule.
    fn national() -> Settings {
        let terms = data_lines(include_str!("../../packs/national.terms.txt"));
        Settings {
            terms: TermList::new(terms.map(String::from).collect()),
            ..Settings::default()
        }
    }

    fn fixed(text: &str, found: &[Diagnostic]) -> String {
        found[0].fix.as_ref().unwrap().apply(text)
    }

    #[test]
    fn the_fast_lookups_agree_with_the_tables() {
        assert_eq!(pair_hash('隐', '性'), hash(['隐', '性']));
        let mut set = CharSet::default();
        set.insert('局');
        assert!(set.maybe('局') && !set.maybe('委'));
        assert!(set.maybe('\u{20000}'), "beyond the plane: always maybe");
        assert!(is_name_end(&['市', '委'], 1) && is_name_end(&['中', '心'], 1));
        assert_eq!(name_end(&['发', '改', '局', '要'], 0), Some(3));
        assert_eq!(name_end(&['发', '展', '改', '革', '委'], 0), None);
    }

    #[test]
    fn a_homophone_against_the_documents_own_phrase() {
        let text = "一、建设智慧农机平台,统一接入。\n二、依托智慧农机平台开展调度。\n三、完善智慧农基平台功能。\n";
        let found = check_with(&Slip, text, &national());
        assert_eq!(texts(text, &found), ["慧农基平"]);
        assert_eq!(
            found[0].message,
            "疑似笔误(换字):此处为“慧农基平”,文件第1行等2处写作“慧农机平”"
        );
        assert_eq!(found[0].related.len(), 2);
        assert!(fixed(text, &found).contains("完善智慧农机平台功能"));
    }

    #[test]
    fn a_homophone_against_a_known_term() {
        let text = "对新增项目实行提及审核,严格评估。\n坚决遏制隐形债务增量。\n";
        let found = check_with(&Slip, text, &national());
        assert_eq!(texts(text, &found), ["提及审核", "隐形债务"]);
        assert_eq!(
            found[0].message,
            "疑似笔误(换字):“提及审核”应为常用提法“提级审核”"
        );
        assert!(found[0].related.is_empty());
        assert!(fixed(text, &found).contains("实行提级审核"));
        // The terms are the packs': without them, no evidence.
        assert!(check(&Slip, text).is_empty());
    }

    #[test]
    fn a_doubled_function_word_or_term_character() {
        let text = "各单位按职责抓好落实,各部门要按按职责分工推进。\n坚决不发生较大大安全事故。\n";
        let found = check_with(&Slip, text, &national());
        assert_eq!(texts(text, &found), ["按按", "较大大安全事故"]);
        assert_eq!(found[0].message, "疑似笔误(重字):“按”写了两遍");
        assert!(fixed(text, &found).contains("要按职责分工"));
        assert!(
            found[1]
                .fix
                .as_ref()
                .unwrap()
                .apply(text)
                .contains("不发生较大安全事故")
        );
    }

    #[test]
    fn transposed_words_of_a_name_or_a_term() {
        let text = "县重点建设项目事务中心牵头。\n县重点建设项目事务中心配合。\n县重点项目建设事务中心负责。\n实现社会零售品消费总额增长8%。\n";
        let found = check_with(&Slip, text, &national());
        assert_eq!(
            texts(text, &found),
            ["项目建设事务中心", "社会零售品消费总额"]
        );
        assert!(
            found[0].message.contains("等2处写作“建设项目事务中心”"),
            "{}",
            found[0].message
        );
        assert!(fixed(text, &found).contains("县重点建设项目事务中心负责"));
        assert!(
            found[1]
                .fix
                .as_ref()
                .unwrap()
                .apply(text)
                .contains("社会消费品零售总额增长")
        );
    }

    #[test]
    fn a_character_lost_inside_a_term() {
        let text = "加快普通国干线提质改造。\n";
        let found = check_with(&Slip, text, &national());
        assert_eq!(texts(text, &found), ["普通国干线"]);
        assert!(fixed(text, &found).contains("加快普通国省干线提质改造"));
    }

    #[test]
    fn reduplication_and_words_across_a_doubled_character() {
        let text = "层层落实责任,常常深入一线,人人参与。\n保护饮用水水源地,加强低空空域管理,以选拔为目的的考试,力争争先进位。\n";
        assert!(check_with(&Slip, text, &national()).is_empty());
    }

    #[test]
    fn deliberate_synonyms_and_reorderings() {
        let text = "提高发展质量,提高发展质量。提升发展质量。\n制定实施方案,制定实施方案,推动方案实施。\n压实主体责任,压实主体责任,明确责任主体。\n新增城镇就业1万人,城镇新增就业1万人。\n符合科技型中小企业条件的,支持大中小企业和科技型企业,推动高校和科技型企业合作。\n";
        assert!(
            check_with(&Slip, text, &national()).is_empty(),
            "{:?}",
            check_with(&Slip, text, &national())
        );
    }

    #[test]
    fn a_term_written_without_its_light_character() {
        let text = "培育壮大战略新兴产业,提升质量效益。\n";
        assert!(check_with(&Slip, text, &national()).is_empty());
    }

    #[test]
    fn shortenings_and_distinct_units() {
        let text = "省发展改革委牵头,省发改委配合。\n市生态环境局牵头,市生态环境局衡南分局、市生态环境局衡南分局配合。\n";
        assert!(check_with(&Slip, text, &national()).is_empty());
    }

    #[test]
    fn accepted_words_are_quiet() {
        let text = "对新增项目实行提及审核。\n";
        let mut settings = Settings::default();
        settings
            .options
            .entry("W104".into())
            .or_default()
            .insert("accept".into(), "提及审核,某某".into());
        assert!(check_with(&Slip, text, &settings).is_empty());
        // A pack's own term is a right form too.
        let text = "推进湘江流域综治理。\n";
        let mut settings = Settings::default();
        settings
            .options
            .entry("W104".into())
            .or_default()
            .insert("terms".into(), "流域综合治理".into());
        let found = check_with(&Slip, text, &settings);
        assert_eq!(texts(text, &found), ["流域综治理"]);
    }

    #[test]
    fn the_typo_dictionary_is_left_to_w103() {
        let text = "对新增项目实行提及审核。\n";
        let settings = Settings {
            typos: vec![("提及审核".into(), "提级审核".into())],
            ..Settings::default()
        };
        assert!(check_with(&Slip, text, &settings).is_empty());
    }

    #[test]
    fn the_tables_are_sound() {
        let tables = tables(&national().terms);
        assert!(tables.confusable.len() > 300, "{}", tables.confusable.len());
        for (a, others) in &tables.confusable {
            assert!(!others.contains(a));
            for b in others {
                assert!(tables.confusable[b].contains(a), "{a}/{b} not mutual");
            }
        }
        assert!(tables.terms.by_hash.len() > 150);
        assert!(!tables.reduplicated.contains(&'大'));
        assert!(
            tables
                .terms
                .by_hash
                .values()
                .all(|t| t.chars().count() >= 3)
        );
    }
}
