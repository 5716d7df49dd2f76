//! Normal forms that make equal what only typography tells apart.

/// Whether `c` is any kind of blank, including no-break spaces.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}'
}

/// Turns typographic apostrophes into straight ones: "d’" → "d'".
pub fn straight_apostrophes(text: &str) -> String {
    text.replace('’', "'")
}

/// The comparison form of a line: lowercase, apostrophes straightened, every run of blanks
/// (including no-break spaces) one space, no leading or trailing blank.
pub fn line_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if is_blank(c) {
            pending_space = !key.is_empty();
            continue;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        match c {
            '’' | '‘' => key.push('\''),
            _ => key.extend(c.to_lowercase()),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_keys_ignore_typography() {
        assert_eq!(
            line_key("  Attaque contre l’Iran :\u{a0}Israël "),
            line_key("Attaque contre l'Iran : Israël")
        );
        assert_ne!(line_key("Attaque"), line_key("Attaques"));
    }
}
