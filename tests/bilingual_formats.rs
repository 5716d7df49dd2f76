//! PO, XLIFF 1.2, XLIFF 2.0 and TMX files: diagnostics and edits stay inside the prose, a
//! file fixed with every fix is still valid with the same structure and the same markup byte
//! for byte, and the prose is fixed as the same text in a `.txt` file would be.

use mtlint::{
    Engine, Format, RuleSet, Selection,
    fix::fix_until_stable,
    formats::{self, Content},
};
use std::ops::Range;

const FIXTURES: [(&str, Format); 4] = [
    ("catalog.po", Format::Po),
    ("app.xlf", Format::Xliff),
    ("app-2.0.xlf", Format::Xliff),
    ("memory.tmx", Format::Tmx),
];

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/bilingual/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("the fixture exists")
}

fn engine() -> Engine {
    Engine::new(
        &RuleSet::builtin().expect("built-in packs load"),
        &Selection::default(),
        "fr",
    )
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The markup of a file: the text of its non-prose ranges, in order.
fn markup(format: Format, text: &str) -> Vec<String> {
    formats::non_prose(format, text)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// The segments of a file: (source, translation) of each document.
fn segments(format: Format, text: &str) -> Vec<(String, String)> {
    match formats::extract(format, text) {
        Content::Documents(documents) => documents
            .iter()
            .flat_map(|d| {
                d.sources
                    .iter()
                    .map(|(range, source)| (source.clone(), d.text[range.clone()].to_string()))
            })
            .collect(),
        Content::Invalid(error) => panic!("invalid {format} file: {}", error.message),
        Content::Plain => panic!("a {format} file is not plain text"),
    }
}

#[test]
fn every_fixture_reports_in_its_prose_only() {
    let engine = engine();
    for (name, format) in FIXTURES {
        let text = fixture(name);
        let markup_ranges = formats::non_prose(format, &text);
        let found = engine.check(&text, format).expect("the fixture is valid");
        assert!(
            found.iter().any(|d| d.rule.starts_with("translation/")),
            "{name}: the bilingual checks report"
        );
        for d in &found {
            // A diagnostic starts and ends in prose; one about a whole segment may span the
            // inline codes inside it.
            let in_markup = |at: usize| markup_ranges.iter().any(|m| m.contains(&at));
            if !d.span.is_empty() {
                assert!(
                    !in_markup(d.span.start) && !in_markup(d.span.end - 1),
                    "{name}: {} flags markup {:?}",
                    d.rule,
                    &text[d.span.clone()]
                );
            }
            if !d.rule.starts_with("translation/") {
                assert!(
                    !markup_ranges.iter().any(|m| overlaps(m, &d.span)),
                    "{name}: {} flags markup {:?}",
                    d.rule,
                    &text[d.span.clone()]
                );
            }
            for edit in d.fix.iter().flat_map(|f| &f.edits) {
                let range = edit.start..edit.end;
                assert!(
                    !markup_ranges.iter().any(|m| overlaps(m, &range)),
                    "{name}: {} edits markup {:?}",
                    d.rule,
                    &text[range]
                );
            }
        }
    }
}

#[test]
fn fixed_files_keep_their_structure_and_markup() {
    let engine = engine();
    for (name, format) in FIXTURES {
        let text = fixture(name);
        let outcome = fix_until_stable(&engine, &text, format, true);
        assert!(
            outcome.applied > 0,
            "{name}: the fixture has fixable problems"
        );
        assert_ne!(outcome.text, text);
        assert_eq!(
            markup(format, &outcome.text),
            markup(format, &text),
            "{name}: the markup is kept byte for byte"
        );
        let (before, after) = (segments(format, &text), segments(format, &outcome.text));
        assert_eq!(before.len(), after.len(), "{name}: same segments");
        for ((source, _), (fixed_source, _)) in before.iter().zip(&after) {
            assert_eq!(source, fixed_source, "{name}: the sources are untouched");
        }
    }
}

#[test]
fn fixed_po_files_pass_msgfmt() {
    let Ok(status) = std::process::Command::new("msgfmt")
        .arg("--version")
        .output()
    else {
        eprintln!("msgfmt is not installed: checked by the reader alone");
        return;
    };
    assert!(status.status.success());
    let text = fixture("catalog.po");
    let fixed = fix_until_stable(&engine(), &text, Format::Po, true).text;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixed.po");
    std::fs::write(&path, fixed).unwrap();
    let out = std::process::Command::new("msgfmt")
        .args(["--check-format", "-o", "/dev/null"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn prose_is_fixed_as_the_same_text_in_a_txt_file() {
    let engine = engine();
    for (name, format) in FIXTURES {
        let text = fixture(name);
        let fixed = fix_until_stable(&engine, &text, format, true).text;
        let (before, after) = (segments(format, &text), segments(format, &fixed));
        for ((_, translation), (_, fixed_translation)) in before.iter().zip(&after) {
            let alone = fix_until_stable(&engine, translation, Format::Text, true).text;
            assert_eq!(
                &alone, fixed_translation,
                "{name}: {translation:?} fixed alone and in its file"
            );
        }
    }
}

#[test]
fn invalid_files_are_errors_with_a_place() {
    let engine = engine();
    for (text, format) in [
        ("msgid \"a\"\nmsgstr \"b\n", Format::Po),
        (
            "<xliff version=\"1.2\"><file><body></file></xliff>",
            Format::Xliff,
        ),
        ("<tmx><body><tu></body></tmx>", Format::Tmx),
        ("<html/>", Format::Xliff),
    ] {
        assert!(engine.check(text, format).is_err(), "{text}");
    }
}

#[test]
fn a_template_has_no_prose() {
    let template = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Open File\"\nmsgstr \"\"\n";
    assert!(engine().check(template, Format::Pot).unwrap().is_empty());
    assert!(engine().check("msgid \"x\n", Format::Pot).is_err());
}
