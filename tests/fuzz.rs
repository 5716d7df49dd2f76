//! Fuzzing with proptest (stable Rust has no cargo-fuzz): lint and fix arbitrary bytes and
//! arbitrary text mixing line endings, combining marks, quotes and URLs; parse arbitrary
//! configuration files and rule packs. Nothing may panic; every diagnostic and edit lies on
//! character boundaries; fixing a fixed text changes nothing; decoding and encoding round-trip;
//! a bad configuration or pack is an error that renders.
//!
//! `MTLINT_FUZZ_CASES` sets the number of cases of each target (default 64) and
//! `MTLINT_FUZZ_SECONDS` a time budget per target, after which the remaining cases are skipped
//! (`.ci/run` runs a release build for a bounded time). Each target prints how many inputs it
//! executed.

use mtlint::{
    Engine, Format, RuleSet, Selection,
    config::{ConfigFile, Overrides, Settings},
    encoding::{Decoded, Encoding},
    fix::fix_until_stable,
    policy::Policy,
};
use proptest::{prelude::*, strategy::ValueTree, test_runner::TestRunner};
use std::{
    path::Path,
    sync::{Arc, OnceLock},
    time::{Duration, Instant},
};

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

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `property` on values of `strategy` for the configured number of cases or time, prints
/// how many ran, and on a failure shrinks the input as proptest does and panics with the
/// smallest failing one.
fn fuzz<S: Strategy>(name: &str, strategy: S, property: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug + Clone,
{
    let cases = env_number("MTLINT_FUZZ_CASES", 64);
    let budget = Duration::from_secs(env_number("MTLINT_FUZZ_SECONDS", 3600));
    let fails = |value: S::Value| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| property(value))).is_err()
    };
    let mut runner = TestRunner::new(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let start = Instant::now();
    let mut executed = 0u64;
    while executed < cases && start.elapsed() < budget {
        let mut tree = strategy
            .new_tree(&mut runner)
            .expect("the strategies never reject");
        executed += 1;
        if !fails(tree.current()) {
            continue;
        }
        eprintln!(
            "fuzz {name}: failing input before shrinking: {:?}",
            tree.current()
        );
        let mut smallest = tree.current();
        let mut shrinking = tree.simplify();
        while shrinking {
            let value = tree.current();
            shrinking = if fails(value.clone()) {
                smallest = value;
                tree.simplify()
            } else {
                tree.complicate()
            };
        }
        panic!("fuzz {name}: failed after {executed} inputs; smallest failing input: {smallest:?}");
    }
    println!(
        "fuzz {name}: {executed} inputs in {:.1} s, no failure",
        start.elapsed().as_secs_f64()
    );
}

/// Lints and fixes `text` and checks every invariant.
fn check_text(text: &str) {
    for format in [Format::Text, Format::Markdown] {
        for d in engine().lint(text, format) {
            assert!(
                d.span.start <= d.span.end && d.span.end <= text.len(),
                "span out of range: {d:?}"
            );
            assert!(
                text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
                "span splits a character: {d:?}"
            );
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                assert!(e.start <= e.end && e.end <= text.len(), "edit: {d:?}");
                assert!(
                    text.is_char_boundary(e.start) && text.is_char_boundary(e.end),
                    "edit splits a character: {d:?}"
                );
            }
        }
        for unsafe_fixes in [false, true] {
            let once = fix_until_stable(engine(), text, format, unsafe_fixes);
            let twice = fix_until_stable(engine(), &once.text, format, unsafe_fixes);
            assert_eq!(
                once.text, twice.text,
                "fixing is not idempotent (unsafe: {unsafe_fixes}, {format:?})"
            );
            assert!(
                once.text.len() <= text.len() * 4 + 4096,
                "fixing grew the text from {} to {} bytes",
                text.len(),
                once.text.len()
            );
        }
    }
}

