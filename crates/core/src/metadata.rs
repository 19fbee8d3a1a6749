//! The metadata fields (source, agency, tags, …): one table that everything reads.
//!
//! # Overview
//! [`SPECS`] describes every metadata field a document can have: its key in the corpus
//! format, the other names exports give it, its name in the query language and in URLs,
//! its heading in the facet panel and the document view, and whether it holds one value
//! or a list. The corpus model ([`FieldValues`] in a [`Document`](crate::model::Document)),
//! the loader, the compact document table, the field index, the query language, the facet
//! counts, the document view and the CLI's `stats` all read it, so a new field (say
//! `collection`) is one [`Field`] variant and one row here.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// A field a query can name: the title, or a metadata field of [`SPECS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `title:` — words in the title.
    Title,
    /// `source:` — who published it.
    Source,
    /// `agency:` — a dateline agency such as "ARK News".
    Agency,
    /// `tag:`
    Tag,
    /// `person:`
    Person,
    /// `place:`
    Place,
    /// `org:`
    Org,
    /// `lang:` — a BCP 47 language tag such as "en" or "ar".
    Lang,
}

/// How one metadata field is written, read, named and shown.
#[derive(Debug)]
pub struct Spec {
    /// The field.
    pub field: Field,
    /// Its key in the corpus format (`"places"`).
    pub key: &'static str,
    /// Other keys exports give it, read when `key` is absent (the first present wins).
    pub other_keys: &'static [&'static str],
    /// Its name in queries (`place:`), URLs and `data-facet`.
    pub name: &'static str,
    /// Other names a query may use (besides `key`).
    pub other_names: &'static [&'static str],
    /// Its heading in the facet panel, the document view and `chronicle stats`.
    pub label: &'static str,
    /// Whether a document has a list of values (else at most one).
    pub many: bool,
}

/// Every metadata field, in display order. [`Field`]'s variants after `Title` are in
/// the same order (checked at compile time).
pub const SPECS: [Spec; 7] = [
    Spec {
        field: Field::Source,
        key: "source",
        other_keys: &[
            "Source",
            "author",
            "Author",
            "from",
            "From",
            "publisher",
            "container-title",
            "sender",
            "auteur",
            "autor",
            "fuente",
            "Quelle",
            "المصدر",
            "مصدر",
        ],
        name: "source",
        other_names: &[],
        label: "Source",
        many: false,
    },
    Spec {
        field: Field::Agency,
        key: "agency",
        other_keys: &[],
        name: "agency",
        other_names: &[],
        label: "Agency",
        many: false,
    },
    Spec {
        field: Field::Tag,
        key: "tags",
        other_keys: &["keywords", "categories"],
        name: "tag",
        other_names: &[],
        label: "Tags",
        many: true,
    },
    Spec {
        field: Field::Person,
        key: "people",
        // Authors: a list of them (reference managers' exports), or one beside a source
        // (without a source, a single author is the source: see Source above).
        other_keys: &["author", "authors"],
        name: "person",
        other_names: &[],
        label: "People",
        many: true,
    },
    Spec {
        field: Field::Place,
        key: "places",
        other_keys: &[],
        name: "place",
        other_names: &[],
        label: "Places",
        many: true,
    },
    Spec {
        field: Field::Org,
        key: "organizations",
        other_keys: &[],
        name: "org",
        other_names: &["organization"],
        label: "Organizations",
        many: true,
    },
    Spec {
        field: Field::Lang,
        key: "language",
        other_keys: &["lang"],
        name: "lang",
        other_names: &[],
        label: "Language",
        many: false,
    },
];

/// Number of metadata fields.
pub const COUNT: usize = SPECS.len();

// `Field::spec` indexes `SPECS` by the variant's number.
const _: () = {
    let mut i = 0;
    while i < COUNT {
        assert!(SPECS[i].field as usize == i + 1);
        i += 1;
    }
};

impl Field {
    /// Every field: the title, then the metadata fields in display order.
    pub const ALL: [Field; COUNT + 1] = {
        let mut all = [Field::Title; COUNT + 1];
        let mut i = 0;
        while i < COUNT {
            all[i + 1] = SPECS[i].field;
            i += 1;
        }
        all
    };

    /// The metadata fields, in display order.
    pub fn metadata() -> impl Iterator<Item = Field> {
        SPECS.iter().map(|s| s.field)
    }

