//! Splitting text into lines, the line feeds found by `memchr` (many bytes at a time) rather
//! than by the generic character search of `str::split_inclusive`.

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
