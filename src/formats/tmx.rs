//! TMX translation memories (1.1 to 1.4), read with quick-xml: in each translation unit
//! (`<tu>`), the segment (`<seg>`) of every variant (`<tuv>`) in a language other than the
//! source language is prose, and the source-language variant's segment is its source. The
//! source language is the unit's `srclang`, else the header's; with `*all*` or none, the
//! unit's first variant is the source. A file with several target languages gives one
//! document per language, labelled with it.
//!
//! Inline elements: `<bpt>`, `<ept>`, `<it>`, `<ph>` and `<ut>` hold native code and become one
//! placeholder each; `<hi>` wraps text of the segment. Entities are decoded and re-encoded.

use super::{
    FormatError, Prose,
    xml::{self, Inline, Node},
};
use std::ops::Range;

/// How TMX reads an inline element.
fn inline(name: &str) -> Inline {
    match name {
        "bpt" | "ept" | "it" | "ph" | "ut" => Inline::Code,
        _ => Inline::Transparent,
    }
}

/// The language of a `<tuv>`: `xml:lang` (TMX 1.4) or `lang` (earlier versions).
fn language(nodes: &[(Node, Range<usize>)], tuv: usize) -> String {
    let attributes = xml::attributes_of(nodes, tuv);
    xml::attribute(attributes, "xml:lang")
        .or_else(|| xml::attribute(attributes, "lang"))
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// One translation unit: the index of its source `<seg>`, and each target's language and
/// `<seg>`.
struct Unit {
    source: Option<usize>,
    targets: Vec<(String, usize)>,
}

/// The `<seg>` of a `<tuv>`.
fn segment(nodes: &[(Node, Range<usize>)], tuv: usize) -> Option<usize> {
    xml::children(nodes, tuv)
        .into_iter()
        .find(|&c| xml::name_of(nodes, c) == "seg")
}

/// The units of the file with their source and target segments.
fn units(nodes: &[(Node, Range<usize>)], header_source: &str) -> Vec<Unit> {
    let mut found = Vec::new();
    for (i, (node, _)) in nodes.iter().enumerate() {
        let Node::Start(name, attributes) = node else {
            continue;
        };
        if name != "tu" {
            continue;
        }
        let source_lang = xml::attribute(attributes, "srclang")
            .map_or_else(|| header_source.to_string(), str::to_ascii_lowercase);
        let variants: Vec<(String, usize)> = xml::children(nodes, i)
            .into_iter()
            .filter(|&c| xml::name_of(nodes, c) == "tuv")
            .filter_map(|tuv| Some((language(nodes, tuv), segment(nodes, tuv)?)))
            .collect();
        let primary = |lang: &str| lang.split(['-', '_']).next().unwrap_or("").to_string();
        let source_at = variants
            .iter()
            .position(|(lang, _)| *lang == source_lang)
            .or_else(|| {
                variants
                    .iter()
                    .position(|(lang, _)| primary(lang) == primary(&source_lang))
            })
            .or((source_lang.is_empty() || source_lang == "*all*").then_some(0))
            .filter(|&at| at < variants.len());
        found.push(Unit {
            source: source_at.map(|at| variants[at].1),
            targets: variants
                .iter()
                .enumerate()
                .filter(|(at, _)| Some(*at) != source_at)
                .map(|(_, v)| v.clone())
                .collect(),
        });
    }
    found
}

/// The target segments of a TMX file, one document each (labelled with its language when the
/// file has several target languages), or why it is not one.
pub fn extract(text: &str) -> Result<Vec<Prose>, FormatError> {
    let nodes = xml::parse(text)?;
    let root = nodes
        .iter()
        .position(|(n, _)| matches!(n, Node::Start(..) | Node::Empty(..)))
        .unwrap_or(0);
    if xml::name_of(&nodes, root) != "tmx" {
        return Err(FormatError {
            offset: nodes[root].1.start,
            message: "the root element is not `tmx`".to_string(),
        });
    }
    let header_source = nodes
        .iter()
        .find_map(|(node, _)| match node {
            Node::Start(name, attributes) | Node::Empty(name, attributes) if name == "header" => {
                xml::attribute(attributes, "srclang")
            }
            _ => None,
        })
        .unwrap_or("")
        .to_ascii_lowercase();
    let units = units(&nodes, &header_source);
    let mut languages: Vec<&str> = Vec::new();
    for unit in &units {
        for (lang, _) in &unit.targets {
            if !languages.contains(&lang.as_str()) {
                languages.push(lang);
            }
        }
    }
    let several = languages.len() > 1;
    let mut documents = Vec::new();
    for unit in &units {
        let source = unit
            .source
            .map(|s| xml::source_text(text, &nodes, s, &inline))
            .unwrap_or_default();
        for (lang, seg) in &unit.targets {
            let mut prose = xml::segment(text, &nodes, *seg, source.clone(), &inline);
            if several {
                prose.label = Some(lang.clone());
            }
            documents.push(prose);
        }
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMORY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="demo" creationtoolversion="1" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="en-US" datatype="plaintext"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="fr-FR"><seg>Appuyez sur <bpt i="1">&lt;b&gt;</bpt>Entrée<ept i="1">&lt;/b&gt;</ept> &amp; attendez</seg></tuv>
      <tuv xml:lang="en-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept> &amp; wait</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv xml:lang="EN-US"><seg>Cancel</seg></tuv>
      <tuv xml:lang="fr-FR"><seg/></tuv>
    </tu>
  </body>
</tmx>"#;

    #[test]
    fn segments_not_in_the_source_language_are_the_prose() {
        let documents = extract(MEMORY).unwrap();
        assert_eq!(documents.len(), 2);
        let prose = &documents[0];
        assert_eq!(prose.text, "Appuyez sur \u{fffc}Entrée\u{fffc} & attendez");
        assert_eq!(prose.sources[0].1, "Press \u{fffc}Enter\u{fffc} & wait");
        assert_eq!(documents[1].sources[0].1, "Cancel");
        assert!(prose.label.is_none());
    }

    #[test]
    fn one_document_per_target_language() {
        let text = r#"<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="fr"><seg>Oui</seg></tuv><tuv xml:lang="de"><seg>Ja</seg></tuv></tu>
</body></tmx>"#;
        let documents = extract(text).unwrap();
        let texts: Vec<(&str, Option<&str>)> = documents
            .iter()
            .map(|d| (d.text.as_str(), d.label.as_deref()))
            .collect();
        assert_eq!(texts, [("Oui", Some("fr")), ("Ja", Some("de"))]);
        assert_eq!(documents[1].sources[0].1, "Yes");
    }
}
