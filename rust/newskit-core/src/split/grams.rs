//! Character-bigram sets of one page, for the topic-shift and article-coherence measures.
//!
//! Both measures ask how much of one run of text's bigrams another run already used, for every short block
//! of a page, over windows of up to a few dozen blocks. Merging sorted sets per window was the split's
//! largest cost; here every distinct bigram of the page gets a small id once, a block's set is a list of
//! ids, and a union is a stamp per id in a [`Marks`] array: marking a window and counting what another
//! window shares with it costs one array access per bigram, with nothing sorted or merged.
use super::decode::BigramSet;

/// A page's bigrams as ids `0..len()`: an open-addressing table from bigram to id that also remembers which
/// bigrams are common, so each character pair of a text costs one probe (the common-bigram table is asked
/// once per distinct bigram of the page, not once per occurrence). A slot is one word, the bigram and its
/// id together, so a probe reads one place in memory.
pub struct Grams<'c> {
    /// bigrams too common to tell topics apart: never given an id
    common: &'c BigramSet,
    /// `EMPTY`, or the bigram's key (two 21-bit code points) plus one, shifted past `ID_BITS`, with its id
    /// (or `COMMON`) in the low bits
    slots: Vec<u64>,
    shift: u32,
    /// ids given out
    len: usize,
    /// slots taken (ids and common bigrams)
    used: usize,
    seen: Marks,
}

const EMPTY: u64 = 0;
/// Bits of a slot that hold the id: a page of up to 4,194,302 distinct uncommon bigrams (some 4 million
/// characters of text) gets an id for each; past that its new bigrams count as common (see `id`).
const ID_BITS: u32 = 22;
const ID_MASK: u64 = (1 << ID_BITS) - 1;
const COMMON: u32 = ID_MASK as u32;
const MIN_BITS: u32 = 10;


/// A character bigram as one number.
fn pair(a: char, b: char) -> u64 {
    (a as u64) << 32 | b as u64
}

/// The bigram of a two-character text (the model's common-bigram table).
pub fn bigram_of(text: &str) -> Option<u64> {
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(a), Some(b), None) => Some(pair(a, b)),
        _ => None,
    }
}

/// Two code points in 42 bits (each below 2^21), the slot's key.
fn key(a: char, b: char) -> u64 {
    (a as u64) << 21 | b as u64
}

impl<'c> Grams<'c> {
    fn with_bits(bits: u32, common: &'c BigramSet) -> Self {
        Grams { common, slots: vec![EMPTY; 1 << bits], shift: 64 - bits, len: 0, used: 0, seen: Marks::default() }
    }

