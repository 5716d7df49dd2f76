//! Conditions on the words around a match: "the word before is a feminine determiner",
//! "the next two words are `en ce`", "punctuation follows".

use crate::{
    document::{Document, Neighbour},
    kinds::CompileContext,
    text::{
        case::CaseShape,
        case::shape_of,
        normalize::{straight_apostrophes, straightened},
    },
};
use std::{
    collections::{BTreeMap, HashSet},
    sync::Arc,
};
use toml::Spanned;

/// A named set of words (and word endings written `*ending`) declared in a pack's `[classes]`.
/// Its words and endings are shared: a class is cloned into every condition that names it,
/// hundreds of times over the built-in packs.
#[derive(Debug, Default, Clone)]
pub struct WordClass {
    words: Arc<HashSet<String, crate::lexicon::FnvBuild>>,
    endings: Arc<Vec<String>>,
}

impl WordClass {
    /// Adds the members written in a pack.
    pub fn extend<'a>(&mut self, members: impl IntoIterator<Item = &'a String>) {
        let (words, endings) = (
            Arc::make_mut(&mut self.words),
            Arc::make_mut(&mut self.endings),
        );
        for member in members {
            let member = lowercase_straight(member);
            match member.strip_prefix('*') {
                Some(ending) => endings.push(ending.to_string()),
                None => {
                    words.insert(member);
                }
            }
        }
    }

    /// Adds the words and endings of another class.
    pub fn add_class(&mut self, other: &WordClass) {
        Arc::make_mut(&mut self.words).extend(other.words.iter().cloned());
        Arc::make_mut(&mut self.endings).extend(other.endings.iter().cloned());
    }

    /// Whether `other` is a clone of this class: the same words and endings, shared.
    pub fn same_as(&self, other: &WordClass) -> bool {
        Arc::ptr_eq(&self.words, &other.words) && Arc::ptr_eq(&self.endings, &other.endings)
    }

    /// The whole words of the class (endings excluded).
    pub fn members(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// The endings that make a word a member (`*ment` is `ment`).
    pub fn endings(&self) -> &[String] {
        &self.endings
    }

    /// Whether the class has members given by their ending (`*ment`).
    pub fn has_endings(&self) -> bool {
        !self.endings.is_empty()
    }

    /// The first ending of the class (`*ending`) that `word` ends with, if any, leaving at least
    /// two letters before it.
    pub fn ending_of(&self, word: &str) -> Option<&str> {
        self.endings
            .iter()
            .find(|e| word.len() > e.len() + 1 && word.ends_with(e.as_str()))
            .map(String::as_str)
    }

    /// Whether the folded, apostrophe-straightened `word` belongs to the class.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
            || self
                .endings
                .iter()
                .any(|e| word.len() > e.len() + 1 && word.ends_with(e.as_str()))
    }
}

/// `word` in lowercase with straight apostrophes, copied once when it holds no typographic
/// apostrophe (most words).
fn lowercase_straight(word: &str) -> String {
    let word = word.to_lowercase();
    if word.contains('’') {
        straight_apostrophes(&word)
    } else {
        word
    }
}

/// One element of a condition.
#[derive(Debug, Clone)]
enum Atom {
    /// This word (folded, straight apostrophes).
    Word(String),
    /// A word of this class.
    Class(WordClass),
    /// This punctuation character.
    Punct(char),
    /// Any punctuation, or the start or end of the paragraph (`@punct`).
    AnyPunct,
    /// A word written in lowercase (`@lower`).
    Lower,
    /// A capitalized or uppercase word (`@upper`).
    Upper,
    /// A number (`@number`).
    Number,
}

/// A sequence of atoms read outward from the match ("en ce" before a match is read `ce`, then `en`).
#[derive(Debug, Clone)]
pub struct Condition {
    atoms: Vec<Atom>,
}

/// Which side of the match a condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The words before the match.
    Before,
    /// The words after the match.
    After,
}

