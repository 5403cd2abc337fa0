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
        let key = word.as_bytes();
        let (mut lo, mut hi) = (0, self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.word(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo < self.count && self.word(lo) == key
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
    }
}
