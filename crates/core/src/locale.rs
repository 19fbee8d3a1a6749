//! The interface's languages, English and Arabic: how each counts, writes numbers and
//! says dates.
//!
//! # Overview
//! The page's words live in its catalogue (the app's `i18n` module); what follows rules
//! rather than a list is here, where it is tested: [`Lang`] (which language, from a tag
//! such as `ar-SY`, and which way it is written), [`plural`] (CLDR's plural categories:
//! English has *one* and *other*, Arabic *zero*, *one*, *two*, *few*, *many* and
//! *other*), [`number`], and dates at their own precision ([`date`], [`period`],
//! [`range`]).
//!
//! Digits: Arabic is written with Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩), the Arabic thousands
//! separator (٬) and decimal separator (٫), as CLDR's `ar` locale does and as the
//! Levant (the seed archive's readers) prints them. Month names are CLDR's `ar` ones
//! (يناير … ديسمبر), which every Arabic reader knows; the Levant's own (كانون الثاني …) are
//! not used. Dates and numbers inside documents are never changed: only what the
//! interface itself writes.

use crate::date::{civil_from_days, Date, Precision};
use crate::query::DateRange;
use crate::timeline::{Bucket, Granularity};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every language, in the order the interface offers them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ar];

    /// The language of a BCP 47 tag (`ar`, `ar-SY`, `en-GB`), if the interface has it.
    ///
    /// ```
    /// use chronicle_core::locale::Lang;
    /// assert_eq!(Lang::from_tag("ar-SY"), Some(Lang::Ar));
    /// assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
    /// assert_eq!(Lang::from_tag("fr"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The first of the reader's languages (most preferred first) the interface has.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        tags.into_iter().find_map(Lang::from_tag)
    }

    /// Its tag (`lang=` in links, the `lang` attribute).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    /// Its own name for itself, as a switch between languages shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ar => "العربية",
        }
    }

    /// Whether it is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The `dir` attribute.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }
}

/// CLDR's plural categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    /// Its place in a list of forms written zero, one, two, few, many, other.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The plural category of the count `n` (CLDR's rules for whole numbers).
///
/// ```
/// use chronicle_core::locale::{plural, Lang, Plural};
/// assert_eq!(plural(Lang::En, 0), Plural::Other);
/// assert_eq!(plural(Lang::Ar, 0), Plural::Zero);
/// assert_eq!(plural(Lang::Ar, 2), Plural::Two);
/// assert_eq!(plural(Lang::Ar, 103), Plural::Few);
/// assert_eq!(plural(Lang::Ar, 111), Plural::Many);
/// assert_eq!(plural(Lang::Ar, 100), Plural::Other);
/// ```
pub fn plural(lang: Lang, n: u64) -> Plural {
    match lang {
        Lang::En if n == 1 => Plural::One,
        Lang::En => Plural::Other,
        Lang::Ar => match (n, n % 100) {
            (0, _) => Plural::Zero,
            (1, _) => Plural::One,
            (2, _) => Plural::Two,
            (_, 3..=10) => Plural::Few,
            (_, 11..=99) => Plural::Many,
            _ => Plural::Other,
        },
    }
}

/// ASCII digits and separators in a language's script: `12,345.6` → `١٢٬٣٤٥٫٦` in Arabic
/// (see the module docs); unchanged in English.
pub fn digits(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Ar => text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                ',' => '٬',
                '.' => '٫',
                '%' => '٪',
                _ => c,
            })
            .collect(),
    }
}

/// A whole number as the language writes it: `12,345`, `١٢٬٣٤٥`.
pub fn number(lang: Lang, n: usize) -> String {
    digits(lang, &crate::format::thousands(n))
}

/// Arabic month names (CLDR `ar`).
const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// A date at its own precision: `17 Oct 2018` in English (as [`Date`] displays),
/// `١٧ أكتوبر ٢٠١٨` in Arabic.
///
/// ```
/// use chronicle_core::date::Date;
/// use chronicle_core::locale::{date, Lang};
/// let d = Date::parse_iso("2018-10-17").unwrap();
/// assert_eq!(date(Lang::En, &d), "17 Oct 2018");
/// assert_eq!(date(Lang::Ar, &d), "١٧ أكتوبر ٢٠١٨");
/// ```
pub fn date(lang: Lang, d: &Date) -> String {
    if lang == Lang::En {
        return d.to_string();
    }
    let (y, m, day) = d.ymd();
    let month = MONTHS_AR[m as usize - 1];
    let text = match d.precision() {
        Precision::Year => format!("{y}"),
        Precision::Month => format!("{month} {y}"),
        Precision::Day => format!("{day} {month} {y}"),
        Precision::Time => {
            let secs = d.time().map(|t| t.seconds).unwrap_or(0);
            format!(
                "{day} {month} {y}، {:02}:{:02}",
                secs / 3600,
                secs / 60 % 60
            )
        }
    };
    digits(lang, &text)
}

