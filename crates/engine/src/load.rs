//! Loading an archive in the engine worker, on every core the browser gives.
//!
//! # Overview
//! [`Load`] takes the bytes of the corpus files as they arrive (a download, the reader's
//! own files, or the corpus inlined in an offline file) and finds where each document
//! ends ([`Loader::feed_raw`]), which is fast. The documents go, in *runs* of a few
//! megabytes, to whoever reads them: runs take turns between the engine itself and the
//! helper workers. A helper gets its runs' documents as [`Batch`]es and sends back each
//! run's [`Part`]; the engine reads its own runs in short slices between other work
//! ([`Load::work`]), so it keeps answering the page. Parts are joined in run order, so
//! the archive is the same whoever read what.
//!
//! Plain-text files (press releases laid out like the seed) are read here as they come.
//! A prebuilt archive ([`chronicle_core::prebuilt`]), known by its first bytes whatever
//! its name, needs no reading: each of its parts is a finished run as soon as its bytes
//! have arrived.

use std::collections::VecDeque;

use super::runs::RunMap;
use std::rc::Rc;

use chronicle_core::archive::{Part, PartBuilder};
use chronicle_core::batch::Batch;
use chronicle_core::json::Position;
use chronicle_core::load::{LoadError, Loader, Place, Reader, Summary};
use chronicle_core::model::Document;
use chronicle_core::prebuilt::{self, Damaged, Decoder};
use chronicle_core::problem::Problem;
use chronicle_core::protocol::Progress;
use js_sys::{Object, Reflect};
use web_sys::MessagePort;

use super::transferable;

/// The reading of a file whose first bytes say whether it is a prebuilt archive.
fn format_for(archive: bool) -> Format {
    if archive {
        Format::Archive(Decoder::new())
    } else {
        Format::Json(Loader::new())
    }
}

/// Bytes of documents a helper gets at a time.
const BATCH_BYTES: usize = 1 << 20;

/// Something the engine reads itself.
enum Own {
    /// A document's JSON text, its number and position in its file, and the file.
    Raw(u32, u32, Position, String, Option<Rc<str>>),
    /// A document read already (from a text file), of run `.0`, from file `.2`.
    Parsed(u32, Box<Document>, String),
    /// The end of a run.
    End(u32),
}

/// A run being read here: its number, and what it has so far.
struct OwnRun {
    run: u32,
    reader: Reader,
    part: PartBuilder,
}

/// Why a file cannot be loaded.
pub enum Stop {
    /// A JSON corpus that is not one.
    Json(LoadError),
    /// A prebuilt archive that cannot be read.
    Archive(Damaged),
}

/// What the current file turned out to be, by its first bytes.
enum Format {
    /// Not known yet: the bytes so far.
    Unknown(Vec<u8>),
    Json(Loader),
    Archive(Decoder),
}

/// Who reads the current run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Engine,
    Helper(usize),
}

/// Loading in progress. See the module docs.
pub struct Load {
    /// How far it has got: bytes and documents indexed (of runs finished), so the bar
    /// moves with the work, not with the download, which is much quicker.
    pub progress: Progress,
    /// Bytes of input read so far.
    read: u64,
    /// Bytes and documents of each run not finished yet.
    pending: RunMap<(u64, u64)>,
    /// What the files say at the corpus level so far.
    pub summary: Summary,
    /// Parts finished and not yet joined, by run.
    pub parts: RunMap<Part>,
    /// Runs started so far.
    pub runs: u32,
    /// Whether every source has been read to its end.
    pub input_done: bool,
    /// Where the text shards of a prebuilt archive start (empty: the text is inside).
    pub text_shards: Vec<u32>,
    /// Where a prebuilt archive's index shards start, if it keeps its postings beside it.
    pub index_shards: Vec<u32>,
    /// The number of terms of a prebuilt archive that keeps its dictionary beside it.
    pub words_out: Option<u32>,
    format: Option<Format>,
    file: Option<Rc<str>>,
    run_limit: usize,
    current: Option<(u32, Owner, usize)>,
    batch: Batch,
    own: VecDeque<Own>,
    own_bytes: usize,
    own_run: Option<OwnRun>,
    helpers: Vec<MessagePort>,
    /// Bytes of documents each helper has been sent and not yet given back as parts.
    outstanding: Vec<usize>,
    /// Each helper run's owner and bytes, until its part comes back.
    helper_runs: RunMap<(usize, usize)>,
}

