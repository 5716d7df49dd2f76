//! Files written with other line breaks than LF (CRLF, CR, NEL, U+2028, U+2029) or with
//! decomposed accents (NFD) are linted and fixed through the binary exactly like their plain
//! twins: the same problems at the same lines, fixes that keep the file's own line breaks and
//! accents, and never a deleted line that the rule did not name.

use assert_cmd::Command;
use serde_json::Value;
use std::{fs, path::Path};
use unicode_normalization::UnicodeNormalization;

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/seeds")
        .join(name);
    fs::read_to_string(path).expect("the seed fixture exists")
}

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").expect("the mtlint binary is built");
    cmd.current_dir(dir);
    cmd
}

/// The diagnostics of `file` as (rule, line, column, flagged text written with LF and
/// composed accents).
fn findings(dir: &Path, file: &str) -> Vec<(String, u64, u64, String)> {
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
            let (start, end) = (
                d["start"]["offset"].as_u64().unwrap() as usize,
                d["end"]["offset"].as_u64().unwrap() as usize,
            );
            (
                d["rule"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                plain(&text[start..end]),
            )
        })
        .collect()
}

/// `text` with LF line breaks and composed accents.
fn plain(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{85}', '\u{2028}'], "\n")
        .replace('\u{2029}', "\n\n")
        .nfc()
        .collect()
}

fn fixed(dir: &Path, file: &str, unsafe_fixes: bool) -> String {
    let mut cmd = mtlint(dir);
    cmd.args(["check", "--isolated", "--fix", "--format", "concise", file]);
    if unsafe_fixes {
        cmd.arg("--unsafe-fixes");
    }
    let status = cmd.output().unwrap().status.code();
    assert!(
        matches!(status, Some(0 | 1)),
        "fixing {file} exits {status:?}"
    );
    fs::read_to_string(dir.join(file)).unwrap()
}

#[test]
fn other_line_breaks_are_linted_and_fixed_like_lf() {
    let lf = seed("004_2ff3dfc5aa295717.txt");
    let variants: [(&str, String); 5] = [
        ("crlf.txt", lf.replace('\n', "\r\n")),
        ("cr.txt", lf.replace('\n', "\r")),
        ("nel.txt", lf.replace('\n', "\u{85}")),
        ("ls.txt", lf.replace('\n', "\u{2028}")),
        ("ps.txt", lf.replace("\n\n", "\u{2029}")),
    ];
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lf.txt"), &lf).unwrap();
    for (name, text) in &variants {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let expected = findings(dir.path(), "lf.txt");
    assert!(expected.len() > 5, "the seed has problems: {expected:?}");
    let fixed_lf = fixed(dir.path(), "lf.txt", true);
    for (name, text) in &variants {
        let found = findings(dir.path(), name);
        if *name == "ps.txt" {
            // U+2029 stands for a blank line: line numbers differ, the problems do not.
            let strip = |v: &[(String, u64, u64, String)]| {
                v.iter()
                    .map(|(r, _, c, t)| (r.clone(), *c, t.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(strip(&found), strip(&expected), "{name}");
        } else {
            assert_eq!(found, expected, "{name} is linted differently");
        }
        let after = fixed(dir.path(), name, true);
        assert!(
            after.len() * 10 > text.len() * 8,
            "{name}: fixing removed {} of {} bytes",
            text.len() - after.len(),
            text.len()
        );
        assert_eq!(
            plain(&after),
            plain(&fixed_lf),
            "{name} is fixed differently"
        );
        let foreign_breaks = |t: &str| t.matches('\n').count() - t.matches("\r\n").count();
        if *name != "ps.txt" {
            assert_eq!(
                foreign_breaks(&after),
                0,
                "{name}: fixing wrote LF line breaks into the file"
            );
        }
    }
}

#[test]
fn a_crlf_file_has_paragraphs() {
    // An unclosed guillemet in the first paragraph must not hide the English quotes of a later
    // one: paragraphs end at a blank line whatever the line breaks.
    let lf = "Il a dit « non.\n\nUn autre paragraphe.\n\nLe \"cupboard\" a parlé.\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lf.txt"), lf).unwrap();
    fs::write(dir.path().join("crlf.txt"), lf.replace('\n', "\r\n")).unwrap();
    let expected = findings(dir.path(), "lf.txt");
    assert!(
        expected.iter().any(|(rule, ..)| rule.contains("quote")),
        "English quotes found in LF: {expected:?}"
    );
    assert_eq!(findings(dir.path(), "crlf.txt"), expected);
}

#[test]
fn decomposed_accents_are_linted_and_fixed_like_composed_ones() {
    let nfc = seed("001_6c73368bcd3e4da0.txt");
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfc, nfd);
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("nfc.txt"), &nfc).unwrap();
    fs::write(dir.path().join("nfd.txt"), &nfd).unwrap();
    // Columns count the file's code points, which decomposed accents add to.
    let without_columns = |file: &str| {
        findings(dir.path(), file)
            .into_iter()
            .map(|(rule, line, _, text)| (rule, line, text))
            .collect::<Vec<_>>()
    };
    assert_eq!(without_columns("nfd.txt"), without_columns("nfc.txt"));
    for unsafe_fixes in [false, true] {
        fs::write(dir.path().join("nfc.txt"), &nfc).unwrap();
        fs::write(dir.path().join("nfd.txt"), &nfd).unwrap();
        let fixed_nfc = fixed(dir.path(), "nfc.txt", unsafe_fixes);
        let fixed_nfd = fixed(dir.path(), "nfd.txt", unsafe_fixes);
        let recomposed: String = fixed_nfd.nfc().collect();
        assert_eq!(recomposed, fixed_nfc, "unsafe fixes: {unsafe_fixes}");
        let redecomposed: String = fixed_nfd.nfd().collect();
        assert_eq!(fixed_nfd, redecomposed, "the fixed file stays decomposed");
    }
}

