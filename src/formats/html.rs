//! HTML, tokenized by lol_html (an HTML5 tokenizer that follows the parser's switches into
//! raw text, script data and RCDATA, and gives the byte range of every text chunk and
//! attribute value). The prose is the text of the page and the attributes people read (`alt`,
//! `title`, `placeholder`, `aria-label`, the page's description and social titles in `meta`);
//! character references are decoded for the rules and written back as references. Tags,
//! comments, and the contents of `script`, `style`, `pre`, `textarea` (and other elements whose
//! text is not prose) are markup; inline `code`, `kbd`, `samp` and `var` are kept as context
//! that no rule flags. Block elements (`p`, `div`, `li`, `td`, headings, `br`...) end a block of
//! prose; inline ones (`b`, `a`, `span`...) do not. An element whose `lang` names another
//! language than the page's (or French, when the page names none), or that says it is not to
//! be translated (`translate="no"`, class `notranslate`), is kept as context that no rule
//! flags: a quotation in English is not an English leftover. The page's metadata (the `head`:
//! its title, description and social titles, which repeat the headline by design) is one
//! document, the page's text another.

use super::{Escape, FormatError, Prose, ProseBuilder, references};
use lol_html::{HtmlRewriter, Settings, doc_text, element};
use std::{cell::RefCell, ops::Range, rc::Rc};

/// Whether an element's text is not prose at all.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "pre"
            | "textarea"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "canvas"
            | "video"
            | "audio"
            | "xmp"
            | "plaintext"
            | "listing"
            | "noembed"
            | "noframes"
    )
}

/// Whether an inline element's text is code: kept as context, never flagged.
fn is_code(name: &str) -> bool {
    matches!(name, "code" | "kbd" | "samp" | "var" | "tt")
}

/// Whether an element starts and ends a block of prose.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "img"
            | "input"
            | "label"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "optgroup"
            | "option"
            | "p"
            | "section"
            | "select"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "ul"
    )
}

/// Attributes whose value people read, on any element.
const READ_ATTRIBUTES: &[&str] = &[
    "alt",
    "title",
    "placeholder",
    "aria-label",
    "aria-description",
    "aria-placeholder",
    "aria-roledescription",
];

/// `meta` elements whose `content` people read (by `name` or `property`).
const READ_META: &[&str] = &[
    "description",
    "og:title",
    "og:description",
    "og:image:alt",
    "twitter:title",
    "twitter:description",
    "twitter:image:alt",
];

/// How an element changes the reading of its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// Nothing.
    None,
    /// Its text is not prose.
    Skip,
    /// Its text is kept as context that no rule flags (code, another language).
    Context,
}

/// How an attribute value is quoted in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Double,
    /// Single quotes, or none: a replacement could end the value, so it is context only.
    Other,
}

/// What the tokenizer met, in the order of the file.
#[derive(Debug)]
enum Event {
    Start {
        name: String,
        /// The start tag.
        tag: Range<usize>,
        effect: Effect,
        /// Whether an end tag may close it.
        has_end: bool,
        /// The values people read, in the order of the file.
        values: Vec<(Range<usize>, Quote)>,
    },
    End {
        name: String,
        /// The end tag.
        tag: Range<usize>,
    },
    Text(Range<usize>),
}

