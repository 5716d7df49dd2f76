//! The strings a regular expression's matches hold, read from its syntax tree: sets of strings
//! such that every match holds one string of each set. Runs of fixed text, alternatives and
//! classes of a few characters give strings; ASCII letters are in lowercase (the strings are
//! searched for without regard to ASCII case), and the non-ASCII case variants of a letter
//! (the Kelvin sign for "k", "É" for "é") give one string each.
//!
//! This module depends on `regex_syntax` alone: the build script includes it too, to find the
//! strings of the built-in packs' expressions when the binary is built.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The most strings a character class may stand for.
const CLASS_LIMIT: usize = 10;
/// The most strings a run of consecutive fixed parts may stand for.
const RUN_LIMIT: usize = 64;
/// The most strings a set may hold (the alternatives of an alternation, together).
const SET_LIMIT: usize = 512;
/// The most needed sets a gate tests.
const CONJUNCTION_LIMIT: usize = 4;
/// The largest set whose strings holding others are dropped.
const MINIMIZE_LIMIT: usize = 64;
/// The most times a fixed part repeated an exact number of times is written out.
const REPEAT_LIMIT: u32 = 4;

/// A set of strings, ASCII letters in lowercase, sorted, without duplicates.
pub type Set = Vec<Vec<u8>>;

/// The sets of strings every match of `hir` holds one string of each (at most
/// [`CONJUNCTION_LIMIT`], the most selective first; none when nothing is known, as for an
/// expression that may match the empty string). A string that holds another of its set is
/// left out.
pub fn needed_sets(hir: &Hir) -> Vec<Set> {
    fewest(facts(hir).into_needed())
        .into_iter()
        .map(minimized)
        .collect()
}

/// `set` without the strings that hold another of its strings: a text that holds one holds
/// the other. (Looked for in small sets only: the search grows with the square of their
/// size.)
fn minimized(set: Set) -> Set {
    let mut by_length = set;
    by_length.sort_by_key(Vec::len);
    if by_length.len() > MINIMIZE_LIMIT {
        return by_length;
    }
    let mut kept: Set = Vec::with_capacity(by_length.len());
    for string in by_length {
        let holds = |shorter: &Vec<u8>| string.windows(shorter.len()).any(|w| w == shorter);
        if !kept.iter().any(holds) {
            kept.push(string);
        }
    }
    kept
}

/// The names of the named capture groups of `hir`, in order.
pub fn capture_names(hir: &Hir) -> Vec<String> {
    fn walk(hir: &Hir, names: &mut Vec<String>) {
        match hir.kind() {
            HirKind::Capture(capture) => {
                if let Some(name) = &capture.name {
                    names.push(name.to_string());
                }
                walk(&capture.sub, names);
            }
            HirKind::Repetition(repetition) => walk(&repetition.sub, names),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().for_each(|sub| walk(sub, names))
            }
            _ => {}
        }
    }
    let mut names = Vec::new();
    walk(hir, &mut names);
    names
}

/// What is known of the text a part of an expression matches.
struct Facts {
    /// The part matches exactly one of these strings (`None`: unknown or too many).
    exact: Option<Set>,
    /// Sets of non-empty strings such that every match of the part holds one string of each
    /// set (empty: nothing known besides `exact`).
    needed: Vec<Set>,
}

impl Facts {
    /// Every set of strings that each match of the part holds one of.
    fn into_needed(self) -> Vec<Set> {
        let mut needed = self.needed;
        needed.extend(self.exact.and_then(as_needed));
        needed
    }

    /// What is known of a part that matches only the empty string.
    fn empty() -> Facts {
        Facts {
            exact: Some(vec![Vec::new()]),
            needed: Vec::new(),
        }
    }
}

/// Sorts and deduplicates a set.
fn normalized(mut set: Set) -> Set {
    set.sort_unstable();
    set.dedup();
    set
}

/// `bytes` with ASCII letters in lowercase.
fn lowered(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

/// How selective a needed set is: the longer its shortest string, then the fewer its
/// strings, the better.
fn score(set: &Set) -> (usize, usize) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (shortest, usize::MAX - set.len())
}

/// The most selective of needed sets.
fn best(sets: Vec<Set>) -> Option<Set> {
    sets.into_iter().max_by_key(score)
}

/// The most selective [`CONJUNCTION_LIMIT`] of needed sets, without duplicates.
fn fewest(mut sets: Vec<Set>) -> Vec<Set> {
    sets.sort_by_key(|set| std::cmp::Reverse(score(set)));
    sets.dedup();
    sets.truncate(CONJUNCTION_LIMIT);
    sets
}