    /// A table for a page of about `chars` characters (it grows past that if it must).
    pub fn for_page(chars: usize, common: &'c BigramSet) -> Self {
        Self::with_bits((usize::BITS - (2 * chars).leading_zeros()).max(MIN_BITS), common)
    }

    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The id of bigram `a b`, `COMMON` for a common one; new bigrams get the next id. Ids run out only on a
    /// page of over four million distinct bigrams: the rest of such a page's bigrams count as common, so
    /// its topic measures see fewer words rather than wrong ones.
    fn id(&mut self, a: char, b: char) -> u32 {
        let k = key(a, b);
        let tag = (k + 1) << ID_BITS;
        let mask = self.slots.len() - 1;
        let mut s = self.slot(k);
        loop {
            match self.slots[s] {
                EMPTY => break,
                word if word & !ID_MASK == tag => return (word & ID_MASK) as u32,
                _ => s = (s + 1) & mask,
            }
        }
        let id = if self.common.contains(&pair(a, b)) || self.len >= COMMON as usize {
            COMMON
        } else {
            self.len += 1;
            self.len as u32 - 1
        };
        self.slots[s] = tag | u64::from(id);
        self.used += 1;
        if 2 * (self.used + 1) > self.slots.len() {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(self, Self::with_bits(bits, self.common));
        (self.len, self.used, self.seen) = (old.len, old.used, old.seen);
        let mask = self.slots.len() - 1;
        for &word in old.slots.iter().filter(|&&w| w != EMPTY) {
            let mut s = self.slot((word >> ID_BITS) - 1);
            while self.slots[s] != EMPTY {
                s = (s + 1) & mask;
            }
            self.slots[s] = word;
        }
    }

    /// The id of each character pair of `text` in order, `COMMON` for a common one.
    pub fn pairs(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::with_capacity(text.len() / 3);
        let mut chars = text.chars();
        let Some(mut a) = chars.next() else { return out };
        for b in chars {
            out.push(self.id(a, b));
            a = b;
        }
        out
    }

    /// The distinct bigrams of `text` without the `common` ones, as ids (in order of first appearance): what
    /// `PageGrams` reads off a block's pairs, kept as the tests' reference.
    #[cfg(test)]
    pub fn set(&mut self, text: &str) -> Vec<u32> {
        let pairs = self.pairs(text);
        distinct(&mut self.seen, self.len, &pairs)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The bigram of an id (tests: read a set back as characters).
    #[cfg(test)]
    fn bigram(&self, id: u32) -> (char, char) {
        let word = *self.slots.iter().find(|&&w| w != EMPTY && (w & ID_MASK) as u32 == id).expect("an id given out");
        let k = (word >> ID_BITS) - 1;
        let c = |v: u64| char::from_u32(v as u32).expect("a code point");
        (c(k >> 21), c(k & ((1 << 21) - 1)))
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The distinct ids of `pairs` other than `COMMON`, in order of first appearance (`seen`: scratch marks).
fn distinct(seen: &mut Marks, ids: usize, pairs: &[u32]) -> Vec<u32> {
    seen.start(ids);
    let mut out = Vec::with_capacity(pairs.len());
    for &id in pairs {
        if id != COMMON && seen.insert(id) {
            out.push(id);
        }
    }
    out
}

/// A page's bigram ids for both of the tagger's passes: the features' topic measure reads the heads and
/// tails of the blocks around a candidate, the second pass's article measures read whole blocks. Each
/// block's character pairs are looked up in the page's one table the first time either pass reads it;
/// its head, tail and whole sets are then read off that sequence, so no character is hashed twice.
pub struct PageGrams<'c> {
    grams: Grams<'c>,
    /// per block, once read: the id of each of its character pairs (`COMMON` included)
    pairs: Vec<Option<Vec<u32>>>,
}

impl<'c> PageGrams<'c> {
    /// For a page of `blocks` blocks holding about `chars` characters.
    pub fn new(blocks: usize, chars: usize, common: &'c BigramSet) -> Self {
        PageGrams { grams: Grams::for_page(chars, common), pairs: vec![None; blocks] }
    }

    /// For a page's blocks (its table sized for about one bigram per three bytes of text: a Han character).
    pub fn for_blocks(blocks: &[super::features::Block], common: &'c BigramSet) -> Self {
        Self::new(blocks.len(), blocks.iter().map(|b| b.text.len()).sum::<usize>() / 3, common)
    }

    /// The set of the character pairs `part` picks out of block `k`'s (whose text is `text`), its pairs
    /// looked up the first time the block is read.
    fn set_of(&mut self, k: usize, text: &str, part: impl FnOnce(&[u32]) -> &[u32]) -> Vec<u32> {
        if self.pairs[k].is_none() {
            self.pairs[k] = Some(self.grams.pairs(text));
        }
        let ids = self.grams.len;
        distinct(&mut self.grams.seen, ids, part(self.pairs[k].as_deref().unwrap_or_default()))
    }

    /// The uncommon bigrams of block `k` as a set of ids.
    pub fn whole(&mut self, k: usize, text: &str) -> Vec<u32> {
        self.set_of(k, text, |pairs| pairs)
    }

    /// The set of the first `span` characters of block `k` (`grams.set(head(text, span))`).
    pub fn head(&mut self, k: usize, text: &str, span: usize) -> Vec<u32> {
        self.set_of(k, text, |pairs| &pairs[..pairs.len().min(span.saturating_sub(1))])
    }

    /// The set of the last `span` characters of block `k`.
    pub fn tail(&mut self, k: usize, text: &str, span: usize) -> Vec<u32> {
        self.set_of(k, text, |pairs| &pairs[pairs.len().saturating_sub(span.saturating_sub(1))..])
    }

    /// Ids given out so far.
    pub fn len(&self) -> usize {
        self.grams.len
    }

    pub fn is_empty(&self) -> bool {
        self.grams.len == 0
    }
}

/// A set of a page's bigram ids, emptied in constant time (a new epoch) and grown as ids appear.
#[derive(Default)]
pub struct Marks {
    stamp: Vec<u32>,
    epoch: u32,
}

impl Marks {
    /// Empty the set; ids below `ids` may be inserted (more grow the array).
    pub fn start(&mut self, ids: usize) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            // after 2^32 epochs an old stamp could read as current: clear them once
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.epoch = 1;
        }
        if self.stamp.len() < ids {
            self.stamp.resize(ids, 0);
        }
    }

    /// Add `id`; true when it was not in the set yet.
    pub fn insert(&mut self, id: u32) -> bool {
        let i = id as usize;
        if i >= self.stamp.len() {
            self.stamp.resize((i + 1).max(self.stamp.len() * 2), 0);
        }
        let fresh = self.stamp[i] != self.epoch;
        self.stamp[i] = self.epoch;
        fresh
    }

    pub fn contains(&self, id: u32) -> bool {
        self.stamp.get(id as usize).is_some_and(|&s| s == self.epoch)
    }

    /// Empty the set and put the union of `sets` in it; returns its size.
    pub fn fill<'s>(&mut self, ids: usize, sets: impl Iterator<Item = &'s [u32]>) -> usize {
        self.start(ids);
        let mut n = 0;
        for s in sets {
            for &id in s {
                n += usize::from(self.insert(id));
            }
        }
        n
    }

