//! What the XML formats (XLIFF, TMX) share: the file read with quick-xml into a flat list of
//! nodes with their byte ranges, and the inline content of a segment written into the prose
//! (text copied, entities decoded, inline codes as placeholders) or into its source text.

use super::{Escape, FormatError, Prose, ProseBuilder};
use quick_xml::{Reader, events::Event};
use std::ops::Range;

/// What stands for an inline code (a tag, a placeholder of native code) in the prose and in
/// the source text: one character that is neither a letter nor punctuation, so the words
/// around it stay apart and every rule reads past it.
pub const CODE: char = '\u{fffc}';

/// One node of an XML file, with its byte range in the file.
#[derive(Debug, Clone)]
pub enum Node {
    /// A start tag: the element's local name and its attributes (qualified name, value).
    Start(String, Vec<(String, String)>),
    /// An empty-element tag.
    Empty(String, Vec<(String, String)>),
    /// An end tag.
    End,
    /// Character data, as written (without references).
    Text,
    /// An entity or character reference and the text it stands for.
    Ref(String),
    /// A CDATA section.
    CData,
    /// Anything else: declarations, comments, processing instructions, a doctype.
    Other,
}

/// Reads `text` as XML: its nodes and their byte ranges, or why it is not well-formed.
pub fn parse(text: &str) -> Result<Vec<(Node, Range<usize>)>, FormatError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut nodes = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let fail = |offset: u64, message: String| FormatError {
        offset: offset as usize,
        message,
    };
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| fail(reader.error_position(), e.to_string()))?;
        let range = start..reader.buffer_position() as usize;
        let attributes = |tag: &quick_xml::events::BytesStart| {
            tag.attributes()
                .map(|a| {
                    let a = a.map_err(|e| fail(start as u64, e.to_string()))?;
                    let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                    let value = a
                        .unescape_value()
                        .map_err(|e| fail(start as u64, e.to_string()))?;
                    Ok((key, value.into_owned()))
                })
                .collect::<Result<Vec<_>, FormatError>>()
        };
        let node = match event {
            Event::Eof => break,
            Event::Start(tag) => {
                let name = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
                open.push((name.clone(), start));
                Node::Start(name, attributes(&tag)?)
            }
            Event::Empty(tag) => {
                let name = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
                Node::Empty(name, attributes(&tag)?)
            }
            Event::End(tag) => {
                let _ = tag;
                open.pop();
                Node::End
            }
            Event::Text(_) => Node::Text,
            Event::CData(_) => Node::CData,
            Event::GeneralRef(reference) => {
                let name = String::from_utf8_lossy(&reference).into_owned();
                let decoded = if let Some(c) = reference
                    .resolve_char_ref()
                    .map_err(|e| fail(start as u64, e.to_string()))?
                {
                    c.to_string()
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                    s.to_string()
                } else {
                    return Err(fail(start as u64, format!("unknown entity `&{name};`")));
                };
                Node::Ref(decoded)
            }
            _ => Node::Other,
        };
        nodes.push((node, range));
    }
    if let Some((name, at)) = open.pop() {
        return Err(fail(at as u64, format!("element `{name}` is never closed")));
    }
    if !nodes
        .iter()
        .any(|(n, _)| matches!(n, Node::Start(..) | Node::Empty(..)))
    {
        return Err(fail(0, "no root element".to_string()));
    }
    Ok(nodes)
}

/// The value of attribute `key` (qualified name), if present.
pub fn attribute<'a>(attributes: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// How a format reads an inline element of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    /// Its tags are markup and its content is text of the segment (`<g>`, `<pc>`, `<mrk>`).
    Transparent,
    /// The whole element stands for native code: one placeholder (`<x/>`, `<ph>`, `<bpt>`).
    Code,
    /// The element marks a place and holds nothing (`<sm/>`, `<em/>`): left out.
    Marker,
}

