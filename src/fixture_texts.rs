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
