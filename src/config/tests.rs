//! Tests of configuration files, settings and paths.

use super::*;
use std::fs;

fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
    ConfigFile::parse(Path::new("mtlint.toml"), text.to_string())
}

fn ids() -> Vec<String> {
    [
        "punctuation/doubled-stop",
        "typography/guillemet-spacing",
        "consistency/glossary",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn a_complete_file_parses() {
    let file = parse(
        r#"
lang = "auto"
select = ["punctuation", "typography"]
extend-select = ["consistency/glossary"]
ignore = ["typography/guillemet-spacing"]
allow = ["Web"]
fail-on = "error"
[severity]
"punctuation" = "error"
[per-file-ignores]
"legacy/**" = ["punctuation"]
[per-phrase-ignores]
"Le Monde.." = ["punctuation/doubled-stop"]
[glossary]
"Tokaïev" = ["Tokayev"]
"#,
    )
    .unwrap();
    file.validate(&ids()).unwrap();
    let settings = Settings::resolve(Some(&file), &Overrides::default(), vec![], Path::new("."));
    assert_eq!(settings.lang, "auto");
    assert_eq!(settings.fail_on, Severity::Error);
    assert!(settings.rule_enabled("punctuation/doubled-stop"));
    assert!(!settings.rule_enabled("typography/guillemet-spacing"));
    assert!(settings.rule_enabled("consistency/glossary"));
    assert_eq!(
        settings.severity_of("punctuation/doubled-stop", Severity::Warning),
        Severity::Error
    );
    assert_eq!(settings.glossary["Tokaïev"], ["Tokayev"]);
}

#[test]
fn an_unknown_key_names_the_line_and_suggests() {
    let err = parse("lang = \"fr\"\nselct = [\"punctuation\"]\n").unwrap_err();
    assert_eq!(err.line(), Some(2));
    assert!(err.to_string().contains("did you mean `select`?"), "{err}");
}

#[test]
fn a_bad_severity_suggests() {
    let err = parse("[severity]\n\"punctuation\" = \"warn\"\n").unwrap_err();
    assert_eq!(err.line(), Some(2), "{err}");
    assert!(err.to_string().contains("did you mean `warning`?"), "{err}");
}

#[test]
fn an_unknown_rule_id_names_the_line_and_suggests() {
    let file = parse("select = [\n  \"punctuation\",\n  \"typograhy\",\n]\n").unwrap();
    let err = file.validate(&ids()).unwrap_err();
    assert_eq!(err.line(), Some(3));
    assert!(
        err.to_string().contains("did you mean `typography`?"),
        "{err}"
    );
}

#[test]
fn a_bad_language_and_a_bad_glob_are_errors() {
    let err = parse("lang = \"french\"\n")
        .unwrap()
        .validate(&ids())
        .unwrap_err();
    assert!(err.message.contains("unknown language"), "{err}");
    let err = parse("exclude = [\"a/[b\"]\n")
        .unwrap()
        .validate(&ids())
        .unwrap_err();
    assert!(err.message.contains("invalid glob"), "{err}");
}

#[test]
fn the_command_line_wins_and_layers_by_specificity() {
    let file = parse("select = [\"punctuation\"]\nignore = [\"typography\"]\n").unwrap();
    let overrides = Overrides {
        extend_select: vec!["typography/guillemet-spacing".into()],
        lang: Some("en".into()),
        ..Overrides::default()
    };
    let settings = Settings::resolve(Some(&file), &overrides, vec![], Path::new("."));
    assert_eq!(settings.lang, "en");
    assert!(settings.rule_enabled("typography/guillemet-spacing"));
    assert!(settings.rule_enabled("punctuation/doubled-stop"));
    assert!(!settings.rule_enabled("consistency/glossary"));
    let overrides = Overrides {
        select: Some(vec!["consistency".into()]),
        ..Overrides::default()
    };
    let settings = Settings::resolve(Some(&file), &overrides, vec![], Path::new("."));
    assert!(!settings.rule_enabled("punctuation/doubled-stop"));
    assert!(settings.rule_enabled("consistency/glossary"));
}

#[test]
fn paths_and_globs_with_dot_dot() {
    assert_eq!(normalize(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
    assert_eq!(normalize(Path::new("/../a")), Path::new("/a"));
    assert_eq!(normalize(Path::new("../a/../b")), Path::new("../b"));
    assert_eq!(
        rebase_glob("../legacy/**", Path::new("/a/b")),
        "/a/legacy/**"
    );
    assert_eq!(rebase_glob("./x/*.md", Path::new("/a/b")), "/a/b/x/*.md");
    assert_eq!(rebase_glob("legacy/**", Path::new("/a/b")), "legacy/**");
    let set = glob_set(&[rebase_glob("../legacy/**", Path::new("/a/b"))]).unwrap();
    assert!(glob_matches(
        &set,
        Path::new("/a/legacy/x.txt"),
        Path::new("/a/b")
    ));
    assert!(!glob_matches(
        &set,
        Path::new("/a/b/legacy/x.txt"),
        Path::new("/a/b")
    ));
}

#[test]
fn the_printed_configuration_parses_back_into_the_same_settings() {
    let file = parse(
        "lang = \"fr\"\norigin = \"translated\"\nselect = [\"punctuation\"]\nextend-select = [\"consistency\"]\nallow = [\"Web\"]\nexclude = [\"drafts/**\"]\nfail-on = \"info\"\n[severity]\n\"punctuation\" = \"error\"\n[per-file-ignores]\n\"legacy/**\" = [\"punctuation\"]\n[per-phrase-ignores]\n\"Le Monde..\" = [\"punctuation/doubled-stop\"]\n[glossary]\n\"Tokaïev\" = [\"Tokayev\"]\n\"Zelensky\" = []\n",
    )
    .unwrap();
    let overrides = Overrides {
        ignore: vec!["punctuation/doubled-stop".into()],
        allow: vec!["spot".into()],
        ..Overrides::default()
    };
    let mut settings = Settings::resolve(Some(&file), &overrides, vec![], Path::new("."));
    settings.resolve_rules(ids().iter().map(String::as_str));
    let printed = settings.to_toml();
    let again = parse(&printed).unwrap_or_else(|e| panic!("{e}\n{printed}"));
    again.validate(&ids()).unwrap();
    let mut resolved =
        Settings::resolve(Some(&again), &Overrides::default(), vec![], Path::new("."));
    resolved.resolve_rules(ids().iter().map(String::as_str));
    assert_eq!(resolved.rules, settings.rules, "{printed}");
    assert_eq!(resolved.rules, ["consistency/glossary"]);
    assert_eq!(resolved.lang, settings.lang);
    assert_eq!(resolved.origin, Origin::Translated);
    assert_eq!(resolved.fail_on, settings.fail_on);
    assert_eq!(resolved.severity, settings.severity);
    assert_eq!(resolved.exclude, settings.exclude);
    assert_eq!(resolved.allow, settings.allow);
    assert_eq!(resolved.per_file_ignores, settings.per_file_ignores);
    assert_eq!(resolved.per_phrase_ignores, settings.per_phrase_ignores);
    assert_eq!(resolved.glossary, settings.glossary);
    assert!(resolved.include.is_empty(), "the defaults are implied");
    // Printing it again prints the same.
    assert_eq!(resolved.to_toml(), printed);
}

#[test]
fn extend_inherits_and_the_extending_file_wins() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("sub")).unwrap();
    fs::write(
        dir.path().join("base.toml"),
        "lang = \"en\"\nignore = [\"typography\"]\nallow = [\"Web\"]\nexclude = [\"drafts/**\"]\n[severity]\n\"punctuation\" = \"error\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("sub/mtlint.toml"),
        "extend = \"../base.toml\"\nlang = \"fr\"\nextend-select = [\"typography/guillemet-spacing\"]\nallow = [\"spot\"]\n",
    )
    .unwrap();
    let file = ConfigFile::load(&dir.path().join("sub/mtlint.toml")).unwrap();
    file.validate(&ids()).unwrap();
    let settings = Settings::resolve(Some(&file), &Overrides::default(), vec![], Path::new("."));
    assert_eq!(settings.lang, "fr");
    assert_eq!(settings.allow, ["Web", "spot"]);
    assert!(settings.rule_enabled("typography/guillemet-spacing"));
    assert!(settings.rule_enabled("punctuation/doubled-stop"));
    assert_eq!(
        settings.severity_of("punctuation/doubled-stop", Severity::Warning),
        Severity::Error
    );
    // The inherited glob still means the base file's drafts/ folder.
    let globs = settings.file_filter().unwrap();
    let base = absolute(dir.path());
    assert!(!globs.accepts(&base.join("drafts/a.txt"), &[&base.join("sub")]));
    assert!(globs.accepts(&base.join("sub/drafts/a.txt"), &[&base.join("sub")]));
}

#[test]
fn extend_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        "lang = \"fr\"\nextend = \"b.toml\"\n",
    )
    .unwrap();
    fs::write(dir.path().join("b.toml"), "extend = \"a.toml\"\n").unwrap();
    let err = ConfigFile::load(&dir.path().join("a.toml")).unwrap_err();
    assert!(
        err.to_string().contains("b.toml:1") && err.message.contains("cycle"),
        "{err}"
    );
    fs::write(dir.path().join("b.toml"), "extend = \"missing.toml\"\n").unwrap();
    let err = ConfigFile::load(&dir.path().join("a.toml")).unwrap_err();
    assert!(
        err.message.contains("missing.toml") && err.line() == Some(1),
        "{err}"
    );
    fs::write(dir.path().join("b.toml"), "selct = []\n").unwrap();
    let err = ConfigFile::load(&dir.path().join("a.toml")).unwrap_err();
    assert!(
        err.to_string().contains("b.toml:1") && err.message.contains("select"),
        "{err}"
    );
}

#[test]
fn discovery_walks_up() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    fs::create_dir_all(&nested).unwrap();
    assert_eq!(discover(&nested), None.or_else(|| discover(dir.path())));
    fs::write(dir.path().join(".mtlint.toml"), "").unwrap();
    assert_eq!(discover(&nested), Some(dir.path().join(".mtlint.toml")));
    fs::write(dir.path().join("a/mtlint.toml"), "").unwrap();
    assert_eq!(discover(&nested), Some(dir.path().join("a/mtlint.toml")));
}
