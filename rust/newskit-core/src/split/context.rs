//! The second pass of the stacked tagger: features of the articles the first pass made.
//!
//! A linear-chain tagger sees one neighbour's label at a time, so it cannot ask what a title is a title
//! of. After a first decoding, every block that is not settled gets features of the article the first
//! pass put it in: the labels around it, how far the article's headline is, how long the article has run,
//! whether it has a byline or section titles yet, and how much of the text that follows shares the
//! article's words (a section title continues its article; a headline starts new text). The second
//! model weighs these beside the block's own features (`bench/train_split_tagger.py` trains it on
//! first-pass labels of pages the first model never saw).
use std::ops::Range;

use super::decode::{BYLINE, HEAD, HEAD_MORE, LABELS, SECTION};
use super::features::{bucket, distance_bucket, Block, Shape};
use super::grams::{Marks, PageGrams};
use super::text::char_len;

/// One letter per label, for the label windows.
const LETTERS: [char; LABELS] = ['h', 'm', 'y', 'b', 'j', 's', 'c', 'z'];
/// Blocks after a candidate whose words are compared with its article's.
const AFTER_BLOCKS: usize = 3;
/// Characters of an article (from its end) the comparison reads: enough for its names and terms.
const ARTICLE_WINDOW: usize = 1500;
/// Characters after a candidate, up to the first pass's next headline, that the far comparison reads: the
/// whole section a section title would open (its first blocks often name only the section's own matter).
const FAR_WINDOW: usize = 1500;
const CHAR_BUCKETS: &[(f64, &str)] = &[(100., "0-100"), (300., "101-300"), (800., "301-800"), (1500., "801-1500"),
    (3000., "1501-3000")];
/// Share of the following text's bigrams that the article already used.
const SHARE_BUCKETS: &[(f64, &str)] = &[(0.0, "0"), (0.05, "lo"), (0.12, "mid"), (0.25, "hi")];

/// The share of a set of `part` bigrams that a set of `whole` bigrams holds (`shared` of them), bucketed.
fn share(part: usize, whole: usize, shared: usize) -> &'static str {
    if part == 0 || whole == 0 {
        return "none";
    }
    bucket(shared as f64 / part as f64, SHARE_BUCKETS, "top")
}

/// A run of blocks `[start, end)` and how many of them hold each bigram id.
#[derive(Default)]
struct Window {
    start: usize,
    end: usize,
    count: Vec<u32>,
    /// ids held by at least one block
    distinct: usize,
}

impl Window {
    fn holds(&self, id: u32) -> bool {
        self.count.get(id as usize).is_some_and(|&c| c > 0)
    }
}

/// The article's window (its text before a candidate) and the far window (the text after it), which only
/// move forward as the candidates do: each block enters and leaves each window once per page, so the
/// comparison costs the page's length, not the windows' length per candidate. `both` counts the ids the
/// two windows share.
#[derive(Default)]
struct Windows {
    article: Window,
    far: Window,
    both: usize,
}

impl Windows {
    /// The blocks that moving the windows to `article` and `far` brings into them.
    fn entering(&self, article: Range<usize>, far: Range<usize>) -> impl Iterator<Item = usize> {
        (self.article.end.max(article.start)..article.end).chain(self.far.end.max(far.start)..far.end)
    }

    /// Move the windows to `article` and `far` (neither start nor end ever goes back); `set(j)` is block
    /// j's bigram set.
    fn slide<'s>(&mut self, article: Range<usize>, far: Range<usize>, set: &impl Fn(usize) -> &'s [u32]) {
        Self::slide_one(&mut self.article, &self.far, &mut self.both, article, set);
        Self::slide_one(&mut self.far, &self.article, &mut self.both, far, set);
    }

    fn slide_one<'s>(w: &mut Window, other: &Window, both: &mut usize, to: Range<usize>,
                     set: &impl Fn(usize) -> &'s [u32]) {
        debug_assert!(to.start >= w.start && to.end >= w.end, "a window only moves forward");
        // leave: the blocks before the new start that are in the window
        for j in w.start..to.start.min(w.end) {
            for &id in set(j) {
                let c = &mut w.count[id as usize];
                *c -= 1;
                if *c == 0 {
                    w.distinct -= 1;
                    *both -= usize::from(other.holds(id));
                }
            }
        }
        // enter: the blocks up to the new end not in the window yet
        for j in w.end.max(to.start)..to.end {
            for &id in set(j) {
                let i = id as usize;
                if i >= w.count.len() {
                    w.count.resize((i + 1).max(w.count.len() * 2), 0);
                }
                w.count[i] += 1;
                if w.count[i] == 1 {
                    w.distinct += 1;
                    *both += usize::from(other.holds(id));
                }
            }
        }
        (w.start, w.end) = (to.start, to.end);
    }
}

