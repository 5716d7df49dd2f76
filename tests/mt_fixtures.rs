//! The machine-translation corpus of `fixtures/mt/`: passages of machine-translated French
//! written for the test suite, with every artifact annotated in `fixtures/mt/gold.jsonl` (the
//! seeds' format; `note` starts with the artifact class of MT-ARTIFACTS: A1 … F3). Every class
//! must be found (recall 0.95 or more over all items), and every safe fix that touches an
//! annotated artifact must give the annotated correction.

use mtlint::{Applicability, Diagnostic, Engine, Format, RuleSet, Selection};
use serde_json::Value;
use std::{collections::BTreeMap, fs, path::Path};

const CORPUS: &str = "fixtures/mt";

/// Treats narrow no-break spaces as no-break spaces, as the annotations do.
fn norm(text: &str) -> String {
    text.replace('\u{202f}', "\u{a0}")
}

fn apply(text: &str, edits: &[(usize, usize, &str)]) -> String {
    let mut out = text.to_string();
    let mut sorted = edits.to_vec();
    sorted.sort();
    for (start, end, replacement) in sorted.into_iter().rev() {
        out.replace_range(start..end, replacement);
    }
    norm(&out)
}

/// The texts a diagnostic's fix can produce: each edit alone, and all edits together.
fn candidates(text: &str, d: &Diagnostic) -> Vec<String> {
    let Some(fix) = &d.fix else { return Vec::new() };
    let edits: Vec<(usize, usize, &str)> = fix
        .edits
        .iter()
        .map(|e| (e.start, e.end, e.replacement.as_str()))
        .collect();
    let mut out: Vec<String> = edits.iter().map(|e| apply(text, &[*e])).collect();
    out.push(apply(text, &edits));
    out
}

/// Found and annotated items of one class.
#[derive(Default)]
struct Tally {
    items: usize,
    found: usize,
}

#[test]
fn every_artifact_class_is_found_and_safe_fixes_are_right() {
    let engine = Engine::new(
        &RuleSet::builtin().expect("built-in packs load"),
        &Selection::default(),
        "fr",
    );
    let gold = fs::read_to_string(Path::new(CORPUS).join("gold.jsonl")).expect("gold file");
    let mut classes: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut safe_fixes, mut safe_right) = (0, 0);
    let mut problems = Vec::new();
    let mut linted: BTreeMap<String, (String, Vec<Diagnostic>)> = BTreeMap::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).expect("gold line is JSON");
        let file = g["file"].as_str().unwrap();
        let (text, diagnostics) = linted.entry(file.to_string()).or_insert_with(|| {
            let text = fs::read_to_string(Path::new(CORPUS).join(file)).unwrap();
            let diagnostics = engine.lint(&text, Format::Text);
            (text, diagnostics)
        });
        let context = g["context"].as_str().unwrap();
        let artifact = g["text"].as_str().unwrap();
        let start = text.find(context).expect("context in file")
            + context.find(artifact).expect("text in context");
        let end = start + artifact.len();
        let overlaps =
            |s: usize, e: usize| (s < end && e > start) || (s == e && start <= s && s <= end);
        let hits: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| {
                overlaps(d.span.start, d.span.end)
                    || d.fix
                        .iter()
                        .flat_map(|f| &f.edits)
                        .any(|e| overlaps(e.start, e.end))
            })
            .collect();
        let class = g["note"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        let tally = classes.entry(class.clone()).or_default();
        tally.items += 1;
        if hits.is_empty() {
            problems.push(format!("{class} missed in {file}: {artifact:?}"));
            continue;
        }
        tally.found += 1;
        let want = g["fix"]
            .as_str()
            .map(|fix| apply(text, &[(start, end, fix)]));
        for d in hits.iter().filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        }) {
            safe_fixes += 1;
            match &want {
                Some(want) if candidates(text, d).contains(want) => safe_right += 1,
                _ => problems.push(format!(
                    "{class}: safe fix of {} on {artifact:?} in {file} is not the annotated one",
                    d.rule
                )),
            }
        }
    }
    let items: usize = classes.values().map(|t| t.items).sum();
    let found: usize = classes.values().map(|t| t.found).sum();
    for (class, tally) in &classes {
        println!("{class:4} {:2}/{:2}", tally.found, tally.items);
    }
    let recall = found as f64 / items as f64;
    println!("recall {recall:.3} ({found}/{items}); safe fixes right {safe_right}/{safe_fixes}");
    for letter in ["A", "B", "C", "D", "E", "F"] {
        assert!(
            classes.keys().any(|c| c.starts_with(letter)),
            "class {letter} has no annotated artifact"
        );
    }
    assert!(recall >= 0.95, "recall {recall:.3}; {problems:#?}");
    assert_eq!(safe_right, safe_fixes, "{problems:#?}");
}
