//! Mail as people keep it: mbox files (Thunderbird, Apple Mail, Gmail's Takeout), single
//! `.eml` messages, and raw messages inside a corpus field (the Enron spreadsheet's
//! `message` column).
//!
//! # Overview
//! [`read_message`] reads one message (RFC 5322 with MIME): its headers, unfolded, with
//! encoded words (`=?UTF-8?B?…?=`, how every Arabic subject line travels) decoded; and its
//! text: the first plain-text part, or else the first HTML part as its text (see
//! [`crate::html`]), with base64 and quoted-printable undone and the part's charset read
//! (UTF-8, Latin-1 and Windows-1252, and for Arabic mail Windows-1256 and ISO-8859-6).
//! Attachments are left out. [`mbox_lines`] turns a whole mbox (or one message) into
//! JSON Lines in the corpus format, each message's line at the line where it starts in
//! the file, so that problems name the mbox's lines; the loader reads them as it reads
//! any JSON Lines. [`looks_like_message`] tells a raw message in a field, which the
//! loader then reads the same way.

use crate::json::write_string;

/// One message, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// `Message-ID`, without its angle brackets.
    pub id: Option<String>,
    /// `Subject`.
    pub subject: Option<String>,
    /// The sender's name as written in `From` (else the address).
    pub from: Option<String>,
    /// `To` and `Cc`, as written (decoded).
    pub to: Option<String>,
    /// See [`Message::to`].
    pub cc: Option<String>,
    /// `Date`, as written.
    pub date: Option<String>,
    /// Gmail's labels (`X-Gmail-Labels`, in a Takeout mbox), else the `Keywords` header:
    /// the message's tags.
    pub labels: Vec<String>,
    /// The text.
    pub body: String,
}

/// Headers that mark the start of a raw message (at least two of them in its head).
const MARKS: &[&str] = &[
    "message-id",
    "date",
    "from",
    "subject",
    "to",
    "received",
    "return-path",
    "mime-version",
    "x-from",
];

