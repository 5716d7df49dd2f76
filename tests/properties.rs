//! Properties over arbitrary input: linting and fixing never panic, every diagnostic and edit
//! lies on character boundaries, and fixing a fixed text changes nothing.

use mtlint::{Engine, Format, RuleSet, Selection, fix::fix_until_stable};
use proptest::prelude::*;
use std::sync::OnceLock;

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
