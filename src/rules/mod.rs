//! Rule packs: loading the TOML files, validating them, and compiling each rule into its kind.

pub mod error;
pub mod spec;
pub mod tree;

use crate::{
    diagnostic::{Applicability, Category, Severity},
    document::Format,
    kinds::{self, CompileContext, CompiledKind, WordClass},
};
pub use error::PackError;
use spec::{ExampleSpec, FixSafety, PackSpec};
use std::{collections::BTreeMap, sync::Arc};

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// What a rule is and how it documents itself; shared by every diagnostic it produces.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// Stable id, `category/name`.
    pub id: Arc<str>,
    /// The name of the Rust kind implementing the rule.
    pub kind: String,
    /// The family of artifact.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// Message template.
    pub message: String,
    /// Message template used when the rule has no suggestion to make.
    pub fallback_message: Option<String>,
    /// Safety of the rule's fixes (`None`: the rule does not fix).
    pub fix: Option<Applicability>,
    /// One-line summary.
    pub summary: String,
    /// What the rule finds.
    pub what: String,
    /// Why it is wrong.
    pub why: String,
    /// Examples run by the test suite.
    pub examples: Vec<ExampleSpec>,
    /// The pack the rule comes from.
    pub pack: String,
    /// The language of the pack (`*` for all).
    pub lang: String,
    /// Formats the rule runs on (empty: all).
    pub formats: Vec<Format>,
}

impl RuleMeta {
    /// Whether the rule runs on documents of `format`.
    pub fn runs_on(&self, format: Format) -> bool {
        self.formats.is_empty() || self.formats.contains(&format)
    }

    /// Whether the rule applies to documents in language `lang`.
    pub fn applies_to_lang(&self, lang: &str) -> bool {
        self.lang == "*" || self.lang == lang
    }

    /// Fills the message template: `{match}`, `{suggestion}`, `{others}`, one after the other
    /// (a placeholder that the text put in by an earlier one spells is filled too).
    pub fn render_message(&self, matched: &str, suggestion: &str, others: &str) -> String {
        // Values without a `{` spell no placeholder: one pass fills all three alike.
        if !matched.contains('{') && !suggestion.contains('{') {
            return filled_at_once(&self.message, [matched, suggestion, others]);
        }
        let message = filled(self.message.clone(), "{match}", matched);
        let message = filled(message, "{suggestion}", suggestion);
        filled(message, "{others}", others)
    }
}

/// The placeholders [`RuleMeta::render_message`] fills, in the order of its values.
const PLACEHOLDERS: [&str; 3] = ["{match}", "{suggestion}", "{others}"];

/// `text` with each of [`PLACEHOLDERS`] replaced by the value at its place in `values`, in one
/// pass over `text`: what filling them one after the other makes when no value holds a `{`.
fn filled_at_once(text: &str, values: [&str; 3]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    for at in memchr::memchr_iter(b'{', bytes) {
        if at < copied {
            continue;
        }
        let Some(k) = PLACEHOLDERS
            .iter()
            .position(|placeholder| bytes[at..].starts_with(placeholder.as_bytes()))
        else {
            continue;
        };
        if out.capacity() == 0 {
            out.reserve(text.len() + values.iter().map(|v| v.len()).sum::<usize>());
        }
        out.push_str(&text[copied..at]);
        out.push_str(values[k]);
        copied = at + PLACEHOLDERS[k].len();
    }
    if copied == 0 {
        return text.to_string();
    }
    out.push_str(&text[copied..]);
    out
}

/// `text` with every `placeholder` (a `{` and a name) replaced by `value`, left to right as
/// `str::replace` does; `text` itself, not a copy, when it holds none (most messages have no
/// placeholder, or only `{match}`). Found by a byte search for `{`: no substring searcher is
/// set up for so short a text.
fn filled(text: String, placeholder: &str, value: &str) -> String {
    debug_assert!(placeholder.starts_with('{') && !placeholder[1..].contains('{'));
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    for at in memchr::memchr_iter(b'{', bytes) {
        if bytes[at..].starts_with(placeholder.as_bytes()) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + value.len()));
            out.push_str(&text[copied..at]);
            out.push_str(value);
            copied = at + placeholder.len();
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            out
        }
        None => text,
    }
}

/// A validated, compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// Its documentation and defaults.
    pub meta: Arc<RuleMeta>,
    /// Its compiled matcher.
    pub kind: CompiledKind,
}

/// Every rule loaded from the built-in packs and the user's packs.
#[derive(Debug, Default)]
pub struct RuleSet {
    /// The rules, in pack order.
    pub rules: Vec<Arc<Rule>>,
    /// The word classes of every pack, by name.
    pub classes: Arc<BTreeMap<String, WordClass>>,
}

