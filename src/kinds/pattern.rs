//! Regular-expression rules with a replacement template. Each regex runs once over the whole
//! document; a named group `span` narrows what the diagnostic points at, and the fix is the
//! smallest set of edits that turns the match into the expanded template. A match in which the
//! group `skip` took part is not reported: it consumes text that must stay silent ("etc." before
//! a lowercase word), the usual way to express an exception without look-around. `french` and
//! `not-french` ask the French lexicon about words the match is made of, and `not-class` asks a
//! word class; their templates may name groups of the `preceded-by` expression too, so that an
//! expression can begin with its rare literal (". le") and still weigh the word before it,
//! which keeps every expression fast to search.

use crate::{
    corpus::facts::ShareCount,
    document::Document,
    kinds::{
        CompileContext, Sink, WordClass,
        gate::{
            LiteralGate,
            pairs::{PairGate, pair_gates},
        },
        template::{AutomataGroups, GroupIndices, Groups, MatchGroups, Template},
    },
    lexicon::lexicons,
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::normalize::straight_apostrophes,
};

mod after_number;
mod before_number;
mod literal_set;
mod pair_strings;
mod quotation;
use after_number::AfterNumber;
pub(crate) use after_number::digits;
use before_number::BeforeNumber;
use literal_set::LiteralSet;
use pair_strings::PairStrings;
use quotation::Quotation;
use regex::Regex;
use regex_automata::{Anchored, Input, nfa::thompson::backtrack::BoundedBacktracker};
use regex_syntax::hir::{Class, HirKind, Look};
use std::{
    collections::HashMap,
    ops::Range,
    sync::{
        Mutex, OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
};

/// Compiles `source`, or gives back the expression compiled from the same source before: packs
/// repeat their `preceded-by` contexts, and a regular expression costs far more to compile
/// than to clone.
pub fn compiled(source: &str) -> Result<Regex, regex::Error> {
    static CACHE: OnceLock<Mutex<HashMap<String, Regex>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(regex) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(source) {
        return Ok(regex.clone());
    }
    let regex = Regex::new(source)?;
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(source.to_string(), regex.clone());
    Ok(regex)
}

/// What the build script found of a built-in pack's regular expression: what
/// [`LazyRegex::new`] would otherwise parse it for at start-up.
#[derive(Debug)]
pub struct BuiltinExpression {
    /// The expression.
    pub source: &'static str,
    /// How many groups it has, the whole match counted.
    pub groups: usize,
    /// The names of its named groups, in order.
    pub names: &'static [&'static str],
    /// The sets of strings its matches hold one of each ([`crate::kinds::gate::needed::needed_sets`]).
    pub needed: &'static [&'static [&'static [u8]]],
    /// Its pair gates ([`pair_gates`]), each as its pairs of byte classes
    /// ([`PairGate::classes`]).
    pub pairs: &'static [&'static [(&'static [u8], &'static [u8])]],
}

include!(concat!(env!("OUT_DIR"), "/builtin_expressions.rs"));

/// What the build found of the built-in expression `source`, if it is one.
fn builtin_expression(source: &str) -> Option<&'static BuiltinExpression> {
    let at = BUILTIN_EXPRESSIONS
        .binary_search_by(|known| known.source.cmp(source))
        .ok()?;
    Some(&BUILTIN_EXPRESSIONS[at])
}

/// A regular expression compiled when it is first searched with, its syntax checked when its
/// pack loads. Its literal gate tells, before it is compiled, whether a text may hold a match
/// at all: the expressions of the built-in packs are compiled only for a document that may
/// match them, which spares the start-up of a run over text that never needs them.
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    cell: OnceLock<Regex>,
    groups: Groups,
    gate: Option<LiteralGate>,
    /// How many bytes of text the gate has searched.
    searched: AtomicUsize,
    /// The pair gates of the expression ([`pair_gates`]): found by the build script for a
    /// built-in expression, else read from its syntax when a document is first tested.
    pairs: OnceLock<Vec<PairGate>>,
    /// The class of an expression made of one character class at the end of the text
    /// ([`final_class`]), read from its syntax the first time a text is tested.
    final_class: OnceLock<Option<FinalClass>>,
    /// What the build found of the expression, when it is a built-in one.
    builtin: Option<&'static BuiltinExpression>,
    /// The backtracking engine that finds the groups of a match already found
    /// ([`LazyRegex::capturer`]), built on first use.
    capturer: OnceLock<Option<BoundedBacktracker>>,
    /// The strings the expression matches, when they are a finite set ([`LiteralSet`]),
    /// read from its syntax the first time [`LazyRegex::holds_match`] tests a text.
    /// (Boxed: few expressions are such sets.)
    literals: OnceLock<Option<Box<LiteralSet>>>,
    /// The strings the expression matches, when they are a finite set, tested against the
    /// byte pairs of a text ([`PairStrings`]), read from its syntax the first time
    /// [`LazyRegex::holds_match`] tests a text.
    pair_strings: OnceLock<Option<PairStrings>>,
    /// The expression as a quotation whose groups are found by trimming a match
    /// ([`Quotation`]), read from its syntax at its first match (boxed: few expressions are
    /// quotations).
    quotation: OnceLock<Option<Box<Quotation>>>,
    /// The search of the expression from the places before the digits of a text only, when
    /// its matches allow it ([`BeforeNumber`]), read from its syntax the first time a text is
    /// searched (boxed: few expressions allow it).
    before_number: OnceLock<Option<Box<BeforeNumber>>>,
}

