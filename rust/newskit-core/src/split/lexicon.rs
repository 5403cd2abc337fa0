//! Word lookups in newskit's lexicon index (`newskit/text/lexicon.py`: jieba's dictionary as sorted UTF-8
//! words behind an offset table), read in place from the buffer Python has mmapped: no copy, no set built.

/// The index's word table: `offsets[count + 1]` (native-endian u32) at `offsets_at`, the words after
/// `words_at`, sorted by their bytes.
pub struct WordIndex<'a> {
    buf: &'a [u8],
    offsets_at: usize,
    count: usize,
    words_at: usize,
}

impl<'a> WordIndex<'a> {
    /// None when the layout does not fit the buffer.
    pub fn new(buf: &'a [u8], offsets_at: usize, count: usize, words_at: usize) -> Option<Self> {
        let index = WordIndex { buf, offsets_at, count, words_at };
        let table_end = offsets_at.checked_add(count.checked_add(1)?.checked_mul(4)?)?;
        if table_end > buf.len() || words_at > buf.len() || words_at.checked_add(index.offset(count))? > buf.len() {
            return None;
        }
        Some(index)
    }

    fn offset(&self, i: usize) -> usize {
        let at = self.offsets_at + 4 * i;
        u32::from_ne_bytes([self.buf[at], self.buf[at + 1], self.buf[at + 2], self.buf[at + 3]]) as usize
    }

    fn word(&self, i: usize) -> &[u8] {
        &self.buf[self.words_at + self.offset(i)..self.words_at + self.offset(i + 1)]
    }

    /// Is `word` an entry (`Lexicon.freq(word) is not None`)?
    pub fn contains(&self, word: &str) -> bool {
        self.find(word.as_bytes()).is_some()
    }

    /// The entry `key`'s position in the index, if it is one.
    pub fn find(&self, key: &[u8]) -> Option<usize> {
        self.find_in(key, 0, self.count)
    }

    /// `find` where the entry can only be in `[lo, hi)` (`FirstChars::range` of its first character).
    pub fn find_in(&self, key: &[u8], lo: usize, hi: usize) -> Option<usize> {
        let lo = self.lower_bound(key, lo, hi);
        (lo < hi && self.word(lo) == key).then_some(lo)
    }

