//! The reverse-spinner map (English word → the French–English homographs a spinner may have
//! replaced by it), searched where it lies in the binary: `data/reverse-spinner.tsv` is sorted
//! by its first column, so a lookup is a binary search over the embedded text. Nothing is
//! indexed at start-up; each entry is parsed when first asked for and kept.

use super::{FnvBuild, Homograph, sorted::SortedLines};
use std::{
    collections::{HashMap, HashSet},
    sync::{
        Mutex, OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
};

static REVERSE_SPINNER: &str = include_str!("../../data/reverse-spinner.tsv");
static SPINNER_SUPPLEMENT: &str = include_str!("../../data/spinner-supplement.tsv");

/// The reverse-spinner map and its reviewed supplement.
pub struct ReverseMap {
    /// The entries, one a line (`english<TAB>word:link:similarity[:moby],…`), sorted by English
    /// word.
    entries: SortedLines,
    /// The reviewed pairs (English word, French word), in the supplement's order.
    supplement: Vec<(&'static str, &'static str)>,
    /// The homographs of each English word asked about so far.
    homographs: Mutex<HashMap<&'static str, &'static [Homograph], FnvBuild>>,
    /// The multi-word expressions beginning with each word asked about so far (when any).
    expressions: Mutex<HashMap<&'static str, &'static [&'static str], FnvBuild>>,
    /// The first words of the multi-word expressions of the map and of the supplement, found
    /// in one pass over the map once [`SEARCHES_BEFORE_HEADS`] words were searched for: most
    /// words begin none, and are then answered without a search.
    heads: OnceLock<HashSet<&'static str, FnvBuild>>,
    /// The words searched for in the map so far, up to [`SEARCHES_BEFORE_HEADS`].
    searches: AtomicUsize,
}

/// The searches of the map for the expressions a word begins after which the set of their
/// first words is built: a pass over the 7 MB map costs about as much as 500 binary searches
/// of it, which a short text never makes.
const SEARCHES_BEFORE_HEADS: usize = 500;

/// Reads one `word:link:similarity[:moby]` entry of the reverse-spinner map (missing numbers
/// are 0; `:moby` marks a homograph only Moby Thesaurus II links to the English word).
fn parse_homograph(entry: &'static str) -> Homograph {
    let mut fields = entry.split(':');
    let word = fields.next().unwrap_or_default();
    let mut number = || fields.next().and_then(|f| f.parse().ok()).unwrap_or(0.0);
    let (link, similarity) = (number(), number());
    Homograph {
        word,
        link,
        similarity,
        loose: fields.next() == Some("moby"),
    }
}

impl ReverseMap {
    /// The map over the shipped data (only the small reviewed supplement is read now).
    pub fn new() -> ReverseMap {
        let supplement = SPINNER_SUPPLEMENT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(english, french)| (english, french.trim()))
            .collect();
        ReverseMap {
            entries: SortedLines::new(REVERSE_SPINNER),
            supplement,
            homographs: Mutex::default(),
            expressions: Mutex::default(),
            heads: OnceLock::new(),
            searches: AtomicUsize::new(0),
        }
    }

    /// Whether `head` may begin a multi-word expression: `false` when the set of their first
    /// words is built and lacks it; `true`, for a search of the map, before.
    fn may_begin_expression(&self, head: &str) -> bool {
        if let Some(heads) = self.heads.get() {
            return heads.contains(head);
        }
        if self.searches.load(Ordering::Relaxed) < SEARCHES_BEFORE_HEADS {
            self.searches.fetch_add(1, Ordering::Relaxed);
            return true;
        }
        self.heads().contains(head)
    }

    /// The first words of the multi-word expressions of the map and of the supplement.
    fn heads(&self) -> &HashSet<&'static str, FnvBuild> {
        self.heads.get_or_init(|| {
            let mut heads: HashSet<&'static str, FnvBuild> = self
                .entries
                .keys()
                .filter_map(|english| {
                    let space = english.bytes().position(|b| b == b' ')?;
                    Some(&english[..space])
                })
                .collect();
            heads.extend(
                self.supplement
                    .iter()
                    .filter_map(|(english, _)| english.split_once(' ').map(|(head, _)| head)),
            );
            heads
        })
    }

    /// The English word's own entry: the word as stored and its raw list.
    fn entry(&self, english: &str) -> Option<(&'static str, &'static str)> {
        self.entries.entry(english)
    }

    /// The French–English homographs that `english` is a thesaurus synonym of or is close to
    /// in meaning, best first: the reviewed pairs, then the raw list.
    pub fn homographs_of(&self, english: &str) -> &'static [Homograph] {
        let mut known = self.homographs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&homographs) = known.get(english) {
            return homographs;
        }
        let entry = self.entry(english);
        let reviewed = self.supplement.iter().filter(|(word, _)| *word == english);
        let Some(key) = entry
            .map(|(word, _)| word)
            .or_else(|| reviewed.clone().next().map(|(word, _)| *word))
        else {
            return &[];
        };
        // A reviewed pair is a first-rank thesaurus link.
        let mut list: Vec<Homograph> = reviewed
            .map(|&(_, word)| Homograph {
                word,
                link: 1.0,
                similarity: 0.0,
                loose: false,
            })
            .collect();
        let raw = entry.map_or("", |(_, raw)| raw);
        for homograph in raw
            .split(',')
            .filter(|c| !c.is_empty())
            .map(parse_homograph)
        {
            match list.iter_mut().find(|h| h.word == homograph.word) {
                Some(known) => known.similarity = homograph.similarity,
                None => list.push(homograph),
            }
        }
        // Kept for the rest of the run, as each entry is asked for again and again; at most
        // one list per entry of the map.
        let list: &'static [Homograph] = Box::leak(list.into_boxed_slice());
        known.insert(key, list);
        list
    }

    /// The multi-word English expressions of the map that begin with the word `head`, longest
    /// first (a text is matched against the longest).
    pub fn expressions_starting_with(&self, head: &str) -> &'static [&'static str] {
        if head.contains(' ') || !self.may_begin_expression(head) {
            return &[];
        }
        let mut known = self.expressions.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&expressions) = known.get(head) {
            return expressions;
        }
        let prefix = format!("{head} ");
        let mut found: Vec<&'static str> = Vec::new();
        let mut at = self.entries.lower_bound(&prefix);
        while let Some((english, _, next)) = self.entries.line_at(at) {
            if !english.starts_with(&prefix) {
                break;
            }
            found.push(english);
            at = next;
        }
        for &(english, _) in &self.supplement {
            if english.starts_with(&prefix) && !found.contains(&english) {
                found.push(english);
            }
        }
        let Some(first) = found.first() else {
            return &[];
        };
        let key = &first[..head.len()];
        found.sort_unstable_by(|a, b| {
            let words = |e: &str| e.split(' ').count();
            words(b).cmp(&words(a)).then_with(|| a.cmp(b))
        });
        // Kept for the rest of the run; at most one list per word that begins an expression.
        let found: &'static [&'static str] = Box::leak(found.into_boxed_slice());
        known.insert(key, found);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_is_sorted_for_binary_search() {
        ReverseMap::new().entries.assert_sorted();
    }

    #[test]
    fn every_entry_is_found() {
        let map = ReverseMap::new();
        for line in map.entries.lines().step_by(97) {
            let (english, raw) = line.split_once('\t').unwrap();
            assert_eq!(map.entry(english), Some((english, raw)));
        }
        assert_eq!(map.entry(""), None);
        assert_eq!(map.entry("zzzzzzzz"), None);
        assert_eq!(map.entry("a posterior"), None);
    }

    #[test]
    fn translation_neighbours_are_candidates() {
        let map = ReverseMap::new();
        let words = |english: &str| -> Vec<&str> {
            map.homographs_of(english).iter().map(|h| h.word).collect()
        };
        assert!(words("whole").contains(&"ensemble"), "{:?}", words("whole"));
        assert!(words("great").contains(&"grand"), "{:?}", words("great"));
        assert!(!words("at").contains(&"par"), "{:?}", words("at"));
    }

    #[test]
    fn moby_synonyms_are_marked_loose() {
        let marked = parse_homograph("tables:0.00:0.31:moby");
        assert!(marked.loose);
        assert_eq!(
            (marked.word, marked.link, marked.similarity),
            ("tables", 0.0, 0.31)
        );
        assert!(!parse_homograph("administration:0.52:0.65").loose);
        let map = ReverseMap::new();
        let loose = |english: &str, french: &str| {
            map.homographs_of(english)
                .iter()
                .find(|h| h.word == french)
                .map(|h| h.loose)
        };
        assert_eq!(loose("government", "public"), Some(true));
        assert_eq!(loose("government", "administration"), Some(false));
    }

    #[test]
    fn expressions_by_first_word() {
        let map = ReverseMap::new();
        let by_way = map.expressions_starting_with("by");
        assert!(
            by_way.contains(&"by way of"),
            "the supplement's expressions count"
        );
        let words = |e: &str| e.split(' ').count();
        assert!(by_way.windows(2).all(|w| words(w[0]) >= words(w[1])));
        assert!(map.expressions_starting_with("zzzzzzzz").is_empty());
        assert!(map.expressions_starting_with("by way").is_empty());
    }

    #[test]
    fn words_outside_the_heads_begin_no_expression() {
        let map = ReverseMap::new();
        let heads = map.heads();
        // Every key of the map, and every word of its multi-word keys: a word the heads lack
        // has no key of the map or of the supplement that begins with it and a space.
        let mut words: Vec<&str> = map
            .entries
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .flat_map(|(english, _)| std::iter::once(english).chain(english.split(' ')))
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut begun = 0;
        for word in words.into_iter().filter(|w| !w.contains(' ')) {
            let prefix = format!("{word} ");
            let keyed = map
                .entries
                .line_at(map.entries.lower_bound(&prefix))
                .is_some_and(|(english, _, _)| english.starts_with(&prefix))
                || map
                    .supplement
                    .iter()
                    .any(|(english, _)| english.starts_with(&prefix));
            assert_eq!(heads.contains(word), keyed, "{word:?}");
            begun += usize::from(keyed);
        }
        assert!(begun > 1000, "{begun} words begin an expression");
        let keys: Vec<&str> = map.entries.keys().collect();
        let lines: Vec<&str> = map
            .entries
            .lines()
            .map(|line| line.split_once('\t').map_or(line, |(english, _)| english))
            .collect();
        assert_eq!(keys, lines);
        assert!(heads.contains("by"), "the supplement's expressions count");
    }
}