/// The bytes of text a gate searches for its strings before its expression is compiled and
/// left to search on its own: about what compiling one of the larger expressions costs.
const GATE_SEARCH_BUDGET: usize = 64 * 1024;

impl LazyRegex {
    /// An expression compiled at once (`eager`, without a gate) or on first use, with its
    /// literal gate. The groups and gate of a built-in pack's expression were found when the
    /// binary was built; any other is parsed now.
    pub fn new(source: &str, eager: bool) -> Result<LazyRegex, String> {
        let cell = OnceLock::new();
        let builtin = if eager {
            None
        } else {
            builtin_expression(source)
        };
        let (groups, gate) = if eager {
            let regex = compiled(source).map_err(|e| e.to_string())?;
            let groups = Groups::of_regex(&regex);
            let _ = cell.set(regex);
            (groups, None)
        } else if let Some(known) = builtin {
            let names = known.names.iter().map(|name| name.to_string()).collect();
            let sets = known
                .needed
                .iter()
                .map(|set| set.iter().map(|s| s.to_vec()).collect());
            (
                Groups::of_parts(known.groups, names),
                LiteralGate::of_sets(sets.collect()),
            )
        } else {
            let hir = regex_syntax::Parser::new()
                .parse(source)
                .map_err(|e| e.to_string())?;
            (Groups::of_hir(&hir), LiteralGate::of_hir(&hir))
        };
        Ok(LazyRegex {
            source: source.to_string(),
            cell,
            groups,
            gate,
            searched: AtomicUsize::new(0),
            pairs: OnceLock::new(),
            final_class: OnceLock::new(),
            builtin,
            capturer: OnceLock::new(),
            literals: OnceLock::new(),
            pair_strings: OnceLock::new(),
            quotation: OnceLock::new(),
            before_number: OnceLock::new(),
        })
    }

    /// An expression of a built-in pack compiled on first use, its syntax not checked now
    /// (the test suite compiles every one): for the `preceded-by` tests, which need neither
    /// their groups nor a gate at load.
    fn unchecked(source: String) -> LazyRegex {
        LazyRegex {
            source,
            cell: OnceLock::new(),
            groups: Groups::default(),
            gate: None,
            searched: AtomicUsize::new(0),
            pairs: OnceLock::new(),
            final_class: OnceLock::new(),
            builtin: None,
            capturer: OnceLock::new(),
            literals: OnceLock::new(),
            pair_strings: OnceLock::new(),
            quotation: OnceLock::new(),
            before_number: OnceLock::new(),
        }
    }

    /// A bounded backtracker of the expression, built on first use: given where a match
    /// starts and ends, an anchored search of that span alone finds its groups, without the
    /// search for the match's bounds that [`Regex::captures_at`] runs first. `None` when the
    /// expression cannot be built so (it then falls back on [`Regex::captures_at`]).
    fn capturer(&self) -> Option<&BoundedBacktracker> {
        self.capturer
            .get_or_init(|| BoundedBacktracker::new(&self.source).ok())
            .as_ref()
    }

    /// The expression as a [`Quotation`], when it is one: the groups of its matches are then
    /// found without a capturing engine.
    fn quotation(&self) -> Option<&Quotation> {
        self.quotation
            .get_or_init(|| Quotation::of_source(&self.source).map(Box::new))
            .as_deref()
    }

    /// The search of the expression before digits only, when its matches allow it.
    fn before_number(&self) -> Option<&BeforeNumber> {
        self.before_number
            .get_or_init(|| BeforeNumber::of_source(&self.source).map(Box::new))
            .as_deref()
    }

    /// The matches of the expression in the text of `doc`, as [`Regex::find_iter`] finds them
    /// (only the first when `first_only`): searched from the places before digits only when
    /// the expression allows it ([`BeforeNumber`]), from the digits the document found once.
    fn find_all(&self, doc: &Document, first_only: bool) -> Vec<Range<usize>> {
        let text = doc.text;
        match self.before_number() {
            Some(search) => search.find_all(self, text, doc.digits(), self.capturer(), first_only),
            None if first_only => self.find(text).map(|m| m.range()).into_iter().collect(),
            None => self.find_iter(text).map(|m| m.range()).collect(),
        }
    }

    /// Whether the text of `doc` holds a match, as [`Regex::is_match`] tells: none when the
    /// expression matches a set of strings and the text lacks a byte pair of each
    /// ([`PairStrings`]); else searched for as a set of strings when the expression matches
    /// exactly such a set ([`LiteralSet`]), or from the places before its digits
    /// ([`BeforeNumber`]).
    pub fn holds_match(&self, doc: &Document) -> bool {
        let text = doc.text;
        if self
            .pair_strings
            .get_or_init(|| PairStrings::of_source(&self.source))
            .as_ref()
            .is_some_and(|strings| !strings.admits(doc.byte_pairs()))
        {
            return false;
        }
        let found_by_strings = self
            .literals
            .get_or_init(|| LiteralSet::of_source(&self.source).map(Box::new))
            .as_deref()
            .and_then(|set| set.is_match_in(text, doc.byte_pairs()));
        match found_by_strings {
            Some(found) => found,
            None if self.before_number().is_some() => !self.find_all(doc, true).is_empty(),
            None => self.is_match(text),
        }
    }