/// Whether `text` starts with a mail header block (see [`MARKS`]).
///
/// ```
/// use chronicle_core::mail::looks_like_message;
/// assert!(looks_like_message("Message-ID: <1@x>\nDate: Mon, 14 May 2001 16:39:00 -0700\n\nHi"));
/// // As an mbox held it, with its separator line (the SpamAssassin corpus):
/// assert!(looks_like_message("From a@b  Thu Aug 22 12:36:23 2002\nFrom: a@b\nSubject: Hi\n\nHi"));
/// assert!(!looks_like_message("Date: tomorrow. Subject: the talks, as agreed."));
/// ```
pub fn looks_like_message(text: &str) -> bool {
    let (head, _) = split_head(text.as_bytes());
    head.iter()
        .filter(|(name, _)| MARKS.contains(&name.as_str()))
        .count()
        >= 2
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// Reads one message. See the module docs.
///
/// ```
/// let raw = "From: =?UTF-8?B?2KfZhNin2KbYqtmE2KfZgQ==?= <press@example.org>\r\n\
///            Subject: =?UTF-8?Q?Talks_=E2=80=9Cresume=E2=80=9D?=\r\n\
///            Date: Wed, 17 Oct 2018 14:03:00 +0200\r\n\
///            Message-ID: <17@example.org>\r\n\r\nThe delegations met.\r\n";
/// let m = chronicle_core::mail::read_message(raw.as_bytes());
/// assert_eq!(m.from.as_deref(), Some("الائتلاف"));
/// assert_eq!(m.subject.as_deref(), Some("Talks “resume”"));
/// assert_eq!(m.id.as_deref(), Some("17@example.org"));
/// assert_eq!(m.body, "The delegations met.");
/// ```
pub fn read_message(raw: &[u8]) -> Message {
    let (head, body) = split_head(raw);
    let get = |name: &str| {
        head.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| decode_words(v))
            .filter(|v| !v.is_empty())
    };
    Message {
        id: get("message-id").map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string()),
        subject: get("subject"),
        from: get("from").map(|v| sender_name(&v)),
        to: get("to"),
        cc: get("cc"),
        date: get("date"),
        labels: get("x-gmail-labels")
            .or_else(|| get("keywords"))
            .map(|v| {
                v.split(',')
                    .map(|l| l.trim().trim_matches('"').to_string())
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        body: text_of(&head, body, 0)
            .map(|(t, _)| t)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// An mbox file (or a single message) as corpus JSON Lines, and the number of messages.
/// See [`MboxReader`].
pub fn mbox_lines(bytes: &[u8]) -> (String, usize) {
    let mut reader = MboxReader::default();
    let mut lines = reader.feed(bytes);
    lines.push_str(&reader.finish());
    (lines, reader.messages)
}

/// Reads an mbox as it arrives, chunk by chunk, holding only the message being read (a
/// Takeout mbox can be larger than the memory a tab has). Messages start at lines
/// beginning `From ` after a blank line (or at the top); lines the file escaped as
/// `>From ` are read as `From `. A message without a `Message-ID` is named
/// `message-<line>`. Each message's JSON line is placed at the line where the message
/// starts in the mbox, so that problems name the mbox's lines.
#[derive(Debug)]
pub struct MboxReader {
    /// Bytes from the start of the current message on.
    pending: Vec<u8>,
    /// Bytes of `pending` already split into lines.
    scanned: usize,
    /// Line number of the current message's first line, and of the next line to scan.
    first_line: usize,
    line: usize,
    /// Whether the last line scanned was blank.
    blank_before: bool,
    /// Lines of JSON written so far.
    lines_out: usize,
    /// Messages read.
    pub messages: usize,
}

impl Default for MboxReader {
    fn default() -> Self {
        MboxReader {
            pending: Vec::new(),
            scanned: 0,
            first_line: 1,
            line: 1,
            blank_before: true,
            lines_out: 1,
            messages: 0,
        }
    }
}

impl MboxReader {
    /// Adds bytes; returns the JSON Lines of the messages they complete.
    pub fn feed(&mut self, chunk: &[u8]) -> String {
        let chunk = match self.line == 1 && self.pending.is_empty() {
            true => chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk),
            false => chunk,
        };
        self.pending.extend_from_slice(chunk);
        let mut out = String::new();
        // Where the current message starts in `pending` (dropped once, at the end: a
        // large chunk holds many messages).
        let mut message = 0;
        while let Some(n) = self.pending[self.scanned..]
            .iter()
            .position(|&b| b == b'\n')
        {
            let (start, end) = (self.scanned, self.scanned + n + 1);
            let text = &self.pending[start..end];
            let blank = text.iter().all(u8::is_ascii_whitespace);
            if text.starts_with(b"From ") && self.blank_before {
                self.emit(message, start, &mut out);
                // The separator line is not part of the message.
                message = end;
                self.first_line = self.line + 1;
            }
            self.scanned = end;
            self.blank_before = blank;
            self.line += 1;
        }
        self.pending.drain(..message);
        self.scanned -= message;
        out
    }

    /// Ends the input: the JSON line of the last message.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        self.emit(0, self.pending.len(), &mut out);
        self.pending.clear();
        self.scanned = 0;
        out
    }

    /// Writes the message in `pending[from..to]`, if it has anything.
    fn emit(&mut self, from: usize, to: usize, out: &mut String) {
        let raw = unescape_from(&self.pending[from..to]);
        if raw.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        // The separator line before the message, if there was one.
        let start_line = if self.first_line > 1 {
            self.first_line - 1
        } else {
            1
        };
        self.messages += 1;
        while self.lines_out < start_line {
            out.push('\n');
            self.lines_out += 1;
        }
        write_document(&read_message(&raw), start_line, out);
        self.lines_out += 1;
    }
}

/// One message as a corpus document on one line (ending with its newline).
fn write_document(m: &Message, line: usize, out: &mut String) {
    out.push_str("{\"id\":");
    match &m.id {
        Some(id) => write_string(id, out),
        None => write_string(&format!("message-{line}"), out),
    }
    for (name, value) in [
        ("title", &m.subject),
        ("date", &m.date),
        ("source", &m.from),
    ] {
        if let Some(v) = value {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":");
            write_string(v, out);
        }
    }
    if !m.labels.is_empty() {
        out.push_str(",\"tags\":[");
        for (i, label) in m.labels.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_string(label, out);
        }
        out.push(']');
    }
    out.push_str(",\"body\":");
    write_string(&m.body, out);
    let mut meta = String::new();
    for (name, value) in [("to", &m.to), ("cc", &m.cc)] {
        if let Some(v) = value {
            meta.push_str(if meta.is_empty() { "{\"" } else { ",\"" });
            meta.push_str(name);
            meta.push_str("\":");
            write_string(v, &mut meta);
        }
    }
    if !meta.is_empty() {
        out.push_str(",\"meta\":");
        out.push_str(&meta);
        out.push('}');
    }
    out.push_str("}\n");
}

