//! Word lists looked up by position: the longest listed word at a place in
//! a text, found among the few words that share its first character (or,
//! read backwards, its last) instead of by trying the whole list.

/// A word list indexed by the character a match is read from.
pub(crate) struct WordIndex<T: 'static> {
    /// Sorted by character; each bucket longest word first.
    buckets: Vec<(char, Vec<Entry<T>>)>,
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
        WordIndex { buckets }
    }

    /// The longest word that reads `char_at(0)`, `char_at(1)` … (`None`
    /// past the end of the text), with its value and length in characters.
    pub(crate) fn longest(
        &self,
        char_at: impl Fn(usize) -> Option<char>,
    ) -> Option<(&'static str, T, usize)> {
        let first = char_at(0)?;
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
    fn a_word_cut_by_the_end_of_the_text_does_not_match() {
        let index = WordIndex::of_words(&["百分点"]);
        let text: Vec<char> = "百分".chars().collect();
        assert_eq!(index.longest(|k| text.get(k).copied()), None);
    }
}