/// The index of the node that closes the element opened at `nodes[open]`, or `open` for an
/// empty element.
pub fn closing(nodes: &[(Node, Range<usize>)], open: usize) -> usize {
    if !matches!(nodes[open].0, Node::Start(..)) {
        return open;
    }
    let mut depth = 0usize;
    for (i, (node, _)) in nodes.iter().enumerate().skip(open) {
        match node {
            Node::Start(..) => depth += 1,
            Node::End => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    nodes.len() - 1
}

/// Writes the content of the element opened at `nodes[open]` into `prose`: text copied,
/// references decoded, inline codes as placeholders, according to `inline`. Returns the
/// index of the element's closing node.
pub fn write_content(
    nodes: &[(Node, Range<usize>)],
    open: usize,
    prose: &mut ProseBuilder,
    inline: &dyn Fn(&str) -> Inline,
) -> usize {
    let close = closing(nodes, open);
    let mut i = open + 1;
    let mut code = [0; 4];
    let code: &str = CODE.encode_utf8(&mut code);
    while i < close {
        let (node, range) = &nodes[i];
        match node {
            Node::Text => prose.copy(range.clone()),
            Node::Ref(decoded) => prose.decoded(range.clone(), decoded),
            // A CDATA section's text cannot take an entity: kept for context, never edited.
            Node::CData => prose.protected(range.clone()),
            Node::Start(name, _) | Node::Empty(name, _) => match inline(name) {
                Inline::Transparent => {}
                Inline::Marker => i = closing(nodes, i),
                Inline::Code => {
                    let end = closing(nodes, i);
                    prose.placeholder(range.start..nodes[end].1.end, code);
                    i = end;
                }
            },
            Node::End | Node::Other => {}
        }
        i += 1;
    }
    close
}

/// The text of the element opened at `nodes[open]` as the source of a segment: text and
/// references decoded, inline codes as [`CODE`].
pub fn source_text(
    text: &str,
    nodes: &[(Node, Range<usize>)],
    open: usize,
    inline: &dyn Fn(&str) -> Inline,
) -> String {
    let close = closing(nodes, open);
    let mut out = String::new();
    let mut i = open + 1;
    while i < close {
        let (node, range) = &nodes[i];
        match node {
            Node::Text => out.push_str(&text[range.clone()]),
            Node::CData => {
                let raw = &text[range.clone()];
                out.push_str(
                    raw.strip_prefix("<![CDATA[")
                        .and_then(|r| r.strip_suffix("]]>"))
                        .unwrap_or(raw),
                );
            }
            Node::Ref(decoded) => out.push_str(decoded),
            Node::Start(name, _) | Node::Empty(name, _) => match inline(name) {
                Inline::Transparent => {}
                Inline::Marker => i = closing(nodes, i),
                Inline::Code => {
                    out.push(CODE);
                    i = closing(nodes, i);
                }
            },
            Node::End | Node::Other => {}
        }
        i += 1;
    }
    out
}

/// The indices of the element children of the element opened at `nodes[open]`.
pub fn children(nodes: &[(Node, Range<usize>)], open: usize) -> Vec<usize> {
    let close = closing(nodes, open);
    let mut found = Vec::new();
    let mut i = open + 1;
    while i < close {
        if matches!(nodes[i].0, Node::Start(..) | Node::Empty(..)) {
            found.push(i);
            i = closing(nodes, i);
        }
        i += 1;
    }
    found
}

/// The local name of the element opened at `nodes[at]`.
pub fn name_of(nodes: &[(Node, Range<usize>)], at: usize) -> &str {
    match &nodes[at].0 {
        Node::Start(name, _) | Node::Empty(name, _) => name,
        _ => "",
    }
}

/// The attributes of the element opened at `nodes[at]`.
pub fn attributes_of(nodes: &[(Node, Range<usize>)], at: usize) -> &[(String, String)] {
    match &nodes[at].0 {
        Node::Start(_, attributes) | Node::Empty(_, attributes) => attributes,
        _ => &[],
    }
}

/// The target element opened at `nodes[target]` of the file `text`, as a document of its
/// own translating `source` (or an empty translation at its place).
pub fn segment(
    text: &str,
    nodes: &[(Node, Range<usize>)],
    target: usize,
    source: String,
    inline: &dyn Fn(&str) -> Inline,
) -> Prose {
    let mut prose = ProseBuilder::new(text, Escape::Markup);
    write_content(nodes, target, &mut prose, inline);
    if prose.is_empty() {
        prose.empty_translation(inside(nodes, target), source);
    } else {
        prose.translated_from(0, source);
    }
    prose.finish()
}

/// The offset just inside the element opened at `nodes[open]`: after its start tag, or at
/// the `/>` of an empty element.
pub fn inside(nodes: &[(Node, Range<usize>)], open: usize) -> usize {
    let range = &nodes[open].1;
    match nodes[open].0 {
        Node::Empty(..) => range.end - 2,
        _ => range.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_carry_their_ranges() {
        let text = "<a x=\"1 &amp; 2\">b &lt; c<br/><![CDATA[d]]></a>";
        let nodes = parse(text).unwrap();
        let shown: Vec<&str> = nodes.iter().map(|(_, r)| &text[r.clone()]).collect();
        assert_eq!(
            shown,
            [
                "<a x=\"1 &amp; 2\">",
                "b ",
                "&lt;",
                " c",
                "<br/>",
                "<![CDATA[d]]>",
                "</a>"
            ]
        );
        assert!(matches!(&nodes[0].0, Node::Start(n, a) if n == "a" && a[0].1 == "1 & 2"));
        assert!(matches!(&nodes[2].0, Node::Ref(d) if d == "<"));
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("<a>&nbsp;</a>").is_err());
        assert!(parse("just text").is_err());
    }
}
