//! Problems found in input, each with its place.
//!
//! # Overview
//! A [`Problem`] says what is wrong and exactly where: file, document (index and id),
//! field, and `line:column`. [`Severity::Error`] means the document was rejected (the
//! rest still load); [`Severity::Warning`] means it loaded with something kept aside
//! or guessed. The CLI prints problems one per line; the app lists them under
//! "N documents rejected".

use std::fmt;

use crate::json::Position;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The document loaded; something was kept aside or guessed.
    Warning,
    /// The document was rejected.
    Error,
}

/// One problem with its place. Build with [`Problem::error`] / [`Problem::warning`] and
/// the `with_…` methods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error (document rejected) or warning.
    pub severity: Severity,
    /// The input file, when known.
    pub file: Option<String>,
    /// 0-based position of the document in its input.
    pub doc_index: Option<usize>,
    /// The document's `id`, when it has one.
    pub doc_id: Option<String>,
    /// The field concerned.
    pub field: Option<String>,
    /// Where in the file.
    pub position: Option<Position>,
    /// What is wrong, in plain words.
    pub message: String,
}

/// Sorts problems into the order of the files (as first named) and, within a file, of
/// their positions; problems without a position keep their order after those with one.
pub fn sort_in_file_order(problems: &mut [Problem]) {
    let mut files: Vec<Option<&str>> = Vec::new();
    let keys: Vec<(usize, usize, usize)> = problems
        .iter()
        .map(|p| {
            let f = p.file.as_deref();
            let rank = files.iter().position(|x| *x == f).unwrap_or_else(|| {
                files.push(f);
                files.len() - 1
            });
            let (line, column) = p.position.map_or((usize::MAX, 0), |q| (q.line, q.column));
            (rank, line, column)
        })
        .collect();
    let mut order: Vec<usize> = (0..problems.len()).collect();
    crate::sort::unstable_by(&mut order, |&a, &b| (keys[a], a) < (keys[b], b));
    let sorted: Vec<Problem> = order.iter().map(|&i| problems[i].clone()).collect();
    problems.clone_from_slice(&sorted);
}

impl Problem {
    /// A problem that rejects its document.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    /// A problem the document survives.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Problem {
            severity,
            file: None,
            doc_index: None,
            doc_id: None,
            field: None,
            position: None,
            message,
        }
    }

    /// Sets the file name.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the document index and id.
    pub fn in_document(mut self, index: usize, id: Option<&str>) -> Self {
        self.doc_index = Some(index);
        self.doc_id = id.map(str::to_string);
        self
    }

    /// Sets the field.
    pub fn in_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets the line and column.
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// Whether the document was rejected.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The place alone: `corpus.json:12:5, document 3 (id "x"), field "title"`.
    pub fn place(&self) -> String {
        let mut parts = Vec::new();
        match (&self.file, self.position) {
            (Some(f), Some(p)) => parts.push(format!("{f}:{p}")),
            (Some(f), None) => parts.push(f.clone()),
            (None, Some(p)) => parts.push(format!("line {p}")),
            (None, None) => {}
        }
        if let Some(i) = self.doc_index {
            match &self.doc_id {
                Some(id) => parts.push(format!("document {} (id \"{id}\")", i + 1)),
                None => parts.push(format!("document {}", i + 1)),
            }
        }
        if let Some(field) = &self.field {
            parts.push(format!("field \"{field}\""));
        }
        parts.join(", ")
    }
}

/// `error: corpus.json:12:5, document 3 (id "x"), field "title": the title is missing`
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = self.place();
        if place.is_empty() {
            write!(f, "{level}: {}", self.message)
        } else {
            write!(f, "{level}: {place}: {}", self.message)
        }
    }
}

impl crate::codec::Encode for Problem {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.bool(self.severity == Severity::Error);
        w.opt_str(self.file.as_deref());
        w.put(&self.doc_index.map(|i| i as u32));
        w.opt_str(self.doc_id.as_deref());
        w.opt_str(self.field.as_deref());
        w.put(&self.position.map(|p| (p.line as u32, p.column as u32)));
        w.str(&self.message);
    }
}

impl crate::codec::Decode for Problem {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        let severity = if r.bool()? {
            Severity::Error
        } else {
            Severity::Warning
        };
        Ok(Problem {
            severity,
            file: r.opt_string()?,
            doc_index: r.get::<Option<u32>>()?.map(|i| i as usize),
            doc_id: r.opt_string()?,
            field: r.opt_string()?,
            position: r
                .get::<Option<(u32, u32)>>()?
                .map(|(line, column)| Position {
                    line: line as usize,
                    column: column as usize,
                }),
            message: r.string()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_every_part_of_the_place() {
        let p = Problem::error("the title is missing; document rejected")
            .in_file("corpus.json")
            .in_document(2, Some("x"))
            .in_field("title")
            .at(Position {
                line: 12,
                column: 5,
            });
        assert_eq!(
            p.to_string(),
            "error: corpus.json:12:5, document 3 (id \"x\"), field \"title\": \
             the title is missing; document rejected"
        );
        assert_eq!(Problem::warning("w").to_string(), "warning: w");
    }
}
