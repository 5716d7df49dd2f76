use crate::{Engine, Format, RuleSet, Selection};

/// A pack with one grammar rule made of `matches` (TOML `[[rule.match]]` tables).
fn pack(matches: &str) -> String {
    format!(
        r#"[pack]
name = "test"
lang = "fr"

[classes]
test-det = ["le", "la"]

[[rule]]
id = "broken-phrasing/test"
kind = "grammar"
category = "broken-phrasing"
severity = "warning"
message = "{{match}} → {{suggestion}}"
fallback-message = "{{match}}"
fix = "safe"
summary = "s"
what = "w"
why = "y"
examples = [{{ bad = "x" }}, {{ good = "y" }}]
{matches}"#
    )
}

fn lint(matches: &str, text: &str) -> Vec<(String, Option<String>)> {
    let set = RuleSet::load([("test.toml".to_string(), pack(matches))]).expect("valid pack");
    let engine = Engine::new(&set, &Selection::default(), "fr");
    engine
        .lint(text, Format::Text)
        .into_iter()
        .map(|d| {
            let fix = d.fix.map(|f| f.edits[0].replacement.clone());
            (text[d.span].to_string(), fix)
        })
        .collect()
}

fn compile_error(matches: &str) -> String {
    RuleSet::load([("test.toml".to_string(), pack(matches))])
        .expect_err("an invalid pack")
        .message
}

#[test]
fn words_classes_and_readings() {
    let entry = "[[rule.match]]\ntokens = [\"@test-det\", \"[noun fem] ![verb]\"]\n";
    assert_eq!(
        lint(entry, "Il voit la voiture."),
        [("la voiture".into(), None)]
    );
    assert!(
        lint(entry, "Je la porte.").is_empty(),
        "“porte” is also a verb"
    );
    let every = "[[rule.match]]\ntokens = [\"des\", \"=[verb finite]\"]\n";
    assert_eq!(
        lint(every, "que des bloquaient"),
        [("des bloquaient".into(), None)]
    );
    assert!(lint(every, "des portes").is_empty());
}

#[test]
fn optional_tokens_and_marks() {
    let entry = "[[rule.match]]\ntokens = [\"ont\", \"?[adv]\", \"[ppas etre -avoir]\"]\nmark = [2, 2]\nsuggest = \"{2|inflect:fem,pl}\"\n";
    assert_eq!(
        lint(entry, "ils ont déjà arrivés"),
        [("arrivés".into(), Some("arrivées".into()))]
    );
    assert_eq!(
        lint(entry, "ils ont arrivés"),
        [("arrivés".into(), Some("arrivées".into()))]
    );
    assert!(lint(entry, "ils ont mangé").is_empty());
}

#[test]
fn agreement_between_tokens() {
    let entry = "[[rule.match]]\ntokens = [\"le|la|un|une\", \"[noun]\"]\ndisagree = [\"0 1 gender\"]\nsuggest = \"{0|inflect:1} {1}\"\n";
    assert_eq!(
        lint(entry, "une problème"),
        [("une problème".into(), Some("un problème".into()))]
    );
    assert_eq!(
        lint(entry, "Le voiture"),
        [("Le voiture".into(), Some("La voiture".into()))]
    );
    assert!(lint(entry, "la voiture, un problème").is_empty());
    let same = "[[rule.match]]\ntokens = [\"le|la\", \"le|la\"]\ndisagree = [\"0 1 word\"]\n";
    assert_eq!(lint(same, "le la"), [("le la".into(), None)]);
    assert!(lint(same, "le le").is_empty());
}

#[test]
fn neighbours_and_context() {
    let entry =
        "[[rule.match]]\ntokens = [\"de\", \"le\"]\nafter = \"![verb]\"\nsuggest = \"du\"\n";
    assert_eq!(
        lint(entry, "la fin de le conflit"),
        [("de le".into(), Some("du".into()))]
    );
    assert!(lint(entry, "afin de le faire").is_empty());
    let entry =
        "[[rule.match]]\ntokens = [\"si\", \"il\"]\nprev = [\"@punct\"]\nsuggest = \"s{'}il\"\n";
    assert_eq!(
        lint(entry, "Non. Si il pleut"),
        [("Si il".into(), Some("S'il".into()))]
    );
    assert_eq!(
        lint(entry, "Non. Si il pleut’"),
        [("Si il".into(), Some("S’il".into()))]
    );
    assert!(lint(entry, "même si il pleut").is_empty());
}

#[test]
fn words_across_punctuation_or_hyphenated_lines_do_not_match() {
    let entry = "[[rule.match]]\ntokens = [\"une\", \"[noun masc]\"]\n";
    assert!(lint(entry, "une, problème").is_empty());
    assert!(lint(entry, "une diction‐\n   naire").is_empty());
}

