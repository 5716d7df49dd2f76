//! Suppression comments: `<!-- mtlint-disable RULE -->` … `<!-- mtlint-enable -->`,
//! `<!-- mtlint-disable-next-line RULE -->` and `<!-- mtlint-disable-file RULE -->`. In
//! Markdown and HTML they are comments of the format and may stand anywhere; in plain text a
//! directive counts only when it stands alone on its line ([`Syntax::Line`]): `<!--` … `-->`
//! around a word that begins with `mtlint-` does not occur in prose, and a scraped HTML comment
//! inside a paragraph is not taken for one. A comment that suppresses nothing is reported as
//! `suppression/unused` (info).

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::text::spans::SpanIndex;
use regex::Regex;
use std::{ops::Range, sync::LazyLock};

/// The id of the diagnostic for a suppression comment that suppresses nothing.
pub const UNUSED_ID: &str = "suppression/unused";

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<!--[ \t]*mtlint-(disable-next-line|disable-file|disable|enable)\b([^>\n]*?)[ \t]*-->",
    )
    .expect("valid directive pattern")
});

/// Where a suppression comment may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Anywhere: the comment syntax of the format (Markdown, HTML).
    Comment,
    /// Alone on its line (blanks around it allowed): plain text, which has no comments.
    Line,
}

/// The suppression syntax of the file `path`: comments in Markdown and HTML, whole lines in
/// every other format.
pub fn syntax_of(path: &str) -> Syntax {
    let lower = path.to_ascii_lowercase();
    if [".md", ".markdown", ".html", ".htm"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        Syntax::Comment
    } else {
        Syntax::Line
    }
}

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Suppress from here to the next matching `mtlint-enable` (or the end).
    Disable,
    /// End the open `mtlint-disable` regions.
    Enable,
    /// Suppress on the next line only.
    DisableNextLine,
    /// Suppress in the whole file.
    DisableFile,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it does.
    pub action: Action,
    /// The rule ids or prefixes it names (empty: every rule).
    pub rules: Vec<String>,
    /// The byte range of the whole comment.
    pub span: Range<usize>,
}

/// Whether the match `range` of `text` is alone on its line: only blanks between it and the
/// line feeds (or the text's ends) around it. Read from the match outwards, so that a long line
/// is not read whole for each match on it.
fn alone_on_its_line(text: &str, range: &Range<usize>) -> bool {
    let blank = |chars: &mut dyn Iterator<Item = char>| {
        for c in chars {
            if c == '\n' {
                return true;
            }
            if !c.is_whitespace() {
                return false;
            }
        }
        true
    };
    blank(&mut text[..range.start].chars().rev()) && blank(&mut text[range.end..].chars())
}

/// The suppression comments of `text` in `syntax`, in order.
pub fn parse(text: &str, syntax: Syntax) -> Vec<Directive> {
    if !text.contains("mtlint-") {
        return Vec::new();
    }
    DIRECTIVE
        .captures_iter(text)
        .filter(|c| {
            syntax == Syntax::Comment
                || c.get(0)
                    .is_some_and(|m| alone_on_its_line(text, &m.range()))
        })
        .map(|c| Directive {
            action: match &c[1] {
                "disable" => Action::Disable,
                "enable" => Action::Enable,
                "disable-file" => Action::DisableFile,
                _ => Action::DisableNextLine,
            },
            rules: c[2]
                .split(|ch: char| ch == ',' || ch.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            span: c.get(0).map_or(0..0, |m| m.range()),
        })
        .collect()
}

/// Whether the `enable` comment `enable` ends a `disable` region of `rules`: it names none
/// (every region ends) or one of them.
fn ends(enable: &Directive, rules: &[String]) -> bool {
    enable.rules.is_empty() || rules.iter().any(|rule| enable.rules.contains(rule))
}

/// The `disable` comments of `directives` (in order) that no later `enable` closes, by index:
/// those still open at the end of their text.
fn open_at_end(directives: &[Directive]) -> Vec<(usize, &Directive)> {
    let mut open: Vec<(usize, &Directive)> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match d.action {
            Action::Disable => open.push((i, d)),
            Action::Enable => open.retain(|(_, region)| !ends(d, &region.rules)),
            Action::DisableFile | Action::DisableNextLine => {}
        }
    }
    open
}

/// The suppression comments of the parts of a file read in parts, as each part inherits them
/// from the others: every `disable-file` comment, and the `disable` comments still open where
/// a part begins. Gathered from each part's comments in order ([`PartSuppressions::add`]).
#[derive(Debug, Default)]
pub struct PartSuppressions {
    /// The `disable-file` comments, with their part.
    file_wide: Vec<(u32, Directive)>,
    /// After each part with comments: the `disable` comments still open, carried over.
    open_after: Vec<(u32, Vec<Directive>)>,
}

