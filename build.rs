//! Embeds every rule pack of `rules/*.toml` into the binary, so the linter works anywhere, with
//! what a run would otherwise work out from the packs' regular expressions at start-up: their
//! groups, the strings their matches hold (the literal gates of `src/kinds/gate.rs`) and the
//! pairs of bytes they hold (the pair gates of `src/kinds/gate/pairs.rs`), and the packs'
//! values themselves, parsed (`src/rules/tree.rs`), so that a run need not parse their TOML.

#[path = "src/kinds/gate/needed.rs"]
mod needed;

#[path = "src/kinds/gate/frequency.rs"]
mod frequency;
#[path = "src/kinds/gate/pairs.rs"]
#[allow(dead_code)]
mod pairs;

use std::{collections::BTreeMap, env, fs, path::Path};

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let rules_dir = Path::new(&manifest).join("rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    let mut packs: Vec<_> = fs::read_dir(&rules_dir)
        .expect("the rules/ folder exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    packs.sort();
    let mut code =
        String::from("/// The rule packs shipped in `rules/`: (file name, TOML text).\n");
    code.push_str("pub const BUILTIN_PACKS: &[(&str, &str)] = &[\n");
    for path in &packs {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    (\"rules/{name}\", include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("builtin_packs.rs"), code).expect("OUT_DIR is writable");

    let mut code = String::from(
        "/// The values of each built-in pack of `BUILTIN_PACKS`, in the same order (`None`: \
         the pack is read from its text).\n\
         pub static BUILTIN_PACK_TREES: &[Option<Node>] = &[\n",
    );
    for path in &packs {
        let text = fs::read_to_string(path).expect("a pack is readable");
        match pack_tree(&text) {
            Some(tree) => code.push_str(&format!("    Some({tree}),\n")),
            None => code.push_str("    None,\n"),
        }
    }
    code.push_str("];\n");
    fs::write(Path::new(&out_dir).join("builtin_pack_trees.rs"), code)
        .expect("OUT_DIR is writable");

    println!("cargo:rerun-if-changed=src/kinds/gate/needed.rs");
    println!("cargo:rerun-if-changed=src/kinds/gate/frequency.rs");
    println!("cargo:rerun-if-changed=src/kinds/gate/pairs.rs");
    let mut expressions = BTreeMap::new();
    for path in &packs {
        let text = fs::read_to_string(path).expect("a pack is readable");
        // A pack that does not parse is reported by the linter itself, at load.
        let Ok(pack) = text.parse::<toml::Table>() else {
            continue;
        };
        for source in pack_expressions(&pack) {
            if let Some(entry) = expression_entry(&source) {
                expressions.insert(source, entry);
            }
        }
    }
    let mut code = String::from(
        "/// What the build found of the built-in packs' regular expressions, by source.\n\
         pub static BUILTIN_EXPRESSIONS: &[BuiltinExpression] = &[\n",
    );
    for entry in expressions.values() {
        code.push_str(entry);
    }
    code.push_str("];\n");
    fs::write(Path::new(&out_dir).join("builtin_expressions.rs"), code)
        .expect("OUT_DIR is writable");
}

/// The Rust initializer of the tree of a pack's values (`src/rules/tree.rs`), with the
/// byte range each was written at; `None` when the pack does not parse or holds a value the
/// tree does not represent (the linter then parses its text, and reports what is wrong).
fn pack_tree(text: &str) -> Option<String> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let span = table.span();
    table_code(table.get_ref(), span.start, span.end)
}

/// The initializer of a table written at `start..end`.
fn table_code(table: &toml::de::DeTable, start: usize, end: usize) -> Option<String> {
    let entries = table
        .iter()
        .map(|(key, value)| {
            Some(format!(
                "({:?}, {})",
                key.get_ref().as_ref(),
                node_code(value)?
            ))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(format!("t({start}, {end}, &[{}])", entries.join(", ")))
}

/// The initializer of one value.
fn node_code(value: &toml::Spanned<toml::de::DeValue>) -> Option<String> {
    use toml::de::DeValue;
    let span = value.span();
    let (start, end) = (span.start, span.end);
    Some(match value.get_ref() {
        DeValue::String(text) => format!("s({start}, {end}, {:?})", text.as_ref()),
        DeValue::Integer(integer) => {
            let value = i64::from_str_radix(integer.as_str(), integer.radix()).ok()?;
            // The least integer is no literal.
            (value != i64::MIN).then_some(format!("i({start}, {end}, {value})"))?
        }
        DeValue::Float(float) => {
            let value: f64 = float.as_str().parse().ok()?;
            value
                .is_finite()
                .then_some(format!("f({start}, {end}, {value:?})"))?
        }
        DeValue::Boolean(value) => format!("b({start}, {end}, {value})"),
        DeValue::Datetime(_) => return None,
        DeValue::Array(items) => {
            let items = items.iter().map(node_code).collect::<Option<Vec<_>>>()?;
            format!("a({start}, {end}, &[{}])", items.join(", "))
        }
        DeValue::Table(table) => table_code(table, start, end)?,
    })
}

/// The `requires` and pattern `regex` expressions of a parsed pack.
fn pack_expressions(pack: &toml::Table) -> Vec<String> {
    let mut found = Vec::new();
    let rules = pack.get("rule").and_then(|r| r.as_array());
    for rule in rules.into_iter().flatten().filter_map(|r| r.as_table()) {
        found.extend(
            rule.get("requires")
                .and_then(|r| r.as_str())
                .map(String::from),
        );
        let patterns = rule.get("patterns").and_then(|p| p.as_array());
        for pattern in patterns.into_iter().flatten().filter_map(|p| p.as_table()) {
            found.extend(
                pattern
                    .get("regex")
                    .and_then(|r| r.as_str())
                    .map(String::from),
            );
        }
    }
    found
}

/// The Rust initializer of one expression's entry; `None` when it does not parse (the
/// linter reports it at load).
fn expression_entry(source: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    let names = needed::capture_names(&hir);
    let sets: Vec<String> = needed::needed_sets(&hir)
        .iter()
        .map(|set| {
            let strings: Vec<String> = set.iter().map(|s| format!("&{s:?}")).collect();
            format!("&[{}]", strings.join(", "))
        })
        .collect();
    let pairs: Vec<String> = pairs::pair_gates(&hir)
        .iter()
        .map(|gate| {
            let classes: Vec<String> = gate
                .classes()
                .map(|(first, then)| format!("(&{first:?}, &{then:?})"))
                .collect();
            format!("&[{}]", classes.join(", "))
        })
        .collect();
    Some(format!(
        "    BuiltinExpression {{ source: {source:?}, groups: {}, names: &{names:?}, needed: &[{}], pairs: &[{}] }},\n",
        hir.properties().explicit_captures_len() + 1,
        sets.join(", "),
        pairs.join(", ")
    ))
}
