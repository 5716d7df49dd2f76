//! The `translation/terminology` check: a segment whose source holds a term of the
//! configuration's `[terminology]` and whose translation holds none of the term's required
//! translations. Terms match whole words, case and accents aside, with a plural ending
//! allowed ("file" finds "Files"; "fichier" accepts "fichiers").

use crate::{
    diagnostic::{Category, Diagnostic, Severity},
    formats::Format,
    glossary::fold,
    rules::{RuleMeta, spec::ExampleSpec},
    view::TextView,
};
use std::collections::BTreeMap;

/// The id of the terminology rule.
pub const RULE_ID: &str = "translation/terminology";

/// The terminology the rule's examples are written with.
pub fn example_terminology() -> BTreeMap<String, Vec<String>> {
    BTreeMap::from([
        ("file".to_string(), vec!["fichier".to_string()]),
        (
            "folder".to_string(),
            vec!["dossier".to_string(), "répertoire".to_string()],
        ),
        ("bookmark".to_string(), vec!["marque-page".to_string()]),
    ])
}

/// The documentation of the rule.
pub fn rule() -> RuleMeta {
    let example = |source: &str, bad: Option<&str>, good: Option<&str>| ExampleSpec {
        source: Some(source.to_string()),
        bad: bad.map(str::to_string),
        fixed: None,
        good: good.map(str::to_string),
    };
    RuleMeta {
        id: RULE_ID.into(),
        kind: "terminology".to_string(),
        category: Category::Translation,
        severity: Severity::Warning,
        message: "“{match}” is translated “{suggestion}” in the terminology".to_string(),
        fallback_message: None,
        fix: None,
        summary: "A source term whose translation misses the one the configuration's terminology requires.".to_string(),
        what: "In files that hold each segment's source (PO, XLIFF, TMX), finds the segments whose source holds a term of the `[terminology]` of `mtlint.toml` (source term = required translation, or a list of accepted ones) and whose translation holds none of them. Terms match whole words, case and accents aside, plural endings allowed. The examples use `file = \"fichier\"`, `folder = [\"dossier\", \"répertoire\"]`, `bookmark = \"marque-page\"`.".to_string(),
        why: "A product, a project or a client fixes how its terms are translated; machine translation picks a different synonym from one segment to the next (“document”, “dossier”, “chemise”), and a user then looks for a word the interface does not use.".to_string(),
        examples: vec![
            example("Open file", Some("Ouvrir le document"), None),
            example("Delete the files?", Some("Supprimer les documents ?"), None),
            example("New Folder", Some("Nouvelle chemise"), None),
            example("Add a bookmark", Some("Ajouter un signet"), None),
            example("Move the folder to the trash", Some("Mettre la chemise à la corbeille"), None),
            example("Open file", None, Some("Ouvrir le fichier")),
            example("Delete the files?", None, Some("Supprimer les fichiers ?")),
            example("New Folder", None, Some("Nouveau répertoire")),
            example("Add a bookmark", None, Some("Ajouter un marque-page")),
            example("Filesystem", None, Some("Système de fichiers")),
        ],
        pack: "(configuration)".to_string(),
        lang: "*".to_string(),
        formats: vec![Format::Po, Format::Xliff, Format::Tmx],
    }
}

/// Whether folded `text` holds folded `term` as whole words, with a plural ending allowed.
fn holds(text: &str, term: &str) -> bool {
    if term.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    text.match_indices(term).any(|(at, _)| {
        let before_ok = !text[..at].chars().next_back().is_some_and(is_word);
        let rest = &text[at + term.len()..];
        let ending = ["es", "s", "x", ""]
            .into_iter()
            .find(|e| rest.starts_with(e) && !rest[e.len()..].chars().next().is_some_and(is_word));
        before_ok && ending.is_some()
    })
}

/// The problems of `text` (a file in `format`) with `terms`: source term → accepted
/// translations (any one of them will do).
pub fn check(text: &str, format: Format, terms: &BTreeMap<String, Vec<String>>) -> Vec<Diagnostic> {
    if terms.is_empty() {
        return Vec::new();
    }
    let view = TextView::new(text, format);
    let folded_terms: Vec<(&String, String, Vec<String>)> = terms
        .iter()
        .map(|(source, targets)| {
            (
                source,
                fold(source).0,
                targets.iter().map(|t| fold(t).0).collect(),
            )
        })
        .collect();
    let mut diagnostics = Vec::new();
    for document in view.documents() {
        let mut found = Vec::new();
        for (range, source) in document.sources {
            let target = &document.text[range.clone()];
            if target.trim().is_empty() {
                continue;
            }
            let (folded_source, folded_target) = (fold(source).0, fold(target).0);
            for (term, folded_term, translations) in &folded_terms {
                if !holds(&folded_source, folded_term)
                    || translations.iter().any(|t| holds(&folded_target, t))
                {
                    continue;
                }
                let wanted = &terms[*term];
                let message = match wanted.as_slice() {
                    [one] => format!("“{term}” is translated “{one}” in the terminology"),
                    many => format!(
                        "“{term}” is translated {} in the terminology",
                        many.iter()
                            .map(|t| format!("“{t}”"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                };
                let start = range.start + (target.len() - target.trim_start().len());
                let end = range.start + target.trim_end().len();
                found.push(Diagnostic {
                    rule: RULE_ID.into(),
                    category: Category::Translation,
                    severity: Severity::Warning,
                    message,
                    span: start..end,
                    fix: None,
                });
            }
        }
        diagnostics.extend(view.map_back(&document, found));
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    fn po(source: &str, target: &str) -> String {
        let escape = |s: &str| crate::formats::Escape::Po.encode(s).into_owned();
        format!(
            "msgid \"{}\"\nmsgstr \"{}\"\n",
            escape(source),
            escape(target)
        )
    }

    #[test]
    fn the_documented_examples_hold() {
        let terms = example_terminology();
        let meta = rule();
        let (mut bad, mut good) = (0, 0);
        for example in &meta.examples {
            let source = example.source.as_deref().unwrap();
            if let Some(target) = &example.bad {
                let text = po(source, target);
                let found = check(&text, Format::Po, &terms);
                assert_eq!(found.len(), 1, "{source} → {target}");
                assert_eq!(&text[found[0].span.clone()], target.as_str());
                bad += 1;
            }
            if let Some(target) = &example.good {
                let found = check(&po(source, target), Format::Po, &terms);
                assert!(found.is_empty(), "{source} → {target}: {found:?}");
                good += 1;
            }
        }
        assert!(bad >= 5 && good >= 5);
        assert!(check("Open file", Format::Text, &terms).is_empty());
    }
}
