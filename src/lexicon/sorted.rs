//! A table of lines sorted by their first tab-separated column, searched where it lies in the
//! binary: a lookup is a binary search over the embedded text, and nothing is indexed at
//! start-up.

/// Sorted lines `key<TAB>value`, without the file's leading `#` comment lines.
#[derive(Debug, Clone, Copy)]
pub(super) struct SortedLines {
    /// The lines, sorted by key.
    text: &'static str,
}

impl SortedLines {
    /// The table over `raw`, once its leading comment lines are skipped.
    pub(super) fn new(mut raw: &'static str) -> SortedLines {
        while raw.starts_with('#') {
            raw = raw.split_once('\n').map_or("", |(_, rest)| rest);
        }
        SortedLines { text: raw }
    }

    /// The lines of the table, in order.
    #[cfg(test)]
    pub(super) fn lines(&self) -> std::str::Lines<'static> {
        self.text.lines()
    }

    /// Asserts that every line has a key and that the keys are strictly increasing (as the
    /// binary search needs), on a table of at least one line.
    #[cfg(test)]
    pub(super) fn assert_sorted(&self) {
        let mut previous: Option<&str> = None;
        for line in self.lines() {
            assert!(!line.is_empty() && !line.starts_with('#'), "{line:?}");
            let (key, _) = line.split_once('\t').expect("a tab after the key");
            if let Some(previous) = previous {
                assert!(previous < key, "{previous:?} is not before {key:?}");
            }
            previous = Some(key);
        }
        assert!(previous.is_some(), "an empty table");
    }

    /// The keys of the table, in order, read in one pass over its lines.
    pub(super) fn keys(&self) -> impl Iterator<Item = &'static str> {
        let text = self.text;
        let mut start = 0;
        memchr::memchr_iter(b'\n', text.as_bytes())
            .chain(std::iter::once(text.len()))
            .filter_map(move |end| {
                let line = &text.as_bytes()[start.min(end)..end];
                let key_start = start;
                start = end + 1;
                let key = line.iter().position(|&b| b == b'\t').unwrap_or(line.len());
                (key > 0).then(|| &text[key_start..key_start + key])
            })
    }

    /// The line starting at byte `start`: its key, its value and where the next line starts;
    /// `None` past the end.
    pub(super) fn line_at(&self, start: usize) -> Option<(&'static str, &'static str, usize)> {
        let text = self.text;
        if start >= text.len() {
            return None;
        }
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        // A byte search: `split_once` with a `char` sets up a searcher on every call.
        let (key, value) = match memchr::memchr(b'\t', line.as_bytes()) {
            Some(tab) => (&line[..tab], &line[tab + 1..]),
            None => (line, ""),
        };
        Some((key, value, end + 1))
    }

    /// Where the first line whose key is not below `target` starts (the end of the table when
    /// there is none).
    pub(super) fn lower_bound(&self, target: &str) -> usize {
        let bytes = self.text.as_bytes();
        let (mut low, mut high) = (0, bytes.len());
        // `low` and `high` are line starts; the lines in between are undecided.
        while low < high {
            let middle = low + (high - low) / 2;
            let start = memchr::memrchr(b'\n', &bytes[low..middle]).map_or(low, |i| low + i + 1);
            let (key, _, next) = self.line_at(start).expect("start is within the table");
            if key < target {
                low = next.min(bytes.len());
            } else {
                high = start;
            }
        }
        low
    }

    /// The line whose key is `key`: the key as stored and its value.
    pub(super) fn entry(&self, key: &str) -> Option<(&'static str, &'static str)> {
        let (found, value, _) = self.line_at(self.lower_bound(key))?;
        (found == key).then_some((found, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_no_other() {
        let table = SortedLines::new("# comment\nalpha\t1\nbeta\t2,3\ngamma\t\nzeta\t4");
        assert_eq!(table.entry("alpha"), Some(("alpha", "1")));
        assert_eq!(table.entry("beta"), Some(("beta", "2,3")));
        assert_eq!(table.entry("gamma"), Some(("gamma", "")));
        assert_eq!(table.entry("zeta"), Some(("zeta", "4")));
        for absent in ["", "a", "alphab", "delta", "zz", "# comment"] {
            assert_eq!(table.entry(absent), None, "{absent}");
        }
        assert_eq!(table.lines().count(), 4);
        table.assert_sorted();
    }

    #[test]
    #[should_panic(expected = "is not before")]
    fn an_unsorted_table_is_caught() {
        SortedLines::new("beta\t1\nalpha\t2").assert_sorted();
    }
}
