//! What the reader is looking at, as data: [`ViewState`], and its `location.hash` form.
//!
//! # Overview
//! Everything a link must restore lives in [`ViewState`]: the query, the facet values and
//! date range chosen, the timeline's zoom, the queries compared over time and their scale
//! (`series=idlib|aleppo&share=1`), the result order, the list or chronology view,
//! whether identical copies are listed (`copies=1`), and the open document; also compact
//! chrome for an iframe (`embed=1`) and a forced [`Theme`].
//! Values are written with [`chronicle_core::fragment`]. [`ViewState::from_hash`] and [`ViewState::to_hash`] convert it to
//! and from the URL fragment
//! (`#q=idlib&f.source=Syrian+Coalition&range=2018&view=chronology&doc=…`). The fragment is
//! used instead of the path so that links work from `file://`, on any static host and
//! under any sub-path. Unknown keys are ignored, so old links keep working.
//!
//! This module is pure Rust (no browser types) and is unit-tested natively.

use chronicle_core::browse::{Facet, Selection};
use chronicle_core::fragment::{decode, encode};
use chronicle_core::locale::Lang;
use chronicle_core::query::{parse_date_range, DateRange};
use chronicle_core::series::tidy;
use chronicle_core::timeline::format_range;
use chronicle_core::Sort;

/// How results are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Ranked rows.
    #[default]
    List,
    /// Under year and month headings, in date order.
    Chronology,
}

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Whatever the reader's system prefers.
    System,
    /// Light, whatever the system says.
    Light,
    /// Dark, whatever the system says.
    Dark,
}

impl Theme {
    /// Reads `light` or `dark` (anything else is no choice).
    pub fn parse(value: &str) -> Option<Theme> {
        match value {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The `data-theme` value, if any.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    /// The theme after a press of the button: away from what the system shows first, then
    /// the other one, then back to following the system.
    pub fn next(self, system_is_dark: bool) -> Theme {
        match (self, system_is_dark) {
            (Theme::System, false) | (Theme::Light, true) => Theme::Dark,
            (Theme::System, true) | (Theme::Dark, false) => Theme::Light,
            (Theme::Dark, true) | (Theme::Light, false) => Theme::System,
        }
    }
}

/// The reader's view, as a link would carry it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewState {
    /// The search box text.
    pub q: String,
    /// Facet values and the date range chosen.
    pub selection: Selection,
    /// The timeline's visible span (first and last day), if zoomed.
    pub zoom: Option<(i32, i32)>,
    /// The result order.
    pub sort: Sort,
    /// List or chronology.
    pub view: View,
    /// The `id` of the open document.
    pub doc: Option<String>,
    /// Compact chrome, for an iframe (`embed=1`).
    pub embed: bool,
    /// A forced colour theme (`theme=light` or `theme=dark`).
    pub theme: Option<Theme>,
    /// Queries compared on the timeline (`series=idlib|aleppo`).
    pub series: Vec<String>,
    /// Whether the compared queries show their share of each bar's documents
    /// (`share=1`), not counts.
    pub share: bool,
    /// Whether identical copies are listed (`copies=1`), not folded into the first.
    pub copies: bool,
    /// The interface's language, if the link names one (`lang=ar`).
    pub lang: Option<Lang>,
}

fn range_to_span(r: DateRange) -> Option<(i32, i32)> {
    Some((r.start?, r.end?))
}

impl ViewState {
    /// Reads a fragment, with or without its leading `#`. Never fails: what cannot be read
    /// is ignored.
    pub fn from_hash(hash: &str) -> ViewState {
        let mut state = ViewState::default();
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        for pair in hash.split('&') {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(raw);
            match key {
                "q" => state.q = value,
                "sort" => state.sort = Sort::from_name(&value).unwrap_or_default(),
                "doc" if !value.is_empty() => state.doc = Some(value),
                "view" if value == "chronology" => state.view = View::Chronology,
                "embed" => state.embed = value == "1" || value == "true",
                "theme" => state.theme = Theme::parse(&value),
                "range" => state.selection.range = parse_date_range(&value).ok(),
                "zoom" => state.zoom = parse_date_range(&value).ok().and_then(range_to_span),
                // Split before decoding: a `|` inside a query is written `%7C`.
                "series" => state.series = tidy(&raw.split('|').map(decode).collect::<Vec<_>>()),
                "share" => state.share = value == "1",
                "copies" => state.copies = value == "1",
                "lang" => state.lang = Lang::from_tag(&value),
                _ => {
                    if let Some(facet) = key.strip_prefix("f.").and_then(Facet::from_key) {
                        if !value.is_empty() && !state.selection.has(facet, &value) {
                            state.selection.toggle(facet, &value);
                        }
                    }
                }
            }
        }
        state
    }

