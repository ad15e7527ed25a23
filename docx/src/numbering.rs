//! Automatic numbering: what Word shows before a paragraph (`一、`, `(一)`,
//! `1.`, `(1)`, `①`) but does not store as text. Levels come from
//! `numbering.xml` (`w:abstractNum` levels, `w:num` instances with their
//! overrides) and from paragraph styles that carry a `w:numPr`.

use std::collections::HashMap;

use crate::xml::Element;

const LEVELS: usize = 9;

#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    /// `w:lvlText`; `None` when the level has none (nothing is shown).
    text: Option<String>,
    /// `w:lvlRestart`: restart after a level below this (1-based) is used;
    /// 0 never restarts; `None` restarts after any higher level.
    restart: Option<u32>,
    legal: bool,
    /// `w:suff` is `nothing`.
    no_suffix: bool,
    style: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Abstract {
    levels: Vec<Option<Level>>,
    /// `w:numStyleLink`: the numbering is defined by this numbering style.
    num_style_link: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    /// Per level: the start override and a replacement level definition.
    overrides: HashMap<usize, (Option<u32>, Option<Level>)>,
}

#[derive(Clone, Debug, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// The numbering definitions and styles of a document, and the counters
/// while its paragraphs are read in order.
#[derive(Default)]
pub struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    default_paragraph_style: Option<String>,
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

fn level_of(e: &Element) -> Level {
    Level {
        start: e
            .child_val("start")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        format: e.child_val("numFmt").unwrap_or("decimal").to_string(),
        text: e.child_val("lvlText").map(str::to_string),
        restart: e.child_val("lvlRestart").and_then(|v| v.parse().ok()),
        legal: e.flag("isLgl"),
        no_suffix: e.child_val("suff") == Some("nothing"),
        style: e.child_val("pStyle").map(str::to_string),
    }
}

