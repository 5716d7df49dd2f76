//! Words glued together where two blocks of a page met, or where extraction dropped a space, a
//! hyphen or an apostrophe (`glued` mode): "Lestarifs", "DuSommet", "Cidessous", "lenfant".

use super::*;

/// Particles French elides before a vowel or a mute h, written without their apostrophe.
const ELIDED: [&str; 12] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
];
/// The least French frequency (Zipf) of a function word that begins a glued pair.
const FUNCTION_MIN_ZIPF: f32 = 4.5;
/// The least French frequency (Zipf) of the word after a function word.
const SECOND_MIN_ZIPF: f32 = 3.0;
/// Prefixes French writes welded to the word they qualify ("superutilisateur",
/// "multiplateforme", "ultrarapide"): such a compound is a word the lexicon lacks, not two
/// words glued together. Those of fewer than 4 letters never begin a pair of content words.
const WELDED_PREFIXES: [&str; 28] = [
    "anti", "auto", "contre", "cyber", "entre", "extra", "giga", "hyper", "infra", "inter",
    "intra", "macro", "maxi", "méga", "micro", "mini", "mono", "multi", "nano", "para", "poly",
    "post", "pseudo", "semi", "super", "supra", "télé", "ultra",
];
/// The least French frequency (Zipf) of each of two content words glued together.
const CONTENT_MIN_ZIPF: f32 = 4.0;

/// How a glued word splits.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct GluedSplit {
    /// The words as French writes them, in lowercase ("les tarifs", "ci-dessous").
    pub text: String,
    /// Where the second word begins in the glued form, in bytes.
    pub cut: usize,
    /// A function word and another word, or a word restored with its hyphen or apostrophe:
    /// strong evidence. Two content words are weaker (a compound the lexicon lacks).
    pub strong: bool,
}

/// Whether `form` (lowercase) is a prefix French welds followed by a French word of three
/// letters or more ("superbloc", "autoconversion"): a compound the lexicon lacks, French all
/// the same.
pub(super) fn welded_compound(form: &str) -> bool {
    let lex = lexicons();
    WELDED_PREFIXES.iter().any(|prefix| {
        form.strip_prefix(prefix).is_some_and(|rest| {
            rest.chars().count() >= 3 && lex.french(rest).is_some_and(|f| !f.proper())
        })
    })
}

/// How `form` (lowercase, in no lexicon) splits into French words, if it does.
pub(super) fn split_glued(form: &str) -> Option<GluedSplit> {
    let lex = lexicons();
    let mut cuts: Vec<usize> = Vec::with_capacity(form.len());
    cuts.extend(form.char_indices().map(|(at, _)| at).filter(|&at| at > 0));
    if form.contains(['-', '\'']) || cuts.len() < 3 {
        return None;
    }
    let french = |word: &str| lex.french(word).filter(|f| !f.proper());
    // A hyphen or an apostrophe lost: "ci-dessous", "l’enfant". One buffer holds each
    // hyphenated split in turn.
    let mut hyphenated = String::with_capacity(form.len() + 1);
    for &cut in &cuts {
        let (left, right) = form.split_at(cut);
        hyphenated.clear();
        hyphenated.push_str(left);
        hyphenated.push('-');
        hyphenated.push_str(right);
        if lex.french(&hyphenated).is_some() {
            return Some(GluedSplit {
                text: hyphenated,
                cut,
                strong: true,
            });
        }
        if ELIDED.contains(&left)
            && right.chars().count() >= 4
            && right.starts_with(|c: char| is_vowel(c) || c == 'h')
            && french(right).is_some_and(|f| f.zipf() >= SECOND_MIN_ZIPF && !f.function_word())
        {
            return Some(GluedSplit {
                text: format!("{left}’{right}"),
                cut,
                strong: true,
            });
        }
    }
    // Two words: the best pair by its rarer word.
    let mut best: Option<(f32, GluedSplit)> = None;
    for &cut in &cuts {
        let (left, right) = form.split_at(cut);
        if left.chars().count() < 2 || right.chars().count() < 3 {
            continue;
        }
        let (Some(first), Some(second)) = (french(left), french(right)) else {
            continue;
        };
        let strong = first.function_word()
            && first.zipf() >= FUNCTION_MIN_ZIPF
            && second.zipf() >= SECOND_MIN_ZIPF
            && !second.function_word();
        let weak = !first.function_word()
            && !second.function_word()
            && !WELDED_PREFIXES.contains(&left)
            && first.zipf() >= CONTENT_MIN_ZIPF
            && second.zipf() >= CONTENT_MIN_ZIPF
            && left.chars().count() >= 4
            && right.chars().count() >= 4;
        if !(strong || weak) {
            continue;
        }
        let score = first.zipf().min(second.zipf()) + if strong { 10.0 } else { 0.0 };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((
                score,
                GluedSplit {
                    text: format!("{left} {right}"),
                    cut,
                    strong,
                },
            ));
        }
    }
    best.map(|(_, split)| split)
}

