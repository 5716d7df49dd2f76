//! Every example of every built-in rule: `bad` must be flagged by its rule and, once the rule's
//! fixes are applied (unsafe ones included), become `fixed`; `good` must stay silent.

use mtlint::{Engine, Format, RuleSet, Selection, fix::fix_until_stable, formats::Escape};

/// A bilingual example as a one-entry gettext catalog: `target` translating `source`.
fn catalog(source: &str, target: &str) -> String {
    format!(
        "msgid \"{}\"\nmsgstr \"{}\"\n",
        Escape::Po.encode(source),
        Escape::Po.encode(target)
    )
}

#[test]
fn every_rule_has_documentation_and_examples() {
    let set = RuleSet::builtin().expect("built-in packs load");
    for rule in &set.rules {
        let m = &rule.meta;
        assert!(
            !m.summary.trim().is_empty() && !m.what.trim().is_empty() && !m.why.trim().is_empty(),
            "{}: missing documentation",
            m.id
        );
        assert!(
            m.examples.iter().any(|e| e.bad.is_some()),
            "{}: needs a bad example",
            m.id
        );
        assert!(
            m.examples.iter().any(|e| e.good.is_some()),
            "{}: needs a good example",
            m.id
        );
        if m.fix.is_some() {
            assert!(
                m.examples.iter().any(|e| e.fixed.is_some()),
                "{}: fixes, so needs a bad example with `fixed`",
                m.id
            );
        }
        for example in &m.examples {
            assert!(
                example.bad.is_some() != example.good.is_some(),
                "{}: each example is either bad or good",
                m.id
            );
            assert!(
                example.fixed.is_none() || example.bad.is_some(),
                "{}: `fixed` belongs to a bad example",
                m.id
            );
            assert!(
                example.source.is_none() || example.fixed.is_none(),
                "{}: a bilingual example is checked, not fixed",
                m.id
            );
        }
    }
}

#[test]
fn every_rule_example_holds() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let mut failures = Vec::new();
    for rule in &set.rules {
        let m = &rule.meta;
        let lang = if m.lang == "*" { "fr" } else { m.lang.as_str() };
        let engine = Engine::new(&set, &Selection::only(&m.id), lang);
        let format = if m.runs_on(Format::Text) {
            Format::Text
        } else {
            Format::Markdown
        };
        for example in &m.examples {
            if let Some(source) = &example.source {
                for (target, bad) in [(&example.bad, true), (&example.good, false)] {
                    let Some(target) = target else { continue };
                    let text = catalog(source, target);
                    let found = engine
                        .check(&text, Format::Po)
                        .unwrap_or_else(|e| panic!("{}: {text:?}: {}", m.id, e.message));
                    let flagged = found.iter().any(|d| *d.rule == *m.id);
                    if flagged != bad {
                        failures.push(format!(
                            "{}: {} example {}: {source:?} → {target:?}",
                            m.id,
                            if bad { "bad" } else { "good" },
                            if bad { "not flagged" } else { "flagged" },
                        ));
                    }
                }
                continue;
            }
            if let Some(bad) = &example.bad {
                let found = engine.lint(bad, format);
                if !found.iter().any(|d| *d.rule == *m.id) {
                    failures.push(format!("{}: bad example not flagged: {bad:?}", m.id));
                }
                if let Some(fixed) = &example.fixed {
                    let outcome = fix_until_stable(&engine, bad, format, true);
                    if &outcome.text != fixed {
                        failures.push(format!(
                            "{}: fixing {bad:?}\n  gives {:?}\n  wants {fixed:?}",
                            m.id, outcome.text
                        ));
                    }
                }
            }
            if let Some(good) = &example.good {
                let found: Vec<_> = engine
                    .lint(good, format)
                    .into_iter()
                    .filter(|d| *d.rule == *m.id)
                    .collect();
                if !found.is_empty() {
                    failures.push(format!(
                        "{}: good example flagged: {good:?}: {}",
                        m.id, found[0].message
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_grammar_rule_has_five_bad_and_five_good_examples() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let grammar: Vec<_> = set
        .rules
        .iter()
        .filter(|r| r.meta.kind == "grammar")
        .collect();
    assert!(grammar.len() >= 10, "the grammar pack is loaded");
    for rule in grammar {
        let m = &rule.meta;
        let bad = m.examples.iter().filter(|e| e.bad.is_some()).count();
        let good = m.examples.iter().filter(|e| e.good.is_some()).count();
        assert!(
            bad >= 5 && good >= 5,
            "{}: {bad} bad and {good} good examples; grammar rules need five of each",
            m.id
        );
    }
}

#[test]
fn every_rule_has_four_bad_and_four_good_examples() {
    let set = RuleSet::builtin().expect("built-in packs load");
    let short: Vec<String> = set
        .rules
        .iter()
        .filter_map(|rule| {
            let m = &rule.meta;
            let bad = m.examples.iter().filter(|e| e.bad.is_some()).count();
            let good = m.examples.iter().filter(|e| e.good.is_some()).count();
            (bad < 4 || good < 4).then(|| format!("{}: {bad} bad and {good} good", m.id))
        })
        .collect();
    assert!(!set.rules.is_empty(), "the built-in packs are loaded");
    assert!(
        short.is_empty(),
        "every rule needs four bad and four good examples:\n{}",
        short.join("\n")
    );
}
