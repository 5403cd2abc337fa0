//! A page's records from its tagged blocks: articles (head stack, byline, reflowed body) and, apart from
//! them, captions, ads, notices and fragments. One pass over the blocks; every block goes to one record.
//! (`newskit/split/articles.py` builds the model objects from what this returns.)
//!
//! Offsets: while grouping, slices are byte ranges of the page's UTF-8 text; a finished `Record` holds
//! code-point offsets (Python string indices), converted once by `Page::cp`.
use super::cues::Cues;
use super::dates::{Dateline, Dates};
use super::decode::{BODY, BYLINE, CAPTION, CLOSING, HEAD, HEAD_MORE, JOIN, SECTION};
use super::features::{Block, Shape};
use super::text::{char_len, py_isspace, strip, tail};
use crate::pieces::PieceMap;

/// A longer stack with no byline is a notice: first line headline, the rest its body.
const MAX_HEAD_STACK: usize = 3;
/// A main headline this short was split over two paragraphs (001:91–93).
const SHORT_MAIN: usize = 8;
/// A left-over sentence tail is short.
const ORPHAN_MAX: usize = 30;
/// White space a line slice is trimmed of (`blocks._WS`).
const LINE_WS: &[char] = &[' ', '\t', '\n', '\u{3000}', '\u{a0}', '\u{c}', '\u{b}', '\r'];
/// White space skipped before the body after a byline prefix.
const BODY_WS: &[char] = &[' ', '\t', '\u{3000}', '\u{a0}', '\n'];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Article,
    Caption,
    Advertisement,
    Notice,
    Fragment,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Caption => "caption",
            Kind::Advertisement => "advertisement",
            Kind::Notice => "notice",
            Kind::Fragment => "fragment",
        }
    }
}

type Slice = (usize, usize);

#[derive(Clone, Debug, PartialEq)]
pub struct Join {
    pub before_line: i64,
    pub after_line: i64,
    pub reason: &'static str,
}

#[derive(Clone, Debug)]
struct Para {
    slices: Vec<Slice>,
    blocks: Vec<usize>,
    section: bool,
    level: u32,
    closed: bool, // never extend (a section title, a stray byline line)
    joins: Vec<Join>,
}

impl Para {
    fn new(slices: Vec<Slice>, blocks: Vec<usize>) -> Para {
        Para { slices, blocks, section: false, level: 0, closed: false, joins: Vec::new() }
    }

    fn closed(slices: Vec<Slice>, blocks: Vec<usize>) -> Para {
        Para { closed: true, ..Para::new(slices, blocks) }
    }
}

#[derive(Clone, Debug)]
struct HeadItem {
    slices: Vec<Slice>,
    text: String,
    level: u32,
}

#[derive(Clone, Debug)]
struct Head {
    role: &'static str,
    slices: Vec<Slice>,
    level: u32,
}

#[derive(Clone, Debug)]
struct Draft {
    first: usize,
    kind: Option<Kind>,
    heads: Vec<Head>,
    byline: Option<(Vec<Slice>, &'static str)>,
    byline_blocks: Vec<usize>,
    head_blocks: Vec<usize>,
    body: Vec<Para>,
    caption_since: bool, // a caption was printed after the last body paragraph
}

impl Draft {
    fn new(first: usize) -> Draft {
        Draft { first, kind: None, heads: Vec::new(), byline: None, byline_blocks: Vec::new(), head_blocks: Vec::new(),
                body: Vec::new(), caption_since: false }
    }

    /// Holds no block but the one it starts at (no headline, byline or body).
    fn is_empty(&self) -> bool {
        self.heads.is_empty() && self.head_blocks.is_empty() && self.byline.is_none() && self.byline_blocks.is_empty()
            && self.body.is_empty()
    }

