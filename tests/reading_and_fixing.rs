//! End-to-end tests of reading and fixing: every input named is read (FIFOs, UTF-16, standard
//! input within the size limit), a run that lints nothing fails, fixes converge and never
//! delete prose, `--diff` applies with `patch`, and errors are short and readable. Every input
//! lives in a temporary folder.

mod common;

use common::*;
use predicates::prelude::*;
use std::{
    fs,
    process::{Command, Stdio},
};

// ---------------------------------------------------------------------------------------------
// Reading inputs
// ---------------------------------------------------------------------------------------------

#[test]
fn standard_input_has_the_size_limit_of_files() {
    let dir = tempfile::tempdir().unwrap();
    let big = DOUBLED.repeat(10);
    write(dir.path(), "big.txt", &big);
    mtlint(dir.path())
        .env("MTLINT_TEST_MAX_INPUT_BYTES", "100")
        .args(["check", "-"])
        .write_stdin(big.clone())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-: input too large"));
    mtlint(dir.path())
        .env("MTLINT_TEST_MAX_INPUT_BYTES", "100")
        .args(["check", "big.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("big.txt: file too large"));
}

#[test]
fn a_pipe_given_by_name_is_read() {
    let dir = tempfile::tempdir().unwrap();
    mtlint(dir.path())
        .args(["check", "--format", "concise", "/dev/stdin"])
        .write_stdin(DOUBLED)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "/dev/stdin:1:17: punctuation/doubled-stop",
        ));
}

#[test]
fn a_run_that_lints_nothing_fails() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    mtlint(dir.path())
        .args(["check", "empty"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("No problems found").not())
        .stderr(predicate::str::contains(
            "nothing was linted: no file to lint in empty",
        ));
    write(dir.path(), "bin/data.txt", b"\0\x01binary");
    mtlint(dir.path())
        .args(["check", "bin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("every input was skipped"));
}

#[test]
fn ignore_files_count_only_inside_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", "*\n");
    write(dir.path(), "docs/a.txt", DOUBLED);
    mtlint(&dir.path().join("docs"))
        .args(["check", "--format", "concise", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.txt:1:17"));
    // Inside a repository, .gitignore applies.
    fs::create_dir(dir.path().join(".git")).unwrap();
    mtlint(&dir.path().join("docs"))
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing was linted"));
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
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
}

#[test]
fn utf16_files_are_linted_and_fixed_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    for (name, big_endian) in [("le.txt", false), ("be.txt", true)] {
        let path = write(
            dir.path(),
            name,
            utf16("Fin de la séance.. Ensuite\r\n", big_endian),
        );
        mtlint(dir.path())
            .args(["check", "--format", "concise", name])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("punctuation/doubled-stop"));
        mtlint(dir.path())
            .args(["check", "--fix", name])
            .assert()
            .code(0);
        assert_eq!(
            fs::read(&path).unwrap(),
            utf16("Fin de la séance. Ensuite\r\n", big_endian)
        );
    }
    // Standard input too: the fixed text comes out in UTF-16.
    mtlint(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(utf16(DOUBLED, false))
        .assert()
        .code(0)
        .stdout(utf16(DOUBLED_FIXED, false));
}

#[test]
fn a_file_named_twice_is_linted_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    let output = mtlint(dir.path())
        .args(["check", "--format", "jsonl", "a.txt", "./a.txt", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout_of(&output).lines().count(),
        1,
        "{}",
        stdout_of(&output)
    );
    mtlint(dir.path())
        .args(["check", "--fix", "a.txt", "./a.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 1 problem."));
}

// ---------------------------------------------------------------------------------------------
// Fixing
// ---------------------------------------------------------------------------------------------

#[test]
fn diff_output_is_accepted_by_patch_whatever_the_line_endings() {
    if Command::new("patch").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("MTLINT_REQUIRE_PATCH").is_none(),
            "`patch` is required (MTLINT_REQUIRE_PATCH is set)"
        );
        return skip("--diff with patch", "the `patch` command is not installed");
    }
    let texts = [
        (
            "crlf.txt",
            "Fin de la séance.. Ensuite\r\nLigne.\r\nFin.. oui\r\n",
        ),
        ("cr.txt", "Fin de la séance.. Ensuite\rLigne.\rFin.. oui\r"),
        (
            "mixed.txt",
            "Fin de la séance.. Ensuite\r\nLigne.\nFin.. oui\rdernière",
        ),
        (
            "no-newline.txt",
            "Fin de la séance.. Ensuite\nLigne.\nFin.. oui",
        ),
    ];
    for (name, text) in texts {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), name, text);
        let fixed_copy = write(dir.path(), &format!("fixed-{name}"), text);
        mtlint(dir.path())
            .args(["check", "--fix"])
            .arg(&fixed_copy)
            .assert()
            .code(0);
        let diff = mtlint(dir.path())
            .args(["check", "--diff", name])
            .output()
            .unwrap();
        assert_eq!(diff.status.code(), Some(1));
        let mut patch = Command::new("patch")
            .args(["-p1", "--quiet"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        patch.stdin.take().unwrap().write_all(&diff.stdout).unwrap();
        let applied = patch.wait_with_output().unwrap();
        assert!(
            applied.status.success(),
            "{name}: patch refused the diff: {}{}\n{}",
            stdout_of(&applied),
            stderr_of(&applied),
            String::from_utf8_lossy(&diff.stdout)
        );
        assert_eq!(
            fs::read(&path).unwrap(),
            fs::read(&fixed_copy).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn fixing_twice_changes_nothing_the_second_time_even_when_the_language_changes() {
    // The first 2 KB are English until the repeated paragraphs are deleted; then the text
    // reads as French, whose rules have fixes of their own.
    let english = "The weather is nice today and the children are playing outside in the \
                   garden with their friends while their parents are cooking dinner in the \
                   kitchen and talking about the news of the week.";
    let french = "Le gouvernement a annoncé mardi que la nouvelle politique entrerait en \
                  vigueur le mois prochain, après un long débat au parlement sur le coût de \
                  la vie. Les voyageurs arrivent à l’aéroport worldwide de la capitale, où \
                  la situation reste tendue.";
    let mut parts = vec![english; 13];
    let other = french
        .replace("mardi", "mercredi")
        .replace("worldwide", "nationwide");
    for _ in 0..3 {
        parts.push(french);
        parts.push(&other);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "doc.txt", parts.join("\n\n") + "\n");
    mtlint(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "doc.txt"])
        .assert()
        .code(1);
    let once = fs::read_to_string(&path).unwrap();
    assert!(once.contains("international"), "{once}");
    mtlint(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "doc.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Fixed").not());
    assert_eq!(fs::read_to_string(&path).unwrap(), once);
}

/// A rule pack with one pattern rule.
fn pack(regex: &str, replace: &str) -> String {
    format!(
        r#"[pack]
name = "user"
lang = "*"

[[rule]]
id = "punctuation/user"
kind = "pattern"
category = "punctuation"
severity = "warning"
message = "m"
fix = "safe"
summary = "s"
what = "w"
why = "y"
examples = [{{ bad = "a", fixed = "b" }}, {{ good = "c" }}]

[[rule.patterns]]
regex = '{regex}'
replace = '{replace}'
"#
    )
}

#[test]
fn a_replacement_naming_a_missing_group_is_rejected_when_the_pack_loads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "abc\n");
    for (regex, replace, says) in [
        (
            "(a)b",
            "x$9",
            "`$9` names group 9, but the expression has 1 group",
        ),
        ("ab", "${name}", "no group named `name`"),
    ] {
        write(dir.path(), "pack.toml", pack(regex, replace));
        mtlint(dir.path())
            .args(["check", "--rules", "pack.toml", "a.txt"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("pack.toml").and(predicate::str::contains(says)))
            .stderr(predicate::str::contains(":19").or(predicate::str::contains("19 │")));
    }
}