impl PartSuppressions {
    /// Adds the comments of part `index` (parts come in order).
    pub fn add(&mut self, index: u32, directives: Vec<Directive>) {
        if directives.is_empty() {
            return;
        }
        let carried = self.open_after.last().map_or(&[][..], |(_, open)| open);
        let all: Vec<Directive> = carried
            .iter()
            .cloned()
            .chain(directives.iter().cloned())
            .collect();
        let open: Vec<Directive> = open_at_end(&all)
            .into_iter()
            .map(|(_, d)| d.clone())
            .collect();
        self.open_after.push((index, open));
        self.file_wide.extend(
            directives
                .into_iter()
                .filter(|d| d.action == Action::DisableFile)
                .map(|d| (index, d)),
        );
    }

    /// What the other parts' comments do in part `index`, as comments at its start: each
    /// `disable-file` of another part, and each `disable` open where it begins.
    pub fn inherited(&self, index: u32) -> Vec<Directive> {
        let at_start = |d: &Directive| Directive {
            span: 0..0,
            ..d.clone()
        };
        let open_before = self
            .open_after
            .iter()
            .rev()
            .find(|(part, _)| *part < index)
            .map_or(&[][..], |(_, open)| open);
        self.file_wide
            .iter()
            .filter(|(part, _)| *part != index)
            .map(|(_, d)| at_start(d))
            .chain(open_before.iter().map(at_start))
            .collect()
    }
}

/// A stretch of text where some rules are silenced, and the comment that opened it.
struct Region {
    directive: usize,
    rules: Vec<String>,
    range: Range<usize>,
}

fn names(rules: &[String], id: &str) -> bool {
    rules.is_empty() || rules.iter().any(|r| id.starts_with(r.as_str()))
}

fn regions(text: &str, directives: &[Directive]) -> Vec<Region> {
    let mut open: Vec<Region> = Vec::new();
    let mut closed = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match d.action {
            Action::Disable => open.push(Region {
                directive: i,
                rules: d.rules.clone(),
                range: d.span.end..text.len(),
            }),
            Action::Enable => {
                let (ending, still): (Vec<Region>, Vec<Region>) =
                    open.into_iter().partition(|r| ends(d, &r.rules));
                open = still;
                closed.extend(ending.into_iter().map(|mut r| {
                    r.range.end = d.span.start;
                    r
                }));
            }
            Action::DisableFile => closed.push(Region {
                directive: i,
                rules: d.rules.clone(),
                range: 0..text.len() + 1,
            }),
            Action::DisableNextLine => {
                let start = text[d.span.end..]
                    .find('\n')
                    .map_or(text.len(), |n| d.span.end + n + 1);
                let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
                closed.push(Region {
                    directive: i,
                    rules: d.rules.clone(),
                    range: start..end,
                });
            }
        }
    }
    closed.extend(open);
    closed
}

/// For each of `diagnostics` (those marked in `skipped` aside), whether a region that names its
/// rule holds its start; marks in `used` the comment of every such region. One sweep over the
/// diagnostics by position keeps the regions open at the current one, so each is compared with
/// those alone.
fn suppressed_by(
    regions: &[Region],
    diagnostics: &[Diagnostic],
    skipped: &[bool],
    used: &mut [bool],
) -> Vec<bool> {
    let mut by_start: Vec<&Region> = regions.iter().collect();
    by_start.sort_by_key(|r| r.range.start);
    let mut order: Vec<usize> = (0..diagnostics.len()).filter(|&i| !skipped[i]).collect();
    order.sort_by_key(|&i| diagnostics[i].span.start);
    let mut suppressed = vec![false; diagnostics.len()];
    let mut open: Vec<&Region> = Vec::new();
    let mut next = 0;
    for i in order {
        let d = &diagnostics[i];
        let at = d.span.start;
        while let Some(r) = by_start.get(next).filter(|r| r.range.start <= at) {
            open.push(r);
            next += 1;
        }
        open.retain(|r| r.range.end > at);
        for r in open.iter().filter(|r| names(&r.rules, &d.rule)) {
            used[r.directive] = true;
            suppressed[i] = true;
        }
    }
    suppressed
}