impl Load {
    /// A load of `total` bytes (if known).
    pub fn new(total: Option<u64>) -> Load {
        // Runs small enough to share the work evenly, large enough to join cheaply.
        let run_limit = total.map_or(8 << 20, |t| (t as usize / 12).clamp(1 << 20, 16 << 20));
        Load {
            progress: Progress {
                total,
                ..Default::default()
            },
            summary: Summary::default(),
            read: 0,
            pending: RunMap::default(),
            parts: RunMap::default(),
            runs: 0,
            input_done: false,
            text_shards: Vec::new(),
            index_shards: Vec::new(),
            words_out: None,
            format: None,
            file: None,
            run_limit,
            current: None,
            batch: Batch::default(),
            own: VecDeque::new(),
            own_bytes: 0,
            own_run: None,
            helpers: Vec::new(),
            outstanding: Vec::new(),
            helper_runs: RunMap::default(),
        }
    }

    /// Helpers join: later runs take turns between them and the engine.
    pub fn add_helpers(&mut self, ports: Vec<MessagePort>) {
        self.outstanding.extend(ports.iter().map(|_| 0));
        self.helpers.extend(ports);
    }

    /// Whether helpers have joined.
    pub fn has_helpers(&self) -> bool {
        !self.helpers.is_empty()
    }

    /// Starts a corpus file (JSON Lines if `lines`; a prebuilt archive is known by its
    /// first bytes), named `file` if the archive has several.
    pub fn start_file(&mut self, lines: bool, file: Option<String>) {
        self.format = Some(if lines {
            Format::Json(Loader::json_lines())
        } else {
            Format::Unknown(Vec::new())
        });
        self.file = file.map(Rc::from);
    }

