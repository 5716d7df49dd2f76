//! A window of one source line around a span, as rustc and ruff print long lines: the span in
//! full when it fits, with some context on each side, and `…` where the line was cut. A span
//! wider than the window keeps its beginning and its end, joined by `…`.

use unicode_width::UnicodeWidthChar;

/// The columns of source shown per line, at most (the ellipses included).
pub const WIDTH: usize = 72;

/// Columns of context kept before the span when the line is cut.
const LEFT_CONTEXT: usize = 10;

/// Columns of context kept after the span when the line is cut.
const RIGHT_CONTEXT: usize = 20;

/// Columns shown of each end of a span too wide for the window.
const LONG_SPAN_END: usize = 24;

/// How far (in characters) a cut may move to land on a space instead of inside a word.
const WORD_SNAP: usize = 12;

/// Quotations longer than this (in characters) are shortened in messages.
pub const MAX_QUOTE: usize = 40;

/// `message` with the middle of every long quotation (between backticks, or “ and ”) replaced
/// by `…`: the source line above already shows the text, and a help line should stay a line.
pub fn shorten_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find(['`', '“']) {
        let quote = rest[open..].chars().next().unwrap_or('`');
        let close = if quote == '`' { '`' } else { '”' };
        let body_start = open + quote.len_utf8();
        let Some(len) = rest[body_start..].find(close) else {
            break;
        };
        let body = &rest[body_start..body_start + len];
        out.push_str(&rest[..body_start]);
        let count = body.chars().count();
        if count > MAX_QUOTE {
            let keep = MAX_QUOTE / 2 - 1;
            let head: String = body.chars().take(keep).collect();
            let tail: String = body.chars().skip(count - keep).collect();
            out.push_str(head.trim_end());
            out.push_str(" … ");
            out.push_str(tail.trim_start());
        } else {
            out.push_str(body);
        }
        out.push(close);
        rest = &rest[body_start + len + close.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// One line as it is printed: the text and, under it, the markers (`^`) of the span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The source, cut and with `…` where something was left out.
    pub text: String,
    /// Spaces then carets under the span's columns (no trailing blanks).
    pub carets: String,
}

/// A character as printed: its text and its width in columns.
struct Cell {
    shown: String,
    width: usize,
    /// Inside the span.
    marked: bool,
}

fn cells(line: &str, span: std::ops::Range<usize>) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        let marked = span.start <= i && i < span.end;
        let (shown, width) = match c {
            '\t' => ("    ".to_string(), 4),
            c if c.is_control() => ("\u{fffd}".to_string(), 1),
            c => (c.to_string(), c.width().unwrap_or(0)),
        };
        cells.push(Cell {
            shown,
            width,
            marked,
        });
    }
    cells
}

fn is_space(cells: &[Cell], i: usize) -> bool {
    cells.get(i).is_some_and(|c| c.shown == " ")
}

/// A cut before cell `at` moved to the start of a word: back to just after a space when one
/// is near (never before `outer`), else forward to just after one (never past `inner`).
fn word_start(cells: &[Cell], at: usize, outer: usize, inner: usize) -> usize {
    if at == 0 || is_space(cells, at - 1) {
        return at;
    }
    let back = (at.saturating_sub(WORD_SNAP).max(outer)..at)
        .rev()
        .find(|&i| is_space(cells, i));
    let forward = || (at..(at + WORD_SNAP).min(inner)).find(|&i| is_space(cells, i));
    back.or_else(forward).map_or(at, |i| i + 1)
}

/// A cut after cell `at - 1` moved to the end of a word: forward to a space when one is near
/// (never past `outer`), else back to one (never before `inner`).
fn word_end(cells: &[Cell], at: usize, outer: usize, inner: usize) -> usize {
    if at >= cells.len() || is_space(cells, at) {
        return at;
    }
    let forward = (at..(at + WORD_SNAP).min(outer)).find(|&i| is_space(cells, i));
    let back = || {
        (at.saturating_sub(WORD_SNAP).max(inner)..at)
            .rev()
            .find(|&i| is_space(cells, i))
    };
    forward.or_else(back).unwrap_or(at)
}

