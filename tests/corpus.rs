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