/// Pieces the rules and the line models react to, glued in any order.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "le",
        "la",
        "une",
        "au",
        "second",
        "de",
        "d’",
        "l'",
        " à",
        "Web",
        "worldwide",
        "drive",
        "létale",
        "opportun",
        "et",
        "“",
        "”",
        "\"",
        "«",
        "»",
        "« ",
        " »",
        "(",
        ")",
        ".",
        ". .",
        "..",
        ",",
        " :",
        "!",
        "?",
        "président",
        "État.Mais",
        "Facebook Twitter",
        "×",
        "*****",
        "Partagez-le avec un ami !",
        "inscrivez-vous",
        "newsletter gratuite",
        "https://x.org/a",
        "http://exemple.fr/a_b.",
        "a@b.fr",
        "`code`",
        "```",
        "<!-- c -->",
        "<!-- mtlint-disable -->",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\u{202f}",
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        "\r\r",
        "\u{85}",
        "\u{2028}",
        "\u{2029}",
        "\u{feff}",
        "e\u{301}",
        "\u{301}",
        "\u{308}",
        "re\u{301}sultat",
        "é",
        "ß",
        "İ",
        "🙂",
        "’",
        "\u{200b}",
        "\0",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|parts| parts.concat())
}

/// The smallest inputs of earlier findings, checked on every run.
/// A text where the English-quote fixes do not converge from the original (nested and
/// unbalanced quotes, found by the fuzzer): fixing the fixed text changes nothing.
#[test]
fn fixing_a_text_whose_quote_fixes_diverged_is_idempotent() {
    for text in ["““«””.« “le”", "““«””.« “le” et “la”."] {
        for unsafe_fixes in [false, true] {
            let once = fix_until_stable(engine(), text, Format::Text, unsafe_fixes);
            let twice = fix_until_stable(engine(), &once.text, Format::Text, unsafe_fixes);
            assert_eq!(once.text, twice.text, "{text:?}, unsafe: {unsafe_fixes}");
        }
    }
}

#[test]
fn earlier_findings_stay_fixed() {
    // Nested quotes converted one pair per round were taken for a fix that matches its own
    // replacement, so a first --fix skipped them and a second one applied them.
    let bytes = vec![255, 254, 28, 32, 28, 32, 34, 0, 171, 0, 29, 32, 29, 32];
    let Ok(Decoded::Text(text, _)) = Encoding::decode(bytes) else {
        panic!("UTF-16 text");
    };
    check_text(&text);
    check_text("lele »le»“le“«””");
    // Two rules undoing each other: the space after an opening guillemet before a bracket.
    check_text("(« )«le");
    // Composition that shortens one character and lengthens another by as much (a character
    // that NFC decomposes): the view keeps the length, not the character boundaries.
    check_text("z=\u{1ffd}\u{fb39}:");
    // An empty boilerplate match on the terminator of an empty CRLF line.
    let pack = "[pack]\nname = \"p\"\nlang = \"*\"\n\n[[rule]]\nid = \"punctuation/x\"\n\
                kind = \"boilerplate\"\ncategory = \"punctuation\"\nseverity = \"warning\"\n\
                message = \"m\"\nfix = \"safe\"\nsummary = \"s\"\nwhat = \"w\"\nwhy = \"y\"\n\
                examples = [{ bad = \"a\" }, { good = \"b\" }]\n[[rule.patterns]]\nregex = ''\n";
    let set = RuleSet::load([("fuzz.toml".to_string(), pack.to_string())]).unwrap();
    let engine = Engine::new(&set, &Selection::default(), "fr");
    let _ = fix_until_stable(&engine, "\r\n\r\n", Format::Text, true);
}