/// `>From ` lines (escaped by the mbox writer) as `From `.
fn unescape_from(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len());
    let mut at_line_start = true;
    let mut i = 0;
    while i < message.len() {
        if at_line_start {
            let quotes = message[i..].iter().take_while(|&&b| b == b'>').count();
            if quotes > 0 && message[i + quotes..].starts_with(b"From ") {
                i += 1;
            }
        }
        at_line_start = message[i] == b'\n';
        out.push(message[i]);
        i += 1;
    }
    out
}

/// A message's (or a part's) headers, names in lower case and values unfolded, and the
/// bytes after the blank line that ends them.
fn split_head(raw: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let mut head: Vec<(String, String)> = Vec::new();
    // A message as an mbox held it may keep its separator line (`From sender date`): it
    // is not a header.
    let mut at = match raw.starts_with(b"From ") {
        true => raw
            .iter()
            .position(|&b| b == b'\n')
            .map_or(raw.len(), |n| n + 1),
        false => 0,
    };
    while at < raw.len() {
        let end = raw[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(raw.len(), |n| at + n + 1);
        let line = latin_or_utf8(&raw[at..end]);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return (head, &raw[end..]);
        }
        if line.starts_with([' ', '\t']) {
            // A folded line continues the header before it.
            match head.last_mut() {
                Some((_, v)) => {
                    v.push(' ');
                    v.push_str(line.trim());
                }
                None => return (head, &raw[at..]),
            }
        } else {
            let Some((name, value)) = line.split_once(':').filter(|(n, _)| {
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_graphic() && b != b':')
            }) else {
                // Not a header: the text starts without a blank line.
                return (head, &raw[at..]);
            };
            head.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
        at = end;
    }
    (head, &raw[raw.len()..])
}

