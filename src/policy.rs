//! What the configuration does to the engine's diagnostics, file by file: the glossary check,
//! per-file and per-phrase ignores, allowed words, suppression comments, severity overrides;
//! and the rules that live here rather than in a pack (`consistency/glossary`,
//! `suppression/unused`).

use crate::{
    config::{Settings, glob_matches, glob_set},
    diagnostic::{Applicability, Category, Diagnostic, Severity},
    engine::Engine,
    fix::FixOutcome,
    formats::{Format, FormatError, ReadOptions},
    glossary,
    kinds::bilingual::terminology,
    rules::{RuleMeta, spec::ExampleSpec},
    suppress,
};
use globset::GlobSet;
use std::{collections::HashSet, path::Path, sync::Arc};

/// The documentation of the rules implemented here rather than in a rule pack.
pub fn builtin_rules() -> Vec<RuleMeta> {
    let example = |bad: Option<&str>, fixed: Option<&str>, good: Option<&str>| ExampleSpec {
        source: None,
        bad: bad.map(str::to_string),
        fixed: fixed.map(str::to_string),
        good: good.map(str::to_string),
    };
    vec![
        RuleMeta {
            id: glossary::RULE_ID.into(),
            kind: "glossary".to_string(),
            category: Category::Consistency,
            severity: Severity::Warning,
            message: "“{match}” is spelled “{suggestion}” in the glossary".to_string(),
            fallback_message: None,
            fix: Some(Applicability::Safe),
            summary: "A spelling that differs from the canonical one of the configuration's glossary.".to_string(),
            what: "Finds the variants of the canonical spellings listed in the `glossary` of `mtlint.toml` (or given with `--glossary`). A glossary entry with listed variants finds exactly those; a canonical spelling alone finds every spelling that is the same once case and diacritics are folded and y, ï and i are made equal (Tokayev, Tokáyev, TOKAYEV for Tokaïev).".to_string(),
            why: "Machine translation and spinners transliterate names and terms inconsistently; one document, or one corpus, should spell a name one way.".to_string(),
            examples: vec![
                example(Some("Le président Tokayev a parlé."), Some("Le président Tokaïev a parlé."), None),
                example(None, None, Some("Le président Tokaïev a parlé.")),
            ],
            pack: "(configuration)".to_string(),
            lang: "*".to_string(),
            formats: Vec::new(),
        },
        terminology::rule(),
        RuleMeta {
            id: suppress::UNUSED_ID.into(),
            kind: "suppression".to_string(),
            category: Category::Suppression,
            severity: Severity::Info,
            message: "this suppression comment suppresses nothing".to_string(),
            fallback_message: None,
            fix: None,
            summary: "A `mtlint-disable` comment that suppresses nothing.".to_string(),
            what: "Finds `<!-- mtlint-disable RULE -->`, `<!-- mtlint-disable-next-line RULE -->` and `<!-- mtlint-disable-file RULE -->` comments (anywhere in Markdown and HTML, alone on their line in plain text) that silenced no diagnostic, including those naming a rule that does not exist.".to_string(),
            why: "A stale suppression hides nothing today but will silently hide a real problem tomorrow; a misspelled rule id suppresses nothing at all.".to_string(),
            examples: vec![example(
                Some("<!-- mtlint-disable-next-line punctuation -->\nUne phrase correcte."),
                None,
                None,
            )],
            pack: "(built in)".to_string(),
            lang: "*".to_string(),
            formats: Vec::new(),
        },
    ]
}

/// The languages automatic detection chooses from.
const DETECTED: [(whatlang::Lang, &str); 6] = [
    (whatlang::Lang::Fra, "fr"),
    (whatlang::Lang::Eng, "en"),
    (whatlang::Lang::Deu, "de"),
    (whatlang::Lang::Spa, "es"),
    (whatlang::Lang::Ita, "it"),
    (whatlang::Lang::Por, "pt"),
];

/// Words that French writes often: a sample full of them is French, and whatlang (which
/// reads a few MB/s, and costs about 100,000 instructions even on a short text) need not be
/// asked. The first [`SHARED_MARKERS`] are also written often in Spanish, Italian or
/// Portuguese ("la", "le", "les", "que"); the others seldom in the other detected languages
/// (Italian's "qui" aside, and a second one is required).
const FRENCH_MARKERS: [&str; 14] = [
    "le", "la", "les", "que", "des", "du", "est", "et", "une", "dans", "pour", "qui", "sur", "pas",
];

