//! The seed corpus: every tier-1 artifact annotated in `fixtures/seeds-gold.jsonl` is found,
//! and fixed as the annotation says; and snapshots of the pretty and JSON output.

use mtlint::{Diagnostic, Engine, Format, RuleSet, Selection, render};
use serde_json::Value;
use std::{fs, path::Path};

const SEEDS: &str = "fixtures/seeds";

fn engine() -> Engine {
    Engine::new(
        &RuleSet::builtin().expect("built-in packs load"),
        &Selection::default(),
        "fr",
    )
}

fn seed_files() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(SEEDS)
        .expect("fixtures/seeds exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

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

struct Score {
    gold: usize,
    found: usize,
    fixable: usize,
    fixed: usize,
    misses: Vec<String>,
}

fn score(max_tier: u64) -> Score {
    let engine = engine();
    let gold = fs::read_to_string("fixtures/seeds-gold.jsonl").expect("gold file");
    let mut s = Score {
        gold: 0,
        found: 0,
        fixable: 0,
        fixed: 0,
        misses: Vec::new(),
    };
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).expect("gold line is JSON");
        if g["tier"].as_u64().unwrap() > max_tier {
            continue;
        }
        let file = g["file"].as_str().unwrap();
        let text = fs::read_to_string(Path::new(SEEDS).join(file)).unwrap();
        let context = g["context"].as_str().unwrap();
        let artifact = g["text"].as_str().unwrap();
        let start = text.find(context).expect("context in file")
            + context.find(artifact).expect("text in context");
        let end = start + artifact.len();
        let diagnostics = engine.lint(&text, Format::Text);
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
        s.gold += 1;
        if hits.is_empty() {
            s.misses.push(format!("{file}: {artifact:?}"));
        } else {
            s.found += 1;
        }
        if let Some(fix) = g["fix"].as_str() {
            s.fixable += 1;
            let want = apply(&text, &[(start, end, fix)]);
            if hits.iter().any(|d| candidates(&text, d).contains(&want)) {
                s.fixed += 1;
            } else {
                s.misses.push(format!("{file}: fix of {artifact:?}"));
            }
        }
    }
    s
}

#[test]
fn every_tier_one_artifact_is_found_and_fixed() {
    let s = score(1);
    assert!(s.gold >= 50, "the gold file has its tier-1 items");
    assert_eq!(s.found, s.gold, "recall below 1.0; missed: {:#?}", s.misses);
    let accuracy = s.fixed as f64 / s.fixable as f64;
    assert!(
        accuracy >= 0.95,
        "fix accuracy {accuracy:.3}; wrong: {:#?}",
        s.misses
    );
}

#[test]
fn pretty_output_of_the_seeds() {
    let engine = engine();
    for name in seed_files() {
        let path = format!("{SEEDS}/{name}");
        let text = fs::read_to_string(&path).unwrap();
        let diagnostics = engine.lint(&text, Format::Text);
        let pretty = render::render_file(
            render::OutputFormat::Pretty,
            &path,
            &text,
            &diagnostics,
            false,
        );
        insta::assert_snapshot!(format!("pretty_{name}"), pretty);
    }
}

#[test]
fn json_output_of_the_seeds() {
    let engine = engine();
    for name in seed_files() {
        let path = format!("{SEEDS}/{name}");
        let text = fs::read_to_string(&path).unwrap();
        let diagnostics = engine.lint(&text, Format::Text);
        let objects = render::json::render_objects(
            &path,
            &text,
            &mtlint::document::LineIndex::new(&text),
            &diagnostics,
        );
        let values: Vec<Value> = objects
            .iter()
            .map(|o| serde_json::from_str(o).expect("valid JSON"))
            .collect();
        insta::assert_json_snapshot!(format!("json_{name}"), values);
    }
}

/// The characters of `text` above a `^` of `carets`, by display column; `…` (a cut) is kept
/// so that a span shown as its beginning and end reads `begin…end`.
fn marked(text: &str, carets: &str) -> String {
    use unicode_width::UnicodeWidthChar;
    let carets: Vec<char> = carets.chars().collect();
    let mut col = 0;
    let mut out = String::new();
    for c in text.chars() {
        if carets.get(col) == Some(&'^') {
            out.push(c);
        }
        col += c.width().unwrap_or(0);
    }
    out
}

#[test]
fn the_pretty_report_of_the_seeds_is_short_and_shows_every_span() {
    let engine = engine();
    let (mut bytes, mut problems) = (0, 0);
    for name in seed_files() {
        let path = format!("{SEEDS}/{name}");
        let text = fs::read_to_string(&path).unwrap();
        let diagnostics = engine.lint(&text, Format::Text);
        let pretty = render::render_file(
            render::OutputFormat::Pretty,
            &path,
            &text,
            &diagnostics,
            false,
        );
        bytes += pretty.len();
        problems += diagnostics.len();
        let blocks: Vec<&str> = pretty.split("\n\n").filter(|b| !b.is_empty()).collect();
        assert_eq!(blocks.len(), diagnostics.len(), "{name}");
        for (block, d) in blocks.iter().zip(&diagnostics) {
            let lines: Vec<&str> = block.lines().collect();
            // Each source line is followed by its carets: what they mark is the span, whole or
            // as its beginning and its end.
            let mut segments = Vec::new();
            for pair in lines.windows(2) {
                let (Some((_, source)), Some((_, carets))) =
                    (pair[0].split_once(" | "), pair[1].split_once(" | "))
                else {
                    continue;
                };
                if pair[0]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
                {
                    segments.push(marked(source, carets));
                }
            }
            assert!(!segments.is_empty(), "{name}: no carets\n{block}");
            let squeeze =
                |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
            let span = squeeze(&text[d.span.clone()]);
            // The pieces shown (cut by `…`, or by the lines left out of a span over several
            // lines) are, in order, the span's beginning, parts of it, and its end.
            let shown = squeeze(&segments.join("…"));
            let pieces: Vec<&str> = shown.split('…').filter(|p| !p.is_empty()).collect();
            let mut rest = span.as_str();
            for (i, piece) in pieces.iter().enumerate() {
                let at = rest.find(piece);
                assert!(
                    at.is_some() && (i > 0 || at == Some(0)),
                    "{name}: span {span:?} shown as {shown:?}\n{block}"
                );
                rest = &rest[at.unwrap() + piece.len()..];
            }
            assert!(
                span.is_empty() || rest.is_empty(),
                "{name}: the end of {span:?} is not shown: {shown:?}\n{block}"
            );
            for line in &lines {
                assert!(line.chars().count() <= 200, "{name}: a long line\n{line}");
            }
        }
    }
    // 25 kB for the 78 problems of the seeds (and as much per problem if rules find more).
    assert!(
        bytes * 78 <= 25_000 * problems.max(78),
        "{bytes} bytes of pretty output for {problems} problems"
    );
}