/// The text of a part (`depth`: how deep in multiparts), and whether it was plain text
/// (rather than HTML); `None` for an attachment or a part with no text.
fn text_of(head: &[(String, String)], body: &[u8], depth: usize) -> Option<(String, bool)> {
    let get = |name: &str| {
        head.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let content_type = get("content-type").unwrap_or("text/plain");
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if get("content-disposition").is_some_and(|d| d.to_ascii_lowercase().starts_with("attachment"))
    {
        return None;
    }
    if let Some(boundary) = mime
        .starts_with("multipart/")
        .then(|| param(content_type, "boundary"))
        .flatten()
        .filter(|_| depth < 8)
    {
        let mut html = None;
        for part in multipart(body, &boundary) {
            let (head, body) = split_head(part);
            match text_of(&head, body, depth + 1) {
                Some((text, true)) => return Some((text, true)),
                Some(found) if html.is_none() => html = Some(found),
                _ => {}
            }
        }
        return html;
    }
    let plain = matches!(mime.as_str(), "text/plain" | "text" | "");
    if !plain && mime != "text/html" {
        return None;
    }
    let bytes = match get("content-transfer-encoding").map(str::to_ascii_lowercase) {
        Some(e) if e == "base64" => base64(body),
        Some(e) if e == "quoted-printable" => quoted_printable(body, false),
        _ => body.to_vec(),
    };
    let text = decode(
        &bytes,
        param(content_type, "charset").as_deref().unwrap_or(""),
    );
    let text = text.replace("\r\n", "\n");
    Some(if plain {
        (text, true)
    } else {
        (crate::html::to_text(&text), false)
    })
}

/// The parts of a multipart body, between its `--boundary` lines.
fn multipart<'a>(body: &'a [u8], boundary: &str) -> Vec<&'a [u8]> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    while at < body.len() {
        let end = body[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |n| at + n + 1);
        let line = body[at..end].trim_ascii_end();
        if line.starts_with(delimiter.as_bytes()) {
            if let Some(s) = start {
                parts.push(&body[s..at]);
            }
            if line[delimiter.len()..].starts_with(b"--") {
                return parts;
            }
            start = Some(end);
        }
        at = end;
    }
    parts.extend(start.map(|s| &body[s..]));
    parts
}

/// A parameter of a header value (`charset=utf-8`, `boundary="abc"`).
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The name in `Name <address>` (unquoted), else the address.
fn sender_name(from: &str) -> String {
    let name = from
        .split('<')
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches('"')
        .trim();
    if name.is_empty() {
        from.trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string()
    } else {
        name.to_string()
    }
}