#[test]
fn a_decomposed_sentence_keeps_every_word() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Le re\u{301}sultat de de\u{301}cennies de mate\u{301}riel.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    assert!(findings(dir.path(), "a.txt").is_empty());
    assert_eq!(fixed(dir.path(), "a.txt", false), text);
    assert_eq!(fixed(dir.path(), "a.txt", true), text);
}

/// `text` as UTF-16 little-endian with its byte order mark.
fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[test]
fn a_utf16_subtitle_file_is_read_and_fixed_in_utf16() {
    let srt = "1\r\n00:00:01,000 --> 00:00:03,000\r\nFin de la séance.. Ensuite\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nLe cupboard a démissionné.\r\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("utf8.srt"), srt).unwrap();
    fs::write(dir.path().join("utf16.srt"), utf16le(srt)).unwrap();
    let utf8 = findings(dir.path(), "utf8.srt");
    assert!(!utf8.is_empty());
    let out = mtlint(dir.path())
        .args(["check", "--isolated", "--format", "jsonl", "utf16.srt"])
        .output()
        .unwrap();
    let rules = |stdout: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["rule"].to_string())
            .collect()
    };
    let expected: Vec<String> = utf8.iter().map(|(r, ..)| format!("\"{r}\"")).collect();
    assert_eq!(
        rules(&out.stdout),
        expected,
        "the same problems as in UTF-8"
    );
    for name in ["utf8.srt", "utf16.srt"] {
        mtlint(dir.path())
            .args(["check", "--isolated", "--fix", "--unsafe-fixes", name])
            .output()
            .unwrap();
    }
    let fixed = fs::read(dir.path().join("utf16.srt")).unwrap();
    assert_eq!(&fixed[..2], &[0xff, 0xfe], "still UTF-16 with its BOM");
    let units: Vec<u16> = fixed[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let decoded = String::from_utf16(&units).expect("valid UTF-16");
    assert_eq!(
        decoded,
        fs::read_to_string(dir.path().join("utf8.srt")).unwrap()
    );
    assert!(decoded.contains("00:00:01,000 --> 00:00:03,000\r\nFin de la séance. Ensuite"));
}