    /// The expression's source, read without compiling it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the expression has a group of this name (read from its source).
    fn has_group(&self, name: &str) -> bool {
        self.source.contains(&format!("(?P<{name}>"))
            || self.source.contains(&format!("(?<{name}>"))
    }

    /// Whether the text of `doc` may hold a match: false only when it lacks every string
    /// that a match holds, or every pair of consecutive bytes of one of its pair gates
    /// ([`pair_gates`]), found without compiling the expression. The bytes are tested first,
    /// then the pairs (of the pair gates, then of the strings), then the strings; the strings are no longer searched for once the
    /// expression is compiled (its own search is then as cheap as the gate's), once the gate
    /// has searched [`GATE_SEARCH_BUDGET`] bytes of text (by then compiling would have cost
    /// less), or in a text longer than that budget, which one search alone would spend.
    pub fn admits(&self, doc: &Document) -> bool {
        self.gate.as_ref().is_none_or(|gate| {
            gate.admits_bytes(doc.byte_set())
                && self.admits_pairs(doc)
                && gate.admits_pairs(doc.byte_pairs())
                && (self.cell.get().is_some()
                    || doc.text.len() > GATE_SEARCH_BUDGET
                    || self.searched.fetch_add(doc.text.len(), Ordering::Relaxed)
                        >= GATE_SEARCH_BUDGET
                    || gate.admits_text(doc.text))
        }) && (self.gate.is_some() || self.admits_pairs(doc))
    }

    /// Whether `text` holds a match. An expression made of one character class at the end of
    /// the text (`(?:[…])$` or `(?:^|[…])$`, as most `preceded-by` tests are) is answered by
    /// testing the last character of the text, without running the expression (nor
    /// compiling it).
    pub fn matches_end_of(&self, text: &str) -> bool {
        match self.final_class() {
            Some(class) => class.matches(text),
            None => self.is_match(text),
        }
    }

    /// The class the text must end with, when the expression is one class at the end of the
    /// text ([`final_class`]).
    fn final_class(&self) -> Option<&FinalClass> {
        self.final_class
            .get_or_init(|| final_class(&self.source))
            .as_ref()
    }

    /// Whether the byte pairs of `doc` hold one pair of each pair gate of the expression.
    fn admits_pairs(&self, doc: &Document) -> bool {
        let gates = self.pairs.get_or_init(|| match self.builtin {
            Some(known) => known
                .pairs
                .iter()
                .map(|classes| PairGate::of_classes(classes))
                .collect(),
            None => regex_syntax::Parser::new()
                .parse(&self.source)
                .map(|hir| pair_gates(&hir))
                .unwrap_or_default(),
        });
        gates.is_empty() || {
            let pairs = doc.byte_pairs();
            gates.iter().all(|gate| gate.admits(pairs))
        }
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.cell.get_or_init(|| {
            compiled(&self.source)
                .expect("the syntax was checked at load, or the test suite compiled it")
        })
    }
}

/// What a text must end with for an expression that is one character class at the end of
/// the text (`(?:[…])$`), or that class or the start of the text (`(?:^|[…])$`, which also
/// matches the empty text): the class as sorted ranges, and whether the empty text matches.
/// A text holds a match when its last character is in the class (or it is empty and the
/// start is an alternative). `None` for any other expression.
fn final_class(source: &str) -> Option<FinalClass> {
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let [before_end, end] = parts.as_slice() else {
        return None;
    };
    if !matches!(end.kind(), HirKind::Look(Look::End)) {
        return None;
    }
    let (class, empty) = match before_end.kind() {
        HirKind::Alternation(alternatives) => match alternatives.as_slice() {
            [start, class] if matches!(start.kind(), HirKind::Look(Look::Start)) => (class, true),
            _ => return None,
        },
        _ => (before_end, false),
    };
    let HirKind::Class(Class::Unicode(class)) = class.kind() else {
        return None;
    };
    Some(FinalClass {
        ranges: class
            .iter()
            .map(|range| (range.start(), range.end()))
            .collect(),
        empty,
    })
}

/// The class a text must end with to match an expression ([`final_class`]).
#[derive(Debug)]
struct FinalClass {
    /// The characters of the class, as sorted ranges.
    ranges: Vec<(char, char)>,
    /// Whether the empty text matches.
    empty: bool,
}

impl FinalClass {
    /// Whether the expression matches `text`.
    fn matches(&self, text: &str) -> bool {
        match text.chars().next_back() {
            None => self.empty,
            Some(last) => {
                let at = self.ranges.partition_point(|&(_, end)| end < last);
                self.ranges.get(at).is_some_and(|&(start, _)| start <= last)
            }
        }
    }
}

/// Whether the line holding byte `pos` reads as a row of a table rather than prose: its cells
/// are separated by tabs, or aligned with two or more runs of three spaces or more between
/// words.
pub fn on_table_row(doc: &Document, pos: usize) -> bool {
    let line = doc.text[doc.line_around(pos)].trim();
    if line.contains('\t') {
        return true;
    }
    line.split("   ")
        .filter(|cell| !cell.trim().is_empty())
        .count()
        >= 3
}