    /// The field's row of [`SPECS`]; `None` for the title.
    pub fn spec(self) -> Option<&'static Spec> {
        (self as usize).checked_sub(1).map(|i| &SPECS[i])
    }

    /// The name typed before the colon.
    pub fn name(self) -> &'static str {
        self.spec().map_or("title", |s| s.name)
    }

    /// The heading shown to readers.
    pub fn label(self) -> &'static str {
        self.spec().map_or("Title", |s| s.label)
    }

    /// The field a query names (any case; a metadata field's corpus key and other names
    /// too: `places:`, `organization:`).
    pub fn from_name(name: &str) -> Option<Field> {
        let n = name.to_ascii_lowercase();
        Field::ALL.into_iter().find(|f| {
            f.name() == n
                || f.spec()
                    .is_some_and(|s| s.key == n || s.other_names.contains(&n.as_str()))
        })
    }

    /// The position among the metadata fields (panics for the title).
    fn slot(self) -> usize {
        (self as usize)
            .checked_sub(1)
            .expect("the title is not a metadata field")
    }
}

/// A document's metadata values: a list per field of [`SPECS`] (at most one value in a
/// field that is not [`Spec::many`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldValues([Vec<String>; COUNT]);

impl FieldValues {
    /// The values of `field` (none for the title).
    pub fn get(&self, field: Field) -> &[String] {
        match field {
            Field::Title => &[],
            f => &self.0[f.slot()],
        }
    }

    /// The first value of `field`: the value of a single-valued one.
    pub fn first(&self, field: Field) -> Option<&str> {
        self.get(field).first().map(String::as_str)
    }

    /// Replaces the values of `field`.
    pub fn set(&mut self, field: Field, values: Vec<String>) {
        self.0[field.slot()] = values;
    }

    /// Sets a single value, or clears the field with `None`.
    pub fn set_one(&mut self, field: Field, value: Option<String>) {
        self.set(field, value.into_iter().collect());
    }

    /// The values of `field`, to change in place.
    pub fn get_mut(&mut self, field: Field) -> &mut Vec<String> {
        &mut self.0[field.slot()]
    }

    /// Each metadata field with its values, in display order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &[String])> {
        Field::metadata().zip(self.0.iter().map(Vec::as_slice))
    }
}

/// As the corpus format writes them: each non-empty field under its key, a list or (for
/// a single-valued field) a string. Flattened into the document.
impl Serialize for FieldValues {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let present = self.0.iter().filter(|v| !v.is_empty()).count();
        let mut map = s.serialize_map(Some(present))?;
        for (spec, values) in SPECS.iter().zip(&self.0) {
            match values.as_slice() {
                [] => {}
                [one] if !spec.many => map.serialize_entry(spec.key, one)?,
                all => map.serialize_entry(spec.key, all)?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keys_and_other_names_find_their_field() {
        for spec in &SPECS {
            assert_eq!(Field::from_name(spec.name), Some(spec.field));
            assert_eq!(Field::from_name(spec.key), Some(spec.field));
            assert_eq!(
                Field::from_name(&spec.name.to_uppercase()),
                Some(spec.field)
            );
            for other in spec.other_names {
                assert_eq!(Field::from_name(other), Some(spec.field));
            }
        }
        assert_eq!(Field::from_name("title"), Some(Field::Title));
        assert_eq!(Field::from_name("collection"), None);
    }

    #[test]
    fn names_and_keys_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for spec in &SPECS {
            for n in [spec.name, spec.key]
                .into_iter()
                .chain(spec.other_names.iter().copied())
            {
                assert!(
                    seen.insert(n) || n == spec.key && spec.key == spec.name,
                    "{n} names two fields"
                );
            }
        }
    }

    #[test]
    fn values_are_kept_per_field_and_serialized_under_their_keys() {
        let mut v = FieldValues::default();
        v.set_one(Field::Source, Some("ARK".into()));
        v.set(Field::Tag, vec!["a".into(), "b".into()]);
        v.get_mut(Field::Place).push("Idlib".into());
        assert_eq!(v.first(Field::Source), Some("ARK"));
        assert_eq!(v.get(Field::Tag), ["a", "b"]);
        assert!(v.get(Field::Title).is_empty());
        assert_eq!(v.iter().filter(|(_, vs)| !vs.is_empty()).count(), 3);
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            json,
            r#"{"source":"ARK","tags":["a","b"],"places":["Idlib"]}"#
        );
    }
}