#[test]
fn fuzz_lint_and_fix_on_arbitrary_bytes() {
    let utf16 = |text: String, big_endian: bool| -> Vec<u8> {
        std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    };
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        tricky_text().prop_map(String::into_bytes),
        (tricky_text(), any::<bool>()).prop_map(move |(t, be)| utf16(t, be)),
        (tricky_text(), any::<u8>(), any::<prop::sample::Index>()).prop_map(|(t, b, at)| {
            let mut bytes = t.into_bytes();
            let at = at.index(bytes.len() + 1);
            bytes.insert(at, b);
            bytes
        }),
    ];
    fuzz("lint+fix on bytes", bytes, |bytes| {
        match Encoding::decode(bytes) {
            Ok(Decoded::Text(text, encoding)) => {
                let encoded = encoding.encode(&text).into_owned();
                match Encoding::decode(encoded) {
                    Ok(Decoded::Text(again, same)) => {
                        assert_eq!((&again, same), (&text, encoding), "round trip")
                    }
                    other => panic!("round trip of {text:?} gave {other:?}"),
                }
                check_text(&text);
            }
            Ok(Decoded::Binary) => {}
            Err(e) => assert!(!e.reason.is_empty()),
        }
    });
}

#[test]
fn fuzz_lint_and_fix_on_arbitrary_unicode() {
    fuzz("lint+fix on unicode", any::<String>(), |text| {
        check_text(&text)
    });
}

#[test]
fn fuzz_lint_and_fix_on_tricky_text() {
    fuzz("lint+fix on tricky text", tricky_text(), |text| {
        check_text(&text)
    });
}

/// TOML-ish text: keys, values and tables of configuration files and rule packs, broken and
/// glued in any order.
fn tomlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "[pack]\n",
        "name = \"p\"\n",
        "lang = \"fr\"\n",
        "lang = \"*\"\n",
        "lang = 5\n",
        "[[rule]]\n",
        "id = \"punctuation/x\"\n",
        "id = \"\"\n",
        "id = \"a/b/c\"\n",
        "kind = \"pattern\"\n",
        "kind = \"phrase\"\n",
        "kind = \"repetition\"\n",
        "kind = \"boilerplate\"\n",
        "kind = \"balance\"\n",
        "kind = \"lexicon\"\n",
        "kind = \"language\"\n",
        "category = \"punctuation\"\n",
        "category = \"nope\"\n",
        "severity = \"warning\"\n",
        "severity = \"huge\"\n",
        "message = \"{match} {suggestion}\"\n",
        "fix = \"safe\"\n",
        "fix = \"unsafe\"\n",
        "summary = \"s\"\n",
        "what = \"w\"\n",
        "why = \"y\"\n",
        "mode = \"lines\"\n",
        "mode = \"word\"\n",
        "mode = \"line\"\n",
        "mode = \"english\"\n",
        "mode = \"trailing-links\"\n",
        "min-lines = 0\n",
        "min-words = 18446744073709551615\n",
        "examples = [{ bad = \"a..\", fixed = \"a.\" }]\n",
        "examples = [{ good = \"ok\" }]\n",
        "[[rule.patterns]]\n",
        "regex = '(a)(?P<n>b)'\n",
        "regex = '('\n",
        "regex = '\\b'\n",
        "regex = ''\n",
        "regex = '.*'\n",
        "regex = '$'\n",
        "replace = '$1${n}'\n",
        "replace = '$9'\n",
        "replace = '${'\n",
        "replace = '$$'\n",
        "replace = ''\n",
        "preceded-by = '^'\n",
        "preceded-by = '('\n",
        "outside-guillemets = true\n",
        "[[rule.entries]]\n",
        "phrases = [\"a\", \"\"]\n",
        "phrases = []\n",
        "suggest = [\"b\"]\n",
        "prev = [\"@det\"]\n",
        "next = [\"@punct\"]\n",
        "[classes]\n",
        "det = [\"la\"]\n",
        "pairs = [[\"(\", \")\"]]\n",
        "pairs = [[\"\", \"\"]]\n",
        "misoriented = true\n",
        "select = [\"punctuation\"]\n",
        "select = [\"\"]\n",
        "extend-select = [\"broken-phrasing\"]\n",
        "ignore = [\"x\"]\n",
        "fail-on = \"info\"\n",
        "origin = \"translated\"\n",
        "origin = \"x\"\n",
        "include = [\"[\"]\n",
        "exclude = [\"**\"]\n",
        "allow = [\"Web\"]\n",
        "extend-rules = [\"/nonexistent\"]\n",
        "glossary = 5\n",
        "glossary = [\"Tokaïev\"]\n",
        "[glossary]\n",
        "\"Tokaïev\" = [\"Tokayev\"]\n",
        "\"\" = []\n",
        "[severity]\n",
        "\"punctuation\" = \"error\"\n",
        "[per-file-ignores]\n",
        "\"*.md\" = [\"typography\"]\n",
        "[per-phrase-ignores]\n",
        "\"\" = [\"x\"]\n",
        "= \n",
        "[[\n",
        "\"\n",
        "'''\n",
        "é",
        "\r\n",
        " ",
        "\u{feff}",
        "#",
        "x = { a = 1 }\n",
        "x = [1, \"a\"]\n",
        "1979-05-27T07:32:00Z\n",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

