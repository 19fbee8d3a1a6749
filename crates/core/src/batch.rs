//! Documents sent to another thread to be read: the unit of parallel loading.
//!
//! # Overview
//! The engine finds where each document of a corpus file ends ([`crate::json::stream`])
//! and hands the texts of a run of documents to a helper thread as a [`Batch`]: each
//! document's number in its file, its position and its JSON text, with the file's name.
//! The helper reads them ([`Batch::read_into`]) with the same [`Reader`] as everyone
//! else, into a [`PartBuilder`], and sends back the [`Part`](crate::archive::Part).

use crate::archive::PartBuilder;
use crate::codec::{Decode, Encode, Reader as Bytes, Result, Writer};
use crate::json::Position;
use crate::load::{Place, Reader};

/// Documents to read, by their JSON text. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// The file they come from, when an archive has several (named in problems).
    pub file: Option<String>,
    /// Each document's number in its file, position, and text.
    pub docs: Vec<(u32, Position, String)>,
}

impl Batch {
    /// Bytes of document text held.
    pub fn text_bytes(&self) -> usize {
        self.docs.iter().map(|d| d.2.len()).sum()
    }

    /// Reads every document into `part`; problems go to `reader`.
    pub fn read_into(&self, reader: &mut Reader, part: &mut PartBuilder) {
        let before = reader.problems.len();
        for (index, position, text) in &self.docs {
            let index = *index as usize;
            if let Some(doc) = reader.read(index, text, *position) {
                part.add(
                    doc,
                    Place {
                        index,
                        position: *position,
                    },
                );
            }
        }
        if let Some(file) = &self.file {
            for p in &mut reader.problems[before..] {
                p.file = Some(file.clone());
            }
        }
    }
}

impl Encode for Batch {
    fn encode(&self, w: &mut Writer) {
        w.opt_str(self.file.as_deref());
        w.usize(self.docs.len());
        for (index, position, text) in &self.docs {
            w.put(index);
            w.usize(position.line);
            w.usize(position.column);
            w.str(text);
        }
    }
}

impl Decode for Batch {
    fn decode(r: &mut Bytes) -> Result<Self> {
        let file = r.opt_string()?;
        let n = r.count(4)?;
        let mut docs = Vec::with_capacity(n);
        for _ in 0..n {
            let index = r.u32()?;
            let position = Position {
                line: r.usize()?,
                column: r.usize()?,
            };
            docs.push((index, position, r.string()?));
        }
        Ok(Batch { file, docs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Archive;
    use crate::load::{Loader, Summary};

    #[test]
    fn documents_read_from_batches_load_as_from_the_file() {
        let text = r#"{"title":"T","documents":[
            {"id":"a","title":"A","body":"Idlib"},
            {"id":"b","body":""},
            {"id":"c","title":"C","body":"x"}]}"#;
        // Split as the engine does, in two batches of raw documents.
        let mut loader = Loader::new();
        let mut batches = [Batch::default(), Batch::default()];
        let mut n = 0;
        let mut sink = |index: usize, doc: &str, position: Position| {
            batches[n.min(1)]
                .docs
                .push((index as u32, position, doc.to_string()));
            n += 1;
        };
        loader.feed_raw(text.as_bytes(), &mut sink).unwrap();
        let summary: Summary = loader.finish_raw(&mut sink).unwrap();
        // Sent as bytes, read in another thread.
        let parts: Vec<_> = batches
            .iter()
            .map(|b| {
                let b: Batch = crate::codec::from_bytes(&crate::codec::to_bytes(b)).unwrap();
                let mut reader = Reader::default();
                let mut part = PartBuilder::new();
                b.read_into(&mut reader, &mut part);
                let rejected = reader.rejected;
                part.finish(reader.problems, rejected)
            })
            .collect();
        let a = Archive::assemble(parts, summary);
        assert_eq!(a.title(), "T");
        assert_eq!(a.len(), 2);
        assert_eq!(a.rejected, 1);
        assert_eq!(
            a.problems[0].to_string(),
            "error: line 3:13, document 2 (id \"b\"), field \"title\": the document has neither a title nor a text; document rejected"
        );
    }
}
