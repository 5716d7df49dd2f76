//! Markdown is read as Markdown: only its prose is linted, fixes never touch its markup, and a
//! fixed file parses back with the same structure.

use assert_cmd::Command;
use mtlint::{Engine, Format, RuleSet, Selection, fix::fix_until_stable};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};
use serde_json::Value;
use std::{fs, path::Path, sync::OnceLock};

const ARTICLE: &str = include_str!("../fixtures/formats/article.md");

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

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// The structure of a Markdown text: every event but the prose's own text, its line breaks
/// and the titles of links and images, which fixes may change.
fn structure(text: &str) -> Vec<String> {
    let mut in_prose_text = false;
    Parser::new_ext(text, options())
        .filter_map(|event| match event {
            Event::Text(_) | Event::SoftBreak => {
                let first = !in_prose_text;
                in_prose_text = true;
                first.then(|| "text".to_string())
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                in_prose_text = false;
                Some(format!("link {link_type:?} {dest_url} {id}"))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                in_prose_text = false;
                Some(format!("image {link_type:?} {dest_url} {id}"))
            }
            other => {
                in_prose_text = false;
                Some(format!("{other:?}"))
            }
        })
        .collect()
}

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").expect("the mtlint binary is built");
    cmd.current_dir(dir);
    cmd
}

/// The (rule, flagged text) of every diagnostic of `file`.
fn findings(dir: &Path, file: &str) -> Vec<(String, String, usize, usize)> {
    let out = mtlint(dir)
        .args(["check", "--isolated", "--format", "jsonl", file])
        .output()
        .unwrap();
    let text = fs::read_to_string(dir.join(file)).unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let d: Value = serde_json::from_str(line).unwrap();
            let start = d["start"]["offset"].as_u64().unwrap() as usize;
            let end = d["end"]["offset"].as_u64().unwrap() as usize;
            (
                d["rule"].as_str().unwrap().to_string(),
                text[start..end].to_string(),
                start,
                end,
            )
        })
        .collect()
}

#[test]
fn only_prose_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    let found = findings(dir.path(), "article.md");
    assert!(found.len() >= 10, "the prose has problems: {found:?}");
    let markup = [
        "---\ntitle: \"Le cupboard worldwide\"\ntags: [drive, level]\n---",
        "(https://example.org/worldwide",
        "`worldwide --level`",
        "```sh\necho \"le cupboard worldwide\" .. , ;\n```",
        "    code indenté : le cupboard worldwide..",
        "<div class=\"share\">Partager sur Facebook</div>",
        "[officielle]: https://example.org/officielle",
        "[^1]",
    ];
    for piece in markup {
        let at = ARTICLE.find(piece).expect("the fixture holds the markup");
        let range = at..at + piece.len();
        for (rule, text, start, end) in &found {
            assert!(
                *end <= range.start || *start >= range.end,
                "{rule} flagged {text:?} inside the markup {piece:?}"
            );
        }
    }
    let rules: Vec<&str> = found.iter().map(|(rule, ..)| rule.as_str()).collect();
    assert!(
        !rules.iter().any(|r| r.starts_with("suppression")),
        "the comment in a code block is an example, the other one is used: {rules:?}"
    );
    assert!(
        !rules.contains(&"punctuation/unbalanced-brackets"),
        "links are not brackets"
    );
    assert!(
        found.iter().any(|(_, text, ..)| text == "worldwide"),
        "link titles are prose"
    );
}

#[test]
fn a_fixed_file_keeps_its_structure() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    mtlint(dir.path())
        .args([
            "check",
            "--isolated",
            "--fix",
            "--unsafe-fixes",
            "article.md",
        ])
        .assert()
        .code(predicates_code());
    let fixed = fs::read_to_string(dir.path().join("article.md")).unwrap();
    assert_ne!(fixed, ARTICLE, "the prose was fixed");
    assert!(fixed.contains("la force létale du cabinet"), "{fixed}");
    assert!(
        fixed.contains("echo \"le cupboard worldwide\" .. , ;"),
        "code kept"
    );
    assert_eq!(structure(&fixed), structure(ARTICLE));
}

/// Fixing exits 0 or 1 (problems remain).
fn predicates_code() -> impl predicates::Predicate<i32> {
    predicates::function::function(|code: &i32| *code == 0 || *code == 1)
}

#[test]
fn prose_is_flagged_as_in_plain_text() {
    // The same paragraph, as Markdown and as plain text, gets the same diagnostics.
    let paragraph = "Le cupboard a parlé.Mais la drive létale reste , hier.. Fin.\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), format!("# Titre\n\n{paragraph}")).unwrap();
    fs::write(dir.path().join("a.txt"), format!("Titre\n\n{paragraph}")).unwrap();
    let strip = |v: Vec<(String, String, usize, usize)>| {
        v.into_iter().map(|(r, t, ..)| (r, t)).collect::<Vec<_>>()
    };
    assert_eq!(
        strip(findings(dir.path(), "a.md")),
        strip(findings(dir.path(), "a.txt"))
    );
}

/// Markdown made of prose and markup pieces glued in any order.
fn markdown() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "le cupboard",
        "worldwide",
        "la drive létale",
        " , ",
        "..",
        "\"citation\"",
        "État.Mais",
        "« x »",
        "(",
        ")",
        " ",
        "\n",
        "\n\n",
        "# ",
        "## Titre\n",
        "- ",
        "1. ",
        "> ",
        "*",
        "**",
        "_",
        "`code worldwide..`",
        "```\ncupboard .. ,\n```\n",
        "    indenté cupboard\n",
        "[lien worldwide](https://x.org/level \"titre level\")",
        "![image](a.png)",
        "<span>",
        "</span>",
        "<!-- note -->",
        "| a | b |\n|---|---|\n| cupboard | c |\n",
        "---\n",
        "[^1]",
        "\\*",
        "&amp;",
        "&nbsp;",
        "https://example.org/worldwide",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever the fixes change, they change only prose: the file parses back with the same
    /// structure.
    #[test]
    fn fixes_never_touch_markup(text in markdown()) {
        for unsafe_fixes in [false, true] {
            let fixed = fix_until_stable(engine(), &text, Format::Markdown, unsafe_fixes).text;
            prop_assert_eq!(structure(&fixed), structure(&text), "fixed: {:?}", fixed);
        }
    }
}
