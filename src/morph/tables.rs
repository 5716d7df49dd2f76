//! Reads `data/fr-morph.bin`: the tag table, the affixes that turn a form into its lemma (or a
//! lemma into a form), the reading lists of forms and the paradigms of lemmas. The layout is
//! documented in `scripts/build_morphology.py`.

/// The parsed header of the table file; the lists stay in the embedded bytes.
pub(super) struct Tables {
    tags: Vec<u64>,
    affixes: Vec<(u8, &'static str)>,
    readings: Lists,
    paradigms: Lists,
}

/// A table of variable-length lists of (affix, tag) pairs: offsets, then entries.
struct Lists {
    offsets: &'static [u8],
    entries: &'static [u8],
}

impl Lists {
    fn get(&self, index: usize) -> impl Iterator<Item = (u16, u16)> + '_ {
        let offset = |i: usize| read_u32(self.offsets, 4 * i).unwrap_or(0) as usize;
        let (start, end) = (offset(index), offset(index + 1));
        self.entries
            .get(4 * start..4 * end)
            .unwrap_or_default()
            .chunks_exact(4)
            .map(|e| {
                (
                    u16::from_le_bytes([e[0], e[1]]),
                    u16::from_le_bytes([e[2], e[3]]),
                )
            })
    }
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// A cursor over the table file that fails with the position on truncated input.
struct Reader {
    bytes: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&'static [u8], String> {
        let slice = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| format!("truncated at byte {}", self.at))?;
        self.at += n;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<usize, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "u32")?) as usize)
    }

    fn lists(&mut self) -> Result<Lists, String> {
        let count = self.u32()?;
        let offsets = self.take(4 * (count + 1))?;
        let total = read_u32(offsets, 4 * count).ok_or("no final offset")? as usize;
        let entries = self.take(4 * total)?;
        Ok(Lists { offsets, entries })
    }
}

impl Tables {
    /// Parses the header and the small tables; the lists are read in place.
    pub(super) fn parse(bytes: &'static [u8]) -> Result<Tables, String> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(8)? != b"MTLMORPH" || reader.u32()? != 1 {
            return Err("not a version 1 morphology table".into());
        }
        let tag_count = reader.u32()?;
        let tags = reader
            .take(8 * tag_count)?
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        let affix_count = reader.u32()?;
        let mut affixes = Vec::with_capacity(affix_count);
        for _ in 0..affix_count {
            let head = reader.take(2)?;
            let text = std::str::from_utf8(reader.take(usize::from(head[1]))?)
                .map_err(|e| e.to_string())?;
            affixes.push((head[0], text));
        }
        let readings = reader.lists()?;
        let paradigms = reader.lists()?;
        Ok(Tables {
            tags,
            affixes,
            readings,
            paradigms,
        })
    }

    /// The tag bits of tag `id`.
    pub(super) fn tag(&self, id: u16) -> u64 {
        self.tags.get(usize::from(id)).copied().unwrap_or(0)
    }

    /// The (affix, tag) pairs of reading list `id`.
    pub(super) fn readings(&self, id: usize) -> impl Iterator<Item = (u16, u16)> + '_ {
        self.readings.get(id)
    }

    /// The (affix, tag) pairs of paradigm `id`.
    pub(super) fn paradigm(&self, id: usize) -> impl Iterator<Item = (u16, u16)> + '_ {
        self.paradigms.get(id)
    }

    /// The word `affix` makes of `word`: its last characters dropped, a suffix added.
    pub(super) fn apply(&self, affix: u16, word: &str) -> String {
        let (kept, added) = self.split(affix, word);
        let mut out = String::with_capacity(kept.len() + added.len());
        out.push_str(kept);
        out.push_str(added);
        out
    }

    /// Whether `affix` makes `target` of `word`, without allocating.
    pub(super) fn applies_to(&self, affix: u16, word: &str, target: &str) -> bool {
        let (kept, added) = self.split(affix, word);
        target.len() == kept.len() + added.len()
            && target.starts_with(kept)
            && target.ends_with(added)
    }

    fn split<'w>(&self, affix: u16, word: &'w str) -> (&'w str, &'static str) {
        let (strip, added) = self
            .affixes
            .get(usize::from(affix))
            .copied()
            .unwrap_or((0, ""));
        let cut = word
            .char_indices()
            .rev()
            .nth(usize::from(strip).wrapping_sub(1))
            .map_or(if strip == 0 { word.len() } else { 0 }, |(at, _)| at);
        (&word[..cut], added)
    }
}
