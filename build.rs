//! Embeds every rule pack of `rules/*.toml` into the binary, so the linter works anywhere.

use std::{env, fs, path::Path};

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
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_packs.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
