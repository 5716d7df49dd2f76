//! The `consistency/glossary` check: spellings of a name or term that differ from the
//! canonical spelling of the configuration's `glossary`, with a safe fix to the canonical form.

use crate::{
    diagnostic::{Applicability, Category, Diagnostic, Edit, Fix, Severity},
    document::Format,
};
use std::{collections::BTreeMap, ops::Range};

/// The id of the glossary rule.
pub const RULE_ID: &str = "consistency/glossary";

/// Lowercases `c` and strips its diacritics; `y` and `ï` fold to `i`.
fn fold_char(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        let folded = match lower {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'y' | 'ý' | 'ÿ' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            '’' => '\'',
            other => other,
        };
        out.push(folded);
    }
}

/// `text` folded (see [`fold_char`]) and, for every byte of the folded text plus its end, the
/// byte offset in `text` of the character it comes from.
pub fn fold(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        map.extend(std::iter::repeat_n(i, folded.len() - before));
    }
    map.push(text.len());
    (folded, map)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Whether `range` of `text` starts and ends at word boundaries.
fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Finds the variants of the glossary's canonical spellings in `text`. `glossary` maps each
/// canonical spelling to its variants; with no variants listed, any spelling that folds to the
/// same letters is a variant.
pub fn check(
    text: &str,
    format: Format,
    options: &crate::formats::ReadOptions,
    glossary: &BTreeMap<String, Vec<String>>,
) -> Vec<Diagnostic> {
    if glossary.is_empty() {
        return Vec::new();
    }
    let protected = crate::protect::protected_regions(
        text,
        &crate::view::TextView::with_options(text, format, options).non_prose(),
    );
    let is_protected =
        |r: &Range<usize>| protected.iter().any(|p| p.start < r.end && r.start < p.end);
    let (folded, map) = fold(text);
    let mut found: Vec<(Range<usize>, &str)> = Vec::new();
    for (canonical, variants) in glossary {
        if variants.is_empty() {
            let (needle, _) = fold(canonical);
            if needle.is_empty() {
                continue;
            }
            for (start, matched) in folded.match_indices(&needle) {
                let range = map[start]..map[start + matched.len()];
                if text[range.clone()] != **canonical {
                    found.push((range, canonical));
                }
            }
        } else {
            for variant in variants.iter().filter(|v| !v.is_empty() && *v != canonical) {
                for (start, matched) in text.match_indices(variant.as_str()) {
                    found.push((start..start + matched.len(), canonical));
                }
            }
        }
    }
    found.sort_by_key(|a| (a.0.start, a.0.end));
    found.dedup_by(|b, a| a.0.start < b.0.end && b.0.start < a.0.end);
    found
        .into_iter()
        .filter(|(range, _)| at_word_boundaries(text, range) && !is_protected(range))
        .map(|(range, canonical)| Diagnostic {
            rule: RULE_ID.into(),
            category: Category::Consistency,
            severity: Severity::Warning,
            message: format!(
                "“{}” is spelled “{canonical}” in the glossary",
                &text[range.clone()]
            ),
            fix: Some(Fix {
                applicability: Applicability::Safe,
                message: format!("Replace with `{canonical}`"),
                edits: vec![Edit::new(range.clone(), canonical)],
            }),
            span: range,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(canonical: &str, variants: &[&str]) -> BTreeMap<String, Vec<String>> {
        BTreeMap::from([(
            canonical.to_string(),
            variants.iter().map(|s| s.to_string()).collect(),
        )])
    }

    #[test]
    fn variants_found_by_folding() {
        let text = "Tokayev, Tokáyev et Tokaïev ; TOKAYEV. Tokayevski non.";
        let found = check(
            text,
            Format::Text,
            &Default::default(),
            &glossary("Tokaïev", &[]),
        );
        let matched: Vec<&str> = found.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(matched, ["Tokayev", "Tokáyev", "TOKAYEV"]);
        assert_eq!(
            found[0].fix.as_ref().unwrap().edits[0].replacement,
            "Tokaïev"
        );
        assert_eq!(
            found[0].fix.as_ref().unwrap().applicability,
            Applicability::Safe
        );
    }

    #[test]
    fn listed_variants_only() {
        let text = "Tokayev et Tokaiev.";
        let found = check(
            text,
            Format::Text,
            &Default::default(),
            &glossary("Tokaïev", &["Tokayev"]),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.clone()], "Tokayev");
    }

    #[test]
    fn protected_regions_are_skipped() {
        let text = "Voir https://example.com/Tokayev et `Tokayev`.";
        assert!(
            check(
                text,
                Format::Markdown,
                &Default::default(),
                &glossary("Tokaïev", &[])
            )
            .is_empty()
        );
    }
}
