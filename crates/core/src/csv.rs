//! Spreadsheets as archives: CSV and TSV files, one document per row.
//!
//! # Overview
//! [`TableReader`] turns a table with a header row into JSON Lines as its bytes arrive
//! ([`to_json_lines`] does it for a whole text), one object per row named by the header
//! (so the loader's rules apply as to any export: `title`, `body`, `date`… or their usual
//! other names, `headline`, `text`, `published`…). Each row's object is written on the
//! line where the row starts in the table, with blank lines between, so a problem's line
//! is the spreadsheet's line.
//!
//! The table follows RFC 4180: fields may be quoted, a quote inside is doubled, quoted
//! fields may hold line breaks and separators. The separator is a tab for `.tsv`, else
//! whichever of `,` `;` and tab the header row uses most (spreadsheets in many locales
//! write `;`). A byte-order mark is dropped. Empty cells are left out. Without an id
//! column, a row is named by its line (`row-12`).

use crate::json::{write_string, Position};
use crate::load::LoadError;
use crate::problem::Problem;

/// Reads a spreadsheet as it arrives, chunk by chunk, holding only the row being read
/// (tables of news can be larger than a tab's memory). The text is decoded as UTF-16
/// when it starts with that byte-order mark (Excel's "Unicode Text", the way Arabic
/// survives a spreadsheet export), else as UTF-8 until a byte that cannot be, and from
/// there as Windows-1252 (with a warning: [`TableReader::warning`]).
#[derive(Debug)]
pub struct TableReader {
    tab: bool,
    decoder: Decoder,
    /// Decoded text not yet read into rows, and the line it starts on.
    text: String,
    line: usize,
    /// The separator and the column names, once the header row is read; whether a
    /// column holds ids.
    header: Option<(char, Vec<String>, bool)>,
    /// Lines of JSON written.
    lines_out: usize,
    /// Text held before rows are looked for again: a row left incomplete is read again
    /// from its start, so the wait doubles (a 50 MB cell, or a quote never closed, costs
    /// linear time, not quadratic).
    retry_at: usize,
}

impl TableReader {
    /// A reader for a `.csv` file (`.tsv` when `tab`).
    pub fn new(tab: bool) -> TableReader {
        TableReader {
            tab,
            decoder: Decoder::default(),
            text: String::new(),
            line: 1,
            header: None,
            lines_out: 1,
            retry_at: 0,
        }
    }

    /// Adds bytes; returns the JSON Lines of the rows they complete.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<String, LoadError> {
        let text = self.decoder.decode(bytes, false);
        self.text.push_str(&text);
        self.rows(false).map_err(TableError::into_load_error)
    }

    /// Ends the input: the JSON Lines of the last rows.
    pub fn finish(&mut self) -> Result<String, LoadError> {
        let text = self.decoder.decode(&[], true);
        self.text.push_str(&text);
        let mut out = self.rows(true).map_err(TableError::into_load_error)?;
        out.push('\n');
        Ok(out)
    }

    /// The warning about the file's encoding, if it was not UTF-8 (or UTF-16).
    pub fn warning(&self) -> Option<Problem> {
        self.decoder.latin.then(|| {
            Problem::warning(
                "the file is not UTF-8 text: it was read as Windows-1252 (Western European); \
                 if letters look wrong, save it as UTF-8",
            )
        })
    }

    /// Reads the complete rows of the text held (all of it if `last`).
    fn rows(&mut self, last: bool) -> Result<String, TableError> {
        let out = String::new();
        if !last && self.text.len() < self.retry_at {
            return Ok(out);
        }
        let out = self.read_rows(last, out)?;
        self.retry_at = (2 * self.text.len()).max(self.text.len() + 64 * 1024);
        Ok(out)
    }

    fn read_rows(&mut self, last: bool, mut out: String) -> Result<String, TableError> {
        if self.header.is_none() {
            if self.line == 1 && self.text.starts_with('\u{feff}') {
                self.text.drain(..3);
            }
            if !last && !self.text.contains('\n') {
                return Ok(out);
            }
            let separator = if self.tab {
                '\t'
            } else {
                guess_separator(&self.text)
            };
            let mut rows = Rows::new(&self.text, separator, self.line);
            let Some((_, header)) = rows.next_row(last)? else {
                if last {
                    return Err(TableError {
                        message: "the table is empty: a header row naming the columns is needed"
                            .into(),
                        position: Position { line: 1, column: 1 },
                    });
                }
                return Ok(out);
            };
            let names = column_names(header);
            // Spreadsheets seldom have ids: without an id column, a row is named by its
            // line.
            let named = names.iter().any(|n| crate::load::is_id_name(n));
            let (at, line) = (rows.at, rows.line);
            self.text.drain(..at);
            self.line = line;
            self.header = Some((separator, names, named));
        }
        let Some((separator, names, named)) = &self.header else {
            return Ok(out);
        };
        let mut rows = Rows::new(&self.text, *separator, self.line);
        while let Some((start, cells)) = rows.next_row(last)? {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            while self.lines_out < start {
                out.push('\n');
                self.lines_out += 1;
            }
            write_row(start, &cells, names, *named, &mut out);
        }
        let (at, line) = (rows.at, rows.line);
        self.text.drain(..at);
        self.line = line;
        Ok(out)
    }
}

/// One row as a JSON object (without a line break).
fn write_row(start: usize, cells: &[String], names: &[String], named: bool, out: &mut String) {
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
        write_string(name, out);
        out.push(':');
        write_string(cell, out);
    }
    out.push('}');
}