impl LexiconRule {
    /// `glued` mode: token `i`, in no lexicon, is two French words glued together, or a French
    /// word missing its hyphen or apostrophe. A capitalized join ("DuSommet") must break where
    /// the case does; names written in camel case are the `allow` list's ("LibreOffice").
    pub(super) fn glued_word(
        &self,
        meta: &RuleMeta,
        doc: &Document,
        i: usize,
        form: &str,
        sink: &mut Sink,
    ) {
        let word = doc.word(i);
        // A word glued to code or a format ("%-*sOff") is not prose.
        let before = doc.text[..doc.tokens[i].start].chars().next_back();
        if self.allow.contains(form)
            || doc.is_protected(&doc.tokens[i].range())
            || before.is_some_and(|c| !(c.is_whitespace() || "«“\"'‘([—–".contains(c)))
        {
            return;
        }
        let Some(split) = split_glued(form) else {
            return;
        };
        // The case of the written word: lowercase, capitalized at a sentence start, or camel
        // case breaking where the words do.
        let shape = shape_of(word);
        let camel_break = word
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_uppercase())
            .map(|(at, _)| at);
        let fits = match shape {
            CaseShape::Lower => self.reportable(doc, i),
            CaseShape::Capitalized => self.reportable(doc, i),
            CaseShape::Mixed => {
                camel_break == Some(split.cut)
                    && word[split.cut..].chars().skip(1).all(|c| !c.is_uppercase())
                    && !doc.joined_to_code(&doc.tokens[i].range())
            }
            CaseShape::Upper => false,
        };
        if !fits
            || self
                .english_neighbourhood(doc, doc.tokens[i].range())
                .silences()
        {
            return;
        }
        let fixed = match shape {
            CaseShape::Lower => split.text.clone(),
            _ => crate::text::case::capitalize(&split.text),
        };
        // Where two blocks meet, the second begins with a capital; a piece of a word cut at
        // the end of a line ("environ‐\nnement") is no glued word.
        let text = doc.text;
        let token = doc.tokens[i];
        if text[token.end..].starts_with(['-', '‐'])
            || text[..token.start]
                .trim_end_matches([' ', '\t'])
                .strip_suffix('\n')
                .is_some_and(|before| before.ends_with(['-', '‐']))
        {
            return;
        }
        let strong = split.strong && shape != CaseShape::Lower;
        let message = format!("“{word}” is two words glued together: “{fixed}”");
        let fix = (
            vec![crate::diagnostic::Edit::new(
                doc.tokens[i].range(),
                fixed.clone(),
            )],
            format!("Replace with {}", crate::kinds::quoted(&fixed)),
        );
        sink.report(meta, doc.tokens[i].range(), message, Some(fix), None);
        if !strong {
            sink.set_last_severity(self.weak_severity);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_words_split() {
        let text = |form: &str| split_glued(form).map(|s| s.text);
        assert_eq!(text("lestarifs").as_deref(), Some("les tarifs"));
        assert_eq!(text("dusommet").as_deref(), Some("du sommet"));
        assert_eq!(text("cidessous").as_deref(), Some("ci-dessous"));
        assert_eq!(text("lenfant").as_deref(), Some("l’enfant"));
        assert_eq!(text("dpkg"), None);
        assert_eq!(text("publitramesa"), None);
    }
}
