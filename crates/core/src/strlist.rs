//! Many strings stored as one: their text back to back, and where each ends.
//!
//! # Overview
//! The index holds millions of short strings (terms, stems, titles). A `Vec<String>`
//! costs 24 bytes and an allocation per string; a [`StrList`] costs 4 bytes per string
//! and two allocations in all, and reads a string with two loads. It is written once
//! here and used by the dictionary, the interner, the segment builder and the document
//! table.

/// Strings back to back, with the end of each. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StrList {
    text: String,
    ends: Vec<u32>,
}

impl StrList {
    /// An empty list.
    pub fn new() -> StrList {
        StrList::default()
    }

    /// An empty list with room for `strings` strings of `bytes` bytes in all.
    pub fn with_capacity(bytes: usize, strings: usize) -> StrList {
        StrList {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
        }
    }

    /// Adds a string; returns its index.
    #[inline(always)]
    pub fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
        (self.ends.len() - 1) as u32
    }

    /// The string at `i` (panics if there is none).
    #[inline(always)]
    pub fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// Number of strings.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The strings in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len() as u32).map(|i| self.get(i))
    }

    /// Bytes of all the strings.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + 4 * self.ends.capacity()
    }

    /// Appends every string of `other`, in order.
    pub fn append(&mut self, other: &StrList) {
        let offset = self.text.len() as u32;
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|e| e + offset));
    }

    /// Removes every string, keeping the memory.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Gives back unused memory.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl<'a> FromIterator<&'a str> for StrList {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> StrList {
        let mut list = StrList::new();
        for s in iter {
            list.push(s);
        }
        list
    }
}

impl crate::codec::Encode for StrList {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.str(&self.text);
        w.ascending(&self.ends);
    }
}

impl crate::codec::Decode for StrList {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        let text = r.string()?;
        let ends = r.ascending()?;
        crate::codec::check_str_ends(r, &ends, &text, "list of strings")?;
        Ok(StrList { text, ends })
    }
}

#[cfg(test)]
mod tests {
    use super::StrList;

    proptest::proptest! {
        #[test]
        fn holds_what_it_was_given(strings in proptest::collection::vec("\\PC{0,8}", 0..40)) {
            let list: StrList = strings.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(list.len(), strings.len());
            let back: Vec<&str> = list.iter().collect();
            proptest::prop_assert_eq!(back, strings.iter().map(String::as_str).collect::<Vec<_>>());
            let bytes = crate::codec::to_bytes(&list);
            proptest::prop_assert_eq!(crate::codec::from_bytes::<StrList>(&bytes).unwrap(), list);
        }
    }
}
