//! Character-level helpers that behave exactly as the Python they replace: lengths and slices count code
//! points (Python's `len`, `s[:n]`, `s[-n:]`), white space is `str.isspace`, digits are `str.isdigit`.

/// `str.isspace()`: Unicode White_Space plus the four information separators U+001C–U+001F, which
/// Python counts as white space and Rust does not.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Code points that `str.isdigit()` accepts beyond the decimal digits (Nd): superscripts, subscripts,
/// circled and parenthesised digits… (Python 3.11, Unicode 14: `[c for c in all if c.isdigit() and not
/// re.match(r"\d", c)]`, as ranges).
const DIGIT_NOT_DECIMAL: &[(u32, u32)] = &[
    (0xB2, 0xB3), (0xB9, 0xB9), (0x1369, 0x1371), (0x19DA, 0x19DA), (0x2070, 0x2070), (0x2074, 0x2079),
    (0x2080, 0x2089), (0x2460, 0x2468), (0x2474, 0x247C), (0x2488, 0x2490), (0x24EA, 0x24EA),
    (0x24F5, 0x24FD), (0x24FF, 0x24FF), (0x2776, 0x277E), (0x2780, 0x2788), (0x278A, 0x2792),
    (0x10A40, 0x10A43), (0x10E60, 0x10E68), (0x11052, 0x1105A), (0x1F100, 0x1F10A),
];

/// `str.isdigit()` of one character.
pub fn py_isdigit(c: char, decimal: &regex::Regex) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let u = c as u32;
    DIGIT_NOT_DECIMAL.iter().any(|&(lo, hi)| lo <= u && u <= hi) || {
        let mut buf = [0u8; 4];
        decimal.is_match(c.encode_utf8(&mut buf))
    }
}

/// `len(s)`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `s[:n]`.
pub fn head(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `s[-n:]` (the whole string when n is 0, as Python's `s[-0:]`).
pub fn tail(s: &str, n: usize) -> &str {
    if n == 0 {
        return s;
    }
    match s.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// `s[n:]` for a char count n.
pub fn skip(s: &str, n: usize) -> &str {
    &s[head(s, n).len()..]
}

pub fn first(s: &str) -> Option<char> {
    s.chars().next()
}

pub fn last(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// `s.rstrip()`.
pub fn rstrip(s: &str) -> &str {
    s.trim_end_matches(py_isspace)
}

/// `s.strip()`.
pub fn strip(s: &str) -> &str {
    s.trim_matches(py_isspace)
}

/// `s.endswith(any of suffixes)`.
pub fn ends_with_any<S: AsRef<str>>(s: &str, suffixes: &[S]) -> bool {
    suffixes.iter().any(|x| s.ends_with(x.as_ref()))
}

pub fn starts_with_any<S: AsRef<str>>(s: &str, prefixes: &[S]) -> bool {
    prefixes.iter().any(|x| s.starts_with(x.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_count_code_points() {
        assert_eq!(head("城市书房", 2), "城市");
        assert_eq!(head("城", 2), "城");
        assert_eq!(tail("城市书房", 2), "书房");
        assert_eq!(tail("房", 2), "房");
        assert_eq!(tail("城市", 0), "城市");
        assert_eq!(skip("城市书房", 1), "市书房");
        assert_eq!(char_len("城市a"), 3);
    }

    #[test]
    fn white_space_and_digits_are_pythons() {
        assert!(py_isspace('\u{1c}') && py_isspace('\u{3000}') && !py_isspace('a'));
        assert_eq!(strip("\u{1f} 城 \u{3000}"), "城");
        let d = regex::Regex::new(r"^\d$").unwrap();
        assert!(py_isdigit('7', &d) && py_isdigit('²', &d) && py_isdigit('①', &d) && py_isdigit('٣', &d));
        assert!(!py_isdigit('一', &d) && !py_isdigit('a', &d));
    }
}
