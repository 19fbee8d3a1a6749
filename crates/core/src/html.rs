//! The text of HTML that an export declares as HTML (WordPress's `"rendered"` values,
//! Ghost's `html` field), for reading and searching.
//!
//! # Overview
//! Chronicle never renders corpus text as HTML. Most fields are text and stay exactly as
//! written, markup included. Some exports, though, say a value *is* HTML: keeping its tags
//! would show `<p>` in every snippet and index `strong` and `nbsp` as words. [`to_text`]
//! reads such a value the way a browser would show it as text: tags dropped (and the
//! contents of `script`, `style`, `template` and comments with them), block elements and
//! `<br>` as line breaks, paragraphs separated by a blank line, runs of spaces collapsed,
//! character references decoded. It never fails: what is not markup is kept as text.

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "hr",
    "dl",
    "dt",
    "dd",
    "address",
    "details",
    "summary",
    "main",
    "nav",
];

/// Elements whose contents are not text.
const HIDDEN: &[&str] = &["script", "style", "template", "head", "noscript"];

/// Named character references beyond the five of XML that exports commonly write.
const NAMED: &[(&str, char)] = &[
    ("nbsp", ' '),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("middot", '·'),
    ("bull", '•'),
    ("euro", '€'),
    ("pound", '£'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
];

/// The text of an HTML fragment. See the module docs.
///
/// ```
/// use chronicle_core::html::to_text;
/// assert_eq!(
///     to_text("<p>The coalition <strong>welcomes</strong> the&nbsp;talks.</p>\n<p>Q&amp;A</p>"),
///     "The coalition welcomes the talks.\n\nQ&A"
/// );
/// assert_eq!(to_text("Coalition welcomes &#8220;talks&#8221;"), "Coalition welcomes “talks”");
/// ```
pub fn to_text(html: &str) -> String {
    let mut out = Text::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_text(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some((name, closing, end)) = tag(rest) else {
            // A `<` that opens no tag is text.
            out.push_text("<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[end..];
        if !closing && HIDDEN.contains(&name.as_str()) {
            let close = format!("</{name}");
            rest = find_ignoring_case(rest, &close).map_or("", |at| {
                let after = &rest[at..];
                after.find('>').map_or("", |gt| &after[gt + 1..])
            });
        } else if name == "br" {
            out.line_break();
        } else if BLOCKS.contains(&name.as_str()) {
            out.paragraph_break();
        }
    }
    out.push_text(rest);
    out.finish()
}

/// The tag at the start of `s` (which starts with `<`): its lower-case name, whether it
/// closes, and its length; `None` if `s` does not start a tag.
fn tag(s: &str) -> Option<(String, bool, usize)> {
    let b = s.as_bytes();
    let closing = b.get(1) == Some(&b'/');
    let start = 1 + usize::from(closing);
    let name_len = b[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let first = *b.get(start)?;
    if name_len == 0 && first != b'!' && first != b'?'
        || name_len > 0 && !first.is_ascii_alphabetic()
    {
        return None;
    }
    // The tag ends at the first `>` outside quoted attribute values.
    let mut quote = None;
    let end = b[start..].iter().position(|&c| {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None => return c == b'>',
        }
        false
    })?;
    let name = s[start..start + name_len].to_ascii_lowercase();
    Some((name, closing, start + end + 1))
}

/// The byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Text being written: spaces collapsed, breaks kept, references decoded.
#[derive(Default)]
struct Text {
    out: String,
    /// A space is owed before the next word.
    space: bool,
    /// Line breaks owed before the next word (at most two: a blank line).
    breaks: usize,
}

impl Text {
    fn push_text(&mut self, s: &str) {
        let mut rest = s;
        while let Some(amp) = rest.find('&') {
            self.push_plain(&rest[..amp]);
            let (decoded, used) = reference(&rest[amp..]);
            match decoded {
                Some(c) => self.push_char(c),
                None => self.push_plain("&"),
            }
            rest = &rest[amp + used..];
        }
        self.push_plain(rest);
    }

    fn push_plain(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        if c.is_whitespace() && c != '\u{A0}' {
            self.space = true;
            return;
        }
        if !self.out.is_empty() {
            if self.breaks > 0 {
                self.out
                    .push_str(if self.breaks > 1 { "\n\n" } else { "\n" });
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.breaks = 0;
        self.space = false;
        self.out.push(if c == '\u{A0}' { ' ' } else { c });
    }

    fn line_break(&mut self) {
        self.breaks = self.breaks.max(1);
    }

    fn paragraph_break(&mut self) {
        self.breaks = 2;
    }

    fn finish(self) -> String {
        self.out
    }
}

/// The character reference at the start of `s` (which starts with `&`) and the bytes it
/// takes; `(None, 1)` if there is none.
fn reference(s: &str) -> (Option<char>, usize) {
    let Some(semi) = s[1..].find(';').filter(|&n| (1..=10).contains(&n)) else {
        return (None, 1);
    };
    let body = &s[1..1 + semi];
    let c = match body.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        }
        .and_then(char::from_u32)
        .filter(|&c| c != '\0'),
        None => match body {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => NAMED.iter().find(|(n, _)| *n == body).map(|&(_, c)| c),
        },
    };
    match c {
        Some(c) => (Some(c), semi + 2),
        None => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_make_paragraphs_and_inline_tags_vanish() {
        let html = "<h2>Statement</h2>\n<p>The <a href=\"/x?a=1&amp;b=2\" title='a > b'>coalition</a>\n   \
                    welcomes<br/>the talks.</p><ul><li>One</li><li>Two</li></ul>";
        assert_eq!(
            to_text(html),
            "Statement\n\nThe coalition welcomes\nthe talks.\n\nOne\n\nTwo"
        );
    }

    #[test]
    fn scripts_styles_and_comments_are_not_text() {
        let html = "<p>a</p><script>var x = '<p>no</p>';</script><STYLE>p{}</STYLE><!-- note -->b";
        assert_eq!(to_text(html), "a\n\nb");
        assert_eq!(to_text("a<script>never closed"), "a");
        assert_eq!(to_text("a<!-- never closed"), "a");
    }

    #[test]
    fn what_is_not_markup_stays_text() {
        assert_eq!(to_text("1 < 2 and 3 <4"), "1 < 2 and 3 <4");
        assert_eq!(
            to_text("AT&T &unknown; &#0; &#xD83D;"),
            "AT&T &unknown; &#0; &#xD83D;"
        );
        assert_eq!(to_text("<b unclosed"), "<b unclosed");
        assert_eq!(to_text("بيان&nbsp;<b>صحفي</b>"), "بيان صحفي");
        assert_eq!(to_text(""), "");
    }

    proptest::proptest! {
        /// Any input gives text, without panicking, and plain text without `<` or `&`
        /// comes back with only its spaces collapsed.
        #[test]
        fn any_input_reads(s in "\\PC{0,60}") {
            let _ = to_text(&s);
        }

        #[test]
        fn plain_words_are_kept(words in proptest::collection::vec("[a-zA-Z\u{600}-\u{6FF}]{1,8}", 0..10)) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(to_text(&format!("<p>{text}</p>")), text);
        }
    }
}
