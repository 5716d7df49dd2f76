//! A fix for an English word must leave correct French: the replacement agrees in gender and
//! number with its determiner and noun, or no fix is offered. Adjectives after their noun and
//! nouns after their determiner, of each gender and number, elided and not.

use mtlint::lexicon::lexicons;
use mtlint::{Engine, Format, RuleSet};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// An adjective after its noun.
    Adjective,
    /// A noun after its determiner.
    Noun,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum G {
    M,
    F,
    /// Either: the determiner does not mark gender ("les", "l’") and a noun has its own.
    E,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum N {
    Sg,
    Pl,
}

use G::*;
use N::*;
use Slot::*;

/// A sentence, the English word, its slot, the gender and number it requires, and the expected
/// fix when a particular one is required.
type Case = (&'static str, &'static str, Slot, G, N, Option<&'static str>);

const CASES: &[Case] = &[
    // Adjectives after their noun.
    (
        "La conférence worldwide a lieu à Genève.",
        "worldwide",
        Adjective,
        F,
        Sg,
        Some("internationale"),
    ),
    (
        "Des accords worldwide ont été signés.",
        "worldwide",
        Adjective,
        M,
        Pl,
        Some("internationaux"),
    ),
    (
        "Une campagne nationwide commence lundi.",
        "nationwide",
        Adjective,
        F,
        Sg,
        Some("nationale"),
    ),
    (
        "Le réseau worldwide relie les agences.",
        "worldwide",
        Adjective,
        M,
        Sg,
        None,
    ),
    (
        "Les organisations worldwide se réunissent.",
        "worldwide",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "L’organisation worldwide publie son rapport.",
        "worldwide",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "L’accord worldwide entre en vigueur.",
        "worldwide",
        Adjective,
        M,
        Sg,
        None,
    ),
    (
        "Un débat nationwide a suivi l’élection.",
        "nationwide",
        Adjective,
        M,
        Sg,
        None,
    ),
    (
        "Les grèves nationwide paralysent le pays.",
        "nationwide",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Des sondages nationwide donnent le candidat gagnant.",
        "nationwide",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "L’enquête nationwide porte sur la santé.",
        "nationwide",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Une réunion annual se tient en mai.",
        "annual",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Les rapports annual sont publiés en ligne.",
        "annual",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Les fêtes annual attirent les touristes.",
        "annual",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Le bilan annual est positif.",
        "annual",
        Adjective,
        M,
        Sg,
        None,
    ),
    (
        "La version official sort demain.",
        "official",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Les chiffres official sont attendus.",
        "official",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Les langues official du pays sont deux.",
        "official",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Le site official donne les horaires.",
        "official",
        Adjective,
        M,
        Sg,
        None,
    ),
    (
        "L’annonce official est tombée hier.",
        "official",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "La politique economic du gouvernement change.",
        "economic",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Les indicateurs economic sont mauvais.",
        "economic",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Les données economic manquent.",
        "economic",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Le secteur economic souffre.",
        "economic",
        Adjective,
        M,
        Sg,
        None,
    ),
    (
        "Une méthode reliable donne ce résultat.",
        "reliable",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Des outils reliable sont nécessaires.",
        "reliable",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Les sources reliable manquent.",
        "reliable",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Un moteur powerful équipe la voiture.",
        "powerful",
        Adjective,
        M,
        Sg,
        None,
    ),
    (
        "Une machine powerful calcule les prévisions.",
        "powerful",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Les ordinateurs powerful coûtent cher.",
        "powerful",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Les armes powerful sont interdites.",
        "powerful",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Une situation dangerous oblige à partir.",
        "dangerous",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Les produits dangerous sont stockés à part.",
        "dangerous",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Les routes dangerous sont fermées.",
        "dangerous",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Un virage dangerous précède le pont.",
        "dangerous",
        Adjective,
        M,
        Sg,
        None,
    ),
    (
        "La région foreign reste inconnue.",
        "foreign",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Les investisseurs foreign arrivent.",
        "foreign",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Les langues foreign sont enseignées tôt.",
        "foreign",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Une histoire famous circule en ville.",
        "famous",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Les acteurs famous signent des autographes.",
        "famous",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Une erreur serious a été commise.",
        "serious",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Des problèmes serious restent à régler.",
        "serious",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "L’équipe regional gagne le tournoi.",
        "regional",
        Adjective,
        F,
        Sg,
        None,
    ),
    (
        "Les conseils regional votent le budget.",
        "regional",
        Adjective,
        M,
        Pl,
        None,
    ),
    (
        "Les élections regional ont lieu en mars.",
        "regional",
        Adjective,
        F,
        Pl,
        None,
    ),
    (
        "Le journal regional en parle.",
        "regional",
        Adjective,
        M,
        Sg,
        None,
    ),
    // Nouns after their determiner.
    (
        "Vous pourrez utiliser ce paper pour réviser.",
        "paper",
        Noun,
        M,
        Sg,
        None,
    ),
    (
        "Lisez les papers publiés cette année.",
        "papers",
        Noun,
        E,
        Pl,
        None,
    ),
    (
        "Il range la paper dans le tiroir.",
        "paper",
        Noun,
        F,
        Sg,
        None,
    ),
    (
        "Une area protégée entoure le lac.",
        "area",
        Noun,
        F,
        Sg,
        None,
    ),
    ("Un area de stockage est prévu.", "area", Noun, M, Sg, None),
    ("Les areas rurales se vident.", "areas", Noun, E, Pl, None),
    (
        "Le character principal meurt à la fin.",
        "character",
        Noun,
        M,
        Sg,
        None,
    ),
    (
        "La community locale s’organise.",
        "community",
        Noun,
        F,
        Sg,
        None,
    ),
    (
        "Les communities se sont rassemblées.",
        "communities",
        Noun,
        E,
        Pl,
        None,
    ),
    ("Le level de vie augmente.", "level", Noun, M, Sg, None),
    (
        "Les levels de sécurité sont élevés.",
        "levels",
        Noun,
        E,
        Pl,
        None,
    ),
    (
        "Une piece de théâtre est jouée ce soir.",
        "piece",
        Noun,
        F,
        Sg,
        None,
    ),
    ("Un piece du moteur est cassé.", "piece", Noun, M, Sg, None),
    (
        "Les layouts de page sont nombreux.",
        "layouts",
        Noun,
        E,
        Pl,
        None,
    ),
    ("Le layout de la page change.", "layout", Noun, M, Sg, None),
    (
        "Une boundary sépare les deux zones.",
        "boundary",
        Noun,
        F,
        Sg,
        None,
    ),
    (
        "La knowledge des langues aide.",
        "knowledge",
        Noun,
        F,
        Sg,
        None,
    ),
    (
        "Le knowledge du terrain compte.",
        "knowledge",
        Noun,
        M,
        Sg,
        None,
    ),
    (
        "Cette explanation ne suffit pas.",
        "explanation",
        Noun,
        F,
        Sg,
        None,
    ),
    (
        "Ces explanations ne suffisent pas.",
        "explanations",
        Noun,
        E,
        Pl,
        None,
    ),
    ("Un setup minimal suffit.", "setup", Noun, M, Sg, None),
    (
        "Une setup complète demande du temps.",
        "setup",
        Noun,
        F,
        Sg,
        None,
    ),
    (
        "Les warnings du compilateur sont nombreux.",
        "warnings",
        Noun,
        E,
        Pl,
        None,
    ),
    (
        "Une warning apparaît au démarrage.",
        "warning",
        Noun,
        F,
        Sg,
        None,
    ),
];

/// Whether the lexicon knows `word` as a `slot` word that may have `gender` and `number`.
fn agrees(word: &str, slot: Slot, gender: G, number: N) -> bool {
    let Some(f) = lexicons().french(&word.to_lowercase()) else {
        return false;
    };
    let class = match slot {
        // A noun in apposition after a noun is invariable ("le code source").
        Adjective => f.adjective() || f.noun(),
        Noun => f.noun() || f.adjective(),
    };
    let gendered = slot == Adjective && f.adjective() || slot == Noun;
    class
        && (!gendered
            || match gender {
                M => f.masculine(),
                F => f.feminine(),
                E => true,
            })
        && match number {
            Sg => f.singular(),
            Pl => f.plural(),
        }
}

#[test]
fn every_fix_agrees_with_its_determiner_and_noun() {
    assert!(CASES.len() >= 60);
    let set = RuleSet::builtin().expect("built-in packs load");
    let engine = Engine::new(&set, &mtlint::Selection::default(), "fr");
    let (mut fixes, mut suggested, mut wrong) = (0, 0, Vec::new());
    for &(sentence, word, slot, gender, number, expected) in CASES {
        let at = sentence.find(word).expect("the word is in the sentence");
        let diagnostics = engine.lint(sentence, Format::Text);
        let Some(found) = diagnostics
            .iter()
            .find(|d| d.span.start <= at && at < d.span.end)
        else {
            continue;
        };
        // The first suggestion: the fix, or the candidate the message names first when the
        // evidence is too weak for a fix. Both must agree.
        let first = match &found.fix {
            Some(fix) => {
                fixes += 1;
                fix.edits[0].replacement.clone()
            }
            None => {
                assert!(expected.is_none(), "{sentence}: no fix, {}", found.message);
                let Some(named) = first_named(&found.message) else {
                    continue;
                };
                named
            }
        };
        suggested += 1;
        if let Some(expected) = expected {
            assert_eq!(first, expected, "{sentence}");
        }
        if !agrees(&first, slot, gender, number) {
            wrong.push(format!("{sentence} → {first}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "suggestions that do not agree: {wrong:#?}"
    );
    // Naming no candidate would pass the check above: nearly every word gets a first
    // suggestion, and a quarter of them a fix (the others are broad words whose evidence is
    // too weak for a fix, listed without one).
    assert!(
        suggested * 10 >= CASES.len() * 9,
        "only {suggested} suggestions"
    );
    assert!(fixes * 4 >= CASES.len(), "only {fixes} fixes");
}

/// The French word a lexicon diagnostic's message names first, between curly quotes after
/// "most likely the French" or "synonym of".
fn first_named(message: &str) -> Option<String> {
    let after = ["most likely the French “", "synonym of “"]
        .iter()
        .find_map(|lead| message.split_once(lead).map(|(_, rest)| rest))?;
    after.split_once('”').map(|(word, _)| word.to_string())
}

/// An English expression's verb takes the form its place needs, and a word of the expression
/// is not reported again on its own.
#[test]
fn an_expression_verb_takes_the_form_of_its_place() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let engine = Engine::new(&set, &mtlint::Selection::default(), "fr");
    let fixed = |text: &str| {
        let diagnostics = engine.lint(text, Format::Text);
        let lexical: Vec<_> = diagnostics
            .iter()
            .filter(|d| {
                d.rule.starts_with("spinner-synonym/") || d.rule.starts_with("english-leftover/")
            })
            .collect();
        assert_eq!(
            lexical.len(),
            1,
            "one report for the expression in {text:?}: {lexical:?}"
        );
        lexical[0].fix.as_ref().map(|f| {
            let edit = &f.edits[0];
            format!(
                "{}{}{}",
                &text[..edit.start],
                edit.replacement,
                &text[edit.end..]
            )
        })
    };
    assert_eq!(
        fixed("Les syndicats vont turn down cette offre.").as_deref(),
        Some("Les syndicats vont refuser cette offre.")
    );
    assert_eq!(
        fixed("Nous turn down cette offre.").as_deref(),
        Some("Nous refusons cette offre.")
    );
    assert_eq!(
        fixed("Ils vont keep on ce projet.").as_deref(),
        Some("Ils vont continuer ce projet.")
    );
    // The subject is a noun: the verb's form is left open, and so is the fix.
    assert_eq!(fixed("Le syndicat turn down cette offre."), None);
}

/// The replacement that the fix of `text`'s first `english-leftover/english-word` report
/// offers, if any.
fn english_word_fix(engine: &Engine, text: &str) -> Option<String> {
    engine
        .lint(text, Format::Text)
        .into_iter()
        .find(|d| &*d.rule == "english-leftover/english-word")
        .and_then(|d| d.fix)
        .map(|f| f.edits[0].replacement.clone())
}

/// A noun the word list gives both genders but the morphology lexicon only one ("photo",
/// feminine) is not put after a determiner of the other gender.
#[test]
fn a_noun_of_one_gender_in_the_morphology_lexicon_fits_only_that_gender() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let engine = Engine::new(&set, &mtlint::Selection::default(), "fr");
    let replacement = |text: &str| english_word_fix(&engine, text);
    assert_eq!(
        replacement("Il regarde la photograph de la ville.").as_deref(),
        Some("photo")
    );
    assert_ne!(
        replacement("Il regarde le photograph de la ville.").as_deref(),
        Some("photo")
    );
}

/// The engine of the built-in packs for French text produced by `origin`.
fn engine_for(set: &RuleSet, origin: mtlint::config::Origin) -> Engine {
    Engine::new(set, &mtlint::Selection::default(), "fr").with_origin(origin)
}

/// The message of `text`'s first `english-leftover/english-word` report.
fn english_word_message(engine: &Engine, text: &str) -> String {
    engine
        .lint(text, Format::Text)
        .into_iter()
        .find(|d| &*d.rule == "english-leftover/english-word")
        .map(|d| d.message)
        .unwrap_or_default()
}

/// The candidate that `text`'s first `english-leftover/english-word` report names first.
fn english_word_first(engine: &Engine, text: &str) -> Option<String> {
    first_named(&english_word_message(engine, text))
}

/// A cognate the document never writes loses to a candidate it writes in other sentences
/// (a spinner leaves the word it replaced there), and stays a candidate in a document that
/// writes none of them (a word machine translation left in English), where the close
/// thesaurus neighbours ("local", "territorial") leave the fix withheld or "régional".
#[test]
fn the_document_s_own_words_outrank_an_unused_cognate() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let engine = Engine::new(&set, &mtlint::Selection::default(), "fr");
    let replacement = |text: &str| english_word_fix(&engine, text);
    let alone = "Le marché regional est ouvert le soir.";
    assert!(
        english_word_message(&engine, alone).contains("`régional`"),
        "{}",
        english_word_message(&engine, alone)
    );
    assert!(matches!(
        replacement(alone).as_deref(),
        None | Some("régional")
    ));
    let beside = "Le marché local est ouvert le matin.\n\nLe marché regional est ouvert le soir.";
    assert_eq!(
        english_word_first(&engine, beside).as_deref(),
        Some("local")
    );
    assert!(matches!(
        replacement(beside).as_deref(),
        None | Some("local")
    ));
}

/// A synonym Moby's thesaurus lists ("local" for "regional") counts in spun text, where a
/// spinner swapped synonyms: beside it, the cognate "régional" comes first but is not sure
/// enough for a fix. An unfinished translation's English word stands for its translation, and
/// Moby's synonyms count for nothing there: the cognate is fixed.
#[test]
fn a_moby_synonym_withholds_a_cognate_s_fix_in_spun_text_only() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let text = "Le marché regional est ouvert le soir.";
    let spun = engine_for(&set, mtlint::config::Origin::Spun);
    assert_eq!(english_word_fix(&spun, text), None);
    assert!(
        english_word_message(&spun, text).contains("`local`"),
        "{}",
        english_word_message(&spun, text)
    );
    let translated = engine_for(&set, mtlint::config::Origin::Translated);
    assert_eq!(
        english_word_fix(&translated, text).as_deref(),
        Some("régional")
    );
}

/// A text too short to tell whether a spinner or an unfinished translation left its English
/// word is weighed as either: "rapid", which a spinner may have put for the homograph
/// "instant" and a translation left for "rapide", gets no fix, and the translation comes
/// first. Taken as spun text, the homograph is a candidate that keeps the fix withheld; taken
/// as a translation, "rapide" is fixed.
#[test]
fn a_text_too_short_to_tell_its_origin_is_weighed_as_either() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let engine = Engine::new(&set, &mtlint::Selection::default(), "fr");
    let text = "La réponse du ministère a été rapid.";
    assert_eq!(english_word_fix(&engine, text), None);
    assert_eq!(english_word_first(&engine, text).as_deref(), Some("rapide"));
    let spun = engine_for(&set, mtlint::config::Origin::Spun);
    assert_eq!(english_word_fix(&spun, text), None);
    assert!(
        english_word_message(&spun, text).contains("`instant`"),
        "{}",
        english_word_message(&spun, text)
    );
    let translated = engine_for(&set, mtlint::config::Origin::Translated);
    assert_eq!(
        english_word_fix(&translated, text).as_deref(),
        Some("rapide")
    );
}

/// A plural English word gets its singular's thesaurus senses, put in the plural: "origins"
/// as "origin" → "source" → "sources".
#[test]
fn a_plural_english_word_takes_its_singular_s_candidates_in_the_plural() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let engine = Engine::new(&set, &mtlint::Selection::default(), "fr");
    assert_eq!(
        english_word_fix(&engine, "Les origins de ces paquets sont connues.").as_deref(),
        Some("sources")
    );
}