#[test]
fn invalid_patterns_are_reported() {
    assert!(
        compile_error("[[rule.match]]\ntokens = [\"[nuon]\"]\n").contains("unknown feature `nuon`")
    );
    assert!(compile_error("[[rule.match]]\ntokens = [\"@nope\"]\n").contains("unknown word class"));
    assert!(compile_error("[[rule.match]]\ntokens = [\"?de\"]\n").contains("optional"));
    assert!(compile_error("[[rule.match]]\ntokens = [\"de\"]\nmark = [0, 3]\n").contains("mark"));
    assert!(
        compile_error("[[rule.match]]\ntokens = [\"de\"]\nsuggest = \"{0|frob}\"\n")
            .contains("unknown function")
    );
    assert!(
        compile_error("[[rule.match]]\ntokens = [\"de\"]\ndisagree = [\"0 1 gender\"]\n")
            .contains("no token 1")
    );
    assert!(compile_error("[[rule.match]]\ntokens = [\"[noun\"]\n").contains("unclosed"));
}

#[test]
fn a_word_a_lexicon_rule_explains_is_reported_once() {
    // “drive” is a French–English homograph: the spinner rule explains “la drive”, and a
    // grammar rule's disagreement over the same word is dropped.
    let mut sources: Vec<(String, String)> = crate::rules::BUILTIN_PACKS
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let entry = "[[rule.match]]\ntokens = [\"la\", \"[noun masc]\"]\n";
    sources.push(("test.toml".to_string(), pack(entry)));
    let set = RuleSet::load(sources).expect("valid packs");
    let text = "Il a vérifié la drive létale de la machine avant de partir.";
    let all = Engine::new(&set, &Selection::default(), "fr").lint(text, Format::Text);
    assert!(
        all.iter().any(|d| d.rule.starts_with("spinner-synonym/")),
        "{all:?}"
    );
    assert!(
        !all.iter().any(|d| &*d.rule == "broken-phrasing/test"),
        "{all:?}"
    );
    let alone = Engine::new(&set, &Selection::only("broken-phrasing/test"), "fr");
    assert_eq!(alone.lint(text, Format::Text).len(), 1);
}

#[test]
fn the_tests_before_matching_keep_every_match() {
    // A pattern of one token: its own conditions.
    let alone = "[[rule.match]]\ntokens = [\"la :punct-after\"]\n";
    assert_eq!(lint(alone, "Je vois la."), [("la".into(), None)]);
    assert!(lint(alone, "Je vois la maison.").is_empty());
    // Optional tokens of two kinds, then one that must be there.
    let optional = "[[rule.match]]\ntokens = [\"ont\", \"?pas\", \"?jamais\", \"[ppas]\"]\n";
    for text in [
        "ils ont pas jamais mangé",
        "ils ont jamais mangé",
        "ils ont pas mangé",
        "ils ont mangé",
    ] {
        assert_eq!(lint(optional, text).len(), 1, "{text}");
    }
    assert!(lint(optional, "ils ont des pommes").is_empty());
    // Of three kinds.
    let three =
        "[[rule.match]]\ntokens = [\"ont\", \"?pas\", \"?jamais\", \"?bien\", \"[ppas]\"]\n";
    assert_eq!(lint(three, "ils ont bien mangé").len(), 1);
    assert!(lint(three, "ils ont des pommes").is_empty());
    // A word elides the article before a vowel or a mute h only.
    let elides = "[[rule.match]]\ntokens = [\"le\", \":elides\"]\n";
    for text in ["le arbre", "le été", "le homme"] {
        assert_eq!(lint(elides, text).len(), 1, "{text}");
    }
    for text in ["le chat", "le héros"] {
        assert!(lint(elides, text).is_empty(), "{text}");
    }
}

#[test]
fn engines_with_other_word_sets_on_one_thread_never_share_cached_word_facts() {
    // The word cache is kept per thread across documents: two engines whose patterns number
    // their word sets differently, run in turn on the same thread, must each see their own.
    let article = "[[rule.match]]\ntokens = [\"le|la\", \"voiture\"]\n";
    let noun = "[[rule.match]]\ntokens = [\"voiture\", \"rouge\"]\n";
    let text = "Il voit la voiture rouge.";
    for _ in 0..3 {
        assert_eq!(lint(article, text), [("la voiture".into(), None)]);
        assert_eq!(lint(noun, text), [("voiture rouge".into(), None)]);
    }
    let set_a = RuleSet::load([("test.toml".to_string(), pack(article))]).expect("valid pack");
    let set_b = RuleSet::load([("test.toml".to_string(), pack(noun))]).expect("valid pack");
    let (a, b) = (
        Engine::new(&set_a, &Selection::default(), "fr"),
        Engine::new(&set_b, &Selection::default(), "fr"),
    );
    for _ in 0..3 {
        assert_eq!(a.lint(text, Format::Text).len(), 1);
        assert_eq!(b.lint(text, Format::Text).len(), 1);
        assert_eq!(
            b.lint(text, Format::Text)[0].span,
            text.find("voiture").unwrap()..text.find(" rouge").unwrap() + " rouge".len()
        );
    }
}

#[test]
fn a_cached_verdict_on_one_word_is_the_verdict_on_its_readings() {
    // "porte" (noun and verb) and "voiture" (noun only) have different readings: a test's
    // verdict, cached by analysis, must follow each word.
    let entry = "[[rule.match]]\ntokens = [\"la\", \"=[noun fem]\"]\n";
    for _ in 0..2 {
        assert_eq!(
            lint(entry, "Il voit la voiture."),
            [("la voiture".into(), None)]
        );
        assert!(
            lint(entry, "Je la porte.").is_empty(),
            "“porte” is also a verb"
        );
    }
}
