//! Effects with one compiled copy of Leptos's effect runner.
//!
//! `Effect::new` is compiled once per closure type: about 1.2 KB of WebAssembly each,
//! for the task that waits on the signals read. [`effect`] hands Leptos a boxed closure
//! instead, so the runner is compiled once, and each call site costs only its closure.
//! It behaves as `Effect::new`: the closure runs at once, then whenever a signal it read
//! changes, and gets what it returned the time before (`None` the first time).

use leptos::prelude::Effect;

/// `Effect::new(f)`, sharing one runner. See the module docs.
pub fn effect<T: 'static>(mut f: impl FnMut(Option<T>) -> T + 'static) {
    let mut before = None;
    run(Box::new(move || before = Some(f(before.take()))));
}

#[inline(never)]
fn run(f: Box<dyn FnMut()>) {
    Effect::new(f);
}
