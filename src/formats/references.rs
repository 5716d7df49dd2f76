//! HTML character references (`&amp;`, `&eacute;`, `&#233;`, `&#xE9;`): the prose reads the
//! characters they stand for, and an edit may replace a reference only whole. Shared by the
//! formats whose text holds them (HTML, WebVTT).

use super::ProseBuilder;
use std::{collections::HashMap, ops::Range, sync::LazyLock};

/// The HTML named character references, by name without `&` and `;`.
static NAMED: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    entities::ENTITIES
        .iter()
        .filter_map(|e| {
            let name = e.entity.strip_prefix('&')?.strip_suffix(';')?;
            Some((name, e.characters))
        })
        .collect()
});

/// The character a numeric reference's code point stands for, as the HTML standard reads it:
/// NUL, surrogates and code points beyond Unicode become U+FFFD.
fn numeric(code: u32) -> char {
    match code {
        0 => '\u{FFFD}',
        _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
    }
}

/// The reference at the start of `raw` (which starts with `&`): its length in bytes and the
/// text it stands for. Named references need their semicolon; numeric ones may omit it.
pub fn reference_at(raw: &str) -> Option<(usize, String)> {
    let bytes = raw.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let (digits_at, radix) = match bytes.get(2) {
            Some(b'x' | b'X') => (3, 16),
            _ => (2, 10),
        };
        let digits = bytes[digits_at..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if digits == 0 {
            return None;
        }
        let end = digits_at + digits;
        let code = u32::from_str_radix(&raw[digits_at..end], radix).unwrap_or(u32::MAX);
        let len = end + usize::from(bytes.get(end) == Some(&b';'));
        return Some((len, numeric(code).to_string()));
    }
    let name_len = bytes[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || bytes.get(1 + name_len) != Some(&b';') {
        return None;
    }
    let characters = NAMED.get(&raw[1..1 + name_len])?;
    Some((name_len + 2, characters.to_string()))
}

/// Adds the file's bytes `range` (text that may hold character references) to `prose`: the
/// text between references as it is, each reference decoded.
pub fn add_text(prose: &mut ProseBuilder, file: &str, range: Range<usize>) {
    let raw = &file[range.clone()];
    let mut copied = 0;
    for (at, _) in raw.match_indices('&') {
        if at < copied {
            continue;
        }
        if let Some((len, text)) = reference_at(&raw[at..]) {
            prose.copy(range.start + copied..range.start + at);
            prose.decoded(range.start + at..range.start + at + len, &text);
            copied = at + len;
        }
    }
    prose.copy(range.start + copied..range.end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Escape;

    fn decode(raw: &str) -> String {
        let mut prose = ProseBuilder::new(raw, Escape::Markup);
        add_text(&mut prose, raw, 0..raw.len());
        prose.finish().text
    }

    #[test]
    fn references_decode() {
        assert_eq!(decode("a &amp; b"), "a & b");
        assert_eq!(decode("&eacute;t&#233; &#xE9;&#xe9"), "été éé");
        assert_eq!(decode("AT&T &unknown; & &;"), "AT&T &unknown; & &;");
        assert_eq!(decode("&nbsp;:"), "\u{a0}:");
        assert_eq!(decode("&#0;&#xD800;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn references_are_whole_pieces() {
        let file = "<p>L&apos;&eacute;t&eacute; &amp; AT&T</p>";
        let mut prose = ProseBuilder::new(file, Escape::Markup);
        add_text(&mut prose, file, 3..file.len() - 4);
        let prose = prose.finish();
        assert_eq!(prose.text, "L'été & AT&T");
        let e = prose.text.find('é').unwrap();
        assert_eq!(&file[prose.map.range(&(e..e + 2))], "&eacute;");
        assert!(prose.map.edit_range(&(e..e + 1), false).is_err());
    }
}