/// A header value with its encoded words (RFC 2047) decoded; the space between two
/// encoded words goes with them.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let decoded = encoded_word(&rest[start..]);
        let between = &rest[..start];
        match decoded {
            Some((text, used)) => {
                if !(after_word && between.trim().is_empty()) {
                    out.push_str(between);
                }
                out.push_str(&text);
                rest = &rest[start + used..];
                after_word = true;
            }
            None => {
                out.push_str(&rest[..start + 2]);
                rest = &rest[start + 2..];
                after_word = false;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// The encoded word at the start of `s` (`=?charset?B|Q?text?=`) and its length.
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let mut fields = s[2..].splitn(3, '?');
    let charset = fields.next()?;
    let encoding = fields.next()?;
    let rest = fields.next()?;
    let end = rest.find("?=")?;
    let text = &rest[..end];
    let bytes = match encoding {
        "B" | "b" => base64(text.as_bytes()),
        "Q" | "q" => quoted_printable(text.as_bytes(), true),
        _ => return None,
    };
    let used = 2 + charset.len() + 1 + encoding.len() + 1 + end + 2;
    Some((decode(&bytes, charset), used))
}

/// Base64, ignoring what is not of its alphabet (line breaks).
fn base64(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for &c in text {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Quoted-printable (`header`: the Q encoding of encoded words, where `_` is a space).
fn quoted_printable(text: &[u8], header: bool) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'=' => {
                let next = &text[i + 1..];
                if let (Some(h), Some(l)) = (
                    next.first().and_then(|&b| hex(b)),
                    next.get(1).and_then(|&b| hex(b)),
                ) {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                // A soft line break.
                let blank = next
                    .iter()
                    .take_while(|&&b| b == b' ' || b == b'\t')
                    .count();
                match &next[blank..] {
                    [b'\r', b'\n', ..] => i += blank + 3,
                    [b'\n', ..] => i += blank + 2,
                    _ => {
                        out.push(b'=');
                        i += 1;
                    }
                }
            }
            b'_' if header => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Windows-1256's letters from 0x80 up (Arabic mail written on Windows).
const WINDOWS_1256: [u16; 128] = [
    0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0679, 0x2039,
    0x0152, 0x0686, 0x0698, 0x0688, 0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C, 0x200D, 0x06BA, 0x00A0, 0x060C, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x06BE, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x061B, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x061F, 0x06C1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
    0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F, 0x0630, 0x0631, 0x0632, 0x0633,
    0x0634, 0x0635, 0x0636, 0x00D7, 0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641, 0x0642, 0x0643,
    0x00E0, 0x0644, 0x00E2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x0649, 0x064A, 0x00EE, 0x00EF, 0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7,
    0x0651, 0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E, 0x200F, 0x06D2,
];

/// Text in the named charset. UTF-8 (and anything unnamed or unknown that is valid
/// UTF-8) as such; Latin-1 and Windows-1252 as Windows-1252 (its superset in practice);
/// Windows-1256 and ISO-8859-6 (Arabic); otherwise UTF-8 with replacement characters, or
/// Windows-1252 if it is not UTF-8 at all.
fn decode(bytes: &[u8], charset: &str) -> String {
    let charset = charset.trim().to_ascii_lowercase();
    let high = |f: fn(u8) -> char| {
        bytes
            .iter()
            .map(|&b| if b < 0x80 { char::from(b) } else { f(b) })
            .collect()
    };
    match charset.as_str() {
        "iso-8859-1" | "latin1" | "iso-8859-15" | "windows-1252" | "cp1252" => {
            crate::csv::windows_1252(bytes)
        }
        "windows-1256" | "cp1256" => high(|b| {
            char::from_u32(u32::from(WINDOWS_1256[usize::from(b - 0x80)])).unwrap_or('\u{FFFD}')
        }),
        "iso-8859-6" | "arabic" => high(|b| {
            let c = match b {
                0xA0 | 0xA4 | 0xAD => u32::from(b),
                0xAC => 0x060C,
                0xBB => 0x061B,
                0xBF => 0x061F,
                0xC1..=0xDA => 0x0621 + u32::from(b - 0xC1),
                0xE0..=0xF2 => 0x0640 + u32::from(b - 0xE0),
                _ => 0xFFFD,
            };
            char::from_u32(c).unwrap_or('\u{FFFD}')
        }),
        _ => latin_or_utf8(bytes),
    }
}

/// UTF-8 if it is, else Windows-1252.
fn latin_or_utf8(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => crate::csv::windows_1252(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::Field;

    const MULTIPART: &str = "From: \"Press Office\" <press@example.org>\n\
        To: list@example.org\n\
        Subject: =?UTF-8?B?2KjZitin2YY=?= =?UTF-8?B?INi12K3ZgdmK?=\n\
        Date: Thu, 18 Oct 2018 09:00:00 +0300\n\
        MIME-Version: 1.0\n\
        Content-Type: multipart/mixed; boundary=\"outer\"\n\
        \n\
        This is a multi-part message.\n\
        --outer\n\
        Content-Type: multipart/alternative; boundary=inner\n\
        \n\
        --inner\n\
        Content-Type: text/html; charset=utf-8\n\
        \n\
        <p>HTML version</p>\n\
        --inner\n\
        Content-Type: text/plain; charset=windows-1256\n\
        Content-Transfer-Encoding: quoted-printable\n\
        \n\
        =C8=ED=C7=E4 soft=\n\
        break\n\
        --inner--\n\
        --outer\n\
        Content-Type: text/plain; name=notes.txt\n\
        Content-Disposition: attachment; filename=notes.txt\n\
        \n\
        not the text\n\
        --outer--\n";

    #[test]
    fn the_plain_part_is_read_in_its_charset_and_attachments_left_out() {
        let m = read_message(MULTIPART.as_bytes());
        assert_eq!(m.subject.as_deref(), Some("بيان صحفي"));
        assert_eq!(m.from.as_deref(), Some("Press Office"));
        assert_eq!(m.to.as_deref(), Some("list@example.org"));
        assert_eq!(m.body, "بيان softbreak");
    }

    #[test]
    fn html_alone_is_read_as_text_and_base64_is_undone() {
        let raw = "Subject: x\nContent-Type: text/html; charset=UTF-8\n\
                   Content-Transfer-Encoding: base64\n\nPHA+SGVsbG8gPGI+d29ybGQ8L2I+PC9wPg==\n";
        assert_eq!(read_message(raw.as_bytes()).body, "Hello world");
        let latin = b"Subject: caf\xe9\n\ncaf\xe9 =?bad\n";
        let m = read_message(latin);
        assert_eq!(
            (m.subject.as_deref(), m.body.as_str()),
            (Some("café"), "café =?bad")
        );
    }

    #[test]
    fn an_mbox_is_its_messages_each_at_its_line() {
        let mbox = "From press@example.org Thu Oct 18 09:00:00 2018\n\
            Message-ID: <a@x>\nSubject: First\nDate: Thu, 18 Oct 2018 09:00:00 +0300\n\
            X-Gmail-Labels: Inbox,Important,\"Geneva 2018\"\n\n\
            Body one\n>From the archive, quoted\n\n\
            From other@example.org Fri Oct 19 10:00:00 2018\n\
            Subject: Second\nFrom: Other <other@example.org>\n\nBody two\n";
        let (lines, count) = mbox_lines(mbox.as_bytes());
        assert_eq!(count, 2);
        let loaded = crate::load::load_json_lines(lines.as_bytes()).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let docs = &loaded.corpus.documents;
        assert_eq!(
            (docs[0].id.as_str(), docs[0].title.as_str()),
            ("a@x", "First")
        );
        assert_eq!(docs[0].body, "Body one\nFrom the archive, quoted");
        // Gmail's labels are the tags (a facet).
        assert_eq!(
            docs[0].values(Field::Tag),
            ["Inbox", "Important", "Geneva 2018"]
        );
        assert_eq!(
            docs[0].date.map(|d| d.to_iso()).as_deref(),
            Some("2018-10-18T09:00:00+03:00")
        );
        // The second has no Message-ID: it is named by the line it starts on.
        assert_eq!(
            (docs[1].id.as_str(), docs[1].first(Field::Source)),
            ("message-10", Some("Other"))
        );
        assert_eq!(lines.lines().position(|l| l.contains("Second")), Some(9));
    }

    #[test]
    fn a_single_message_file_is_one_document() {
        let (lines, count) = mbox_lines(b"Subject: Alone\r\nFrom: a@b\r\n\r\nText\r\n");
        assert_eq!(count, 1);
        assert!(
            lines.starts_with("{\"id\":\"message-1\",\"title\":\"Alone\""),
            "{lines}"
        );
        assert_eq!(mbox_lines(b"").1, 0);
    }

    proptest::proptest! {
        /// Any bytes are read without panicking.
        #[test]
        fn any_bytes_are_read(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let _ = read_message(&bytes);
            let _ = mbox_lines(&bytes);
        }

        /// Read in chunks of any size, an mbox gives what it gives read whole.
        #[test]
        fn chunks_read_as_the_whole(
            lines in proptest::collection::vec("(From x|>From y|Subject: s|Message-ID: <[ab]>|body|)", 0..30),
            size in 1usize..40,
        ) {
            let text = lines.join("\n");
            let mut reader = MboxReader::default();
            let mut out = String::new();
            for chunk in text.as_bytes().chunks(size) {
                out.push_str(&reader.feed(chunk));
            }
            out.push_str(&reader.finish());
            proptest::prop_assert_eq!((out, reader.messages), mbox_lines(text.as_bytes()));
        }

        #[test]
        fn headers_and_encodings_never_panic(s in "(=\\?[a-z0-9-]{0,6}\\?[BbQqx]\\?[A-Za-z0-9=_+/]{0,12}\\?= ?|=[0-9A-F]{0,2}|[a-z: \\n-]){0,12}") {
            let _ = decode_words(&s);
            let _ = read_message(format!("Subject: {s}\nContent-Transfer-Encoding: quoted-printable\n\n{s}").as_bytes());
        }
    }
}