    /// The first entry in `[lo, hi)` not below `key`.
    fn lower_bound(&self, key: &[u8], mut lo: usize, mut hi: usize) -> usize {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.word(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The range of the entries that start with `prefix`, searched inside `[lo, hi)` (the range of a shorter
    /// prefix of it: a segmenter narrows it one character at a time).
    pub fn prefix_range(&self, prefix: &[u8], lo: usize, hi: usize) -> (usize, usize) {
        let lo = self.lower_bound(prefix, lo, hi);
        let (mut a, mut b) = (lo, hi);
        while a < b {
            let mid = a + (b - a) / 2;
            if self.word(mid).starts_with(prefix) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        (lo, a)
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The length in bytes of entry `i`.
    pub fn word_len(&self, i: usize) -> usize {
        self.offset(i + 1) - self.offset(i)
    }
}

/// Characters below this have a range of their own in `FirstChars` (the rest share one: they start few words).
const BMP: usize = 0x10000;

/// Where the entries starting with each character begin: a binary search for a word then starts inside its
/// first character's range (a few hundred entries for a common Han character) instead of all 349k, which
/// halves its probes. Built once per index (a pass over the words, 256 KB).
pub struct FirstChars {
    /// `starts[c]`: the first entry whose first character is `c` or later, for `c` in `0..=BMP`
    starts: Vec<u32>,
    count: usize,
}

impl FirstChars {
    pub fn new(index: &WordIndex) -> Self {
        let mut starts = Vec::with_capacity(BMP + 1);
        for i in 0..index.count {
            // entries sort by bytes, which is by code point: first characters never decrease
            let first = first_char(index.word(i)).map_or(0, |c| (c as usize).min(BMP));
            while starts.len() <= first {
                starts.push(i as u32);
            }
        }
        starts.resize(BMP + 1, index.count as u32);
        FirstChars { starts, count: index.count }
    }

    /// The range of the entries whose first character is `c` (for a character past the BMP, of all those
    /// past it).
    pub fn range(&self, c: char) -> (usize, usize) {
        let c = c as usize;
        if c < BMP {
            (self.starts[c] as usize, self.starts[c + 1] as usize)
        } else {
            (self.starts[BMP] as usize, self.count)
        }
    }

    /// `index.find(key)` (`index` being the one these ranges were made from), searched in the key's range.
    pub fn find(&self, index: &WordIndex, key: &str) -> Option<usize> {
        let (lo, hi) = key.chars().next().map_or((0, self.count.min(self.starts[1] as usize)), |c| self.range(c));
        index.find_in(key.as_bytes(), lo, hi)
    }
}

/// The first character of UTF-8 `bytes`, if they start with one.
fn first_char(bytes: &[u8]) -> Option<char> {
    let len = match bytes.first()? {
        b if b >> 7 == 0 => 1,
        b if b >> 5 == 0b110 => 2,
        b if b >> 4 == 0b1110 => 3,
        _ => 4,
    };
    std::str::from_utf8(bytes.get(..len)?).ok()?.chars().next()
}

/// The whole index: the word table, each entry's frequency (`uint32 freqs[count]`) and tag id (`uint16
/// tags[count]`), which lie between the offsets and the words.
pub struct Lexicon<'a> {
    pub words: WordIndex<'a>,
    freqs_at: usize,
    tags_at: usize,
    /// jieba's total: the sum of every dictionary line's frequency (the metadata's `total`)
    pub total: u64,
}

impl<'a> Lexicon<'a> {
    /// None when the layout does not fit the buffer or leaves no room for the frequencies and tags.
    pub fn new(buf: &'a [u8], offsets_at: usize, count: usize, words_at: usize, total: u64) -> Option<Self> {
        let freqs_at = offsets_at.checked_add(count.checked_add(1)?.checked_mul(4)?)?;
        let tags_at = freqs_at.checked_add(count.checked_mul(4)?)?;
        if tags_at.checked_add(count.checked_mul(2)?)? != words_at {
            return None;
        }
        Some(Lexicon { words: WordIndex::new(buf, offsets_at, count, words_at)?, freqs_at, tags_at, total })
    }

    /// Entry `i`'s frequency (0: a prefix jieba lists, no word).
    pub fn freq(&self, i: usize) -> u32 {
        let at = self.freqs_at + 4 * i;
        let b = self.words.buf;
        u32::from_ne_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    /// Entry `i`'s tag, as an index into the index's tag table.
    pub fn tag(&self, i: usize) -> u16 {
        let at = self.tags_at + 2 * i;
        u16::from_ne_bytes([self.words.buf[at], self.words.buf[at + 1]])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(words: &[&str]) -> Vec<u8> {
        let mut offsets = vec![0u32];
        let mut blob = Vec::new();
        for w in words {
            blob.extend_from_slice(w.as_bytes());
            offsets.push(blob.len() as u32);
        }
        let mut buf = b"head".to_vec();
        for o in offsets {
            buf.extend_from_slice(&o.to_ne_bytes());
        }
        buf.extend(blob);
        buf
    }

    #[test]
    fn finds_entries_and_only_entries() {
        let mut words = vec!["情况", "城市", "规划", "书房", "a"];
        words.sort();
        let buf = index(&words);
        let at = 4 + 4 * (words.len() + 1);
        let ix = WordIndex::new(&buf, 4, words.len(), at).unwrap();
        assert!(ix.contains("情况") && ix.contains("a") && ix.contains("书房"));
        assert!(!ix.contains("情") && !ix.contains("情况好") && !ix.contains(""));
        assert!(WordIndex::new(&buf, 4, words.len() + 5, at).is_none());
        assert_eq!(ix.prefix_range("情".as_bytes(), 0, ix.len()), (3, 4));
        assert_eq!(ix.prefix_range("城市".as_bytes(), 0, ix.len()), (2, 3));
        assert_eq!(ix.prefix_range("乙".as_bytes(), 0, ix.len()), (1, 1));
        assert_eq!(ix.prefix_range(b"", 0, ix.len()), (0, 5));
    }

    #[test]
    fn first_character_ranges_find_what_the_whole_search_finds() {
        let mut words = vec!["情况", "城市", "规划", "书房", "a", "ab", "b", "\u{20000}字", "城"];
        words.sort();
        let buf = index(&words);
        let ix = WordIndex::new(&buf, 4, words.len(), 4 + 4 * (words.len() + 1)).unwrap();
        let first = FirstChars::new(&ix);
        assert_eq!(first.range('城'), (4, 6));
        assert_eq!(first.range('a'), (0, 2));
        assert_eq!(first.range('乙'), (3, 3));
        for w in words.iter().chain(&["情", "城市规划", "", "c", "\u{20000}", "\u{20001}"]) {
            assert_eq!(first.find(&ix, w), ix.find(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn frequencies_and_tags_lie_between_offsets_and_words() {
        let words = ["书房", "城市"];
        let mut buf = b"head".to_vec();
        for o in [0u32, 6, 12] {
            buf.extend_from_slice(&o.to_ne_bytes());
        }
        for f in [7u32, 0] {
            buf.extend_from_slice(&f.to_ne_bytes());
        }
        for t in [3u16, 1] {
            buf.extend_from_slice(&t.to_ne_bytes());
        }
        let at = buf.len();
        buf.extend(words.concat().bytes());
        let lex = Lexicon::new(&buf, 4, 2, at, 7).unwrap();
        assert_eq!((lex.freq(0), lex.tag(0), lex.freq(1), lex.tag(1)), (7, 3, 0, 1));
        assert_eq!(lex.words.find("城市".as_bytes()), Some(1));
        assert!(Lexicon::new(&buf, 4, 2, at - 1, 7).is_none());
    }
}
