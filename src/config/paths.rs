//! Paths and globs: normalised paths, globs relative to a configuration file's folder.

use globset::{Candidate, Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// Compiles globs into one set.
pub fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(Glob::new(pattern).map_err(|e| format!("invalid glob `{pattern}`: {e}"))?);
    }
    builder.build().map_err(|e| e.to_string())
}

/// Whether `set` matches `path`: relative to `root`, as given, as an absolute path (for globs
/// rebased by [`rebase_glob`]), or its file name.
pub fn glob_matches(set: &GlobSet, path: &Path, root: &Path) -> bool {
    with_forms(path, &[root], |forms| forms.matched_by(set))
}

/// `judge` of the forms of `path` a glob is matched against from `roots` ([`PathForms::new`]),
/// the path and the roots made absolute once.
fn with_forms<R>(path: &Path, roots: &[&Path], judge: impl FnOnce(&PathForms<'_>) -> R) -> R {
    let absolute_path = absolute(path);
    let roots: Vec<PathBuf> = roots.iter().map(|root| absolute(root)).collect();
    judge(&PathForms::new(path, &absolute_path, &roots))
}

/// A path in each form a glob is matched against, read once for every set of globs and every
/// root, each split once into the parts a glob set compares (`globset::Candidate`), instead of
/// once per set and root.
pub(crate) struct PathForms<'p> {
    forms: Vec<Candidate<'p>>,
}

impl<'p> PathForms<'p> {
    /// The forms [`glob_matches`] reads: `path` relative to each of `roots` (absolute folders),
    /// as given, absolute (`absolute_path`), and its file name.
    fn new(path: &'p Path, absolute_path: &'p Path, roots: &'p [PathBuf]) -> PathForms<'p> {
        let relative = roots
            .iter()
            .map(|root| absolute_path.strip_prefix(root).unwrap_or(path));
        PathForms::of(
            relative
                .chain([path, absolute_path])
                .chain(path.file_name().map(Path::new)),
        )
    }

    /// The forms `paths`.
    pub(crate) fn of(paths: impl IntoIterator<Item = &'p Path>) -> PathForms<'p> {
        PathForms {
            forms: paths.into_iter().map(Candidate::new).collect(),
        }
    }

    /// Whether a glob of `set` matches one of the forms.
    pub(crate) fn matched_by(&self, set: &GlobSet) -> bool {
        !set.is_empty() && self.forms.iter().any(|form| set.is_match_candidate(form))
    }
}

/// A glob relative to `root` that begins with `./` or `../` made absolute (`../legacy/**`
/// from `/a/b` is `/a/legacy/**`), so that it can name files outside `root`; other globs are
/// returned as they are.
pub fn rebase_glob(glob: &str, root: &Path) -> String {
    if !(glob.starts_with("./") || glob.starts_with("../")) {
        return glob.to_string();
    }
    let mut rest = glob;
    let mut base = absolute(root);
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../") {
            base.pop();
            rest = r;
        } else {
            break;
        }
    }
    let base = base.to_string_lossy();
    let separator = if base.ends_with('/') { "" } else { "/" };
    format!("{base}{separator}{rest}")
}

/// `path` made absolute against the current folder, with `.` and `..` resolved lexically (as
/// written, without following links), so that `../docs/a.txt` and `docs/a.txt` compare equal
/// from the right folders.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    normalize(&joined)
}

/// `path` with `.` components dropped and each `..` removing the component before it (a `..`
/// at the root stays at the root; a leading `..` of a relative path is kept).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            c => out.push(c),
        }
    }
    out.iter().collect()
}

/// The compiled `include` and `exclude` globs of one [`Settings`].
#[derive(Debug, Clone)]
pub struct FileGlobs {
    pub(super) include: GlobSet,
    pub(super) exclude: GlobSet,
}

impl FileGlobs {
    /// Whether a file found while walking a folder is linted; globs match the path relative to
    /// any of `roots` (the configuration's folder, the walked folder), as given, or the file name.
    pub fn accepts(&self, path: &Path, roots: &[&Path]) -> bool {
        with_forms(path, roots, |forms| {
            forms.matched_by(&self.include) && !forms.matched_by(&self.exclude)
        })
    }

    /// Whether `exclude` matches `path` (relative to any of `roots`, as given, or its name).
    pub fn excludes(&self, path: &Path, roots: &[&Path]) -> bool {
        with_forms(path, roots, |forms| forms.matched_by(&self.exclude))
    }
}