fn ilvl(e: &Element) -> Option<usize> {
    e.attr("ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&l| l < LEVELS)
}

impl Numbering {
    /// Reads `numbering.xml` and `styles.xml` (either may be missing).
    pub fn new(numbering: Option<&Element>, styles: Option<&Element>) -> Numbering {
        let mut out = Numbering::default();
        if let Some(root) = numbering {
            for e in root.elements() {
                if e.is_w("abstractNum") {
                    let Some(id) = e.attr("abstractNumId") else {
                        continue;
                    };
                    let mut levels = vec![None; LEVELS];
                    for lvl in e.elements().filter(|l| l.is_w("lvl")) {
                        if let Some(i) = ilvl(lvl) {
                            levels[i] = Some(level_of(lvl));
                        }
                    }
                    out.abstracts.insert(
                        id.to_string(),
                        Abstract {
                            levels,
                            num_style_link: e.child_val("numStyleLink").map(str::to_string),
                        },
                    );
                } else if e.is_w("num") {
                    let Some(id) = e.attr("numId") else {
                        continue;
                    };
                    let mut num = Num {
                        abstract_id: e.child_val("abstractNumId").unwrap_or_default().to_string(),
                        overrides: HashMap::new(),
                    };
                    for o in e.elements().filter(|o| o.is_w("lvlOverride")) {
                        let Some(i) = ilvl(o) else { continue };
                        let start = o.child_val("startOverride").and_then(|v| v.parse().ok());
                        let level = o.child_w("lvl").map(level_of);
                        num.overrides.insert(i, (start, level));
                    }
                    out.nums.insert(id.to_string(), num);
                }
            }
        }
        if let Some(root) = styles {
            for s in root.elements().filter(|s| s.is_w("style")) {
                let Some(id) = s.attr("styleId") else {
                    continue;
                };
                let num_pr = s.child_w("pPr").and_then(|p| p.child_w("numPr"));
                let style = Style {
                    based_on: s.child_val("basedOn").map(str::to_string),
                    num_id: num_pr
                        .and_then(|n| n.child_val("numId"))
                        .map(str::to_string),
                    ilvl: num_pr
                        .and_then(|n| n.child_val("ilvl"))
                        .and_then(|v| v.parse().ok())
                        .filter(|&l| l < LEVELS),
                };
                let is_default = s.attr("type") == Some("paragraph")
                    && matches!(s.attr("default"), Some("1" | "true" | "on"));
                if is_default {
                    out.default_paragraph_style = Some(id.to_string());
                }
                out.styles.insert(id.to_string(), style);
            }
        }
        out
    }

    /// The numbering of a style: the first `w:numPr` up its `basedOn` chain.
    fn style_numbering(&self, style: &str) -> Option<(String, Option<usize>)> {
        let mut current = Some(style.to_string());
        let mut guard = 0;
        while let Some(id) = current {
            guard += 1;
            if guard > 32 {
                return None;
            }
            let s = self.styles.get(&id)?;
            if let Some(num) = &s.num_id {
                return Some((num.clone(), s.ilvl));
            }
            current = s.based_on.clone();
        }
        None
    }

    /// The abstract numbering of an instance, following `w:numStyleLink`.
    fn abstract_of(&self, num_id: &str) -> Option<(&Num, &Abstract)> {
        let num = self.nums.get(num_id)?;
        let mut abs = self.abstracts.get(&num.abstract_id)?;
        for _ in 0..4 {
            let Some(link) = &abs.num_style_link else {
                break;
            };
            let Some((linked, _)) = self.style_numbering(link) else {
                break;
            };
            let Some(next) = self
                .nums
                .get(&linked)
                .and_then(|n| self.abstracts.get(&n.abstract_id))
            else {
                break;
            };
            abs = next;
        }
        Some((num, abs))
    }

    fn level(&self, num: &Num, abs: &Abstract, i: usize) -> Option<Level> {
        if let Some((start, Some(level))) = num.overrides.get(&i) {
            let mut level = level.clone();
            if let Some(s) = start {
                level.start = *s;
            }
            return Some(level);
        }
        let mut level = abs.levels.get(i).cloned().flatten()?;
        if let Some((Some(start), _)) = num.overrides.get(&i) {
            level.start = *start;
        }
        Some(level)
    }

    /// The label of a paragraph with properties `ppr` (`None`: no numbering),
    /// advancing the counters. Returns the label and whether a separator
    /// (tab or space) follows it in Word.
    pub fn label(&mut self, ppr: Option<&Element>) -> Option<(String, bool)> {
        let direct = ppr.and_then(|p| p.child_w("numPr"));
        let style = ppr
            .and_then(|p| p.child_val("pStyle"))
            .map(str::to_string)
            .or_else(|| self.default_paragraph_style.clone());
        let direct_num = direct
            .and_then(|n| n.child_val("numId"))
            .map(str::to_string);
        let direct_ilvl = direct
            .and_then(|n| n.child_val("ilvl"))
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&l| l < LEVELS);
        let from_style = style.as_deref().and_then(|s| self.style_numbering(s));
        let (num_id, ilvl) = match (direct_num, from_style) {
            (Some(n), style) => (n, direct_ilvl.or(style.and_then(|s| s.1))),
            (None, Some((n, l))) => (n, direct_ilvl.or(l)),
            (None, None) => return None,
        };
        if num_id == "0" {
            return None;
        }
        let (num, abs) = self.abstract_of(&num_id)?;
        // A style-numbered paragraph without a level takes the level that
        // names its style, else the first.
        let ilvl = ilvl
            .or_else(|| {
                let style = style.as_deref()?;
                abs.levels
                    .iter()
                    .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
            })
            .unwrap_or(0);
        let levels: Vec<Option<Level>> = (0..LEVELS).map(|i| self.level(num, abs, i)).collect();
        let level = levels[ilvl].clone()?;
        // An instance with start overrides is a list of its own (Word's
        // "restart numbering"); otherwise instances of one abstract
        // numbering continue each other.
        let restarts = num
            .overrides
            .values()
            .any(|(s, l)| s.is_some() || l.is_some());
        let key = if restarts {
            format!("num:{num_id}")
        } else {
            format!("abs:{}", num.abstract_id)
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        counters[ilvl] = Some(match counters[ilvl] {
            Some(v) => v.saturating_add(1),
            None => level.start,
        });
        for (k, slot) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = levels[k].as_ref().and_then(|l| l.restart);
            let resets = match restart {
                None => true,
                Some(0) => false,
                Some(n) => (ilvl as u32) < n,
            };
            if resets {
                *slot = None;
            }
        }
        let counters = *counters;
        let text = level.text.as_deref()?;
        let mut label = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=9).contains(&d)
            {
                chars.next();
                let k = d as usize - 1;
                let referenced = levels[k].as_ref();
                let value = counters[k].unwrap_or_else(|| referenced.map_or(1, |l| l.start));
                let format = match referenced {
                    _ if level.legal && k != ilvl => "decimal",
                    Some(l) => l.format.as_str(),
                    None => "decimal",
                };
                label.push_str(&format_number(value, format));
            } else {
                label.push(c);
            }
        }
        if level.format == "bullet" {
            // Symbol-font bullets are private-use characters.
            label = label
                .chars()
                .map(|c| {
                    if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                        '•'
                    } else {
                        c
                    }
                })
                .collect();
        }
        Some((label, !level.no_suffix))
    }
}

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// Chinese counting: 一 … 十 十一 … 二十 … 一百零一 … 九千九百九十九.
fn chinese(n: u32, digits: &[char; 10], units: [char; 3], short_ten: bool) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let places = [
        (1000, Some(units[2])),
        (100, Some(units[1])),
        (10, Some(units[0])),
        (1, None),
    ];
    let mut out = String::new();
    let mut pending_zero = false;
    let mut rest = n;
    for (value, unit) in places {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            if !out.is_empty() && rest > 0 {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            out.push(digits[0]);
            pending_zero = false;
        }
        // 十一, not 一十一, when ten is the highest place.
        if !(short_ten && value == 10 && d == 1 && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return n.to_string();
    }
    // Word: a … z, aa … zz, aaa …
    let letter = (base + ((n - 1) % 26) as u8) as char;
    let times = (n - 1) / 26 + 1;
    std::iter::repeat_n(letter, times as usize).collect()
}

