//! What the reader typed, understood: the query language.
//!
//! # Overview
//! [`Query::parse`] turns the search box text into a [`Query`]: clauses that must all
//! match (each a list of [`Atom`] alternatives joined by `OR`), atoms that must not
//! match (`-word`), and the parts it could not understand ([`Ignored`], with their byte
//! ranges, so the UI can mark them). It never fails: whatever it understood is searched.
//!
//! | typed                          | meaning                                           |
//! |--------------------------------|---------------------------------------------------|
//! | `idlib agreement`              | both words (in title or body)                     |
//! | `"political process"`          | the words in this order                           |
//! | `-war`                         | not this word                                     |
//! | `syria OR lebanon`             | either                                            |
//! | `title:envoy`                  | in the title                                      |
//! | `source:"Abraham Lincoln"`     | source, agency, tag, person, place, org, lang too |
//! | `date:1861` `date:1861..1865`  | dated within (the whole date inside the range)    |
//! | `before:1900` `after:2001-09-11` | dated strictly before / after                   |
//!
//! While typing, the last word (bare, quoted but unclosed, or a field value) also matches
//! as a prefix. Words are normalized exactly as documents are ([`crate::text`]).

use std::ops::Range;

use crate::date::Date;
use crate::text::tokenize;

pub use crate::metadata::Field;

/// An inclusive range of days (days since 1970-01-01); a document matches when its whole
/// date (a year, a month or a day) lies inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// First day allowed, if bounded.
    pub start: Option<i32>,
    /// Last day allowed, if bounded.
    pub end: Option<i32>,
}

impl DateRange {
    /// Whether a date lies wholly inside the range.
    pub fn contains(&self, date: &Date) -> bool {
        self.contains_span((date.first_day(), date.last_day()))
    }

    /// Whether a date given as its (first day, last day) lies wholly inside the range:
    /// the one rule for `date:` queries, the timeline's range and its bars.
    pub fn contains_span(&self, (first, last): (i32, i32)) -> bool {
        self.start.is_none_or(|s| first >= s) && self.end.is_none_or(|e| last <= e)
    }

    /// Whether a date given as its (first day, last day) shares any day with the range.
    pub fn overlaps_span(&self, (first, last): (i32, i32)) -> bool {
        self.start.is_none_or(|s| last >= s) && self.end.is_none_or(|e| first <= e)
    }
}

/// One thing a document can match.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Atom {
    /// A word in the title or body, matched exactly, by stem, with typos (5+ letters), or
    /// as a prefix while typing.
    Word {
        /// The normalized word.
        term: String,
        /// Whether it is still being typed.
        prefix: bool,
    },
    /// Words in this exact order (a quoted phrase, or a word such as `UN-led` that
    /// normalizes to several). The last word may be a prefix while typing.
    Phrase {
        /// The normalized words.
        terms: Vec<String>,
        /// Whether the last word is still being typed.
        prefix: bool,
    },
    /// Words in a field, contiguous and in order (`source:"Abraham Lincoln"`).
    Field {
        /// Which field.
        field: Field,
        /// The normalized words of the value.
        terms: Vec<String>,
        /// Whether the last word is still being typed.
        prefix: bool,
    },
    /// A date range (`date:`, `before:`, `after:`).
    Date(DateRange),
}

/// Alternatives, any of which may match (`a OR b`); a plain word is a clause of one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Clause {
    /// The alternatives.
    pub any: Vec<Atom>,
}

/// A part of the input that was not understood, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ignored {
    /// Byte range in the input.
    pub range: Range<usize>,
    /// Why, in a few words.
    pub reason: String,
}

/// A parsed query. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Query {
    /// All must match.
    pub clauses: Vec<Clause>,
    /// None may match.
    pub excluded: Vec<Atom>,
    /// What was not understood.
    pub ignored: Vec<Ignored>,
}

/// A lexical item of the input.
#[derive(Debug)]
struct Item {
    range: Range<usize>,
    negated: bool,
    /// `field:` before the value, with the field's byte range.
    field: Option<String>,
    value: String,
    quoted: bool,
    closed: bool,
}