/// How many of the [`FRENCH_MARKERS`], first, other languages also write often.
const SHARED_MARKERS: usize = 4;

/// Whether `sample` is plainly French: at least 12 French marker words, making up one word in
/// eight; or, in a sample too short for 12 (a short document, a record, a subtitle), at least
/// 4 in the same share, 2 of them markers the other detected languages seldom write. A word is
/// a run of alphabetic characters (`char::is_alphabetic`).
fn plainly_french(sample: &str) -> bool {
    let counts = french_markers_and_words(sample);
    counts.markers * 8 >= counts.words
        && (counts.markers >= 12 || (counts.markers >= 4 && counts.only_french >= 2))
}

/// What [`plainly_french`] counts in a sample.
#[derive(Debug, Default, PartialEq, Eq)]
struct MarkerCounts {
    /// The French marker words.
    markers: usize,
    /// The marker words the other detected languages seldom write.
    only_french: usize,
    /// The words.
    words: usize,
}

/// The French marker words of `sample` and its words, for [`plainly_french`]. Runs of ASCII
/// bytes are read in tight loops; other characters are told by [`alphabetic_at`].
fn french_markers_and_words(sample: &str) -> MarkerCounts {
    let bytes = sample.as_bytes();
    let mut counts = MarkerCounts::default();
    let mut at = 0;
    loop {
        // Up to the next letter.
        loop {
            match bytes.get(at) {
                None => return counts,
                Some(byte) if byte.is_ascii_alphabetic() => break,
                Some(byte) if byte.is_ascii() => at += 1,
                Some(_) => match alphabetic_at(sample, at) {
                    (true, _) => break,
                    (false, width) => at += width,
                },
            }
        }
        // The word that starts there.
        let start = at;
        loop {
            match bytes.get(at) {
                Some(byte) if byte.is_ascii_alphabetic() => at += 1,
                Some(byte) if !byte.is_ascii() => match alphabetic_at(sample, at) {
                    (true, width) => at += width,
                    (false, _) => break,
                },
                _ => break,
            }
        }
        counts.words += 1;
        if let Some(marker) = french_marker(&bytes[start..at]) {
            counts.markers += 1;
            counts.only_french += usize::from(marker >= SHARED_MARKERS);
        }
    }
}

/// Whether the character at byte `at` of `sample` (beyond ASCII) is alphabetic, and its length
/// in bytes: the Latin-1 letters of two bytes ("é", "à", "ç": U+00C0 to U+00FF but "×" and
/// "÷") are told from their bytes, other characters decoded.
#[inline]
fn alphabetic_at(sample: &str, at: usize) -> (bool, usize) {
    let bytes = sample.as_bytes();
    if bytes[at] == 0xC3 {
        return (!matches!(bytes[at + 1], 0x97 | 0xB7), 2);
    }
    let c = sample[at..]
        .chars()
        .next()
        .expect("a character starts here");
    (c.is_alphabetic(), c.len_utf8())
}

/// The [`FRENCH_MARKERS`] as [`marker_key`]s.
const MARKER_KEYS: [u32; FRENCH_MARKERS.len()] = {
    let mut keys = [0; FRENCH_MARKERS.len()];
    let mut n = 0;
    while n < keys.len() {
        let marker = FRENCH_MARKERS[n].as_bytes();
        let mut at = 0;
        while at < marker.len() {
            keys[n] |= (marker[at] as u32) << (8 * at);
            at += 1;
        }
        n += 1;
    }
    keys
};

/// Which of the [`FRENCH_MARKERS`] `word`, a run of alphabetic characters, is in any case (its
/// index), if any: a word of at most four ASCII letters, lowercased (bit 5 set) in an integer,
/// is compared with [`MARKER_KEYS`].
#[inline]
fn french_marker(word: &[u8]) -> Option<usize> {
    if word.len() > 4 || !word.is_ascii() {
        return None;
    }
    let key = word.iter().enumerate().fold(0u32, |key, (at, &byte)| {
        key | u32::from(byte | 0x20) << (8 * at)
    });
    MARKER_KEYS.iter().position(|&marker| marker == key)
}

