//! Spreadsheets as archives: CSV and TSV files, one document per row.
//!
//! # Overview
//! [`to_json_lines`] turns a table with a header row into JSON Lines, one object per row
//! named by the header (so the loader's rules apply as to any export: `title`, `body`,
//! `date`… or their usual other names, `headline`, `text`, `published`…). Each row's
//! object is written on the line where the row starts in the table, with blank lines
//! between, so a problem's line is the spreadsheet's line.
//!
//! The table follows RFC 4180: fields may be quoted, a quote inside is doubled, quoted
//! fields may hold line breaks and separators. The separator is a tab for `.tsv`, else
//! whichever of `,` `;` and tab the header row uses most (spreadsheets in many locales
//! write `;`). A byte-order mark is dropped. Empty cells are left out. Without an id
//! column, a row is named by its line (`row-12`).

use crate::json::{write_string, Position};
use crate::load::{decode_utf8, LoadError};
use crate::problem::Problem;

/// A spreadsheet file's rows as JSON Lines (see [`to_json_lines`]), decoding it as
/// UTF-16 when it starts with that byte-order mark (Excel's "Unicode Text", the way
/// Arabic survives a spreadsheet export), as UTF-8, or else as Windows-1252 (with the
/// warning to show for that).
pub fn table_lines(bytes: &[u8], tab: bool) -> Result<(String, Option<Problem>), LoadError> {
    let (text, warning) = match (utf16(bytes), decode_utf8(bytes)) {
        (Some(text), _) => (std::borrow::Cow::Owned(text), None),
        (None, Ok(text)) => (std::borrow::Cow::Borrowed(text), None),
        (None, Err(_)) => (
            std::borrow::Cow::Owned(windows_1252(bytes)),
            Some(Problem::warning(
                "the file is not UTF-8 text: it was read as Windows-1252 (Western European); \
                 if letters look wrong, save it as UTF-8",
            )),
        ),
    };
    let lines = to_json_lines(&text, tab).map_err(|e| LoadError::Table {
        message: e.message,
        position: e.position,
    })?;
    Ok((lines, warning))
}

/// `bytes` decoded as UTF-16 if they start with its byte-order mark (either order); an
/// unpaired surrogate becomes U+FFFD.
///
/// ```
/// let le = [0xFF, 0xFE, b'a', 0, 0x39, 0x06];
/// assert_eq!(chronicle_core::csv::utf16(&le).as_deref(), Some("a\u{639}"));
/// assert_eq!(chronicle_core::csv::utf16(b"plain"), None);
/// ```
pub fn utf16(bytes: &[u8]) -> Option<String> {
    let unit: fn([u8; 2]) -> u16 = match bytes {
        [0xFF, 0xFE, ..] => u16::from_le_bytes,
        [0xFE, 0xFF, ..] => u16::from_be_bytes,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|c| unit([c[0], c[1]]));
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect(),
    )
}

/// Why a table cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub position: Position,
}

/// The rows of `text` as JSON Lines (see the module docs); `tab` for a `.tsv` file.
///
/// ```
/// let lines = chronicle_core::csv::to_json_lines("title,body\nA,\"x, y\"\n", false).unwrap();
/// assert_eq!(lines, "\n{\"id\":\"row-2\",\"title\":\"A\",\"body\":\"x, y\"}\n");
/// ```
pub fn to_json_lines(text: &str, tab: bool) -> Result<String, TableError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = if tab { '\t' } else { guess_separator(text) };
    let mut rows = Rows::new(text, separator);
    let Some((_, header)) = rows.next_row()? else {
        return Err(TableError {
            message: "the table is empty: a header row naming the columns is needed".into(),
            position: Position { line: 1, column: 1 },
        });
    };
    let names = column_names(header);
    // Spreadsheets seldom have ids: without an id column, a row is named by its line.
    let named = names.iter().any(|n| crate::load::is_id_name(n));
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut line = 1;
    while let Some((start, cells)) = rows.next_row()? {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        while line < start {
            out.push('\n');
            line += 1;
        }
        out.push('{');
        let mut first = true;
        if !named {
            out.push_str(&format!("\"id\":\"row-{start}\""));
            first = false;
        }
        for (i, cell) in cells.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            let extra;
            let name = match names.get(i) {
                Some(n) => n.as_str(),
                None => {
                    extra = format!("column {}", i + 1);
                    &extra
                }
            };
            write_string(name, &mut out);
            out.push(':');
            write_string(cell, &mut out);
        }
        out.push('}');
    }
    out.push('\n');
    Ok(out)
}