impl Query {
    /// Parses a query given whole (compared on the timeline, not being typed): no word is
    /// a prefix, as if the reader had typed a space after the last.
    ///
    /// ```
    /// use chronicle_core::query::{Atom, Query};
    /// let q = Query::parse_whole("war");
    /// assert_eq!(q.clauses[0].any, [Atom::Word { term: "war".into(), prefix: false }]);
    /// ```
    pub fn parse_whole(input: &str) -> Query {
        Query::parse(&format!("{input} "))
    }

    /// Parses the search box text. Never fails; see [`Query::ignored`].
    ///
    /// ```
    /// use chronicle_core::query::{Atom, Query};
    /// let q = Query::parse("idlib -war date:18xx");
    /// assert_eq!(q.clauses.len(), 1);
    /// assert_eq!(q.excluded, [Atom::Word { term: "war".into(), prefix: false }]);
    /// assert_eq!(&"idlib -war date:18xx"[q.ignored[0].range.clone()], "date:18xx");
    /// ```
    pub fn parse(input: &str) -> Query {
        let items = lex(input);
        let ends_open = input
            .chars()
            .last()
            .is_some_and(|c| !c.is_whitespace() && c != '"');
        let mut query = Query::default();
        let mut pending_or = false;
        let mut or_range = 0..0;
        let last = items.len().checked_sub(1);
        for (i, item) in items.into_iter().enumerate() {
            let is_last = Some(i) == last;
            if !item.quoted && item.field.is_none() && item.value == "OR" && !item.negated {
                if pending_or || query.clauses.is_empty() {
                    query.ignored.push(Ignored {
                        range: item.range.clone(),
                        reason: "OR needs a word on each side".into(),
                    });
                }
                pending_or = !query.clauses.is_empty();
                or_range = item.range.clone();
                if is_last {
                    if pending_or {
                        query.ignored.push(Ignored {
                            range: or_range.clone(),
                            reason: "OR needs a word on each side".into(),
                        });
                    }
                    pending_or = false;
                }
                continue;
            }
            let prefix = is_last && ends_open && !item.negated && (!item.quoted || !item.closed);
            let atom = match interpret(&item, prefix) {
                Ok(Some(atom)) => atom,
                Ok(None) => continue,
                Err(reason) => {
                    query.ignored.push(Ignored {
                        range: item.range.clone(),
                        reason,
                    });
                    continue;
                }
            };
            if item.negated {
                if pending_or {
                    query.ignored.push(Ignored {
                        range: or_range.clone(),
                        reason: "OR cannot join an excluded word".into(),
                    });
                    pending_or = false;
                }
                query.excluded.push(atom);
            } else if pending_or {
                if let Some(c) = query.clauses.last_mut() {
                    c.any.push(atom);
                }
                pending_or = false;
            } else {
                query.clauses.push(Clause { any: vec![atom] });
            }
        }
        query
    }

    /// Whether nothing was asked for (every document matches).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty() && self.excluded.is_empty()
    }

    /// Every atom, positive and excluded.
    pub fn atoms(&self) -> impl Iterator<Item = &Atom> {
        self.clauses
            .iter()
            .flat_map(|c| c.any.iter())
            .chain(self.excluded.iter())
    }
}

fn lex(input: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut negated = false;
        if c == '-' {
            chars.next();
            match chars.peek() {
                Some(&(_, n)) if !n.is_whitespace() => negated = true,
                _ => {
                    items.push(Item {
                        range: start..start + 1,
                        negated: true,
                        field: None,
                        value: String::new(),
                        quoted: false,
                        closed: true,
                    });
                    continue;
                }
            }
        }
        let mut field = None;
        let mut value = String::new();
        let mut quoted = false;
        let mut closed = true;
        // A bare run, which may be `name:` followed by a quoted value.
        if chars.peek().map(|&(_, c)| c) != Some('"') {
            while let Some(&(_, c)) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                // `name:"…"`: a quoted field value follows. (A quote inside a word
                // starts nothing; it is kept as text.)
                if c == '"' && value.ends_with(':') && field.is_none() {
                    field = Some(value.trim_end_matches(':').to_string());
                    value.clear();
                    break;
                }
                value.push(c);
                chars.next();
            }
            if field.is_none() {
                if let Some((name, rest)) = value.split_once(':') {
                    if Field::from_name(name).is_some() || is_date_field(name) {
                        field = Some(name.to_string());
                        value = rest.to_string();
                    }
                }
            }
        }
        if chars.peek().map(|&(_, c)| c) == Some('"') && value.is_empty() {
            quoted = true;
            chars.next();
            closed = false;
            for (_, c) in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                value.push(c);
            }
        }
        let end = chars.peek().map_or(input.len(), |&(i, _)| i);
        // A `name:"…"` whose name is no field: the name is words too.
        if let Some(name) = &field {
            if Field::from_name(name).is_none() && !is_date_field(name) {
                value = format!("{name} {value}");
                field = None;
            }
        }
        items.push(Item {
            range: start..end,
            negated,
            field,
            value,
            quoted,
            closed,
        });
    }
    items
}

