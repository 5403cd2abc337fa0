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

    /// The distinct bigrams of `text` without the `common` ones, as ids (in order of first appearance).
    pub fn set(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::with_capacity(text.len() / 3);
        let mut chars = text.chars();
        let Some(mut a) = chars.next() else { return out };
        self.seen.start(self.len);
        for b in chars {
            let id = self.id(a, b);
            a = b;
            if id != COMMON && self.seen.insert(id) {
                out.push(id);
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
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
