//! Balance: an opening bracket or guillemet that never closes within its paragraph, a closing
//! one that closes nothing, and a guillemet written the wrong way round ("d' »anti-terroriste »").

use crate::{
    diagnostic::Edit,
    document::Document,
    kinds::{CompileContext, Sink, quoted},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::{normalize::is_blank, tokenize::is_apostrophe},
};

/// A compiled balance rule.
#[derive(Debug)]
pub struct BalanceRule {
    pairs: Vec<(char, char)>,
    misoriented: bool,
    unpaired_severity: Option<crate::diagnostic::Severity>,
}

impl BalanceRule {
    /// Validates and compiles a `kind = "balance"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let written = spec
            .pairs
            .as_ref()
            .ok_or_else(|| ctx.missing(spec, "pairs"))?;
        let mut pairs = Vec::new();
        for [open, close] in written {
            let single = |s: &str| {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some(c),
                    _ => None,
                }
            };
            match (single(open), single(close)) {
                (Some(o), Some(c)) if o != c => pairs.push((o, c)),
                _ => {
                    return Err(ctx.error(
                        Some(spec.id.span()),
                        format!(
                            "pair [{open:?}, {close:?}] must be two different single characters"
                        ),
                    ));
                }
            }
        }
        Ok(BalanceRule {
            pairs,
            misoriented: spec.misoriented.unwrap_or(false),
            unpaired_severity: spec.unpaired_severity,
        })
    }

    /// Reports the unbalanced pairs of every paragraph of `doc`.
    pub fn check(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        let text = doc.text;
        // The bytes that may start a paired character. A line feed is weighed as the end of a
        // line only, even in a pair.
        let mut wanted = Vec::new();
        for &(open, close) in &self.pairs {
            let mut buffer = [0u8; 4];
            for c in [open, close].into_iter().filter(|&c| c != '\n') {
                let first = c.encode_utf8(&mut buffer).as_bytes()[0];
                if !wanted.contains(&first) {
                    wanted.push(first);
                }
            }
        }
        let mut stacks: Vec<Vec<usize>> = vec![Vec::new(); self.pairs.len()];
        let bytes = text.as_bytes();
        // Only the wanted bytes are looked at, found with vectorised byte searches. The end of
        // a paragraph matters only while a character is open: the line feeds before the next
        // wanted byte are searched for a blank line then only.
        let mut finder = ByteFinder::new(bytes, &wanted);
        let mut from = 0;
        loop {
            let next = finder.next(from);
            if stacks.iter().any(|stack| !stack.is_empty()) {
                let before = next.unwrap_or(bytes.len());
                let paragraph_ends = memchr::memchr_iter(b'\n', &bytes[from..before])
                    .any(|at| crate::text::lines::ends_paragraph(bytes, from + at));
                if paragraph_ends {
                    self.report_unclosed(meta, doc, &mut stacks, sink);
                }
            }
            let Some(pos) = next else { break };
            self.visit(meta, doc, pos, &mut stacks, sink);
            from = pos + 1;
        }
        self.report_unclosed(meta, doc, &mut stacks, sink);
    }

    /// Weighs the byte at `pos`, which may start one of the paired characters: pushes an opener,
    /// pops or reports a closer, and turns round a guillemet written the wrong way.
    fn visit(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        pos: usize,
        stacks: &mut [Vec<usize>],
        sink: &mut Sink,
    ) {
        let text = doc.text;
        if !text.is_char_boundary(pos) {
            return;
        }
        let c = text[pos..].chars().next().expect("a character starts here");
        let Some(pair) = self.pairs.iter().position(|&(o, cl)| c == o || c == cl) else {
            return;
        };
        if doc.is_protected(&(pos..pos + c.len_utf8())) {
            return;
        }
        let (open, close) = self.pairs[pair];
        let stack = &mut stacks[pair];
        if c == open {
            if self.misoriented && !stack.is_empty() && looks_like_closer(text, pos, c) {
                stack.pop();
                let fix = (
                    vec![Edit::new(pos..pos + c.len_utf8(), close.to_string())],
                    format!("Write {}", quoted(&close.to_string())),
                );
                let message = format!(
                    "{} here closes a quotation: the guillemet is the wrong way round",
                    quoted(&c.to_string())
                );
                sink.report(
                    meta,
                    pos..pos + c.len_utf8(),
                    meta.render_message(&message, "", ""),
                    Some(fix),
                    None,
                );
            } else {
                stack.push(pos);
            }
        } else if stack.pop().is_some() {
        } else if self.misoriented && looks_like_opener(text, pos) {
            stack.push(pos);
            let (edit, span) = reoriented_opener(text, pos, c, open);
            let fix = (
                vec![edit],
                format!("Write {}", quoted(&format!("{open}\u{a0}"))),
            );
            let message = format!(
                "{} here opens a quotation: the guillemet is the wrong way round",
                quoted(&c.to_string())
            );
            sink.report(
                meta,
                span,
                meta.render_message(&message, "", ""),
                Some(fix),
                None,
            );
        } else if !is_enumeration_or_smiley(text, pos) {
            let message = format!(
                "{} closes nothing opened before it in this paragraph",
                quoted(&c.to_string())
            );
            sink.report(
                meta,
                pos..pos + c.len_utf8(),
                meta.render_message(&message, "", ""),
                None,
                None,
            );
            sink.set_last_severity(self.unpaired_severity);
        }
    }

    fn report_unclosed(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        stacks: &mut [Vec<usize>],
        sink: &mut Sink,
    ) {
        for (pair, stack) in stacks.iter_mut().enumerate() {
            let (open, close) = self.pairs[pair];
            for pos in stack.drain(..) {
                if is_enumeration_or_smiley(doc.text, pos) {
                    continue;
                }
                let message = format!(
                    "{} is never closed by {} in this paragraph",
                    quoted(&open.to_string()),
                    quoted(&close.to_string())
                );
                sink.report(
                    meta,
                    pos..pos + open.len_utf8(),
                    meta.render_message(&message, "", ""),
                    None,
                    None,
                );
                sink.set_last_severity(self.unpaired_severity);
            }
        }
    }
}