/// Bytes to text, chunk by chunk (see [`TableReader`]).
#[derive(Debug, Default)]
struct Decoder {
    /// Bytes of a character split between chunks (or the first bytes, until the
    /// byte-order mark can be told).
    carry: Vec<u8>,
    /// The encoding, once told: `Some(true)` UTF-16 little-endian, `Some(false)`
    /// big-endian; `None` UTF-8 (or Windows-1252 once `latin`).
    utf16: Option<bool>,
    started: bool,
    /// Read as Windows-1252 from here on.
    latin: bool,
}

impl Decoder {
    fn decode(&mut self, bytes: &[u8], last: bool) -> String {
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(bytes);
        if !self.started {
            if data.len() < 2 && !last {
                self.carry = data;
                return String::new();
            }
            self.started = true;
            self.utf16 = match data.as_slice() {
                [0xFF, 0xFE, ..] => Some(true),
                [0xFE, 0xFF, ..] => Some(false),
                _ => None,
            };
            if self.utf16.is_some() {
                data.drain(..2);
            }
        }
        if let Some(le) = self.utf16 {
            let whole = data.len() / 2 * 2;
            let mut units: Vec<u16> = data[..whole]
                .chunks_exact(2)
                .map(|c| {
                    if le {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                })
                .collect();
            let mut keep = data[whole..].to_vec();
            // A lead surrogate waits for its pair.
            if !last && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
                let u = units.pop().unwrap_or(0);
                let mut pair = if le { u.to_le_bytes() } else { u.to_be_bytes() }.to_vec();
                pair.extend(keep);
                keep = pair;
            }
            if !last {
                self.carry = keep;
            }
            return char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect();
        }
        if self.latin {
            return windows_1252(&data);
        }
        match std::str::from_utf8(&data) {
            Ok(text) => text.to_string(),
            Err(e) if e.error_len().is_none() && !last => {
                // A character cut by the chunk: the rest comes next time.
                let valid = e.valid_up_to();
                self.carry = data[valid..].to_vec();
                String::from_utf8_lossy(&data[..valid]).into_owned()
            }
            Err(e) => {
                let valid = e.valid_up_to();
                self.latin = true;
                let mut text = String::from_utf8_lossy(&data[..valid]).into_owned();
                text.push_str(&windows_1252(&data[valid..]));
                text
            }
        }
    }
}

/// Why a table cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub position: Position,
}

impl TableError {
    fn into_load_error(self) -> LoadError {
        LoadError::Table {
            message: self.message,
            position: self.position,
        }
    }
}

/// The rows of `text` as JSON Lines (see the module docs); `tab` for a `.tsv` file.
///
/// ```
/// let lines = chronicle_core::csv::to_json_lines("title,body\nA,\"x, y\"\n", false).unwrap();
/// assert_eq!(lines, "\n{\"id\":\"row-2\",\"title\":\"A\",\"body\":\"x, y\"}\n");
/// ```
pub fn to_json_lines(text: &str, tab: bool) -> Result<String, TableError> {
    let mut reader = TableReader::new(tab);
    reader.text = text.to_string();
    let mut out = reader.rows(true)?;
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

/// Writes one CSV field, quoted when it must be (RFC 4180): what [`TableReader`] reads.
pub fn push_field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
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
    fn new(text: &'t str, separator: char, line: usize) -> Rows<'t> {
        Rows {
            text,
            at: 0,
            line,
            separator,
        }
    }

    /// The next row: the line it starts on, and its cells; `None` at the end, or (unless
    /// `last`: no more text comes) when the row is not complete yet.
    fn next_row(&mut self, last: bool) -> Result<Option<(usize, Vec<String>)>, TableError> {
        if self.at >= self.text.len() {
            return Ok(None);
        }
        let start = self.line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut chars = self.text[self.at..].char_indices().peekable();
        let mut quoted = false;
        let mut quote_line = 0;
        let mut end = None;
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
                    end = Some(self.at + i + 1);
                    break;
                }
                c => cell.push(c),
            }
        }
        if end.is_none() && !last {
            // More text comes: the row is read again then, whole.
            self.line = start;
            return Ok(None);
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
        self.at = end.unwrap_or(self.text.len());
        Ok(Some((start, cells)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_corpus;
    use crate::metadata::Field;

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
        assert_eq!(docs[0].first(Field::Source), Some("ARK News"));
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
        assert_eq!(d.first(Field::Source), Some("Moi"));
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
        assert_eq!(d.first(Field::Source), Some("الائتلاف"));
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

        /// Read in chunks of any size, in any of the encodings read, a table gives what it
        /// gives read whole (characters and rows cut anywhere by the chunks).
        #[test]
        fn chunks_read_as_the_whole(
            text in "[a-z,;\"\n\té€أب😀]{0,60}",
            encoding in 0..4usize,
            size in 1usize..9,
        ) {
            let bytes: Vec<u8> = match encoding {
                0 => text.clone().into_bytes(),
                1 => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
                2 => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
                // Windows-1252: é and € as single bytes.
                _ => text.chars().flat_map(|c| match c {
                    'é' => vec![0xE9],
                    '€' => vec![0x80],
                    c => c.to_string().into_bytes(),
                }).collect(),
            };
            let whole = crate::load::converted_lines(&bytes, crate::load::Converted::Table(false));
            let mut reader = TableReader::new(false);
            let mut chunked = Ok(String::new());
            for chunk in bytes.chunks(size) {
                chunked = chunked.and_then(|mut out: String| {
                    out.push_str(&reader.feed(chunk)?);
                    Ok(out)
                });
            }
            let chunked = chunked.and_then(|mut out| {
                out.push_str(&reader.finish()?);
                Ok((out, reader.warning()))
            });
            proptest::prop_assert_eq!(chunked, whole);
        }
    }
}
