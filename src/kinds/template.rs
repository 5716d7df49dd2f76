//! Replacement templates (`$1`, `$name`, `${name}`, `$$`) parsed once, and expanded straight into
//! the smallest edits: text copied from a capture group stays untouched, only the text between
//! copied groups is replaced. `${name+N}` writes the number a group holds plus N (a 12-hour
//! time to the 24-hour clock: `${h+12}`).

use crate::{diagnostic::Edit, kinds::edits::minimal_edits};
use regex::Captures;
use std::ops::Range;

/// A group of a match: where it starts in the text, and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'h> {
    /// The byte offset of its start in the text.
    pub start: usize,
    /// Its text.
    pub text: &'h str,
}

impl<'h> Group<'h> {
    /// The byte offset just past its end.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Its byte range in the text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end()
    }
}

/// The groups of one match, whichever engine found them: what templates are expanded with.
pub trait MatchGroups<'h> {
    /// The group numbered `index` (0 for the whole match), when it took part in the match.
    fn group(&self, index: usize) -> Option<Group<'h>>;

    /// The group named `name`, when it took part in the match.
    fn named(&self, name: &str) -> Option<Group<'h>>;
}

impl<'h> MatchGroups<'h> for Captures<'h> {
    fn group(&self, index: usize) -> Option<Group<'h>> {
        self.get(index).map(|m| Group {
            start: m.start(),
            text: m.as_str(),
        })
    }

    fn named(&self, name: &str) -> Option<Group<'h>> {
        self.name(name).map(|m| Group {
            start: m.start(),
            text: m.as_str(),
        })
    }
}

/// The groups a capturing engine of `regex_automata` found in `haystack`.
pub struct AutomataGroups<'c, 'h> {
    /// The groups found.
    pub captures: &'c regex_automata::util::captures::Captures,
    /// The text they were found in.
    pub haystack: &'h str,
}

impl<'h> AutomataGroups<'_, 'h> {
    fn of_span(&self, span: Option<regex_automata::Span>) -> Option<Group<'h>> {
        span.map(|span| Group {
            start: span.start,
            text: &self.haystack[span.range()],
        })
    }
}

impl<'h> MatchGroups<'h> for AutomataGroups<'_, 'h> {
    fn group(&self, index: usize) -> Option<Group<'h>> {
        self.of_span(self.captures.get_group(index))
    }

    fn named(&self, name: &str) -> Option<Group<'h>> {
        self.of_span(self.captures.get_group_by_name(name))
    }
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Text written as is.
    Literal(String),
    /// A capture group, by number.
    Index(usize),
    /// A capture group, by name.
    Name(String),
    /// The number a named group holds, plus an offset.
    Shifted(String, u64),
}

impl Piece {
    /// The text of a `Shifted` piece for a group's text (empty when it is not a number).
    fn shift(text: &str, offset: u64) -> String {
        text.parse::<u64>()
            .map(|n| (n + offset).to_string())
            .unwrap_or_default()
    }
}

/// A parsed replacement template.
#[derive(Debug, Clone)]
pub struct Template {
    pieces: Vec<Piece>,
    /// The bytes of its literal pieces.
    literal_len: usize,
}