/// A set usable as a needed set: non-empty, made of non-empty strings.
fn as_needed(set: Set) -> Option<Set> {
    (!set.is_empty() && set.iter().all(|s| !s.is_empty())).then_some(set)
}

/// Every string of `a` followed by every string of `b`, unless there are more than `limit`.
fn cross(a: &Set, b: &Set, limit: usize) -> Option<Set> {
    let mut a = a.clone();
    cross_into(&mut a, b, limit).then_some(a)
}

/// Replaces `a` by every string of `a` followed by every string of `b` and tells true, or
/// leaves it and tells false when there would be more than `limit`. A single string (the
/// usual case: a letter) is appended in place.
fn cross_into(a: &mut Set, b: &Set, limit: usize) -> bool {
    if a.len().saturating_mul(b.len()) > limit {
        return false;
    }
    if let [single] = b.as_slice() {
        for x in a.iter_mut() {
            x.extend_from_slice(single);
        }
        // Appending one string keeps the order and the strings distinct.
        return true;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a.iter() {
        for y in b {
            let mut joined = Vec::with_capacity(x.len() + y.len());
            joined.extend_from_slice(x);
            joined.extend_from_slice(y);
            out.push(joined);
        }
    }
    *a = normalized(out);
    true
}

/// Adds `set` to `union`, which becomes `None` when either is unknown or it would hold more
/// than [`SET_LIMIT`] strings.
fn add_to(union: &mut Option<Set>, set: Option<Set>) {
    *union = match (union.take(), set) {
        (Some(mut union), Some(set)) if union.len() + set.len() <= SET_LIMIT => {
            union.extend(set);
            Some(union)
        }
        _ => None,
    };
}

/// The strings a character class stands for, when there are few.
fn class_strings(class: &Class) -> Option<Set> {
    let mut out = Vec::new();
    match class {
        Class::Unicode(class) => {
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    let mut buf = [0; 4];
                    out.push(lowered(c.encode_utf8(&mut buf).as_bytes()));
                    if out.len() > 2 * CLASS_LIMIT {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(class) => {
            for range in class.ranges() {
                for b in range.start()..=range.end() {
                    out.push(lowered(&[b]));
                    if out.len() > 2 * CLASS_LIMIT {
                        return None;
                    }
                }
            }
        }
    }
    let out = normalized(out);
    (!out.is_empty() && out.len() <= CLASS_LIMIT).then_some(out)
}

/// What is known of the text that `hir` matches.
fn facts(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts::empty(),
        HirKind::Literal(literal) => Facts {
            exact: Some(vec![lowered(&literal.0)]),
            needed: Vec::new(),
        },
        HirKind::Class(class) => Facts {
            exact: class_strings(class),
            needed: Vec::new(),
        },
        HirKind::Capture(capture) => facts(&capture.sub),
        HirKind::Repetition(repetition) => {
            if repetition.max == Some(0) {
                return Facts::empty();
            }
            if repetition.min == 0 {
                // An optional part of known text ("s?") matches it or nothing.
                let optional = (repetition.max == Some(1))
                    .then(|| facts(&repetition.sub).exact)
                    .flatten()
                    .map(|mut once| {
                        once.push(Vec::new());
                        normalized(once)
                    });
                return Facts {
                    exact: optional,
                    needed: Vec::new(),
                };
            }
            let sub = facts(&repetition.sub);
            let exact = match (&sub.exact, repetition.max) {
                (Some(once), Some(max)) if max == repetition.min && max <= REPEAT_LIMIT => {
                    let mut all = vec![Vec::new()];
                    for _ in 0..max {
                        match cross(&all, once, RUN_LIMIT) {
                            Some(longer) => all = longer,
                            None => {
                                all = Vec::new();
                                break;
                            }
                        }
                    }
                    (!all.is_empty()).then_some(all)
                }
                _ => None,
            };
            Facts {
                exact,
                needed: fewest(sub.into_needed()),
            }
        }
        HirKind::Alternation(alternatives) => {
            let all: Vec<Facts> = alternatives.iter().map(facts).collect();
            let exact_strings = all
                .iter()
                .map(|f| f.exact.as_ref().map(Vec::len))
                .sum::<Option<usize>>();
            if exact_strings.is_some_and(|count| count <= SET_LIMIT) {
                // The exact strings, when known, are the best needed strings too.
                let exact = all.into_iter().flat_map(|f| f.exact.unwrap_or_default());
                return Facts {
                    exact: Some(normalized(exact.collect())),
                    needed: Vec::new(),
                };
            }
            // Each match holds a string of the best set of the alternative it matched (without
            // the strings that hold another of that set, which keeps the union small: an
            // alternative such as "accepter(?: tout)?" needs "accepter" alone).
            let mut needed = Some(Vec::new());
            for alternative in all {
                add_to(&mut needed, best(alternative.into_needed()).map(minimized));
            }
            Facts {
                exact: None,
                needed: needed.map(normalized).into_iter().collect(),
            }
        }
        HirKind::Concat(parts) => concat_facts(parts),
    }
}

/// The facts of a concatenation: every part's needed sets are needed by the whole, and so is
/// every run of consecutive parts of known exact text, joined.
fn concat_facts(parts: &[Hir]) -> Facts {
    let mut needed: Vec<Set> = Vec::new();
    // Whether every part so far has a known exact text and the run holds them all.
    let mut whole = true;
    let mut run: Set = vec![Vec::new()];
    for part in parts {
        let part = facts(part);
        needed.extend(part.needed);
        match part.exact {
            Some(exact) => {
                if !cross_into(&mut run, &exact, RUN_LIMIT) {
                    whole = false;
                    needed.extend(as_needed(std::mem::replace(&mut run, exact)));
                }
            }
            None => {
                whole = false;
                needed.extend(as_needed(std::mem::replace(&mut run, vec![Vec::new()])));
            }
        }
    }
    if whole {
        return Facts {
            exact: Some(run),
            needed: fewest(needed),
        };
    }
    needed.extend(as_needed(run));
    Facts {
        exact: None,
        needed: fewest(needed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The most selective needed set of `pattern`.
    fn needed(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        best(facts(&hir).into_needed()).map(|set| {
            set.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn literals_and_runs() {
        assert_eq!(needed("abc"), Some(vec!["abc".into()]));
        assert_eq!(needed(r"\bfoo\s+bars"), Some(vec!["bars".into()]));
        let hir = regex_syntax::Parser::new().parse(r"\bfoo\s+bar").unwrap();
        assert_eq!(needed_sets(&hir).len(), 2, "both words");
        assert_eq!(
            needed("(?:ab|cd)ef"),
            Some(vec!["abef".into(), "cdef".into()])
        );
        assert_eq!(needed(r"x*"), None);
        assert_eq!(needed(r"^\w+$"), None);
        assert_eq!(
            needed(r"[0-9]+,[0-9]{3}"),
            Some(vec![",".into()]),
            "the rarest fixed part is kept"
        );
    }

    #[test]
    fn case_insensitive_letters_keep_their_non_ascii_variants() {
        // "k" has the Kelvin sign among its case variants, "é" has "É".
        let set = needed("(?i)ok é").unwrap();
        assert_eq!(set.len(), 4, "{set:?}");
        assert!(set.contains(&"ok é".to_string()));
        assert!(set.contains(&"o\u{212a} É".to_string()));
    }

    #[test]
    fn optional_parts_of_known_text() {
        assert_eq!(
            needed("(?:vos|des) dons? via"),
            Some(vec![
                "des don via".into(),
                "des dons via".into(),
                "vos don via".into(),
                "vos dons via".into()
            ])
        );
        assert_eq!(needed("a?"), None, "may match nothing");
        assert_eq!(needed("ab(?:cd)*"), Some(vec!["ab".into()]));
    }

    #[test]
    fn alternatives_with_optional_tails_need_their_stems() {
        // Written out, the optional tails give more strings than a set may hold; each
        // alternative's stem alone is needed.
        let alternatives: Vec<String> = (0..200).map(|i| format!("w{i:03}(?: a| b| c)?")).collect();
        let pattern = format!("(?:[0-9]+ x|{})", alternatives.join("|"));
        let set = needed(&pattern).unwrap();
        assert_eq!(set.len(), 201, "{set:?}");
        assert!(set.contains(&"w007".to_string()) && set.contains(&" x".to_string()));
    }

    #[test]
    fn alternatives_need_one_each() {
        let set = needed("a+b|cd").unwrap();
        assert!(set.len() == 2 && set.contains(&"cd".to_string()), "{set:?}");
        assert_eq!(needed("ab|c?"), None);
    }
}
