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

// --- files with markup ----------------------------------------------------------------------

/// Words and punctuation the rules react to, with nothing that is markup in any format.
fn prose_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
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
        "cupboard",
        "opportun",
        "et",
        "“",
        "”",
        "\"",
        "«",
        "»",
        "(",
        ")",
        ".",
        "..",
        ",",
        " ,",
        ":",
        " :",
        "!",
        "?",
        "Almaty",
        "président",
        "État.Mais",
        "Partagez-le",
        "newsletter",
        "Facebook Twitter",
        " ",
        "  ",
        "\u{a0}",
        "é",
        "🙂",
        "’",
        "*****",
    ])
}

/// A run of prose: pieces glued by spaces, on one line.
fn prose_run() -> impl Strategy<Value = String> {
    prop::collection::vec(prose_piece(), 1..12).prop_map(|parts| parts.join(" "))
}

/// A file assembled from prose and markup, with the byte ranges of its markup.
#[derive(Debug, Clone, Default)]
struct Assembled {
    text: String,
    markup: Vec<std::ops::Range<usize>>,
}

impl Assembled {
    fn markup(&mut self, part: &str) {
        let start = self.text.len();
        self.text.push_str(part);
        self.markup.push(start..self.text.len());
    }

    fn prose(&mut self, part: &str) {
        self.text.push_str(part);
    }
}

/// Markup that holds no prose: tags, comments, scripts, styles, code, another language.
fn html_markup() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<em>",
        "</em>",
        "<br>",
        "<div class=\"x\">",
        "</div>",
        "<li>",
        "</li>",
        "<a href=\"https://x.org/le le..\">",
        "</a>",
        "<!-- le le.. -->",
        "<script>if (a<b) console.log(\"le le..\");</script>",
        "<style>p { font-family: \"Helvetica Neue\"; }</style>",
        "<code>le le ..</code>",
        "<pre>cupboard worldwide..</pre>",
        "<span lang=\"en\">the drive worldwide</span>",
        "<textarea>le le..</textarea>",
        "<img src=\"a.png\">",
    ])
}

/// Prose of an HTML page: runs of text, character references, white space (prose between
/// words, left out at the edges of blocks: editing it is harmless either way), and attributes
/// people read (whose tag, name and quotes are markup).
fn html_page() -> impl Strategy<Value = Assembled> {
    let part = prop_oneof![
        prose_run().prop_map(|p| (0, p)),
        html_markup().prop_map(|m| (1, m.to_string())),
        prop::sample::select(vec![
            "&amp;", "&nbsp;", "&eacute;", "&#233;", "&quot;", "\n", "\n\n  "
        ])
        .prop_map(|r| (2, r.to_string())),
        prose_run().prop_map(|p| (3, p)),
    ];
    prop::collection::vec(part, 0..30).prop_map(|parts| {
        let mut page = Assembled::default();
        for (kind, part) in parts {
            match kind {
                1 => page.markup(&part),
                3 => {
                    page.markup("<img alt=\"");
                    page.prose(&part.replace('"', "&quot;"));
                    page.markup("\" src=\"x.png\">");
                }
                _ => page.prose(&part),
            }
        }
        page
    })
}

/// A JSON Lines corpus: records whose `text` is prose, escaped.
fn jsonl_corpus() -> impl Strategy<Value = Assembled> {
    prop::collection::vec(prop::collection::vec(prose_run(), 1..4), 0..6).prop_map(|records| {
        let mut corpus = Assembled::default();
        for (i, lines) in records.iter().enumerate() {
            let text = serde_json::to_string(&lines.join("\n")).unwrap();
            corpus.markup(&format!("{{\"id\": {i}, \"text\": \""));
            corpus.prose(&text[1..text.len() - 1]);
            corpus.markup(&format!("\", \"url\": \"https://x.org/{i}..\"}}\n"));
        }
        corpus
    })
}

/// Cue tags of SubRip and WebVTT.
fn cue_tag() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<i>",
        "</i>",
        "<b>",
        "</b>",
        "{\\an8}",
        "<font color=\"#ff0\">",
        "</font>",
        "<c.yellow>",
        "</c>",
        "<v Marie>",
        "</v>",
        "<00:00:01.500>",
    ])
}

/// A subtitle file (WebVTT with `vtt`): cues of prose lines and tags.
fn subtitles(vtt: bool) -> impl Strategy<Value = Assembled> {
    let line = prop::collection::vec((prose_run(), prop::option::of(cue_tag())), 1..4);
    prop::collection::vec(prop::collection::vec(line, 1..3), 0..6).prop_map(move |cues| {
        let mut file = Assembled::default();
        if vtt {
            file.markup("WEBVTT\n\nNOTE le le.. cupboard\n\n");
        }
        for (i, lines) in cues.iter().enumerate() {
            let timing = if vtt {
                format!("{i}\n00:00:0{i}.000 --> 00:00:0{i}.500 line:0\n")
            } else {
                format!("{}\n00:00:0{i},000 --> 00:00:0{i},500\n", i + 1)
            };
            file.markup(&timing);
            for (l, runs) in lines.iter().enumerate() {
                if l > 0 {
                    file.prose("\n");
                }
                for (prose, tag) in runs {
                    file.prose(prose.trim());
                    if let Some(tag) = tag {
                        file.markup(tag);
                    }
                }
            }
            file.markup("\n\n");
        }
        file
    })
}

/// No edit of any diagnostic touches a byte of `file`'s markup, and fixing keeps every piece
/// of markup, in order.
fn check_markup_untouched(file: &Assembled, format: Format) {
    let text = &file.text;
    let touches =
        |start: usize, end: usize| file.markup.iter().any(|m| start < m.end && m.start < end);
    for d in engine().lint(text, format) {
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(
                !touches(e.start, e.end),
                "{format}: {} edits markup at {}..{} ({:?}) in {text:?}",
                d.rule,
                e.start,
                e.end,
                &text[e.start..e.end]
            );
        }
    }
    let fixed = fix_until_stable(engine(), text, format, true).text;
    let mut at = 0;
    for m in &file.markup {
        let piece = &text[m.clone()];
        match fixed[at..].find(piece) {
            Some(found) => at += found + piece.len(),
            None => panic!("{format}: markup {piece:?} lost in {fixed:?}, fixed from {text:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn html_markup_is_never_edited(page in html_page()) {
        check_markup_untouched(&page, Format::Html);
    }

    #[test]
    fn jsonl_markup_is_never_edited(corpus in jsonl_corpus()) {
        check_markup_untouched(&corpus, Format::Jsonl);
        let fixed = fix_until_stable(engine(), &corpus.text, Format::Jsonl, true).text;
        for (before, after) in corpus.text.lines().zip(fixed.lines()) {
            let mut before: serde_json::Value = serde_json::from_str(before).unwrap();
            let mut after: serde_json::Value = serde_json::from_str(after).expect("fixed records stay JSON");
            before["text"] = serde_json::Value::Null;
            after["text"] = serde_json::Value::Null;
            prop_assert_eq!(before, after);
        }
    }

    #[test]
    fn srt_markup_is_never_edited(file in subtitles(false)) {
        check_markup_untouched(&file, Format::Srt);
    }

    #[test]
    fn vtt_markup_is_never_edited(file in subtitles(true)) {
        check_markup_untouched(&file, Format::Vtt);
    }
}