/// A timeline bar's period at a granularity: `1860s`, `Mar 1861`, `Week of 4 Mar 1861` in
/// English (as [`Bucket::label`]); in Arabic a decade or century is written as its first
/// and last years, a week as `أسبوع ٤ مارس ١٨٦١`.
pub fn period(lang: Lang, bar: &Bucket, g: Granularity) -> String {
    if lang == Lang::En {
        return bar.label(g);
    }
    let (y, m, d) = civil_from_days(bar.start);
    let text = match g {
        Granularity::Century => format!("{y}–{}", y + 99),
        Granularity::Decade => format!("{y}–{}", y + 9),
        Granularity::Year => format!("{y}"),
        Granularity::Month => Date::from_year_month(y, m).map_or(String::new(), |d| date(lang, &d)),
        Granularity::Week => {
            Date::from_ymd(y, m, d).map_or(String::new(), |d| format!("أسبوع {}", date(lang, &d)))
        }
        Granularity::Day => Date::from_ymd(y, m, d).map_or(String::new(), |d| date(lang, &d)),
    };
    digits(lang, &text)
}

/// A date range as readers say it: `1861 – 1865`, `up to 1900`, `from 2001` in English,
/// `١٨٦١ – ١٨٦٥`, `حتى ١٩٠٠`, `من ٢٠٠١` in Arabic.
pub fn range(lang: Lang, r: &DateRange) -> String {
    let (up_to, from) = match lang {
        Lang::En => ("up to", "from"),
        Lang::Ar => ("حتى", "من"),
    };
    let text = crate::timeline::format_range(r);
    let shown = |s: &str| Date::parse_iso(s).map_or(digits(lang, s), |d| date(lang, &d));
    match text.split_once("..") {
        None => shown(&text),
        Some(("", b)) => format!("{up_to} {}", shown(b)),
        Some((a, "")) => format!("{from} {}", shown(a)),
        Some((a, b)) => format!("{} – {}", shown(a), shown(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_counts_take_all_six_forms() {
        let cases = [
            (0, Plural::Zero),
            (1, Plural::One),
            (2, Plural::Two),
            (3, Plural::Few),
            (10, Plural::Few),
            (11, Plural::Many),
            (99, Plural::Many),
            (100, Plural::Other),
            (101, Plural::Other),
            (102, Plural::Other),
            (103, Plural::Few),
            (110, Plural::Few),
            (111, Plural::Many),
            (1000, Plural::Other),
            (1_000_011, Plural::Many),
        ];
        for (n, want) in cases {
            assert_eq!(plural(Lang::Ar, n), want, "{n}");
        }
        for n in [0, 2, 3, 11, 100] {
            assert_eq!(plural(Lang::En, n), Plural::Other);
        }
        assert_eq!(plural(Lang::En, 1), Plural::One);
    }

    #[test]
    fn numbers_and_dates_in_arabic() {
        assert_eq!(number(Lang::Ar, 1_234_567), "١٬٢٣٤٬٥٦٧");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(digits(Lang::Ar, "12.5%"), "١٢٫٥٪");
        let d = |s: &str| Date::parse_iso(s).unwrap();
        assert_eq!(date(Lang::Ar, &d("1861")), "١٨٦١");
        assert_eq!(date(Lang::Ar, &d("1861-03")), "مارس ١٨٦١");
        assert_eq!(
            date(Lang::Ar, &d("2018-10-17T14:03")),
            "١٧ أكتوبر ٢٠١٨، ١٤:٠٣"
        );
        let r = |s: &str| crate::query::parse_date_range(s).unwrap();
        assert_eq!(range(Lang::Ar, &r("1861..1865")), "١٨٦١ – ١٨٦٥");
        assert_eq!(range(Lang::Ar, &r("..1900")), "حتى ١٩٠٠");
        assert_eq!(range(Lang::Ar, &r("2001-03..")), "من مارس ٢٠٠١");
        assert_eq!(range(Lang::En, &r("1861..1865")), "1861 – 1865");
    }

    #[test]
    fn periods_in_both_languages() {
        let bar = |s: &str| {
            let start = Date::parse_iso(s).unwrap().first_day();
            Bucket {
                start,
                end: start,
                count: 1,
            }
        };
        assert_eq!(period(Lang::En, &bar("1860"), Granularity::Decade), "1860s");
        assert_eq!(
            period(Lang::Ar, &bar("1860"), Granularity::Decade),
            "١٨٦٠–١٨٦٩"
        );
        assert_eq!(
            period(Lang::Ar, &bar("1800"), Granularity::Century),
            "١٨٠٠–١٨٩٩"
        );
        assert_eq!(
            period(Lang::Ar, &bar("1861-03"), Granularity::Month),
            "مارس ١٨٦١"
        );
        assert_eq!(
            period(Lang::Ar, &bar("1861-03-04"), Granularity::Week),
            "أسبوع ٤ مارس ١٨٦١"
        );
    }

    #[test]
    fn languages_from_tags() {
        assert_eq!(Lang::preferred(["fr-FR", "ar-EG", "en"]), Some(Lang::Ar));
        assert_eq!(Lang::preferred(["de"]), None);
        assert_eq!(Lang::from_tag("ar_SY"), Some(Lang::Ar));
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::En.dir(), "ltr");
    }
}
