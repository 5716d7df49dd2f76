//! Turns "replace this text by that text" into the smallest edits that do it, so a fix that
//! changes both quotes of a pair touches only the quotes.

use crate::diagnostic::Edit;
use similar::{DiffTag, TextDiff};

/// The minimal edits that turn `old` (which starts at byte `base` of the document) into `new`.
/// Adjacent changes are merged into one edit; unchanged text between changes is left alone.
pub fn minimal_edits(base: usize, old: &str, new: &str) -> Vec<Edit> {
    if old == new {
        return Vec::new();
    }
    let old_offsets: Vec<usize> = old
        .char_indices()
        .map(|(i, _)| i)
        .chain([old.len()])
        .collect();
    let new_offsets: Vec<usize> = new
        .char_indices()
        .map(|(i, _)| i)
        .chain([new.len()])
        .collect();
    let diff = TextDiff::from_chars(old, new);
    let mut edits: Vec<Edit> = Vec::new();
    for op in diff.ops() {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let start = base + old_offsets[old_range.start];
        let end = base + old_offsets[old_range.end];
        let replacement = &new[new_offsets[new_range.start]..new_offsets[new_range.end]];
        match edits.last_mut() {
            Some(last) if last.end == start => {
                last.end = end;
                last.replacement.push_str(replacement);
            }
            _ => edits.push(Edit::new(start..end, replacement)),
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut out = text.to_string();
        for edit in edits.iter().rev() {
            out.replace_range(edit.start..edit.end, &edit.replacement);
        }
        out
    }

    #[test]
    fn quote_pair_becomes_two_edits() {
        let old = "“tirer sans avertissement”";
        let new = "« tirer sans avertissement »";
        let edits = minimal_edits(10, old, new);
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].start, 10);
        let shifted: Vec<Edit> = edits
            .iter()
            .map(|e| Edit::new(e.start - 10..e.end - 10, e.replacement.clone()))
            .collect();
        assert_eq!(apply(old, &shifted), new);
    }

    #[test]
    fn insertion() {
        let edits = minimal_edits(0, "État.Mais", "État. Mais");
        assert_eq!(edits, [Edit::new(6..6, " ")]);
    }

    #[test]
    fn identical_text_needs_no_edit() {
        assert!(minimal_edits(0, "abc", "abc").is_empty());
    }
}
