//! Ingest of plain-text press releases in the seed's format.
//!
//! # Overview
//! [`parse_seed`] reads one text document laid out like the seed press release:
//!
//! ```text
//! Title line
//! (optionally the same title again)
//! Date line            Oct 17 2018 · 17 October 2018 · 2018-10-17 · …
//! ARK News: first paragraph …          ← a dateline agency becomes `agency`
//! more paragraphs …                    ← one per line, or blank-line separated
//! Source: Syrian Coalition             ← becomes `source`
//! 788                                  ← anything unplaced is kept in `meta`
//! ```
//!
//! Nothing is thrown away: text the parser cannot place goes to `meta["unplaced"]`, and an
//! unreadable date line is a warning (with file and line) while the document stays,
//! undated, with that line kept in `meta["date_text"]`. The same code runs in the CLI and,
//! for files dropped on the page, in the browser.

use crate::date::Date;
use crate::json::Position;
use crate::metadata::Field;
use crate::model::Document;
use crate::problem::Problem;

/// The result of reading one text file.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedDocument {
    /// The document (its `id` is the one passed in).
    pub document: Document,
    /// Warnings (the document is never rejected for its layout; only an empty file is).
    pub problems: Vec<Problem>,
}

/// Longest dateline agency accepted, in characters ("ARK News", "Reuters", "SANA").
const MAX_AGENCY_CHARS: usize = 40;

/// Reads one seed-format document. `id` becomes the document id; `file` names the file in
/// problems. Returns an error problem only if the text has no title at all.
///
/// ```
/// let text = "Talks resume\n\nOct 17 2018\n\nARK News: Delegates met.\nSource: Example Org\n";
/// let seed = chronicle_core::seed::parse_seed(text, "talks", "talks.txt").unwrap();
/// let d = seed.document;
/// use chronicle_core::metadata::Field;
/// assert_eq!((d.title.as_str(), d.first(Field::Agency), d.first(Field::Source)),
///            ("Talks resume", Some("ARK News"), Some("Example Org")));
/// assert_eq!(d.date.unwrap().to_iso(), "2018-10-17");
/// assert_eq!(d.body, "Delegates met.");
/// ```
pub fn parse_seed(text: &str, id: &str, file: &str) -> Result<SeedDocument, Box<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // (1-based line number, trimmed content) of every non-blank line, and where blank
    // lines fell, so paragraphs separated either way come out right.
    let mut lines: Vec<(usize, &str, bool)> = Vec::new(); // (line, text, blank_before)
    let mut blank_before = false;
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            blank_before = true;
        } else {
            lines.push((i + 1, t, blank_before));
            blank_before = false;
        }
    }
    let mut problems = Vec::new();
    let Some(&(_, first, _)) = lines.first() else {
        return Err(Box::new(
            Problem::error("the file is empty: a title line is needed")
                .in_file(file)
                .at(Position { line: 1, column: 1 }),
        ));
    };
    let mut doc = Document {
        id: id.to_string(),
        title: collapse_spaces(first),
        ..Default::default()
    };
    let mut rest = &lines[1..];
    // The title, repeated (as the seed has it), is dropped.
    if let Some(&(_, t, _)) = rest.first() {
        if collapse_spaces(t) == doc.title {
            rest = &rest[1..];
        }
    }
    // The date line.
    if let Some(&(line, t, _)) = rest.first() {
        match Date::parse_any(t) {
            Ok(d) => {
                doc.date = Some(d);
                rest = &rest[1..];
            }
            Err(e) if looks_like_date_line(t) => {
                problems.push(
                    Problem::warning(format!(
                        "{e}; the document is kept undated and the line is kept in \
                         meta[\"date_text\"]"
                    ))
                    .in_file(file)
                    .in_field("date")
                    .at(Position { line, column: 1 }),
                );
                doc.meta.insert("date_text".into(), t.to_string());
                rest = &rest[1..];
            }
            Err(_) => problems.push(
                Problem::warning(
                    "no date line after the title; the document is kept undated".to_string(),
                )
                .in_file(file)
                .in_field("date")
                .at(Position { line, column: 1 }),
            ),
        }
    }
    // The `Source:` line: the last one that reads `Source: X`. What follows it is unplaced.
    let source_at = rest.iter().rposition(|&(_, t, _)| source_of(t).is_some());
    let mut unplaced = Vec::new();
    if let Some(i) = source_at {
        doc.fields
            .set_one(Field::Source, source_of(rest[i].1).map(str::to_string));
        unplaced.extend(rest[i + 1..].iter().map(|&(_, t, _)| t));
        rest = &rest[..i];
    }
    // Body paragraphs; the first may open with a dateline agency.
    let mut paragraphs: Vec<String> = Vec::new();
    let mut previous_line = "";
    for (n, &(_, t, blank)) in rest.iter().enumerate() {
        let mut t = t;
        if n == 0 {
            if let Some((agency, after)) = split_agency(t) {
                doc.fields.set_one(Field::Agency, Some(agency.to_string()));
                t = after;
            }
        }
        // A line is its own paragraph (the seed's layout). A hard-wrapped paragraph (a
        // long line not ending a sentence, then no blank line) is joined back together.
        match paragraphs.last_mut() {
            Some(last) if !blank && is_wrapped(previous_line) => {
                last.push(' ');
                last.push_str(t);
            }
            _ => paragraphs.push(t.to_string()),
        }
        previous_line = t;
    }
    doc.body = paragraphs.join("\n\n");
    if !unplaced.is_empty() {
        doc.meta.insert("unplaced".into(), unplaced.join("\n"));
    }
    Ok(SeedDocument {
        document: doc,
        problems,
    })
}

/// Whether a line is probably meant as a date (short, with a digit), so a failure to read
/// it is worth a warning rather than treating it as body text.
fn looks_like_date_line(t: &str) -> bool {
    t.chars().count() <= 40 && t.chars().any(|c| c.is_ascii_digit()) && !ends_sentence(t)
}

fn is_wrapped(line: &str) -> bool {
    line.chars().count() >= WRAP_MIN_CHARS && !ends_sentence(line)
}

/// Shortest line taken for a hard-wrapped one (shorter lines are headings or list items).
const WRAP_MIN_CHARS: usize = 60;

fn ends_sentence(t: &str) -> bool {
    t.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', ':', ';'])
}

fn source_of(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("Source:")
        .or_else(|| line.strip_prefix("SOURCE:"))
        .or_else(|| line.strip_prefix("source:"))?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// `ARK News: A senior delegation…` → (`ARK News`, `A senior delegation…`). The agency
/// must be short, start each word with a capital (or be all capitals), and contain no
/// sentence punctuation, so "He said: …" is not mistaken for one.
fn split_agency(line: &str) -> Option<(&str, &str)> {
    let (head, tail) = line.split_once(':')?;
    let head = head.trim();
    let tail = tail.trim_start();
    let words: Vec<&str> = head.split_whitespace().collect();
    let ok = !head.is_empty()
        && head.chars().count() <= MAX_AGENCY_CHARS
        && !tail.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '.' | '\''))
        })
        && !matches!(
            words.first(),
            Some(&("He" | "She" | "They" | "It" | "We" | "I"))
        );
    ok.then_some((head, tail))
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A document id from a file name: `press-release-2018-10-17.txt` →
/// `press-release-2018-10-17`. Lowercase ASCII letters, digits and `-`.
pub fn id_from_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "document".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests;
