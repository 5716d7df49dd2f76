//! Reads a large input in parts of about a given size, each ending at a paragraph break (a
//! blank line) or, for JSON Lines, at a record break, with where each part stands in the file.

use crate::{document::Base, text::lines::is_blank_line};
use std::io::Read;

/// One part of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its index, from 0.
    pub index: u32,
    /// Where it stands in the file.
    pub base: Base,
    /// Its text.
    pub text: String,
    /// Whether it ends the input.
    pub last: bool,
}

impl Part {
    /// Which of the part's first and last lines are pieces of a line of the file cut for its
    /// length.
    pub fn line_pieces(&self) -> LinePieces {
        LinePieces {
            first: self.base.column > 0,
            last: !self.last && !self.text.ends_with('\n'),
        }
    }
}

/// Which lines of a part are only pieces of a line of its file: a line longer than many parts
/// is cut after a sentence, and the checks of whole lines (a line repeated, a line of page
/// furniture) leave its pieces alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinePieces {
    /// The part begins in the middle of a line.
    pub first: bool,
    /// The part ends in the middle of a line.
    pub last: bool,
}

impl LinePieces {
    /// Whether the line of `text` at `line` (a byte range, with or without its terminator) is
    /// a whole line of the file.
    pub fn is_whole(&self, text: &str, line: std::ops::Range<usize>) -> bool {
        !(self.first && line.start == 0 || self.last && line.end == text.len())
    }
}

/// Why an input cannot be read in parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartError {
    /// Reading failed.
    Io(String),
    /// The bytes are not UTF-8, at this offset of the file.
    Utf8(usize),
}

/// Where parts may end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// At a blank line (a paragraph break), else a line break.
    Paragraphs,
    /// At any line break (a record break of JSON Lines).
    Records,
}

/// Reads parts of about `target` bytes from a reader.
pub struct PartReader<R: Read> {
    reader: R,
    target: usize,
    breaks: Breaks,
    buffer: Vec<u8>,
    /// The file offset of `buffer[0]`.
    offset: usize,
    /// The lines of the file before `buffer[0]`.
    line: usize,
    /// The characters of the file's line before `buffer[0]`.
    column: usize,
    index: u32,
    eof: bool,
    /// The part read ahead, to know whether it is the last.
    ahead: Option<Result<Part, PartError>>,
    done: bool,
}

/// The number of line breaks of `text`, counted as [`crate::document::LineIndex`] counts them.
fn line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if !(bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n')) {
            count += 1;
        }
    }
    if ["\u{85}", "\u{2028}", "\u{2029}"]
        .iter()
        .any(|b| memchr::memmem::find(bytes, b.as_bytes()).is_some())
    {
        count += text
            .chars()
            .filter(|c| matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))
            .count();
    }
    count
}

/// How many times the target size a line may reach before it is cut after a sentence. The
/// checks of lines and sentences read a line whole, and a part cut inside a line sees only a
/// piece of it: a long line is read whole up to this size, and one longer still in pieces of
/// about the target size (a JSON Lines record, of this size), so that memory stays bounded
/// whatever the input. The pieces are no lines for the checks of whole lines
/// ([`LinePieces`]); a check that reads the paragraph around a sentence (whether it stands
/// inside a quotation opened earlier on the line) reads it from the piece's start.
const LONG_LINE_TARGETS: usize = 2;

/// Where a part of `window`, a line longer than a part, ends: after the last sentence stop
/// followed by a space (". ", "! ", "? ", "… "), or else after the last space; `None` when
/// the window holds no space.
fn sentence_end(window: &[u8]) -> Option<usize> {
    let stops: [&[u8]; 4] = [b". ", b"! ", b"? ", "… ".as_bytes()];
    stops
        .iter()
        .filter_map(|stop| memchr::memmem::rfind(window, stop).map(|at| at + stop.len()))
        .max()
        .or_else(|| memchr::memrchr(b' ', window).map(|at| at + 1))
        .filter(|&end| end > 0)
}

/// How far past the target size of a part a blank line that ends it may reach.
const BLANK_LINE_REACH: usize = 64;

/// Where the last "\n\n" of `window` ends. The line feeds are found from the end with
/// `memrchr`, vectorised, where `memmem::rfind` is not: a text without blank lines is scanned
/// at the speed of its line feeds.
fn last_empty_line(window: &[u8]) -> Option<usize> {
    memchr::memrchr_iter(b'\n', window)
        .find(|&feed| feed > 0 && window[feed - 1] == b'\n')
        .map(|feed| feed + 1)
}

