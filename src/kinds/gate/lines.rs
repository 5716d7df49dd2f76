//! The lines of a document that may hold a match of an expression whose matches stay within
//! a line: those holding one string of a needed set ([`super::needed`]), found by one
//! case-sensitive search of the lowercased strings in the document's lowercased text
//! ([`Document::folded`]). A search for a few exact strings runs on vector instructions
//! (Teddy) or `memmem`, where the expression's own engine, given an expression that starts
//! with a broad class (`[^.!?…\n]*(?:…)`), has no literal to skip ahead to and walks its
//! automaton over every byte.

use super::frequency::FRENCH_BYTE_FREQUENCY;
use crate::{document::Document, text::case::fold_keeping_offsets};
use aho_corasick::packed;
use memchr::memmem;
use std::ops::Range;

/// The most strings one vectorised search looks for at once.
const SEARCH_LIMIT: usize = 64;

/// The lengths strings are cut to, in turn, until there are few enough to search at once:
/// a line that holds a string holds each of its beginnings.
const CUT_LENGTHS: [usize; 6] = [12, 8, 6, 4, 3, 2];

/// A search for the lines holding one string of a set, without regard to case, for each of
/// several sets (the members of the search) at once.
#[derive(Debug)]
pub struct LineLiterals {
    finder: Finder,
    /// For each string searched for, the members whose strings hold it (one bit each).
    owners: Vec<u64>,
    /// How many members the search has.
    members: usize,
}

/// The most sets one search looks for the strings of (the bits of [`LineLiterals::owners`]).
pub const MEMBER_LIMIT: usize = 64;

/// How the strings are searched for.
#[derive(Debug)]
enum Finder {
    /// A single string.
    One(memmem::Finder<'static>),
    /// Several strings at once.
    Many(packed::Searcher),
}

impl Finder {
    /// The first string found in `haystack[span]`: where it starts, and which it is.
    fn find(&self, haystack: &[u8], span: Range<usize>) -> Option<(usize, usize)> {
        match self {
            Finder::One(finder) => finder
                .find(&haystack[span.clone()])
                .map(|at| (span.start + at, 0)),
            Finder::Many(searcher) => searcher
                .find_in(haystack, aho_corasick::Span::from(span))
                .map(|found| (found.start(), found.pattern().as_usize())),
        }
    }
}

impl LineLiterals {
    /// The strings to search the lowercased text for, so that every line holding one of
    /// `set` (strings with ASCII letters in lowercase, searched for without regard to ASCII
    /// case, as a literal gate holds them) holds one of them: `None` when a string is not
    /// text, or is empty.
    pub fn strings_of(set: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
        let mut strings = Vec::with_capacity(set.len());
        for string in set {
            let text = std::str::from_utf8(string).ok()?;
            if text.is_empty() {
                return None;
            }
            // Lowercased as the document's text is: a character's lowercase form depends on
            // it alone, so the text of a line holding the string (ASCII case aside) holds the
            // lowercased string in its lowercased form; and it holds every part of it.
            let folded = fold_keeping_offsets(text).into_bytes();
            strings.push(folded[rarest_start(&folded)..].to_vec());
        }
        Some(minimized(strings))
    }

    /// Whether the strings of `members` (each from [`LineLiterals::strings_of`]) are few
    /// enough to be searched for at once without being cut shorter.
    pub fn fit(members: &[&[Vec<u8>]]) -> bool {
        members.len() <= MEMBER_LIMIT && minimized(members.concat()).len() <= SEARCH_LIMIT
    }

    /// The search for the lines holding one of the strings of each member (each from
    /// [`LineLiterals::strings_of`]); `None` when they are too many even cut short, or the
    /// members are more than [`MEMBER_LIMIT`].
    pub fn of_members(members: &[Vec<Vec<u8>>]) -> Option<LineLiterals> {
        if members.len() > MEMBER_LIMIT {
            return None;
        }
        let strings = few_enough(members.concat())?;
        // Every string of a member holds one of those searched for (it is kept, or one it
        // holds, or a beginning of one of these); that one is the member's.
        let owners = strings
            .iter()
            .map(|searched| {
                let mut owners = 0u64;
                for (bit, member) in members.iter().enumerate() {
                    if member.iter().any(|string| holds(string, searched)) {
                        owners |= 1 << bit;
                    }
                }
                owners
            })
            .collect();
        let finder = match strings.as_slice() {
            [one] => Finder::One(memmem::Finder::new(one).into_owned()),
            _ => Finder::Many(packed::Config::new().builder().extend(&strings).build()?),
        };
        Some(LineLiterals {
            finder,
            owners,
            members: members.len(),
        })
    }

