//! One scan per text for every rule's trigger: a rule whose trigger is absent from a text skips it.
//!
//! A trigger is a pattern every text holding one of the rule's findings matches, with the characters one of
//! which every match holds (its key characters: `[,:;!?()]` for P101, `》` for `》、《`). The scan is one pass
//! over the text's code points that looks each one up in a bitmap of all key characters; only a trigger
//! whose key character occurs is then confirmed with its `regex` (linear time, no backtracking). Patterns
//! that need look-around or backreferences stay in Python.

use regex::Regex;
use std::collections::HashMap;

/// At most this many triggers: a text's answer is one `u64`, a bit per trigger.
pub const MAX_TRIGGERS: usize = 64;

#[derive(Debug, Clone)]
pub struct Triggers {
    patterns: Vec<Regex>,
    /// key character -> the triggers it may start
    keys: HashMap<u32, u64>,
    /// one bit per BMP code point: is it a key character at all (8 KB, stays in cache)
    bmp: Vec<u64>,
}

impl Triggers {
    /// `triggers` are (pattern, key characters) pairs; every match of a pattern must hold a key character.
    pub fn new(triggers: &[(String, String)]) -> Result<Triggers, String> {
        if triggers.len() > MAX_TRIGGERS {
            return Err(format!("{} triggers; at most {MAX_TRIGGERS}", triggers.len()));
        }
        let mut patterns = Vec::with_capacity(triggers.len());
        let mut keys: HashMap<u32, u64> = HashMap::new();
        let mut bmp = vec![0u64; 0x10000 / 64];
        for (k, (pattern, chars)) in triggers.iter().enumerate() {
            patterns.push(Regex::new(pattern).map_err(|e| e.to_string())?);
            if chars.is_empty() {
                return Err(format!("trigger {pattern:?} has no key characters"));
            }
            for c in chars.chars() {
                let c = c as u32;
                *keys.entry(c).or_default() |= 1u64 << k;
                if c < 0x10000 {
                    bmp[(c / 64) as usize] |= 1u64 << (c % 64);
                }
            }
        }
        Ok(Triggers { patterns, keys, bmp })
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The triggers whose key characters occur in `text` (a superset of those that match).
    pub fn candidates(&self, text: &[u32]) -> u64 {
        let mut mask = 0u64;
        for &c in text {
            let maybe = c >= 0x10000 || self.bmp[(c / 64) as usize] >> (c % 64) & 1 == 1;
            if maybe {
                if let Some(bits) = self.keys.get(&c) {
                    mask |= bits;
                }
            }
        }
        mask
    }

    /// Bit `k` is set when trigger `k` occurs in `text` (code points).
    pub fn mask(&self, text: &[u32]) -> u64 {
        let candidates = self.candidates(text);
        if candidates == 0 {
            return 0;
        }
        let utf8: String = text.iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')).collect();
        (0..self.patterns.len())
            .filter(|&k| candidates >> k & 1 == 1 && self.patterns[k].is_match(&utf8))
            .fold(0u64, |mask, k| mask | (1u64 << k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn triggers(specs: &[(&str, &str)]) -> Triggers {
        Triggers::new(&specs.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn a_bit_per_trigger_present() {
        let t = triggers(&[("[,:;!?()]", ",:;!?()"), ("》、《", "》"), ("[０-９]", "０１２３４５６７８９")]);
        assert_eq!(t.mask(&code_points("本报讯(记者)")), 0b001);
        assert_eq!(t.mask(&code_points("《甲》、《乙》，１２")), 0b110);
        assert_eq!(t.mask(&code_points("《甲》《乙》")), 0); // the key character alone is not the trigger
        assert_eq!(t.mask(&code_points("干净的一段。")), 0);
    }

    #[test]
    fn bad_patterns_and_too_many_are_errors() {
        assert!(Triggers::new(&[("(?<=a)b".to_string(), "b".to_string())]).is_err());
        assert!(Triggers::new(&[("a".to_string(), String::new())]).is_err());
        assert!(Triggers::new(&vec![("a".to_string(), "a".to_string()); MAX_TRIGGERS + 1]).is_err());
    }
}