fn is_date_field(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "date" | "before" | "after"
    )
}

fn terms(text: &str) -> Vec<String> {
    tokenize(text).map(|t| t.term).collect()
}

/// One item → an atom (`Ok(None)`: nothing searchable, such as lone punctuation).
fn interpret(item: &Item, prefix: bool) -> Result<Option<Atom>, String> {
    if item.negated && item.value.is_empty() && item.field.is_none() && !item.quoted {
        return Err("a lone `-` excludes nothing".into());
    }
    if let Some(name) = &item.field {
        let lower = name.to_ascii_lowercase();
        if is_date_field(&lower) {
            return parse_date_filter(&lower, &item.value).map(|r| Some(Atom::Date(r)));
        }
        let field = Field::from_name(&lower).ok_or("unknown field")?;
        let words = terms(&item.value);
        if words.is_empty() {
            return Err(format!("`{}:` needs a value", field.name()));
        }
        return Ok(Some(Atom::Field {
            field,
            terms: words,
            prefix,
        }));
    }
    let mut words = terms(&item.value);
    if words.is_empty() {
        return if item.quoted {
            Err("an empty phrase".into())
        } else {
            Ok(None)
        };
    }
    if words.len() == 1 && !item.quoted {
        return Ok(Some(Atom::Word {
            term: words.remove(0),
            prefix,
        }));
    }
    Ok(Some(Atom::Phrase {
        terms: words,
        prefix,
    }))
}

/// Parses a `date:` value (`1861`, `1861..1865`, `2018-10..2019-03`, `..1900`).
pub fn parse_date_range(value: &str) -> Result<DateRange, String> {
    parse_date_filter("date", value)
}

fn parse_date_filter(field: &str, value: &str) -> Result<DateRange, String> {
    let day = |s: &str| -> Result<Date, String> {
        let d = Date::parse_iso(s)
            .map_err(|_| format!("`{s}` is not a date (use 1861, 1861-03 or 1861-03-04)"))?;
        if d.time().is_some() {
            return Err(format!("`{s}`: give a day, not a time"));
        }
        Ok(d)
    };
    if value.is_empty() {
        return Err(format!("`{field}:` needs a date"));
    }
    match field {
        "before" => Ok(DateRange {
            start: None,
            end: Some(day(value)?.first_day() - 1),
        }),
        "after" => Ok(DateRange {
            start: Some(day(value)?.last_day() + 1),
            end: None,
        }),
        _ => match value.split_once("..") {
            None => {
                let d = day(value)?;
                Ok(DateRange {
                    start: Some(d.first_day()),
                    end: Some(d.last_day()),
                })
            }
            Some((a, b)) => {
                if a.is_empty() && b.is_empty() {
                    return Err("`date:..` needs a date on at least one side".into());
                }
                let a = if a.is_empty() { None } else { Some(day(a)?) };
                let b = if b.is_empty() { None } else { Some(day(b)?) };
                let (a, b) = match (a, b) {
                    (Some(x), Some(y)) if y.first_day() < x.first_day() => (Some(y), Some(x)),
                    other => other,
                };
                Ok(DateRange {
                    start: a.map(|d| d.first_day()),
                    end: b.map(|d| d.last_day()),
                })
            }
        },
    }
}

#[cfg(test)]
mod tests;
