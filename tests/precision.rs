//! Correct French that spinners also produce must stay silent under every built-in rule.

use mtlint::{Engine, Format, RuleSet, Selection};

fn lint_all(text: &str) -> Vec<String> {
    let set = RuleSet::builtin().expect("built-in packs load");
    let engine = Engine::new(&set, &Selection::default(), "fr");
    engine
        .lint(text, Format::Text)
        .into_iter()
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect()
}

#[test]
fn valid_french_homographs_stay_silent() {
    let sentences = [
        "Il a été élu au second tour.",
        "En second lieu, les prix du gaz ont doublé.",
        "Le Web a profondément changé la presse.",
        "Un spot publicitaire passe à la télévision ce soir.",
        "Les vacations des médecins sont payées à l’heure.",
        "Un affect négatif accompagne ce souvenir.",
        "Récupérez vos courses au drive du magasin.",
        "Envoyez votre paiement via Paypal avant vendredi.",
        "Le second de l’équipe dirige le navire en son absence.",
        "Il entame son second mandat au second semestre.",
        "Il publie ses articles sur le Web et sur son site Web.",
        "Les compagnies low cost desservent Almaty.",
        "Nous nous sommes inscrits, vous vous êtes inscrits.",
        "Il a essayé encore et encore.",
        "Les Kazakhs et les Russes ont manifesté à Almaty.",
        "Il a dit « je refuse le mot “terroriste” » hier soir.",
        "Voir https://worldwide.example.org/level pour le détail.",
        "Écrivez à contact@worldwide.example.org pour vous abonner.",
        "Elle marche droit devant elle, la tête haute.",
        "Choisissez la version standard du paquet.",
        "Activez le mode expert dans les réglages.",
        "Je vous recommande une configuration dual boot avec deux partitions.",
        "Il affiche la date plus loin que ne le fait locale, puis s’arrête.",
        "Ajoutez l’utilisateur de l’office au groupe.",
        "Il est né à Rio Grande do Sul, au Brésil.",
        "Elle enseigne la langue des signes maritime aux enfants.",
        "Les tables parents sont verrouillées.",
        "Une transaction important des données doit être validée.",
        "Utilisez l’option --level pour régler le niveau.",
        "Extrayez les fichiers de archive.tar maintenant.",
        "La pseudo instruction est ignorée par l’assembleur.",
    ];
    for sentence in sentences {
        let found = lint_all(sentence);
        assert!(found.is_empty(), "{sentence:?} raised {found:?}");
    }
}

#[test]
fn the_same_words_in_spun_contexts_are_flagged() {
    let spun = [
        (
            "Aucun chiffre n’a été publié au second de la rédaction.",
            "spinner-synonym/second-for-moment",
        ),
        (
            "Le blocage de l’accès à Web est total.",
            "spinner-synonym/web-for-internet",
        ),
        (
            "Tous les vols à vacation spot et en provenance de Paris.",
            "spinner-synonym/english-phrase",
        ),
        (
            "Il a conservé une affect politique significative.",
            "spinner-synonym/gender-mismatch",
        ),
        (
            "Les forces peuvent utiliser la drive létale.",
            "spinner-synonym/gender-mismatch",
        ),
        (
            "Il existe quelques outils normal de traitement de texte.",
            "spinner-synonym/gender-agreement",
        ),
        (
            "Ajoutez l’utilisateur du office au groupe.",
            "spinner-synonym/missing-elision",
        ),
    ];
    for (sentence, rule) in spun {
        let found = lint_all(sentence);
        assert!(
            found.iter().any(|f| f.starts_with(rule)),
            "{sentence:?} should raise {rule}, got {found:?}"
        );
    }
}

#[test]
fn markdown_code_is_not_prose() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let engine = Engine::new(&set, &Selection::default(), "fr");
    let text = "Le fichier `worldwide.txt` existe.\n\n```\nle level du cupboard\n```\n";
    assert!(engine.lint(text, Format::Markdown).is_empty());
    assert!(!engine.lint(text, Format::Text).is_empty());
}
