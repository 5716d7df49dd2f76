//! Finds the regions of a document's prose that no rule may flag or edit: URLs, e-mail
//! addresses, and what the document's format keeps for context only (inline code).

use memchr::memmem;
use regex::Regex;
use std::{ops::Range, sync::LazyLock};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>()\[\]"«»“”]+"#).expect("valid URL pattern")
});
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("valid e-mail pattern"));
/// The sorted, disjoint byte ranges of `text` that are not prose: its URLs and e-mail
/// addresses, and the `kept` ranges its format names.
pub fn protected_regions(text: &str, kept: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut regions = kept.to_vec();
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
    merge(regions)
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

    fn protected(text: &str) -> Vec<&str> {
        protected_regions(text, &[])
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn urls_and_emails() {
        let text = "voir https://worldwide.example/a?b=c, ou écrire à a.b@worldwide.org.";
        assert_eq!(
            protected(text),
            ["https://worldwide.example/a?b=c", "a.b@worldwide.org"]
        );
    }
}
