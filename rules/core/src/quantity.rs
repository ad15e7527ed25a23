//! Numeric quantities in plan text: "5个以上", "1.13万户", "不低于40%",
//! "十大", "1-2次".
//!
//! [`find_quantities`] is a small hand-written scanner over the characters of
//! one paragraph or clause. It is linear in the length of its input (every
//! look-around is bounded by a constant) and never panics: spans always fall
//! on character boundaries.
//!
//! The scanner is deliberately conservative. A number is only reported when
//! it reads as a measured amount: years, dates, times, document numbers,
//! ordinals (`第3`, `(1)`, `1.` at the start of a heading), identifiers glued to
//! Latin letters (`PM2.5`, `5G`, `S313`) and numbers that are names (`“1+N”`,
//! `“5122”`, `《…》`) are skipped. A Chinese numeral additionally needs a real
//! measure word (`两项`, `十大`, `三年`), so `一是`, `统一`, `一批`, `十四五` are
//! not quantities.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

use crate::Span;
use crate::text::{
    digit_value, is_cn_number_char, is_cn_number_start, is_dash, is_dot, is_han, is_latin,
    is_percent,
};
use crate::words::WordIndex;

/// One numeric quantity found in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// The whole quantity, including the qualifiers that touch it:
    /// "5个以上", "力争突破75家", "不低于40%", "1-2次".
    pub span: Span,
    /// Just the numerals with their scale word: "5", "1.13万", "1-2",
    /// "十", "百分之十". For a range written with a unit on both ends
    /// ("10%-20%") this runs from the first to the last numeral ("10%-20").
    pub number_span: Span,
    /// The magnitude, scale words applied (1.13万 → 11300).
    pub value: Value,
    /// The normalised measure word after the number ("个", "%", "个百分点",
    /// "元", "户"), without the scale word; empty when there is none.
    pub unit: String,
    /// "万", "亿", "万亿", … when the number had one, for display.
    pub scale_word: Option<String>,
    /// Each qualifier once, in the order of first appearance.
    pub qualifiers: Vec<Qualifier>,
    /// The exact words behind `qualifiers`, in text order ("不低于", "以上",
    /// "力争", "余"), so rules can tell 不低于 from 以上.
    pub qualifier_words: Vec<String>,
    /// The exact source text of `span`.
    pub text: String,
}

/// A normalised magnitude.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Value {
    Exact(f64),
    Range { low: f64, high: f64 },
}

impl Value {
    /// The lower end (the value itself for [`Value::Exact`]).
    pub fn low(self) -> f64 {
        match self {
            Value::Exact(v) => v,
            Value::Range { low, .. } => low,
        }
    }

    /// The upper end (the value itself for [`Value::Exact`]).
    pub fn high(self) -> f64 {
        match self {
            Value::Exact(v) => v,
            Value::Range { high, .. } => high,
        }
    }
}

/// How a quantity is bounded or hedged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Qualifier {
    /// 以上, 及以上, 不低于, 不少于, 不小于, 至少
    AtLeast,
    /// 以内, 之内, 以下, 及以下, 不超过, 不高于, 不多于, 不大于, 最多, 低于,
    /// 内 (after a time unit: "3年内")
    AtMost,
    /// 左右, 约, 大约
    About,
    /// 达到, 达
    Reach,
    /// 突破, 超过, 超, 逾, 高于, and 余/多 inside the quantity ("100余家")
    Exceed,
    /// 力争
    Strive,
    /// 确保
    Ensure,
}

impl Quantity {
    /// The quantity as written, normalised for messages: full-width digits,
    /// `％` and `．` become ASCII, range dashes become `-`
    /// ("7个以上", "6.5%以上", "不低于40%", "1-2个").
    pub fn display_value(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut last_dash = false;
        for c in self.text.chars() {
            let m = match c {
                '％' => '%',
                '．' => '.',
                c if is_dash(c) => '-',
                c => digit_value(c).map_or(c, |d| char::from(b'0' + d)),
            };
            if m == '-' && last_dash {
                continue;
            }
            last_dash = m == '-';
            out.push(m);
        }
        out
    }

    /// Whether the quantity carries `q`.
    pub fn has(&self, q: Qualifier) -> bool {
        self.qualifiers.contains(&q)
    }
}

/// Every numeric quantity in `text`, a paragraph or clause whose first byte
/// is at byte `offset` of the document. Spans are document byte spans.
pub fn find_quantities(text: &str, offset: usize) -> Vec<Quantity> {
    // Most clauses hold no numeral at all: skip the scanner's set-up.
    let Some((first, _)) = text.char_indices().find(|&(_, c)| may_start_number(c)) else {
        return Vec::new();
    };
    Scanner::new(text, offset, first).run()
}

/// Whether the scanner looks for a quantity at character `c`: a digit, a
/// Chinese numeral, or the 百 of 百分之.
fn may_start_number(c: char) -> bool {
    digit_value(c).is_some() || is_cn_number_start(c) || c == '百'
}

/// The value of a Chinese numeral: "十" → 10, "二十三" → 23, "一百零五" → 105,
/// "一百二十" → 120, "两万" → 20000, "三亿五千万" → 350000000, "一万亿" → 1e12,
/// "二〇二四" → 2024 (digit by digit), "三点五" → 3.5. Financial numerals
/// (壹贰叁…拾佰仟) are accepted too. Colloquial abbreviations ("一万五")
/// and malformed strings ("十四五") give `None`.
pub fn parse_chinese_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (int_part, frac_part) = match s.split_once('点') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let mut v = parse_cn_int(int_part)?;
    if let Some(frac) = frac_part {
        if frac.is_empty() {
            return None;
        }
        let mut scale = 1.0;
        for c in frac.chars() {
            if c == '两' {
                return None;
            }
            scale /= 10.0;
            v += f64::from(cn_digit(c)?) * scale;
        }
    }
    Some(v)
}