/// One compiled regular expression.
#[derive(Debug)]
pub struct CompiledPattern {
    /// The expression.
    pub regex: LazyRegex,
    /// The replacement template, when the rule fixes.
    pub replace: Option<Template>,
    /// Whether matches inside « guillemets » are ignored.
    pub outside_guillemets: bool,
    /// What the text before a match must end with, compiled as `(?:…)$`.
    pub preceded_by: Option<LazyRegex>,
    /// Whether the expression has a group named `skip`.
    pub has_skip: bool,
    /// Whether the expression has a group named `span`.
    pub has_span: bool,
    /// The numbers of the groups the replacement template names, found in the expression
    /// the first time a match is fixed.
    pub replace_groups: OnceLock<GroupIndices>,
    /// The severity of this expression's matches, when it differs from the rule's.
    pub severity: Option<crate::diagnostic::Severity>,
    /// Templates whose expansion must be a French dictionary word.
    pub french: Vec<Template>,
    /// Templates whose expansion must not be a French dictionary word.
    pub not_french: Vec<Template>,
    /// The mark whose uses the matches are weighed against, and the least share they must
    /// make up to keep their severity.
    pub share_of: Option<(String, f32)>,
    /// Templates whose expansion must not belong to a word class.
    pub not_class: Vec<(Template, WordClass)>,
    /// The search of the expression after the numbers of a text only, when its `preceded-by`
    /// test calls for a number before a match ([`AfterNumber`]), read from their syntax the
    /// first time a text is searched (boxed: few expressions have one).
    pub after_number: OnceLock<Option<Box<AfterNumber>>>,
}

impl CompiledPattern {
    /// The search of the expression after numbers only, when its `preceded-by` test allows it.
    fn after_number(&self) -> Option<&AfterNumber> {
        self.after_number
            .get_or_init(|| {
                let before = self.preceded_by.as_ref()?;
                AfterNumber::of_sources(&self.regex.source, &before.source).map(Box::new)
            })
            .as_deref()
    }

    /// The matches of the expression in the text of `doc` that may pass the `preceded-by`
    /// test, and whether they are every match of it (a search of the whole text).
    fn matches(&self, doc: &Document) -> (Vec<Range<usize>>, bool) {
        let after_numbers = match self.after_number().zip(self.regex.capturer()) {
            Some((search, backtracker)) => search.find_all(doc.text, doc.digits(), backtracker),
            None => None,
        };
        match after_numbers {
            Some(found) => (found, false),
            None => (self.regex.find_all(doc, false), true),
        }
    }

    /// The text before the match starting at byte `start` of `text` that the `preceded-by`
    /// test sees: at most 64 bytes back, and never past the start of the line.
    fn window(text: &str, start: usize) -> &str {
        let mut low = start.saturating_sub(64);
        while !text.is_char_boundary(low) {
            low += 1;
        }
        if let Some(newline) = text[low..start].rfind('\n') {
            low += newline + 1;
        }
        &text[low..start]
    }

    /// Whether the match starting at byte `start` of `text` passes the `preceded-by` test.
    pub fn preceded_ok(&self, text: &str, start: usize) -> bool {
        self.preceded_by.as_ref().is_none_or(|before| {
            if before.final_class().is_some() {
                // Only the window's last character counts: the one before the match, unless
                // it is a line break, which ends the window before it.
                let before_start = &text[..start];
                let last = match before_start.chars().next_back() {
                    None | Some('\n') => "",
                    Some(c) => &before_start[start - c.len_utf8()..],
                };
                before.matches_end_of(last)
            } else {
                before.is_match(Self::window(text, start))
            }
        })
    }

    /// The groups of the `preceded-by` test for the match starting at byte `start`, when the
    /// test has groups and passes.
    pub fn groups_before<'t>(&self, text: &'t str, start: usize) -> Option<regex::Captures<'t>> {
        let before = self.preceded_by.as_ref()?;
        if before.captures_len() <= 1 {
            return None;
        }
        before.captures(Self::window(text, start))
    }

    /// Reports the match found at byte `start` whose groups are `caps`, unless its groups or
    /// those of its `preceded-by` test turn it down, or its fix changes nothing.
    fn report_match<'h>(
        &self,
        meta: &RuleMeta,
        doc: &Document<'h>,
        start: usize,
        caps: &impl MatchGroups<'h>,
        sink: &mut Sink,
    ) {
        let before = self.groups_before(doc.text, start);
        if !self.accepts(caps, before.as_ref()) {
            return;
        }
        let whole = caps.group(0).expect("group 0 always matches");
        let span = self
            .has_span
            .then(|| caps.named("span"))
            .flatten()
            .unwrap_or(whole)
            .range();
        if span.is_empty() {
            return;
        }
        let fix = self.replace.as_ref().map(|template| {
            let groups = self
                .replace_groups
                .get_or_init(|| template.indices_in(&self.regex));
            let replacement = template.expand_with(caps, groups);
            let edits = template.edits_with(caps, groups);
            let shown = &doc.text[span.clone()];
            let replaced = replacement_of_span(whole.text, &replacement, whole.start, &span);
            (edits, fix_description(shown, replaced))
        });
        if fix.as_ref().is_some_and(|(edits, _)| edits.is_empty()) {
            return;
        }
        let matched = &doc.text[span.clone()];
        sink.report(meta, span, meta.render_message(matched, "", ""), fix, None);
        sink.set_last_severity(self.severity);
    }

    /// Whether the match needs its capture groups to be judged (an exception group or words to
    /// look up), beyond finding it.
    pub fn judges_groups(&self) -> bool {
        !self.french.is_empty()
            || !self.not_french.is_empty()
            || !self.not_class.is_empty()
            || self.has_skip
    }

    /// Whether a match, with its groups and those of its `preceded-by` test, is to be reported:
    /// the `skip` group did not take part, the words the `french` and `not-french` templates
    /// spell are, and are not, French, and those of `not-class` are not in their class.
    pub fn accepts<'h>(
        &self,
        caps: &impl MatchGroups<'h>,
        before: Option<&regex::Captures<'h>>,
    ) -> bool {
        if self.has_skip && caps.named("skip").is_some() {
            return false;
        }
        if self.french.is_empty() && self.not_french.is_empty() && self.not_class.is_empty() {
            return true;
        }
        let groups: Vec<&dyn MatchGroups<'h>> = std::iter::once(caps as &dyn MatchGroups<'h>)
            .chain(before.map(|before| before as &dyn MatchGroups<'h>))
            .collect();
        // A template whose groups did not take part in the match spells nothing and is not
        // asked about.
        let spell = |template: &Template| -> Option<String> {
            let word = straight_apostrophes(&template.expand_from(&groups).to_lowercase());
            (!word.is_empty()).then_some(word)
        };
        let is_french = |word: &String| lexicons().french(word).is_some();
        self.french.iter().filter_map(spell).all(|w| is_french(&w))
            && !self
                .not_french
                .iter()
                .filter_map(spell)
                .any(|w| is_french(&w))
            && !self
                .not_class
                .iter()
                .any(|(template, class)| spell(template).is_some_and(|w| class.contains(&w)))
    }
}

