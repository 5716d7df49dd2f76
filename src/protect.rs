//! Finds the regions of a document that are not prose and that no rule may flag or edit:
//! URLs, e-mail addresses, and in Markdown code, HTML comments and link targets.

use crate::document::Format;
use memchr::memmem;
use regex::Regex;
use std::{ops::Range, sync::LazyLock};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>()\[\]"«»“”]+"#).expect("valid URL pattern")
});
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("valid e-mail pattern"));
static MARKDOWN_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--.*?-->|`[^`\n]+`|\]\([^)\s]*\)|<[a-zA-Z/][^<>\n]*>")
        .expect("valid Markdown pattern")
});

/// The sorted, disjoint byte ranges of `text` that are not prose.
pub fn protected_regions(text: &str, format: Format) -> Vec<Range<usize>> {
    let mut regions = Vec::new();
    let bytes = text.as_bytes();
    if memmem::find(bytes, b"://").is_some() || memmem::find(bytes, b"www.").is_some() {
        regions.extend(URL.find_iter(text).map(|m| {
            let kept = m
                .as_str()
                .trim_end_matches(|c: char| ".,;:!?'’".contains(c));
            m.start()..m.start() + kept.len()
        }));
    }
    if memchr::memchr(b'@', bytes).is_some() {
        regions.extend(EMAIL.find_iter(text).map(|m| m.range()));
    }
    if format == Format::Markdown {
        regions.extend(fenced_code_blocks(text));
        regions.extend(MARKDOWN_INLINE.find_iter(text).map(|m| m.range()));
    }
    merge(regions)
}

/// The byte ranges of Markdown fenced code blocks (``` or ~~~), fences included.
fn fenced_code_blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let fence = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f));
        match (open, fence) {
            (None, Some(f)) => open = Some((offset, f)),
            (Some((start, f)), Some(g)) if f == g => {
                blocks.push(start..offset + line.len());
                open = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((start, _)) = open {
        blocks.push(start..text.len());
    }
    blocks
}

/// Sorts ranges and merges those that overlap or touch.
fn merge(mut regions: Vec<Range<usize>>) -> Vec<Range<usize>> {
    regions.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(regions.len());
    for region in regions {
        match merged.last_mut() {
            Some(last) if region.start <= last.end => last.end = last.end.max(region.end),
            _ => merged.push(region),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected(text: &str, format: Format) -> Vec<&str> {
        protected_regions(text, format)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn urls_and_emails() {
        let text = "voir https://worldwide.example/a?b=c, ou écrire à a.b@worldwide.org.";
        assert_eq!(
            protected(text, Format::Text),
            ["https://worldwide.example/a?b=c", "a.b@worldwide.org"]
        );
    }

    #[test]
    fn markdown_code() {
        let text = "le `cupboard` et\n```\nle level\n```\nfin [lien](http://x) <!-- note -->";
        let regions = protected(text, Format::Markdown);
        assert!(regions.contains(&"`cupboard`"));
        assert!(regions.contains(&"```\nle level\n```\n"));
        assert!(regions.contains(&"<!-- note -->"));
        assert!(
            protected(text, Format::Text)
                .iter()
                .all(|r| !r.contains("cupboard"))
        );
    }
}