fn parse_cn_int(s: &str) -> Option<f64> {
    let cs: Vec<char> = s.chars().collect();
    if cs.is_empty() {
        return None;
    }
    let has_mult = cs
        .iter()
        .any(|&c| cn_small(c).is_some() || cn_big(c).is_some());
    if !has_mult {
        if let [c] = cs[..] {
            return cn_digit(c).map(f64::from);
        }
        // Digit by digit: 二〇二四.
        let mut v = 0.0;
        for &c in &cs {
            if c == '两' {
                return None;
            }
            v = v * 10.0 + f64::from(cn_digit(c)?);
        }
        return Some(v);
    }
    let mut total = 0.0; // whole 亿 groups
    let mut wan = 0.0; // the 万 group below them
    let mut wan_used = false;
    let mut section = 0.0; // below 万
    let mut digit: Option<u32> = None;
    let mut last_small = u32::MAX;
    let mut last_mult: u32 = 0;
    let mut zero = false;
    for &c in &cs {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() {
                return None;
            }
            if d == 0 {
                zero = true;
            } else {
                digit = Some(d);
            }
        } else if let Some(m) = cn_small(c) {
            if m >= last_small {
                return None;
            }
            let d = digit.take().unwrap_or(1);
            section += f64::from(d * m);
            last_small = m;
            last_mult = m;
            zero = false;
        } else if let Some(e) = cn_big(c) {
            if let Some(d) = digit.take() {
                if last_mult > 10 && !zero {
                    return None;
                }
                section += f64::from(d);
            }
            if e == 4 {
                if section == 0.0 || wan_used {
                    return None;
                }
                wan = section * 1e4;
                wan_used = true;
            } else {
                let cur = wan + section;
                if cur == 0.0 {
                    return None;
                }
                total = (total + cur) * 1e8;
                wan = 0.0;
                wan_used = false;
            }
            section = 0.0;
            last_small = u32::MAX;
            last_mult = 10_000;
            zero = false;
        } else {
            return None;
        }
    }
    if let Some(d) = digit {
        // "一万五" (15000, colloquial) is ambiguous: refuse it.
        if last_mult > 10 && !zero {
            return None;
        }
        section += f64::from(d);
    }
    Some(total + wan + section)
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn cn_small(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

fn cn_big(c: char) -> Option<u32> {
    Some(match c {
        '万' | '萬' => 4,
        '亿' => 8,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Word lists

use Qualifier::*;

/// Qualifiers directly before the number, longest first.
const PRE_WORDS: &[(&str, Qualifier)] = &[
    ("不低于", AtLeast),
    ("不少于", AtLeast),
    ("不小于", AtLeast),
    ("不超过", AtMost),
    ("不高于", AtMost),
    ("不多于", AtMost),
    ("不大于", AtMost),
    ("至少", AtLeast),
    ("最多", AtMost),
    ("低于", AtMost),
    ("高于", Exceed),
    ("达到", Reach),
    ("突破", Exceed),
    ("超过", Exceed),
    ("力争", Strive),
    ("确保", Ensure),
    ("大约", About),
    ("约", About),
    ("达", Reach),
    ("超", Exceed),
    ("逾", Exceed),
];

/// Qualifiers directly after the unit.
const POST_WORDS: &[(&str, Qualifier)] = &[
    ("及以上", AtLeast),
    ("及以下", AtMost),
    ("以上", AtLeast),
    ("以内", AtMost),
    ("之内", AtMost),
    ("以下", AtMost),
    ("左右", About),
];

/// Units after which a bare 内 means "within".
const TIME_UNITS: &[&str] = &["年", "个月", "天", "日", "小时", "分钟", "周", "个工作日"];

/// Measure words: (as written, normalised). The longest match wins.
const UNITS: &[(&str, &str)] = &[
    ("个百分点", "个百分点"),
    ("百分点", "个百分点"),
    ("个工作日", "个工作日"),
    ("工作日", "个工作日"),
    ("个月", "个月"),
    ("个", "个"),
    ("%", "%"),
    ("％", "%"),
    ("‰", "‰"),
    ("家", "家"),
    ("户", "户"),
    ("人次", "人次"),
    ("人", "人"),
    ("名", "名"),
    ("项", "项"),
    ("件", "件"),
    ("宗", "宗"),
    ("次", "次"),
    ("所", "所"),
    ("座", "座"),
    ("条", "条"),
    ("平方公里", "平方公里"),
    ("平方千米", "平方千米"),
    ("平方米", "平方米"),
    ("立方米", "立方米"),
    ("公里", "公里"),
    ("千米", "千米"),
    ("米", "米"),
    ("公顷", "公顷"),
    ("亩", "亩"),
    ("吨", "吨"),
    ("千克", "千克"),
    ("微克/立方米", "微克/立方米"),
    ("微克", "微克"),
    ("毫克", "毫克"),
    ("毫米", "毫米"),
    ("公斤", "公斤"),
    ("千伏安", "千伏安"),
    ("千伏", "千伏"),
    ("千瓦时", "千瓦时"),
    ("千瓦", "千瓦"),
    ("兆伏安", "兆伏安"),
    ("兆瓦", "兆瓦"),
    ("吉瓦", "吉瓦"),
    ("美元", "美元"),
    ("元", "元"),
    ("辆", "辆"),
    ("台", "台"),
    ("套", "套"),
    ("张床", "张床"),
    ("张", "张"),
    ("床", "床"),
    ("类", "类"),
    ("批次", "批次"),
    ("批", "批"),
    ("处", "处"),
    ("场", "场"),
    ("期", "期"),
    ("天", "天"),
    ("日", "日"),
    ("小时", "小时"),
    ("分钟", "分钟"),
    ("分", "分"),
    ("倍", "倍"),
    ("周岁", "周岁"),
    ("岁", "岁"),
    ("周年", "周年"),
    ("年", "年"),
    ("周", "周"),
    ("届", "届"),
    ("轮", "轮"),
    ("支", "支"),
    ("栋", "栋"),
    ("幢", "幢"),
    ("间", "间"),
    ("层", "层"),
    ("种", "种"),
    ("份", "份"),
    ("篇", "篇"),
    ("组", "组"),
    ("株", "株"),
    ("棵", "棵"),
    ("艘", "艘"),
    ("架次", "架次"),
    ("车次", "车次"),
    ("班次", "班次"),
    ("标准箱", "标准箱"),
    ("大", "大"),
];

/// Latin units after an Arabic number (whole words only).
const LATIN_UNITS: &[(&str, &str)] = &[
    ("kWh", "千瓦时"),
    ("MWh", "兆瓦时"),
    ("kVA", "千伏安"),
    ("MVA", "兆伏安"),
    ("kV", "千伏"),
    ("KV", "千伏"),
    ("kW", "千瓦"),
    ("KW", "千瓦"),
    ("MW", "兆瓦"),
    ("GW", "吉瓦"),
    ("km", "公里"),
    ("KM", "公里"),
];

/// Words after an Arabic number that make it a date, time, ordinal or name.
const ARABIC_REJECT: &[&str] = &[
    "号", "月", "时", "点", "季度", "级", "版", "楼", "路", "型", "代", "星",
];

/// Words after a bare number that make it a phone or service number.
const NUMBER_NAMES: &[&str] = &["热线", "急救", "报警", "专线", "服务号"];

/// Words right before a number that make it a label rather than an amount.
const PREV_BLOCK: &[&str] = &["第", "附件", "附表", "附图", "序号", "编号", "星期", "礼拜"];

/// Scale words after an Arabic number, with their power of ten.
const SCALES: &[(&str, i32)] = &[
    ("万亿", 12),
    ("千亿", 11),
    ("百亿", 10),
    ("千万", 7),
    ("百万", 6),
    ("亿", 8),
    ("万", 4),
    ("千", 3),
];

/// Scale words after a Chinese numeral and 余/多 ("十余万").
const CN_SCALES: &[(&str, i32)] = &[("万亿", 12), ("亿", 8), ("万", 4)];

/// Characters before a lone 一 that make it part of a word (统一, 唯一, 进一步…).
const ONE_PREV_BLOCK: &str = "统唯同单进逐每之合归划整专均其万任另某这那哪又更独新上下周初";

/// What may follow a lone 一 without it being a count (一批, 一大批, 一件事…).
const ONE_NEXT_BLOCK: &[&str] = &[
    "批",
    "大",
    "件事",
    "次性",
    "次办",
    "条龙",
    "张网",
    "张图",
    "张蓝图",
];

const OPENERS: &str = "(（[［【〔";
const CLOSERS: &str = ")）]］】〕";
const OPERATORS: &str = "+＋×*＊=＝÷";
/// Whether `c` ends the clause a distant 力争/确保 governs (a character
/// match, not a search of a string of them: it is asked for up to 30
/// characters before every quantity).
fn ends_a_clause(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | ';' | '；' | '。' | '!' | '！' | '?' | '？' | ':' | '：' | '\n' | '\r'
    )
}
/// How far back (in characters) a distant 力争/确保 may stand.
const SCOPE: usize = 30;
/// More significant digits than this is an identifier, not a quantity.
const MAX_DIGITS: usize = 18;

/// The character ranges strictly inside quotation marks (“” 「」 『』, and
/// straight `"` pairs) and strictly inside title marks (《》 〈〉), read
/// character by character in the pass that decodes the text. Each closer
/// pairs with the latest unmatched opener of its kind; a straight `"` opens
/// or closes. Ranges come out sorted and disjoint.
#[derive(Default)]
struct Marks {
    quoted: Vec<Range<usize>>,
    titled: Vec<Range<usize>>,
    quote_open: Option<usize>,
    title_open: Option<usize>,
}

impl Marks {
    /// Reads character `c`, the `k`-th of the text.
    fn read(&mut self, k: usize, c: char) {
        match c {
            '“' | '「' | '『' => self.quote_open = Some(k),
            '”' | '」' | '』' => self.quoted.extend(self.quote_open.take().map(|o| o + 1..k)),
            '"' => match self.quote_open.take() {
                Some(o) => self.quoted.push(o + 1..k),
                None => self.quote_open = Some(k),
            },
            '《' | '〈' => self.title_open = Some(k),
            '》' | '〉' => self.titled.extend(self.title_open.take().map(|o| o + 1..k)),
            _ => {}
        }
    }
}

/// Whether character `i` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[Range<usize>], i: usize) -> bool {
    let k = ranges.partition_point(|r| r.end <= i);
    ranges.get(k).is_some_and(|r| r.contains(&i))
}

// ---------------------------------------------------------------------------
// Word indexes

static PRE_INDEX: LazyLock<WordIndex<Qualifier>> =
    LazyLock::new(|| WordIndex::backwards(PRE_WORDS));
static POST_INDEX: LazyLock<WordIndex<Qualifier>> = LazyLock::new(|| WordIndex::new(POST_WORDS));
static UNIT_INDEX: LazyLock<WordIndex<&str>> = LazyLock::new(|| WordIndex::new(UNITS));
static LATIN_UNIT_INDEX: LazyLock<WordIndex<&str>> = LazyLock::new(|| WordIndex::new(LATIN_UNITS));
static SCALE_INDEX: LazyLock<WordIndex<i32>> = LazyLock::new(|| WordIndex::new(SCALES));
static CN_SCALE_INDEX: LazyLock<WordIndex<i32>> = LazyLock::new(|| WordIndex::new(CN_SCALES));
static PREV_BLOCK_INDEX: LazyLock<WordIndex<()>> = LazyLock::new(|| {
    let words: Vec<(&str, ())> = PREV_BLOCK.iter().map(|&w| (w, ())).collect();
    WordIndex::backwards(&words)
});

// ---------------------------------------------------------------------------
// Scanner

/// An Arabic number: digits with an optional decimal part.
struct Atom {
    end: usize,
    /// Integer and fraction digits, ASCII, without the dot.
    digits: String,
    int_len: usize,
    frac_len: usize,
}

impl Atom {
    fn leading_zero(&self) -> bool {
        self.int_len > 1 && self.digits.starts_with('0')
    }

    fn is_four_digit_integer(&self) -> bool {
        self.int_len == 4 && self.frac_len == 0
    }

    fn int_value(&self) -> u64 {
        self.digits.parse().unwrap_or(u64::MAX)
    }

    /// The value times 10^`exp`, computed from the integer mantissa so that
    /// 1.13万 is exactly 11300.
    fn value(&self, exp: i32) -> f64 {
        let mantissa: f64 = self.digits.parse().unwrap_or(0.0);
        let frac = i32::try_from(self.frac_len).unwrap_or(i32::MAX);
        let e = exp.saturating_sub(frac);
        if e >= 0 {
            mantissa * 10f64.powi(e)
        } else {
            mantissa / 10f64.powi(e.saturating_neg())
        }
    }
}

/// What follows a numeral before its unit: 余/多 and a scale word.
struct Tail {
    approx: Option<&'static str>,
    scale: Option<(&'static str, i32)>,
    /// End of the numeral part (after the scale word and any 余 before it).
    num_end: usize,
    /// Where the unit may start.
    end: usize,
}

enum UnitRes {
    Unit(&'static str, usize),
    NoUnit,
    Reject,
}

struct Parts {
    num_start: usize,
    num_end: usize,
    unit_end: usize,
    value: Value,
    unit: &'static str,
    scale: Option<&'static str>,
    approx: Option<&'static str>,
}

struct Scanner<'a> {
    text: &'a str,
    offset: usize,
    chars: Vec<(usize, char)>,
    /// The indices of the characters that may start a number
    /// ([`may_start_number`]), ascending: the scan goes from one to the next.
    starts: Vec<usize>,
    /// Character ranges inside quotation marks and inside title marks.
    quoted: Vec<Range<usize>>,
    titled: Vec<Range<usize>>,
    /// Index of the first character that is neither space nor an opener: a
    /// unitless number there is a heading marker.
    first_content: usize,
    /// Character index where the last reported quantity ends.
    last_end: usize,
    out: Vec<Quantity>,
}

impl<'a> Scanner<'a> {
    /// The scanner of `text`, whose first character that may start a
    /// number is at byte `first`.
    fn new(text: &'a str, offset: usize, first: usize) -> Self {
        // One pass decodes the text, notes where numbers may start, pairs
        // the marks and finds the first content character; room for a
        // character per byte, so that the vector never grows.
        let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
        let mut starts = Vec::new();
        let mut marks = Marks::default();
        let mut first_content = None;
        for (k, (b, c)) in text.char_indices().enumerate() {
            chars.push((b, c));
            if b >= first && may_start_number(c) {
                starts.push(k);
            }
            marks.read(k, c);
            if first_content.is_none() && !(c.is_whitespace() || OPENERS.contains(c)) {
                first_content = Some(k);
            }
        }
        let first_content = first_content.unwrap_or(chars.len());
        let Marks { quoted, titled, .. } = marks;
        Scanner {
            text,
            offset,
            chars,
            starts,
            quoted,
            titled,
            first_content,
            last_end: 0,
            out: Vec::new(),
        }
    }

    fn run(mut self) -> Vec<Quantity> {
        // Where the scan goes on: a number read skips what it took.
        let mut from = 0;
        for i in std::mem::take(&mut self.starts) {
            if i < from {
                continue;
            }
            let c = self.chars[i].1;
            let next = if digit_value(c).is_some() {
                self.scan_arabic(i)
            } else if is_cn_number_start(c) {
                self.scan_chinese(i)
            } else if c == '百' && self.at(i, "百分之") {
                self.scan_cn_percent(i)
            } else {
                i + 1
            };
            from = next.max(i + 1);
        }
        self.out
    }

    // -- character helpers --------------------------------------------------

    fn ch(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|k| self.ch(k))
    }

    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(b, _)| b)
    }

    fn digit(&self, i: usize) -> Option<u8> {
        self.ch(i).and_then(digit_value)
    }

    fn quoted(&self, i: usize) -> bool {
        in_ranges(&self.quoted, i)
    }

    fn titled(&self, i: usize) -> bool {
        in_ranges(&self.titled, i)
    }

    /// Whether `w` starts at character `i`.
    fn at(&self, i: usize, w: &str) -> bool {
        (i..).zip(w.chars()).all(|(k, c)| self.ch(k) == Some(c))
    }

    /// Whether `w` ends right before character `i`.
    fn before(&self, i: usize, w: &str) -> bool {
        let mut k = i;
        w.chars().rev().all(|c| {
            let matched = k > 0 && self.chars[k - 1].1 == c;
            k = k.saturating_sub(1);
            matched
        })
    }

    /// The longest word of `index` starting at `i`, with its length in chars.
    fn longest<T: Copy>(&self, i: usize, index: &WordIndex<T>) -> Option<(&'static str, T, usize)> {
        index.longest(|k| self.ch(i + k))
    }

    /// The longest word of a backwards `index` ending right before `i`.
    fn longest_before<T: Copy>(
        &self,
        i: usize,
        index: &WordIndex<T>,
    ) -> Option<(&'static str, T, usize)> {
        index.longest(|k| i.checked_sub(k + 1).and_then(|j| self.ch(j)))
    }

    /// The length of a range dash at `i` ("——" counts as one).
    fn dash_len(&self, i: usize) -> Option<usize> {
        match self.ch(i)? {
            '—' if self.ch(i + 1) == Some('—') => Some(2),
            '至' | '到' => Some(1),
            c if is_dash(c) => Some(1),
            _ => None,
        }
    }

    /// The end of an identifier-like token starting at `i`, to skip it whole.
    fn skip_token(&self, i: usize) -> usize {
        let mut j = i;
        while let Some(c) = self.ch(j) {
            if digit_value(c).is_some()
                || is_latin(c)
                || is_dot(c)
                || matches!(c, '_' | ':' | '：' | '/' | '-' | '－')
            {
                j += 1;
            } else {
                break;
            }
        }
        j.max(i + 1)
    }

    fn cn_run_end(&self, i: usize) -> usize {
        let mut j = i;
        while self.ch(j).is_some_and(is_cn_number_char) {
            j += 1;
        }
        j
    }

    /// Characters `from..to` of the text, borrowed from it: a numeral is
    /// read at every 一 of a line, and copying each cost an allocation.
    fn run_str(&self, from: usize, to: usize) -> &'a str {
        &self.text[self.byte(from)..self.byte(to)]
    }

    /// Whether a label word ([`PREV_BLOCK`]: 第, 附件, 序号…) ends right
    /// before character `i`.
    fn label_before(&self, i: usize) -> bool {
        self.longest_before(i, &PREV_BLOCK_INDEX).is_some()
    }

    // -- numerals -------------------------------------------------------------

    fn arabic_atom(&self, i: usize) -> Atom {
        let mut j = i;
        let mut digits = String::new();
        while let Some(d) = self.digit(j) {
            digits.push(char::from(b'0' + d));
            j += 1;
        }
        let int_len = digits.len();
        let mut frac_len = 0;
        if self.ch(j).is_some_and(is_dot) && self.digit(j + 1).is_some() {
            j += 1;
            while let Some(d) = self.digit(j) {
                digits.push(char::from(b'0' + d));
                frac_len += 1;
                j += 1;
            }
        }
        Atom {
            end: j,
            digits,
            int_len,
            frac_len,
        }
    }

    /// The value of the Chinese numeral `from..to`, or a pair of adjacent
    /// digits ("三四" → 3..4). Digit-by-digit numerals are only accepted with
    /// a zero in them ("二〇二四"), which are years in practice.
    fn cn_value(&self, from: usize, to: usize) -> Option<Value> {
        let run = self.run_str(from, to);
        let len = to - from;
        let has_mult = run
            .chars()
            .any(|c| cn_small(c).is_some() || cn_big(c).is_some());
        if !has_mult && len >= 2 {
            if len == 2 {
                let a = cn_digit(self.ch(from)?)?;
                let b = cn_digit(self.ch(from + 1)?)?;
                if a > 0 && b == a + 1 {
                    return Some(Value::Range {
                        low: f64::from(a),
                        high: f64::from(b),
                    });
                }
            }
            if !run.contains(['〇', '零']) {
                return None;
            }
        }
        parse_chinese_number(run).map(Value::Exact)
    }

    /// Whether `i` starts a unit whose first character is also a scale
    /// character (千米, 千伏, 百分点): then it is not a scale word.
    fn unit_shadows_scale(&self, i: usize) -> bool {
        self.longest(i, &UNIT_INDEX)
            .is_some_and(|(w, _, _)| w.starts_with(['千', '百']))
    }

    fn tail(&self, pos: usize, scales: &WordIndex<i32>) -> Tail {
        let mut p = pos;
        let mut num_end = pos;
        let mut approx = None;
        let approx_ok = |s: &Self, k: usize| {
            s.longest(k, scales).is_some() || s.longest(k, &UNIT_INDEX).is_some()
        };
        if let Some(c @ ('余' | '多')) = self.ch(p)
            && approx_ok(self, p + 1)
        {
            approx = Some(if c == '余' { "余" } else { "多" });
            p += 1;
        }
        let mut scale = None;
        if !self.unit_shadows_scale(p)
            && let Some((w, e, len)) = self.longest(p, scales)
        {
            scale = Some((w, e));
            p += len;
            num_end = p;
        }
        if approx.is_none()
            && scale.is_some()
            && let Some(c @ ('余' | '多')) = self.ch(p)
            && self.longest(p + 1, &UNIT_INDEX).is_some()
        {
            approx = Some(if c == '余' { "余" } else { "多" });
            p += 1;
        }
        Tail {
            approx,
            scale,
            num_end,
            end: p,
        }
    }

    /// The unit at `pos`, after a number starting at `num_start`.
    fn unit_at(&self, pos: usize, chinese: bool, num_start: usize) -> UnitRes {
        let Some(c) = self.ch(pos) else {
            return UnitRes::NoUnit;
        };
        if !chinese && is_latin(c) {
            if let Some((_, norm, len)) = self.longest(pos, &LATIN_UNIT_INDEX) {
                let after = self.ch(pos + len);
                if !after.is_some_and(|a| is_latin(a) || digit_value(a).is_some()) {
                    return UnitRes::Unit(norm, pos + len);
                }
            }
            return UnitRes::Reject;
        }
        if is_percent(c) {
            return UnitRes::Unit("%", pos + 1);
        }
        if let Some((src, norm, len)) = self.longest(pos, &UNIT_INDEX) {
            let end = pos + len;
            match src {
                "大" => {
                    let ok = self
                        .ch(end)
                        .is_some_and(|n| is_han(n) && !"于幅力量大多型概致家".contains(n));
                    if !ok {
                        return UnitRes::NoUnit;
                    }
                }
                "日" => {
                    let within = self.at(end, "内") || self.at(end, "以内") || self.at(end, "之内");
                    if chinese || self.prev(num_start) == Some('月') || !within {
                        return UnitRes::Reject;
                    }
                }
                "分" | "期" if chinese => return UnitRes::NoUnit,
                _ => {}
            }
            return UnitRes::Unit(norm, end);
        }
        if !chinese && ARABIC_REJECT.iter().any(|w| self.at(pos, w)) {
            return UnitRes::Reject;
        }
        UnitRes::NoUnit
    }

    // -- the three kinds of quantity ------------------------------------------

    /// `8点30分`, `14时30分`: the minutes of a clock time. A 点 after a word
    /// (`服务网点5个`) is not a clock.
    fn is_clock_word(&self, i: usize, p: char) -> bool {
        matches!(p, '时' | '点')
            && i >= 2
            && self
                .ch(i - 2)
                .is_some_and(|c| digit_value(c).is_some() || is_cn_number_char(c))
    }

    fn scan_arabic(&mut self, i: usize) -> usize {
        let mut skip = self.skip_token(i);
        let a = self.arabic_atom(i);
        if let Some(p) = self.prev(i)
            && (is_latin(p) || p == '_' || OPERATORS.contains(p) || self.is_clock_word(i, p))
        {
            return skip;
        }
        if a.digits.len() > MAX_DIGITS || a.leading_zero() {
            return skip;
        }
        match self.ch(a.end) {
            Some(c) if matches!(c, ':' | '：' | '/') || is_dot(c) || OPERATORS.contains(c) => {
                return skip;
            }
            _ => {}
        }
        if self.label_before(i) || self.titled(i) {
            return skip;
        }

        let t1 = self.tail(a.end, &SCALE_INDEX);
        let mut p = t1.end;
        let mut pct_first = false;
        if t1.approx.is_none()
            && self.ch(p).is_some_and(is_percent)
            && self
                .dash_len(p + 1)
                .is_some_and(|d| self.digit(p + 1 + d).is_some())
        {
            pct_first = true;
            p += 1;
        }
        let mut second = None;
        if t1.approx.is_none()
            && let Some(d) = self.dash_len(p)
            && self.digit(p + d).is_some()
        {
            let b = self.arabic_atom(p + d);
            if b.digits.len() > MAX_DIGITS || b.leading_zero() {
                return skip;
            }
            if self
                .ch(b.end)
                .is_some_and(|c| matches!(c, ':' | '：' | '/') || is_dot(c))
            {
                return skip;
            }
            let t2 = self.tail(b.end, &SCALE_INDEX);
            // Rejecting the range rejects both ends of it.
            skip = skip.max(t2.end);
            // 1-2-3, 2024-01-15: not a range.
            if let Some(d2) = self.dash_len(t2.end)
                && self.digit(t2.end + d2).is_some()
            {
                return skip;
            }
            second = Some((b, t2));
        }

        let (value, num_end, unit_pos, scale, approx, years) = match &second {
            None => {
                let exp = t1.scale.map_or(0, |s| s.1);
                let num_end = if t1.scale.is_some() {
                    t1.num_end
                } else {
                    a.end
                };
                (
                    Value::Exact(a.value(exp)),
                    num_end,
                    t1.end,
                    t1.scale,
                    t1.approx,
                    a.is_four_digit_integer(),
                )
            }
            Some((b, t2)) => {
                let e1 = t1.scale.or(t2.scale).map_or(0, |s| s.1);
                let e2 = t2.scale.or(t1.scale).map_or(0, |s| s.1);
                let low = a.value(e1);
                let high = b.value(e2);
                if low.partial_cmp(&high).is_none_or(|o| o.is_gt()) {
                    return skip;
                }
                let num_end = if t2.scale.is_some() {
                    t2.num_end
                } else {
                    b.end
                };
                (
                    Value::Range { low, high },
                    num_end,
                    t2.end,
                    t2.scale.or(t1.scale),
                    t2.approx,
                    a.is_four_digit_integer() || b.is_four_digit_integer(),
                )
            }
        };

        let (mut unit, unit_end) = match self.unit_at(unit_pos, false, i) {
            UnitRes::Reject => return skip,
            UnitRes::NoUnit => ("", unit_pos),
            UnitRes::Unit(u, e) => (u, e),
        };
        if pct_first {
            match unit {
                "" => unit = "%",
                "%" => {}
                _ => return skip,
            }
        }
        if approx.is_some() && unit.is_empty() && scale.is_none() {
            return skip;
        }

        // Years: 2024年, 2022-2024年, 2035年代; and a bare 2024.
        if unit == "年" && scale.is_none() && (years || self.ch(unit_end) == Some('代')) {
            return skip;
        }
        if unit.is_empty() && scale.is_none() {
            let year_like =
                |x: &Atom| x.is_four_digit_integer() && (1900..=2100).contains(&x.int_value());
            if year_like(&a) || second.as_ref().is_some_and(|(b, _)| year_like(b)) {
                return skip;
            }
        }
        let after = self.ch(unit_pos);
        // Document numbers: [2024], 〔2024〕.
        if after.is_some_and(|c| "]］】〕".contains(c)) {
            return skip;
        }
        if unit.is_empty() {
            // Ordinals: (1), （2）.
            if after.is_some_and(|c| CLOSERS.contains(c))
                && self.prev(i).is_some_and(|c| OPENERS.contains(c))
            {
                return skip;
            }
            // Names in quotes (“5122”) and service numbers (12345热线).
            if self.quoted(i) || NUMBER_NAMES.iter().any(|w| self.at(unit_pos, w)) {
                return skip;
            }
            // Heading and list markers: "1 总体要求" at the start, "1、".
            if scale.is_none()
                && second.is_none()
                && (i == self.first_content || after == Some('、'))
            {
                return skip;
            }
        }

        self.emit(Parts {
            num_start: i,
            num_end,
            unit_end,
            value,
            unit,
            scale: scale.map(|s| s.0),
            approx,
        })
    }

    fn scan_chinese(&mut self, i: usize) -> usize {
        let run_end = self.cn_run_end(i);
        let skip = run_end;
        if self.prev(i).is_some_and(|c| "第周初".contains(c))
            || self.label_before(i)
            || self.quoted(i)
            || self.titled(i)
        {
            return skip;
        }
        let Some(v1) = self.cn_value(i, run_end) else {
            return skip;
        };
        let run = self.run_str(i, run_end);
        let positional = run.contains(['〇', '零'])
            && !run
                .chars()
                .any(|c| cn_small(c).is_some() || cn_big(c).is_some());
        let run_scale = ["万亿", "亿", "万"]
            .into_iter()
            .find(|s| run.ends_with(s) && run.chars().count() > s.chars().count());

        let t1 = self.tail(run_end, &CN_SCALE_INDEX);
        let exp1 = t1.scale.map_or(0, |s| s.1);
        let mut value = scale_value(v1, exp1);
        let mut num_end = if t1.scale.is_some() {
            t1.num_end
        } else {
            run_end
        };
        let mut unit_pos = t1.end;
        let mut scale = t1.scale.map(|s| s.0).or(run_scale);
        let mut approx = t1.approx;
        let mut ranged = matches!(v1, Value::Range { .. });

        if let Value::Exact(low) = value
            && approx.is_none()
            && let Some(d) = self.dash_len(unit_pos)
            && self.ch(unit_pos + d).is_some_and(is_cn_number_start)
        {
            let s2 = unit_pos + d;
            let e2 = self.cn_run_end(s2);
            if let Some(Value::Exact(h)) = self.cn_value(s2, e2) {
                let t2 = self.tail(e2, &CN_SCALE_INDEX);
                if let Some(dd) = self.dash_len(t2.end)
                    && self.ch(t2.end + dd).is_some_and(is_cn_number_start)
                {
                    return skip;
                }
                let high = h * 10f64.powi(t2.scale.map_or(0, |s| s.1));
                if low > high {
                    return skip;
                }
                value = Value::Range { low, high };
                num_end = if t2.scale.is_some() { t2.num_end } else { e2 };
                unit_pos = t2.end;
                let run2 = self.run_str(s2, e2);
                let run2_scale = ["万亿", "亿", "万"]
                    .into_iter()
                    .find(|s| run2.ends_with(s) && run2.chars().count() > s.chars().count());
                scale = t2.scale.map(|s| s.0).or(run2_scale).or(scale);
                approx = t2.approx;
                ranged = true;
            }
        }

        let (unit, unit_end) = match self.unit_at(unit_pos, true, i) {
            UnitRes::Unit(u, e) => (u, e),
            UnitRes::NoUnit | UnitRes::Reject => {
                if scale.is_none() {
                    return skip;
                }
                ("", unit_pos)
            }
        };
        if positional && unit == "年" {
            return skip;
        }
        if self.ch(unit_end).is_some_and(|c| "化性式".contains(c)) {
            return skip;
        }
        if unit == "次" && self.at(unit_end, "产业") {
            return skip;
        }
        // A lone 一 inside a word (统一, 一批, 一户一策) is not a count.
        if run == "一"
            && !ranged
            && (self.prev(i).is_some_and(|c| ONE_PREV_BLOCK.contains(c))
                || ONE_NEXT_BLOCK.iter().any(|w| self.at(run_end, w))
                || self.ch(unit_end) == Some('一'))
        {
            return skip;
        }

        self.emit(Parts {
            num_start: i,
            num_end,
            unit_end,
            value,
            unit,
            scale,
            approx,
        })
    }

    /// 百分之十, 百分之三点五, 百分之百.
    fn scan_cn_percent(&mut self, i: usize) -> usize {
        let start = i + 3;
        let mut end = self.cn_run_end(start);
        if end == start {
            return start;
        }
        if self.ch(end) == Some('点') && self.ch(end + 1).and_then(cn_digit).is_some() {
            end += 1;
            while self.ch(end).and_then(cn_digit).is_some() {
                end += 1;
            }
        }
        if self.quoted(i) || self.titled(i) {
            return end;
        }
        let Some(v) = parse_chinese_number(self.run_str(start, end)) else {
            return end;
        };
        self.emit(Parts {
            num_start: i,
            num_end: end,
            unit_end: end,
            value: Value::Exact(v),
            unit: "%",
            scale: None,
            approx: None,
        })
    }

    // -- qualifiers and output --------------------------------------------------

    /// A qualifier word ending right before `i`, if it is really one.
    fn pre_word_before(&self, i: usize) -> Option<(&'static str, Qualifier, usize)> {
        let (w, q, len) = self.longest_before(i, &PRE_INDEX)?;
        let before = self.prev(i - len);
        let blocked = match w {
            "约" => "节制签合预契邀简公条规".contains(before.unwrap_or(' ')),
            "达" => "发表传通转下送抵到".contains(before.unwrap_or(' ')),
            "超" => "赶高".contains(before.unwrap_or(' ')),
            _ => false,
        };
        (!blocked).then_some((w, q, len))
    }

    fn emit(&mut self, p: Parts) -> usize {
        // Qualifiers before the number, directly adjacent, chained:
        // 力争突破, 确保达到, 确保不低于.
        let mut start = p.num_start;
        let mut pre = Vec::new();
        for _ in 0..4 {
            match self.pre_word_before(start) {
                Some((w, q, len)) if start - len >= self.last_end => {
                    start -= len;
                    pre.push((w, q));
                }
                _ => break,
            }
        }
        pre.reverse();

        let mut end = p.unit_end;
        let mut post = Vec::new();
        if let Some((w, q, len)) = self.longest(end, &POST_INDEX) {
            end += len;
            post.push((w, q));
        } else if TIME_UNITS.contains(&p.unit) && self.ch(end) == Some('内') {
            end += 1;
            post.push(("内", AtMost));
        }

        // 力争/确保 further back in the same clause govern the quantity too
        // ("力争高新技术企业突破75家"); they are recorded but not in `span`.
        let mut distant = Vec::new();
        let mut k = start;
        let limit = start.saturating_sub(SCOPE);
        while k > limit {
            let Some(c) = self.prev(k) else { break };
            if ends_a_clause(c) {
                break;
            }
            for (w, q) in [("力争", Strive), ("确保", Ensure)] {
                if self.before(k, w)
                    && !pre.iter().any(|&(_, pq)| pq == q)
                    && !distant.iter().any(|&(_, dq)| dq == q)
                {
                    distant.push((w, q));
                }
            }
            k -= 1;
        }
        distant.reverse();

        let mut qualifiers = Vec::new();
        let mut qualifier_words = Vec::new();
        let mid = p.approx.map(|w| (w, Exceed));
        for (w, q) in distant.into_iter().chain(pre).chain(mid).chain(post) {
            if !qualifiers.contains(&q) {
                qualifiers.push(q);
            }
            qualifier_words.push(w.to_string());
        }

        let (bs, be) = (self.byte(start), self.byte(end));
        self.out.push(Quantity {
            span: Span::new(bs, be).shifted(self.offset),
            number_span: Span::new(self.byte(p.num_start), self.byte(p.num_end))
                .shifted(self.offset),
            value: p.value,
            unit: p.unit.to_string(),
            scale_word: p.scale.map(str::to_string),
            qualifiers,
            qualifier_words,
            text: self.text.get(bs..be).unwrap_or_default().to_string(),
        });
        self.last_end = end;
        end
    }
}