impl RuleSet {
    /// Loads the packs embedded in the binary.
    pub fn builtin() -> Result<RuleSet, PackError> {
        let sources = BUILTIN_PACKS
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()));
        RuleSet::load(sources)
    }

    /// Loads packs from (name, TOML text) pairs; word classes are shared across packs.
    pub fn load(sources: impl IntoIterator<Item = (String, String)>) -> Result<RuleSet, PackError> {
        let mut parsed = Vec::new();
        let mut classes: BTreeMap<String, WordClass> = BTreeMap::new();
        for (name, text) in sources {
            let builtin = BUILTIN_PACKS
                .iter()
                .position(|&(builtin, builtin_text)| builtin == name && builtin_text == text);
            // A built-in pack is read from the values the build parsed, when it could.
            let prebuilt = builtin
                .and_then(|at| tree::BUILTIN_PACK_TREES[at])
                .and_then(|tree| tree.read::<PackSpec>().ok());
            let spec = match prebuilt {
                Some(spec) => spec,
                None => toml::from_str(&text).map_err(|e| PackError {
                    source_name: name.clone(),
                    source_text: text.clone(),
                    span: e.span(),
                    message: e.message().trim().to_string(),
                })?,
            };
            for (class, words) in &spec.classes {
                classes.entry(class.clone()).or_default().extend(words);
            }
            parsed.push((name, text, spec, builtin.is_some()));
        }
        let classes = Arc::new(classes);
        let class_sets = crate::kinds::lexicon::ClassSets::default();
        let mut set = RuleSet {
            classes: classes.clone(),
            ..RuleSet::default()
        };
        for (name, text, spec, builtin) in parsed {
            let ctx = CompileContext {
                source_name: &name,
                source_text: &text,
                classes: classes.clone(),
                class_sets: &class_sets,
                lazy: builtin,
            };
            let lang = spec.pack.lang.as_str();
            if !(lang == "*" || (lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase()))) {
                return Err(ctx.error(
                    None,
                    format!(
                        "`lang` must be a two-letter code or `*`, not `{}`",
                        spec.pack.lang
                    ),
                ));
            }
            for rule in spec.rules {
                let id = rule.id.get_ref().clone();
                if !is_valid_id(&id) {
                    return Err(ctx.error(Some(rule.id.span()), format!("rule id `{id}` must look like `category/name` (lowercase letters, digits, `-`)")));
                }
                if let Some(existing) = set.rules.iter().find(|r| *r.meta.id == *id) {
                    return Err(ctx.error(
                        Some(rule.id.span()),
                        format!(
                            "rule id `{id}` is already defined by pack {}",
                            existing.meta.pack
                        ),
                    ));
                }
                let kind = kinds::compile(&rule, &ctx)?;
                let meta = RuleMeta {
                    id: id.into(),
                    kind: rule.kind.get_ref().clone(),
                    category: rule.category,
                    severity: rule.severity,
                    message: rule.message,
                    fallback_message: rule.fallback_message,
                    fix: match rule.fix {
                        FixSafety::Safe => Some(Applicability::Safe),
                        FixSafety::Unsafe => Some(Applicability::Unsafe),
                        FixSafety::None => None,
                    },
                    summary: rule.summary,
                    what: rule.what,
                    why: rule.why,
                    examples: rule.examples,
                    pack: name.clone(),
                    lang: spec.pack.lang.clone(),
                    formats: rule.formats.unwrap_or_default(),
                };
                set.rules.push(Arc::new(Rule {
                    meta: Arc::new(meta),
                    kind,
                }));
            }
        }
        Ok(set)
    }

    /// The rule with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules.iter().find(|r| &*r.meta.id == id)
    }
}

/// Whether `id` is `category/name` in lowercase ASCII letters, digits and dashes.
fn is_valid_id(id: &str) -> bool {
    let mut parts = id.split('/');
    let ok = |p: Option<&str>| {
        p.is_some_and(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
    };
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}

/// Which rules run: ids or id prefixes to select (empty: all) and to ignore.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Ids or id prefixes to run; empty means every rule.
    pub select: Vec<String>,
    /// Ids or id prefixes not to run.
    pub ignore: Vec<String>,
}

impl Selection {
    /// A selection of exactly one rule.
    pub fn only(id: &str) -> Selection {
        Selection {
            select: vec![id.to_string()],
            ignore: Vec::new(),
        }
    }

    /// Whether the rule with this id runs.
    pub fn includes(&self, id: &str) -> bool {
        let selected =
            self.select.is_empty() || self.select.iter().any(|p| id.starts_with(p.as_str()));
        selected && !self.ignore.iter().any(|p| id.starts_with(p.as_str()))
    }
}

/// The built-in packs, loaded once for every test that checks a kind of rule on its real rules.
#[cfg(test)]
pub(crate) fn builtin_for_tests() -> &'static RuleSet {
    static BUILTIN: std::sync::LazyLock<RuleSet> =
        std::sync::LazyLock::new(|| RuleSet::builtin().expect("built-in packs are valid"));
    &BUILTIN
}

