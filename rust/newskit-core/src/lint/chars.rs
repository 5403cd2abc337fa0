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
