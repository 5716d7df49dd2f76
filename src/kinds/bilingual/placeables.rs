//! Placeables: the parts of a segment that a translation carries over unchanged — variables
//! (`%s`, `%1$s`, `%(name)d`, `{0}`, `{{name}}`, `$VAR`, `%1`), markup tags written in the text
//! (`<b>`, `</a>`), inline codes of the file format, URLs, e-mail addresses and numbers.

use crate::formats::CODE;
use regex::Regex;
use std::{collections::BTreeMap, ops::Range, sync::LazyLock};

/// What a placeable is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// A variable of a format string or template.
    Variable,
    /// A markup tag written in the text.
    Tag,
    /// An inline code of the file format (an XLIFF or TMX tag).
    Code,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
    /// A number.
    Number,
}

impl Family {
    /// The family's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Family::Variable => "placeholder",
            Family::Tag => "tag",
            Family::Code => "inline code",
            Family::Url => "URL",
            Family::Email => "e-mail address",
            Family::Number => "number",
        }
    }
}

/// One placeable found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeable {
    /// What it is.
    pub family: Family,
    /// How it compares: variables, URLs and e-mail addresses as written, tags by name, numbers
    /// by their digits.
    pub key: String,
    /// Where it is.
    pub range: Range<usize>,
}

static VARIABLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // printf, with positions, flags, width, precision and length (`%%` is a literal).
        r"%%|%(?:\d+\$)?[-+#0']*(?:\d+|\*(?:\d+\$)?)?(?:\.(?:\d+|\*(?:\d+\$)?))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?(?:[diouxXeEfFgGaAcsn]|p[A-Za-z]*|<PRI\w+>)",
        // Python named, and Qt/positional `%1`.
        r"|%\([A-Za-z_][\w.-]*\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[1-9]\d?\b",
        // Mustache/Jinja `{{ name }}`, then brace formats `{0}`, `{name}`, `{0:d}`.
        r"|\{\{\s*[\w.]+\s*\}\}|\{(?:\d+|[A-Za-z_][\w.]*)?(?:[:!][^{}\s]{0,12})?\}",
        // Shell-like `$VAR`, `${VAR}`, `$(VAR)`.
        r"|\$\{[A-Za-z_]\w*\}|\$\([A-Za-z_]\w*\)|\$[A-Za-z_][A-Za-z0-9_]*",
    ))
    .expect("valid placeholder pattern")
});

static TAGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"</?([A-Za-z][\w:-]*)(?:\s+[^<>]*?)?\s*(/?)>"#).expect("valid tag pattern")
});

static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\s[\w:-]+\s*=\s*["']"#).expect("valid attribute pattern"));

static URLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>"'«»“”]+"#).expect("valid URL pattern")
});

static EMAILS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("valid e-mail pattern"));

static NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d+(?:[.,\u{a0}\u{202f} ]\d{3}\b)*(?:[.,]\d+)?").expect("valid number pattern")
});

