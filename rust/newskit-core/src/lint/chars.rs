//! Character classes the lint kernels share, over code points (Python string indices are code points, so the
//! kernels take `&[u32]`, one element per Python character, and return Python offsets unchanged).

/// Han characters, as `newskit.text.cjk.HAN`: CJK Extension A, the unified block, compatibility ideographs
/// and 〇.
#[inline]
pub fn is_han(c: u32) -> bool {
    matches!(c, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x3007)
}

/// A character that makes a neighbouring ASCII mark Chinese (P101's `_CJK`): Han, CJK symbols, full-width
/// punctuation (not full-width digits or letters), curly quotes, ellipsis, dash, middle dot.
#[inline]
pub fn is_cjk(c: u32) -> bool {
    is_han(c)
        || matches!(
            c,
            0x3001..=0x303f
                | 0xff01..=0xff0f
                | 0xff1a..=0xff20
                | 0xff3b..=0xff40
                | 0xff5b..=0xff65
                | 0x201c
                | 0x201d
                | 0x2018
                | 0x2019
                | 0x2026
                | 0x2014
                | 0x00b7
        )
}

/// A hasher for the kernels' own keys (clauses, character pairs): eight bytes at a time, a multiply and a
/// rotate (rustc's FxHash), instead of SipHash, which was most of the cost of the maps it fills.
#[derive(Default)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.add(u64::from_le_bytes(w.try_into().expect("eight bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// `HashMap`/`HashSet` state for `FxHasher`.
pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Code points of a `&str` (what the Python side hands over), for tests and pure-Rust callers.
pub fn code_points(text: &str) -> Vec<u32> {
    text.chars().map(|c| c as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('中' as u32) && is_han('〇' as u32) && !is_han('，' as u32));
        assert!(is_cjk('，' as u32) && is_cjk('“' as u32) && is_cjk('·' as u32));
        assert!(!is_cjk('１' as u32) && !is_cjk('Ａ' as u32) && !is_cjk('a' as u32));
    }
}
