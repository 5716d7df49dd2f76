//! Splitting text into lines, the line feeds found by `memchr` (many bytes at a time) rather
//! than by the generic character search of `str::split_inclusive`.

/// The fewest bytes of a line that ends a paragraph by its line feed alone: a text wrapped at
/// a fixed width (72 to 100 columns) never writes such a line, a text that writes each
/// paragraph on one line and separates them by a single line break writes most.
pub const PARAGRAPH_LINE_BYTES: usize = 120;

/// Whether the line feed at byte `feed` of `bytes` ends a paragraph: a blank line follows it
/// (only spaces, tabs and carriage returns before the next line feed; a last line without one
/// ends no paragraph), or the line it ends holds at least [`PARAGRAPH_LINE_BYTES`] bytes (a
/// paragraph on one line). A quotation or a bracket left open does not reach past it.
pub fn ends_paragraph(bytes: &[u8], feed: usize) -> bool {
    let blank_line_follows = bytes[feed + 1..]
        .iter()
        .find(|&&b| !is_blank_byte(b))
        .is_some_and(|&b| b == b'\n');
    blank_line_follows
        || feed >= PARAGRAPH_LINE_BYTES
            && memchr::memrchr(b'\n', &bytes[feed - PARAGRAPH_LINE_BYTES..feed]).is_none()
}

/// Whether byte `b` may stand in a blank line: a space, a tab or a carriage return.
fn is_blank_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// Whether `line` (without its line feed) is blank: only spaces, tabs and carriage returns.
pub fn is_blank_line(line: &[u8]) -> bool {
    line.iter().all(|&b| is_blank_byte(b))
}

/// The lines of `text`, each with its line feed (the last one without, when the text does not
/// end with a line feed): what `text.split_inclusive('\n')` yields.
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|at| at + 1)
        .chain(std::iter::once(text.len()))
        .filter_map(move |end| {
            let line = &text[start..end];
            start = end;
            // Only the piece after a final line feed (or of an empty text) is empty.
            (!line.is_empty()).then_some(line)
        })
}

/// The lines of `text` as [`lines_inclusive`] gives them, each with its offset, read off the
/// offsets of its line feeds (`feeds`, in order), found once for the document, instead of
/// searching the text for them again.
pub fn lines_of_feeds<'t>(
    text: &'t str,
    feeds: &'t [usize],
) -> impl Iterator<Item = (usize, &'t str)> + 't {
    let mut start = 0;
    feeds
        .iter()
        .map(|&at| at + 1)
        .chain(std::iter::once(text.len()))
        .filter_map(move |end| {
            let line_start = start;
            start = end;
            // Only the piece after a final line feed (or of an empty text) is empty.
            (end > line_start).then(|| (line_start, &text[line_start..end]))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_ends_at_a_blank_line_or_after_a_line_of_its_own() {
        let ends = |text: &str| -> Vec<usize> {
            memchr::memchr_iter(b'\n', text.as_bytes())
                .filter(|&at| ends_paragraph(text.as_bytes(), at))
                .collect()
        };
        assert_eq!(ends("un\n\ndeux\n"), [2]);
        assert_eq!(ends("un\r\n \t\r\ndeux"), [3]);
        assert_eq!(ends("une ligne\nrepliée\n"), Vec::<usize>::new());
        let paragraph = "mot ".repeat(30);
        let text = format!("{paragraph}\nsuite courte\n{paragraph}\nfin");
        assert_eq!(ends(&text), [120, 254]);
    }

    #[test]
    fn lines_are_those_of_split_inclusive() {
        for text in [
            "",
            "\n",
            "\n\n",
            "un",
            "un\n",
            "un\ndeux",
            "un\r\ndeux\n\ntrois\n",
            "été\n à\n",
        ] {
            let expected: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(
                lines_inclusive(text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
            let feeds: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
            let from_feeds: Vec<(usize, &str)> = lines_of_feeds(text, &feeds).collect();
            let mut start = 0;
            let expected: Vec<(usize, &str)> = expected
                .into_iter()
                .map(|line| {
                    start += line.len();
                    (start - line.len(), line)
                })
                .collect();
            assert_eq!(from_feeds, expected, "{text:?}");
        }
    }
}
