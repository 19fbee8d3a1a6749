//! A helper worker: reads the batches of documents the engine sends it into parts.
//!
//! # Overview
//! [`start`] listens on the port the page gave it to the engine. Each message is either
//! a batch of one run (`{run, batch}`: documents' JSON texts, [`Batch`]), read at once
//! into that run's part, or the end of a run (`{run, end: true}`), on which the part
//! goes back to the engine as bytes (`{run, part}`). The engine joins the parts of all
//! workers, in order, into the archive.

use super::runs::RunMap;
use std::cell::RefCell;
use std::rc::Rc;

use chronicle_core::archive::PartBuilder;
use chronicle_core::batch::Batch;
use chronicle_core::load::Reader;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, MessagePort};

use super::{bytes_of, transferable};

type Runs = RunMap<(Reader, PartBuilder)>;

/// Starts the helper on `port`. See the module docs.
pub fn start(port: MessagePort) {
    // The engine's code is compiled and optimized by the time the batches come.
    chronicle_core::warmup::run();
    let runs: Rc<RefCell<Runs>> = Rc::new(RefCell::new(RunMap::default()));
    let reply = port.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let Some(run) = Reflect::get(&data, &"run".into())
            .ok()
            .and_then(|r| r.as_f64())
            .map(|r| r as u32)
        else {
            return;
        };
        let mut runs = runs.borrow_mut();
        let (reader, part) = runs.get_or_insert_with(run, || {
            (Reader::default(), PartBuilder::deferring_compression())
        });
        if let Ok(batch) = Reflect::get(&data, &"batch".into()) {
            if !batch.is_undefined() {
                match chronicle_core::codec::from_bytes::<Batch>(&bytes_of(&batch)) {
                    Ok(b) => b.read_into(reader, part),
                    Err(e) => {
                        let _ = send_error(&reply, run, &e.to_string());
                        return;
                    }
                }
            }
        }
        let end = Reflect::get(&data, &"end".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if end {
            if let Some((reader, mut part)) = runs.remove(run) {
                let rejected = reader.rejected;
                let finished = part.finish(reader.problems, rejected);
                let bytes = chronicle_core::codec::to_bytes(&finished);
                drop(finished);
                let (buffer, transfer) = transferable(&bytes);
                let message = Object::new();
                let _ = Reflect::set(&message, &"run".into(), &run.into());
                let _ = Reflect::set(&message, &"part".into(), &buffer);
                let _ = reply.post_message_with_transferable(&message, &transfer);
            }
        }
    });
    port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

fn send_error(port: &MessagePort, run: u32, message: &str) -> Result<(), JsValue> {
    let m = Object::new();
    Reflect::set(&m, &"run".into(), &run.into())?;
    Reflect::set(&m, &"error".into(), &message.into())?;
    port.post_message(&m)
}