/// The language of `text` for `lang = "auto"`: whatlang's guess among a few languages when it
/// is reliable, otherwise `fr`.
pub fn detect_language(text: &str) -> &'static str {
    // A sample is enough and keeps detection cheap (whatlang reads a few MB/s).
    let mut end = text.len().min(2048);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if plainly_french(&text[..end]) {
        return "fr";
    }
    let detector =
        whatlang::Detector::with_allowlist(DETECTED.iter().map(|(lang, _)| *lang).collect());
    detector
        .detect(&text[..end])
        .filter(|info| info.is_reliable())
        .and_then(|info| DETECTED.iter().find(|(l, _)| *l == info.lang()))
        .map_or("fr", |(_, code)| code)
}

/// How an allowed word and a flagged text are compared: lowercase, accents composed.
fn allow_key(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else if unicode_normalization::is_nfc(text) {
        text.to_lowercase()
    } else {
        use unicode_normalization::UnicodeNormalization;
        text.nfc().collect::<String>().to_lowercase()
    }
}

/// The settings of one configuration, compiled for post-processing diagnostics.
pub struct Policy {
    /// The effective settings.
    pub settings: Arc<Settings>,
    per_file: Vec<(GlobSet, Vec<String>)>,
    /// The phrases of `per-phrase-ignores`, in one automaton, with the ids each one ignores.
    phrases: Option<(aho_corasick::AhoCorasick, Vec<Vec<String>>)>,
    allow: HashSet<String>,
    rule_ids: Vec<String>,
    /// How files are read (the JSON fields that hold prose).
    reading: ReadOptions,
}

impl Policy {
    /// Compiles `settings`; `rule_ids` are the ids of every known rule (for suppression
    /// comments naming a rule that does not exist).
    pub fn new(settings: Arc<Settings>, rule_ids: Vec<String>) -> Result<Policy, String> {
        let per_file = settings
            .per_file_ignores
            .iter()
            .map(|(glob, ids)| {
                let glob = crate::config::rebase_glob(glob, &settings.root);
                Ok((glob_set(&[glob])?, ids.clone()))
            })
            .collect::<Result<_, String>>()?;
        let phrases = if settings.per_phrase_ignores.is_empty() {
            None
        } else {
            let automaton = aho_corasick::AhoCorasick::new(settings.per_phrase_ignores.keys())
                .map_err(|e| format!("per-phrase-ignores: {e}"))?;
            Some((
                automaton,
                settings.per_phrase_ignores.values().cloned().collect(),
            ))
        };
        Ok(Policy {
            allow: settings.allow.iter().map(|w| allow_key(w)).collect(),
            per_file,
            phrases,
            rule_ids,
            settings,
            reading: ReadOptions::default(),
        })
    }

    /// The policy reading files with `options`.
    pub fn reading(self, options: ReadOptions) -> Policy {
        Policy {
            reading: options,
            ..self
        }
    }

    /// How files are read.
    pub fn read_options(&self) -> &ReadOptions {
        &self.reading
    }

    /// Lints `text` (the file `path`) with `engine` and applies the configuration, or says
    /// why the text is not valid in its format.
    pub fn lint(
        &self,
        engine: &Engine,
        path: &Path,
        text: &str,
        format: Format,
    ) -> Result<Vec<Diagnostic>, FormatError> {
        self.lint_part(engine, path, text, format, None)
    }

    /// [`Policy::lint`] for `text`, one part of a large document (`part`: where it stands and
    /// what the whole document holds), or a whole file (`None`).
    pub fn lint_part(
        &self,
        engine: &Engine,
        path: &Path,
        text: &str,
        format: Format,
        part: Option<crate::corpus::facts::PartContext>,
    ) -> Result<Vec<Diagnostic>, FormatError> {
        let found = engine.check_part(text, format, &self.reading, part)?;
        let inherited = part.map(|part| part.facts.inherited_suppressions(part.index));
        Ok(self.process_in_part(path, text, format, found, inherited.as_deref()))
    }

    /// Applies the configuration to the engine's diagnostics of `text`, the file `path`.
    pub fn process(
        &self,
        path: &Path,
        text: &str,
        format: Format,
        diagnostics: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        self.process_in_part(path, text, format, diagnostics, None)
    }

