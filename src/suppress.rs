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
                let (ending, still): (Vec<Region>, Vec<Region>) = open.into_iter().partition(|r| {
                    d.rules.is_empty() || r.rules.iter().any(|x| d.rules.contains(x))
                });
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
/// HTML page) is an example, not a directive.
pub fn apply(
    text: &str,
    syntax: Syntax,
    code: &[Range<usize>],
    diagnostics: Vec<Diagnostic>,
    rule_exists: &dyn Fn(&str) -> bool,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut directives = parse(text, syntax);
    let code = SpanIndex::new(code.to_vec());
    directives.retain(|d| !code.contains(&d.span));
    if directives.is_empty() {
        return (diagnostics, Vec::new());
    }
    let regions = regions(text, &directives);
    let mut used = vec![false; directives.len()];
    // A diagnostic inside a comment is dropped, and uses no region.
    let comments = SpanIndex::new(directives.iter().map(|d| d.span.clone()).collect());
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
        .filter(|(i, d)| d.action != Action::Enable && !used[*i])
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
        let (kept, unused) = apply(text, Syntax::Comment, &[], diagnostics.clone(), &|_| true);
        let kept: Vec<&str> = kept.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(kept, ["A1", "B2", "C1", "E1"]);
        assert!(unused.is_empty());
        // Every directive stands alone on its line: plain text reads them the same way.
        let (kept, _) = apply(text, Syntax::Line, &[], diagnostics, &|_| true);
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
        let (kept, unused) = apply(text, Syntax::Line, &[], diagnostics, &|_| true);
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
        let (kept, unused) = apply(text, Syntax::Comment, &[], vec![inside], &|_| true);
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
        let (kept, unused) = apply(text, Syntax::Comment, &[], Vec::new(), &|r| r != "nonsense");
        assert!(kept.is_empty());
        assert_eq!(unused.len(), 1);
        assert_eq!(&*unused[0].rule, UNUSED_ID);
        assert_eq!(unused[0].severity, Severity::Info);
        assert!(unused[0].message.contains("`nonsense`"));
    }
}