impl Template {
    /// Parses a template with the syntax of `regex::Captures::expand`.
    pub fn parse(template: &str) -> Template {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = template;
        while let Some(at) = rest.find('$') {
            literal.push_str(&rest[..at]);
            rest = &rest[at + 1..];
            if let Some(after) = rest.strip_prefix('$') {
                literal.push('$');
                rest = after;
                continue;
            }
            let (name, after) = if let Some(braced) = rest.strip_prefix('{') {
                match braced.find('}') {
                    Some(end) => (&braced[..end], &braced[end + 1..]),
                    None => ("", rest),
                }
            } else {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            };
            if name.is_empty() {
                literal.push('$');
                continue;
            }
            if !literal.is_empty() {
                pieces.push(Piece::Literal(std::mem::take(&mut literal)));
            }
            let shifted = name
                .split_once('+')
                .and_then(|(group, n)| Some((group, n.parse::<u64>().ok()?)));
            pieces.push(match (shifted, name.parse::<usize>()) {
                (Some((group, offset)), _) => Piece::Shifted(group.to_string(), offset),
                (None, Ok(index)) => Piece::Index(index),
                (None, Err(_)) => Piece::Name(name.to_string()),
            });
            rest = after;
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        let literal_len = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Literal(text) => text.len(),
                _ => 0,
            })
            .sum();
        Template {
            pieces,
            literal_len,
        }
    }

    /// Why the template cannot be expanded with the groups of `groups` (a pattern's expression
    /// and its `preceded-by` test): it names a group that none of them has (which would
    /// expand to nothing and delete text).
    pub fn missing_group(&self, groups: &[&Groups]) -> Option<String> {
        let len = groups.iter().map(|g| g.len).max().unwrap_or(1);
        let named = |name: &str| groups.iter().any(|g| g.names.iter().any(|n| n == name));
        self.pieces.iter().find_map(|piece| match piece {
            Piece::Index(i) if *i >= len => Some(format!(
                "replace: `${i}` names group {i}, but the expression has {} group{}",
                len - 1,
                if len == 2 { "" } else { "s" }
            )),
            Piece::Name(name) | Piece::Shifted(name, _) if !named(name) => {
                let hint = match name.find(|c: char| !c.is_ascii_digit()) {
                    Some(at) if at > 0 => format!(
                        " (`${name}` reads as the group named `{name}`; write `${{{}}}{}`)",
                        &name[..at],
                        &name[at..]
                    ),
                    _ => String::new(),
                };
                Some(format!(
                    "replace: the expression has no group named `{name}`{hint}"
                ))
            }
            _ => None,
        })
    }

    /// The text the template spells with the groups of several matches (a group is taken from
    /// the first match it took part in): the groups of a pattern's match and of its
    /// `preceded-by` test.
    pub fn expand_from<'h>(&self, groups: &[&dyn MatchGroups<'h>]) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Index(i) => out.push_str(
                    groups
                        .iter()
                        .find_map(|caps| caps.group(*i))
                        .map_or("", |m| m.text),
                ),
                Piece::Name(n) => out.push_str(
                    groups
                        .iter()
                        .find_map(|caps| caps.named(n))
                        .map_or("", |m| m.text),
                ),
                Piece::Shifted(n, offset) => out.push_str(&Piece::shift(
                    groups
                        .iter()
                        .find_map(|caps| caps.named(n))
                        .map_or("", |m| m.text),
                    *offset,
                )),
            }
        }
        out
    }

    /// The whole replacement text for `caps`.
    pub fn expand<'h>(&self, caps: &impl MatchGroups<'h>) -> String {
        self.expand_with(caps, &GroupIndices::default())
    }

    /// The edits that turn the match of `caps` into its expansion. When the template copies
    /// groups in the order they appear in the match, the copied text is kept and only the gaps
    /// between groups change; otherwise the edits come from a character diff.
    pub fn edits<'h>(&self, caps: &impl MatchGroups<'h>) -> Vec<Edit> {
        self.edits_with(caps, &GroupIndices::default())
    }

    /// The numbers, in `regex`, of the groups the pieces of the template name: what
    /// [`Template::expand_with`] and [`Template::edits_with`] find the groups of a match of
    /// `regex` by, without looking their names up in each match.
    pub fn indices_in(&self, regex: &regex::Regex) -> GroupIndices {
        let number = |name: &str| regex.capture_names().position(|n| n == Some(name));
        GroupIndices(Some(
            self.pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Name(name) | Piece::Shifted(name, _) => number(name),
                    Piece::Index(i) => Some(*i),
                    Piece::Literal(_) => None,
                })
                .collect(),
        ))
    }

    /// The group of `caps` that piece `at` (a group piece) stands for.
    fn group<'h>(
        &self,
        caps: &impl MatchGroups<'h>,
        indices: &GroupIndices,
        at: usize,
    ) -> Option<Group<'h>> {
        if let Some(numbers) = &indices.0 {
            return numbers[at].and_then(|i| caps.group(i));
        }
        match &self.pieces[at] {
            Piece::Index(i) => caps.group(*i),
            Piece::Name(name) | Piece::Shifted(name, _) => caps.named(name),
            Piece::Literal(_) => None,
        }
    }

    /// [`Template::expand`], the groups found by their numbers in `indices` when known.
    pub fn expand_with<'h>(&self, caps: &impl MatchGroups<'h>, indices: &GroupIndices) -> String {
        let whole = caps.group(0).map_or(0, |m| m.text.len());
        let mut out = String::with_capacity(self.literal_len + whole);
        for (at, piece) in self.pieces.iter().enumerate() {
            let group = || self.group(caps, indices, at).map_or("", |m| m.text);
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Index(_) | Piece::Name(_) => out.push_str(group()),
                Piece::Shifted(_, offset) => out.push_str(&Piece::shift(group(), *offset)),
            }
        }
        out
    }

    /// [`Template::edits`], the groups found by their numbers in `indices` when known.
    pub fn edits_with<'h>(&self, caps: &impl MatchGroups<'h>, indices: &GroupIndices) -> Vec<Edit> {
        let whole = caps.group(0).expect("group 0 always matches");
        let mut edits = Vec::new();
        let mut cursor = whole.start;
        let mut pending = String::new();
        for (at, piece) in self.pieces.iter().enumerate() {
            let group = match piece {
                Piece::Literal(text) => {
                    pending.push_str(text);
                    continue;
                }
                Piece::Shifted(_, offset) => {
                    pending.push_str(&Piece::shift(
                        self.group(caps, indices, at).map_or("", |m| m.text),
                        *offset,
                    ));
                    continue;
                }
                Piece::Index(_) | Piece::Name(_) => self.group(caps, indices, at),
            };
            let Some(group) = group else { continue };
            if group.start < cursor {
                return minimal_edits(whole.start, whole.text, &self.expand_with(caps, indices));
            }
            push_trimmed(
                &mut edits,
                cursor,
                &whole.text[cursor - whole.start..group.start - whole.start],
                &pending,
            );
            pending.clear();
            cursor = group.end();
        }
        push_trimmed(
            &mut edits,
            cursor,
            &whole.text[cursor - whole.start..],
            &pending,
        );
        edits
    }
}