fn scale_value(v: Value, exp: i32) -> Value {
    if exp == 0 {
        return v;
    }
    let f = 10f64.powi(exp);
    match v {
        Value::Exact(x) => Value::Exact(x * f),
        Value::Range { low, high } => Value::Range {
            low: low * f,
            high: high * f,
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_number_after_a_word_ending_in_dian_is_a_quantity() {
        let found = find_quantities("建成服务网点5个以上", 0);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "5个以上");
        assert!(
            find_quantities("每天8点30分开放", 0)
                .iter()
                .all(|q| q.text != "30分")
        );
    }
    use super::*;

    fn all(text: &str) -> Vec<Quantity> {
        let qs = find_quantities(text, 0);
        check_invariants(text, 0, &qs);
        qs
    }

    fn one(text: &str) -> Quantity {
        let qs = all(text);
        assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
        qs.into_iter().next().unwrap()
    }

    #[track_caller]
    fn check(text: &str, span_text: &str, value: Value, unit: &str, quals: &[Qualifier]) {
        let q = one(text);
        assert_eq!(q.text, span_text, "{text}: {q:#?}");
        assert_eq!(q.value, value, "{text}");
        assert_eq!(q.unit, unit, "{text}");
        assert_eq!(q.qualifiers, quals, "{text}");
    }

    #[track_caller]
    fn none(text: &str) {
        let qs = all(text);
        assert!(qs.is_empty(), "{text}: {qs:#?}");
    }

    fn exact(v: f64) -> Value {
        Value::Exact(v)
    }

    fn range(low: f64, high: f64) -> Value {
        Value::Range { low, high }
    }

    fn check_invariants(text: &str, offset: usize, qs: &[Quantity]) {
        let mut last = offset;
        for q in qs {
            for s in [q.span, q.number_span] {
                assert!(s.start <= s.end, "{text:?}: {q:?}");
                assert!(
                    s.start >= offset && s.end <= offset + text.len(),
                    "{text:?}: {q:?}"
                );
                assert!(text.is_char_boundary(s.start - offset), "{text:?}: {q:?}");
                assert!(text.is_char_boundary(s.end - offset), "{text:?}: {q:?}");
            }
            assert!(q.span.start <= q.number_span.start && q.number_span.end <= q.span.end);
            assert!(!q.number_span.is_empty(), "{text:?}: {q:?}");
            assert_eq!(q.text, text[q.span.start - offset..q.span.end - offset]);
            assert!(q.span.start >= last, "overlap in {text:?}: {qs:?}");
            last = q.span.end;
            assert!(q.qualifiers.len() <= q.qualifier_words.len());
        }
    }

    // -- what is a quantity ---------------------------------------------------

    #[test]
    fn count_with_following_qualifier() {
        check(
            "改造老旧小区5个以上",
            "5个以上",
            exact(5.0),
            "个",
            &[AtLeast],
        );
        let q = one("改造老旧小区5个以上");
        assert_eq!(q.qualifier_words, ["以上"]);
        assert_eq!(q.display_value(), "5个以上");
        assert_eq!(
            &"改造老旧小区5个以上"[q.number_span.start..q.number_span.end],
            "5"
        );
    }

    #[test]
    fn plain_count() {
        check("推动30个项目", "30个", exact(30.0), "个", &[]);
        check("推动5个以上项目", "5个以上", exact(5.0), "个", &[AtLeast]);
        check("新增就业6900人", "6900人", exact(6900.0), "人", &[]);
    }

    #[test]
    fn percent() {
        check(
            "地区生产总值增长6.5%以上",
            "6.5%以上",
            exact(6.5),
            "%",
            &[AtLeast],
        );
        check("不低于40%", "不低于40%", exact(40.0), "%", &[AtLeast]);
        let q = one("不低于40%");
        assert_eq!(q.qualifier_words, ["不低于"]);
        check(
            "增长５．５％以上",
            "５．５％以上",
            exact(5.5),
            "%",
            &[AtLeast],
        );
        assert_eq!(one("增长５．５％以上").display_value(), "5.5%以上");
        check("达到百分之十", "达到百分之十", exact(10.0), "%", &[Reach]);
        check(
            "百分之三点五以内",
            "百分之三点五以内",
            exact(3.5),
            "%",
            &[AtMost],
        );
    }

    #[test]
    fn percentage_points() {
        check(
            "提高0.7个百分点左右",
            "0.7个百分点左右",
            exact(0.7),
            "个百分点",
            &[About],
        );
        check("下降0.5百分点", "0.5百分点", exact(0.5), "个百分点", &[]);
    }

    #[test]
    fn scale_words() {
        let q = one("完成年度计划投资110亿元以上");
        assert_eq!(q.text, "110亿元以上");
        assert_eq!(q.value, exact(11_000_000_000.0));
        assert_eq!(q.unit, "元");
        assert_eq!(q.scale_word.as_deref(), Some("亿"));
        assert_eq!(q.qualifiers, [AtLeast]);

        let q = one("改造1.13万户以上");
        assert_eq!(q.text, "1.13万户以上");
        assert_eq!(q.value, exact(11300.0));
        assert_eq!(q.unit, "户");
        assert_eq!(q.scale_word.as_deref(), Some("万"));
        assert_eq!(
            &"改造1.13万户以上"[q.number_span.start..q.number_span.end],
            "1.13万"
        );

        check("总量1.5万亿元", "1.5万亿元", exact(1.5e12), "元", &[]);
        check("装机100万千瓦", "100万千瓦", exact(1e6), "千瓦", &[]);
        check("长3千米", "3千米", exact(3.0), "千米", &[]);
        check("约5万人", "约5万人", exact(50000.0), "人", &[About]);
        check("两万人", "两万人", exact(20000.0), "人", &[]);
    }

    #[test]
    fn approximate_counts() {
        check("培育100余家", "100余家", exact(100.0), "家", &[Exceed]);
        check(
            "带动10余万人",
            "10余万人",
            exact(100_000.0),
            "人",
            &[Exceed],
        );
        check("三十多个村", "三十多个", exact(30.0), "个", &[Exceed]);
        assert_eq!(one("培育100余家").qualifier_words, ["余"]);
    }

    #[test]
    fn preceding_chains() {
        let q = one("力争突破75家");
        assert_eq!(q.text, "力争突破75家");
        assert_eq!(q.qualifiers, [Strive, Exceed]);
        assert_eq!(q.qualifier_words, ["力争", "突破"]);

        check(
            "确保达到95%以上",
            "确保达到95%以上",
            exact(95.0),
            "%",
            &[Ensure, Reach, AtLeast],
        );
        check("不超过3个", "不超过3个", exact(3.0), "个", &[AtMost]);
        check("达5家", "达5家", exact(5.0), "家", &[Reach]);
        // Growth words are not qualifiers.
        check("同比增长8%", "8%", exact(8.0), "%", &[]);
        // 节约 is not 约.
        check("节约5吨", "5吨", exact(5.0), "吨", &[]);
    }

    #[test]
    fn distant_strive_is_recorded_outside_the_span() {
        let q = one("力争高新技术企业突破75家");
        assert_eq!(q.text, "突破75家");
        assert_eq!(q.value, exact(75.0));
        assert_eq!(q.unit, "家");
        assert_eq!(q.qualifiers, [Strive, Exceed]);
        assert_eq!(q.qualifier_words, ["力争", "突破"]);
        // A comma ends the clause 力争 governs.
        check("力争完成目标,新增企业5家", "5家", exact(5.0), "家", &[]);
    }

    #[test]
    fn chinese_numerals() {
        check("实施十大重点民生实事", "十大", exact(10.0), "大", &[]);
        check("两项补贴", "两项", exact(2.0), "项", &[]);
        check("打好三大攻坚战", "三大", exact(3.0), "大", &[]);
        check("建设一百二十个", "一百二十个", exact(120.0), "个", &[]);
        check("用三至五年时间", "三至五年", range(3.0, 5.0), "年", &[]);
        check("培育两三个", "两三个", range(2.0, 3.0), "个", &[]);
        check("新建一所学校", "一所", exact(1.0), "所", &[]);
    }

    #[test]
    fn chinese_words_that_are_not_quantities() {
        for text in [
            "一是加强",
            "统一规划",
            "唯一一个",
            "一体化发展",
            "推出一批项目",
            "一大批",
            "一些",
            "一系列",
            "一线",
            "一流",
            "一站式服务",
            "一网通办",
            "一件事一次办",
            "一次性",
            "第一",
            "第十大",
            "十四五",
            "“十四五”规划",
            "“两个维护”",
            "《三年行动方案》",
            "一户一策",
            "一元化",
            "(一)",
            "一、总体要求",
            "二〇二四年",
            "五好园区",
            "进一步",
            "三次产业",
            "二期工程",
            "四川",
            "十分重要",
            "新一轮",
        ] {
            none(text);
        }
    }

    #[test]
    fn ranges() {
        check("开展1-2次", "1-2次", range(1.0, 2.0), "次", &[]);
        check("10%-20%", "10%-20%", range(10.0, 20.0), "%", &[]);
        check("35-110千伏", "35-110千伏", range(35.0, 110.0), "千伏", &[]);
        check("1—2个", "1—2个", range(1.0, 2.0), "个", &[]);
        check("1至2个", "1至2个", range(1.0, 2.0), "个", &[]);
        check("1~2", "1~2", range(1.0, 2.0), "", &[]);
        check("每年3-5名", "3-5名", range(3.0, 5.0), "名", &[]);
        check("投资1-2万元", "1-2万元", range(10000.0, 20000.0), "元", &[]);
        check("1——2个", "1——2个", range(1.0, 2.0), "个", &[]);
        assert_eq!(one("1—2个").display_value(), "1-2个");
        let q = one("开展1-2次");
        assert_eq!(&"开展1-2次"[q.number_span.start..q.number_span.end], "1-2");
    }

    #[test]
    fn not_quantities() {
        for text in [
            "2024年完成",
            "2022-2024年",
            "2022—2025年",
            "到2035年",
            "20世纪80年代",
            "4月17日",
            "6月底前",
            "PM2.5浓度",
            "4G/5G基站",
            "5G网络",
            "“1+N”",
            "“1.13”",
            "“5122”",
            "“3×2”",
            "S313",
            "G234",
            "CCTV13",
            "RCEP",
            "(1)",
            "（2）加强",
            "1.输变电",
            "1.1 总体目标",
            "1、加强",
            "清政办函[2024]3号",
            "〔2024〕12号",
            "4:30",
            "第3",
            "第3-5条",
            "附件1",
            "3号线",
            "电话0763-3365123",
            "2024.4.17",
            "1:1000",
            "拨打12345热线",
            "《清远市2024年工作要点》",
            "以上",
        ] {
            none(text);
        }
    }

    #[test]
    fn units() {
        check("发展10kV线路", "10kV", exact(10.0), "千伏", &[]);
        check("30日内办结", "30日内", exact(30.0), "日", &[AtMost]);
        check("3年内", "3年内", exact(3.0), "年", &[AtMost]);
        check("5个工作日", "5个工作日", exact(5.0), "个工作日", &[]);
        check("3个月", "3个月", exact(3.0), "个月", &[]);
        check("新增床位200张床", "200张床", exact(200.0), "张床", &[]);
        check("建成5G基站2000个", "2000个", exact(2000.0), "个", &[]);
        check("培训2万人次", "2万人次", exact(20000.0), "人次", &[]);
        check("完成5个及以上", "5个及以上", exact(5.0), "个", &[AtLeast]);
        // An unknown Han character after the number: no unit.
        check("评分90优秀", "90", exact(90.0), "", &[]);
    }

    #[test]
    fn several_in_one_sentence_with_offset() {
        let prefix = "一、总体目标\n";
        let clause = "到2025年,全市新增就业6900人以上,城镇调查失业率控制在5.5%以内,改造老旧小区1.13万户,力争突破75家。";
        let doc = format!("{prefix}{clause}");
        let qs = find_quantities(clause, prefix.len());
        check_invariants(clause, prefix.len(), &qs);
        let texts: Vec<&str> = qs.iter().map(|q| &doc[q.span.start..q.span.end]).collect();
        assert_eq!(
            texts,
            ["6900人以上", "5.5%以内", "1.13万户", "力争突破75家"]
        );
        let numbers: Vec<&str> = qs
            .iter()
            .map(|q| &doc[q.number_span.start..q.number_span.end])
            .collect();
        assert_eq!(numbers, ["6900", "5.5", "1.13万", "75"]);
        let at = prefix.len() + clause.find("6900").unwrap();
        assert_eq!(qs[0].span, Span::new(at, at + "6900人以上".len()));
        let values: Vec<Value> = qs.iter().map(|q| q.value).collect();
        assert_eq!(
            values,
            [exact(6900.0), exact(5.5), exact(11300.0), exact(75.0)]
        );
        assert_eq!(qs[1].qualifiers, [AtMost]);
        assert_eq!(qs[3].qualifiers, [Strive, Exceed]);
    }

    #[test]
    fn serialises() {
        let q = one("改造老旧小区5个以上");
        let json = serde_json::to_value(&q).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "span": {"start": 18, "end": 28},
                "number_span": {"start": 18, "end": 19},
                "value": {"Exact": 5.0},
                "unit": "个",
                "scale_word": null,
                "qualifiers": ["AtLeast"],
                "qualifier_words": ["以上"],
                "text": "5个以上",
            })
        );
        let r = serde_json::to_value(range(1.0, 2.0)).unwrap();
        assert_eq!(r, serde_json::json!({"Range": {"low": 1.0, "high": 2.0}}));
    }

    #[test]
    fn parses_chinese_numbers() {
        let cases: &[(&str, Option<f64>)] = &[
            ("一", Some(1.0)),
            ("两", Some(2.0)),
            ("十", Some(10.0)),
            ("十二", Some(12.0)),
            ("二十三", Some(23.0)),
            ("一百", Some(100.0)),
            ("一百零五", Some(105.0)),
            ("一百二十", Some(120.0)),
            ("一千零一十", Some(1010.0)),
            ("两万", Some(20000.0)),
            ("十万", Some(100_000.0)),
            ("一百二十万", Some(1_200_000.0)),
            ("三亿五千万", Some(350_000_000.0)),
            ("一万亿", Some(1e12)),
            ("二〇二四", Some(2024.0)),
            ("零", Some(0.0)),
            ("三点五", Some(3.5)),
            ("叁拾", Some(30.0)),
            ("", None),
            ("十四五", None),
            ("一万五", None),
            ("万", None),
            ("十十", None),
            ("百千", None),
            ("三点", None),
            ("abc", None),
            ("两两", None),
        ];
        for &(s, want) in cases {
            assert_eq!(parse_chinese_number(s), want, "{s}");
        }
    }

    // -- robustness -------------------------------------------------------------

    #[test]
    fn junk_does_not_panic() {
        let long_digits = "1".repeat(10_000);
        let long_ranges = "1-".repeat(5_000);
        let long_zhi = "1至2至".repeat(3_000);
        let long_one = "一".repeat(10_000);
        let long_ten = "十".repeat(10_000);
        let long_zero = "〇".repeat(10_000);
        let long_quotes = "“".repeat(5_000) + &"”".repeat(5_000);
        let long_strive = "力争".repeat(5_000) + "5个";
        let long_dots = "1.".repeat(5_000);
        let fixed = [
            "",
            "1",
            "１",
            "5个以",
            "以上",
            "“",
            "”",
            "《1",
            "1》",
            "(((1",
            "1)))",
            "[",
            "〔2024",
            "百分之",
            "百分之百",
            "百分之十万",
            "十大",
            "一",
            "1.",
            "1-",
            "1—",
            "—1",
            "1至",
            "三至",
            "力争",
            "1余",
            "1万",
            "1万余",
            "约",
            "𝟙𝟚3😀万",
            "é1é",
            "1%-",
            "1%-2",
            "0.0000000000000000000000001",
            "99999999999999999999",
            "1.13万万万亿亿",
            &long_digits,
            &long_ranges,
            &long_zhi,
            &long_one,
            &long_ten,
            &long_zero,
            &long_quotes,
            &long_strive,
            &long_dots,
        ];
        for text in fixed {
            for offset in [0, 7] {
                let qs = find_quantities(text, offset);
                check_invariants(text, offset, &qs);
                for q in &qs {
                    let _ = q.display_value();
                }
            }
        }
        assert_eq!(find_quantities(&long_strive, 0).len(), 1);
    }

    #[test]
    fn random_mixtures_keep_spans_on_char_boundaries() {
        let pool: Vec<char> = "0123456789０１２．％.%-—~～至到,，、:：/+×“”《》()（）[]〔〕【】一二两三十百千万亿零〇个以上下内左右及不低于超过力争确保突破达约余多年月日第大批件事次化项户元人家号点分之GMPSkVé😀 \n"
            .chars()
            .collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5_000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| pool[(next() % pool.len() as u64) as usize])
                .collect();
            let qs = find_quantities(&text, 3);
            check_invariants(&text, 3, &qs);
        }
    }
}
