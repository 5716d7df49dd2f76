//! `mtlint rules`, `mtlint rule ID`, `mtlint config`, `mtlint completions`, `mtlint manpage`
//! and `mtlint licenses`.

use super::*;
use crate::{
    policy::{self},
    rules::{RuleMeta, RuleSet},
};
use std::path::PathBuf;

/// `mtlint config [PATH]`: the effective configuration, as TOML.
pub(super) fn show_config(path: Option<PathBuf>, args: &ConfigArgs) -> i32 {
    let mut resolver = match Resolver::new(args) {
        Ok(resolver) => resolver,
        Err(code) => return code,
    };
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    let profile = if path.is_dir() {
        resolver.for_folder(&path)
    } else {
        resolver.for_file(&path)
    };
    match profile {
        Ok(profile) => print_stdout(&profile.settings().to_toml()),
        Err(code) => code,
    }
}

pub(super) fn list_rules(args: RulesArgs) -> i32 {
    let set = match load_rules(&args.packs.rules) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let fix_name = |m: &RuleMeta| m.fix.map_or("none", |a| a.as_str());
    let builtin = policy::builtin_rules();
    let mut rules: Vec<&RuleMeta> = set.rules.iter().map(|r| &*r.meta).collect();
    rules.extend(builtin.iter());
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    if args.json {
        let list: Vec<_> = rules
            .iter()
            .map(|m| {
                serde_json::json!({"id": &*m.id, "kind": m.kind, "category": m.category.as_str(), "severity": m.severity.as_str(),
                    "fix": fix_name(m), "lang": m.lang, "summary": m.summary})
            })
            .collect();
        return print_stdout(&format!("{}\n", serde_json::Value::Array(list)));
    }
    let width = rules.iter().map(|m| m.id.len()).max().unwrap_or(0);
    let mut out = format!(
        "{:width$}  {:16}  {:8}  {:6}  summary\n",
        "id", "category", "severity", "fix"
    );
    for m in rules {
        out.push_str(&format!(
            "{:width$}  {:16}  {:8}  {:6}  {}\n",
            m.id,
            m.category.as_str(),
            m.severity.as_str(),
            fix_name(m),
            m.summary
        ));
    }
    print_stdout(&out)
}

/// " (did you mean `x`?)" for the rule id closest to `id`, or nothing.
pub(super) fn did_you_mean(id: &str, set: &RuleSet) -> String {
    crate::suggest::did_you_mean(id, set.rules.iter().map(|r| &*r.meta.id))
}

pub(super) fn show_rule(id: &str, packs: &PackArgs) -> i32 {
    let set = match load_rules(&packs.rules) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let builtin = policy::builtin_rules();
    let found = set
        .get(id)
        .map(|rule| &*rule.meta)
        .or_else(|| builtin.iter().find(|m| &*m.id == id));
    let Some(meta) = found else {
        stderr!("error: unknown rule `{id}`{}", did_you_mean(id, &set));
        return 2;
    };
    print_stdout(&rule_documentation(meta))
}

/// The documentation of a rule as `mtlint rule ID` prints it.
pub fn rule_documentation(m: &RuleMeta) -> String {
    let mut doc = format!("# {}\n\n{}\n\n", m.id, m.summary);
    doc.push_str(&format!(
        "Kind: {}   Category: {}   Default severity: {}   Language: {}   Pack: {}\n\n",
        m.kind, m.category, m.severity, m.lang, m.pack
    ));
    doc.push_str(&format!(
        "## What it does\n{}\n\n## Why is this bad?\n{}\n\n",
        m.what.trim(),
        m.why.trim()
    ));
    doc.push_str("## Example\n");
    for example in &m.examples {
        if let Some(source) = &example.source {
            doc.push_str(&format!("source: {}\n", source.replace('\n', "⏎")));
        }
        if let Some(bad) = &example.bad {
            doc.push_str(&format!("bad:   {}\n", bad.replace('\n', "⏎")));
            if let Some(fixed) = &example.fixed {
                doc.push_str(&format!("fixed: {}\n", fixed.replace('\n', "⏎")));
            }
        }
        if let Some(good) = &example.good {
            doc.push_str(&format!("good:  {}\n", good.replace('\n', "⏎")));
        }
    }
    doc.push_str("\n## Fix safety\n");
    doc.push_str(match m.fix {
        Some(crate::diagnostic::Applicability::Safe) => "Safe: `--fix` applies it; the fix keeps the meaning of the text.\n",
        Some(crate::diagnostic::Applicability::Unsafe) => {
            "Unsafe: only `--unsafe-fixes` applies it; the fix may pick the wrong word or delete text that mattered. Review the diff.\n"
        }
        None => "None: this rule reports the problem and leaves the repair to you.\n",
    });
    doc
}

/// `mtlint completions SHELL`: the completion script of the shell, on standard output.
pub(super) fn completions(shell: clap_complete::Shell) -> i32 {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "mtlint", &mut std::io::stdout());
    0
}

/// `mtlint manpage`: the manual page (roff) of mtlint and of each subcommand, on standard
/// output.
pub(super) fn manpage() -> i32 {
    let command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    let mut pages = vec![clap_mangen::Man::new(command.clone())];
    pages.extend(command.get_subcommands().map(|sub| {
        let title = format!("mtlint-{}", sub.get_name());
        clap_mangen::Man::new(sub.clone()).title(title)
    }));
    for page in pages {
        if page.render(&mut out).is_err() {
            return 2;
        }
    }
    let mut stdout = std::io::stdout().lock();
    if std::io::Write::write_all(&mut stdout, &out).is_err() {
        return 2;
    }
    0
}

/// The licence notice of mtlint's code.
const CODE_LICENCE: &str =
    "mtlint's code is licensed under the MIT licence or the Apache License 2.0, at your option
(LICENSE-MIT, LICENSE-APACHE). The lexicons built into this binary keep their sources' licences:
";

/// `mtlint licenses`: the code's licence and the notices of the lexicons built into the binary
/// (data/LICENSES.md), which distributing the binary must carry.
pub(super) fn licenses() -> i32 {
    print!(
        "{CODE_LICENCE}\n{}\n{}",
        include_str!("../../data/LICENSES.md"),
        include_str!("../../LICENSE-MIT")
    );
    0
}
