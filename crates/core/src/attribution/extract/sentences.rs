//! Where a paragraph's sentences start, and its quotations masked so that words quoted are
//! never read as the paragraph's own attribution. A full stop after a title or an initial
//! ("Rep.", "J.") does not end a sentence.

pub(super) const QUOTES_OPEN: [char; 3] = ['\u{201C}', '"', '\u{00AB}'];
pub(super) const QUOTES_CLOSE: [char; 3] = ['\u{201D}', '"', '\u{00BB}'];

/// The text with everything inside double quotation marks blanked to spaces (byte for byte,
/// so offsets match the original). An unclosed quotation runs to the end of the paragraph.
pub fn mask_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        let opening = !inside && (c == '\u{201C}' || c == '\u{00AB}' || c == '"');
        let closing = inside && (c == '\u{201D}' || c == '\u{00BB}' || c == '"');
        if opening || closing {
            inside = opening;
            out.push(c);
        } else if inside {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Words a full stop abbreviates rather than ends a sentence after (titles, company suffixes,
/// months and Latin abbreviations of general English).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "no", "inc", "corp",
    "ltd", "jr", "sr", "vs", "etc", "prof", "capt", "sgt", "u.s", "u.k", "u.n", "e.g", "i.e",
    "a.m", "p.m", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
];

/// Whether the full stop at byte `i` of `s` ends an abbreviation or an initial ("Rep.",
/// "J.") rather than a sentence.
pub(super) fn abbreviates(s: &str, i: usize) -> bool {
    let word = s[..i]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
}

/// Sentence start offsets of a (masked) paragraph.
pub fn sentence_starts(masked: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = masked.as_bytes();
    for (i, c) in masked.char_indices() {
        let next = i + c.len_utf8();
        let boundary = match c {
            '.' | '!' | '?' => c != '.' || !abbreviates(masked, i),
            c if QUOTES_CLOSE.contains(&c) && c != '"' => true,
            _ => false,
        };
        if !boundary || next >= bytes.len() {
            continue;
        }
        let rest = &masked[next..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() {
            continue; // no space after: "U.S." or "3.5"
        }
        let opens_sentence = trimmed
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || QUOTES_OPEN.contains(&n));
        if opens_sentence {
            starts.push(next + (rest.len() - trimmed.len()));
        }
    }
    starts
}
