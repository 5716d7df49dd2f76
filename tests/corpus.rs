//! Corpus use: one score per document (`--format summary-jsonl`), for pipelines that keep or
//! drop documents by how damaged they are.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;

fn summaries(dir: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--isolated", "--format", "summary-jsonl"])
        .args(args)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_summary_per_record_of_a_json_lines_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = concat!(
        "{\"id\": \"a1\", \"text\": \"Le cupboard a démissionné.. Ensuite le président a parlé.\"}\n",
        "{\"id\": \"a2\", \"title\": \"sans texte\"}\n",
        "\n",
        "{\"text\": \"Un texte écrit par un humain, sans problème.\"}\n",
    );
    fs::write(dir.path().join("corpus.jsonl"), corpus).unwrap();
    let found = summaries(dir.path(), &["corpus.jsonl"]);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0]["record"], 1);
    assert_eq!(found[0]["id"], "a1");
    assert_eq!(found[0]["words"], 9);
    assert!(found[0]["problems"].as_u64().unwrap() >= 2);
    assert!(found[0]["per_1000_words"].as_f64().unwrap() > 100.0);
    assert_eq!(found[0]["categories"]["punctuation"], 1);
    assert_eq!(found[1]["record"], 2);
    assert_eq!(found[1]["words"], 0, "a record without prose is scored too");
    assert_eq!(found[1]["problems"], 0);
    assert_eq!(found[2]["record"], 4);
    assert!(found[2].get("id").is_none());
    assert_eq!(found[2]["problems"], 0);
    assert_eq!(found[2]["foreign_share"], 0.0);
}

#[test]
fn one_summary_per_file_otherwise_with_the_share_of_foreign_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Le gouvernement a annoncé hier une réforme des retraites, qui sera débattue au \
        parlement le mois prochain selon le ministre.\n\nThe government announced on Tuesday \
        that the new policy would take effect next month, after a long debate in parliament \
        about the cost of living and the future of pensions.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    fs::write(
        dir.path().join("b.html"),
        "<html><body><p>Un texte propre.</p></body></html>",
    )
    .unwrap();
    let found = summaries(dir.path(), &["a.txt", "b.html"]);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["path"], "a.txt");
    let share = found[0]["foreign_share"].as_f64().unwrap();
    assert!(share > 0.4 && share < 0.7, "{share}");
    assert_eq!(found[1]["words"], 3, "markup is not counted");
    assert_eq!(found[1]["problems"], 0);
}