/// The primary subtag of a language tag, lowercase (`fr-CA` → `fr`).
fn primary_language(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The start event of an element: what it does to its contents and the values people read.
fn start_event(
    element: &lol_html::html_content::Element,
    page_lang: &mut Option<String>,
    file: &str,
) -> Event {
    let name = element.tag_name();
    let mut effect = if is_skipped(&name) {
        Effect::Skip
    } else if is_code(&name) {
        Effect::Context
    } else {
        Effect::None
    };
    if let Some(lang) = element.get_attribute("lang") {
        let lang = primary_language(&lang);
        if name == "html" {
            *page_lang = Some(lang);
        } else if !lang.is_empty() && lang != *page_lang.get_or_insert_with(|| "fr".into()) {
            effect = effect.max_with(Effect::Context);
        }
    }
    let untranslated = element
        .get_attribute("translate")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("no"))
        || element
            .get_attribute("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == "notranslate"));
    if untranslated {
        effect = effect.max_with(Effect::Context);
    }
    let read_meta = name == "meta"
        && ["name", "property"].iter().any(|key| {
            element
                .get_attribute(key)
                .is_some_and(|v| READ_META.contains(&v.trim().to_ascii_lowercase().as_str()))
        });
    let input_label = name == "input"
        && element.get_attribute("type").is_some_and(|t| {
            matches!(
                t.trim().to_ascii_lowercase().as_str(),
                "submit" | "button" | "reset"
            )
        });
    let mut values: Vec<(Range<usize>, Quote)> = element
        .attributes()
        .iter()
        .filter(|a| {
            let attribute = a.name();
            READ_ATTRIBUTES.contains(&attribute.as_str())
                || (read_meta && attribute == "content")
                || (input_label && attribute == "value")
                || (attribute == "label"
                    && matches!(name.as_str(), "option" | "optgroup" | "track"))
        })
        .filter_map(|a| {
            let range = a.value_source_location()?.bytes();
            let quote = match file.as_bytes().get(range.start.wrapping_sub(1)) {
                Some(b'"') => Quote::Double,
                _ => Quote::Other,
            };
            Some((range, quote))
        })
        .collect();
    values.sort_by_key(|(range, _)| range.start);
    Event::Start {
        has_end: element.can_have_content() && !element.is_self_closing(),
        tag: element.source_location().bytes(),
        name,
        effect,
        values,
    }
}

impl Effect {
    /// The stronger of two effects (skipping wins over context).
    fn max_with(self, other: Effect) -> Effect {
        match (self, other) {
            (Effect::Skip, _) | (_, Effect::Skip) => Effect::Skip,
            (Effect::Context, _) | (_, Effect::Context) => Effect::Context,
            _ => Effect::None,
        }
    }
}

/// The events of an HTML file, in order.
fn events(text: &str) -> Result<Vec<Event>, FormatError> {
    let events = Rc::new(RefCell::new(Vec::new()));
    let page_lang: RefCell<Option<String>> = RefCell::new(None);
    let on_text = events.clone();
    let on_element = events.clone();
    let mut rewriter = HtmlRewriter::new(
        Settings {
            document_content_handlers: vec![doc_text!(move |chunk| {
                let range = chunk.source_location().bytes();
                if !range.is_empty() {
                    on_text.borrow_mut().push(Event::Text(range));
                }
                Ok(())
            })],
            element_content_handlers: vec![element!("*", |element| {
                let event = start_event(element, &mut page_lang.borrow_mut(), text);
                let has_end = matches!(event, Event::Start { has_end: true, .. });
                let name = match &event {
                    Event::Start { name, .. } => name.clone(),
                    _ => String::new(),
                };
                on_element.borrow_mut().push(event);
                if has_end {
                    let on_end = on_element.clone();
                    element.on_end_tag(Box::new(move |end| {
                        let tag = end.source_location().bytes();
                        on_end.borrow_mut().push(Event::End { name, tag });
                        Ok(())
                    }))?;
                }
                Ok(())
            })],
            strict: false,
            ..Settings::new()
        },
        |_: &[u8]| {},
    );
    let failed = |e: lol_html::errors::RewritingError| FormatError {
        offset: 0,
        message: e.to_string(),
    };
    rewriter.write(text.as_bytes()).map_err(failed)?;
    rewriter.end().map_err(failed)?;
    Ok(events.take())
}

/// Whitespace as HTML collapses it.
const WHITESPACE: &[char] = &[' ', '\t', '\n', '\r', '\u{c}'];

/// Writes one document's prose: whitespace at the edges of a block (the indentation between
/// tags) is left out as markup, whitespace between two runs of text in a block is kept.
struct Writer<'s> {
    prose: ProseBuilder<'s>,
    file: &'s str,
    /// Nothing has been written in the current block yet.
    fresh_block: bool,
    /// Whitespace after the last text written, kept only if more text follows in the block.
    trailing: Vec<Range<usize>>,
    /// The element kept as context being read: where it starts, its text so far, and where
    /// its last text ends. It becomes one piece that no edit touches, from its start tag to
    /// its end tag, so that an insertion beside it never lands inside it.
    context: Option<(usize, String, usize)>,
}

