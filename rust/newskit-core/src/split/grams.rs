//! Character-bigram sets of one page, for the topic-shift and article-coherence measures.
//!
//! Both measures ask how much of one run of text's bigrams another run already used, for every short block
//! of a page, over windows of up to a few dozen blocks. Merging sorted sets per window was the split's
//! largest cost; here every distinct bigram of the page gets a small id once, a block's set is a list of
//! ids, and a union is a stamp per id in a [`Marks`] array: marking a window and counting what another
//! window shares with it costs one array access per bigram, with nothing sorted or merged.
use std::collections::HashMap;

use super::decode::{BigramSet, FeatureHasher};

/// A page's bigrams as ids `0..len()`.
#[derive(Default)]
pub struct Grams {
    ids: HashMap<u64, u32, std::hash::BuildHasherDefault<FeatureHasher>>,
    seen: Marks,
}

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

impl Grams {
    /// The distinct bigrams of `text` without the `common` ones, as ids (in order of first appearance).
    pub fn set(&mut self, text: &str, common: &BigramSet) -> Vec<u32> {
        let mut out = Vec::with_capacity(text.len() / 3);
        let mut chars = text.chars();
        let Some(mut a) = chars.next() else { return out };
        self.seen.start(self.ids.len());
        for b in chars {
            let p = pair(a, b);
            a = b;
            if common.contains(&p) {
                continue;
            }
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(p).or_insert(next);
            if self.seen.insert(id) {
                out.push(id);
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
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
        let mut g = Grams::default();
        let none = BigramSet::default();
        assert_eq!(g.set("城市城市", &none).len(), 2); // 城市 市城 (城市 again)
        let common: BigramSet = [bigram_of("城市").unwrap()].into_iter().collect();
        let a = g.set("城市书", &common);
        assert_eq!(a, g.set("市书", &none));
        assert!(g.set("", &none).is_empty() && g.set("城", &none).is_empty());
    }

    #[test]
    fn marks_count_a_union_and_what_another_set_shares_with_it() {
        let mut g = Grams::default();
        let none = BigramSet::default();
        let (a, b, c) = (g.set("城市书房", &none), g.set("书房开放", &none), g.set("天地人和", &none));
        let mut m = Marks::default();
        assert_eq!(m.fill(g.len(), [a.as_slice(), b.as_slice()].into_iter()), 5); // 城市 市书 书房 房开 开放
        assert_eq!(m.shared(&g.set("书房", &none)), 1);
        assert_eq!(m.shared(&c), 0);
        assert_eq!(m.fill(g.len(), std::iter::once(c.as_slice())), 3);
        assert_eq!(m.shared(&a), 0, "a new fill forgets the old set");
    }
}