    /// [`Policy::process`] for `text`, one part of a file read in parts when `inherited` gives
    /// what the suppression comments of the other parts do in it.
    fn process_in_part(
        &self,
        path: &Path,
        text: &str,
        format: Format,
        mut diagnostics: Vec<Diagnostic>,
        inherited: Option<&[crate::suppress::Directive]>,
    ) -> Vec<Diagnostic> {
        let s = &self.settings;
        if !s.glossary.is_empty() && s.rule_enabled(glossary::RULE_ID) {
            diagnostics.extend(glossary::check(text, format, &self.reading, &s.glossary));
        }
        if !s.terminology.is_empty() && s.rule_enabled(terminology::RULE_ID) {
            diagnostics.extend(terminology::check(text, format, &s.terminology));
        }
        let ignored: Vec<&String> = self
            .per_file
            .iter()
            .filter(|(set, _)| glob_matches(set, path, &s.root))
            .flat_map(|(_, ids)| ids)
            .collect();
        // Every occurrence of an ignored phrase, by start, found in one pass; a diagnostic looks
        // only at those that start less than the longest phrase before it.
        let (occurrences, longest) = match &self.phrases {
            None => (Vec::new(), 0),
            Some((automaton, _)) => {
                let found: Vec<(std::ops::Range<usize>, usize)> = automaton
                    .find_overlapping_iter(text)
                    .map(|m| (m.range(), m.pattern().as_usize()))
                    .collect();
                let longest = found.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
                (found, longest)
            }
        };
        let phrase_ids =
            |pattern: usize| &self.phrases.as_ref().expect("phrases were found").1[pattern];
        diagnostics.retain(|d| {
            let id = &*d.rule;
            let by_prefix = |p: &String| id.starts_with(p.as_str());
            let end = d.span.end.max(d.span.start + 1);
            let from = occurrences.partition_point(|(r, _)| r.start + longest <= d.span.start);
            !ignored.iter().any(|p| by_prefix(p))
                && !occurrences[from..]
                    .iter()
                    .take_while(|(r, _)| r.start < end)
                    .any(|(r, pattern)| {
                        d.span.start < r.end && phrase_ids(*pattern).iter().any(by_prefix)
                    })
                && (self.allow.is_empty()
                    || !self.allow.contains(&allow_key(&text[d.span.clone()])))
        });
        let shown = path.to_string_lossy();
        let exists = |p: &str| self.rule_ids.iter().any(|id| id.starts_with(p));
        let syntax = suppress::syntax_of(&shown);
        let code = if syntax == suppress::Syntax::Comment && text.contains("mtlint-") {
            crate::view::TextView::new(text, format).code()
        } else {
            Vec::new()
        };
        let (kept, unused) = suppress::apply(text, syntax, &code, diagnostics, &exists, inherited);
        diagnostics = kept;
        if s.rule_enabled(suppress::UNUSED_ID) {
            diagnostics.extend(unused);
        }
        for d in &mut diagnostics {
            d.severity = s.severity_of(&d.rule, d.severity);
        }
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        diagnostics
    }