/// The separator the header row (the first line) uses most: `,`, `;` or tab.
fn guess_separator(text: &str) -> char {
    let head = text.lines().next().unwrap_or("");
    [',', ';', '\t']
        .into_iter()
        .max_by_key(|&c| (head.matches(c).count(), c == ','))
        .unwrap_or(',')
}

/// Header cells as names: trimmed, unique (a repeated name gets `-2`, `-3`…), and a
/// blank one named by its column.
fn column_names(header: Vec<String>) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    for (i, cell) in header.into_iter().enumerate() {
        let base = match cell.trim() {
            "" => format!("column {}", i + 1),
            name => name.to_string(),
        };
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}

/// Bytes as Windows-1252 text (Latin-1 with the printable characters Windows puts at
/// 0x80–0x9F), the encoding spreadsheets are often saved in.
///
/// ```
/// assert_eq!(chronicle_core::csv::windows_1252(b"caf\xe9 \x93ok\x94"), "café “ok”");
/// ```
pub fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            b => char::from(b),
        })
        .collect()
}

/// Reads rows one by one, keeping count of lines.
struct Rows<'t> {
    text: &'t str,
    at: usize,
    line: usize,
    separator: char,
}

impl<'t> Rows<'t> {
    fn new(text: &'t str, separator: char) -> Rows<'t> {
        Rows {
            text,
            at: 0,
            line: 1,
            separator,
        }
    }

    /// The next row: the line it starts on, and its cells; `None` at the end.
    fn next_row(&mut self) -> Result<Option<(usize, Vec<String>)>, TableError> {
        if self.at >= self.text.len() {
            return Ok(None);
        }
        let start = self.line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut chars = self.text[self.at..].char_indices().peekable();
        let mut quoted = false;
        let mut quote_line = 0;
        let mut end = self.text.len();
        while let Some((i, c)) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek().is_some_and(|&(_, n)| n == '"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        self.line += 1;
                        cell.push('\n');
                    }
                    '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                    c => cell.push(c),
                }
                continue;
            }
            match c {
                '"' if cell.trim().is_empty() => {
                    cell.clear();
                    quoted = true;
                    quote_line = self.line;
                }
                c if c == self.separator => cells.push(std::mem::take(&mut cell)),
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                '\n' => {
                    self.line += 1;
                    end = self.at + i + 1;
                    break;
                }
                c => cell.push(c),
            }
        }
        if quoted {
            return Err(TableError {
                message: "a quoted cell is never closed (a `\"` is missing)".into(),
                position: Position {
                    line: quote_line,
                    column: 1,
                },
            });
        }
        cells.push(cell);
        self.at = end;
        Ok(Some((start, cells)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_corpus;

    #[test]
    fn a_spreadsheet_loads_with_its_lines() {
        let table = "\u{feff}id;headline;text;published;author\r\n\
                     1;Talks resume;\"The delegations met;\r\nthen \"\"spoke\"\".\";17 October 2018;ARK News\r\n\
                     \r\n\
                     2;;No headline here;;Press Office\r\n\
                     3;Bad date;x;someday;\r\n";
        let lines = to_json_lines(table, false).unwrap();
        let loaded = load_corpus(lines.as_bytes()).unwrap();
        let docs = &loaded.corpus.documents;
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].title, "Talks resume");
        assert_eq!(docs[0].body, "The delegations met;\nthen \"spoke\".");
        assert_eq!(
            docs[0].date.map(|d| d.to_iso()).as_deref(),
            Some("2018-10-17")
        );
        assert_eq!(docs[0].source.as_deref(), Some("ARK News"));
        assert_eq!(docs[1].title, "No headline here");
        // Problems name the spreadsheet's lines: row 3 (its date) starts on line 6. (Row
        // 2's missing title is taken from its text, quietly.)
        let lines: Vec<usize> = loaded
            .problems
            .iter()
            .filter_map(|p| p.position.map(|p| p.line))
            .collect();
        assert_eq!(lines, [6]);
    }

    #[test]
    fn a_windows_spreadsheet_with_its_own_column_names_still_shows_every_row() {
        // Saved by a spreadsheet in Windows-1252, columns in French, and one in a language
        // no alias covers: every row loads, titled by its first column.
        let bytes = b"id;titre;texte;auteur\r\n1;Caf\xe9;\x93Bonjour\x94;Moi\r\n";
        let loaded = crate::load::load_table(bytes, false).unwrap();
        let d = &loaded.corpus.documents[0];
        assert_eq!((d.title.as_str(), d.body.as_str()), ("Café", "“Bonjour”"));
        assert_eq!(d.source.as_deref(), Some("Moi"));
        assert!(loaded.problems[0]
            .message
            .starts_with("the file is not UTF-8"));
        let loaded =
            crate::load::load_table("n,otsikko,teksti\n1,Otsikko,Teksti\n".as_bytes(), false)
                .unwrap();
        assert_eq!(loaded.rejected, 0);
        assert_eq!(loaded.corpus.documents[0].title, "Otsikko");
        assert_eq!(loaded.corpus.documents[0].meta["teksti"], "Teksti");
    }

    #[test]
    fn arabic_column_names_are_read() {
        let table = "العنوان,النص,التاريخ,المصدر\nاستئناف المفاوضات,استأنفت الوفود المفاوضات.,2018-10-17,الائتلاف\n";
        let loaded = crate::load::load_table(table.as_bytes(), false).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let d = &loaded.corpus.documents[0];
        assert_eq!(d.title, "استئناف المفاوضات");
        assert_eq!(d.body, "استأنفت الوفود المفاوضات.");
        assert_eq!(d.date.map(|d| d.to_iso()).as_deref(), Some("2018-10-17"));
        assert_eq!(d.source.as_deref(), Some("الائتلاف"));
    }

    #[test]
    fn excel_unicode_text_in_utf16_is_read_in_either_byte_order() {
        // Excel saves Arabic safely only as "Unicode Text": UTF-16 with tabs.
        let table = "العنوان\tالنص\r\nاستئناف المفاوضات\tنص\r\n";
        for order in [u16::to_le_bytes, u16::to_be_bytes] {
            let mut bytes = order(0xFEFF).to_vec();
            bytes.extend(table.encode_utf16().flat_map(order));
            let loaded = crate::load::load_table(&bytes, true).unwrap();
            assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            let d = &loaded.corpus.documents[0];
            assert_eq!(
                (d.title.as_str(), d.body.as_str()),
                ("استئناف المفاوضات", "نص")
            );
        }
    }

    #[test]
    fn separators_quotes_and_ragged_rows() {
        assert_eq!(guess_separator("a\tb\tc\n"), '\t');
        assert_eq!(guess_separator("a;b;c\n"), ';');
        assert_eq!(guess_separator("a,b;c,d\n"), ',');
        let lines = to_json_lines("title\ttitle\t\nA\tB\tC\tD\n", true).unwrap();
        assert_eq!(
            lines,
            "\n{\"id\":\"row-2\",\"title\":\"A\",\"title-2\":\"B\",\"column 3\":\"C\",\"column 4\":\"D\"}\n"
        );
        let e = to_json_lines("title,body\nA,\"never closed\n", false).unwrap_err();
        assert_eq!(e.position.line, 2);
        assert!(to_json_lines("", false).is_err());
    }

    proptest::proptest! {
        /// Whatever the cells hold (separators, quotes, line breaks, any text), a table
        /// written by the rules reads back cell for cell.
        #[test]
        fn written_tables_read_back(rows in proptest::collection::vec(
            proptest::collection::vec("[a-z ,;\"\n\tأب]{0,8}", 3), 1..20)) {
            let quote = |c: &String| format!("\"{}\"", c.replace('"', "\"\""));
            let mut table = String::from("a,b,c\n");
            for r in &rows {
                table.push_str(&r.iter().map(quote).collect::<Vec<_>>().join(","));
                table.push('\n');
            }
            let lines = to_json_lines(&table, false).unwrap();
            // Each row is named by its line (there is no id column); the rest is the row.
            let mut names = Vec::new();
            let parsed: Vec<serde_json::Value> = lines
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.is_empty())
                .map(|(i, l)| {
                    let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                    let id = v.as_object_mut().unwrap().remove("id").unwrap();
                    names.push((id, i + 1));
                    v
                })
                .collect();
            for (id, line) in names {
                proptest::prop_assert_eq!(id, serde_json::Value::String(format!("row-{line}")));
            }
            let expected: Vec<serde_json::Value> = rows
                .iter()
                .filter(|r| !r.iter().all(|c| c.trim().is_empty()))
                .map(|r| {
                    let mut o = serde_json::Map::new();
                    for (k, v) in ["a", "b", "c"].iter().zip(r) {
                        if !v.is_empty() {
                            o.insert(k.to_string(), serde_json::Value::String(v.clone()));
                        }
                    }
                    serde_json::Value::Object(o)
                })
                .collect();
            proptest::prop_assert_eq!(parsed, expected);
        }
    }
}