/// A compiled pattern rule.
#[derive(Debug)]
pub struct PatternRule {
    /// Its expressions, run one after the other.
    pub patterns: Vec<CompiledPattern>,
    /// What a document must match for the expressions to run.
    pub requires: Option<LazyRegex>,
    /// Whether matches on a line that reads as a table row are ignored.
    pub skip_tables: bool,
}

/// Compiles the `patterns` of a rule, pointing at the bad expression on error.
pub fn compile_patterns(
    spec: &RuleSpec,
    ctx: &CompileContext,
) -> Result<Vec<CompiledPattern>, PackError> {
    let specs = spec
        .patterns
        .as_ref()
        .ok_or_else(|| ctx.missing(spec, "patterns"))?;
    if specs.is_empty() {
        return Err(ctx.missing(spec, "patterns"));
    }
    specs
        .iter()
        .map(|p| {
            let regex = LazyRegex::new(p.regex.get_ref(), !ctx.lazy).map_err(|e| {
                ctx.error(
                    Some(p.regex.span()),
                    format!("invalid regular expression: {e}"),
                )
            })?;
            let preceded_by = match &p.preceded_by {
                Some(before) if ctx.lazy => {
                    Some(LazyRegex::unchecked(format!("(?:{})$", before.get_ref())))
                }
                Some(before) => Some(
                    LazyRegex::new(&format!("(?:{})$", before.get_ref()), true).map_err(|e| {
                        ctx.error(
                            Some(before.span()),
                            format!("invalid regular expression: {e}"),
                        )
                    })?,
                ),
                None => None,
            };
            let replace = match &p.replace {
                Some(template) => {
                    let parsed = Template::parse(template.get_ref());
                    if let Some(problem) = parsed.missing_group(&[&regex.groups]) {
                        return Err(ctx.error(Some(template.span()), problem));
                    }
                    Some(parsed)
                }
                None => None,
            };
            let not_class = p
                .not_class
                .iter()
                .map(|(template, classes)| {
                    // `a|b`: the words of either class.
                    let mut union = WordClass::default();
                    for class in classes.split('|') {
                        let members = ctx.classes.get(class).ok_or_else(|| {
                            ctx.error(
                                Some(p.regex.span()),
                                format!("unknown word class `{class}` in `not-class`"),
                            )
                        })?;
                        union.add_class(members);
                    }
                    Ok((Template::parse(template), union))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(CompiledPattern {
                has_skip: regex.has_group("skip"),
                has_span: regex.has_group("span"),
                replace_groups: OnceLock::new(),
                after_number: OnceLock::new(),
                regex,
                replace,
                outside_guillemets: p.outside_guillemets,
                preceded_by,
                severity: p.severity,
                french: p.french.iter().map(|t| Template::parse(t)).collect(),
                not_french: p.not_french.iter().map(|t| Template::parse(t)).collect(),
                share_of: p
                    .share_of
                    .clone()
                    .filter(|mark| !mark.is_empty())
                    .map(|mark| (mark, p.min_share.unwrap_or(DEFAULT_MIN_SHARE))),
                not_class,
            })
        })
        .collect()
}

impl PatternRule {
    /// Validates and compiles a `kind = "pattern"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let requires = match &spec.requires {
            Some(gate) => Some(LazyRegex::new(gate.get_ref(), !ctx.lazy).map_err(|e| {
                ctx.error(
                    Some(gate.span()),
                    format!("invalid regular expression: {e}"),
                )
            })?),
            None => None,
        };
        let mut patterns = compile_patterns(spec, ctx)?;
        if spec.outside_guillemets == Some(true) {
            for pattern in &mut patterns {
                pattern.outside_guillemets = true;
            }
        }
        Ok(PatternRule {
            patterns,
            requires,
            skip_tables: spec.skip_tables == Some(true),
        })
    }

    /// Reports every match in `doc`.
    pub fn check(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        self.check_recording(meta, doc, sink, None);
    }

    /// What each expression with a `share-of` mark weighs in `doc`, one part of a large
    /// document: its matches and the uses of its mark, by the expression's index. The facts of
    /// the whole document add them up, and each part weighs the totals. A rule that requires
    /// something of the document is weighed as if the part were the document: its marks are
    /// what it requires (a currency sign), and a part without them has no match to count.
    pub fn share_counts(&self, meta: &RuleMeta, doc: &Document) -> Vec<(usize, ShareCount)> {
        let mut found = Vec::new();
        self.check_recording(meta, doc, &mut Sink::default(), Some(&mut found));
        self.patterns
            .iter()
            .enumerate()
            .filter_map(|(i, pattern)| {
                let (mark, _) = pattern.share_of.as_ref()?;
                let matches = found
                    .iter()
                    .find(|(index, _)| *index == i)
                    .map_or(0, |(_, matches)| *matches);
                Some((
                    i,
                    ShareCount {
                        matches,
                        uses: mark_uses(doc, mark),
                    },
                ))
            })
            .collect()
    }

    /// Whether `doc` matches what the rule requires of a document, if anything (its own text:
    /// one part of a large document reads the answer of the whole in its facts).
    pub fn requirement_holds(&self, doc: &Document) -> bool {
        self.requires
            .as_ref()
            .is_none_or(|gate| gate.admits(doc) && gate.holds_match(doc))
    }

    /// Whether an expression of the rule has a `share-of` mark.
    pub fn weighs_shares(&self) -> bool {
        self.patterns.iter().any(|p| p.share_of.is_some())
    }

    /// [`PatternRule::check`], recording in `shares` the matches of each expression with a
    /// `share-of` mark that is searched, by index.
    fn check_recording(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        sink: &mut Sink,
        mut shares: Option<&mut Vec<(usize, u32)>>,
    ) {
        // The first expression whose gates admit the document: with none, nothing can match,
        // and the `requires` test, a search of the whole text, need not run.
        let Some(first) = self
            .patterns
            .iter()
            .position(|pattern| pattern.regex.admits(doc))
        else {
            return;
        };
        // One part of a large document holds the requirement when the whole document does.
        let unmet = match doc.part() {
            Some(part) if self.requires.is_some() => !part.facts.requirement_holds(&meta.id),
            _ => !self.requirement_holds(doc),
        };
        if unmet {
            return;
        }
        // The matches of the expression searched last, kept when the next expression is the
        // same one (tested with another `preceded-by`), so that the text is searched once.
        let mut shared: Option<(&str, Vec<Range<usize>>)> = None;
        for (i, pattern) in self.patterns.iter().enumerate().skip(first) {
            if i > first && !pattern.regex.admits(doc) {
                continue;
            }
            let source = pattern.regex.source.as_str();
            let reused = shared
                .take()
                .filter(|(searched, _)| *searched == source)
                .map(|(_, found)| found);
            let keep = self
                .patterns
                .get(i + 1)
                .is_some_and(|next| next.regex.source == source);
            // Collected first (no allocation when there is none): the search does not depend
            // on what is made of its matches. Only every match of the expression is kept for
            // the next one, which has another `preceded-by` test.
            let (found, every_match) = match reused {
                Some(found) => (found, true),
                None => pattern.matches(doc),
            };
            let first = sink.diagnostics.len();
            // The backtracker's cache and groups, made at the first match that needs them.
            let mut capturing = None;
            for found in found.iter().cloned() {
                if doc.is_protected(&found)
                    || !pattern.preceded_ok(doc.text, found.start)
                    || (pattern.outside_guillemets && doc.inside_guillemets(found.start))
                    || (self.skip_tables && on_table_row(doc, found.start))
                {
                    continue;
                }
                // The groups of the match just found: read off the match for a quotation;
                // else searched for in the text up to its end, which spares the capturing
                // engine a walk to the end of the document, by the backtracker, anchored on
                // the match, when it can search so long a span.
                let haystack = &doc.text[..found.end];
                if let Some(groups) = pattern
                    .regex
                    .quotation()
                    .and_then(|quotation| quotation.groups(haystack, found.clone()))
                {
                    pattern.report_match(meta, doc, found.start, &groups, sink);
                    continue;
                }
                if let Some(capturer) = pattern.regex.capturer() {
                    let (cache, captures) = capturing.get_or_insert_with(|| {
                        (capturer.create_cache(), capturer.create_captures())
                    });
                    let input = Input::new(haystack)
                        .span(found.clone())
                        .anchored(Anchored::Yes);
                    if capturer.try_search(cache, &input, captures).is_ok() && captures.is_match() {
                        let groups = AutomataGroups { captures, haystack };
                        pattern.report_match(meta, doc, found.start, &groups, sink);
                        continue;
                    }
                }
                let Some(caps) = pattern.regex.captures_at(haystack, found.start) else {
                    continue;
                };
                pattern.report_match(meta, doc, found.start, &caps, sink);
            }
            if keep && every_match {
                shared = Some((source, found));
            }
            if let Some((mark, min_share)) = &pattern.share_of {
                let found = (sink.diagnostics.len() - first) as u32;
                if let Some(shares) = shares.as_deref_mut() {
                    shares.push((i, found));
                }
                // The mark's uses are counted only when there are matches to weigh; in one part
                // of a large document, the matches and uses of the whole are weighed.
                let whole = || match doc.part() {
                    Some(part) => part.facts.share(&meta.id, i),
                    None => Some(ShareCount {
                        matches: found,
                        uses: mark_uses(doc, mark),
                    }),
                };
                if found > 0
                    && let Some(whole) = whole()
                    && (whole.matches as f32) < min_share * whole.uses as f32
                {
                    for diagnostic in &mut sink.diagnostics[first..] {
                        diagnostic.severity = crate::diagnostic::Severity::Info;
                    }
                }
            }
        }
    }
}

