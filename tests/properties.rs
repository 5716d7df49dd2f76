//! Properties over arbitrary input: linting and fixing never panic, every diagnostic and edit
//! lies on character boundaries, and fixing a fixed text changes nothing; a text written with
//! CR, CRLF, mixed, NEL or U+2028 line breaks, or with decomposed accents (NFD), gets the same
//! diagnostics and the same fixes as its LF, composed twin.

use mtlint::{Engine, Format, RuleSet, Selection, fix::fix_until_stable};
use proptest::prelude::*;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(
            &RuleSet::builtin().expect("built-in packs load"),
            &Selection::default(),
            "fr",
        )
    })
}

/// Text made of the pieces that the rules react to, glued in any order.
fn spun_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "le",
        "la",
        "une",
        "au",
        "second",
        "de",
        "d’",
        "l'",
        "jusqu’",
        " à",
        "Web",
        "worldwide",
        "drive",
        "létale",
        "affect",
        "vacation spot",
        "opportun",
        "et",
        "ou",
        "“",
        "”",
        "\"",
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        ".",
        ". .",
        "..",
        ",",
        ",,",
        ":",
        " :",
        "!",
        "?",
        "A",
        "Almaty",
        "Etats-Unis",
        "Kazakh",
        "président",
        "État.Mais",
        "Facebook Twitter",
        "×",
        "*****",
        "Partagez-le",
        "newsletter",
        "https://x.org/a",
        "`code`",
        "```",
        "<!-- c -->",
        " ",
        "  ",
        "\u{a0}",
        "\u{202f}",
        "\n",
        "\n\n",
        "\r\n",
        "\u{feff}",
        "é",
        "ß",
        "İ",
        "🙂",
        "’",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.concat())
}

fn check_invariants(text: &str, format: Format) {
    for d in engine().lint(text, format) {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "span out of range: {d:?}"
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "span splits a character: {d:?}"
        );
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(
                    e.start <= e.end && e.end <= text.len(),
                    "edit out of range: {d:?}"
                );
                assert!(
                    text.is_char_boundary(e.start) && text.is_char_boundary(e.end),
                    "edit splits a character: {d:?}"
                );
            }
        }
    }
    for unsafe_fixes in [false, true] {
        let once = fix_until_stable(engine(), text, format, unsafe_fixes);
        let twice = fix_until_stable(engine(), &once.text, format, unsafe_fixes);
        assert_eq!(
            once.text, twice.text,
            "fixing is not idempotent (unsafe fixes: {unsafe_fixes}) for {text:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_breaks_anything(text in any::<String>()) {
        check_invariants(&text, Format::Text);
    }

    #[test]
    fn spun_fragments_never_break_anything(text in spun_text()) {
        check_invariants(&text, Format::Text);
        check_invariants(&text, Format::Markdown);
    }
}

/// Turns a text into another way of writing it.
type Rewrite = fn(&str) -> String;

/// The ways a text may write its line breaks and accents, each turning the LF, composed twin
/// into the variant.
const VARIANTS: [(&str, Rewrite); 6] = [
    ("CR", |t| t.replace('\n', "\r")),
    ("CRLF", |t| t.replace('\n', "\r\n")),
    ("mixed", |t| {
        let mut out = String::new();
        for (i, line) in t.split('\n').enumerate() {
            if i > 0 {
                // A CR is never followed by an LF, which would make one CRLF.
                out.push_str(["\r\n", "\n", "\r"][i % 3]);
            }
            out.push_str(line);
        }
        out
    }),
    ("NEL", |t| t.replace('\n', "\u{85}")),
    ("U+2028", |t| t.replace('\n', "\u{2028}")),
    ("NFD", |t| t.nfd().collect()),
];

/// A variant's text written back as its twin: LF line breaks, composed characters.
fn as_twin(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{85}', '\u{2028}'], "\n")
        .nfc()
        .collect()
}

/// The diagnostics of `text` as (rule, flagged text as its twin writes it), in order.
fn findings(text: &str, format: Format) -> Vec<(String, String)> {
    engine()
        .lint(text, format)
        .into_iter()
        .map(|d| (d.rule.to_string(), as_twin(&text[d.span.clone()])))
        .collect()
}

fn check_variants(twin: &str, format: Format) {
    let expected = findings(twin, format);
    for (name, make) in VARIANTS {
        let variant = make(twin);
        check_invariants(&variant, format);
        assert_eq!(
            findings(&variant, format),
            expected,
            "the {name} variant of {twin:?} is linted differently"
        );
        for unsafe_fixes in [false, true] {
            let fixed_twin = fix_until_stable(engine(), twin, format, unsafe_fixes).text;
            let fixed = fix_until_stable(engine(), &variant, format, unsafe_fixes).text;
            assert_eq!(
                as_twin(&fixed),
                fixed_twin,
                "the {name} variant of {twin:?} is fixed differently (unsafe fixes: {unsafe_fixes})"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn line_breaks_and_decomposed_accents_change_nothing(text in spun_text()) {
        let twin = as_twin(&text.replace('\u{feff}', ""));
        check_variants(&twin, Format::Text);
    }
}

#[test]
fn decomposed_words_are_not_split_or_deleted() {
    let nfd = "Le re\u{301}sultat de de\u{301}cennies de mate\u{301}riel\n";
    let found = engine().lint(nfd, Format::Text);
    assert!(found.is_empty(), "{found:?}");
    let fixed = fix_until_stable(engine(), nfd, Format::Text, true);
    assert_eq!(fixed.text, nfd);
}