fn from_table(n: u32, first: u32, count: u32) -> Option<char> {
    (1..=count)
        .contains(&n)
        .then(|| char::from_u32(first + n - 1))
        .flatten()
}

/// A number in a `w:numFmt`.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" | "bullet" => String::new(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "koreanCounting" => chinese(n, &CN_DIGITS, ['十', '百', '千'], true),
        "chineseLegalSimplified" => chinese(n, &CN_LEGAL_DIGITS, ['拾', '佰', '仟'], false),
        "japaneseLegal" => chinese(n, &CN_LEGAL_DIGITS, ['拾', '佰', '仟'], false),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(0) => '〇',
                Some(d) => CN_DIGITS[d as usize],
                None => c,
            })
            .collect(),
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            .get((n as usize).wrapping_sub(1))
            .map_or_else(|| n.to_string(), |s| s.to_string()),
        "ideographZodiac" => [
            "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
        ]
        .get((n as usize).wrapping_sub(1))
        .map_or_else(|| n.to_string(), |s| s.to_string()),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            from_table(n, 0x2460, 20)
                .or_else(|| {
                    (21..=35)
                        .contains(&n)
                        .then(|| char::from_u32(0x3251 + n - 21))
                        .flatten()
                })
                .or_else(|| {
                    (36..=50)
                        .contains(&n)
                        .then(|| char::from_u32(0x32B1 + n - 36))
                        .flatten()
                })
                .map_or_else(|| n.to_string(), |c| c.to_string())
        }
        "decimalEnclosedParen" => {
            from_table(n, 0x2474, 20).map_or_else(|| format!("({n})"), |c| c.to_string())
        }
        "decimalEnclosedFullstop" => {
            from_table(n, 0x2488, 20).map_or_else(|| format!("{n}."), |c| c.to_string())
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalZero" => format!("{n:02}"),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "ordinal" => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(f(1), "一");
        assert_eq!(f(10), "十");
        assert_eq!(f(11), "十一");
        assert_eq!(f(20), "二十");
        assert_eq!(f(23), "二十三");
        assert_eq!(f(100), "一百");
        assert_eq!(f(101), "一百零一");
        assert_eq!(f(110), "一百一十");
        assert_eq!(f(1005), "一千零五");
        assert_eq!(format_number(10, "chineseLegalSimplified"), "壹拾");
        assert_eq!(format_number(10, "ideographDigital"), "一〇");
    }

    #[test]
    fn other_formats() {
        assert_eq!(format_number(1, "decimalEnclosedCircle"), "①");
        assert_eq!(format_number(20, "decimalEnclosedCircleChinese"), "⑳");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "㉑");
        assert_eq!(format_number(3, "decimalEnclosedParen"), "⑶");
        assert_eq!(format_number(3, "decimalEnclosedFullstop"), "⒊");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(7, "somethingNew"), "7");
    }
}
