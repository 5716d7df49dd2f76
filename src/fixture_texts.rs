//! The texts of the repository's fixture folders, for the tests that check a fast path against
//! its simple definition on real text.

/// The content of every file of `fixtures/FOLDER`, for each of `folders` in turn (a file that
/// is not UTF-8 gives an empty text).
pub(crate) fn fixture_texts(folders: &[&str]) -> Vec<String> {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    folders
        .iter()
        .flat_map(|folder| std::fs::read_dir(fixtures.join(folder)).unwrap())
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default())
        .collect()
}

/// `cases` (the inputs a test names for their edge cases), then the pieces `split` cuts each
/// seed fixture into (real text).
pub(crate) fn cases_and_seed_pieces(
    cases: &[&str],
    split: impl Fn(&str) -> Vec<String>,
) -> Vec<String> {
    let mut texts: Vec<String> = cases.iter().map(|case| case.to_string()).collect();
    for text in fixture_texts(&["seeds"]) {
        texts.extend(split(&text));
    }
    texts
}

/// A reproducible stream of pseudo-random numbers, for the tests that compare a fast path with
/// its definition on random input: each call gives a number below its argument (a linear
/// congruential generator with Knuth's MMIX constants, started from `seed`).
pub(crate) fn random_below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |below| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % below
    }
}

/// `count` reproducible random texts, each made of a number of `pieces` drawn from `lengths`
/// (the pieces picked at random, joined by `separator`), from the generator of
/// [`random_below`] started at `seed`: input for the tests that compare a fast path with its
/// definition.
pub(crate) fn random_texts(
    seed: u64,
    pieces: &[&str],
    count: usize,
    lengths: std::ops::Range<usize>,
    separator: &str,
) -> Vec<String> {
    let mut random = random_below(seed);
    (0..count)
        .map(|_| {
            let len = lengths.start + random(lengths.end - lengths.start);
            (0..len)
                .map(|_| pieces[random(pieces.len())])
                .collect::<Vec<_>>()
                .join(separator)
        })
        .collect()
}
