//! Subtitles: SubRip (`.srt`) and WebVTT (`.vtt`), read line by line (both are line formats
//! that a few rules describe completely). The prose is the text of each cue, one block per
//! cue, line breaks kept; cue numbers and identifiers, timings and cue settings, the WebVTT
//! header and its `NOTE`, `STYLE` and `REGION` blocks, and the tags inside cue text (`<i>`,
//! `<font color=…>`, `{\an8}`, `<c.yellow>`, `<v Speaker>`, `<00:00:01.000>`) are markup.
//! WebVTT cue text may hold HTML character references (`&amp;`): decoded for the rules, and
//! written back as references; ruby annotations (`<rt>`) are not read.

use super::{Escape, FormatError, Prose, ProseBuilder, references};
use regex::Regex;
use std::{ops::Range, sync::LazyLock};

/// A SubRip timing line: `00:00:01,000 --> 00:00:02,500`, with optional coordinates.
static SRT_TIMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}\s*-->\s*\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}(\s.*)?$")
        .expect("valid timing pattern")
});

/// A WebVTT timing line: `00:01.000 --> 00:02.500 line:0 position:20%`.
static VTT_TIMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d+:)?\d{2}:\d{2}\.\d{3}[ \t]+-->[ \t]+(\d+:)?\d{2}:\d{2}\.\d{3}([ \t].*)?$")
        .expect("valid timing pattern")
});

/// The subtitle formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// SubRip.
    Srt,
    /// WebVTT.
    Vtt,
}

/// One cue of a subtitle file, as slices of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue<'a> {
    /// The cue number (SubRip) or identifier (WebVTT), if any.
    pub id: Option<&'a str>,
    /// The timing line, settings included.
    pub timing: &'a str,
    /// The byte range of the cue's text (its lines and the line breaks between them).
    pub text: Range<usize>,
}

/// The lines of a block: the byte ranges of consecutive non-blank lines.
fn blocks(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut blocks = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
        } else {
            block.push(start..start + content.len());
        }
        start += line.len();
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    blocks
}

/// The text range spanning `lines`, or an empty range at `at` when there are none.
fn span(lines: &[Range<usize>], at: usize) -> Range<usize> {
    match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => first.start..last.end,
        _ => at..at,
    }
}

/// The cues of a SubRip file. A block of text with neither number nor timing continues the
/// cue before it (players show it so); at the start of the file it is an error.
fn srt_cues(text: &str) -> Result<Vec<Cue<'_>>, FormatError> {
    let mut cues: Vec<Cue> = Vec::new();
    let is_timing = |line: &Range<usize>| SRT_TIMING.is_match(&text[line.clone()]);
    for lines in blocks(text) {
        let first = &text[lines[0].clone()];
        let (id, timing_at) = if is_timing(&lines[0]) {
            (None, 0)
        } else if lines.get(1).is_some_and(is_timing) {
            (Some(first.trim()), 1)
        } else if let Some(previous) = cues.last_mut() {
            // A cue without text of its own takes this block's start: its timing line's
            // line break and the blank line after it stay markup.
            if previous.text.is_empty() {
                previous.text.start = lines[0].start;
            }
            previous.text.end = lines[lines.len() - 1].end;
            continue;
        } else {
            return Err(FormatError {
                offset: lines[0].start,
                message: "expected a cue number and a timing (00:00:01,000 --> 00:00:02,000)"
                    .into(),
            });
        };
        let timing = &lines[timing_at];
        cues.push(Cue {
            id,
            timing: &text[timing.clone()],
            text: span(&lines[timing_at + 1..], timing.end),
        });
    }
    Ok(cues)
}

/// Whether a block starts with `keyword` as a word (`NOTE`, `STYLE`, `REGION`).
fn starts_with_keyword(line: &str, keyword: &str) -> bool {
    line.strip_prefix(keyword)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// The cues of a WebVTT file.
fn vtt_cues(text: &str) -> Result<Vec<Cue<'_>>, FormatError> {
    let signature = text.strip_prefix('\u{feff}').unwrap_or(text);
    let valid = signature
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r']));
    if !valid {
        return Err(FormatError {
            offset: 0,
            message: "a WebVTT file starts with the line WEBVTT".into(),
        });
    }
    let mut cues = Vec::new();
    // The first block is the header.
    for lines in blocks(text).into_iter().skip(1) {
        let first = &text[lines[0].clone()];
        if ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|k| starts_with_keyword(first, k))
        {
            continue;
        }
        let Some(timing_at) = lines
            .iter()
            .take(2)
            .position(|l| text[l.clone()].contains("-->"))
        else {
            // Not a cue: WebVTT parsers skip such a block, and so does mtlint.
            continue;
        };
        let timing = &lines[timing_at];
        if !VTT_TIMING.is_match(&text[timing.clone()]) {
            return Err(FormatError {
                offset: timing.start,
                message: "expected a cue timing (00:00:01.000 --> 00:00:02.000)".into(),
            });
        }
        cues.push(Cue {
            id: (timing_at == 1).then(|| first.trim()),
            timing: &text[timing.clone()],
            text: span(&lines[timing_at + 1..], timing.end),
        });
    }
    Ok(cues)
}