    fn last(&self) -> usize {
        let body = self.body.iter().flat_map(|p| p.blocks.iter());
        self.head_blocks.iter().chain(&self.byline_blocks).chain(body).copied().fold(self.first, usize::max)
    }
}

/// Text assembled from slices of the page, with the map back to it (code points, as `MappedText`).
#[derive(Clone, Debug, PartialEq)]
pub struct Mapped {
    pub text: String,
    /// (offset in `text`, start, end in the page), code points
    pub pieces: Vec<(usize, usize, usize)>,
    len: usize,
}

impl Mapped {
    /// `MappedText.source_span` (the shared map, `crate::pieces`).
    fn source_span(&self, i: usize, j: usize) -> (usize, usize) {
        let pieces: Vec<(i64, i64, i64)> = self.pieces.iter().map(|&(o, s, e)| (o as i64, s as i64, e as i64)).collect();
        let (s, e) = PieceMap { pieces: &pieces, len: self.len as i64 }.source_span(i as i64, j as i64);
        (s as usize, e as usize)
    }
}

pub struct Headline {
    pub role: &'static str,
    pub level: u32,
    pub source: Mapped,
}

pub struct Paragraph {
    pub source: Mapped,
    pub section: bool,
    pub level: u32,
}

pub enum BylineSource {
    Mapped(Mapped),
    /// a caption's credit: the caption's own text is the source
    FirstParagraph,
}

pub struct Byline {
    pub text: String,
    pub credits: Vec<(String, Option<String>)>,
    pub source: BylineSource,
}

/// One finished record; offsets are code points, lines 1-based.
pub struct Record {
    /// the line of the record's first own block (its id)
    pub id_line: i64,
    pub kind: Kind,
    pub line_start: i64,
    pub line_end: i64,
    pub headlines: Vec<Headline>,
    pub byline: Option<Byline>,
    pub dateline: Option<Dateline>,
    pub body: Vec<Paragraph>,
    pub continued: bool,
    pub joins: Vec<Join>,
    pub blocks: Vec<usize>,
}

/// A tagged page: its text, its blocks (byte ranges) and the tagger's labels.
pub struct Page<'a> {
    pub text: &'a str,
    pub blocks: &'a [Block<'a>],
    /// byte start of each block in `text`
    pub starts: &'a [usize],
    pub labels: &'a [usize],
    /// byte offset of every code point (and of the end)
    pub byte_at: &'a [usize],
    /// byte offsets of the line ends
    pub newlines: &'a [usize],
}

impl<'a> Page<'a> {
    fn start(&self, k: usize) -> usize {
        self.starts[k]
    }

    fn end(&self, k: usize) -> usize {
        self.starts[k] + self.blocks[k].text.len()
    }

    /// Code-point offset of a byte offset.
    fn cp(&self, b: usize) -> usize {
        self.byte_at.partition_point(|&x| x < b)
    }

    /// `Document.line_of`.
    fn line_of(&self, b: usize) -> i64 {
        self.newlines.partition_point(|&x| x < b) as i64 + 1
    }

    fn slice(&self, s: Slice) -> &'a str {
        &self.text[s.0..s.1]
    }

    /// `blocks.line_slices`: the block's non-blank lines, each trimmed of white space.
    fn line_slices(&self, k: usize) -> Vec<Slice> {
        let mut out = Vec::new();
        let mut pos = self.start(k);
        for line in self.blocks[k].text.split('\n') {
            let body = line.trim_start_matches(LINE_WS);
            let start = pos + line.len() - body.len();
            let body = body.trim_end_matches(LINE_WS);
            if !body.is_empty() {
                out.push((start, start + body.len()));
            }
            pos += line.len() + 1;
        }
        out
    }

    fn joined(&self, slices: &[Slice]) -> String {
        slices.iter().map(|&s| self.slice(s)).collect()
    }

    fn mapped(&self, slices: &[Slice], sep: &str) -> Mapped {
        let mut text = String::new();
        let mut pieces = Vec::with_capacity(slices.len());
        let mut offset = 0;
        for (k, &s) in slices.iter().enumerate() {
            if k > 0 && !sep.is_empty() {
                text.push_str(sep);
                offset += char_len(sep);
            }
            let part = self.slice(s);
            text.push_str(part);
            let (a, b) = (self.cp(s.0), self.cp(s.1));
            pieces.push((offset, a, b));
            offset += b - a;
        }
        Mapped { text, pieces, len: offset }
    }
}