    /// Empty the set and put the union of `sets` in it; returns its size and how many of its ids `other`
    /// holds (the share of one window's bigrams another window used, with neither merged).
    pub fn fill_sharing<'s>(&mut self, ids: usize, sets: impl Iterator<Item = &'s [u32]>, other: &Marks) -> (usize, usize) {
        self.fill_counting(ids, sets, |id| other.contains(id))
    }

    /// `fill_sharing` against any set: `in_other(id)` says whether the other set holds `id`.
    pub fn fill_counting<'s>(&mut self, ids: usize, sets: impl Iterator<Item = &'s [u32]>,
                             in_other: impl Fn(u32) -> bool) -> (usize, usize) {
        self.start(ids);
        let (mut n, mut shared) = (0, 0);
        for s in sets {
            for &id in s {
                if self.insert(id) {
                    n += 1;
                    shared += usize::from(in_other(id));
                }
            }
        }
        (n, shared)
    }

    /// How many of `set`'s (distinct) ids are in this set.
    pub fn shared(&self, set: &[u32]) -> usize {
        set.iter().filter(|&&id| self.contains(id)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_each_uncommon_bigram_once() {
        let none = BigramSet::default();
        let mut g = Grams::for_page(0, &none);
        assert_eq!(g.set("城市城市").len(), 2); // 城市 市城 (城市 again)
        let common: BigramSet = [bigram_of("城市").unwrap()].into_iter().collect();
        let mut g = Grams::for_page(0, &common);
        let a = g.set("城市书");
        assert_eq!(a.len(), 1);
        assert_eq!(a, g.set("市书"));
        assert!(g.set("").is_empty() && g.set("城").is_empty());
    }

    #[test]
    fn a_blocks_head_tail_and_whole_sets_are_those_of_its_text() {
        let common: BigramSet = [bigram_of("城市").unwrap()].into_iter().collect();
        let texts = ["城市书房今日开放，市民读书", "书房", "", "城", "城市"];
        let mut page = PageGrams::new(texts.len(), 32, &common);
        let mut alone = Grams::for_page(32, &common);
        let as_set = |ids: Vec<u32>, g: &Grams| -> Vec<(char, char)> {
            let mut back: Vec<(char, char)> = ids.iter().map(|&id| g.bigram(id)).collect();
            back.sort();
            back
        };
        for (k, text) in texts.iter().enumerate() {
            for span in [0, 1, 2, 3, 5, 80] {
                let head: String = text.chars().take(span).collect();
                let n = text.chars().count();
                let tail: String = text.chars().skip(n.saturating_sub(span)).collect();
                assert_eq!(as_set(page.head(k, text, span), &page.grams), as_set(alone.set(&head), &alone), "{text} {span}");
                assert_eq!(as_set(page.tail(k, text, span), &page.grams), as_set(alone.set(&tail), &alone), "{text} {span}");
            }
            assert_eq!(as_set(page.whole(k, text), &page.grams), as_set(alone.set(text), &alone));
        }
    }

    #[test]
    fn the_table_grows_and_keeps_every_id() {
        let none = BigramSet::default();
        let mut g = Grams::for_page(0, &none);
        let text: String = (0..5000u32).filter_map(|i| char::from_u32(0x4e00 + i)).collect();
        let first = g.set(&text);
        assert_eq!(first.len(), 4999);
        assert_eq!(g.len(), 4999);
        assert_eq!(g.set(&text), first, "the same bigrams get the same ids after growing");
    }

    #[test]
    fn marks_count_a_union_and_what_another_set_shares_with_it() {
        let none = BigramSet::default();
        let mut g = Grams::for_page(0, &none);
        let (a, b, c) = (g.set("城市书房"), g.set("书房开放"), g.set("天地人和"));
        let mut m = Marks::default();
        assert_eq!(m.fill(g.len(), [a.as_slice(), b.as_slice()].into_iter()), 5); // 城市 市书 书房 房开 开放
        assert_eq!(m.shared(&g.set("书房")), 1);
        assert_eq!(m.shared(&c), 0);
        assert_eq!(m.fill(g.len(), std::iter::once(c.as_slice())), 3);
        assert_eq!(m.shared(&a), 0, "a new fill forgets the old set");
        let mut other = Marks::default();
        assert_eq!(other.fill_sharing(g.len(), [a.as_slice(), c.as_slice()].into_iter(), &m), (6, 3));
    }
}