/// Where the last line of `window` that holds only spaces, tabs and carriage returns ends
/// (after its line feed), when a line feed precedes it.
fn after_blank_line(window: &[u8]) -> Option<usize> {
    let mut later: Option<usize> = None;
    for feed in memchr::memrchr_iter(b'\n', window) {
        if let Some(end) = later
            && is_blank_line(&window[feed + 1..end])
        {
            return Some(end + 1);
        }
        later = Some(feed);
    }
    None
}

/// Where the blank lines (only spaces, tabs and carriage returns) that begin at `start` of
/// `bytes` end: a part takes a run of blank lines whole, so that a line deleted before it takes
/// them all, as in the whole text.
fn past_blank_lines(bytes: &[u8], mut start: usize) -> usize {
    while let Some(feed) = memchr::memchr(b'\n', &bytes[start..]).map(|at| start + at) {
        if !is_blank_line(&bytes[start..feed]) {
            break;
        }
        start = feed + 1;
    }
    start
}

/// Whether the line break at `feed` of `bytes` ends a sentence as the checks of sentences split
/// a text (`crate::kinds::repetition`): the line ends with a stop (`.`, `!`, `?`), then any of
/// `.!?")]`, a closing `»` and `”`, and blanks; the next text that is not blank begins with an
/// uppercase letter, a digit or an opening mark. A part that ends there leaves its sentences
/// whole, as a part that ends at a blank line does: a text whose paragraphs are separated by
/// single line breaks gets the report of the whole. Only ASCII blanks are read.
fn ends_sentence(bytes: &[u8], feed: usize) -> bool {
    let mut end = feed;
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    for closing in ["”", "»"] {
        if bytes[..end].ends_with(closing.as_bytes()) {
            end -= closing.len();
        }
    }
    let stop_ends_line = bytes[..end]
        .iter()
        .rev()
        .take_while(|b| matches!(b, b'.' | b'!' | b'?' | b'"' | b')' | b']'))
        .any(|b| matches!(b, b'.' | b'!' | b'?'));
    if !stop_ends_line {
        return false;
    }
    let Some(next) = bytes[feed + 1..]
        .iter()
        .position(|b| !matches!(b, b'\t'..=b'\r' | b' '))
        .map(|at| feed + 1 + at)
    else {
        return false;
    };
    let head = &bytes[next..bytes.len().min(next + 4)];
    let head = match std::str::from_utf8(head) {
        Ok(head) => head,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    head.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "«“\"(—-".contains(c))
}

/// The last character boundary of `window` at or before `limit` (at least 1).
fn char_boundary_before(window: &[u8], limit: usize) -> usize {
    let mut end = limit;
    while end > 0 && (window[end - 1] & 0xc0) == 0x80 {
        end -= 1;
    }
    if end > 0 && window[end - 1] >= 0xc0 {
        end -= 1;
    }
    end.max(1)
}

impl<R: Read> PartReader<R> {
    /// A reader of parts of about `target` bytes (at least 1 KB), ending at `breaks`.
    pub fn new(reader: R, target: usize, breaks: Breaks) -> PartReader<R> {
        PartReader {
            reader,
            target: target.max(1024),
            breaks,
            buffer: Vec::new(),
            offset: 0,
            line: 0,
            column: 0,
            index: 0,
            eof: false,
            ahead: None,
            done: false,
        }
    }

    /// Reads until the buffer holds `want` bytes or the input ends.
    fn fill(&mut self, want: usize) -> Result<(), PartError> {
        let mut chunk = vec![0u8; 1 << 16];
        while !self.eof && self.buffer.len() < want {
            match self.reader.read(&mut chunk) {
                Ok(0) => self.eof = true,
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(PartError::Io(crate::input::io_reason(&e))),
            }
        }
        Ok(())
    }

