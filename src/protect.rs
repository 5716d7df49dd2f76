//! Finds the regions of a document's prose that no rule may flag or edit: URLs, e-mail
//! addresses, and what the document's format keeps for context only (inline code).

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
    let (may_hold_url, may_hold_email) = url_and_email_marks(text.as_bytes());
    if may_hold_url {
        regions.extend(URL.find_iter(text).map(|m| {
            let kept = m
                .as_str()
                .trim_end_matches(|c: char| ".,;:!?'’".contains(c));
            m.start()..m.start() + kept.len()
        }));
    }
    if may_hold_email {
        regions.extend(EMAIL.find_iter(text).map(|m| m.range()));
    }
    merge(regions)
}

/// Whether `bytes` hold "://" or "www.", which every URL holds, and whether they hold "@",
/// which every e-mail address holds: found in one pass over the colons, the "w" and the "@"
/// of the text, which stops once both are known.
fn url_and_email_marks(bytes: &[u8]) -> (bool, bool) {
    let (mut url, mut email) = (false, false);
    for at in memchr::memchr3_iter(b':', b'w', b'@', bytes) {
        match bytes[at] {
            b':' => url |= bytes[at + 1..].starts_with(b"//"),
            b'w' => url |= bytes[at + 1..].starts_with(b"ww."),
            _ => email = true,
        }
        if url && email {
            break;
        }
    }
    (url, email)
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
    fn marks_are_found_as_the_searches_for_each_find_them() {
        let pieces = ["a", ":", "/", "w", ".", "@", " ", "é", "://", "www."];
        let mut texts = crate::fixture_texts::random_texts(5, &pieces, 3000, 0..30, "");
        texts.extend(crate::fixture_texts::fixture_texts(&["seeds", "mt"]));
        for text in &texts {
            let bytes = text.as_bytes();
            let url = memchr::memmem::find(bytes, b"://").is_some()
                || memchr::memmem::find(bytes, b"www.").is_some();
            let email = memchr::memchr(b'@', bytes).is_some();
            assert_eq!(url_and_email_marks(bytes), (url, email), "{text:?}");
        }
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
