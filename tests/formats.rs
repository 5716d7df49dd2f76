//! Files with markup (HTML, JSON, JSON Lines, SubRip, WebVTT), linted and fixed through the
//! binary and the library: no diagnostic starts or ends outside prose and no edit touches a
//! byte that is not prose; a fixed file keeps every byte of markup and reads back with the
//! same structure in its format's parser; the prose is fixed exactly as the same prose in a
//! `.txt` file is.

use assert_cmd::Command;
use mtlint::{
    Engine, Format, RuleSet, Selection,
    fix::{fix_until_stable, try_fix_with},
    formats::{self, Content, Prose, ReadOptions, subtitles},
};
use serde_json::Value;
use std::{
    cell::RefCell,
    fs,
    ops::Range,
    path::{Path, PathBuf},
    rc::Rc,
    sync::OnceLock,
};

const FIXTURES: [&str; 4] = ["article.html", "corpus.jsonl", "episode.srt", "episode.vtt"];

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/formats")
        .join(name);
    fs::read_to_string(path).expect("the fixture exists")
}

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

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").expect("the mtlint binary is built");
    cmd.current_dir(dir);
    cmd
}

/// A temporary folder holding a copy of the fixture `name`.
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, fixture(name)).unwrap();
    (dir, path)
}

/// The diagnostics the binary reports for `file` in `dir`, as JSON objects.
fn diagnostics(dir: &Path, args: &[&str]) -> Vec<Value> {
    let out = mtlint(dir)
        .args(["check", "--isolated", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The markup of `text` (a file in `format`): the bytes no document reads as prose, in order.
fn markup(text: &str, format: Format) -> Vec<Range<usize>> {
    formats::non_prose(format, text)
}

fn inside_markup(markup: &[Range<usize>], at: usize) -> bool {
    markup.iter().any(|m| m.start < at && at < m.end)
}

#[test]
fn no_diagnostic_falls_outside_prose() {
    for name in FIXTURES {
        let (dir, _) = copy_of(name);
        let text = fixture(name);
        let markup = markup(&text, Format::from_path(name));
        let found = diagnostics(dir.path(), &[name]);
        assert!(found.len() >= 5, "{name}: the fixture holds artifacts");
        for d in &found {
            let (start, end) = (
                d["start"]["offset"].as_u64().unwrap() as usize,
                d["end"]["offset"].as_u64().unwrap() as usize,
            );
            for edge in [start, end] {
                assert!(!inside_markup(&markup, edge), "{name}: {d} ends in markup");
            }
            let starts_markup = markup.iter().any(|m| m.start == start && m.end > start);
            assert!(
                !starts_markup || start == end,
                "{name}: {d} starts on markup"
            );
            for edit in d["fix"]["edits"].as_array().into_iter().flatten() {
                let (s, e) = (
                    edit["start"].as_u64().unwrap() as usize,
                    edit["end"].as_u64().unwrap() as usize,
                );
                let touches = markup.iter().any(|m| s < m.end && m.start < e);
                assert!(
                    !touches && !inside_markup(&markup, s),
                    "{name}: an edit of {d} touches markup {:?}",
                    &text[s..e]
                );
            }
        }
    }
}

/// What lol_html reads in a page: every tag with its attributes (the values people read
/// left out: prose may change), comments, and the text of scripts and styles.
fn html_structure(page: &str) -> Vec<String> {
    use lol_html::{HtmlRewriter, Settings, doc_comments, doc_text, element};
    let out = Rc::new(RefCell::new(Vec::new()));
    let (tags, comments, texts) = (out.clone(), out.clone(), out.clone());
    let read = [
        "alt",
        "title",
        "placeholder",
        "aria-label",
        "content",
        "value",
    ];
    let mut rewriter = HtmlRewriter::new(
        Settings {
            element_content_handlers: vec![element!("*", move |el| {
                let attributes: Vec<String> = el
                    .attributes()
                    .iter()
                    .map(|a| match read.contains(&a.name().as_str()) {
                        true => a.name(),
                        false => format!("{}={}", a.name(), a.value()),
                    })
                    .collect();
                tags.borrow_mut()
                    .push(format!("<{} {}>", el.tag_name(), attributes.join(" ")));
                Ok(())
            })],
            document_content_handlers: vec![
                doc_comments!(move |c| {
                    comments.borrow_mut().push(format!("<!--{}-->", c.text()));
                    Ok(())
                }),
                doc_text!(move |t| {
                    use lol_html::html_content::TextType;
                    if matches!(t.text_type(), TextType::ScriptData | TextType::RawText) {
                        texts.borrow_mut().push(t.as_str().to_string());
                    }
                    Ok(())
                }),
            ],
            ..Settings::new()
        },
        |_: &[u8]| {},
    );
    rewriter.write(page.as_bytes()).unwrap();
    rewriter.end().unwrap();
    out.take()
}

/// Each record with its selected field (`text`) left out.
fn jsonl_structure(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| {
            let mut record: Value = serde_json::from_str(line).expect("a valid record");
            record["text"] = Value::Null;
            record
        })
        .collect()
}

/// The cues' numbers or identifiers and timings.
fn cue_structure(kind: subtitles::Kind, text: &str) -> Vec<(Option<String>, String)> {
    subtitles::cues(kind, text)
        .expect("a valid subtitle file")
        .into_iter()
        .map(|c| (c.id.map(str::to_string), c.timing.to_string()))
        .collect()
}

fn structure(name: &str, text: &str) -> String {
    match Format::from_path(name) {
        Format::Html => format!("{:?}", html_structure(text)),
        Format::Jsonl => format!("{:?}", jsonl_structure(text)),
        Format::Srt => format!("{:?}", cue_structure(subtitles::Kind::Srt, text)),
        Format::Vtt => format!("{:?}", cue_structure(subtitles::Kind::Vtt, text)),
        other => panic!("no structure for {other}"),
    }
}

#[test]
fn fixed_files_keep_their_markup_and_structure() {
    for name in FIXTURES {
        let (dir, path) = copy_of(name);
        let original = fixture(name);
        let before = diagnostics(dir.path(), &[name]).len();
        let status = mtlint(dir.path())
            .args(["check", "--isolated", "--fix", "--unsafe-fixes", name])
            .output()
            .unwrap()
            .status
            .code();
        assert!(matches!(status, Some(0 | 1)), "{name}: exit {status:?}");
        let fixed = fs::read_to_string(&path).unwrap();
        assert_ne!(fixed, original, "{name}: something was fixed");
        let after = diagnostics(dir.path(), &[name]).len();
        assert!(
            after < before,
            "{name}: {before} problems, {after} after fixing"
        );
        let format = Format::from_path(name);
        let markup_bytes = |text: &str| -> String {
            markup(text, format)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        assert_eq!(
            markup_bytes(&fixed),
            markup_bytes(&original),
            "{name}: markup changed"
        );
        assert_eq!(
            structure(name, &fixed),
            structure(name, &original),
            "{name}: the structure changed"
        );
    }
}

/// The prose documents of `text`, a file in `format`.
fn documents(text: &str, format: Format) -> Vec<Prose> {
    match formats::extract_with(format, text, &ReadOptions::default()) {
        Content::Documents(documents) => documents,
        other => panic!("not read: {other:?}"),
    }
}

/// `prose` fixed as a plain text file, where the text the format keeps as context (code,
/// another language) is not flagged either, and the rules that do not run on `format` (a
/// repeated line in subtitles) do not run.
fn fixed_as_plain_text(prose: &Prose, format: Format, unsafe_fixes: bool) -> String {
    let context: Vec<&str> = prose
        .protected
        .iter()
        .map(|r| &prose.text[r.clone()])
        .collect();
    let elsewhere: Vec<String> = engine()
        .rules()
        .filter(|r| !r.runs_on(format))
        .map(|r| r.id.to_string())
        .collect();
    try_fix_with(
        &prose.text,
        unsafe_fixes,
        Format::Text,
        |text: &str| -> Result<Vec<mtlint::Diagnostic>, formats::FormatError> {
            let guarded: Vec<Range<usize>> = context
                .iter()
                .flat_map(|c| text.match_indices(c).map(|(at, m)| at..at + m.len()))
                .collect();
            let found = engine().check(text, Format::Text)?;
            Ok(found
                .into_iter()
                .filter(|d| {
                    !guarded
                        .iter()
                        .any(|g| g.start < d.span.end && d.span.start < g.end)
                        && !elsewhere.iter().any(|id| **id == *d.rule)
                })
                .collect())
        },
    )
    .expect("plain text is always valid")
    .text
}

#[test]
fn prose_is_fixed_as_the_same_prose_in_plain_text() {
    for name in FIXTURES {
        let format = Format::from_path(name);
        let original = fixture(name);
        for unsafe_fixes in [false, true] {
            let fixed = fix_until_stable(engine(), &original, format, unsafe_fixes).text;
            let from_text: Vec<String> = documents(&original, format)
                .iter()
                .map(|prose| fixed_as_plain_text(prose, format, unsafe_fixes))
                .filter(|prose| !prose.trim().is_empty())
                .collect();
            let from_file: Vec<String> = documents(&fixed, format)
                .into_iter()
                .map(|prose| prose.text)
                .filter(|prose| !prose.trim().is_empty())
                .collect();
            assert_eq!(
                from_file, from_text,
                "{name} (unsafe fixes: {unsafe_fixes}): its prose is fixed differently from plain text"
            );
        }
    }
}

#[test]
fn jsonl_diagnostics_name_their_record_and_id() {
    let (dir, _) = copy_of("corpus.jsonl");
    let found = diagnostics(dir.path(), &["corpus.jsonl"]);
    let records: Vec<(u64, Option<Value>)> = found
        .iter()
        .map(|d| (d["record"].as_u64().unwrap(), d.get("id").cloned()))
        .collect();
    assert!(records.contains(&(1, Some(Value::from("cc-0001")))));
    assert!(records.contains(&(3, Some(Value::from(3)))));
    assert!(
        records.contains(&(5, None)),
        "a record without id: {records:?}"
    );
    for d in &found {
        assert_eq!(d["record"], d["start"]["line"], "{d}");
    }
    // Record 4 repeats record 1: each record is its own document.
    assert!(!found.iter().any(|d| d["rule"] == "duplicate/repeated-line"));
    // Other files carry no record.
    let (dir, _) = copy_of("episode.srt");
    let found = diagnostics(dir.path(), &["episode.srt"]);
    assert!(
        found
            .iter()
            .all(|d| d.get("record").is_none() && d.get("id").is_none())
    );
}

#[test]
fn fields_select_the_strings_to_lint() {
    let (dir, _) = copy_of("corpus.jsonl");
    let titles = diagnostics(dir.path(), &["corpus.jsonl", "--field", "meta.title"]);
    assert!(!titles.is_empty());
    assert!(
        titles
            .iter()
            .all(|d| d["rule"] == "spinner-synonym/english-word")
    );
    assert_eq!(titles[0]["record"], 1);
    let pointer = diagnostics(dir.path(), &["corpus.jsonl", "--field", "/meta/title"]);
    assert_eq!(pointer, titles);
    let both = diagnostics(
        dir.path(),
        &["corpus.jsonl", "--field", "text", "--field", "html"],
    );
    assert!(
        both.iter().any(|d| d["record"] == 6),
        "the html field of record 6"
    );
    let out = mtlint(dir.path())
        .args(["check", "corpus.jsonl", "--field", "a..b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--field"));
}

#[test]
fn jsonl_pipelines_from_stdin_to_stdout() {
    let input = fixture("corpus.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let out = mtlint(dir.path())
        .args([
            "check",
            "--isolated",
            "--fix",
            "--unsafe-fixes",
            "--stdin-filename",
            "corpus.jsonl",
            "-",
        ])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    let fixed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(jsonl_structure(&fixed), jsonl_structure(&input));
    assert_eq!(fixed.lines().count(), input.lines().count());
    let record: Value = serde_json::from_str(fixed.lines().next().unwrap()).unwrap();
    assert_eq!(
        record["text"],
        "Le gouvernement a annoncé une réforme du cabinet international. Les syndicats ont dit «\u{a0}non\u{a0}»."
    );
}

#[test]
fn an_invalid_record_is_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = "{\"id\": 1, \"text\": \"Fin de la séance.. Ensuite\"}\n{\"id\": 2, \"text\": \"tronqué\n{\"id\": 3, \"text\": \"Le le chat.\"}\n";
    fs::write(dir.path().join("c.jsonl"), corpus).unwrap();
    let out = mtlint(dir.path())
        .args(["check", "--isolated", "--fix", "c.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("c.jsonl: not valid jsonl at line 2, column"),
        "{stderr}"
    );
    let fixed = fs::read_to_string(dir.path().join("c.jsonl")).unwrap();
    assert_eq!(
        fixed,
        "{\"id\": 1, \"text\": \"Fin de la séance. Ensuite\"}\n{\"id\": 2, \"text\": \"tronqué\n{\"id\": 3, \"text\": \"Le chat.\"}\n",
        "the valid records are fixed, the invalid one is kept"
    );
}

#[test]
fn invalid_files_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, place) in [
        ("a.json", "{\"text\": \"x\",\n}", "line 2, column 1"),
        ("b.srt", "Bonjour..\n", "line 1, column 1"),
        (
            "c.vtt",
            "\n00:00.000 --> 00:01.000\nFin..\n",
            "line 1, column 1",
        ),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
        let out = mtlint(dir.path())
            .args(["check", "--isolated", "--fix", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(place), "{name}: {stderr}");
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), text);
    }
}

#[test]
fn suppression_comments_work_in_html() {
    let (dir, _) = copy_of("article.html");
    let found = diagnostics(dir.path(), &["article.html"]);
    assert!(!found.iter().any(|d| d["rule"] == "boilerplate/share-plea"));
    assert!(
        found
            .iter()
            .any(|d| d["rule"] == "boilerplate/newsletter-plea")
    );
    assert!(!found.iter().any(|d| d["rule"] == "suppression/unused"));
}
