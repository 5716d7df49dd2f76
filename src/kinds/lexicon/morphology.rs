//! English word formation, to read the words neither lexicon holds: an English word with an
//! English prefix or suffix ("unmounting", "orphaning", "maintainership"), or two English
//! words written as one ("backtrace", "hostname", "changelogs"). The affixes are data: the word
//! classes `en-prefix` and `en-suffix` hold those French does not have ("un-", "-ing"), with
//! which any English stem is English; `shared-prefix` and `shared-suffix` hold those French
//! shares ("re-", "-able"), with which the stem must be far more English than French, so that
//! French words the lexicon lacks ("reconfiguration", "superbloc") do not read as English. The
//! parts of a compound must be far more English than French taken together.

use super::*;

/// The least English frequency (Zipf) of a word that stands as a stem or a part of a
/// compound: rare English words split too many unrelated strings.
const PART_MIN_ZIPF: f32 = 3.0;
/// The least length, in letters, of each part of a compound.
const PART_MIN_LETTERS: usize = 3;
/// How much more English than French (sum of the parts' Zipf frequencies) a compound must be.
const COMPOUND_ENGLISH_LEAD: f32 = 1.0;

/// How a word that neither lexicon holds reads as English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum EnglishShape {
    /// An English stem with English affixes: the stem.
    Derived(String),
    /// Two English words: both.
    Compound(String, String),
}

/// The English shapes of the forms a rule has read ([`LexiconRule::english_shape`]), by form
/// and by rule ([`LexiconRule::id`]): a corpus repeats its unknown words.
type Shapes = std::collections::HashMap<Box<str>, Vec<(u64, Option<EnglishShape>)>, FnvBuild>;

/// How many forms [`Shapes`] holds at most: it is emptied when it grows past that.
const SHAPES_BOUND: usize = 100_000;

thread_local! {
    /// The memo of [`LexiconRule::english_shape`].
    static SHAPES: std::cell::RefCell<Shapes> = std::cell::RefCell::new(Shapes::default());
}

impl LexiconRule {
    /// How `form` (lowercase, neither French nor English for the lexicons) reads as English,
    /// if it does; memoized per thread, as it splits the form at every affix and every place
    /// a compound may join and reads each part in the lexicons.
    pub(super) fn english_shape(&self, form: &str) -> Option<EnglishShape> {
        if form.len() < 5 || !form.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            return None;
        }
        let hit = SHAPES.with(|shapes| {
            shapes.borrow().get(form).and_then(|by_rule| {
                by_rule
                    .iter()
                    .find(|(rule, _)| *rule == self.id)
                    .map(|(_, shape)| shape.clone())
            })
        });
        if let Some(shape) = hit {
            return shape;
        }
        let shape = self.read_english_shape(form);
        SHAPES.with(|shapes| {
            let mut shapes = shapes.borrow_mut();
            if shapes.len() >= SHAPES_BOUND {
                shapes.clear();
            }
            shapes
                .entry(form.into())
                .or_default()
                .push((self.id, shape.clone()));
        });
        shape
    }

    /// [`LexiconRule::english_shape`] of a form of five letters or more, without the memo.
    fn read_english_shape(&self, form: &str) -> Option<EnglishShape> {
        if form.contains('-') {
            return self.hyphenated_english(form);
        }
        if let Some(stem) = self.english_derivation(form, 2) {
            return Some(EnglishShape::Derived(stem));
        }
        self.english_compound_parts(form)
            .map(|(left, right)| EnglishShape::Compound(left, right))
    }

    /// A hyphenated word whose parts are English words or prefixes, one of them at least not
    /// French ("co-maintainers", "self-hosting").
    fn hyphenated_english(&self, form: &str) -> Option<EnglishShape> {
        let lex = lexicons();
        let parts: Vec<&str> = form.split('-').filter(|p| !p.is_empty()).collect();
        if parts.len() < 2 {
            return None;
        }
        let mut english_only = false;
        for part in &parts {
            let readings = lex.readings(part);
            let english = readings
                .english()
                .is_some_and(|e| e.zipf() >= PART_MIN_ZIPF)
                || self.english_derivation(part, 1).is_some();
            let prefix = self.english_prefixes.iter().any(|p| p == part);
            if !(english || prefix) {
                return None;
            }
            english_only |= english && readings.french_usage().is_none();
        }
        english_only.then(|| EnglishShape::Derived(parts.join("-")))
    }

    /// The English stem of `form` when an English prefix or suffix (or both, `depth` affixes
    /// at most) makes it of an English word: "unmounting" → "mount".
    pub(super) fn english_derivation(&self, form: &str, depth: usize) -> Option<String> {
        if depth == 0 {
            return None;
        }
        // An affix French does not have makes any English stem English ("version-ed"); one
        // French shares ("re-", "-able") needs a stem far more English than French.
        let suffixes = self
            .english_suffixes
            .iter()
            .map(|s| (s, false))
            .chain(self.shared_suffixes.iter().map(|s| (s, true)));
        for (suffix, shared) in suffixes {
            let Some(stem) = form.strip_suffix(suffix.as_str()) else {
                continue;
            };
            if stem.len() < PART_MIN_LETTERS {
                continue;
            }
            for candidate in stem_spellings(stem, suffix) {
                if self.is_english_stem(&candidate, shared)
                    || self.english_derivation(&candidate, depth - 1).is_some()
                {
                    return Some(candidate);
                }
            }
        }
        let prefixes = self
            .english_prefixes
            .iter()
            .map(|p| (p, false))
            .chain(self.shared_prefixes.iter().map(|p| (p, true)));
        for (prefix, shared) in prefixes {
            let Some(stem) = form.strip_prefix(prefix.as_str()) else {
                continue;
            };
            if stem.len() < PART_MIN_LETTERS {
                continue;
            }
            if self.is_english_stem(stem, shared)
                || self.english_derivation(stem, depth - 1).is_some()
            {
                return Some(stem.to_string());
            }
        }
        None
    }

    /// Whether `word` is an English word frequent enough to stand as a stem, and, when
    /// `dominant`, one that English uses far more than French.
    fn is_english_stem(&self, word: &str, dominant: bool) -> bool {
        let readings = lexicons().readings(word);
        readings.english().is_some_and(|english| {
            english.zipf() >= PART_MIN_ZIPF
                && (!dominant
                    || readings
                        .french_usage()
                        .is_none_or(|french| english.zipf() - french >= COMPOUND_ENGLISH_LEAD))
        })
    }

    /// Two English words that make `form` ("back" + "trace"), more English than French taken
    /// together, the second one possibly inflected ("change" + "logs").
    fn english_compound_parts(&self, form: &str) -> Option<(String, String)> {
        let lex = lexicons();
        let letters = form.len();
        if letters < 2 * PART_MIN_LETTERS {
            return None;
        }
        let weight = |word: &str| {
            let readings = lex.readings(word);
            let english = readings.english().map(|e| e.zipf()).unwrap_or(0.0);
            let french = readings.french_usage().unwrap_or(0.0);
            (english, french)
        };
        for cut in PART_MIN_LETTERS..=letters - PART_MIN_LETTERS {
            let (left, right) = form.split_at(cut);
            let (left_en, left_fr) = weight(left);
            if left_en < PART_MIN_ZIPF {
                continue;
            }
            let right_forms = std::iter::once(Cow::Borrowed(right)).chain(
                ["s", "es", "ed", "ing", "er", "ers"]
                    .iter()
                    .filter_map(|s| right.strip_suffix(s))
                    .filter(|stem| stem.len() >= PART_MIN_LETTERS)
                    .flat_map(|stem| stem_spellings(stem, ""))
                    .map(Cow::Owned),
            );
            for right_form in right_forms {
                let (right_en, right_fr) = weight(&right_form);
                if right_en < PART_MIN_ZIPF {
                    continue;
                }
                if left_en + right_en >= left_fr + right_fr + COMPOUND_ENGLISH_LEAD {
                    return Some((left.to_string(), right_form.into_owned()));
                }
            }
        }
        None
    }
}