    /// Where the next part ends in the buffer: after the last break before the target size,
    /// or after the first one past it; the whole buffer at the end of the input.
    fn cut(&mut self) -> Result<usize, PartError> {
        self.fill(self.target + BLANK_LINE_REACH)?;
        if self.eof && self.buffer.len() <= self.target {
            return Ok(self.buffer.len());
        }
        let mut limit = self.target.min(self.buffer.len());
        loop {
            let window = &self.buffer[..limit];
            // A blank line is looked for a little past the target, so that one that straddles
            // it is not cut in two.
            let reach = &self.buffer[..(limit + BLANK_LINE_REACH).min(self.buffer.len())];
            let found = match self.breaks {
                // At a blank line, else at a line break that ends a sentence, else at any.
                Breaks::Paragraphs => last_empty_line(reach)
                    .or_else(|| after_blank_line(reach))
                    .map(|end| past_blank_lines(&self.buffer, end))
                    .or_else(|| {
                        memchr::memrchr_iter(b'\n', window)
                            .find(|&feed| ends_sentence(&self.buffer, feed))
                            .map(|feed| feed + 1)
                    })
                    .or_else(|| memchr::memrchr(b'\n', window).map(|at| at + 1)),
                Breaks::Records => memchr::memrchr(b'\n', window).map(|at| at + 1),
            };
            if let Some(end) = found.filter(|&end| end > 0) {
                return Ok(end);
            }
            if self.eof && limit == self.buffer.len() {
                return Ok(self.buffer.len());
            }
            // No break yet: read further (a long line), up to many times the target, then cut
            // it after a sentence (a JSON Lines record at a character boundary).
            if limit >= self.target * LONG_LINE_TARGETS {
                // A line of text is cut in pieces of about the target size, as the parts of
                // other text are: two threads then hold two such pieces, not two of twice
                // the size.
                let (window, sentence) = match self.breaks {
                    Breaks::Paragraphs => {
                        let window = &self.buffer[..self.target.min(limit)];
                        (window, sentence_end(window))
                    }
                    Breaks::Records => (&self.buffer[..limit], None),
                };
                return Ok(sentence.unwrap_or_else(|| char_boundary_before(window, window.len())));
            }
            self.fill(limit * 2)?;
            limit = (limit * 2).min(self.buffer.len());
        }
    }

    fn read_part(&mut self) -> Option<Result<Part, PartError>> {
        let end = match self.cut() {
            Ok(end) => end,
            Err(e) => return Some(Err(e)),
        };
        if end == 0 {
            return None;
        }
        let bytes: Vec<u8> = self.buffer.drain(..end).collect();
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                return Some(Err(PartError::Utf8(
                    self.offset + e.utf8_error().valid_up_to(),
                )));
            }
        };
        let part = Part {
            index: self.index,
            base: Base {
                offset: self.offset,
                line: self.line,
                column: self.column,
            },
            last: false,
            text,
        };
        self.index += 1;
        self.offset += end;
        self.line += line_breaks(&part.text);
        // The characters of the part's last line, added to those before it when the part
        // holds no line break.
        let last_break = part
            .text
            .rfind(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
            .map(|at| at + part.text[at..].chars().next().map_or(1, char::len_utf8));
        let last_line = &part.text[last_break.unwrap_or(0)..];
        self.column =
            last_line.chars().count() + if last_break.is_some() { 0 } else { self.column };
        Some(Ok(part))
    }
}

