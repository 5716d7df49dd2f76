//! Prints what the morphology lexicon knows of each word given: its readings (lemma and
//! features) and whether it elides. A tool for writing grammar rules.
//!
//! Usage: `cargo run --example morph -- WORD...`

use mtlint::morph::{Tags, morphology};

/// The names of the features set in `tags`, as grammar patterns write them.
fn describe(tags: Tags) -> String {
    const NAMES: [&str; 53] = [
        "noun",
        "adj",
        "verb",
        "adv",
        "det",
        "pron",
        "prep",
        "conj",
        "proper",
        "num",
        "interj",
        "other",
        "masc",
        "fem",
        "sg",
        "pl",
        "inf",
        "ppas",
        "ppre",
        "finite",
        "ipre",
        "iimp",
        "ipsi",
        "ifut",
        "cond",
        "spre",
        "simp",
        "impe",
        "1s",
        "2s",
        "3s",
        "1p",
        "2p",
        "3p",
        "etre",
        "avoir",
        "transitive",
        "intransitive",
        "pronominal",
        "subject",
        "object",
        "relative",
        "demonstrative",
        "possessive",
        "indefinite",
        "interrogative",
        "adverbial",
        "coordinating",
        "subordinating",
        "negation",
        "elides-mark",
        "no-elision-mark",
        "variant",
    ];
    NAMES
        .iter()
        .enumerate()
        .filter(|(bit, _)| tags.bits() & (1 << bit) != 0)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    let morph = morphology();
    for word in std::env::args().skip(1) {
        let form = word.to_lowercase().replace('’', "'");
        println!("{word}: elision {:?}", morph.elision(&form));
        for reading in morph.readings(&form) {
            println!("  {:<16} {}", reading.lemma(&form), describe(reading.tags));
        }
    }
}