impl<'s> Writer<'s> {
    fn new(file: &'s str) -> Writer<'s> {
        Writer {
            prose: ProseBuilder::new(file, Escape::Markup),
            file,
            fresh_block: true,
            trailing: Vec::new(),
            context: None,
        }
    }

    /// Starts reading an element kept as context, whose start tag begins at `start`.
    fn open_context(&mut self, start: usize) {
        for space in std::mem::take(&mut self.trailing) {
            self.prose.copy(space);
        }
        self.context = Some((start, String::new(), start));
    }

    /// Ends the element kept as context at `end` (the end of its end tag).
    fn close_context(&mut self, end: usize) {
        if let Some((start, text, _)) = self.context.take()
            && !text.trim().is_empty()
        {
            self.prose.placeholder(start..end, text.trim());
            self.fresh_block = false;
        }
    }

    fn end_block(&mut self) {
        if let Some((_, text, _)) = &mut self.context {
            text.push_str("\n\n");
            return;
        }
        self.trailing.clear();
        self.fresh_block = true;
        self.prose.end_block();
    }

    /// Adds a run of text, as prose or, with `context`, as context no rule flags.
    fn text(&mut self, range: Range<usize>, context: bool) {
        let raw = &self.file[range.clone()];
        if let Some((_, text, end)) = &mut self.context {
            text.push_str(raw);
            *end = range.end;
            return;
        }
        let trimmed = raw.trim_start_matches(WHITESPACE);
        if trimmed.is_empty() {
            if !self.fresh_block {
                self.trailing.push(range);
            }
            return;
        }
        let lead = if self.fresh_block {
            raw.len() - trimmed.len()
        } else {
            0
        };
        let trail = raw.len() - raw.trim_end_matches(WHITESPACE).len();
        for space in std::mem::take(&mut self.trailing) {
            self.prose.copy(space);
        }
        let body = range.start + lead..range.end - trail;
        if context {
            self.prose.protected(body.clone());
        } else {
            references::add_text(&mut self.prose, self.file, body.clone());
        }
        if trail > 0 {
            self.trailing.push(body.end..range.end);
        }
        self.fresh_block = false;
    }
}

/// The prose of an HTML file: the page's metadata, then its text (either left out when it
/// has none).
pub fn extract(text: &str) -> Result<Vec<Prose>, FormatError> {
    let mut head = Writer::new(text);
    let mut body = Writer::new(text);
    let mut in_head = false;
    // The open elements that change the reading of their contents.
    let mut open: Vec<(String, Effect)> = Vec::new();
    let reading = |open: &[(String, Effect)]| {
        open.iter()
            .fold(Effect::None, |effect, (_, e)| effect.max_with(*e))
    };
    for event in events(text)? {
        match &event {
            Event::Start { name, .. } if name == "head" => in_head = true,
            Event::Start { name, .. } if name == "body" => in_head = false,
            _ => {}
        }
        let is_meta = matches!(&event, Event::Start { name, .. } if name == "meta");
        let prose = if in_head || is_meta {
            &mut head
        } else {
            &mut body
        };
        match event {
            Event::Text(range) => match reading(&open) {
                Effect::Skip => {}
                effect => prose.text(range, effect == Effect::Context),
            },
            Event::Start {
                name,
                tag,
                effect,
                has_end,
                values,
            } => {
                let outer = reading(&open);
                if is_block(&name) {
                    prose.end_block();
                }
                let opens_context = outer == Effect::None && effect == Effect::Context && has_end;
                if opens_context {
                    prose.open_context(tag.start);
                } else if outer == Effect::None {
                    for (range, quote) in values {
                        prose.end_block();
                        let context = effect == Effect::Context || quote == Quote::Other;
                        prose.text(range, context);
                        prose.end_block();
                    }
                }
                if has_end && effect != Effect::None {
                    open.push((name, effect));
                }
            }
            Event::End { name, tag } => {
                // An inline element left open closes with its block: lol_html calls its end
                // handler with the block's end tag.
                if let Some(at) = open.iter().rposition(|(open, _)| *open == name) {
                    let was = reading(&open);
                    open.truncate(at);
                    if was == Effect::Context && reading(&open) == Effect::None {
                        prose.close_context(tag.end);
                    }
                }
                if is_block(&name) {
                    prose.end_block();
                }
                if name == "head" {
                    in_head = false;
                }
            }
        }
    }
    for writer in [&mut head, &mut body] {
        if let Some((_, _, end)) = writer.context {
            writer.close_context(end);
        }
    }
    Ok([head, body]
        .into_iter()
        .filter(|writer| !writer.prose.is_empty())
        .map(|writer| writer.prose.finish())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(text: &str) -> String {
        let documents = extract(text).unwrap();
        let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
        texts.join("\n\n")
    }

    /// The one document of a page without metadata.
    fn body_of(text: &str) -> Prose {
        let mut documents = extract(text).unwrap();
        assert_eq!(documents.len(), 1);
        documents.remove(0)
    }

    #[test]
    fn scripts_styles_code_and_comments_are_markup() {
        let page = "<html><head><title>Le titre</title><style>p{font-family:\"Helvetica Neue\"}</style>\
            <script>if (a<b) console.log(\"</div>\");</script></head><body><!-- commentaire -->\
            <p>Un <b>texte</b> &amp; son <code>ls -l</code> ici.</p><pre>du code</pre>\
            <textarea><p>champ</p></textarea><p>Fin</p></body></html>";
        let prose = extract(page).unwrap();
        assert_eq!(prose[0].text, "Le titre");
        let prose = &prose[1];
        assert_eq!(prose.text, "Un texte & son ls -l ici.\n\nFin");
        assert_eq!(&prose.text[prose.protected[0].clone()], "ls -l");
    }

    #[test]
    fn attributes_people_read() {
        let page = "<head><meta name=\"description\" content=\"Résumé\"><meta name=\"viewport\" content=\"width=device-width\">\
            <meta property=\"og:title\" content=\"Titre social\"></head>\
            <p>Voir <img src=\"a.png\" alt=\"Un chat\" class=\"x\"> et <a href=\"/x\" title=\"Lien &eacute;\">ici</a>.</p>\
            <input type=\"text\" placeholder=\"Rechercher\"><input type=\"submit\" value=\"Envoyer\">";
        assert_eq!(
            prose_of(page),
            "Résumé\n\nTitre social\n\nVoir\n\nUn chat\n\net\n\nLien é\n\nici.\n\nRechercher\n\nEnvoyer"
        );
    }

    #[test]
    fn other_languages_and_untranslated_text_are_context() {
        let page = "<html lang=\"fr-FR\"><p>Il a dit <q lang=\"en\">the show must go on</q>, \
            <span translate=\"no\">Drive</span> et <span lang=\"fr\">fin</span>.</p></html>";
        let prose = body_of(page);
        assert_eq!(prose.text, "Il a dit the show must go on, Drive et fin.");
        let context: Vec<&str> = prose
            .protected
            .iter()
            .map(|r| &prose.text[r.clone()])
            .collect();
        assert_eq!(context, ["the show must go on", "Drive"]);
        let english =
            body_of("<html lang=\"en\"><p>The <i lang=\"fr\">savoir-faire</i>.</p></html>");
        assert_eq!(
            english.protected.len(),
            1,
            "French quoted in an English page"
        );
    }

    #[test]
    fn insertions_beside_context_stay_outside_it() {
        let page = "<p>Tapez <code>ls</code>: fin</p>";
        let prose = body_of(page);
        assert_eq!(prose.text, "Tapez ls: fin");
        let after = prose.text.find(':').unwrap();
        let at = prose.map.edit_range(&(after..after), false).unwrap();
        assert_eq!(&page[..at.start], "<p>Tapez <code>ls</code>");
        assert!(prose.map.edit_range(&(after - 1..after), false).is_err());
    }

    #[test]
    fn an_inline_element_left_open_ends_with_its_block() {
        let page = "<p>Tapez <code>ls</p><p>Le le chat.</p>";
        let prose = body_of(page);
        assert_eq!(prose.text, "Tapez ls\n\nLe le chat.");
        assert_eq!(prose.protected.len(), 1);
        let ls = prose.protected[0].clone();
        assert!(page[prose.map.range(&ls)].starts_with("<code>ls"));
        let next = prose.text.find("Le le").unwrap();
        assert!(prose.map.edit_range(&(next..next + 3), true).is_ok());
        let page = "<div>Voir <span lang=\"en\">the show</div><div>Le le chat.</div>";
        let prose = body_of(page);
        assert_eq!(prose.text, "Voir the show\n\nLe le chat.");
        let span = prose.protected[0].clone();
        assert!(page[prose.map.range(&span)].starts_with("<span lang=\"en\">the show"));
        let next = prose.text.find("Le le").unwrap();
        assert!(prose.map.edit_range(&(next..next + 3), true).is_ok());
    }

    #[test]
    fn blocks_and_inline_elements() {
        assert_eq!(
            prose_of(
                "<ul><li>un</li><li>deux <em>trois</em></li></ul>quatre<br>cinq<div>six</div>"
            ),
            "un\n\ndeux trois\n\nquatre\n\ncinq\n\nsix"
        );
    }

    #[test]
    fn single_quoted_and_unquoted_values_are_context() {
        let prose = body_of("<img alt='Un chat'><img alt=chien>");
        assert_eq!(prose.text, "Un chat\n\nchien");
        assert_eq!(prose.protected.len(), 2);
    }

    #[test]
    fn prose_maps_back_to_the_file() {
        let page = "<p>L&rsquo;&eacute;t&eacute; <b>chaud</b></p>";
        let prose = body_of(page);
        assert_eq!(prose.text, "L’été chaud");
        let chaud = prose.text.find("chaud").unwrap();
        assert_eq!(&page[prose.map.range(&(chaud..chaud + 5))], "chaud");
        let gaps: Vec<&str> = prose
            .non_prose(page.len())
            .into_iter()
            .map(|r| &page[r])
            .collect();
        assert_eq!(gaps, ["<p>", "<b>", "</b></p>"]);
    }
}
