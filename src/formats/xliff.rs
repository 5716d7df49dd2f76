//! XLIFF 1.2 (and 1.0, 1.1) and XLIFF 2.x, read with quick-xml: the prose is the text of
//! every target segment — `<target>` of a `<trans-unit>` in 1.x, `<segment><target>` in 2.x —
//! and the `<source>` beside it is its source. Units marked `translate="no"`, alternative
//! translations (`<alt-trans>`), notes, and everything outside the targets are markup.
//!
//! Inline elements follow their semantics: `<g>`, `<pc>` and `<mrk>` wrap text of the segment
//! (their tags are markup, their content prose); `<x/>`, `<bx/>`, `<ex/>`, `<ph>`, `<bpt>`,
//! `<ept>`, `<it>`, `<sc/>`, `<ec/>` and `<cp/>` stand for native code and become one
//! placeholder that no edit may touch; `<sm/>` and `<em/>` mark a place and are left out.
//! Entities are decoded for the rules and written back as entities in fixes.

use super::{
    FormatError, Prose,
    xml::{self, Inline, Node},
};
use std::ops::Range;

/// How XLIFF 1.x reads an inline element.
fn inline_1(name: &str) -> Inline {
    match name {
        "x" | "bx" | "ex" | "ph" | "bpt" | "ept" | "it" => Inline::Code,
        _ => Inline::Transparent,
    }
}

/// How XLIFF 2.x reads an inline element.
fn inline_2(name: &str) -> Inline {
    match name {
        "ph" | "sc" | "ec" | "cp" => Inline::Code,
        "sm" | "em" => Inline::Marker,
        _ => Inline::Transparent,
    }
}

/// Whether the element opened at `nodes[at]` says it is not to be translated.
fn untranslatable(nodes: &[(Node, Range<usize>)], at: usize) -> bool {
    xml::attribute(xml::attributes_of(nodes, at), "translate") == Some("no")
}

/// The source and target children of a unit (1.x) or segment (2.x).
fn pair(nodes: &[(Node, Range<usize>)], at: usize) -> (Option<usize>, Option<usize>) {
    let mut source = None;
    let mut target = None;
    for child in xml::children(nodes, at) {
        match xml::name_of(nodes, child) {
            "source" if source.is_none() => source = Some(child),
            "target" if target.is_none() => target = Some(child),
            _ => {}
        }
    }
    (source, target)
}

/// The target segments of an XLIFF file, one document each, or why it is not one.
pub fn extract(text: &str) -> Result<Vec<Prose>, FormatError> {
    let nodes = xml::parse(text)?;
    let root = nodes
        .iter()
        .position(|(n, _)| matches!(n, Node::Start(..) | Node::Empty(..)))
        .unwrap_or(0);
    if xml::name_of(&nodes, root) != "xliff" {
        return Err(FormatError {
            offset: nodes[root].1.start,
            message: "the root element is not `xliff`".to_string(),
        });
    }
    let version = xml::attribute(xml::attributes_of(&nodes, root), "version").unwrap_or("1.2");
    let (unit, inline): (&str, fn(&str) -> Inline) = if version.starts_with('2') {
        ("segment", inline_2)
    } else {
        ("trans-unit", inline_1)
    };
    let mut documents = Vec::new();
    let mut i = root;
    while i < nodes.len() {
        let name = xml::name_of(&nodes, i);
        if name == "alt-trans" || name == "notes" || name == "originalData" {
            i = xml::closing(&nodes, i) + 1;
            continue;
        }
        if (name == "unit" || name == "group") && untranslatable(&nodes, i) {
            i = xml::closing(&nodes, i) + 1;
            continue;
        }
        if name == unit {
            let end = xml::closing(&nodes, i);
            // A gettext catalog's header carried over as a unit is metadata.
            let header = xml::attribute(xml::attributes_of(&nodes, i), "restype")
                == Some("x-gettext-domain-header");
            if !untranslatable(&nodes, i)
                && !header
                && let (Some(source), Some(target)) = pair(&nodes, i)
            {
                let source = xml::source_text(text, &nodes, source, &inline);
                documents.push(xml::segment(text, &nodes, target, source, &inline));
            }
            i = end + 1;
            continue;
        }
        i += 1;
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="fr" datatype="plaintext" original="app">
    <body>
      <trans-unit id="1">
        <source>Click <g id="1">here</g> &amp; <x id="2"/> save</source>
        <target>Cliquez <g id="1">ici</g> &amp; <x id="2"/> enregistrer</target>
        <alt-trans><target>Cliquer ici</target></alt-trans>
      </trans-unit>
      <trans-unit id="2" translate="no"><source>ID</source><target>ID</target></trans-unit>
      <trans-unit id="3"><source>Empty</source><target/></trans-unit>
      <trans-unit id="4"><source>Pending</source></trans-unit>
    </body>
  </file>
</xliff>"#;

    #[test]
    fn targets_of_version_1_are_the_prose() {
        let documents = extract(V12).unwrap();
        assert_eq!(documents.len(), 2);
        let prose = &documents[0];
        assert_eq!(prose.text, "Cliquez ici & \u{fffc} enregistrer");
        assert_eq!(prose.sources[0].1, "Click here & \u{fffc} save");
        let empty = &documents[1];
        assert_eq!(empty.sources[0].1, "Empty");
        assert!(empty.sources[0].0.is_empty());
        let at = empty.map.range(&empty.sources[0].0).start;
        assert_eq!(&V12[at..at + 2], "/>");
        let amp = prose.text.find('&').unwrap();
        assert_eq!(&V12[prose.map.range(&(amp..amp + 1))], "&amp;");
    }

    #[test]
    fn segments_of_version_2_are_the_prose() {
        let text = r#"<xliff version="2.0" srcLang="en" trgLang="fr" xmlns="urn:oasis:names:tc:xliff:document:2.0">
 <file id="f1">
  <unit id="u1">
   <originalData><data id="d1">&lt;br/&gt;</data></originalData>
   <segment><source>Hello <pc id="1">world</pc><ph id="2" dataRef="d1"/></source>
    <target>Bonjour <pc id="1">le monde</pc><ph id="2" dataRef="d1"/></target></segment>
   <ignorable><source> </source></ignorable>
   <segment><source>Bye<sm id="m"/> now</source><target>Au revoir<sm id="m"/> maintenant</target></segment>
  </unit>
  <unit id="u2" translate="no"><segment><source>X</source><target>X</target></segment></unit>
 </file>
</xliff>"#;
        let documents = extract(text).unwrap();
        let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["Bonjour le monde\u{fffc}", "Au revoir maintenant"]);
        assert_eq!(documents[0].sources[0].1, "Hello world\u{fffc}");
        assert_eq!(documents[1].sources[0].1, "Bye now");
    }

    #[test]
    fn other_xml_is_an_error() {
        assert!(extract("<html><body>x</body></html>").is_err());
        assert!(extract("<xliff version=\"1.2\"><file>").is_err());
    }
}