/// `mtlint check --isolated ARGS FILE` in `dir`, with parts of `part_bytes` bytes (`None`: the
/// whole file at once): standard output.
fn run(dir: &std::path::Path, args: &[&str], part_bytes: Option<usize>) -> String {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(dir)
        .arg("check")
        .arg("--isolated")
        .args(args);
    if let Some(bytes) = part_bytes {
        cmd.env("MTLINT_PART_BYTES", bytes.to_string());
    }
    let out = cmd.output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The seed corpus and the machine-translated fixtures, twice: its lines repeat across parts,
/// its English words are suggested French ones from what the whole text writes, and its
/// punctuation is weighed against the whole text's.
fn fixtures_twice() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut names: Vec<_> = ["seeds", "mt"]
        .iter()
        .flat_map(|dir| fs::read_dir(root.join(dir)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let once: String = names
        .iter()
        .map(|p| fs::read_to_string(p).unwrap() + "\n\n")
        .collect();
    once.repeat(2)
}

#[test]
fn a_large_text_checked_part_by_part_gets_the_report_of_the_whole() {
    assert_parts_report_the_whole(&fixtures_twice(), &[300, 700, 1500, 2500, 4000, 9000]);
}

#[test]
fn a_text_of_one_line_paragraphs_checked_part_by_part_gets_the_report_of_the_whole() {
    // Paragraphs separated by single line breaks: parts end at a line break after a sentence,
    // and a quotation left open in one paragraph ends with it, in each part as in the whole
    // text. Parts of 1.5 kB or less may find no line break after a sentence among the
    // headlines of the fixtures, and cut one (parts are 1 MB).
    let text = fixtures_twice();
    let mut single = String::with_capacity(text.len());
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        single.push_str(line);
        single.push('\n');
    }
    assert_parts_report_the_whole(&single, &[2500, 4000, 9000]);
}

#[test]
fn a_text_whose_blank_lines_hold_spaces_checked_part_by_part_gets_the_report_of_the_whole() {
    // A part ends after a blank line of spaces and tabs as after an empty one: a repeated line
    // before it is deleted with it, in each part as in the whole text.
    let text = fixtures_twice().replace("\n\n", "\n \t\n");
    assert_parts_report_the_whole(&text, &[300, 1500, 4000, 9000]);
}

/// Checks `text` whole, then in parts of each of `sizes` bytes, and asserts the reports are
/// the same.
fn assert_parts_report_the_whole(text: &str, sizes: &[usize]) {
    let dir = tempfile::tempdir().unwrap();
    let text = text.to_string();
    fs::write(dir.path().join("big.txt"), &text).unwrap();
    let whole = run(dir.path(), &["--format", "jsonl", "big.txt"], None);
    assert!(whole.lines().count() > 500);
    // The text once the edits of a diagnostic's fix are made.
    let fixed = |diagnostic: &Value| -> String {
        let mut out = text.clone();
        let mut edits: Vec<&Value> = diagnostic["fix"]["edits"]
            .as_array()
            .unwrap()
            .iter()
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e["start"].as_u64()));
        for edit in edits {
            let (start, end) = (
                edit["start"].as_u64().unwrap(),
                edit["end"].as_u64().unwrap(),
            );
            out.replace_range(
                start as usize..end as usize,
                edit["replacement"].as_str().unwrap(),
            );
        }
        out
    };
    // Parts of one paragraph each, up to parts of many: the same diagnostics, severities,
    // messages, candidates and fixes. Only a line deleted at the start of a part may take the
    // blank line after it rather than the one before (which stands in the part before): the
    // same text once fixed.
    for &part_bytes in sizes {
        let parts = run(
            dir.path(),
            &["--format", "jsonl", "big.txt"],
            Some(part_bytes),
        );
        assert_eq!(parts.lines().count(), whole.lines().count());
        for (a, b) in whole.lines().zip(parts.lines()).filter(|(a, b)| a != b) {
            let (a, b): (Value, Value) = (
                serde_json::from_str(a).unwrap(),
                serde_json::from_str(b).unwrap(),
            );
            let without_edits = |d: &Value| {
                let mut d = d.clone();
                d["fix"].as_object_mut().unwrap().remove("edits");
                d
            };
            assert_eq!(
                without_edits(&a),
                without_edits(&b),
                "parts of {part_bytes} bytes"
            );
            assert!(
                fixed(&a) == fixed(&b),
                "parts of {part_bytes} bytes: {a} {b}"
            );
        }
    }
    let summary = |bytes| run(dir.path(), &["--format", "summary-jsonl", "big.txt"], bytes);
    assert_eq!(
        summary(Some(3000)),
        summary(None),
        "one score for the whole document"
    );
}

#[test]
fn a_large_json_lines_corpus_checked_and_fixed_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let records: String = (0..400)
        .map(|i| {
            format!(
                "{{\"id\": {i}, \"text\": \"Le cupboard {i} a démissionné.. Ensuite le \
                 président a parlé.\\nPartagez-le sur Facebook Twitter\"}}\n"
            )
        })
        .collect();
    fs::write(dir.path().join("corpus.jsonl"), &records).unwrap();
    for format in ["jsonl", "summary-jsonl"] {
        let whole = run(dir.path(), &["--format", format, "corpus.jsonl"], None);
        let parts = run(
            dir.path(),
            &["--format", format, "corpus.jsonl"],
            Some(3000),
        );
        assert_eq!(parts, whole, "--format {format}");
    }
    // Standard input to standard output, fixed record by record.
    let fix = |bytes: Option<usize>| {
        let mut cmd = Command::cargo_bin("mtlint").unwrap();
        cmd.current_dir(dir.path()).args([
            "check",
            "--isolated",
            "--fix",
            "--unsafe-fixes",
            "--stdin-filename",
            "corpus.jsonl",
            "-",
        ]);
        if let Some(bytes) = bytes {
            cmd.env("MTLINT_PART_BYTES", bytes.to_string());
        }
        let out = cmd.write_stdin(records.clone()).output().unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let fixed = fix(Some(3000));
    assert_eq!(fixed, fix(None));
    assert_eq!(fixed.lines().count(), 400);
    assert!(fixed.contains("démissionné. Ensuite"));
    for line in fixed.lines() {
        serde_json::from_str::<Value>(line).expect("every fixed record is JSON");
    }
}

