//! English words and the French look-alikes that do not translate them (faux amis, from
//! `data/false-friends.tsv`): "comprehensive" is no "compréhensif", "library" no "librairie".
//! Such a French word is never a candidate for the English one: a cognate spelling or a
//! closeness in meaning would otherwise propose it, and the fix would change the meaning.

use super::inflection::{Class, forms};
use std::{
    collections::{HashMap, HashSet},
    sync::OnceLock,
};

static FALSE_FRIENDS: &str = include_str!("../../../data/false-friends.tsv");

/// The list by English word: the forms of its French false friends, each lemma with the forms
/// inflection gives it as an adjective and as a noun ("compréhensif", "compréhensive",
/// "compréhensifs", ...), so that a candidate listed by another of its forms is known too.
fn by_english() -> &'static HashMap<&'static str, HashSet<String>> {
    static BY_ENGLISH: OnceLock<HashMap<&'static str, HashSet<String>>> = OnceLock::new();
    BY_ENGLISH.get_or_init(|| {
        let mut by_english: HashMap<&'static str, HashSet<String>> = HashMap::new();
        let lines = FALSE_FRIENDS
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split_once('\t'));
        for (english, french) in lines {
            let forms_of_english = by_english.entry(english.trim()).or_default();
            for class in [Class::Adjective, Class::Noun] {
                forms_of_english.extend(forms(french.trim(), class));
            }
        }
        by_english
    })
}

/// Whether a French word whose forms are `forms` is a false friend of the English word
/// `english` (lowercase, singular).
pub(super) fn is_false_friend<S: AsRef<str>>(english: &str, forms: &[S]) -> bool {
    by_english()
        .get(english)
        .is_some_and(|friends| forms.iter().any(|form| friends.contains(form.as_ref())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_a_pair_of_an_english_word_and_a_french_one() {
        let lines = FALSE_FRIENDS
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty());
        for line in lines {
            let (english, french) = line.split_once('\t').expect("english<TAB>french");
            let lex = crate::lexicon::lexicons();
            assert!(lex.english(english).is_some(), "{english} is English");
            assert!(lex.french(french).is_some(), "{french} is French");
        }
        assert!(is_false_friend("comprehensive", &["compréhensif"]));
        assert!(is_false_friend(
            "comprehensive",
            &["compréhensive", "compréhensives"]
        ));
        assert!(!is_false_friend("comprehensive", &["complet"]));
    }
}
