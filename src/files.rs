//! The reader's own files, picked or dropped: handed to the engine worker as they are.
//!
//! # Overview
//! [`from_list`] takes the files out of a file input or a drop. The engine reads them in
//! its worker (`chronicle-engine`): corpus files streamed chunk by chunk into the
//! same loader the app uses for its own corpus, text files through the same seed
//! ingester as `chronicle ingest`. Nothing is uploaded.

use web_sys::{File, FileList};

/// The files of a file list.
pub fn from_list(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