/// The numbers of the groups a template's pieces name, in one expression
/// ([`Template::indices_in`]); by default unknown, and the groups are found by name.
#[derive(Debug, Clone, Default)]
pub struct GroupIndices(Option<Vec<Option<usize>>>);

/// Adds the edit replacing `old` (at byte `start`) by `new`, trimmed of their common ends.
fn push_trimmed(edits: &mut Vec<Edit>, start: usize, old: &str, new: &str) {
    let prefix = common_prefix(old, new);
    let (old, new) = (&old[prefix..], &new[prefix..]);
    let suffix = common_suffix(old, new);
    let (old_core, new_core) = (&old[..old.len() - suffix], &new[..new.len() - suffix]);
    if old_core.is_empty() && new_core.is_empty() {
        return;
    }
    let at = start + prefix;
    match edits.last_mut() {
        Some(last) if last.end == at => {
            last.end = at + old_core.len();
            last.replacement.push_str(new_core);
        }
        _ => edits.push(Edit::new(at..at + old_core.len(), new_core)),
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .last()
        .map_or(0, |((i, c), _)| i + c.len_utf8())
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(c, _)| c.len_utf8())
        .sum()
}

/// The capture groups of a regular expression: how many (the whole match counted, as
/// `Regex::captures_len` counts) and the names of the named ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// The number of groups, the whole match included.
    pub len: usize,
    /// The names of the named groups.
    pub names: Vec<String>,
}

impl Groups {
    /// The groups of a compiled expression.
    pub fn of_regex(regex: &regex::Regex) -> Groups {
        Groups {
            len: regex.captures_len(),
            names: regex.capture_names().flatten().map(String::from).collect(),
        }
    }

    /// The groups of a parsed expression, read from its syntax tree without compiling it.
    pub fn of_hir(hir: &regex_syntax::hir::Hir) -> Groups {
        Groups::of_parts(
            hir.properties().explicit_captures_len() + 1,
            crate::kinds::gate::needed::capture_names(hir),
        )
    }