/// The placeables of `text`, in order.
pub fn placeables(text: &str) -> Vec<Placeable> {
    let mut found: Vec<Placeable> = Vec::new();
    let mut taken: Vec<Range<usize>> = Vec::new();
    let free = |taken: &[Range<usize>], r: &Range<usize>| {
        !taken.iter().any(|t| t.start < r.end && r.start < t.end)
    };
    let mut add = |family: Family, key: String, range: Range<usize>, taken: &mut Vec<_>| {
        taken.push(range.clone());
        found.push(Placeable { family, key, range });
    };
    if text.contains('<') {
        for (key, range) in tags(text) {
            if free(&taken, &range) {
                add(Family::Tag, key, range, &mut taken);
            }
        }
    }
    if text.contains("://") || text.contains("www.") {
        for m in URLS.find_iter(text) {
            let kept = m.as_str().trim_end_matches(|c: char| ".,;:!?)".contains(c));
            let range = m.start()..m.start() + kept.len();
            if !free(&taken, &range) {
                continue;
            }
            add(Family::Url, kept.to_string(), range, &mut taken);
        }
    }
    if text.contains('@') {
        for m in EMAILS.find_iter(text) {
            if free(&taken, &m.range()) {
                add(Family::Email, m.as_str().to_string(), m.range(), &mut taken);
            }
        }
    }
    if text.contains(['%', '{', '$']) {
        // printf arguments by position: `%s %d` and `%2$d %1$s` take the same arguments.
        let mut next_position = 0;
        for m in VARIABLES.find_iter(text) {
            if m.as_str() == "%%" || !free(&taken, &m.range()) {
                continue;
            }
            let key = match printf_parts(m.as_str()) {
                Some((Some(position), spec)) => format!("%{position}${spec}"),
                Some((None, spec)) => {
                    // A `*` width or precision takes an argument of its own, first.
                    let mut numbered = String::with_capacity(spec.len() + 4);
                    for c in spec.chars() {
                        if c == '*' {
                            next_position += 1;
                            numbered.push_str(&format!("*{next_position}$"));
                        } else {
                            numbered.push(c);
                        }
                    }
                    next_position += 1;
                    format!("%{next_position}${numbered}")
                }
                None => m.as_str().to_string(),
            };
            add(Family::Variable, key, m.range(), &mut taken);
        }
    }
    for (at, c) in text.char_indices() {
        if c == CODE {
            add(
                Family::Code,
                CODE.to_string(),
                at..at + c.len_utf8(),
                &mut taken,
            );
        }
    }
    for m in NUMBERS.find_iter(text) {
        // Digits after letters ("MP3", "x86_64", "UTF-8") belong to a name; digits before
        // letters are a quantity and its unit ("16kB" → "16 Ko").
        // A version's "v" ("v2.33") is no name.
        let mut back = text[..m.start()].chars().rev();
        let before = back.next();
        let version = before == Some('v') && !back.next().is_some_and(char::is_alphabetic);
        let in_word = !version
            && before.is_some_and(|c| c.is_alphabetic() || c == '_' || c == '-' || c == '.');
        if in_word || !free(&taken, &m.range()) {
            continue;
        }
        let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
        add(Family::Number, digits, m.range(), &mut taken);
    }
    found.sort_by_key(|p| p.range.start);
    found
}

/// The position (`%2$s`: 2) and the rest of a printf conversion, or `None` for another kind
/// of variable (Python's `%(name)s`, Qt's `%1`).
fn printf_parts(variable: &str) -> Option<(Option<usize>, &str)> {
    let rest = variable.strip_prefix('%')?;
    if rest.starts_with('(') || rest.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match rest.split_once('$') {
        Some((position, spec)) if position.chars().all(|c| c.is_ascii_digit()) => {
            Some((position.parse().ok(), spec))
        }
        _ => Some((None, rest)),
    }
}

/// HTML elements that have no end tag.
const VOID_ELEMENTS: [&str; 5] = ["br", "hr", "img", "input", "wbr"];

/// The markup tags of `text`, by key (`<b>`, `</b>`, `<br/>`) and range. A word between
/// angle brackets is markup only when it looks like it: with attributes, self-closing, a void
/// HTML element, or paired with its end tag in the text. A command's metavariables (`<file>`,
/// `<Enter>`), which translators translate, are not tags.
fn tags(text: &str) -> Vec<(String, Range<usize>)> {
    let candidates: Vec<(bool, String, bool, bool, Range<usize>)> = TAGS
        .captures_iter(text)
        .map(|c| {
            let whole = c.get(0).expect("a match");
            let closing = whole.as_str().starts_with("</");
            let attributes = ATTRIBUTE.is_match(whole.as_str());
            (
                closing,
                c[1].to_ascii_lowercase(),
                &c[2] == "/",
                attributes,
                whole.range(),
            )
        })
        .collect();
    let has = |closing: bool, name: &str| {
        candidates
            .iter()
            .any(|(c, n, _, _, _)| *c == closing && n == name)
    };
    candidates
        .iter()
        .filter(|(closing, name, empty, attributes, _)| {
            *empty || *attributes || VOID_ELEMENTS.contains(&name.as_str()) || has(!closing, name)
        })
        .map(|(closing, name, empty, _, range)| {
            let key = match (closing, empty) {
                (true, _) => format!("</{name}>"),
                (false, true) => format!("<{name}/>"),
                _ => format!("<{name}>"),
            };
            (key, range.clone())
        })
        .collect()
}

