//! Citing a document: a formatted reference to paste, and its BibTeX entry.
//!
//! # Overview
//! A [`Citation`] holds what a reference needs: who published the document (its source,
//! and the dateline agency when there is one), its title, its date at its own precision,
//! the archive it was read in, and the permalink that reopens this view. [`Citation::text`]
//! writes it in the author–title–date order of the common styles (Chicago's notes and
//! bibliography for web documents); [`Citation::bibtex`] writes a `@misc` entry, every
//! field escaped so that any title is valid BibTeX.

use std::fmt::Write as _;

use crate::date::{Date, Precision, MONTHS};
use crate::locale::{self, Lang};

/// What a reference to one document says. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citation {
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub source: Option<String>,
    /// A dateline agency such as "ARK News".
    pub agency: Option<String>,
    /// When, at its own precision.
    pub date: Option<Date>,
    /// The archive's title.
    pub archive: Option<String>,
    /// The link that opens this document in this view.
    pub permalink: String,
    /// The day the reader consulted it (ISO `YYYY-MM-DD`), if known.
    pub accessed: Option<String>,
}

/// A document's date as a citation gives it: at its precision, never finer than the day;
/// in English written out (`17 October 2018`), in Arabic as the interface writes dates.
fn cited_date(lang: Lang, d: Date) -> String {
    let (y, m, day) = d.ymd();
    match (lang, d.precision()) {
        (Lang::En, _) => long_date(d),
        (_, Precision::Time) => locale::date(lang, &Date::from_ymd(y, m, day).unwrap_or(d)),
        _ => locale::date(lang, &d),
    }
}

/// A date written out at its precision: `17 October 2018`, `October 2018`, `2018`.
fn long_date(d: Date) -> String {
    let (y, m, day) = d.ymd();
    let month = MONTHS[m as usize - 1];
    match d.precision() {
        Precision::Year => y.to_string(),
        Precision::Month => format!("{month} {y}"),
        Precision::Day | Precision::Time => format!("{day} {month} {y}"),
    }
}

impl Citation {
    /// Who to name first: the source, with the agency in parentheses when both are known.
    fn author(&self) -> Option<String> {
        match (&self.source, &self.agency) {
            (Some(s), Some(a)) if s != a => Some(format!("{s} ({a})")),
            (Some(s), _) => Some(s.clone()),
            (None, Some(a)) => Some(a.clone()),
            (None, None) => None,
        }
    }

    /// The reference as text.
    ///
    /// ```
    /// use chronicle_core::cite::Citation;
    /// let c = Citation {
    ///     title: "Talks resume".into(),
    ///     source: Some("Syrian Coalition".into()),
    ///     agency: Some("ARK News".into()),
    ///     date: chronicle_core::Date::parse_iso("2018-10-17").ok(),
    ///     archive: Some("Press releases".into()),
    ///     permalink: "https://example.org/#doc=talks".into(),
    ///     accessed: Some("2026-11-28".into()),
    /// };
    /// assert_eq!(c.text(), "Syrian Coalition (ARK News). “Talks resume.” 17 October 2018. \
    ///     In Press releases. https://example.org/#doc=talks (accessed 2026-11-28).");
    /// ```
    pub fn text(&self) -> String {
        self.text_in(Lang::En)
    }

    /// The reference as text in the interface's language: [`Citation::text`] in English;
    /// in Arabic the same order with «» quotes, the dates in Arabic
    /// ([`crate::locale::date`]), the archive after «في» and the day consulted as
    /// «تاريخ الاطلاع».
    ///
    /// ```
    /// use chronicle_core::cite::Citation;
    /// use chronicle_core::locale::Lang;
    /// let c = Citation {
    ///     title: "Talks resume".into(),
    ///     source: Some("الائتلاف الوطني السوري".into()),
    ///     date: chronicle_core::Date::parse_iso("2018-10-17T14:03").ok(),
    ///     archive: Some("Press releases".into()),
    ///     permalink: "https://example.org/#doc=talks".into(),
    ///     accessed: Some("2026-11-28".into()),
    ///     ..Default::default()
    /// };
    /// assert_eq!(c.text_in(Lang::Ar), "الائتلاف الوطني السوري. «Talks resume». ١٧ أكتوبر ٢٠١٨. \
    ///     في Press releases. https://example.org/#doc=talks (تاريخ الاطلاع: ٢٨ نوفمبر ٢٠٢٦).");
    /// assert_eq!(c.text_in(Lang::En), c.text());
    /// ```
    pub fn text_in(&self, lang: Lang) -> String {
        let mut s = String::new();
        if let Some(a) = self.author() {
            s.push_str(a.trim_end_matches('.'));
            s.push_str(". ");
        }
        let title = self.title.trim_end_matches(['.', ' ']);
        let _ = match lang {
            Lang::En => write!(s, "“{title}.”"),
            Lang::Ar => write!(s, "«{title}»."),
        };
        if let Some(d) = self.date {
            let _ = write!(s, " {}.", cited_date(lang, d));
        }
        if let Some(a) = &self.archive {
            let within = match lang {
                Lang::En => "In",
                Lang::Ar => "في",
            };
            let _ = write!(s, " {within} {}.", a.trim_end_matches('.'));
        }
        let _ = write!(s, " {}", self.permalink);
        match (&self.accessed, lang) {
            (Some(day), Lang::En) => {
                let _ = write!(s, " (accessed {day}).");
            }
            (Some(iso), Lang::Ar) => {
                let shown = Date::parse_iso(iso).map_or(iso.clone(), |d| locale::date(lang, &d));
                let _ = write!(s, " (تاريخ الاطلاع: {shown}).");
            }
            (None, _) => s.push('.'),
        }
        s
    }