#[test]
fn a_fix_that_matches_its_own_replacement_is_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "grow.toml", pack("e", "ee"));
    let path = write(dir.path(), "a.txt", "Le texte est ici.\n");
    mtlint(dir.path())
        .args([
            "check",
            "--isolated",
            "--rules",
            "grow.toml",
            "--fix",
            "a.txt",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the fixes of punctuation/user do not converge",
        ));
    assert_eq!(fs::read_to_string(path).unwrap(), "Le texte est ici.\n");
}

#[test]
fn boilerplate_fixes_never_delete_prose() {
    let dir = tempfile::tempdir().unwrap();
    let prose = "Le scrutin aura lieu en mars.\n\nPour voter, inscrivez-vous sur les listes \
                 électorales avant le 7 février : la démarche se fait en mairie ou en ligne, \
                 rappelle la préfecture. Les jeunes de dix-huit ans sont inscrits d’office.\n";
    let path = write(dir.path(), "prose.txt", prose);
    mtlint(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "prose.txt"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(path).unwrap(), prose);
    // One line holding the whole document (CR line endings): a boilerplate match in it
    // never deletes more than half of it.
    let seed = fs::read_to_string("fixtures/seeds/004_2ff3dfc5aa295717.txt").unwrap();
    let one_line = seed.replace('\n', "\r");
    let path = write(dir.path(), "cr.txt", &one_line);
    mtlint(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "cr.txt"])
        .assert()
        .code(predicate::in_iter([0, 1]));
    let after = fs::read(path).unwrap();
    assert!(
        after.len() * 2 > one_line.len(),
        "{} of {} bytes left",
        after.len(),
        one_line.len()
    );
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

#[test]
fn fixing_invalid_utf8_on_standard_input_passes_it_on_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"Fin.. \xff\n".to_vec();
    mtlint(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(bytes.clone())
        .assert()
        .code(2)
        .stdout(bytes)
        .stderr(predicate::str::contains(
            "-: invalid UTF-8 at byte 6; printed unchanged",
        ));
}

#[test]
fn configuration_and_pack_errors_are_short_and_readable() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    write(dir.path(), "mtlint.toml", "glossary = 5\n");
    mtlint(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("a list of spellings")
                .and(predicate::str::contains("untagged").not()),
        );
    fs::remove_file(dir.path().join("mtlint.toml")).unwrap();
    // A generated expression of megabytes with an error in it.
    let huge = "mot|".repeat(300_000) + "(ouvert";
    write(dir.path(), "huge.toml", pack(&huge, "x"));
    let output = mtlint(dir.path())
        .args(["check", "--rules", "huge.toml", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("huge.toml:18"),
        "{}",
        &stderr[..stderr.len().min(800)]
    );
    assert!(stderr.len() < 2000, "{} bytes of error", stderr.len());
}

#[test]
fn a_category_without_rules_is_a_valid_selector() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    mtlint(dir.path())
        .args(["check", "--select", "broken-phrasing", "a.txt"])
        .assert()
        .code(0);
    write(
        dir.path(),
        "mtlint.toml",
        "select = [\"broken-phrasing\"]\n",
    );
    mtlint(dir.path()).args(["check", "a.txt"]).assert().code(0);
    fs::remove_file(dir.path().join("mtlint.toml")).unwrap();
    mtlint(dir.path())
        .args(["check", "--select", "broken-phrasingx", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rule id starts with"));
}
