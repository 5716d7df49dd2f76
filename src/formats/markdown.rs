//! Markdown, read with a CommonMark parser (pulldown-cmark, with tables, footnotes,
//! strikethrough, task lists and front matter): the prose is the text of paragraphs, headings,
//! list items, block quotes, table cells, footnote definitions, link text and titles, and image
//! descriptions. Code (inline code stays as protected context), HTML, URLs, front matter,
//! footnote labels and the markers of the syntax are markup.

use super::{Escape, Prose, ProseBuilder};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The parser options: GitHub-flavoured extensions and front matter.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Whether a tag is a block whose text is prose: its start and end separate blocks.
fn is_prose_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::TableCell
            | Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

/// Whether an end tag closes a block whose text is prose.
fn ends_prose_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// The place of a link's or image's title in the file: the title written as it is, quoted,
/// after the destination.
fn title_range(text: &str, link: &Range<usize>, title: &str) -> Option<Range<usize>> {
    let source = &text[link.clone()];
    let destination = source.rfind("](")? + 2;
    let at = source[destination..].find(title)? + destination;
    let before = source[..at].chars().next_back()?;
    matches!(before, '"' | '\'' | '(').then(|| link.start + at..link.start + at + title.len())
}

/// The prose of a Markdown file.
pub fn extract(text: &str) -> Prose {
    let mut prose = ProseBuilder::new(text, Escape::Markdown);
    // Nesting depth of the elements whose text is not prose (code blocks, HTML blocks, front
    // matter).
    let mut skipped = 0usize;
    // The titles of the links and images being read, found in the file (read at their end).
    let mut titles: Vec<Option<Range<usize>>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                skipped += 1;
                prose.code(range);
                prose.end_block();
            }
            Event::Start(Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                skipped += 1;
                prose.end_block();
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skipped = skipped.saturating_sub(1);
                prose.end_block();
            }
            _ if skipped > 0 => {}
            Event::Text(content) => prose.decoded(range, &content),
            Event::Code(_) => {
                prose.code(range.clone());
                prose.protected(range);
            }
            Event::SoftBreak | Event::HardBreak => prose.decoded(range, "\n"),
            Event::Start(Tag::Link { title, .. } | Tag::Image { title, .. }) => {
                titles.push(if title.is_empty() {
                    None
                } else {
                    title_range(text, &range, &title)
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(Some(title)) = titles.pop() {
                    prose.end_block();
                    prose.copy(title);
                    prose.end_block();
                }
            }
            Event::Start(tag) if is_prose_block(&tag) => prose.end_block(),
            Event::End(tag) if ends_prose_block(&tag) => prose.end_block(),
            Event::Rule => prose.end_block(),
            // Inline HTML, footnote references and task markers are markup.
            _ => {}
        }
    }
    prose.finish()
}

/// A fingerprint of the structure of a Markdown text: every parser event but the prose's
/// text, its soft line breaks and the titles of links and images.
pub fn structure(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut in_text = false;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(_) | Event::SoftBreak => {
                if !in_text {
                    "text".hash(&mut hasher);
                }
                in_text = true;
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => format!("link {link_type:?} {dest_url} {id}").hash(&mut hasher),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => format!("image {link_type:?} {dest_url} {id}").hash(&mut hasher),
            other => format!("{other:?}").hash(&mut hasher),
        }
        in_text = false;
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(text: &str) -> String {
        extract(text).text
    }

    #[test]
    fn links_keep_their_text_and_title() {
        assert_eq!(
            prose_of("Voir [le site](https://x.org \"Le titre\") ici."),
            "Voir le site\n\nLe titre\n\n ici."
        );
    }

    #[test]
    fn code_front_matter_and_html_are_markup() {
        let text = "---\ntitle: Drive\n---\n\n# Titre\n\nLe `cupboard` et\n\n    indented code\n\n```\nfenced\n```\n\n<div>html</div>\n\nFin.\n";
        let prose = extract(text);
        assert_eq!(prose.text, "Titre\n\nLe `cupboard` et\n\nFin.");
        assert_eq!(&prose.text[prose.protected[0].clone()], "`cupboard`");
        let code: Vec<&str> = prose
            .code
            .iter()
            .map(|r| text[r.clone()].trim_end())
            .collect();
        assert_eq!(code, ["`cupboard`", "indented code", "```\nfenced\n```"]);
    }

    #[test]
    fn lists_tables_and_quotes_are_blocks() {
        let text =
            "- un\n- deux\n  - trois\n\n| a | b |\n|---|---|\n| c | d |\n\n> cité\n> encore\n";
        assert_eq!(
            prose_of(text),
            "un\n\ndeux\n\ntrois\n\na\n\nb\n\nc\n\nd\n\ncité\nencore"
        );
    }

    #[test]
    fn escapes_and_entities_are_decoded() {
        let text = "A \\*b\\* &amp; c";
        let prose = extract(text);
        assert_eq!(prose.text, "A *b* & c");
        let amp = prose.text.find('&').unwrap();
        assert_eq!(&text[prose.map.range(&(amp..amp + 1))], "&amp;");
    }
}