    /// Adds the next chunk of the current file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Stop> {
        self.read += chunk.len() as u64;
        match self.format.take() {
            None => Ok(()),
            Some(Format::Unknown(mut head)) => {
                head.extend_from_slice(chunk);
                match prebuilt::sniff(&head) {
                    None => {
                        self.format = Some(Format::Unknown(head));
                        Ok(())
                    }
                    Some(archive) => self.feed_as(format_for(archive), &head),
                }
            }
            Some(format) => self.feed_as(format, chunk),
        }
    }

    fn feed_as(&mut self, mut format: Format, chunk: &[u8]) -> Result<(), Stop> {
        let result = match &mut format {
            Format::Json(loader) => loader
                .feed_raw(chunk, &mut |i, text, at| self.document(i, text, at))
                .map_err(Stop::Json),
            Format::Archive(decoder) => {
                // A run being filled from an earlier file ends before the parts.
                self.end_run();
                decoder
                    .feed(chunk, &mut |part, bytes| self.prebuilt_part(part, bytes))
                    .map_err(Stop::Archive)
            }
            Format::Unknown(_) => Ok(()),
        };
        self.format = Some(format);
        result
    }

    /// A part of a prebuilt archive: a run, finished.
    fn prebuilt_part(&mut self, part: Part, bytes: u64) {
        if let Some(starts) = part.index_shards() {
            self.index_shards = starts.to_vec();
        }
        if let Some(terms) = part.words_out() {
            self.words_out = Some(terms);
        }
        let run = self.runs;
        self.runs += 1;
        self.pending.insert(run, (bytes, part.len() as u64));
        self.parts.insert(run, part);
        self.finished(run);
    }

    /// Ends the current file.
    pub fn end_file(&mut self) -> Result<(), Stop> {
        if let Some(Format::Unknown(head)) = self.format.as_mut() {
            // Shorter than the magic: JSON (or nothing), told as such.
            let head = std::mem::take(head);
            self.feed_as(format_for(false), &head)?;
        }
        let summary = match self.format.take() {
            None | Some(Format::Unknown(_)) => return Ok(()),
            Some(Format::Json(loader)) => loader
                .finish_raw(&mut |i, text, at| self.document(i, text, at))
                .map_err(Stop::Json)?,
            Some(Format::Archive(decoder)) => {
                self.text_shards = decoder.text_shards().to_vec();
                decoder.finish().map_err(Stop::Archive)?
            }
        };
        let file = self.file.take();
        let s = &mut self.summary;
        s.title = s.title.take().or(summary.title);
        s.description = s.description.take().or(summary.description);
        s.meta.extend(summary.meta);
        s.rejected += summary.rejected;
        s.problems
            .extend(summary.problems.into_iter().map(|p| match &file {
                Some(f) => p.in_file(f.to_string()),
                None => p,
            }));
        Ok(())
    }

    /// Adds a document read already (a text file), naming its file.
    pub fn add_parsed(&mut self, doc: Document, file: String, bytes: u64) {
        self.read += bytes;
        let run = self.run_for(Some(Owner::Engine));
        self.count(run, bytes);
        self.own_bytes += doc.body.len();
        self.own.push_back(Own::Parsed(run, Box::new(doc), file));
    }

    /// Records problems found outside corpus files (unreadable files).
    pub fn add_problems(&mut self, problems: Vec<Problem>, rejected: usize) {
        self.summary.problems.extend(problems);
        self.summary.rejected += rejected;
    }

    /// Every source has been read: ends the last run.
    pub fn end_input(&mut self) {
        self.end_run();
        self.input_done = true;
    }

    /// Input of `bytes` that holds no document (an unreadable file): read and done.
    pub fn skipped(&mut self, bytes: u64) {
        self.read += bytes;
        self.progress.bytes += bytes;
    }

    /// Counts a document of `bytes` into its run.
    fn count(&mut self, run: u32, bytes: u64) {
        let p = self.pending.get_or_insert_with(run, Default::default);
        p.0 += bytes;
        p.1 += 1;
    }

    /// A run is indexed: its bytes and documents count as done. With the last one, the
    /// whole input does (the bytes between documents too).
    fn finished(&mut self, run: u32) {
        if let Some((bytes, docs)) = self.pending.remove(run) {
            self.progress.bytes += bytes;
            self.progress.documents += docs;
        }
        if self.input_done && self.pending.is_empty() {
            self.progress.bytes = self.progress.bytes.max(self.read);
        }
    }

    /// The run the next document goes to, starting one (and ending the current one)
    /// when needed; `force` asks for a reader.
    fn run_for(&mut self, force: Option<Owner>) -> u32 {
        if let Some((run, owner, bytes)) = self.current {
            let full = bytes >= self.run_limit();
            if !full && force.is_none_or(|f| f == owner) {
                return run;
            }
            self.end_run();
        }
        // The next run goes to whoever has least waiting: the engine also finds the
        // documents and answers the page, so it takes less when it falls behind.
        let owner = force.unwrap_or_else(|| {
            let (h, least) = self
                .outstanding
                .iter()
                .enumerate()
                .min_by_key(|(_, b)| **b)
                .map_or((0, usize::MAX), |(h, b)| (h, *b));
            if self.own_bytes <= least {
                Owner::Engine
            } else {
                Owner::Helper(h)
            }
        });
        let run = self.runs;
        self.runs += 1;
        self.current = Some((run, owner, 0));
        run
    }

    /// How large the current run may grow: smaller towards the end of a file of known
    /// size, so that every worker finishes at about the same time.
    fn run_limit(&self) -> usize {
        let left = self
            .progress
            .total
            .map_or(usize::MAX, |t| t.saturating_sub(self.read) as usize);
        let workers = 1 + self.helpers.len();
        self.run_limit.min((left / (2 * workers)).max(1 << 20))
    }

    fn end_run(&mut self) {
        let Some((run, owner, bytes)) = self.current.take() else {
            return;
        };
        if let Owner::Helper(h) = owner {
            self.helper_runs.insert(run, (h, bytes));
        }
        match owner {
            Owner::Engine => self.own.push_back(Own::End(run)),
            Owner::Helper(h) => {
                self.flush_batch(run, h);
                if let Some(port) = self.helpers.get(h) {
                    let m = Object::new();
                    let _ = Reflect::set(&m, &"run".into(), &run.into());
                    let _ = Reflect::set(&m, &"end".into(), &true.into());
                    let _ = port.post_message(&m);
                }
            }
        }
    }

    fn flush_batch(&mut self, run: u32, helper: usize) {
        if self.batch.docs.is_empty() {
            return;
        }
        let batch = std::mem::take(&mut self.batch);
        let bytes = chronicle_core::codec::to_bytes(&batch);
        if let Some(port) = self.helpers.get(helper) {
            let (buffer, transfer) = transferable(&bytes);
            let m = Object::new();
            let _ = Reflect::set(&m, &"run".into(), &run.into());
            let _ = Reflect::set(&m, &"batch".into(), &buffer);
            let _ = port.post_message_with_transferable(&m, &transfer);
        }
    }

    /// A document's JSON text, found by the loader.
    fn document(&mut self, index: usize, text: &str, at: Position) {
        let run = self.run_for(None);
        self.count(run, text.len() as u64);
        let Some((_, owner, bytes)) = &mut self.current else {
            return;
        };
        *bytes += text.len();
        match *owner {
            Owner::Engine => {
                self.own_bytes += text.len();
                self.own.push_back(Own::Raw(
                    run,
                    index as u32,
                    at,
                    text.to_string(),
                    self.file.clone(),
                ));
            }
            Owner::Helper(h) => {
                if let Some(o) = self.outstanding.get_mut(h) {
                    *o += text.len();
                }
                if self.batch.docs.is_empty() {
                    self.batch.file = self.file.as_deref().map(str::to_string);
                }
                self.batch.docs.push((index as u32, at, text.to_string()));
                if self.batch.text_bytes() >= BATCH_BYTES {
                    self.flush_batch(run, h);
                }
            }
        }
    }

    /// Bytes of documents waiting to be read here.
    pub fn own_backlog(&self) -> usize {
        self.own_bytes
    }

    /// Reads documents of the engine's own runs until `deadline` (milliseconds, as
    /// [`super::now`]); returns whether any are left.
    pub fn work(&mut self, deadline: f64) -> bool {
        while let Some(item) = self.own.pop_front() {
            match item {
                Own::Raw(run, index, at, text, file) => {
                    self.own_bytes -= text.len();
                    let r = self.own_run_for(run);
                    let before = r.reader.problems.len();
                    if let Some(doc) = r.reader.read(index as usize, &text, at) {
                        r.part.add(
                            doc,
                            Place {
                                index: index as usize,
                                position: at,
                            },
                        );
                    }
                    if let Some(f) = file {
                        for p in &mut r.reader.problems[before..] {
                            p.file = Some(f.to_string());
                        }
                    }
                }
                Own::Parsed(run, doc, file) => {
                    self.own_bytes -= doc.body.len();
                    let r = self.own_run_for(run);
                    let place = Place {
                        index: 0,
                        position: Position { line: 1, column: 1 },
                    };
                    r.part.add_from(*doc, place, &file);
                }
                Own::End(run) => {
                    if let Some(mut r) = self.own_run.take().filter(|r| r.run == run) {
                        let rejected = r.reader.rejected;
                        let problems = std::mem::take(&mut r.reader.problems);
                        self.parts.insert(run, r.part.finish(problems, rejected));
                        self.finished(run);
                    }
                }
            }
            if super::now() >= deadline {
                break;
            }
        }
        !self.own.is_empty()
    }

    fn own_run_for(&mut self, run: u32) -> &mut OwnRun {
        if self.own_run.as_ref().is_none_or(|r| r.run != run) {
            self.own_run = Some(OwnRun {
                run,
                reader: Reader::default(),
                part: PartBuilder::deferring_compression(),
            });
        }
        self.own_run.as_mut().expect("just set")
    }

    /// A part a helper sent back.
    pub fn part_arrived(&mut self, run: u32, part: Part) {
        if let Some((h, bytes)) = self.helper_runs.remove(run) {
            if let Some(o) = self.outstanding.get_mut(h) {
                *o = o.saturating_sub(bytes);
            }
        }
        self.parts.insert(run, part);
        self.finished(run);
    }

    /// The finished parts that follow run `from` without a gap (to join next).
    pub fn take_ready(&mut self, from: u32) -> Vec<Part> {
        let mut out = Vec::new();
        let mut next = from;
        while let Some(p) = self.parts.remove(next) {
            out.push(p);
            next += 1;
        }
        out
    }

    /// Whether every run's part is in (after the input ended).
    pub fn complete(&self, joined: u32) -> bool {
        self.input_done && self.own.is_empty() && self.own_run.is_none() && joined == self.runs
    }

    /// The summary without its problems (a partial archive's).
    pub fn header(&self) -> Summary {
        Summary {
            title: self.summary.title.clone(),
            description: self.summary.description.clone(),
            meta: self.summary.meta.clone(),
            ..Default::default()
        }
    }
}