/// Drops the diagnostics the comments of `text` suppress, and those inside the comments
/// themselves. Returns the kept diagnostics and one `suppression/unused` diagnostic per
/// disabling comment that suppressed nothing; `rule_exists` says whether a named id or prefix
/// matches a rule. A comment inside `code` (a code block of a Markdown file, a script of an
/// HTML page) is an example, not a directive. When `text` is one part of a larger file,
/// `inherited` gives what the other parts' comments do here ([`inherited`]): they suppress in
/// this part too, and a comment whose reach goes beyond its part (`disable-file`, a `disable`
/// still open at the part's end) is not reported unused by its part, where another part may
/// use it.
pub fn apply(
    text: &str,
    syntax: Syntax,
    code: &[Range<usize>],
    diagnostics: Vec<Diagnostic>,
    rule_exists: &dyn Fn(&str) -> bool,
    inherited: Option<&[Directive]>,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut own = parse(text, syntax);
    let code = SpanIndex::new(code.to_vec());
    own.retain(|d| !code.contains(&d.span));
    let in_part = inherited.is_some();
    let inherited = inherited.unwrap_or_default();
    if own.is_empty() && inherited.is_empty() {
        return (diagnostics, Vec::new());
    }
    // The inherited comments first: the regions they leave open close at this part's
    // `enable` comments.
    let first_own = inherited.len();
    let directives: Vec<Directive> = inherited.iter().cloned().chain(own).collect();
    let regions = regions(text, &directives);
    let mut used = vec![false; directives.len()];
    // In a part, a comment whose reach goes beyond it (`disable-file`, a `disable` still open
    // at its end) is not its own to report unused.
    let open_at_part_end: Vec<usize> = if in_part {
        open_at_end(&directives)
            .into_iter()
            .map(|(i, _)| i)
            .collect()
    } else {
        Vec::new()
    };
    let reaches_beyond = |i: usize, d: &Directive| {
        in_part && (d.action == Action::DisableFile || open_at_part_end.contains(&i))
    };
    // A diagnostic inside a comment is dropped, and uses no region.
    let comments = SpanIndex::new(
        directives[first_own..]
            .iter()
            .map(|d| d.span.clone())
            .collect(),
    );
    let in_comment: Vec<bool> = diagnostics
        .iter()
        .map(|d| comments.contains(&d.span))
        .collect();
    let suppressed = suppressed_by(&regions, &diagnostics, &in_comment, &mut used);
    let kept = diagnostics
        .into_iter()
        .zip(suppressed.iter().zip(&in_comment))
        .filter(|(_, (suppressed, in_comment))| !**suppressed && !**in_comment)
        .map(|(d, _)| d)
        .collect();
    let unused = directives
        .iter()
        .enumerate()
        .filter(|&(i, d)| {
            // A comment that names no rule that exists suppresses nothing in any part.
            let names_no_rule = !d.rules.is_empty() && d.rules.iter().all(|r| !rule_exists(r));
            i >= first_own
                && d.action != Action::Enable
                && !used[i]
                && (!reaches_beyond(i, d) || names_no_rule)
        })
        .map(|(_, d)| {
            let unknown: Vec<&str> = d
                .rules
                .iter()
                .map(String::as_str)
                .filter(|r| !rule_exists(r))
                .collect();
            let message = if unknown.is_empty() {
                "this suppression comment suppresses nothing".to_string()
            } else {
                format!(
                    "this suppression comment suppresses nothing: no rule id starts with {}",
                    unknown
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            Diagnostic {
                rule: UNUSED_ID.into(),
                category: Category::Suppression,
                severity: Severity::Info,
                message,
                span: d.span.clone(),
                fix: None,
            }
        })
        .collect();
    (kept, unused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(rule: &str, span: Range<usize>) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: String::new(),
            span,
            fix: None,
        }
    }

    fn at(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn parses_the_three_comments() {
        let text = "<!-- mtlint-disable a/b, c -->x<!--mtlint-enable-->\n<!-- mtlint-disable-next-line -->";
        let d = parse(text, Syntax::Comment);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].action, Action::Disable);
        assert_eq!(d[0].rules, ["a/b", "c"]);
        assert_eq!(d[1].action, Action::Enable);
        assert_eq!(d[2].action, Action::DisableNextLine);
        assert!(d[2].rules.is_empty());
    }

    #[test]
    fn disable_enable_and_next_line() {
        let text = "A1\n<!-- mtlint-disable punctuation -->\nB1 B2\n<!-- mtlint-enable -->\nC1\n<!-- mtlint-disable-next-line typography -->\nD1\nE1\n";
        let diagnostics = vec![
            diagnostic("punctuation/x", at(text, "A1")),
            diagnostic("punctuation/x", at(text, "B1")),
            diagnostic("typography/y", at(text, "B2")),
            diagnostic("punctuation/x", at(text, "C1")),
            diagnostic("typography/y", at(text, "D1")),
            diagnostic("typography/y", at(text, "E1")),
        ];
        let (kept, unused) = apply(
            text,
            Syntax::Comment,
            &[],
            diagnostics.clone(),
            &|_| true,
            None,
        );
        let kept: Vec<&str> = kept.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(kept, ["A1", "B2", "C1", "E1"]);
        assert!(unused.is_empty());
        // Every directive stands alone on its line: plain text reads them the same way.
        let (kept, _) = apply(text, Syntax::Line, &[], diagnostics, &|_| true, None);
        assert_eq!(kept.len(), 4);
    }

    #[test]
    fn disable_file_silences_the_whole_file() {
        let text = "A1\nB1\n<!-- mtlint-disable-file punctuation -->\nC1";
        let diagnostics = vec![
            diagnostic("punctuation/x", at(text, "A1")),
            diagnostic("typography/y", at(text, "B1")),
            diagnostic("punctuation/x", at(text, "C1")),
        ];
        let (kept, unused) = apply(text, Syntax::Line, &[], diagnostics, &|_| true, None);
        assert_eq!(kept.len(), 1);
        assert_eq!(&*kept[0].rule, "typography/y");
        assert!(unused.is_empty());
    }

    #[test]
    fn in_plain_text_only_a_directive_alone_on_its_line_counts() {
        let text = "Le code <!-- mtlint-disable-next-line --> cité.\n  <!-- mtlint-disable-next-line -->  \nX\n";
        let d = parse(text, Syntax::Line);
        assert_eq!(d.len(), 1);
        assert_eq!(parse(text, Syntax::Comment).len(), 2);
        assert_eq!(syntax_of("a.TXT"), Syntax::Line);
        assert_eq!(syntax_of("a.md"), Syntax::Comment);
        // A directive never runs into the next line.
        assert!(parse("<!-- mtlint-disable a\nb -->", Syntax::Comment).is_empty());
    }

    #[test]
    fn a_problem_inside_a_comment_is_dropped_and_uses_no_region() {
        let text = "<!-- mtlint-disable -->\n<!-- mtlint-disable-next-line cupboard -->\nTexte.\n";
        let inside = diagnostic("spinner-synonym/english-word", at(text, "cupboard"));
        let (kept, unused) = apply(text, Syntax::Comment, &[], vec![inside], &|_| true, None);
        assert!(kept.is_empty());
        assert_eq!(
            unused.len(),
            2,
            "neither comment suppressed anything: {unused:?}"
        );
    }

    #[test]
    fn unused_comments_are_reported() {
        let text = "<!-- mtlint-disable-next-line nonsense -->\nTexte.\n";
        let (kept, unused) = apply(
            text,
            Syntax::Comment,
            &[],
            Vec::new(),
            &|r| r != "nonsense",
            None,
        );
        assert!(kept.is_empty());
        assert_eq!(unused.len(), 1);
        assert_eq!(&*unused[0].rule, UNUSED_ID);
        assert_eq!(unused[0].severity, Severity::Info);
        assert!(unused[0].message.contains("`nonsense`"));
    }

    #[test]
    fn parts_inherit_file_wide_comments_and_open_regions() {
        let mut parts = PartSuppressions::default();
        let part = |text: &str| parse(text, Syntax::Line);
        parts.add(0, part("A\n<!-- mtlint-disable-file a/x -->\n"));
        parts.add(1, part("B\n<!-- mtlint-disable b -->\nB2\n"));
        parts.add(3, part("<!-- mtlint-enable -->\nD\n"));
        let actions = |index: u32| -> Vec<(Action, Vec<String>)> {
            parts
                .inherited(index)
                .into_iter()
                .map(|d| (d.action, d.rules))
                .collect()
        };
        let file_wide = (Action::DisableFile, vec!["a/x".to_string()]);
        let open = (Action::Disable, vec!["b".to_string()]);
        assert_eq!(actions(0), vec![]);
        assert_eq!(actions(1), vec![file_wide.clone()]);
        assert_eq!(actions(2), vec![file_wide.clone(), open.clone()]);
        assert_eq!(actions(3), vec![file_wide.clone(), open]);
        assert_eq!(actions(4), vec![file_wide]);
        // In part 3, the inherited region ends at the `enable` comment.
        let text = "x\n<!-- mtlint-enable -->\ny\n";
        let found = vec![
            diagnostic("b/one", at(text, "x")),
            diagnostic("b/two", at(text, "y")),
            diagnostic("a/x", at(text, "y")),
        ];
        let inherited = parts.inherited(3);
        let (kept, unused) = apply(text, Syntax::Line, &[], found, &|_| true, Some(&inherited));
        assert_eq!(kept.len(), 1);
        assert_eq!(&*kept[0].rule, "b/two");
        assert!(unused.is_empty());
    }
}