    /// The reference as a BibTeX `@misc` entry, keyed by author, year and title word.
    ///
    /// ```
    /// use chronicle_core::cite::Citation;
    /// let c = Citation {
    ///     title: "Talks {resume} & 100% of it".into(),
    ///     source: Some("Syrian Coalition".into()),
    ///     date: chronicle_core::Date::parse_iso("2018-10").ok(),
    ///     permalink: "https://example.org/#doc=talks".into(),
    ///     ..Default::default()
    /// };
    /// let b = c.bibtex();
    /// assert!(b.starts_with("@misc{syrian2018talks,\n"));
    /// assert!(b.contains("  title = {Talks \\{resume\\} \\& 100\\% of it},\n"));
    /// assert!(b.contains("  author = {{Syrian Coalition}},\n"));
    /// assert!(b.contains("  year = {2018},\n  month = oct,\n"));
    /// ```
    pub fn bibtex(&self) -> String {
        self.bibtex_keyed(&self.key())
    }

    /// The BibTeX entry under a given key (a list of entries needs unique keys).
    pub fn bibtex_keyed(&self, key: &str) -> String {
        const SHORT: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let year = self.date.map(|d| d.year());
        // (name, value, whether the value is braced: BibTeX's month macros are not).
        let mut fields: Vec<(&str, String, bool)> = vec![("title", escape(&self.title), true)];
        if let Some(a) = self.author() {
            // Double braces: an organisation's name, not a person's to be inverted.
            fields.push(("author", format!("{{{}}}", escape(&a)), true));
        }
        if let Some(y) = year {
            fields.push(("year", y.to_string(), true));
        }
        if let Some(d) = self.date.filter(|d| d.precision() != Precision::Year) {
            fields.push(("month", SHORT[d.ymd().1 as usize - 1].to_string(), false));
        }
        if let Some(a) = &self.archive {
            fields.push(("howpublished", escape(a), true));
        }
        fields.push(("url", self.permalink.replace(['{', '}'], ""), true));
        if let Some(day) = &self.accessed {
            fields.push(("urldate", day.clone(), true));
        }
        let mut out = format!("@misc{{{key},\n");
        for (name, value, braced) in fields {
            let _ = if braced {
                writeln!(out, "  {name} = {{{value}}},")
            } else {
                writeln!(out, "  {name} = {value},")
            };
        }
        out.push_str("}\n");
        out
    }

    /// A citation key: the author's first word, the year, the title's first long word.
    pub fn key(&self) -> String {
        let year = self.date.map(|d| d.year());
        let word = |s: &str, min: usize| -> String {
            s.split(|c: char| !c.is_alphanumeric())
                .find(|w| w.chars().count() >= min && w.chars().all(|c| c.is_ascii_alphanumeric()))
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        let author = self.author().map(|a| word(&a, 1)).unwrap_or_default();
        let year = year.map(|y| y.to_string()).unwrap_or_default();
        let key = format!("{author}{year}{}", word(&self.title, 4));
        if key.is_empty() {
            "document".to_string()
        } else {
            key
        }
    }
}

/// Text as BibTeX reads it literally: its special characters escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Citation {
        Citation {
            title: "The Coalition … Reinvigorate UN-led Political Process".into(),
            source: Some("Syrian Coalition".into()),
            agency: Some("ARK News".into()),
            date: Date::parse_iso("2018-10-17").ok(),
            archive: Some("Chronicle demo".into()),
            permalink: "file:///tmp/chronicle.html#doc=press-release-2018-10-17".into(),
            accessed: None,
        }
    }

    #[test]
    fn a_document_without_source_or_date_is_cited_by_title_and_link() {
        let c = Citation {
            title: "Notes".into(),
            permalink: "https://e.org/#doc=n".into(),
            ..Default::default()
        };
        assert_eq!(c.text(), "“Notes.” https://e.org/#doc=n.");
        let b = c.bibtex();
        assert!(b.starts_with("@misc{notes,\n"), "{b}");
        assert!(!b.contains("author"));
        assert!(!b.contains("year"));
    }

    #[test]
    fn the_seed_is_cited_with_its_source_agency_date_archive_and_link() {
        let t = seed().text();
        assert_eq!(
            t,
            "Syrian Coalition (ARK News). “The Coalition … Reinvigorate UN-led Political \
             Process.” 17 October 2018. In Chronicle demo. \
             file:///tmp/chronicle.html#doc=press-release-2018-10-17."
        );
        let b = seed().bibtex();
        assert!(b.starts_with("@misc{syrian2018coalition,\n"), "{b}");
        assert!(b.contains("  month = oct,\n"));
        assert!(b.contains("  howpublished = {Chronicle demo},\n"));
        assert!(b.ends_with("}\n"));
    }

    #[test]
    fn any_title_gives_balanced_bibtex() {
        for title in [
            "}{",
            "a}b",
            "\\end{document}",
            "50% & $5 #1 ~x^y_z",
            "سطر\nآخر",
        ] {
            let c = Citation {
                title: title.into(),
                permalink: "x".into(),
                ..seed()
            };
            let b = c.bibtex();
            let depth = b
                .chars()
                .fold((0i32, false, true), |(d, esc, ok), ch| match ch {
                    '\\' if !esc => (d, true, ok),
                    '{' if !esc => (d + 1, false, ok),
                    '}' if !esc => (d - 1, false, ok && d > 0),
                    _ => (d, false, ok),
                });
            assert_eq!((depth.0, depth.2), (0, true), "{title}: {b}");
        }
    }
}