/// Everything records are built with: the shape rules' patterns and the date patterns.
pub struct Builder<'c> {
    pub cues: &'c Cues,
    pub dates: &'c Dates,
}

impl Builder<'_> {
    fn is_kicker(&self, text: &str) -> bool {
        self.cues.is_kicker_text(text)
    }

    /// `heads.head_items`: the headline lines of one block; a leading location/kicker line splits off, a
    /// `——` subhead line starts an item of its own, the rest is one item.
    fn head_items(&self, page: &Page, k: usize) -> Vec<HeadItem> {
        let mut slices = page.line_slices(k);
        if slices.is_empty() {
            return Vec::new();
        }
        let mut level = 0;
        let (s, e) = slices[0];
        if let Some(c) = self.cues.md_heading.captures(page.slice((s, e))) {
            let m = c.get(0).expect("match");
            if m.end() < e - s {
                level = c.get(1).map_or(0, |g| g.len()) as u32;
                slices[0] = (s + m.end(), e);
            }
        }
        let texts: Vec<&str> = slices.iter().map(|&s| page.slice(s)).collect();
        let mut items = Vec::new();
        let mut start = 0;
        for k in 1..=slices.len() {
            if k == slices.len() || texts[k].starts_with("——") || (k == 1 && self.is_kicker(texts[0])) {
                items.push(HeadItem { slices: slices[start..k].to_vec(), text: texts[start..k].concat(),
                                      level: if start == 0 { level } else { 0 } });
                start = k;
            }
        }
        items
    }

    /// `heads.assign_roles`: kickers end in `——`/`：` or are places; the main follows the last kicker; what
    /// comes before it unmarked is a column label; what comes after is a subhead.
    fn assign_roles(&self, items: &[HeadItem]) -> Vec<Head> {
        if items.is_empty() {
            return Vec::new();
        }
        let kickers: Vec<usize> = (0..items.len() - 1).filter(|&k| self.is_kicker(&items[k].text)).collect();
        let main = kickers.last().map_or(0, |k| k + 1);
        let subhead = |it: &HeadItem| it.text.starts_with("——");
        let mut merged = vec![&items[main]];
        if kickers.is_empty() && items.len() >= 3 && char_len(&items[main].text) <= SHORT_MAIN && items[main].level == 0
            && !subhead(&items[main + 1]) && items[main + 1].level == items[main].level
        {
            merged.push(&items[main + 1]);
        }
        let mut before: Vec<Vec<&HeadItem>> = Vec::new();
        for it in &items[..main] {
            match before.last_mut() {
                // a `——` line continues the column label before it, unless it is a markdown heading of its
                // own: one group keeps one level, and its marker must come back (losslessness)
                Some(group) if subhead(it) && it.level == 0 && !self.is_kicker(&group[group.len() - 1].text) => {
                    group.push(it)
                }
                _ => before.push(vec![it]),
            }
        }
        let head = |role, group: &[&HeadItem]| Head {
            role, slices: group.iter().flat_map(|it| it.slices.iter().copied()).collect(), level: group[0].level,
        };
        let mut out: Vec<Head> = before
            .iter()
            .map(|g| head(if self.is_kicker(&g[g.len() - 1].text) { "kicker" } else { "column" }, g))
            .collect();
        out.push(head("main", &merged));
        for it in &items[main + merged.len()..] {
            out.push(head("subhead", &[it]));
        }
        out
    }

    fn column_headline(&self, page: &Page, k: usize) -> Head {
        let items = self.head_items(page, k);
        Head { role: "column", slices: items.iter().flat_map(|it| it.slices.iter().copied()).collect(),
               level: items.first().map_or(0, |it| it.level) }
    }

    /// Records from the tagger's labels: a `head` opens an article with its stack, the byline after it is
    /// its byline, paragraphs (and `join`ed parts) its body; a 电头 paragraph the tagger calls `byline` opens
    /// a news item of its own (one it calls `body` stays in the article); captions become records of their own.
    fn group(&self, page: &Page) -> Vec<Draft> {
        let labels = page.labels;
        let blocks = page.blocks;
        let n = blocks.len();
        let mut drafts: Vec<Draft> = Vec::new();
        let mut cur: Option<usize> = None; // index into drafts
        let mut i = 0;
        while i < n {
            let (info, label) = (blocks[i].info, labels[i]);
            if label == CAPTION {
                let mut cap = Draft::new(i);
                cap.kind = Some(Kind::Caption);
                cap.body.push(Para::closed(page.line_slices(i), vec![i]));
                drafts.push(cap);
                if let Some(c) = cur {
                    drafts[c].caption_since = true;
                }
                i += 1;
                continue;
            }
            if label == HEAD {
                let mut j = i + 1;
                while j < n && labels[j] == HEAD_MORE {
                    j += 1;
                }
                drafts.push(Draft::new(i));
                let c = drafts.len() - 1;
                cur = Some(c);
                let has_byline = j < n && (labels[j] == BYLINE || blocks[j].info.byline_start);
                self.set_heads(page, &mut drafts[c], i, j, has_byline);
                if has_byline {
                    j = self.take_byline(page, &mut drafts[c], j);
                    j = self.take_column(page, &mut drafts[c], j);
                }
                i = j;
                continue;
            }
            let wire = info.byline_start || info.broken_byline;
            if label == BYLINE || wire {
                let opened = cur.map(|c| &drafts[c]);
                let head_only = opened.is_some_and(|d| !d.heads.is_empty() && d.byline.is_none() && d.body.is_empty());
                // A headline and its byline line with no paragraph yet: the 电头 paragraph that follows is
                // the article's lead, not a news item of its own.
                let lead_of_opened =
                    wire && opened.is_some_and(|d| !d.heads.is_empty() && d.byline.is_some() && d.body.is_empty());
                if head_only {
                    let d = &mut drafts[cur.expect("opened")];
                    let j = self.take_byline(page, d, i);
                    i = self.take_column(page, d, j);
                } else if lead_of_opened || (wire && label == BODY && cur.is_some()) {
                    // (or a dated paragraph the tagger keeps in the article: wire reports under one head)
                    add_body(page, &mut drafts[cur.expect("opened")], i, false);
                    i += 1;
                } else if let Some(c) = cur.filter(|_| !wire) {
                    drafts[c].body.push(Para::closed(page.line_slices(i), vec![i])); // a stray credit line
                    i += 1;
                } else {
                    drafts.push(Draft::new(i)); // a news item with no headline printed
                    let c = drafts.len() - 1;
                    cur = Some(c);
                    i = self.take_byline(page, &mut drafts[c], i);
                }
                continue;
            }
            let c = match cur {
                Some(c) => c,
                None => {
                    drafts.push(Draft::new(i)); // text before any headline: the tail of an article elsewhere
                    cur = Some(drafts.len() - 1);
                    drafts.len() - 1
                }
            };
            let d = &mut drafts[c];
            if label == CLOSING {
                d.body.push(Para::closed(vec![(page.start(i), page.end(i))], vec![i]));
            } else if label == SECTION || label == HEAD_MORE {
                let items = self.head_items(page, i);
                let mut p = Para::closed(items.iter().flat_map(|it| it.slices.iter().copied()).collect(), vec![i]);
                p.section = true;
                p.level = items.first().map_or(0, |it| it.level);
                d.body.push(p);
                d.caption_since = false;
            } else {
                add_body(page, d, i, label == JOIN);
            }
            i += 1;
        }
        drafts
    }

    fn set_heads(&self, page: &Page, d: &mut Draft, from: usize, to: usize, has_byline: bool) {
        d.head_blocks.extend(from..to);
        let head_to = if !has_byline && to - from > MAX_HEAD_STACK { from + 1 } else { to };
        let items: Vec<HeadItem> = (from..head_to).flat_map(|k| self.head_items(page, k)).collect();
        d.heads.extend(self.assign_roles(&items));
        for k in head_to..to {
            d.body.push(Para::closed(page.line_slices(k), vec![k]));
        }
    }

    /// Attach the byline at block `j`; returns the index of the next unconsumed block.
    fn take_byline(&self, page: &Page, d: &mut Draft, j: usize) -> usize {
        let info = page.blocks[j].info;
        let (start, end) = (page.start(j), page.end(j));
        if info.broken_byline && j + 1 < page.blocks.len() {
            if let Some(close) = self.cues.close_prefix.find(page.blocks[j + 1].text) {
                let next = page.start(j + 1);
                // The break stood between two names: join with a space so credits stay apart.
                d.byline = Some((vec![(start, end), (next, next + close.end())], " "));
                d.byline_blocks.extend([j, j + 1]);
                add_body_slice(page, d, next + close.end(), page.end(j + 1), j + 1);
                if let Some(p) = d.body.first_mut() {
                    p.joins.push(Join { before_line: page.blocks[j].line_end, after_line: page.blocks[j + 1].line_start,
                                        reason: "byline" });
                }
                return j + 2;
            }
        }
        if info.shape == Shape::Byline && !info.broken_byline {
            d.byline = Some((vec![(start, end)], ""));
            d.byline_blocks.push(j);
            return j + 1;
        }
        if let Some(m) = self.cues.byline_prefix.find(page.blocks[j].text) {
            let cut = start + m.end();
            d.byline = Some((vec![(start, cut)], ""));
            d.byline_blocks.push(j);
            add_body_slice(page, d, cut, end, j);
            return j + 1;
        }
        d.byline = Some((vec![(start, end)], "")); // a bare name (``津文``)
        d.byline_blocks.push(j);
        j + 1
    }

    /// A column label printed under the byline (`一线抗疫群英谱`), before the body.
    fn take_column(&self, page: &Page, d: &mut Draft, j: usize) -> usize {
        if j < page.blocks.len() && page.labels[j] == HEAD_MORE {
            d.heads.push(self.column_headline(page, j));
            d.head_blocks.push(j);
            return j + 1;
        }
        j
    }

    /// Undo a layout that printed a section of one article inside another (002:63–85).
    ///
    /// The shape: in article A a paragraph stops mid-sentence right before a section title, and that
    /// section's only paragraph also stops mid-sentence (so reflow glued it to A's next paragraph); later,
    /// article B opens, right under its byline, with a short tail that starts no sentence of its own. The
    /// section belongs to B: its paragraph continues in B's tail, and A's cut paragraph continues where the
    /// glued one went on.
    fn untangle_interleaved(&self, page: &Page, drafts: &mut [Draft]) {
        for b_index in 0..drafts.len() {
            let (earlier, rest) = drafts.split_at_mut(b_index);
            let b = &mut rest[0];
            let Some(tail_para) = b.body.first() else { continue };
            if b.byline_blocks.is_empty() || tail_para.section || !tail_para.joins.is_empty() {
                continue;
            }
            let s = tail_para.slices[0];
            if char_len(page.slice(s)) > ORPHAN_MAX || !self.cues.ends_paragraph(page.slice(s)) {
                continue;
            }
            for a in earlier.iter_mut().rev() {
                let Some(k) = self.inserted_section(page, a) else { continue };
                let glued = a.body[k + 1].clone();
                let blocks = page.blocks;
                if glued.blocks.len() < 2 {
                    continue; // (the glued paragraph was joined across two blocks)
                }
                let tail_para = b.body[0].clone();
                let cut = &mut a.body[k - 1];
                // A's cut paragraph goes on where the glued one went on; the section and its first block move to B.
                cut.joins.push(Join { before_line: blocks[cut.blocks[cut.blocks.len() - 1]].line_end,
                                      after_line: blocks[glued.blocks[1]].line_start, reason: "interleaved" });
                cut.joins.extend(glued.joins[1.min(glued.joins.len())..].iter().cloned());
                cut.slices.extend(&glued.slices[1..]);
                cut.blocks.extend(&glued.blocks[1..]);
                let mut moved = Para::new([&glued.slices[..1], &tail_para.slices[..]].concat(),
                                          [&glued.blocks[..1], &tail_para.blocks[..]].concat());
                moved.joins.push(Join { before_line: blocks[glued.blocks[0]].line_end,
                                        after_line: blocks[tail_para.blocks[0]].line_start, reason: "interleaved" });
                let section = a.body[k].clone();
                a.body.drain(k..k + 2);
                b.body.splice(0..1, [section, moved]);
                break;
            }
        }
    }

    /// Index of a section title in `a` between a cut paragraph and a glued one.
    fn inserted_section(&self, page: &Page, a: &Draft) -> Option<usize> {
        (1..a.body.len().saturating_sub(1)).find(|&k| {
            let (cut, section, glued) = (&a.body[k - 1], &a.body[k], &a.body[k + 1]);
            if !section.section || cut.section || glued.section || glued.slices.len() < 2 {
                return false;
            }
            !self.cues.ends_paragraph(page.slice(cut.slices[cut.slices.len() - 1]))
                && !self.cues.ends_paragraph(page.slice(glued.slices[0]))
        })
    }

    /// An ad page as advertisement records, one per markdown-headed ad (003:63–150 holds four); else `[d]`.
    fn ads(&self, page: &Page, mut d: Draft) -> Vec<Draft> {
        if d.kind.is_some() || d.byline.is_some()
            || !self.cues.looks_like_ad(&page.text[page.start(d.first)..page.end(d.last())])
        {
            return vec![d];
        }
        // Ads are laid out, not written: a line ending in a phone number is not a sentence cut by a break.
        d.kind = Some(Kind::Advertisement);
        let body: Vec<Para> = std::mem::take(&mut d.body).into_iter().flat_map(unjoin).collect();
        let mut parts = vec![d];
        for p in body {
            if p.section && p.level > 0 {
                let mut next = Draft::new(p.blocks[0]);
                next.kind = Some(Kind::Advertisement);
                next.head_blocks = p.blocks.clone();
                let roles = self.assign_roles(&self.head_items(page, p.blocks[0]));
                next.heads.extend(roles.into_iter().last());
                parts.push(next);
            } else {
                parts.last_mut().expect("one part").body.push(p);
            }
        }
        // An ad whose first block is one of its headings leaves the opening part with nothing of its own:
        // it would claim that block beside the part the heading opens (a block in two records).
        if parts.len() > 1 && parts[0].is_empty() && parts[1].first == parts[0].first {
            parts.remove(0);
        }
        parts
    }

    /// The page's records in order of their first line, and the year it names as current.
    pub fn records(&self, page: &Page) -> (Vec<Record>, Option<i64>) {
        let mut drafts = self.group(page);
        self.untangle_interleaved(page, &mut drafts);
        let mut drafts: Vec<Draft> = drafts.into_iter().flat_map(|d| self.ads(page, d)).collect();
        drafts.sort_by_key(|d| d.first);
        let year = self.dates.infer_year(page.text);
        (drafts.iter().map(|d| self.finish(page, d, year)).collect(), year)
    }

    fn finish(&self, page: &Page, d: &Draft, year: Option<i64>) -> Record {
        let body: Vec<Paragraph> = d.body.iter()
            .map(|p| Paragraph { source: page.mapped(&p.slices, ""), section: p.section, level: p.level })
            .collect();
        let mut byline = d.byline.as_ref().map(|(slices, sep)| {
            let source = page.mapped(slices, sep);
            let text = source.text.replace('\n', "");
            Byline { credits: self.parse_credits(&text), text, source: BylineSource::Mapped(source) }
        });
        let mut owned: Vec<usize> = d.head_blocks.iter().chain(&d.byline_blocks)
            .chain(d.body.iter().flat_map(|p| p.blocks.iter())).copied().chain([d.first]).collect();
        owned.sort_unstable();
        owned.dedup();
        let kind = d.kind.unwrap_or_else(|| self.decide_kind(page, d, &body, byline.is_some()));
        if kind == Kind::Caption {
            if let Some(credit) = body.first().and_then(|p| self.caption_credit(&p.source.text)) {
                byline = Some(Byline { credits: self.parse_credits(&credit), text: credit,
                                       source: BylineSource::FirstParagraph });
            }
        }
        let dateline = if kind == Kind::Article { self.dateline(d, page, &body, year) } else { None };
        let last_text = body.iter().rev().find(|p| !p.section).map_or("", |p| p.source.text.as_str());
        let continued = !last_text.is_empty() && kind != Kind::Caption
            && (self.cues.continued_mark.is_match(last_text)
                || (matches!(kind, Kind::Article | Kind::Fragment) && !self.cues.ends_paragraph(last_text)));
        let headlines = d.heads.iter()
            .map(|h| Headline { role: h.role, level: h.level, source: page.mapped(&h.slices, "") })
            .collect();
        Record {
            id_line: page.blocks[d.first].line_start,
            kind,
            line_start: page.blocks[owned[0]].line_start,
            line_end: page.blocks[owned[owned.len() - 1]].line_end,
            headlines,
            byline,
            dateline,
            body,
            continued,
            joins: d.body.iter().flat_map(|p| p.joins.iter().cloned()).collect(),
            blocks: owned,
        }
    }

    fn decide_kind(&self, page: &Page, d: &Draft, body: &[Paragraph], has_byline: bool) -> Kind {
        if d.heads.is_empty() && !has_byline {
            return Kind::Fragment;
        }
        if has_byline {
            return Kind::Article;
        }
        let running = body.iter().any(|p| !p.section && char_len(&p.source.text) >= 40 && self.cues.ends_paragraph(&p.source.text));
        if !running || d.heads.iter().any(|h| self.cues.is_notice_head(&page.joined(&h.slices))) {
            return Kind::Notice;
        }
        Kind::Article
    }

    /// The photo credit closing a caption (`■通讯员 何社成 摄`), at most 30 characters.
    fn caption_credit(&self, text: &str) -> Option<String> {
        let m = self.cues.credit_tail.find(tail(text, 40))?; // the credit closes the caption: linear
        let credit = strip(m.as_str());
        (char_len(credit) <= 30).then(|| credit.to_string())
    }

    /// The 电头's date (`新华社北京3月18日电`), else the lead paragraph's (or a diary head's before it).
    fn dateline(&self, d: &Draft, page: &Page, body: &[Paragraph], year: Option<i64>) -> Option<Dateline> {
        if let Some((slices, sep)) = &d.byline {
            if let Some(found) = self.located(&page.mapped(slices, sep), year) {
                return Some(found);
            }
        }
        for p in body {
            let found = self.located(&p.source, year);
            if found.is_some() || !p.section {
                return found; // only the lead paragraph (and a diary head before it) carries the dateline
            }
        }
        None
    }

    fn located(&self, mapped: &Mapped, year: Option<i64>) -> Option<Dateline> {
        let mut found = self.dates.find_dateline(&mapped.text, year)?;
        (found.start, found.end) = mapped.source_span(found.start, found.end); // text offsets -> page offsets
        Some(found)
    }

    /// `bylines.parse_credits`: names and roles of a byline. A name before any role word gets role None.
    pub fn parse_credits(&self, byline: &str) -> Vec<(String, Option<String>)> {
        let body = strip(strip(byline).trim_start_matches('■'));
        let body = match self.cues.byline_prefix.captures(body) {
            Some(c) => c.name("credits").map_or("", |m| m.as_str()),
            None => body,
        };
        if let Some(title) = self.title_credit(body) {
            return title;
        }
        let mut credits: Vec<(String, Option<String>)> = Vec::new();
        let mut role: Option<&str> = None;
        // ``文/X Y 供图/ORG``: a slash binds a role to what follows it, so split on it after the role.
        let spaced = body.replace('／', "/").replace('/', " / ");
        for token in self.cues.credit_split.split(&spaced) {
            if token.is_empty() || token == "/" {
                continue;
            }
            let mut token = token;
            if let Some(r) = self.role_start(token) {
                role = Some(r);
                token = token[r.len()..].trim_start_matches([':', '：']);
                if token.is_empty() {
                    continue;
                }
            }
            if token.ends_with('摄') && char_len(token) > 2 {
                credits.push((token[..token.len() - '摄'.len_utf8()].to_string(), Some(role.unwrap_or("摄").to_string())));
                continue;
            }
            if token == "摄" {
                if let Some(last) = credits.last_mut() {
                    last.1.get_or_insert_with(|| "摄".to_string());
                }
                continue;
            }
            credits.push((token.to_string(), role.map(str::to_string)));
        }
        credits
    }

    /// `bylines._ROLE_START`: the first role word (longest first) the token opens with, when what follows
    /// it is a slash, a colon, white space, a Han character or nothing.
    fn role_start<'t>(&self, token: &'t str) -> Option<&'t str> {
        self.cues.roles.iter().find_map(|r| {
            let rest = token.strip_prefix(r.as_str())?;
            let ok = match rest.chars().next() {
                None => true,
                Some(c) => "/／:：".contains(c) || py_isspace(c) || is_han(c),
            };
            ok.then(|| &token[..r.len()])
        })
    }

    /// `市纪委监委驻…主任 滕思`: a long title then a name — the title is the role.
    fn title_credit(&self, body: &str) -> Option<Vec<(String, Option<String>)>> {
        let c = self.cues.title_name.captures(body)?;
        let title = c.name("title")?.as_str();
        if self.role_start(title).is_some() && char_len(title) <= 6 {
            return None;
        }
        Some(vec![(c.name("name")?.as_str().to_string(), Some(title.to_string()))])
    }
}

/// `cjk.HAN`.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3007}')
}

fn add_body_slice(page: &Page, d: &mut Draft, start: usize, end: usize, block: usize) {
    let start = end - page.text[start..end].trim_start_matches(BODY_WS).len();
    if start < end {
        d.body.push(Para::new(vec![(start, end)], vec![block]));
    }
}

fn add_body(page: &Page, d: &mut Draft, k: usize, join: bool) {
    let slice = (page.start(k), page.end(k));
    match d.body.last_mut() {
        Some(prev) if join && !prev.closed => {
            let before_line = page.line_of(prev.slices[prev.slices.len() - 1].1 - 1);
            let reason = if d.caption_since { "across-caption" } else { "mid-sentence" };
            prev.slices.push(slice);
            prev.blocks.push(k);
            prev.joins.push(Join { before_line, after_line: page.blocks[k].line_start, reason });
        }
        _ => d.body.push(Para::new(vec![slice], vec![k])),
    }
    d.caption_since = false;
}

fn unjoin(p: Para) -> Vec<Para> {
    if p.joins.is_empty() {
        return vec![p];
    }
    p.slices.iter().zip(&p.blocks).map(|(&s, &k)| Para::closed(vec![s], vec![k])).collect()
}