/// Finds the next of a few bytes in a text: the bytes in groups of up to three, each searched
/// for with `memchr`, and the next occurrence of each group remembered.
struct ByteFinder<'t> {
    bytes: &'t [u8],
    /// Each group, and the offset of its next occurrence (`None` past the last one).
    groups: Vec<(Vec<u8>, Option<usize>)>,
}

impl<'t> ByteFinder<'t> {
    fn new(bytes: &'t [u8], wanted: &[u8]) -> ByteFinder<'t> {
        let groups = wanted
            .chunks(3)
            .map(|group| (group.to_vec(), find_any(bytes, group, 0)))
            .collect();
        ByteFinder { bytes, groups }
    }

    /// The offset of the first wanted byte at or after `from`.
    fn next(&mut self, from: usize) -> Option<usize> {
        let mut first: Option<usize> = None;
        for (group, next) in &mut self.groups {
            if next.is_some_and(|at| at < from) {
                *next = find_any(self.bytes, group, from);
            }
            first = match (first, *next) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        first
    }
}

/// The offset of the first of the (one to three) bytes of `group` in `bytes` at or after
/// `from`.
fn find_any(bytes: &[u8], group: &[u8], from: usize) -> Option<usize> {
    let haystack = &bytes[from..];
    match *group {
        [a] => memchr::memchr(a, haystack),
        [a, b] => memchr::memchr2(a, b, haystack),
        [a, b, c] => memchr::memchr3(a, b, c, haystack),
        _ => unreachable!("groups of one to three bytes"),
    }
    .map(|at| from + at)
}

/// Whether the closing character at `pos` stands where an opening one belongs: glued to the
/// word after it, after a blank or an elided particle.
fn looks_like_opener(text: &str, pos: usize) -> bool {
    let closing_len = text[pos..].chars().next().map_or(1, char::len_utf8);
    let next = text[pos + closing_len..].chars().next();
    let prev = text[..pos].chars().next_back();
    next.is_some_and(char::is_alphanumeric)
        && prev.is_none_or(|p| is_blank(p) || is_apostrophe(p) || p == '(')
}

/// Whether the opening character at `pos` stands where a closing one belongs: glued to the word
/// before it and followed by a blank, punctuation or the end.
fn looks_like_closer(text: &str, pos: usize, open: char) -> bool {
    let next = text[pos + open.len_utf8()..].chars().next();
    let prev = text[..pos].chars().next_back();
    prev.is_some_and(|p| p.is_alphanumeric() || ".!?…".contains(p))
        && next.is_none_or(|n| is_blank(n) || ".,;:!?)".contains(n))
}

/// The edit that turns a misoriented closing guillemet into an opening one, attaching it to an
/// elided particle before it ("d' »anti" → "d'« anti"), and the span to report.
fn reoriented_opener(
    text: &str,
    pos: usize,
    closing: char,
    open: char,
) -> (Edit, std::ops::Range<usize>) {
    let end = pos + closing.len_utf8();
    let blanks_before = text[..pos].len() - text[..pos].trim_end_matches(is_blank).len();
    let glued_to_elision = text[..pos - blanks_before]
        .chars()
        .next_back()
        .is_some_and(is_apostrophe);
    let start = if glued_to_elision {
        pos - blanks_before
    } else {
        pos
    };
    let span_start = if glued_to_elision {
        text[..start]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic() || is_apostrophe(*c))
            .last()
            .map_or(start, |(i, _)| i)
    } else {
        pos
    };
    (
        Edit::new(start..end, format!("{open}\u{a0}")),
        span_start..end,
    )
}

/// Whether a parenthesis at `pos` belongs to a list marker ("1)", "a)") or an emoticon (":)").
fn is_enumeration_or_smiley(text: &str, pos: usize) -> bool {
    let mut before = text[..pos].chars().rev().peekable();
    if before.peek().is_some_and(|&p| ":;=-".contains(p)) {
        return true;
    }
    // A marker of one to three letters or digits, with nothing but blanks before it on its
    // line: read backwards from the parenthesis, so that a long line costs nothing.
    let marker = before
        .by_ref()
        .take_while(|c| c.is_alphanumeric())
        .take(4)
        .count();
    if marker == 0 || marker > 3 {
        return false;
    }
    let stop = text[..pos]
        .chars()
        .rev()
        .skip(marker)
        .find(|&c| c != ' ' && c != '\t');
    matches!(stop, None | Some('\n' | '\r')) || is_inline_marker(text, pos)
}

/// How far from an inline list marker its neighbour is looked for, in bytes.
const MARKER_REACH: usize = 400;

/// Whether the parenthesis at `pos` closes an inline list marker ("il faut a) lire, b) écrire"):
/// one lowercase letter or a number of one or two digits after a blank, with the marker before
/// or after it in the sequence ("a)" and "b)", "1)" and "2)") nearby on the same line.
fn is_inline_marker(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    let start = bytes[..pos]
        .iter()
        .rposition(|b| !b.is_ascii_alphanumeric())
        .map_or(0, |at| at + 1);
    if start == 0 || !matches!(bytes[start - 1], b' ' | b'\t' | b':' | b',') {
        return false;
    }
    let marker = &text[start..pos];
    let neighbours: Vec<String> = if let Ok(n) = marker.parse::<u8>() {
        if marker.len() > 2 || marker.starts_with('0') {
            return false;
        }
        [n.checked_sub(1), n.checked_add(1)]
            .into_iter()
            .flatten()
            .filter(|&m| m > 0)
            .map(|m| m.to_string())
            .collect()
    } else if let [letter @ b'a'..=b'z'] = marker.as_bytes() {
        [letter.checked_sub(1), letter.checked_add(1)]
            .into_iter()
            .flatten()
            .filter(u8::is_ascii_lowercase)
            .map(|m| char::from(m).to_string())
            .collect()
    } else {
        return false;
    };
    let mut from = pos.saturating_sub(MARKER_REACH);
    let mut to = (pos + MARKER_REACH).min(text.len());
    while !text.is_char_boundary(from) {
        from += 1;
    }
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let line_start = text[from..pos].rfind('\n').map_or(from, |at| from + at + 1);
    let line_end = text[pos..to].find('\n').map_or(to, |at| pos + at);
    let line = &text[line_start..line_end];
    neighbours.iter().any(|m| {
        line.match_indices(&format!("{m})"))
            .any(|(at, _)| at > 0 && matches!(line.as_bytes()[at - 1], b' ' | b'\t' | b':' | b','))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opener_shapes() {
        let text = "d' »anti-terroriste »";
        assert!(looks_like_opener(text, text.find('»').unwrap()));
        assert!(!looks_like_opener(text, text.rfind('»').unwrap()));
        let (edit, span) = reoriented_opener(text, text.find('»').unwrap(), '»', '«');
        assert_eq!(&text[span], "d' »");
        let mut fixed = text.to_string();
        fixed.replace_range(edit.start..edit.end, &edit.replacement);
        assert_eq!(fixed, "d'«\u{a0}anti-terroriste »");
    }

    #[test]
    fn every_wanted_byte_is_found_in_order() {
        let text = b"a(b]\nc[d)e\n\n(";
        let mut finder = ByteFinder::new(text, b"\n()[]");
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = finder.next(from) {
            found.push(at);
            from = at + 1;
        }
        let expected: Vec<usize> = (0..text.len())
            .filter(|&at| b"\n()[]".contains(&text[at]))
            .collect();
        assert_eq!(found, expected);
        use crate::text::lines::ends_paragraph;
        assert!(ends_paragraph(b"x\n \t\r\ny", 1));
        assert!(!ends_paragraph(b"x\n  ", 1), "no line feed: the text ends");
        assert!(!ends_paragraph(b"x\n  y\n", 1));
    }

    /// [`BalanceRule::check`] as it was first written: every line feed weighed for the end of a
    /// paragraph, whether a character is open or not.
    fn check_at_every_line_feed(rule: &BalanceRule, meta: &RuleMeta, doc: &Document) -> Sink {
        let mut sink = Sink::default();
        let mut stacks: Vec<Vec<usize>> = vec![Vec::new(); rule.pairs.len()];
        let bytes = doc.text.as_bytes();
        for (pos, c) in doc.text.char_indices() {
            if c == '\n' {
                if crate::text::lines::ends_paragraph(bytes, pos) {
                    rule.report_unclosed(meta, doc, &mut stacks, &mut sink);
                }
            } else if rule
                .pairs
                .iter()
                .any(|&(open, close)| c == open || c == close)
            {
                rule.visit(meta, doc, pos, &mut stacks, &mut sink);
            }
        }
        rule.report_unclosed(meta, doc, &mut stacks, &mut sink);
        sink
    }

    #[test]
    fn line_feeds_are_weighed_only_while_a_character_is_open() {
        let rules: Vec<(&RuleMeta, &BalanceRule)> =
            crate::rules::builtin_rules_where(|rule| match &rule.kind {
                crate::kinds::CompiledKind::Balance(balance) => Some((&*rule.meta, balance)),
                _ => None,
            });
        assert_eq!(rules.len(), 2, "brackets and guillemets");
        // A pack may pair a line feed: it still only ends lines.
        let with_line_feed = BalanceRule {
            pairs: vec![('\n', ')'), ('«', '»')],
            misoriented: false,
            unpaired_severity: None,
        };
        let mut rules = rules;
        rules.push((rules[0].0, &with_line_feed));
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        let pieces = [
            "(", ")", "[", "]", "«", "»", "\u{a0}", "\n", "\n\n", "\n \r\n", " ", "a", "d'", "1",
        ];
        texts.extend(crate::fixture_texts::random_texts(
            11,
            &pieces,
            5000,
            1..31,
            "",
        ));
        let mut reported = 0;
        for text in &texts {
            let doc = Document::new(text, crate::formats::Format::Text);
            for (meta, rule) in &rules {
                let mut sink = Sink::default();
                rule.check(meta, &doc, &mut sink);
                let expected = check_at_every_line_feed(rule, meta, &doc);
                assert_eq!(
                    format!("{:?}", sink.diagnostics),
                    format!("{:?}", expected.diagnostics),
                    "{text:?}"
                );
                reported += sink.diagnostics.len();
            }
        }
        assert!(reported > 1000, "{reported} diagnostics");
    }

    #[test]
    fn list_markers() {
        assert!(is_enumeration_or_smiley("intro\n1) un", 7));
        assert!(is_enumeration_or_smiley("ok :)", 4));
        assert!(!is_enumeration_or_smiley("le texte)", 8));
        let inline = "Il faut a) lire, b) écrire.";
        assert!(is_enumeration_or_smiley(inline, inline.find(')').unwrap()));
        assert!(is_enumeration_or_smiley(inline, inline.rfind(')').unwrap()));
        let numbers = "deux étapes : 1) lire et 2) écrire";
        assert!(is_enumeration_or_smiley(
            numbers,
            numbers.find(')').unwrap()
        ));
        // A lone short word before a stray parenthesis is no list.
        let stray = "le chapitre a) est fini";
        assert!(!is_enumeration_or_smiley(stray, stray.find(')').unwrap()));
        let far = "a) lire".to_string() + &" mot".repeat(200) + " b) écrire";
        assert!(!is_enumeration_or_smiley(&far, far.rfind(')').unwrap()));
    }
}