#[test]
fn a_line_longer_than_many_parts_is_read_in_pieces_at_the_right_columns() {
    let dir = tempfile::tempdir().unwrap();
    // One paragraph on one line, with a space before each comma, far longer than sixteen parts
    // of the 1 kB set below.
    let line: String = (0..2000)
        .map(|i| format!("La phrase numéro {i} , écrite ici. "))
        .collect();
    let text = format!("Un titre\n{line}\n");
    fs::write(dir.path().join("line.txt"), &text).unwrap();
    let out = run(dir.path(), &["--format", "jsonl", "line.txt"], Some(1024));
    let found: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let commas = found
        .iter()
        .filter(|d| d["rule"] == "punctuation/space-before-punctuation")
        .count();
    assert_eq!(commas, 2000, "every piece is linted");
    for d in &found {
        let offset = d["start"]["offset"].as_u64().unwrap() as usize;
        let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
        assert_eq!(d["start"]["line"], 1 + text[..offset].matches('\n').count());
        assert_eq!(
            d["start"]["column"],
            1 + text[line_start..offset].chars().count(),
            "{d}"
        );
    }
}

#[test]
fn the_pieces_of_a_long_line_are_no_repeated_lines() {
    let dir = tempfile::tempdir().unwrap();
    // One line of one sentence over and over: cut after a sentence, its pieces hold the same
    // text, yet none of them is a line of the file.
    let line = "Une phrase qui revient sans cesse dans ce texte. ".repeat(300);
    fs::write(dir.path().join("line.txt"), format!("Un titre\n\n{line}\n")).unwrap();
    let rules_of = |part_bytes| -> Vec<String> {
        run(dir.path(), &["--format", "jsonl", "line.txt"], part_bytes)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["rule"].to_string())
            .collect()
    };
    let (whole, parts) = (rules_of(None), rules_of(Some(1024)));
    assert!(
        !parts.iter().any(|r| r.contains("repeated-line")),
        "{parts:?}"
    );
    assert_eq!(parts, whole);
}

#[test]
fn suppression_comments_reach_every_part_of_a_text_read_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = fixtures_twice();
    // A file-wide comment at the top, a region over the second copy closed before the third,
    // and comments that name no rule (reported unused whatever part they stand in).
    let text = format!(
        "<!-- mtlint-disable-file punctuation/space-before-punctuation -->\n\n{fixtures}\
         <!-- mtlint-disable typography -->\n\n{fixtures}\n\n<!-- mtlint-enable -->\n\n\
         <!-- mtlint-disable nonexistent/rule -->\n\n{fixtures}\n\n<!-- mtlint-enable -->\n\n\
         <!-- mtlint-disable-file nothing/here -->\n\n{fixtures}"
    );
    fs::write(dir.path().join("big.txt"), &text).unwrap();
    let rules = |out: &str| -> Vec<(String, u64)> {
        out.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["start"]["offset"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let whole = rules(&run(dir.path(), &["--format", "jsonl", "big.txt"], None));
    assert!(
        !whole
            .iter()
            .any(|(r, _)| r == "punctuation/space-before-punctuation")
    );
    assert_eq!(
        whole
            .iter()
            .filter(|(r, _)| r == "suppression/unused")
            .count(),
        2
    );
    for part_bytes in [1500, 4000] {
        let parts = rules(&run(
            dir.path(),
            &["--format", "jsonl", "big.txt"],
            Some(part_bytes),
        ));
        assert_eq!(parts, whole, "parts of {part_bytes} bytes");
    }
}