/// What `pick` takes from each built-in rule that it picks, in pack order: the rules of one
/// kind, or a part of each (its expressions, its meta beside its matcher).
#[cfg(test)]
pub(crate) fn builtin_rules_where<T>(pick: impl FnMut(&'static Rule) -> Option<T>) -> Vec<T> {
    builtin_for_tests()
        .rules
        .iter()
        .map(|rule| &**rule)
        .filter_map(pick)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_as_str_replace_fills_them() {
        let texts = [
            "",
            "{match}",
            "{{match}}",
            "{match}{match} et {matc {match",
            "« {match} » : {suggestion} ({others})",
            "{ {match}{",
            "é{match}’{match}",
        ];
        for text in texts {
            for placeholder in ["{match}", "{suggestion}", "{others}"] {
                for value in ["", "x", "{match}", "{suggestion}", "é’"] {
                    assert_eq!(
                        filled(text.to_string(), placeholder, value),
                        text.replace(placeholder, value),
                        "{text:?} {placeholder} {value:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn builtin_packs_load() {
        let set = RuleSet::builtin().expect("built-in packs are valid");
        assert!(set.rules.len() > 10);
    }

    #[test]
    fn one_pass_fills_as_chained_replacements_do() {
        let texts = [
            "",
            "{match}",
            "{{match}}",
            "{match}{match} et {matc {match",
            "« {match} » : {suggestion} ({others})",
            "{others}{suggestion}{match}{others}",
            "{ {suggestion}{",
            "é{match}’{others}",
        ];
        for text in texts {
            for values in [
                ["", "", ""],
                ["x", "é’", "`a`, `b`"],
                ["mot", "", "{match}"],
            ] {
                let chained = filled(text.to_string(), "{match}", values[0]);
                let chained = filled(chained, "{suggestion}", values[1]);
                let chained = filled(chained, "{others}", values[2]);
                assert_eq!(filled_at_once(text, values), chained, "{text:?} {values:?}");
            }
        }
    }

    #[test]
    fn messages_fill_their_placeholders_in_order() {
        let set = RuleSet::builtin().expect("built-in packs are valid");
        let mut meta = RuleMeta::clone(&set.rules[0].meta);
        meta.message = "« {match} » : {suggestion} ({others}, {match})".to_string();
        assert_eq!(
            meta.render_message("mot", "terme", "vocable"),
            "« mot » : terme (vocable, mot)"
        );
        // The placeholders are filled one after the other, as chained replacements do.
        assert_eq!(
            meta.render_message("{suggestion}", "{others}", "x"),
            "« x » : x (x, x)"
        );
        meta.message = "Pas de substitution {ici}".to_string();
        assert_eq!(meta.render_message("a", "b", "c"), meta.message);
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("punctuation/double-stop"));
        assert!(!is_valid_id("Punctuation/x"));
        assert!(!is_valid_id("x"));
        assert!(!is_valid_id("a/b/c"));
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let text = "[pack]\nname = \"x\"\nlang = \"fr\"\n\n[[rule]]\nid = \"a/b\"\nkind = \"phrase\"\nseverity = \"loud\"\n";
        let err = RuleSet::load([("x.toml".to_string(), text.to_string())]).unwrap_err();
        let span = err.span.clone().expect("a span");
        assert!(
            text[span].contains("loud") || err.message.contains("missing"),
            "{err}"
        );
    }

    #[test]
    fn user_pack_expressions_are_checked_at_load() {
        let pack = |body: &str| {
            format!(
                "[pack]\nname = \"mine\"\nlang = \"fr\"\n\n[[rule]]\nid = \"custom/zzz\"\n\
                 kind = \"pattern\"\nseverity = \"warning\"\ncategory = \"punctuation\"\n\
                 message = \"Zzz\"\nfix = \"none\"\nsummary = \"s\"\nwhat = \"w\"\nwhy = \"y\"\n\
                 {body}"
            )
        };
        let good = pack("\n[[rule.patterns]]\nregex = 'zzz'\npreceded-by = 'a'\n");
        assert!(RuleSet::load([("mine.toml".to_string(), good)]).is_ok());
        for (body, bad) in [
            ("\n[[rule.patterns]]\nregex = 'zz(z'\n", "zz(z"),
            (
                "\n[[rule.patterns]]\nregex = 'zzz'\npreceded-by = 'a(b'\n",
                "a(b",
            ),
            (
                "requires = 'y(y'\n\n[[rule.patterns]]\nregex = 'zzz'\n",
                "y(y",
            ),
        ] {
            let text = pack(body);
            let err = RuleSet::load([("mine.toml".to_string(), text.clone())]).unwrap_err();
            assert_eq!(err.source_name, "mine.toml");
            assert!(err.message.contains("invalid regular expression"), "{err}");
            assert!(
                text[err.span.clone().expect("a span")].contains(bad),
                "{err}"
            );
        }
    }

    #[test]
    fn selection_by_prefix() {
        let selection = Selection {
            select: vec!["punctuation".into()],
            ignore: vec!["punctuation/double".into()],
        };
        assert!(selection.includes("punctuation/missing-space"));
        assert!(!selection.includes("punctuation/double-stop"));
        assert!(!selection.includes("typography/x"));
    }
}