/// The cues of a subtitle file, or why it is not valid.
pub fn cues(kind: Kind, text: &str) -> Result<Vec<Cue<'_>>, FormatError> {
    match kind {
        Kind::Srt => srt_cues(text),
        Kind::Vtt => vtt_cues(text),
    }
}

/// The length of the tag at the start of `raw` (which starts with `<` or `{`), if it is one:
/// `<i>`, `</font>`, `<c.yellow>`, `<v Speaker>`, `<00:01.000>`, or a `{\…}` override.
fn tag_at(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    let (close, valid) = match bytes[0] {
        b'<' => (
            b'>',
            bytes
                .get(1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'/'),
        ),
        _ => (b'}', bytes.get(1) == Some(&b'\\')),
    };
    if !valid {
        return None;
    }
    let end = memchr::memchr2(close, b'\n', bytes)?;
    (bytes[end] == close).then_some(end + 1)
}

/// Adds a cue's text to `prose`: tags left out as markup, the text of `<rt>` not read.
fn add_cue(prose: &mut ProseBuilder, file: &str, range: Range<usize>, kind: Kind) {
    let raw = &file[range.clone()];
    let add = |prose: &mut ProseBuilder, text: Range<usize>| match kind {
        Kind::Vtt => references::add_text(prose, file, text),
        Kind::Srt => prose.copy(text),
    };
    let mut copied = 0;
    let mut ruby_text = false;
    let mut at = 0;
    while let Some(found) = memchr::memchr2(b'<', b'{', &raw.as_bytes()[at..]) {
        let tag_start = at + found;
        let Some(len) = tag_at(&raw[tag_start..]) else {
            at = tag_start + 1;
            continue;
        };
        if !ruby_text {
            add(prose, range.start + copied..range.start + tag_start);
        }
        let tag = &raw[tag_start..tag_start + len];
        if kind == Kind::Vtt {
            if tag.starts_with("<rt") {
                ruby_text = true;
            } else if tag.starts_with("</rt") {
                ruby_text = false;
            }
        }
        copied = tag_start + len;
        at = copied;
    }
    if !ruby_text {
        add(prose, range.start + copied..range.end);
    }
}

/// The prose of a subtitle file.
pub fn extract(kind: Kind, text: &str) -> Result<Prose, FormatError> {
    let escape = match kind {
        Kind::Srt => Escape::Plain,
        Kind::Vtt => Escape::Markup,
    };
    let mut prose = ProseBuilder::new(text, escape);
    for cue in cues(kind, text)? {
        prose.end_block();
        add_cue(&mut prose, text, cue.text, kind);
        prose.end_block();
    }
    Ok(prose.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srt_cue_text_only() {
        let text = "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Bonjour</i> à tous,\r\n{\\an8}mes amis.\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nFin.\r\n";
        let prose = extract(Kind::Srt, text).unwrap();
        assert_eq!(prose.text, "Bonjour à tous,\r\nmes amis.\n\nFin.");
        let gaps: Vec<&str> = prose
            .non_prose(text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(gaps[0], "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>");
    }

    #[test]
    fn a_block_after_a_cue_without_text_starts_its_text() {
        let text = "1\n00:00:00,000 --> 00:00:00,500\n\n,\n\n";
        let cues = srt_cues(text).unwrap();
        assert_eq!(&text[cues[0].text.clone()], ",");
    }

    #[test]
    fn srt_without_a_timing_is_invalid() {
        let error = extract(
            Kind::Srt,
            "Bonjour\n\n1\n00:00:01,000 --> 00:00:02,000\nx\n",
        )
        .unwrap_err();
        assert_eq!(error.offset, 0);
        let cues = cues(Kind::Srt, "1\n00:00:01,000 --> 00:00:02,000\nun\n\ndeux\n").unwrap();
        assert_eq!(cues.len(), 1, "a stray block continues the cue");
    }

    #[test]
    fn vtt_skips_header_notes_styles_and_tags() {
        let text = "WEBVTT - Sous-titres\nKind: captions\n\nNOTE Relu par l’équipe\nsur deux lignes\n\nSTYLE\n::cue { color: yellow }\n\nintro\n00:00.000 --> 00:02.000 line:0 align:start\n<v Marie>Bonjour &amp; <c.yellow>bienvenue</c></v>\n<00:00:01.500>à tous\n\n00:02.500 --> 00:04.000\n<ruby>漢<rt>kan</rt></ruby> fin\n";
        let prose = extract(Kind::Vtt, text).unwrap();
        assert_eq!(prose.text, "Bonjour & bienvenue\nà tous\n\n漢 fin");
        let cues = cues(Kind::Vtt, text).unwrap();
        assert_eq!(cues[0].id, Some("intro"));
        assert_eq!(cues[1].timing, "00:02.500 --> 00:04.000");
    }

    #[test]
    fn vtt_needs_its_signature_and_valid_timings() {
        assert!(extract(Kind::Vtt, "00:00.000 --> 00:01.000\nx\n").is_err());
        let error = extract(Kind::Vtt, "WEBVTT\n\n00:00.000 -> 00:01.000 -->\nx\n").unwrap_err();
        assert_eq!(error.offset, 8);
    }
}
