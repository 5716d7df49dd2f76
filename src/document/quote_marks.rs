//! Where a document's quotation marks, emphasis markers, line feeds and paragraph breaks stand,
//! so that how many of each come before a position within its paragraph or line is two binary
//! searches, not a scan back to the paragraph's start.

use std::ops::Range;

/// The characters [`QuoteMarks`] records, in the order of its offset lists.
const TRACKED: [char; 10] = ['«', '»', '“', '”', '"', '‘', '’', '\n', '*', '_'];

/// The offsets of every tracked character and paragraph break of a text.
pub struct QuoteMarks {
    /// For each character of [`TRACKED`], the sorted byte offsets where it stands.
    offsets: [Vec<usize>; TRACKED.len()],
    /// The byte offsets of the line feeds that end a paragraph
    /// ([`crate::text::lines::ends_paragraph`]).
    paragraph_breaks: Vec<usize>,
}

/// The index in [`TRACKED`] of the character that starts at byte `at` of `bytes` (valid
/// UTF-8, `at` a character boundary), read off its bytes.
fn tracked_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(match bytes[at..] {
        [0xc2, 0xab, ..] => const { tracked_index('«') },
        [0xc2, 0xbb, ..] => const { tracked_index('»') },
        [0xe2, 0x80, 0x9c, ..] => const { tracked_index('“') },
        [0xe2, 0x80, 0x9d, ..] => const { tracked_index('”') },
        [0xe2, 0x80, 0x98, ..] => const { tracked_index('‘') },
        [0xe2, 0x80, 0x99, ..] => const { tracked_index('’') },
        [b'"', ..] => const { tracked_index('"') },
        [b'\n', ..] => const { tracked_index('\n') },
        [b'*', ..] => const { tracked_index('*') },
        [b'_', ..] => const { tracked_index('_') },
        _ => return None,
    })
}

/// The index of `c` in [`TRACKED`] (which must hold it).
const fn tracked_index(c: char) -> usize {
    let mut k = 0;
    while TRACKED[k] != c {
        k += 1;
    }
    k
}

impl QuoteMarks {
    /// Finds the tracked characters and paragraph breaks of `text`.
    pub fn of(text: &str) -> QuoteMarks {
        let mut offsets: [Vec<usize>; TRACKED.len()] = Default::default();
        let mut paragraph_breaks = Vec::new();
        let bytes = text.as_bytes();
        let mut record = |at: usize| {
            if let Some(k) = tracked_at(bytes, at) {
                offsets[k].push(at);
            }
            if bytes[at] == b'\n' && crate::text::lines::ends_paragraph(bytes, at) {
                paragraph_breaks.push(at);
            }
        };
        // Every tracked character starts with one of these bytes: «» with C2, “”‘’ with E2.
        // Each search gives its offsets in order: the two are merged as they come.
        let mut first = memchr::memchr3_iter(b'"', b'\n', 0xc2, bytes).peekable();
        let mut second = memchr::memchr3_iter(b'*', b'_', 0xe2, bytes).peekable();
        loop {
            let at = match (first.peek(), second.peek()) {
                (Some(&a), Some(&b)) if a < b => first.next(),
                (Some(_), Some(_)) | (None, Some(_)) => second.next(),
                (Some(_), None) => first.next(),
                (None, None) => break,
            };
            at.into_iter().for_each(&mut record);
        }
        QuoteMarks {
            offsets,
            paragraph_breaks,
        }
    }

    /// How many times `mark`, one of the recorded characters, stands in `range`.
    pub fn count(&self, mark: char, range: Range<usize>) -> usize {
        let Some(k) = TRACKED.iter().position(|&t| t == mark) else {
            debug_assert!(false, "{mark:?} is not recorded");
            return 0;
        };
        let offsets = &self.offsets[k];
        let below = |at: usize| offsets.partition_point(|&o| o < at);
        below(range.end).saturating_sub(below(range.start))
    }

    /// Where the paragraph holding byte `at` starts: after the last line feed that ends a
    /// paragraph before `at`, or at 0.
    pub fn paragraph_start(&self, at: usize) -> usize {
        let ending_before = self.paragraph_breaks.partition_point(|&b| b < at);
        ending_before
            .checked_sub(1)
            .map_or(0, |k| self.paragraph_breaks[k] + 1)
    }

    /// Where the line holding byte `at` starts, within `range` (which ends at `at`): after the
    /// last line feed of `range`, or at its start.
    pub fn line_start(&self, range: Range<usize>) -> usize {
        let feeds = &self.offsets[TRACKED.iter().position(|&t| t == '\n').unwrap_or(0)];
        let before = feeds.partition_point(|&o| o < range.end);
        match before.checked_sub(1).map(|k| feeds[k]) {
            Some(feed) if feed >= range.start => feed + 1,
            _ => range.start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every count, paragraph start and line start of a few texts, against a scan.
    #[test]
    fn answers_as_a_scan() {
        let long = format!("« {}\ncourte « \n", "mot ".repeat(40));
        let texts = [
            "",
            "a « b » “c” \"d\" ‘e’ *f* _g_\nligne\n\npara « h\n\n\ni » fin",
            "\n\n\n\n«»",
            "é’“\"\n_*",
            "un « \r\n \r\ndeux",
            &long,
        ];
        for text in texts {
            let marks = QuoteMarks::of(text);
            let ends: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &end in &ends {
                // After the last line feed before `end` that a blank line follows or that ends
                // a line of 120 bytes or more.
                let start = (0..end)
                    .rev()
                    .find(|&f| {
                        text.as_bytes()[f] == b'\n'
                            && (text[f + 1..]
                                .trim_start_matches([' ', '\t', '\r'])
                                .starts_with('\n')
                                || text[..f]
                                    .rsplit('\n')
                                    .next()
                                    .is_some_and(|l| l.len() >= 120))
                    })
                    .map_or(0, |f| f + 1);
                assert_eq!(marks.paragraph_start(end), start, "{text:?} {end}");
                let line = text[start..end]
                    .rfind('\n')
                    .map_or(start, |n| start + n + 1);
                assert_eq!(marks.line_start(start..end), line, "{text:?} {end}");
                for &from in ends.iter().filter(|&&f| f <= end) {
                    for mark in TRACKED {
                        let scanned = text[from..end].matches(mark).count();
                        assert_eq!(marks.count(mark, from..end), scanned, "{text:?} {mark:?}");
                    }
                }
            }
        }
    }
}
