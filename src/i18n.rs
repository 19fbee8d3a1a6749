//! The interface's words, in English and Arabic, from one catalogue.
//!
//! # Overview
//! The code writes every string the reader sees in English, through [`t`] (words), [`fill`]
//! (words with values in them) or [`count`] (a number and its noun); in Arabic they are
//! looked up, by their English text, in the catalogue ([`ar`]). Counts follow CLDR's
//! plural rules ([`chronicle_core::locale::plural`]): Arabic has six forms. Numbers and
//! dates go through [`number`], [`date`] and [`range`], in the language's digits.
//!
//! The language is chosen once, as the app starts ([`choose_for_page`],
//! [`choose_for_embed`]): `#lang=` in the link, else the reader's last choice, else the
//! browser's languages; an embed takes its host's `data-lang` (or the host page's
//! `lang`). It is one per page: embeds on one page share it. In Arabic the app's element
//! gets `dir="rtl"` and `lang="ar"`, and the styles, written with logical properties,
//! mirror; the timeline runs right to left. The header's switch ([`LanguageSwitch`])
//! reloads the page in the other language, keeping the view (`#lang=` in the link).
//! What the engine says in English (why part of a query was left out, what is wrong with
//! a corpus file, why an archive could not be opened) is matched to its Arabic
//! ([`said`]); a corpus file's problems are listed with their place ([`problem`]). The
//! query language's words (`source:`, `date:`, `OR`) stay as they are.

pub mod ar;
mod said;

pub use said::said;

use std::cell::Cell;

use chronicle_core::date::Date;
use chronicle_core::locale::{self, Lang};
use chronicle_core::problem::Problem;
use chronicle_core::query::DateRange;
use leptos::prelude::*;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Where the page keeps the reader's choice.
const STORAGE_KEY: &str = "chronicle-lang";