    /// For each member, the lines of `doc`, each with its line feed, that hold one of its
    /// strings, in order.
    pub fn lines(&self, doc: &Document) -> Vec<Vec<Range<usize>>> {
        let folded = doc.folded.as_bytes();
        let mut lines = vec![Vec::new(); self.members];
        let mut at = 0;
        while let Some((found, string)) = self.finder.find(folded, at..folded.len()) {
            let start = memchr::memrchr(b'\n', &folded[..found]).map_or(0, |i| i + 1);
            let end =
                memchr::memchr(b'\n', &folded[found..]).map_or(folded.len(), |i| found + i + 1);
            // Every string the line holds: none holds another, so that a single one starts at
            // each place, found by searching on from the next byte.
            let mut owners = self.owners[string];
            let mut next = found + 1;
            while next < end
                && let Some((found, string)) = self.finder.find(folded, next..end)
            {
                owners |= self.owners[string];
                next = found + 1;
            }
            while owners != 0 {
                lines[owners.trailing_zeros() as usize].push(start..end);
                owners &= owners - 1;
            }
            at = end;
        }
        lines
    }
}

/// Whether `haystack` holds `needle`.
fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// The bytes the vectorised search tells candidates apart by: the first ones of each string.
const FINGERPRINT: usize = 4;

/// How often, in a million million bytes of French text, a run of [`FINGERPRINT`] bytes
/// is `window`, were its characters independent: the product of their frequencies, a
/// byte followed by a continuation byte of its character counting for nothing, and a blank
/// too: short words are frequent, so that a run across a blank ("à la") is far more
/// frequent than its characters tell.
fn commonness(window: &[u8]) -> u64 {
    let mut product = 1u64;
    for (at, &byte) in window.iter().enumerate() {
        let continued = window.get(at + 1).is_some_and(|next| next & 0xc0 == 0x80);
        let frequency = if (continued && byte >= 0x80) || byte == b' ' {
            1000
        } else {
            u64::from(FRENCH_BYTE_FREQUENCY[usize::from(byte)])
        };
        product *= frequency;
    }
    // A window shorter than the others (the whole of a short string) is as common as its
    // bytes followed by the most common ones.
    product * 151u64.pow((FINGERPRINT - window.len().min(FINGERPRINT)) as u32)
}

/// Where the rarest run of [`FINGERPRINT`] bytes of `string` starts, going by the frequency
/// of bytes in French: the search looks for the string from there, so that it stops at few
/// places that do not hold it ("vous pouvez" is looked for as "uvez").
fn rarest_start(string: &[u8]) -> usize {
    (0..=string.len().saturating_sub(FINGERPRINT))
        .min_by_key(|&start| commonness(&string[start..(start + FINGERPRINT).min(string.len())]))
        .unwrap_or(0)
}

/// `strings` cut shorter while there are more than [`SEARCH_LIMIT`], without duplicates nor
/// those that hold another (a line holding one holds the other); `None` when even their
/// shortest cuts are too many.
fn few_enough(mut strings: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    strings = minimized(strings);
    for cut in CUT_LENGTHS {
        if strings.len() <= SEARCH_LIMIT {
            break;
        }
        for string in &mut strings {
            string.truncate(cut);
        }
        strings = minimized(strings);
    }
    (strings.len() <= SEARCH_LIMIT).then_some(strings)
}

/// `strings` without duplicates nor those that hold another, shortest first.
fn minimized(mut strings: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    strings.sort_unstable_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    strings.dedup();
    let mut kept: Vec<Vec<u8>> = Vec::with_capacity(strings.len());
    for string in strings {
        if !kept.iter().any(|shorter| holds(&string, shorter)) {
            kept.push(string);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Format;

    /// The lines of `text` (each with its line feed) holding one of `set` without regard to
    /// case, found line by line.
    fn lines_holding(text: &str, set: &[&str]) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let lower = line.to_lowercase();
            if set
                .iter()
                .any(|string| lower.contains(&string.to_lowercase()))
            {
                lines.push(start..start + line.len());
            }
            start += line.len();
        }
        lines
    }

    #[test]
    fn each_member_gets_the_lines_holding_its_strings() {
        let text = "Vous pouvez PARTAGER cet article.\nRien ici.\r\nFaites un don, \
                    partagez !\n\nL’Été\nfaites un don";
        let members: [&[&str]; 3] = [
            &["vous pouvez partager", "partagez"],
            &["faites un don"],
            &["l’été", "l'été", "rien"],
        ];
        let strings: Vec<Vec<Vec<u8>>> = members
            .iter()
            .map(|set| {
                let set: Vec<Vec<u8>> = set.iter().map(|s| s.as_bytes().to_vec()).collect();
                LineLiterals::strings_of(&set).unwrap()
            })
            .collect();
        let search = LineLiterals::of_members(&strings).unwrap();
        let doc = Document::new(text, Format::Text);
        let found = search.lines(&doc);
        for (member, set) in members.iter().enumerate() {
            assert_eq!(found[member], lines_holding(text, set), "{set:?}");
        }
    }

    #[test]
    fn strings_are_searched_from_their_rarest_bytes() {
        assert_eq!(rarest_start(b"vous pouvez"), "vous po".len());
        assert_eq!(rarest_start(b"abc"), 0);
        // A blank joins frequent short words: "à la" is not rare.
        let string = "abonnement à la".as_bytes();
        assert_eq!(rarest_start(string), 0);
    }

    #[test]
    fn too_many_strings_are_cut_to_their_beginnings() {
        let many: Vec<Vec<u8>> = (0..200)
            .map(|n| format!("mot{n:03}x").into_bytes())
            .collect();
        let kept = few_enough(many).unwrap();
        assert!(kept.len() <= SEARCH_LIMIT);
        assert!(kept.iter().all(|string| string.starts_with(b"mot")));
    }
}