    /// The fragment without `#`; empty for the default view.
    pub fn to_hash(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        for (facet, values) in &self.selection.values {
            for v in values {
                parts.push(format!("f.{}={}", facet.key(), encode(v)));
            }
        }
        if let Some(r) = &self.selection.range {
            parts.push(format!("range={}", encode(&format_range(r))));
        }
        if let Some((a, b)) = self.zoom {
            let z = DateRange {
                start: Some(a),
                end: Some(b),
            };
            parts.push(format!("zoom={}", encode(&format_range(&z))));
        }
        if self.sort != Sort::Relevance {
            parts.push(format!("sort={}", self.sort.name()));
        }
        if self.view == View::Chronology {
            parts.push("view=chronology".to_string());
        }
        if self.copies {
            parts.push("copies=1".to_string());
        }
        if let Some(doc) = &self.doc {
            parts.push(format!("doc={}", encode(doc)));
        }
        if self.embed {
            parts.push("embed=1".to_string());
        }
        if let Some(t) = self.theme.and_then(Theme::attribute) {
            parts.push(format!("theme={t}"));
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang={}", l.code()));
        }
        if !self.series.is_empty() {
            let mut list = String::from("series=");
            for (i, q) in self.series.iter().enumerate() {
                if i > 0 {
                    list.push('|');
                }
                list.push_str(&encode(q));
            }
            parts.push(list);
            if self.share {
                parts.push("share=1".to_string());
            }
        }
        parts.join("&")
    }
}

/// Value of a single key in a fragment, decoded (for keys outside [`ViewState`], such as
/// the `debug` test hook).
pub fn hash_param(hash: &str, key: &str) -> Option<String> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    hash.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == key).then(|| decode(v))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_queries_and_documents() {
        let mut selection = Selection::default();
        selection.toggle(
            Facet::Field(chronicle_core::query::Field::Source),
            "Syrian & Co = 1",
        );
        selection.toggle(
            Facet::Field(chronicle_core::query::Field::Source),
            "Abraham Lincoln",
        );
        selection.toggle(Facet::Year, "1861");
        selection.range = parse_date_range("1861-03..1865").ok();
        let s = ViewState {
            q: "idlib \"UN-led\" a&b=c #1 +x résumé".into(),
            selection,
            zoom: parse_date_range("1860..1869").ok().and_then(range_to_span),
            sort: Sort::Oldest,
            view: View::Chronology,
            doc: Some("press-release-2018-10-17".into()),
            embed: true,
            theme: Some(Theme::Dark),
            series: vec!["idlib".into(), "a|b c".into(), "أدلب".into()],
            share: true,
            copies: true,
            lang: Some(Lang::Ar),
        };
        let hash = s.to_hash();
        assert!(hash.contains("copies=1"), "{hash}");
        assert!(hash.contains("lang=ar"), "{hash}");
        assert!(!hash.contains(' ') && !hash.contains('#'));
        assert!(hash.contains("range=1861-03..1865"), "{hash}");
        assert!(hash.contains("zoom=1860..1869"), "{hash}");
        assert!(hash.contains("series=idlib|a%7Cb+c|%D8"), "{hash}");
        assert_eq!(ViewState::from_hash(&format!("#{hash}")), s);
    }

    #[test]
    fn the_default_view_has_an_empty_fragment() {
        assert_eq!(ViewState::default().to_hash(), "");
        assert_eq!(ViewState::from_hash(""), ViewState::default());
        assert_eq!(ViewState::from_hash("#"), ViewState::default());
    }

    #[test]
    fn reads_hand_written_links_and_ignores_junk() {
        let s = ViewState::from_hash("#q=idlib%20talks&doc=&zzz=1&%%&sort=sideways");
        assert_eq!(s.q, "idlib talks");
        assert_eq!(s.doc, None);
        assert_eq!(s.sort, Sort::Relevance);
        assert_eq!(
            ViewState::from_hash("#sort=newest").to_hash(),
            "sort=newest"
        );
    }

    #[test]
    fn a_hand_written_series_keeps_five_distinct_queries() {
        let s = ViewState::from_hash("#series=idlib|aleppo||idlib|geneva|a|b|c&share=1");
        assert_eq!(s.series, ["idlib", "aleppo", "geneva", "a", "b"]);
        assert!(s.share);
        assert_eq!(s.to_hash(), "series=idlib|aleppo|geneva|a|b&share=1");
        // A share with nothing to compare is not written.
        assert_eq!(ViewState::from_hash("#share=1").to_hash(), "");
    }

    #[test]
    fn reads_single_params() {
        assert_eq!(
            hash_param("#q=x&debug=panic", "debug").as_deref(),
            Some("panic")
        );
        assert_eq!(hash_param("#q=x", "debug"), None);
    }

    #[test]
    fn the_first_press_always_changes_what_is_shown() {
        assert_eq!(Theme::System.next(false), Theme::Dark);
        assert_eq!(Theme::System.next(true), Theme::Light);
    }

    #[test]
    fn three_presses_come_back_to_the_system() {
        for dark in [false, true] {
            let mut t = Theme::System;
            let mut seen = vec![t];
            for _ in 0..3 {
                t = t.next(dark);
                seen.push(t);
            }
            assert_eq!(seen[3], Theme::System, "system dark: {dark}");
            assert!(seen[1..3].contains(&Theme::Light) && seen[1..3].contains(&Theme::Dark));
        }
    }

    #[test]
    fn only_light_and_dark_are_choices() {
        assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse("light"), Some(Theme::Light));
        assert_eq!(Theme::parse("auto"), None);
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
        assert_eq!(Theme::System.attribute(), None);
    }
}