/// The spellings a stem may have had before a suffix: as it is, with a mute e restored
/// ("configur" → "configure"), a doubled consonant undone ("mapp" → "map"), and "i" back to
/// "y" ("bugg-ies").
fn stem_spellings(stem: &str, suffix: &str) -> Vec<String> {
    let mut out = vec![stem.to_string()];
    let bytes = stem.as_bytes();
    if suffix.starts_with(['e', 'i', 'a']) || suffix.is_empty() {
        out.push(format!("{stem}e"));
    }
    if bytes.len() >= 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2] {
        out.push(stem[..stem.len() - 1].to_string());
    }
    if let Some(base) = stem.strip_suffix('i') {
        out.push(format!("{base}y"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_shapes_are_those_read_afresh() {
        let rules = crate::kinds::lexicon::builtin_lexicon_rules();
        let forms = [
            "backtrace",
            "unmounting",
            "hostname",
            "changelogs",
            "maintainership",
            "co-maintainers",
            "self-hosting",
            "reconfiguration",
            "superbloc",
            "orphaning",
            "logrotate",
            "zzzzzzzz",
            "abc",
            "Backtrace",
        ];
        let mut shaped = 0;
        for rule in &rules {
            for form in forms {
                let afresh = (form.len() >= 5
                    && form.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
                .then(|| rule.read_english_shape(form))
                .flatten();
                // Asked twice: read, then remembered.
                assert_eq!(rule.english_shape(form), afresh, "{form} {:?}", rule.mode);
                assert_eq!(rule.english_shape(form), afresh, "{form} {:?}", rule.mode);
                shaped += usize::from(afresh.is_some());
            }
        }
        assert!(shaped >= 5, "{shaped}");
        let ids: std::collections::HashSet<u64> = rules.iter().map(|rule| rule.id).collect();
        assert_eq!(ids.len(), rules.len(), "each rule has its own key");
    }

    #[test]
    fn stems_get_back_their_spelling() {
        assert!(stem_spellings("configur", "ed").contains(&"configure".to_string()));
        assert!(stem_spellings("mapp", "ed").contains(&"map".to_string()));
        assert!(stem_spellings("buggi", "es").contains(&"buggy".to_string()));
    }
}