/// Every unsettled block's article features under the first pass's `labels`, handed to `sink(k, feature)`.
pub fn context_features<S: FnMut(usize, &str)>(blocks: &[Block], labels: &[usize], settled: &[bool],
                                               page_grams: &mut PageGrams, mut sink: S) {
    let n = blocks.len();
    let letter = |j: isize| -> char {
        if j < 0 {
            '^'
        } else {
            labels.get(j as usize).map_or('$', |&l| LETTERS[l])
        }
    };
    // Each block's bigram set, built the first time a comparison reads it.
    let mut grams: Vec<Option<Vec<u32>>> = vec![None; n];
    // the following text's bigrams and the head stack's; the article's and the far text's are windows that
    // slide forward with the candidate (`Windows`)
    let (mut after_marks, mut stack_marks) = (Marks::default(), Marks::default());
    let mut windows = Windows::default();
    let mut buf = String::with_capacity(48);
    let mut put = |k: usize, buf: &mut String, args: std::fmt::Arguments| {
        use std::fmt::Write;
        buf.clear();
        buf.write_fmt(args).expect("a String takes any write");
        sink(k, buf);
    };
    // Per-block counts as running sums, so each block reads its article's length, byline and section
    // titles in constant time (an article can run to dozens of blocks).
    let lens: Vec<usize> = blocks.iter().map(|b| char_len(b.text)).collect();
    let running = |count: &dyn Fn(usize) -> usize| -> Vec<usize> {
        let mut out = Vec::with_capacity(n + 1);
        out.push(0);
        for j in 0..n {
            out.push(out[j] + count(j));
        }
        out
    };
    let chars_before = running(&|j| lens[j]);
    let sections_before = running(&|j| usize::from(labels[j] == SECTION));
    let bylines_before = running(&|j| {
        usize::from(labels[j] == BYLINE || blocks[j].info.byline_start || blocks[j].info.shape == Shape::Byline)
    });
    let mut next_heads = vec![None; n];
    let mut next: Option<usize> = None;
    for j in (0..n).rev() {
        next_heads[j] = next;
        if labels[j] == HEAD {
            next = Some(j);
        }
    }
    let mut last_head: Option<usize> = None;
    for k in 0..n {
        let previous_head = last_head;
        if labels[k] == HEAD {
            last_head = Some(k);
        }
        if settled[k] {
            continue;
        }
        let i = k as isize;
        put(k, &mut buf, format_args!("c:lab={}", letter(i)));
        put(k, &mut buf, format_args!("c:lab3={}{}{}", letter(i - 1), letter(i), letter(i + 1)));
        put(k, &mut buf, format_args!("c:lab5={}{}{}{}{}", letter(i - 2), letter(i - 1), letter(i), letter(i + 1),
                                      letter(i + 2)));
        put(k, &mut buf, format_args!("c:next_head={}", distance_bucket(next_heads[k].map(|j: usize| j - k))));
        let Some(h) = previous_head else {
            put(k, &mut buf, format_args!("c:art=none"));
            continue;
        };
        // The article the first pass put this block in, up to this block.
        let chars = chars_before[k] - chars_before[h + 1];
        let bylined = bylines_before[k] > bylines_before[h];
        let sections = sections_before[k] - sections_before[h + 1];
        put(k, &mut buf, format_args!("c:art_blocks={}", distance_bucket(Some(k - h))));
        put(k, &mut buf, format_args!("c:art_chars={}", bucket(chars as f64, CHAR_BUCKETS, "3000+")));
        put(k, &mut buf, format_args!("c:art_by={}", u8::from(bylined)));
        put(k, &mut buf, format_args!("c:art_sec={}", sections.min(3)));
        if lens[k] > 60 {
            continue; // only a short block could open an article; a long one needs no word comparison
        }
        let following: Vec<usize> = (k + 1..n.min(k + 1 + AFTER_BLOCKS)).collect();
        // the article's end, back from this block to at most ARTICLE_WINDOW characters (the block that
        // crosses the limit included)
        let mut read = 0;
        let article_start = (h..k)
            .rev()
            .find(|&j| {
                read += lens[j];
                read >= ARTICLE_WINDOW
            })
            .unwrap_or(h);
        let stack: Vec<usize> = (h..k).take_while(|&j| j == h || labels[j] == HEAD_MORE).collect();
        // the text this block would head or continue: up to the next headline, at most FAR_WINDOW (the
        // block that crosses the limit included)
        let mut read = 0;
        let far_end = (k + 1..next_heads[k].unwrap_or(n))
            .find(|&j| {
                let full = read >= FAR_WINDOW;
                read += lens[j];
                full
            })
            .unwrap_or_else(|| next_heads[k].unwrap_or(n));
        let (article_span, far_span) = (article_start..k, k + 1..far_end);
        let entering = windows.entering(article_span.clone(), far_span.clone());
        for j in following.iter().copied().chain(stack.iter().copied()).chain([k]).chain(entering) {
            if grams[j].is_none() {
                grams[j] = Some(page_grams.whole(j, blocks[j].text));
            }
        }
        let set = |j: usize| grams[j].as_deref().unwrap_or_default();
        windows.slide(article_span, far_span, &set);
        let ids = page_grams.len();
        let article = windows.article.distinct;
        let in_article = |id: u32| windows.article.holds(id);
        // the following text's distinct bigrams and how many of them the article used; the same of the stack
        let (after, after_in_article) = after_marks.fill_counting(ids, following.iter().map(|&j| set(j)), in_article);
        let (stack_n, stack_in_after) = stack_marks.fill_sharing(ids, stack.iter().map(|&j| set(j)), &after_marks);
        let own = set(k);
        put(k, &mut buf, format_args!("c:coh={}", share(after, article, after_in_article)));
        put(k, &mut buf, format_args!("c:coh_head={}", share(stack_n, after, stack_in_after)));
        put(k, &mut buf, format_args!("c:coh_own={}", share(own.len(), article, own.iter().filter(|&&id| in_article(id)).count())));
        // A section's text comes back to its article's headline (`科技特派员` under `天津四千余名科技特派员…`,
        // sections down); a new article's text seldom does, even on a page of one theme.
        let (far_n, far_in_article) = (windows.far.distinct, windows.both);
        let (_, stack_in_far) = stack_marks.fill_counting(ids, stack.iter().map(|&j| set(j)), |id| windows.far.holds(id));
        put(k, &mut buf, format_args!("c:far_head={}", share(stack_n, far_n, stack_in_far)));
        put(k, &mut buf, format_args!("c:far={}", share(far_n, article, far_in_article)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::decode::{BigramSet, BODY};
    use crate::split::features::Info;

    fn block(text: &str) -> Block<'_> {
        Block { text, line_start: 0, line_end: 0,
                info: Info { shape: Shape::Body, md_level: 0, may_head: false, broken_byline: false, byline_start: false } }
    }

    fn features(texts: &[&str], labels: &[usize]) -> Vec<Vec<String>> {
        let blocks: Vec<Block> = texts.iter().map(|t| block(t)).collect();
        let mut out = vec![Vec::new(); blocks.len()];
        let none = BigramSet::default();
        context_features(&blocks, labels, &vec![false; blocks.len()], &mut PageGrams::new(blocks.len(), 0, &none),
                         |k, f| out[k].push(f.to_string()));
        out
    }

    #[test]
    fn a_title_inside_an_article_sees_the_articles_words_again() {
        let f = features(&["冬奥备战", "速滑队在冬奥备战中取得进步。", "新的训练", "速滑队的冬奥备战继续。"],
                         &[HEAD, BODY, SECTION, BODY]);
        assert!(f[2].contains(&"c:lab3=bsb".to_string()), "{:?}", f[2]);
        assert!(f[2].contains(&"c:art_blocks=2".to_string()));
        assert!(f[2].contains(&"c:coh=top".to_string()), "{:?}", f[2]);
        assert!(f[0].contains(&"c:art=none".to_string()));
    }

    #[test]
    fn a_sections_text_comes_back_to_its_headline() {
        let f = features(&["冬奥备战", "本报记者", "速滑队在冬奥备战中取得进步。", "新的训练", "冬奥备战继续推进。",
                           "春运开始", "本报记者", "铁路旅客发送量创新高。"],
                         &[HEAD, BYLINE, BODY, SECTION, BODY, HEAD, BYLINE, BODY]);
        assert!(f[3].contains(&"c:far_head=top".to_string()), "{:?}", f[3]);
        assert!(f[5].contains(&"c:far_head=0".to_string()), "{:?}", f[5]);
    }

    #[test]
    fn a_new_headline_is_followed_by_new_words() {
        let f = features(&["冬奥备战", "速滑队在冬奥备战中取得进步。", "春运开始", "铁路旅客发送量创新高。"],
                         &[HEAD, BODY, HEAD, BODY]);
        assert!(f[2].contains(&"c:coh=0".to_string()), "{:?}", f[2]);
        assert!(f[2].contains(&"c:lab5=hbhb$".to_string()), "{:?}", f[2]);
    }
}
