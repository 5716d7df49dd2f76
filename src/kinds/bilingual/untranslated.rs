//! Whether a segment is translated: empty, the source unchanged, or still in the source
//! language (English). The source left unchanged is fine when nothing in it needs a
//! translation: placeholders, numbers, URLs, names, acronyms, code, and words French shares
//! with English ("OK", "%s", "GNOME", "Description", "Total").

use super::placeables::placeables;
use crate::{
    document::Document,
    kinds::WordClass,
    lexicon::lexicons,
    text::tokenize::{TokenKind, tokenize},
};
use std::ops::Range;

/// What a segment is, compared with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A translation (or a source that needs none).
    Translated,
    /// The target is empty.
    Empty,
    /// The target is the source, unchanged, and the source needed a translation.
    Unchanged,
    /// The target is the source unchanged, which needs no translation.
    LegitimatelyUnchanged,
    /// The target differs from the source but is still English.
    English,
}

impl Verdict {
    /// What a diagnostic says of the segment, when it is untranslated.
    pub fn message(self) -> Option<&'static str> {
        match self {
            Verdict::Empty => Some("the translation is empty"),
            Verdict::Unchanged => Some("the translation is the source text, unchanged"),
            Verdict::English => Some("the translation is still in the source language (English)"),
            Verdict::Translated | Verdict::LegitimatelyUnchanged => None,
        }
    }
}

/// The least French frequency (Zipf) of a word French shares with English.
const SHARED_MIN_FRENCH: f32 = 3.0;
/// How much more frequent (Zipf) in English than in French a shared word may be: "options"
/// (4.7 and 4.2) is shared, "open" (5.5 and 4.3) is not.
const SHARED_MAX_LEAD: f32 = 0.55;

/// Judges the segment at `range` of `doc`, which translates `source`.
pub fn judge(
    doc: &Document,
    range: &Range<usize>,
    source: &str,
    functions: Option<&(WordClass, WordClass)>,
    lang: &str,
) -> Verdict {
    let target = &doc.text[range.clone()];
    if target.trim().is_empty() {
        return Verdict::Empty;
    }
    if comparable(target) == comparable(source) {
        // A source recased by hand ("Bum" → "bum": French writes language names in
        // lowercase) was read and kept on purpose.
        let recased = |text: &str| {
            text.trim()
                .chars()
                .filter(|c| c.is_alphabetic())
                .collect::<String>()
        };
        if recased(target) != recased(source) {
            return Verdict::Translated;
        }
        return if needs_translation(source) && lang != "en" {
            Verdict::Unchanged
        } else {
            Verdict::LegitimatelyUnchanged
        };
    }
    match functions {
        Some(functions) if lang == "fr" && still_english(target, source, functions) => {
            Verdict::English
        }
        _ => Verdict::Translated,
    }
}

/// Whether `a` and `b` have the same letters, case aside.
pub fn same_letters(a: &str, b: &str) -> bool {
    comparable(a) == comparable(b)
}

/// `text` as compared with its translation: without accelerator marks (`_File`, `&File`),
/// lowercase, blanks collapsed, final punctuation and blanks dropped.
fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if (c == '_' || c == '&') && chars.peek().is_some_and(|n| n.is_alphabetic()) {
            continue;
        }
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.extend(c.to_lowercase());
    }
    out.trim_matches(|c: char| c.is_whitespace() || ".:…!?".contains(c))
        .to_string()
}

/// Whether `source` holds a word that a translation would change: not a placeable, a path,
/// an option, a shortcut, a name, an acronym, an identifier, or a word French shares.
pub fn needs_translation(source: &str) -> bool {
    let mut words = String::with_capacity(source.len());
    let mut last = 0;
    for p in placeables(source) {
        words.push_str(&source[last..p.range.start]);
        words.push(' ');
        last = p.range.end;
    }
    words.push_str(&source[last..]);
    let words: String = words
        .split_whitespace()
        .filter(|chunk| {
            // Paths, options, shortcuts, file names, identifiers.
            !(chunk.contains(['/', '\\', '+', '_', '=', '@', '#', '[', ']'])
                || chunk.starts_with('-')
                || chunk
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .contains('.'))
        })
        .collect::<Vec<_>>()
        .join(" ");
    tokenize(&words)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .any(|t| !unchanged_word(&words[t.range()]))
}