    /// Lints and fixes `text` until no applicable fix remains, like
    /// [`crate::fix::fix_until_stable`], with the configuration applied at every round (so
    /// suppressed diagnostics are never fixed and glossary fixes are).
    pub fn fix(
        &self,
        engine: &Engine,
        path: &Path,
        text: &str,
        format: Format,
        unsafe_fixes: bool,
    ) -> Result<FixOutcome, FormatError> {
        crate::fix::try_fix_with(text, unsafe_fixes, format, |current| {
            self.lint(engine, path, current, format)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`french_markers_and_words`] as first written: words split at every character that is
    /// not alphabetic.
    fn french_markers_and_words_by_chars(sample: &str) -> MarkerCounts {
        let mut counts = MarkerCounts::default();
        for word in sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            counts.words += 1;
            let marker = FRENCH_MARKERS
                .iter()
                .position(|m| word.len() <= 4 && word.eq_ignore_ascii_case(m));
            if let Some(marker) = marker {
                counts.markers += 1;
                counts.only_french += usize::from(marker >= SHARED_MARKERS);
            }
        }
        counts
    }

    /// The markers counted from the bytes are those counted a character at a time, on every
    /// fixture (whole and cut at a character boundary) and on random mixes of markers, other
    /// words and separators.
    #[test]
    fn plainly_french_reads_words_as_the_characters_split() {
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt", "formats"]);
        let pieces = [
            "le", "LA", "Les", "dés", "du", "est", "et", "une", "dans", "pour", "que", "qui",
            "sur", "pas", "là", "×", "÷", "’", "ª", "µ", "Ωmega", "naïve", " ", "  ", "-", "é",
            "x", "ß", "\u{300}", "\u{a0}", "«", "1", "_", "le_la", "ÿ", "Ø", "\n",
        ];
        texts.extend(crate::fixture_texts::random_texts(
            7,
            &pieces,
            400,
            0..80,
            "",
        ));
        texts.extend(crate::fixture_texts::random_texts(
            8,
            &pieces,
            200,
            0..80,
            " ",
        ));
        for text in &texts {
            let mut end = text.len().min(2048);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            for sample in [text.as_str(), &text[..end]] {
                assert_eq!(
                    french_markers_and_words(sample),
                    french_markers_and_words_by_chars(sample),
                    "{sample:?}"
                );
            }
        }
    }

    #[test]
    fn plainly_french_text_skips_detection() {
        let french = "Le président a annoncé que la réforme des retraites est reportée. Les \
            syndicats et les partis de la gauche se réjouissent de la décision, qui intervient \
            après des mois de grève dans les transports et sur les routes du pays. Pour le \
            gouvernement, ce n’est pas une défaite mais une pause dans la concertation.";
        assert!(plainly_french(french));
        assert!(!plainly_french(
            "The president said that the reform of the pension system is postponed for now."
        ));
        // A short text, too short for 12 markers: French when they are dense and some are
        // French alone; not Spanish, Italian or English that share a few of them.
        assert!(plainly_french(
            "Le maire a annoncé la fermeture du pont pour des travaux qui dureront un mois."
        ));
        assert!(!plainly_french(
            "La ministra dijo que la reforma de las pensiones que anunció la semana pasada \
             llegará al congreso en la primavera."
        ));
        assert!(!plainly_french(
            "Le autorità hanno chiuso la strada e le scuole della zona per la neve."
        ));
        assert!(!plainly_french(
            "Des Moines et al. reported the results in Le Monde last week."
        ));
    }
    use crate::config::Overrides;

    fn policy(overrides: Overrides) -> Policy {
        let settings = Settings::resolve(None, &overrides, vec![], Path::new("."));
        Policy::new(Arc::new(settings), vec!["punctuation/doubled-stop".into()]).unwrap()
    }

    fn diagnostic(rule: &str, span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: String::new(),
            span,
            fix: None,
        }
    }

    #[test]
    fn per_phrase_ignores_find_every_phrase_in_one_pass() {
        let mut settings = Settings::resolve(None, &Overrides::default(), vec![], Path::new("."));
        for i in 0..2000 {
            settings
                .per_phrase_ignores
                .insert(format!("phrase {i} ici"), vec!["spinner".into()]);
        }
        settings
            .per_phrase_ignores
            .insert("le Drive de Google".into(), vec!["spinner".into()]);
        let p = Policy::new(Arc::new(settings), vec![]).unwrap();
        let text = "Voir le Drive de Google, puis phrase 17 ici et le Drive seul.";
        let drive = |nth: usize| {
            let at = text.match_indices("Drive").nth(nth).unwrap().0;
            diagnostic("spinner-synonym/english-word", at..at + 5)
        };
        let kept = p.process(
            Path::new("a.txt"),
            text,
            Format::Text,
            vec![drive(0), drive(1)],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span.start, text.rfind("Drive").unwrap());
    }

    #[test]
    fn allow_severity_and_per_file_ignores() {
        let p = policy(Overrides {
            allow: vec!["web".into()],
            severity: vec![("punctuation".into(), Severity::Error)],
            per_file_ignores: vec![("legacy/*.txt".into(), vec!["typography".into()])],
            ..Overrides::default()
        });
        let text = "Le Web, fin.. «x»";
        let found = p.process(
            Path::new("legacy/a.txt"),
            text,
            Format::Text,
            vec![
                diagnostic("spinner-synonym/english-word", 3..6),
                diagnostic("punctuation/doubled-stop", 11..13),
                diagnostic("typography/guillemet-spacing", 14..16),
            ],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(&*found[0].rule, "punctuation/doubled-stop");
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn detection_falls_back_to_french() {
        assert_eq!(detect_language(""), "fr");
        assert_eq!(
            detect_language(
                "The government announced on Tuesday that the new policy would take effect next \
                 month, after a long debate in parliament about the cost of living."
            ),
            "en"
        );
        assert_eq!(
            detect_language(
                "Le gouvernement a annoncé mardi que la nouvelle politique entrerait en vigueur \
                 le mois prochain, après un long débat au parlement sur le coût de la vie."
            ),
            "fr"
        );
    }
}