/// French words for the numbers 0 to 10: a translation may spell out a number the source
/// writes in digits ("1 file" → "un fichier").
const SPELLED: [(&str, &[&str]); 11] = [
    ("0", &["zéro", "aucun", "aucune"]),
    ("1", &["un", "une", "seul", "seule"]),
    ("2", &["deux"]),
    ("3", &["trois"]),
    ("4", &["quatre"]),
    ("5", &["cinq"]),
    ("6", &["six"]),
    ("7", &["sept"]),
    ("8", &["huit"]),
    ("9", &["neuf"]),
    ("10", &["dix"]),
];

/// Whether `text` spells out the number `digits` in words.
pub fn spells(text: &str, digits: &str) -> bool {
    let Some((_, words)) = SPELLED.iter().find(|(d, _)| *d == digits) else {
        return false;
    };
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| words.iter().any(|s| w.eq_ignore_ascii_case(s)))
}

/// How the placeables of a source and a target differ: those of the source missing from the
/// target, and those of the target that the source does not have (each with its count of
/// copies too many).
pub fn compare<'t>(
    source: &[Placeable],
    target: &'t [Placeable],
) -> (Vec<(Family, String)>, Vec<&'t Placeable>) {
    let mut counts: BTreeMap<(Family, &str), isize> = BTreeMap::new();
    for p in source {
        *counts.entry((p.family, p.key.as_str())).or_default() += 1;
    }
    let mut added = Vec::new();
    for p in target {
        let count = counts.entry((p.family, p.key.as_str())).or_default();
        *count -= 1;
        if *count < 0 {
            added.push(p);
        }
    }
    let missing = counts
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .flat_map(|((family, key), count)| {
            std::iter::repeat_n((family, key.to_string()), count as usize)
        })
        .collect();
    (missing, added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        placeables(text).into_iter().map(|p| p.key).collect()
    }

    #[test]
    fn variables_of_every_syntax() {
        assert_eq!(
            keys("%s %1$s %-10lu %(name)d %1 {0} {name} {{ user }} $HOME ${PATH} %% 100%"),
            [
                "%1$s",
                "%1$s",
                "%2$-10lu",
                "%(name)d",
                "%1",
                "{0}",
                "{name}",
                "{{ user }}",
                "$HOME",
                "${PATH}",
                "100"
            ]
        );
        assert!(
            keys("50 % des cas, 20 % of")
                .iter()
                .all(|k| k == "50" || k == "20")
        );
    }

    #[test]
    fn positional_arguments_may_change_order() {
        let target = placeables("%2$d : %1$s");
        let (missing, added) = compare(&placeables("%s of %d"), &target);
        assert!(missing.is_empty() && added.is_empty());
        let target = placeables("« %3$.*2$s » %1$s");
        let (missing, added) = compare(&placeables("%s \"%.*s\""), &target);
        assert!(
            missing.is_empty() && added.is_empty(),
            "{missing:?} {added:?}"
        );
        assert_eq!(keys("<corrupt TYPE, size = %#lx>"), ["%1$#lx"]);
        let (missing, _) = compare(&placeables("%s of %d"), &placeables("%d : %s"));
        assert_eq!(missing.len(), 2, "unnumbered arguments keep their order");
    }

    #[test]
    fn tags_urls_emails_and_numbers() {
        assert_eq!(
            keys("Voir <a href=\"https://x.org/a\">ici</a><br/>, écrire à a@b.org, 1 000,5 €"),
            ["<a>", "</a>", "<br/>", "a@b.org", "10005"]
        );
        assert_eq!(
            keys("16kB, 2005 23, 1,000.5, 1.048.576, v2.33, X.509"),
            ["16", "2005", "23", "10005", "1048576", "233"]
        );
        assert_eq!(
            keys("-c<control-file> <Enter> <b>gras</b> <br>"),
            ["<b>", "</b>", "<br>"]
        );
        assert_eq!(keys("%pB %<PRIdMAX>"), ["%1$pB", "%2$<PRIdMAX>"]);
        assert_eq!(keys("https://x.org/v2."), ["https://x.org/v2"]);
        assert_eq!(keys("MP3 x86_64 UTF-8 le 1er"), ["1"]);
    }

    #[test]
    fn comparison_counts_copies() {
        let source = placeables("%s and %s, %d");
        let target = placeables("%s et %d %d");
        let (missing, added) = compare(&source, &target);
        assert_eq!(missing, [(Family::Variable, "%2$s".to_string())]);
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].key, "%2$d");
    }
}