impl<R: Read> Iterator for PartReader<R> {
    type Item = Result<Part, PartError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let current = match self.ahead.take() {
            Some(part) => part,
            None => match self.read_part() {
                Some(part) => part,
                None => {
                    self.done = true;
                    return None;
                }
            },
        };
        let Ok(mut part) = current else {
            self.done = true;
            return Some(current);
        };
        self.ahead = self.read_part();
        part.last = self.ahead.is_none();
        Some(Ok(part))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str, target: usize, breaks: Breaks) -> Vec<Part> {
        PartReader::new(text.as_bytes(), target, breaks)
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn parts_end_at_paragraphs_and_know_their_place() {
        let paragraph = "Une ligne.\nUne autre ligne.\n\n";
        let text = paragraph.repeat(200);
        let found = parts(&text, 1024, Breaks::Paragraphs);
        assert!(found.len() > 3);
        assert_eq!(
            found.iter().map(|p| p.text.as_str()).collect::<String>(),
            text
        );
        for part in &found {
            assert!(
                part.text.ends_with("\n\n"),
                "{:?}",
                &part.text[part.text.len() - 5..]
            );
            assert_eq!(
                &text[part.base.offset..part.base.offset + 4],
                &part.text[..4]
            );
            assert_eq!(
                part.base.line,
                text[..part.base.offset].matches('\n').count()
            );
        }
        assert!(found.last().unwrap().last);
        assert!(found[..found.len() - 1].iter().all(|p| !p.last));
    }

    #[test]
    fn records_and_long_lines() {
        let text = "{\"text\": \"a\"}\n".repeat(300);
        let found = parts(&text, 1024, Breaks::Records);
        assert!(found.iter().all(|p| p.text.ends_with('\n')));
        let long = "é".repeat(40_000);
        let found = parts(&long, 1024, Breaks::Paragraphs);
        assert_eq!(
            found.iter().map(|p| p.text.as_str()).collect::<String>(),
            long
        );
        // A paragraph on one line is cut after a sentence, and each part knows the column it
        // starts at.
        let sentence = "Une phrase é, puis une autre. ";
        let line = format!("Titre\n{}fin\n", sentence.repeat(4000));
        let found = parts(&line, 1024, Breaks::Paragraphs);
        assert!(found.len() > 3);
        assert_eq!(
            found.iter().map(|p| p.text.as_str()).collect::<String>(),
            line
        );
        for part in &found[1..] {
            assert!(
                part.text.starts_with("Une phrase"),
                "{:?}",
                &part.text[..20]
            );
            assert!(part.text.len() <= 1024 * LONG_LINE_TARGETS);
            let before = &line[..part.base.offset];
            let line_start = before.rfind('\n').map_or(0, |at| at + 1);
            assert_eq!(part.base.column, before[line_start..].chars().count());
            assert_eq!(part.base.line, 1);
        }
        // The pieces before the line's tail are about the target size, not the size a line
        // reaches before it is cut.
        for part in &found[1..found.len() - 1] {
            assert!(
                (1024 - sentence.len()..=1024).contains(&part.text.len()),
                "{}",
                part.text.len()
            );
        }
        // After the title, the first part ends inside the line, the last begins inside it,
        // the others both.
        let pieces: Vec<_> = found.iter().map(Part::line_pieces).collect();
        let n = found.len();
        assert_eq!(found[0].text, "Titre\n");
        assert_eq!(pieces[0], LinePieces::default());
        assert_eq!(
            pieces[1],
            LinePieces {
                first: false,
                last: true
            }
        );
        assert!(pieces[2..n - 1].iter().all(|p| p.first && p.last));
        assert_eq!(
            pieces[n - 1],
            LinePieces {
                first: true,
                last: false
            }
        );
        assert!(!pieces[1].is_whole(&found[1].text, 0..found[1].text.len()));
        let last = &found[n - 1].text;
        assert!(!pieces[n - 1].is_whole(last, 0..10));
        assert!(pieces[n - 1].is_whole(last, last.len() - 4..last.len()));
    }

    #[test]
    fn the_last_empty_line_is_the_last_double_line_feed() {
        for text in [
            "",
            "a\n",
            "a\n\nb",
            "\n\n\n",
            "a\n\nb\n\n\nc\n",
            "\n",
            "a\n \nb",
        ] {
            let bytes = text.as_bytes();
            let expected = memchr::memmem::rfind(bytes, b"\n\n").map(|at| at + 2);
            assert_eq!(last_empty_line(bytes), expected, "{text:?}");
        }
    }

    #[test]
    fn a_part_takes_a_run_of_blank_lines_whole() {
        assert_eq!(past_blank_lines(b"a\n\n \t\n\r\nb\n", 2), 8);
        assert_eq!(past_blank_lines(b"a\n\nb", 3), 3);
        assert_eq!(
            past_blank_lines(b"a\n  ", 2),
            2,
            "no line feed ends the blanks"
        );
    }

    #[test]
    fn a_part_ends_after_a_blank_line_of_spaces() {
        assert_eq!(after_blank_line(b"un\n \t\r\ndeux\ntrois"), Some(7));
        assert_eq!(after_blank_line(b"un\ndeux\n"), None);
        let text = "Une phrase assez longue pour remplir un part.\n  \n".repeat(100);
        for part in parts(&text, 1024, Breaks::Paragraphs) {
            assert!(part.text.ends_with("\n  \n"), "{:?}", &part.text);
        }
    }

    #[test]
    fn a_line_break_ends_a_sentence_after_a_stop_and_before_a_capital() {
        let at_feed = |text: &str| ends_sentence(text.as_bytes(), text.find('\n').unwrap());
        assert!(at_feed("Fin.\nSuite"));
        assert!(at_feed("Fin !\r\n« Suite"));
        assert!(at_feed("Il a dit « fin.»\nSuite"));
        assert!(at_feed("Fin.)  \n\t2 suites"));
        assert!(!at_feed("Fin\nSuite"), "no stop");
        assert!(!at_feed("Fin.\nsuite"), "no capital");
        assert!(
            !at_feed("« Fin. »\nSuite"),
            "the stop is inside the quotation"
        );
        assert!(!at_feed("Fin.\n"), "nothing follows");
    }

    #[test]
    fn invalid_utf8_is_an_error_with_its_offset() {
        let mut bytes = b"abc\n\n".repeat(10);
        bytes.push(0xff);
        let found: Vec<_> = PartReader::new(&bytes[..], 1024, Breaks::Paragraphs).collect();
        assert_eq!(found.last(), Some(&Err(PartError::Utf8(50))));
    }
}