/// A pack header and one rule with every required key, then TOML-ish text: most of these
/// load, so the rule kinds compile and run.
fn packish() -> impl Strategy<Value = String> {
    let kinds = prop::sample::select(vec![
        "pattern",
        "phrase",
        "repetition",
        "boilerplate",
        "balance",
        "lexicon",
        "language",
    ]);
    (kinds, tomlish()).prop_map(|(kind, rest)| {
        format!(
            "[pack]\nname = \"p\"\nlang = \"*\"\n\n[[rule]]\nid = \"punctuation/x\"\n\
             kind = \"{kind}\"\ncategory = \"punctuation\"\nseverity = \"warning\"\n\
             message = \"m\"\nfix = \"safe\"\nsummary = \"s\"\nwhat = \"w\"\nwhy = \"y\"\n\
             examples = [{{ bad = \"a\" }}, {{ good = \"b\" }}]\n{rest}"
        )
    })
}

/// Any text, TOML-ish text, or a nearly valid pack.
fn config_or_pack_text() -> impl Strategy<Value = String> {
    prop_oneof![tomlish(), any::<String>(), packish()]
}

#[test]
fn fuzz_the_configuration_parser() {
    let ids: Vec<String> = RuleSet::builtin()
        .unwrap()
        .rules
        .iter()
        .map(|r| r.meta.id.to_string())
        .collect();
    fuzz(
        "configuration parser",
        config_or_pack_text(),
        |text| match ConfigFile::parse(Path::new("mtlint.toml"), text) {
            Err(e) => {
                let _ = e.render(false);
            }
            Ok(file) => {
                if let Err(e) = file.validate(&ids) {
                    let _ = e.render(false);
                    return;
                }
                let Ok(extend) = file.extend_rules() else {
                    return;
                };
                let mut settings =
                    Settings::resolve(Some(&file), &Overrides::default(), extend, Path::new("."));
                settings.resolve_rules(ids.iter().map(String::as_str));
                let _ = settings.file_filter();
                let _ = settings.to_toml();
                if let Ok(policy) = Policy::new(Arc::new(settings), ids.clone()) {
                    let text = "Le Web.. de Tokayev «x» <!-- mtlint-disable x -->\n";
                    let _ = policy.lint(engine(), Path::new("a.md"), text, Format::Markdown);
                }
            }
        },
    );
}

#[test]
fn fuzz_the_rule_pack_parser() {
    fuzz(
        "rule pack parser",
        config_or_pack_text(),
        |text| match RuleSet::load([("fuzz.toml".to_string(), text)]) {
            Err(e) => {
                let _ = e.render(false);
                let _ = e.to_string();
            }
            Ok(set) => {
                for lang in ["fr", "en"] {
                    let engine = Engine::new(&set, &Selection::default(), lang);
                    for sample in ["a.. b (c « d", "ab ab\nab ab\n", "", "\r\n\u{2028}é"] {
                        let _ = fix_until_stable(&engine, sample, Format::Text, true);
                    }
                }
            }
        },
    );
}
