use super::*;

fn has(form: &str, lemma: &str, wanted: Tags) -> bool {
    morphology()
        .readings(form)
        .iter()
        .any(|r| r.lemma_is(form, lemma) && r.tags.contains(wanted))
}

#[test]
fn readings_carry_lemma_part_of_speech_gender_and_number() {
    let morph = morphology();
    assert!(has("voiture", "voiture", Tags::NOUN.union(Tags::FEMININE)));
    assert!(has(
        "internationaux",
        "international",
        Tags::ADJECTIVE.union(Tags::MASCULINE).union(Tags::PLURAL)
    ));
    assert!(has("est", "être", Tags::VERB.union(Tags::FINITE)));
    assert!(has("est", "est", Tags::NOUN), "est is also a noun");
    let lemmas = morph.lemmas("fait");
    assert!(lemmas.contains(&"faire".to_string()) && lemmas.contains(&"fait".to_string()));
    assert!(morph.readings("xqzt").is_empty());
    assert!(!morph.analyze("xqzt").is_known());
    assert!(
        morph.readings("coeur").iter().any(|r| r.tags.noun()),
        "oe is read as œ"
    );
}

#[test]
fn verbs_carry_form_mood_person_and_auxiliary() {
    let morph = morphology();
    let arrives = morph.readings("arrivés");
    let participle = arrives
        .iter()
        .find(|r| r.tags.past_participle())
        .expect("arrivés is a participle");
    assert_eq!(participle.tags.verb_form(), Some(VerbForm::PastParticiple));
    assert_eq!(participle.tags.gender(), Some(Gender::Masculine));
    assert_eq!(participle.tags.number(), Some(Number::Plural));
    assert_eq!(morph.auxiliary("arrivés"), Auxiliary::Etre);
    assert_eq!(morph.auxiliary("mangé"), Auxiliary::Avoir);
    let they = Person::new(3, Number::Plural);
    assert!(
        morph
            .readings("sont")
            .iter()
            .any(|r| r.tags.finite() && r.tags.has_mood(Mood::Present) && r.tags.has_person(they))
    );
    assert!(
        morph
            .readings("répondre")
            .iter()
            .any(|r| r.tags.verb_form() == Some(VerbForm::Infinitive))
    );
}

#[test]
fn pronouns_carry_person() {
    let morph = morphology();
    let ils = morph.readings("ils");
    assert!(
        ils.iter()
            .any(|r| r.tags.subject() && r.tags.has_person(Person::new(3, Number::Plural)))
    );
    let nous = morph.readings("nous");
    assert!(
        nous.iter()
            .any(|r| r.tags.subject() && r.tags.has_person(Person::new(1, Number::Plural)))
    );
    let a = morph.readings("a");
    assert!(
        ils.iter().all(|p| !a
            .iter()
            .any(|v| v.tags.finite() && v.tags.shares_person(p.tags))),
        "“ils a” does not agree"
    );
}

#[test]
fn elision_follows_h_aspire() {
    let morph = morphology();
    assert_eq!(morph.elision("homme"), Elision::Elides);
    assert_eq!(morph.elision("héros"), Elision::Keeps);
    assert_eq!(morph.elision("hache"), Elision::Keeps);
    assert_eq!(morph.elision("onze"), Elision::Keeps);
    assert_eq!(morph.elision("arbre"), Elision::Elides);
    assert_eq!(morph.elision("voiture"), Elision::Keeps);
    assert_eq!(morph.elision("hqzt"), Elision::Unknown);
}

#[test]
fn inflection_to_gender_and_number() {
    let morph = morphology();
    let inflect = |w: &str, g, n| morph.inflect(w, g, n);
    assert_eq!(
        inflect("international", Some(Gender::Feminine), None).as_deref(),
        Some("internationale")
    );
    assert_eq!(
        inflect(
            "internationale",
            Some(Gender::Masculine),
            Some(Number::Plural)
        )
        .as_deref(),
        Some("internationaux")
    );
    assert_eq!(
        inflect("européen", None, Some(Number::Plural)).as_deref(),
        Some("européens")
    );
    assert_eq!(
        inflect("intéressant", Some(Gender::Feminine), Some(Number::Plural)).as_deref(),
        Some("intéressantes")
    );
    assert_eq!(
        inflect("le", Some(Gender::Feminine), None).as_deref(),
        Some("la")
    );
    assert_eq!(
        inflect("arrivé", Some(Gender::Feminine), Some(Number::Plural)).as_deref(),
        Some("arrivées")
    );
    assert_eq!(inflect("xqzt", None, Some(Number::Plural)), None);
}

#[test]
fn verb_forms_are_generated() {
    let morph = morphology();
    assert_eq!(
        morph
            .past_participle("répondre", Gender::Masculine, Number::Singular)
            .as_deref(),
        Some("répondu")
    );
    assert_eq!(
        morph
            .past_participle("arrivons", Gender::Feminine, Number::Plural)
            .as_deref(),
        Some("arrivées")
    );
    assert_eq!(morph.infinitive("mangeait").as_deref(), Some("manger"));
    assert_eq!(
        morph.present_participle("finir").as_deref(),
        Some("finissant")
    );
    assert_eq!(
        morph
            .conjugate("être", Mood::Present, Person::new(3, Number::Plural))
            .as_deref(),
        Some("sont")
    );
    assert_eq!(
        morph
            .conjugate("avoir", Mood::Present, Person::new(1, Number::Plural))
            .as_deref(),
        Some("avons")
    );
    let forms = morph.forms("voiture");
    assert!(forms.iter().any(|(f, t)| f == "voitures" && t.plural()));
}