/// Whether a word may stay as it is in a French translation.
fn unchanged_word(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 2
        || !word.chars().any(char::is_lowercase)
        || word.chars().any(|c| c.is_ascii_digit())
        || word.chars().skip(1).any(char::is_uppercase)
    {
        // One or two letters (a code: "eo", "am"), an acronym (OK, USB), a name with digits
        // (MP3), camel case (GtkWindow).
        return true;
    }
    let folded = word.to_lowercase();
    let lexicons = lexicons();
    let english = lexicons.english(&folded);
    if english.is_none() && lexicons.french_usage(&folded).is_none() {
        // No word of either language: code, an abbreviation, a name (msfunc, stdin).
        return true;
    }
    let french = lexicons.french(&folded).map_or(0.0, |f| f.zipf());
    if french >= SHARED_MIN_FRENCH && english.is_none_or(|e| e.zipf() - french < SHARED_MAX_LEAD) {
        // A word French shares: Description, Total, Date, Message, Options.
        return true;
    }
    let capitalized = word.chars().next().is_some_and(char::is_uppercase);
    // A name: capitalized and no common English word (Firefox, Nautilus, Linux, Dmitry).
    capitalized && english.is_none_or(|e| e.proper() || e.zipf() < 3.5)
}

/// Whether `target` (which differs from `source`) is still English: at least three words, no
/// French function word, English function words or English-only words making most of it, and
/// most of its words taken from the source.
fn still_english(target: &str, source: &str, functions: &(WordClass, WordClass)) -> bool {
    let (english_functions, french_functions) = functions;
    let source_words: std::collections::HashSet<String> = tokenize(source)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| source[t.range()].to_lowercase())
        .collect();
    let (mut words, mut english, mut from_source, mut english_function) = (0, 0, 0, 0);
    for token in tokenize(target) {
        if token.kind == TokenKind::Elision {
            return false;
        }
        if token.kind != TokenKind::Word {
            continue;
        }
        let folded = target[token.range()].to_lowercase();
        words += 1;
        if source_words.contains(&folded) {
            from_source += 1;
        }
        let lexicons = lexicons();
        let english_zipf = lexicons.english(&folded).map_or(0.0, |e| e.zipf());
        let french_zipf = lexicons.french(&folded).map_or(0.0, |f| f.zipf());
        // "on" is a French function word, and an English one as frequent.
        let (in_english, in_french) = (
            english_functions.contains(&folded),
            french_functions.contains(&folded) && english_zipf < french_zipf,
        );
        if in_french && !in_english {
            return false;
        }
        if in_english && !in_french {
            english_function += 1;
            english += 1;
            continue;
        }
        if english_zipf >= 3.0 && french_zipf < SHARED_MIN_FRENCH {
            english += 1;
        }
    }
    words >= 3 && english_function >= 1 && english * 3 >= words * 2 && from_source * 2 >= words
}

/// English words for the numbers 0 to 10.
const ENGLISH_NUMBERS: [&str; 11] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Whether `source` spells out the number `digits` in English words ("one file" → "1
/// fichier").
pub fn spells_english(source: &str, digits: &str) -> bool {
    let Some(word) = digits
        .parse::<usize>()
        .ok()
        .and_then(|n| ENGLISH_NUMBERS.get(n))
    else {
        return false;
    };
    source.split(|c: char| !c.is_alphabetic()).any(|w| {
        w.eq_ignore_ascii_case(word)
            || (*word == "one" && (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("once")))
            || (*word == "two" && w.eq_ignore_ascii_case("twice"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legitimately_unchanged_sources() {
        for source in [
            "OK",
            "%s",
            "%s: %s",
            "GNOME",
            "Firefox",
            "USB",
            "Description",
            "Total",
            "https://example.org",
            "--help",
            "Ctrl+Q",
            "x86_64",
            "MP3",
            "GtkWindow",
            "1024",
            "Date",
        ] {
            assert!(!needs_translation(source), "{source}");
        }
    }

    #[test]
    fn sources_that_need_a_translation() {
        for source in [
            "Open File",
            "Cancel",
            "Save as…",
            "Files",
            "Show hidden files",
        ] {
            assert!(needs_translation(source), "{source}");
        }
    }

    #[test]
    fn comparison_ignores_accelerators_case_and_final_punctuation() {
        assert_eq!(comparable("_Open  File:"), comparable("&open file"));
    }
}