impl Condition {
    /// Parses a condition as written in a pack: words separated by spaces, `@class`, `@punct`,
    /// `@lower`, `@upper`, `@number`, or single punctuation characters.
    pub fn parse(
        written: &Spanned<String>,
        side: Side,
        classes: &BTreeMap<String, WordClass>,
        ctx: &CompileContext,
    ) -> Result<Condition, crate::rules::PackError> {
        let mut atoms = Vec::new();
        for part in written.get_ref().split_whitespace() {
            let atom = match part {
                "@punct" => Atom::AnyPunct,
                "@lower" => Atom::Lower,
                "@upper" => Atom::Upper,
                "@number" => Atom::Number,
                _ if part.starts_with('@') => match classes.get(&part[1..]) {
                    Some(class) => Atom::Class(class.clone()),
                    None => {
                        let known: Vec<&str> = classes.keys().map(String::as_str).collect();
                        return Err(ctx.error(
                            Some(written.span()),
                            format!("unknown word class `{part}`; classes are @punct, @lower, @upper, @number, @{}", known.join(", @")),
                        ));
                    }
                },
                _ if part.chars().count() == 1 && !part.chars().all(char::is_alphanumeric) => {
                    Atom::Punct(part.chars().next().unwrap_or(' '))
                }
                _ => Atom::Word(lowercase_straight(part)),
            };
            atoms.push(atom);
        }
        if atoms.is_empty() {
            return Err(ctx.error(Some(written.span()), "empty condition"));
        }
        if side == Side::Before {
            atoms.reverse();
        }
        Ok(Condition { atoms })
    }

    /// Whether the text on `side` of `pos` satisfies the condition.
    pub fn holds(&self, doc: &Document, pos: usize, side: Side) -> bool {
        let mut pos = pos;
        for atom in &self.atoms {
            let (neighbour, _) = match side {
                Side::Before => doc.before(pos),
                Side::After => doc.after(pos),
            };
            if !atom_matches(atom, doc, neighbour) {
                return false;
            }
            pos = match (neighbour, side) {
                (Neighbour::Word(i), Side::Before) => doc.tokens[i].start,
                (Neighbour::Word(i), Side::After) => doc.tokens[i].end,
                (Neighbour::Punct(_, at), Side::Before) => at,
                (Neighbour::Punct(c, at), Side::After) => at + c.len_utf8(),
                (Neighbour::Boundary, _) => pos,
            };
        }
        true
    }
}

fn atom_matches(atom: &Atom, doc: &Document, neighbour: Neighbour) -> bool {
    match (atom, neighbour) {
        (Atom::AnyPunct, Neighbour::Punct(..) | Neighbour::Boundary) => true,
        (Atom::Punct(want), Neighbour::Punct(c, _)) => *want == c || (is_apostrophe_pair(*want, c)),
        (Atom::Number, Neighbour::Word(i)) => !doc.tokens[i].is_wordlike(),
        (Atom::Lower, Neighbour::Word(i)) => {
            doc.tokens[i].is_wordlike() && shape_of(doc.word(i)) == CaseShape::Lower
        }
        (Atom::Upper, Neighbour::Word(i)) => {
            doc.tokens[i].is_wordlike()
                && matches!(
                    shape_of(doc.word(i)),
                    CaseShape::Capitalized | CaseShape::Upper
                )
        }
        (Atom::Word(want), Neighbour::Word(i)) => same_word(want, doc.folded_word(i)),
        (Atom::Class(class), Neighbour::Word(i)) => {
            class.contains(straightened(doc.folded_word(i)).as_ref())
        }
        _ => false,
    }
}

fn is_apostrophe_pair(a: char, b: char) -> bool {
    matches!((a, b), ('\'', '’') | ('’', '\''))
}

/// Whether a folded document word equals a condition word (apostrophes straightened).
fn same_word(want: &str, word: &str) -> bool {
    straightened(word) == want
}

/// The conditions of one phrase entry.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// One of these must hold before the match (when any are given).
    pub prev: Vec<Condition>,
    /// One of these must hold after the match (when any are given).
    pub next: Vec<Condition>,
    /// None of these may hold before the match.
    pub not_prev: Vec<Condition>,
    /// None of these may hold after the match.
    pub not_next: Vec<Condition>,
}

impl Context {
    /// Whether a match over `start..end` satisfies every condition.
    pub fn holds(&self, doc: &Document, start: usize, end: usize) -> bool {
        let any = |conds: &[Condition], pos, side| conds.iter().any(|c| c.holds(doc, pos, side));
        (self.prev.is_empty() || any(&self.prev, start, Side::Before))
            && (self.next.is_empty() || any(&self.next, end, Side::After))
            && !any(&self.not_prev, start, Side::Before)
            && !any(&self.not_next, end, Side::After)
    }
}
