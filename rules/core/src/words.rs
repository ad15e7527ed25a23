//! Word lists looked up by position: the longest listed word at a place in
//! a text, found among the few words that share its first character (or,
//! read backwards, its last) instead of by trying the whole list. And word
//! lists asked only whether a text holds one of their words ([`AnyWord`]).

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// A word list asked whether a text holds any of its words: one
/// Aho-Corasick pass over the text instead of a substring search per word.
/// The automaton is a contiguous NFA, a fraction of a DFA's build time (the
/// build is paid on every run). For short texts (a line, a clause's
/// wording): over a long text a handful of `str::contains` is cheaper.
#[derive(Clone, Debug, Default)]
pub(crate) struct AnyWord {
    words: Vec<String>,
    automaton: Option<AhoCorasick>,
}

impl AnyWord {
    /// The list of `words`; empty words are left out (they would be in
    /// every text).
    pub(crate) fn new<S: AsRef<str>>(words: &[S]) -> AnyWord {
        let words: Vec<String> = words
            .iter()
            .map(|w| w.as_ref().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&words)
            .ok();
        AnyWord { words, automaton }
    }

    /// Whether `text` holds one of the words.
    pub(crate) fn in_text(&self, text: &str) -> bool {
        match &self.automaton {
            Some(a) => a.is_match(text),
            // An automaton that could not be built: word by word.
            None => self.words.iter().any(|w| text.contains(w.as_str())),
        }
    }
}

/// A set of characters that answers "surely not in it" with one bit test:
/// a 1,024-bit filter on the low bits of the code point. A word list is
/// asked at every character of a text whether a word starts there, and
/// almost every character starts none: the filter turns most of those
/// lookups away before a binary search. A set bit may be shared by other
/// characters, so a hit still needs the exact lookup.
#[derive(Clone, Debug, Default)]
pub(crate) struct CharFilter([u64; 16]);

impl CharFilter {
    /// The set of `chars`.
    pub(crate) fn of(chars: impl IntoIterator<Item = char>) -> Self {
        let mut set = CharFilter::default();
        for c in chars {
            set.insert(c);
        }
        set
    }

    fn slot(c: char) -> (usize, u64) {
        let low = u32::from(c) & 1023;
        ((low >> 6) as usize, 1 << (low & 63))
    }

    pub(crate) fn insert(&mut self, c: char) {
        let (word, bit) = Self::slot(c);
        self.0[word] |= bit;
    }

    /// False when `c` is surely not in the set.
    #[inline]
    pub(crate) fn may_contain(&self, c: char) -> bool {
        let (word, bit) = Self::slot(c);
        self.0[word] & bit != 0
    }
}

/// A word list indexed by the character a match is read from.
pub(crate) struct WordIndex<T: 'static> {
    /// Sorted by character; each bucket longest word first.
    buckets: Vec<(char, Vec<Entry<T>>)>,
    /// The characters of `buckets`, to turn most lookups away cheaply.
    keys: CharFilter,
}

struct Entry<T: 'static> {
    /// The word's characters in reading order (reversed for a backwards
    /// index).
    chars: Vec<char>,
    word: &'static str,
    value: T,
}

impl<T: Copy> WordIndex<T> {
    /// An index that reads words forwards, from their first character.
    pub(crate) fn new(list: &[(&'static str, T)]) -> Self {
        Self::build(list, false)
    }

    /// An index that reads words backwards, from their last character: the
    /// words that end right before a position.
    pub(crate) fn backwards(list: &[(&'static str, T)]) -> Self {
        Self::build(list, true)
    }

    fn build(list: &[(&'static str, T)], backwards: bool) -> Self {
        let mut buckets: Vec<(char, Vec<Entry<T>>)> = Vec::new();
        for &(word, value) in list {
            let mut chars: Vec<char> = word.chars().collect();
            if backwards {
                chars.reverse();
            }
            let Some(&key) = chars.first() else { continue };
            let entry = Entry { chars, word, value };
            match buckets.iter_mut().find(|(c, _)| *c == key) {
                Some((_, words)) => words.push(entry),
                None => buckets.push((key, vec![entry])),
            }
        }
        for (_, words) in &mut buckets {
            // Stable: among words of one length the list's order stays.
            words.sort_by_key(|w| std::cmp::Reverse(w.chars.len()));
        }
        buckets.sort_by_key(|&(c, _)| c);
        let keys = CharFilter::of(buckets.iter().map(|&(c, _)| c));
        WordIndex { buckets, keys }
    }

    /// The longest word that reads `char_at(0)`, `char_at(1)` … (`None`
    /// past the end of the text), with its value and length in characters.
    /// Inline: at most characters the filter answers alone.
    #[inline]
    pub(crate) fn longest(
        &self,
        char_at: impl Fn(usize) -> Option<char>,
    ) -> Option<(&'static str, T, usize)> {
        let first = char_at(0)?;
        if !self.keys.may_contain(first) {
            return None;
        }
        self.longest_from(first, char_at)
    }

    /// [`WordIndex::longest`] past the filter, `first` being `char_at(0)`.
    fn longest_from(
        &self,
        first: char,
        char_at: impl Fn(usize) -> Option<char>,
    ) -> Option<(&'static str, T, usize)> {
        let bucket = match self.buckets.binary_search_by_key(&first, |&(c, _)| c) {
            Ok(i) => &self.buckets[i].1,
            Err(_) => return None,
        };
        let w = bucket.iter().find(|w| {
            w.chars
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, &c)| char_at(k) == Some(c))
        })?;
        Some((w.word, w.value, w.chars.len()))
    }
}

impl WordIndex<()> {
    /// A forwards index of plain words.
    pub(crate) fn of_words(list: &[&'static str]) -> Self {
        let pairs: Vec<(&'static str, ())> = list.iter().map(|&w| (w, ())).collect();
        Self::new(&pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_word_wins_forwards_and_backwards() {
        let list = [("个", 1), ("个百分点", 2), ("百分点", 3)];
        let text: Vec<char> = "增长2个百分点以上".chars().collect();
        let forwards = WordIndex::new(&list);
        assert_eq!(
            forwards.longest(|k| text.get(3 + k).copied()),
            Some(("个百分点", 2, 4))
        );
        assert_eq!(forwards.longest(|k| text.get(k).copied()), None);
        let backwards = WordIndex::backwards(&list);
        // The words ending right before `以` (index 7).
        assert_eq!(
            backwards.longest(|k| 7usize.checked_sub(k + 1).map(|j| text[j])),
            Some(("个百分点", 2, 4))
        );
    }

    #[test]
    fn any_word_is_found_anywhere_and_empty_words_are_dropped() {
        let list = AnyWord::new(&["完成时限", "", "进度安排"]);
        assert_eq!(list.words, ["完成时限", "进度安排"]);
        assert!(list.in_text("市财政局进度安排:年底前"));
        assert!(!list.in_text("市财政局完成时间"));
        assert!(!AnyWord::new::<&str>(&[]).in_text("任何文字"));
    }

    #[test]
    fn the_filter_never_turns_away_a_character_of_its_set() {
        let set = CharFilter::of("累年每增1２".chars());
        for c in "累年每增1２".chars() {
            assert!(set.may_contain(c), "{c}");
        }
        assert!(!set.may_contain('。'));
        assert!(!CharFilter::default().may_contain('年'));
    }

    #[test]
    fn a_word_cut_by_the_end_of_the_text_does_not_match() {
        let index = WordIndex::of_words(&["百分点"]);
        let text: Vec<char> = "百分".chars().collect();
        assert_eq!(index.longest(|k| text.get(k).copied()), None);
    }
}
