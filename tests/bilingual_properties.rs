//! For random PO, XLIFF 1.2, XLIFF 2.0 and TMX files built from prose pieces (with the
//! problems the rules fix) and markup pieces (comments, keywords, escapes, entities, inline
//! tags, alternative translations), no edit ever touches a markup byte: fixing with every fix
//! leaves a valid file whose markup is the original's byte for byte.

use mtlint::{
    Engine, Format, RuleSet, Selection,
    fix::fix_until_stable,
    formats::{self, Content},
};
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

/// Words and punctuation the rules react to.
fn prose_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "le",
        "le le",
        "la",
        "une",
        "fichier",
        "worldwide",
        "thumbnail",
        "drive",
        " ",
        " ",
        "..",
        ". .",
        ",",
        " :",
        ":",
        "?",
        " ?",
        "«",
        "»",
        "“",
        "”",
        "l'",
        "d’",
        "Web",
        "%s",
        "{0}",
        "10",
        "1 000",
        "photos",
        "de",
        "et",
    ])
}

/// What stands between prose pieces in each format: markup that no edit may touch.
fn markup_piece(format: Format) -> impl Strategy<Value = &'static str> {
    let pieces = match format {
        Format::Po => vec!["\\n", "\\\"", "\\t", "\\\\", "\"\n\""],
        Format::Xliff => vec![
            "&amp;",
            "&lt;",
            "&quot;",
            "<x id=\"1\"/>",
            "<g id=\"2\">",
            "</g>",
            "<ph id=\"3\">&lt;br/&gt;</ph>",
            "<bpt id=\"4\">&lt;b&gt;</bpt>",
            "<ept id=\"4\">&lt;/b&gt;</ept>",
            "<mrk mtype=\"term\">",
            "</mrk>",
            "<![CDATA[a..b]]>",
        ],
        _ => vec![
            "&amp;",
            "&gt;",
            "&#233;",
            "<ph x=\"1\">{n}</ph>",
            "<bpt i=\"1\">&lt;i&gt;</bpt>",
            "<ept i=\"1\">&lt;/i&gt;</ept>",
            "<hi type=\"b\">",
            "</hi>",
            "<ut>&lt;br&gt;</ut>",
        ],
    };
    prop::sample::select(pieces)
}

/// A segment: prose pieces with markup pieces between some of them. Balanced inline elements
/// (`<g>`, `<mrk>`, `<hi>`) are closed at the end.
fn segment(format: Format) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prose_piece(),
            prop::option::weighted(0.3, markup_piece(format)),
        ),
        0..12,
    )
    .prop_map(move |pieces| {
        let mut out = String::new();
        let mut open: Vec<&str> = Vec::new();
        for (prose, markup) in pieces {
            let prose = match format {
                Format::Po => prose.replace('"', "\\\""),
                _ => prose.to_string(),
            };
            out.push_str(&prose);
            match markup {
                Some(m @ ("<g id=\"2\">" | "<mrk mtype=\"term\">" | "<hi type=\"b\">")) => {
                    open.push(m);
                    out.push_str(m);
                }
                Some("</g>" | "</mrk>" | "</hi>") => {
                    if let Some(m) = open.pop() {
                        out.push_str(closing(m));
                    }
                }
                Some(m) => out.push_str(m),
                None => {}
            }
        }
        while let Some(m) = open.pop() {
            out.push_str(closing(m));
        }
        out
    })
}

fn closing(start: &str) -> &'static str {
    match start {
        "<g id=\"2\">" => "</g>",
        "<mrk mtype=\"term\">" => "</mrk>",
        _ => "</hi>",
    }
}

/// A whole file of `format` holding `segments` as its translations.
fn file(format: Format, segments: &[(String, String)]) -> String {
    let mut out = String::new();
    match format {
        Format::Po => {
            out.push_str("# Random catalog.\nmsgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n");
            for (i, (source, target)) in segments.iter().enumerate() {
                if i % 3 == 1 {
                    out.push_str("#, fuzzy, c-format\n");
                }
                if i % 4 == 2 {
                    out.push_str(&format!("msgctxt \"ctx {i}\"\n"));
                }
                out.push_str(&format!("#: src/a.c:{i}\nmsgid \"{source} {i}\"\n"));
                if i % 5 == 3 {
                    out.push_str(&format!(
                        "msgid_plural \"{source} {i}s\"\nmsgstr[0] \"{target}\"\nmsgstr[1] \"\"\n\"{target}\"\n\n"
                    ));
                } else {
                    out.push_str(&format!("msgstr \"\"\n\"{target}\"\n\n"));
                }
            }
            out.push_str("#~ msgid \"old\"\n#~ msgstr \"vieux..\"\n");
        }
        Format::Xliff => {
            out.push_str("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"x\"><body>\n");
            for (i, (source, target)) in segments.iter().enumerate() {
                out.push_str(&format!(
                    "<trans-unit id=\"{i}\"><source>{source}</source><target>{target}</target><alt-trans><target>le le..</target></alt-trans><note>la la..</note></trans-unit>\n"
                ));
            }
            out.push_str("</body></file></xliff>\n");
        }
        _ => {
            out.push_str("<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/><body>\n");
            for (i, (source, target)) in segments.iter().enumerate() {
                let (first, second) = (
                    format!("<tuv xml:lang=\"en\"><seg>{source}</seg></tuv>"),
                    format!("<tuv xml:lang=\"fr\"><seg>{target}</seg></tuv>"),
                );
                if i % 2 == 0 {
                    out.push_str(&format!(
                        "<tu><prop type=\"x\">le le..</prop>{first}{second}</tu>\n"
                    ));
                } else {
                    out.push_str(&format!("<tu>{second}{first}</tu>\n"));
                }
            }
            out.push_str("</body></tmx>\n");
        }
    }
    out
}

/// The markup bytes of a file, in order (a fix that empties a segment joins the markup
/// around it).
fn markup(format: Format, text: &str) -> String {
    formats::non_prose(format, text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

fn check_format(format: Format, segments: Vec<(String, String)>) -> Result<(), TestCaseError> {
    let text = file(format, &segments);
    let before = markup(format, &text);
    prop_assert!(
        matches!(formats::extract(format, &text), Content::Documents(_)),
        "the generated file is valid"
    );
    for d in engine().check(&text, format).expect("valid") {
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            let range = edit.start..edit.end;
            prop_assert!(
                !formats::non_prose(format, &text)
                    .iter()
                    .any(|m| m.start < range.end && range.start < m.end),
                "{} edits markup {:?} in {text:?}",
                d.rule,
                &text[range]
            );
        }
    }
    let fixed = fix_until_stable(engine(), &text, format, true).text;
    prop_assert!(
        matches!(formats::extract(format, &fixed), Content::Documents(_)),
        "the fixed file is valid: {fixed:?}"
    );
    prop_assert_eq!(markup(format, &fixed), before, "markup kept in {:?}", fixed);
    Ok(())
}

fn segments(format: Format) -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((segment(format), segment(format)), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn po_edits_never_touch_markup(segments in segments(Format::Po)) {
        check_format(Format::Po, segments)?;
    }

    #[test]
    fn xliff_edits_never_touch_markup(segments in segments(Format::Xliff)) {
        check_format(Format::Xliff, segments)?;
    }

    #[test]
    fn tmx_edits_never_touch_markup(segments in segments(Format::Tmx)) {
        check_format(Format::Tmx, segments)?;
    }
}