/// The interface's language.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// Sets the interface's language (before the app is mounted).
pub fn set(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The words `en` in the interface's language (the English itself if the catalogue lacks
/// them).
pub fn t(en: &str) -> &str {
    match lang() {
        Lang::En => en,
        Lang::Ar => ar::word(en).unwrap_or(en),
    }
}

/// The words `en` in the interface's language, each `{}` replaced by the next of
/// `values`: `fill("Remove {}: {}", &[label, value])`.
pub fn fill(en: &'static str, values: &[&str]) -> String {
    let mut out = String::new();
    let mut values = values.iter();
    let mut parts = t(en).split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push_str(values.next().copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}

/// A count with its noun: `1 document`, `2,000 documents`; in Arabic the form CLDR's
/// rules call for (`وثيقتان` for two), looked up by the English plural `other`.
pub fn count(n: usize, one: &'static str, other: &'static str) -> String {
    let number = number(n);
    match lang() {
        Lang::En => format!("{number} {}", if n == 1 { one } else { other }),
        Lang::Ar => match ar::counted(other) {
            Some(forms) => forms[locale::plural(Lang::Ar, n as u64).index()].replace("{}", &number),
            None => format!("{number} {other}"),
        },
    }
}

/// A whole number in the language's digits.
pub fn number(n: usize) -> String {
    locale::number(lang(), n)
}

/// Digits and separators of `text` in the language's digits.
pub fn digits(text: &str) -> String {
    locale::digits(lang(), text)
}

/// A date at its own precision.
pub fn date(d: &Date) -> String {
    locale::date(lang(), d)
}

/// A date range as readers say it.
pub fn range(r: &DateRange) -> String {
    locale::range(lang(), r)
}

/// A problem found in a corpus file, as the page lists it, in the interface's language:
/// error or warning, where, which document and field, and what is wrong ([`said`]).
pub fn problem(p: &Problem) -> String {
    if lang() == Lang::En {
        return p.to_string();
    }
    let mut place = Vec::new();
    match (&p.file, p.position) {
        (Some(f), Some(at)) => place.push(format!("{f}:{at}")),
        (Some(f), None) => place.push(f.clone()),
        (None, Some(at)) => place.push(fill("line {}", &[&at.to_string()])),
        (None, None) => {}
    }
    if let Some(i) = p.doc_index {
        let n = number(i + 1);
        place.push(match &p.doc_id {
            Some(id) => fill("document {} (id \"{}\")", &[&n, id]),
            None => fill("document {}", &[&n]),
        });
    }
    if let Some(field) = &p.field {
        place.push(fill("field \"{}\"", &[field]));
    }
    let level = if p.is_error() {
        t("error")
    } else {
        t("warning")
    };
    let place = place.join(t(", "));
    if place.is_empty() {
        format!("{level}: {}", said(&p.message))
    } else {
        format!("{level}: {place}: {}", said(&p.message))
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The first of the browser's languages the interface has (else English).
fn browser_lang() -> Lang {
    Lang::preferred(browser_languages().iter().map(String::as_str)).unwrap_or_default()
}

/// The browser's languages, most preferred first.
fn browser_languages() -> Vec<String> {
    let navigator = window().navigator();
    let list: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// Chooses the page's language (see the module docs) and marks `<html>` with it.
pub fn choose_for_page() {
    let lang = crate::history::current()
        .lang
        .or_else(|| {
            storage()
                .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
                .and_then(|v| Lang::from_tag(&v))
        })
        .unwrap_or_else(browser_lang);
    set(lang);
    if let Some(html) = document().document_element() {
        mark(&html, lang);
    }
}

/// Chooses an embed's language from its host element (see the module docs).
pub fn choose_for_embed(host: &web_sys::Element) {
    let page_lang = document()
        .document_element()
        .and_then(|h| h.get_attribute("lang"));
    let lang = host
        .get_attribute("data-lang")
        .or(page_lang)
        .and_then(|v| Lang::from_tag(&v))
        .unwrap_or_else(browser_lang);
    set(lang);
}

/// Gives `el` the language's `lang` and `dir`.
pub fn mark(el: &web_sys::Element, lang: Lang) {
    let _ = el.set_attribute("lang", lang.code());
    let _ = el.set_attribute("dir", lang.dir());
}

/// The header's switch to the other language: the page loads again in it, with the same
/// view.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let other = match lang() {
        Lang::En => Lang::Ar,
        Lang::Ar => Lang::En,
    };
    let switch = move |_| {
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, other.code());
        }
        let mut state = crate::history::current();
        state.lang = Some(other);
        let location = window().location();
        let _ = location.set_hash(&state.to_hash());
        let _ = location.reload();
    };
    view! {
        <button
            class="language-switch button"
            type="button"
            data-testid="language-switch"
            lang=other.code()
            dir=other.dir()
            title=t("Read the interface in another language")
            on:click=switch
        >
            {other.name()}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_arabic_forms() {
        set(Lang::Ar);
        assert_eq!(count(0, "document", "documents"), "لا وثائق");
        assert_eq!(count(1, "document", "documents"), "وثيقة واحدة");
        assert_eq!(count(2, "document", "documents"), "وثيقتان");
        assert_eq!(count(3, "document", "documents"), "٣ وثائق");
        assert_eq!(count(11, "document", "documents"), "١١ وثيقة");
        assert_eq!(count(1200, "document", "documents"), "١٬٢٠٠ وثيقة");
        set(Lang::En);
        assert_eq!(count(1, "document", "documents"), "1 document");
        assert_eq!(count(1200, "document", "documents"), "1,200 documents");
    }

    /// The Rust string literal starting at `s` (just after its opening quote),
    /// unescaped, and the bytes it took up to its closing quote.
    fn literal(s: &str) -> Option<(String, usize)> {
        let mut out = String::new();
        let mut chars = s.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Some((out, i)),
                '\\' => match chars.next()?.1 {
                    'n' => out.push('\n'),
                    '\n' => {
                        // A line continuation: the next line's indentation is dropped.
                        while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
        None
    }

    /// Every `.rs` file under `dir`, with its code (comments and tests left out).
    fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                // The code itself: not its comments, nor its tests.
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                let code: String = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                out.push((path.display().to_string(), code));
            }
        }
    }

    /// The literals passed as argument `nth` (0-based) of every call `name(` in `text`
    /// whose arguments up to it are literals.
    fn arguments(text: &str, name: &str, nth: usize) -> Vec<String> {
        let mut found = Vec::new();
        for (i, _) in text.match_indices(name) {
            let before = text[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ':') {
                continue;
            }
            let mut rest = &text[i + name.len()..];
            let mut args = Vec::new();
            while args.len() <= nth {
                // The words themselves (`t("…")`), or a count's nouns after its number.
                let q = if nth == 0 {
                    (
                        rest.len() - rest.trim_start().len(),
                        rest.trim_start().starts_with('"'),
                    )
                } else {
                    rest.find('"')
                        .map_or((0, false), |q| (q, q < 80 && !rest[..q].contains(';')))
                };
                let (q, true) = q else {
                    break;
                };
                let Some((value, len)) = literal(&rest[q + 1..]) else {
                    break;
                };
                args.push(value);
                rest = &rest[q + 1 + len + 1..];
            }
            if args.len() > nth {
                found.push(args.swap_remove(nth));
            }
        }
        found
    }

    #[test]
    fn the_catalogue_has_every_string_the_interface_writes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        sources(&root.join("src"), &mut files);
        let catalogue = root.join("src/i18n/ar.rs").display().to_string();
        let mut missing = Vec::new();
        for (path, text) in files.iter().filter(|(p, _)| *p != catalogue) {
            for en in arguments(text, "t(", 0)
                .into_iter()
                .chain(arguments(text, "fill(", 0))
            {
                if ar::word(&en).is_none() {
                    missing.push(format!("{path}: {en:?}"));
                }
            }
            for other in arguments(text, "count(", 1) {
                if ar::counted(&other).is_none() {
                    missing.push(format!("{path}: count {other:?}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in the Arabic catalogue:\n{}",
            missing.join("\n")
        );
        // And nothing in it that the code no longer writes (the core's labels count).
        sources(&root.join("crates/core/src"), &mut files);
        // The code's literals as written, line continuations joined.
        let mut all = String::new();
        for (_, text) in files.iter().filter(|(p, _)| *p != catalogue) {
            let mut continued = false;
            for line in text.lines() {
                let line = if continued { line.trim_start() } else { line };
                continued = line.ends_with('\\');
                match line.strip_suffix('\\') {
                    Some(joined) => all.push_str(joined),
                    None => {
                        all.push_str(line);
                        all.push('\n');
                    }
                }
            }
        }
        for (en, ar) in ar::WORDS {
            let used = en.starts_with('<') || all.contains(&format!("{en:?}"));
            assert!(used, "unused catalogue entry {en:?}");
            assert_eq!(en.matches("{}").count(), ar.matches("{}").count(), "{en:?}");
        }
        let mut english: Vec<&str> = ar::WORDS.iter().map(|(e, _)| *e).collect();
        english.sort_unstable();
        english.dedup();
        assert_eq!(english.len(), ar::WORDS.len(), "an English text twice");
        for (other, forms) in ar::COUNTS {
            assert!(
                all.contains(&format!("{other:?}")),
                "unused count {other:?}"
            );
            for f in forms.iter().skip(3) {
                assert!(f.contains("{}"), "{other:?}: {f}");
            }
        }
    }

    #[test]
    fn a_problem_is_framed_in_arabic() {
        let p = Problem::error("the title is missing")
            .in_file("corpus.json")
            .at(chronicle_core::json::Position {
                line: 12,
                column: 5,
            });
        set(Lang::Ar);
        assert_eq!(problem(&p), "خطأ: corpus.json:12:5: the title is missing");
        set(Lang::En);
        assert_eq!(problem(&p), p.to_string());
    }

    #[test]
    fn values_fill_the_translated_words() {
        set(Lang::En);
        assert_eq!(
            fill("Remove {}: {}", &["Source", "UN"]),
            "Remove Source: UN"
        );
        set(Lang::Ar);
        assert_eq!(fill("Remove {}: {}", &["المصدر", "UN"]), "إزالة المصدر: UN");
        set(Lang::En);
    }
}