    /// The groups of an expression: how many (the whole match counted) and the names of the
    /// named ones, in order.
    pub fn of_parts(len: usize, names: Vec<String>) -> Groups {
        Groups { len, names }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn edits_for(pattern: &str, template: &str, text: &str) -> (Vec<Edit>, String) {
        let caps = Regex::new(pattern).unwrap().captures(text).unwrap();
        let t = Template::parse(template);
        (t.edits(&caps), t.expand(&caps))
    }

    #[test]
    fn groups_found_by_number_as_by_name() {
        let cases = [
            (r"(?P<a>\w+) (?P<b>\w+)", "${b} ${a}", "un deux trois"),
            (
                r"(?P<a>\w+)(?P<x>,?) (?P<b>\w+)",
                "«${a}»${x} $2 ${b}",
                "un, deux",
            ),
            (r"(?P<h>[0-9]+) ?pm(?P<no>Z)?", "${h+12} h${no}$$", "à 3 pm"),
            (r"(a)(?P<n>b)?", "$1${n}${missing}$9", "ac"),
        ];
        for (pattern, template, text) in cases {
            let regex = Regex::new(pattern).unwrap();
            let caps = regex.captures(text).unwrap();
            let template = Template::parse(template);
            let indices = template.indices_in(&regex);
            assert_eq!(
                template.expand_with(&caps, &indices),
                template.expand(&caps),
                "{pattern}"
            );
            assert_eq!(
                template.edits_with(&caps, &indices),
                template.edits(&caps),
                "{pattern}"
            );
        }
    }

    #[test]
    fn copied_groups_stay_untouched() {
        let (edits, expanded) = edits_for(
            "“(?P<body>[^”]*)”",
            "«\u{a0}${body}\u{a0}»",
            "à “tirer” sur",
        );
        assert_eq!(expanded, "«\u{a0}tirer\u{a0}»");
        assert_eq!(
            edits,
            [Edit::new(3..6, "«\u{a0}"), Edit::new(11..14, "\u{a0}»")]
        );
    }

    #[test]
    fn adjacent_gaps_merge() {
        let (edits, _) = edits_for(
            "“(?P<body>[^”,]*)(?P<comma>,?)”",
            "«${body}»${comma}",
            "“oui”",
        );
        assert_eq!(edits, [Edit::new(0..3, "«"), Edit::new(6..9, "»")]);
        let (edits, _) = edits_for(
            "“(?P<body>[^”,]*)(?P<comma>,?)”",
            "«${body}»${comma}",
            "“oui,”",
        );
        assert_eq!(
            edits,
            [
                Edit::new(0..3, "«"),
                Edit::new(6..6, "»"),
                Edit::new(7..10, "")
            ]
        );
    }

    #[test]
    fn trims_common_text() {
        let (edits, _) = edits_for(r"(?P<pre>n)\. \.(?P<after> U)", "${pre}.${after}", "n. . U");
        assert_eq!(edits, [Edit::new(2..4, "")]);
    }

    #[test]
    fn reordered_groups_fall_back_to_a_diff() {
        let (edits, expanded) = edits_for(r"(\w+) (\w+)", "$2 $1", "importante une");
        assert_eq!(expanded, "une importante");
        let mut fixed = "importante une".to_string();
        for e in edits.iter().rev() {
            fixed.replace_range(e.start..e.end, &e.replacement);
        }
        assert_eq!(fixed, "une importante");
    }

    #[test]
    fn missing_groups_are_found() {
        let source = r"(?P<word>\w+) (\w+)";
        let groups = Groups::of_regex(&Regex::new(source).unwrap());
        assert_eq!(
            groups,
            Groups::of_hir(&regex_syntax::parse(source).unwrap())
        );
        let groups = [&groups];
        assert_eq!(
            Template::parse("${word} $2 $$9").missing_group(&groups),
            None
        );
        let missing = Template::parse("$3").missing_group(&groups).unwrap();
        assert!(missing.contains("group 3") && missing.contains("has 2 groups"));
        let missing = Template::parse("${name}").missing_group(&groups).unwrap();
        assert!(missing.contains("no group named `name`"), "{missing}");
        let missing = Template::parse("$1a").missing_group(&groups).unwrap();
        assert!(missing.contains("write `${1}a`"), "{missing}");
    }

    #[test]
    fn dollar_syntax() {
        let t = Template::parse("$$1 ${x}y $1a");
        assert_eq!(
            t.pieces,
            [
                Piece::Literal("$1 ".into()),
                Piece::Name("x".into()),
                Piece::Literal("y ".into()),
                Piece::Name("1a".into())
            ]
        );
    }
}