fn width(cells: &[Cell]) -> usize {
    cells.iter().map(|c| c.width).sum()
}

/// Prints `cells[range]` and the carets under its marked cells.
fn push(out: &mut Excerpt, cells: &[Cell], range: std::ops::Range<usize>) {
    for cell in &cells[range] {
        out.text.push_str(&cell.shown);
        let mark = if cell.marked { '^' } else { ' ' };
        out.carets.extend(std::iter::repeat_n(mark, cell.width));
    }
}

fn ellipsis(out: &mut Excerpt, marked: bool) {
    out.text.push('…');
    out.carets.push(if marked { '^' } else { ' ' });
}

/// The excerpt of `line` (one line, without its line break) that shows the byte range `span`
/// of it. An empty span is shown as one caret at its place.
pub fn excerpt(line: &str, span: std::ops::Range<usize>) -> Excerpt {
    let mut start = span.start.min(line.len());
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, line.len());
    while !line.is_char_boundary(end) {
        end += 1;
    }
    let mut cells = cells(line, start..end);
    // The first and last cells of the span (an empty span marks the character at its place, or
    // a blank added after the line).
    let first = line[..start].chars().count();
    let mut last = first + line[start..end].chars().count();
    if last == first {
        if first == cells.len() {
            cells.push(Cell {
                shown: " ".to_string(),
                width: 1,
                marked: true,
            });
        } else {
            cells[first].marked = true;
            if cells[first].width == 0 {
                cells[first].width = 1;
            }
        }
        last = first + 1;
    }
    let mut out = Excerpt {
        text: String::new(),
        carets: String::new(),
    };
    if width(&cells) <= WIDTH {
        push(&mut out, &cells, 0..cells.len());
    } else if width(&cells[first..last]) + 2 <= WIDTH {
        // The span fits: it and some context on each side; context the line does not have on
        // one side goes to the other.
        let room = WIDTH - 2 - width(&cells[first..last]);
        let left_available = width(&cells[..first]);
        let right_available = width(&cells[last..]);
        let mut left = LEFT_CONTEXT.min(room).min(left_available);
        let right = (LEFT_CONTEXT + RIGHT_CONTEXT - left)
            .min(room - left)
            .min(right_available);
        left = (LEFT_CONTEXT + RIGHT_CONTEXT - right)
            .min(room - right)
            .min(left_available);
        let mut from = first;
        let mut before = 0;
        while from > 0 && before + cells[from - 1].width <= left {
            from -= 1;
            before += cells[from].width;
        }
        let mut to = last;
        let mut after = 0;
        while to < cells.len() && after + cells[to].width <= right {
            after += cells[to].width;
            to += 1;
        }
        let to_snapped = word_end(&cells, to, cells.len(), last);
        let from_snapped = word_start(&cells, from, 0, first);
        if from_snapped > 0 {
            ellipsis(&mut out, false);
        }
        push(&mut out, &cells, from_snapped..to_snapped);
        if to_snapped < cells.len() {
            ellipsis(&mut out, false);
        }
    } else {
        // A span wider than the window: its beginning and its end, joined by `…`.
        let half = LONG_SPAN_END;
        let mut head_end = first;
        let mut used = 0;
        while head_end < last && used + cells[head_end].width <= half {
            used += cells[head_end].width;
            head_end += 1;
        }
        let mut tail_start = last;
        let mut used = 0;
        while tail_start > head_end && used + cells[tail_start - 1].width <= half {
            tail_start -= 1;
            used += cells[tail_start].width;
        }
        // Cut between words when one is near.
        head_end = word_end(&cells, head_end, head_end, first);
        tail_start = word_start(&cells, tail_start, tail_start, last);
        if first > 0 {
            ellipsis(&mut out, false);
        }
        push(&mut out, &cells, first..head_end);
        ellipsis(&mut out, true);
        push(&mut out, &cells, tail_start..last);
        if last < cells.len() {
            ellipsis(&mut out, false);
        }
    }
    out.text = out.text.trim_end().to_string();
    out.carets = out.carets.trim_end().to_string();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(e: &Excerpt) -> String {
        // The characters of `text` above the carets.
        let mut out = String::new();
        let mut col = 0;
        let carets: Vec<char> = e.carets.chars().collect();
        for c in e.text.chars() {
            let w = c.width().unwrap_or(0);
            if carets.get(col) == Some(&'^') {
                out.push(c);
            }
            col += w;
        }
        out
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let line = "Fin de la séance.. Ensuite";
        let start = line.find("..").unwrap();
        let e = excerpt(line, start..start + 2);
        assert_eq!(e.text, line);
        assert_eq!(e.carets, format!("{}^^", " ".repeat(16)));
        assert_eq!(marked(&e), "..");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let line = format!(
            "{} le cupboard {}",
            "mot ".repeat(60).trim_end(),
            "autre ".repeat(60).trim_end()
        );
        let start = line.find("cupboard").unwrap();
        let e = excerpt(&line, start..start + 8);
        assert!(
            e.text.starts_with('…') && e.text.ends_with('…'),
            "{}",
            e.text
        );
        assert!(e.text.chars().count() <= WIDTH, "{}", e.text);
        assert!(
            e.text.chars().count() <= LEFT_CONTEXT + RIGHT_CONTEXT + 2 * WORD_SNAP + 10,
            "{}",
            e.text
        );
        assert_eq!(marked(&e), "cupboard");
        // Cut between words, not inside them.
        assert!(
            e.text.starts_with("…mot ") || e.text.starts_with("…le "),
            "{}",
            e.text
        );
        assert!(
            e.text.ends_with(" autre…") || e.text.ends_with("autre…"),
            "{}",
            e.text
        );
    }

    #[test]
    fn a_span_at_the_end_of_a_long_line_keeps_the_room_on_the_left() {
        let line = format!("{} fin..", "mot ".repeat(60).trim_end());
        let start = line.find("..").unwrap();
        let e = excerpt(&line, start..start + 2);
        assert!(e.text.ends_with("fin.."), "{}", e.text);
        assert!(
            e.text.chars().count() > LEFT_CONTEXT + RIGHT_CONTEXT - 10,
            "{}",
            e.text
        );
        assert_eq!(marked(&e), "..");
    }

    #[test]
    fn a_wide_span_keeps_its_beginning_and_end() {
        let line = format!("Début {} fin.", "é".repeat(200));
        let e = excerpt(&line, 0..line.len());
        assert!(e.text.starts_with("Début "), "{}", e.text);
        assert!(e.text.ends_with(" fin."), "{}", e.text);
        assert!(e.text.contains('…'));
        assert!(e.carets.chars().all(|c| c == '^'));
        assert_eq!(e.carets.chars().count(), e.text.chars().count());
    }

    #[test]
    fn long_quotations_are_shortened() {
        let long = "mot ".repeat(30);
        let message = format!("Replace `{}` with `x` (“{}”)", long.trim(), long.trim());
        let short = shorten_quotes(&message);
        assert!(short.starts_with("Replace `mot mot"), "{short}");
        assert!(
            short.contains("mot … mot") && short.contains("mot` with `x` (“mot"),
            "{short}"
        );
        assert!(short.chars().count() < 3 * MAX_QUOTE, "{short}");
        assert_eq!(
            shorten_quotes("Replace `..` with `.`"),
            "Replace `..` with `.`"
        );
        assert_eq!(shorten_quotes("un ` seul"), "un ` seul");
    }

    #[test]
    fn wide_characters_tabs_and_empty_spans_line_up() {
        let line = "\tA 漢字 B";
        let start = line.find('B').unwrap();
        let e = excerpt(line, start..start + 1);
        assert_eq!(e.text, "    A 漢字 B");
        assert_eq!(e.carets, format!("{}^", " ".repeat(11)));
        let e = excerpt("abc", 3..3);
        assert_eq!(e.carets, "   ^");
    }
}