/// How many times `doc` writes `mark`.
fn mark_uses(doc: &Document, mark: &str) -> u32 {
    memchr::memmem::find_iter(doc.text.as_bytes(), mark.as_bytes()).count() as u32
}

/// The share of a mark's uses that a pattern's matches must make up, by default, to be taken
/// for a systematic artifact of the whole document.
const DEFAULT_MIN_SHARE: f32 = 0.4;

/// What the `span` part of a match becomes once the whole match is replaced (best effort:
/// the text that stands between the unchanged prefix and suffix).
fn replacement_of_span<'n>(
    old: &str,
    new: &'n str,
    base: usize,
    span: &std::ops::Range<usize>,
) -> &'n str {
    let prefix = &old[..span.start - base];
    let suffix = &old[span.end - base..];
    match (new.strip_prefix(prefix), new.ends_with(suffix)) {
        (Some(rest), true) if rest.len() >= suffix.len() => &rest[..rest.len() - suffix.len()],
        _ => new,
    }
}

/// The description of a fix that replaces `shown` with `replaced`, both quoted as
/// [`crate::kinds::quoted`] quotes them, written into one string.
fn fix_description(shown: &str, replaced: &str) -> String {
    let mut description = String::with_capacity(shown.len() + replaced.len() + 24);
    description.push_str("Replace ");
    crate::kinds::push_quoted(&mut description, shown);
    description.push_str(" with ");
    crate::kinds::push_quoted(&mut description, replaced);
    description
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guillemet_nesting() {
        let text = "« il a dit “oui” » puis “non”\n\n« encore “x”\n\n“y”";
        let doc = crate::document::Document::new(text, crate::formats::Format::Text);
        let inside = |needle: &str, nth: usize| {
            let at = text.match_indices(needle).nth(nth).unwrap().0;
            doc.inside_guillemets(at)
        };
        assert!(inside("“", 0));
        assert!(!inside("“", 1));
        assert!(
            inside("“", 2),
            "a guillemet left open goes on to the paragraph's end"
        );
        assert!(!inside("“", 3), "and stops there");
    }

    #[test]
    fn table_rows() {
        let table = "Libres : 292995\n   4K...    8K- :     704      704     0.2%\nLa suite.";
        let doc = |text| Document::new(text, crate::formats::Format::Text);
        assert!(on_table_row(&doc(table), table.find("0.2").unwrap()));
        assert!(!on_table_row(&doc(table), table.find("292995").unwrap()));
        assert!(on_table_row(&doc("a\tb 0.5"), 4));
        assert!(!on_table_row(&doc("Il pèse  3.5 kg."), 9));
    }

    fn known_source(regex: &LazyRegex) -> &str {
        &regex.source
    }

    #[test]
    fn every_builtin_expression_compiles() {
        // The built-in packs' expressions are compiled on first use: compile them all here,
        // so that none can fail in a run.
        let requires = crate::rules::builtin_rules_where(|rule| match &rule.kind {
            crate::kinds::CompiledKind::Pattern(rule) => rule.requires.as_ref(),
            _ => None,
        });
        for requires in &requires {
            let _: &Regex = requires;
        }
        let mut count = requires.len();
        for pattern in crate::kinds::builtin_line_and_pattern_expressions() {
            let _: &Regex = &pattern.regex;
            count += 1;
            // What the build found is what parsing finds.
            let known = builtin_expression(&pattern.regex.source).expect("found by the build");
            let hir = regex_syntax::Parser::new().parse(known.source).unwrap();
            assert_eq!(Groups::of_hir(&hir), pattern.regex.groups);
            let sets = crate::kinds::gate::needed::needed_sets(&hir);
            assert_eq!(sets.len(), known.needed.len());
            for (set, known) in sets.iter().zip(known.needed) {
                assert_eq!(set, known, "{}", known_source(&pattern.regex));
            }
            let gates: Vec<PairGate> = known
                .pairs
                .iter()
                .map(|classes| PairGate::of_classes(classes))
                .collect();
            assert_eq!(gates, pair_gates(&hir), "{}", known.source);
            if let Some(before) = &pattern.preceded_by {
                let _: &Regex = before;
                count += 1;
            }
        }
        assert!(count > 100, "{count} expressions");
    }

    /// The expressions of the built-in pattern rules.
    fn builtin_patterns() -> impl Iterator<Item = &'static CompiledPattern> {
        crate::rules::builtin_rules_where(|rule| match &rule.kind {
            crate::kinds::CompiledKind::Pattern(rule) => Some(&rule.patterns),
            _ => None,
        })
        .into_iter()
        .flatten()
    }

    #[test]
    fn final_classes_test_the_last_character_as_the_expression_does() {
        let texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        let mut tested = 0;
        for pattern in builtin_patterns() {
            let Some(before) = &pattern.preceded_by else {
                continue;
            };
            if final_class(&before.source).is_none() {
                continue;
            }
            tested += 1;
            for text in &texts {
                for (at, _) in text.char_indices().step_by(5) {
                    let window = CompiledPattern::window(text, at);
                    assert_eq!(
                        pattern.preceded_ok(text, at),
                        before.is_match(window),
                        "{} before {at} in {window:?}",
                        before.source
                    );
                }
                // Every window ending at a character boundary, as a match's window does.
                for (at, _) in text.char_indices().step_by(7) {
                    let Some(window) = text.get(at.saturating_sub(at % 13)..at) else {
                        continue;
                    };
                    assert_eq!(
                        before.matches_end_of(window),
                        before.is_match(window),
                        "{} on {window:?}",
                        before.source
                    );
                }
            }
        }
        assert!(tested > 30, "{tested} expressions of one class");
        assert!(final_class("(?:[a-c])$").is_some());
        assert!(final_class("(?:[a-c]x)$").is_none());
        assert!(final_class("(?:[a-c])").is_none());
        let class = LazyRegex::new("(?:[a-cé])$", false).unwrap();
        for (text, expected) in [
            ("", false),
            ("b", true),
            ("xé", true),
            ("é ", false),
            ("d", false),
        ] {
            assert_eq!(class.matches_end_of(text), expected, "{text:?}");
            assert_eq!(class.is_match(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_backtracker_finds_the_groups_captures_at_finds() {
        let texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        let (mut compared, mut quotations) = (0, 0);
        for pattern in builtin_patterns() {
            let regex = &pattern.regex;
            let capturer = regex.capturer().expect("every built-in expression builds");
            let (mut cache, mut captures) = (capturer.create_cache(), capturer.create_captures());
            for text in &texts {
                for found in regex.find_iter(text) {
                    let haystack = &text[..found.end()];
                    let expected = regex
                        .captures_at(haystack, found.start())
                        .expect("the match is found again");
                    let input = Input::new(haystack)
                        .span(found.range())
                        .anchored(Anchored::Yes);
                    capturer
                        .try_search(&mut cache, &input, &mut captures)
                        .expect("a match is short enough");
                    let groups = AutomataGroups {
                        captures: &captures,
                        haystack,
                    };
                    for index in 0..expected.len() {
                        assert_eq!(
                            groups.group(index),
                            expected.group(index),
                            "{} group {index} in {haystack:?}",
                            regex.source
                        );
                    }
                    for name in regex.capture_names().flatten() {
                        assert_eq!(groups.named(name), expected.named(name));
                    }
                    if let Some(quotation) = regex.quotation() {
                        let read = quotation
                            .groups(haystack, found.range())
                            .expect("a match of a quotation splits");
                        for index in 0..expected.len() {
                            assert_eq!(read.group(index), expected.group(index));
                        }
                        for name in regex.capture_names().flatten() {
                            assert_eq!(read.named(name), expected.named(name));
                        }
                        quotations += 1;
                    }
                    compared += 1;
                }
            }
        }
        assert!(compared > 300, "{compared} matches compared");
        assert!(quotations > 30, "{quotations} quotations compared");
    }

    #[test]
    fn searches_after_numbers_find_what_a_whole_search_lets_through() {
        let mut texts = crate::fixture_texts::fixture_texts(&["seeds", "mt"]);
        let pieces = [
            "1", "23", "4,5", "6.", " ", " ", "\u{a0}", "\u{202f}", "-", "km", "kg", "%", "‰",
            "miles", "mile", "ft", "°C", "°F", "comme", "a", ",", "\n", "m²", "km/h", "é", "/",
            "_",
        ];
        texts.extend(crate::fixture_texts::random_texts(
            3,
            &pieces,
            20_000,
            1..11,
            "",
        ));
        let mut searched = 0;
        for pattern in builtin_patterns() {
            let Some(search) = pattern.after_number() else {
                continue;
            };
            searched += 1;
            let backtracker = pattern.regex.capturer().expect("a backtracker");
            for text in &texts {
                let passes = |found: &Range<usize>| pattern.preceded_ok(text, found.start);
                let expected: Vec<Range<usize>> = pattern
                    .regex
                    .find_iter(text)
                    .map(|m| m.range())
                    .filter(passes)
                    .collect();
                let found: Vec<Range<usize>> = search
                    .find_all(text, &digits(text), backtracker)
                    .expect("short matches")
                    .into_iter()
                    .filter(passes)
                    .collect();
                assert_eq!(found, expected, "{} in {text:?}", pattern.regex.source);
            }
        }
        assert!(
            searched >= 3,
            "{searched} expressions searched after numbers"
        );
    }

    #[test]
    fn span_replacement() {
        assert_eq!(replacement_of_span("n. . U", "n. U", 0, &(1..4)), ".");
    }

    #[test]
    fn fix_descriptions_quote_as_quoted_does() {
        for (shown, replaced) in [("a", "b"), ("", ""), ("x\ny", "\n"), ("“é”", "« é »\n\n")]
        {
            assert_eq!(
                fix_description(shown, replaced),
                format!(
                    "Replace {} with {}",
                    crate::kinds::quoted(shown),
                    crate::kinds::quoted(replaced)
                )
            );
        }
    }
}
