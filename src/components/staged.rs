//! Splitting the first paint of a large view across tasks.
//!
//! # Overview
//! The first answer fills the whole page at once: facets, timeline, the list. Built and
//! laid out in one task, that froze the page for over 100 ms on an archive of mail.
//! [`Later`] builds its children a given number of tasks after it is built itself, so the
//! parts arrive one after the other (the results first), each in a task of its own, and
//! the page answers input between them.

use leptos::prelude::*;

/// Renders `children` `after` tasks (zero-delay timeouts) from now; until then an empty
/// `div` of class `placeholder`, if given, holds their place (so nothing jumps).
#[component]
pub fn Later(
    after: u32,
    #[prop(optional)] placeholder: Option<&'static str>,
    children: ChildrenFn,
) -> impl IntoView {
    let shown = RwSignal::new(after == 0);
    if after > 0 {
        wait(after, shown);
    }
    move || {
        if shown.get() {
            children().into_any()
        } else {
            placeholder
                .map(|class| view! { <div class=class aria-hidden="true"></div> })
                .into_any()
        }
    }
}

fn wait(tasks: u32, shown: RwSignal<bool>) {
    set_timeout(
        move || {
            if tasks <= 1 {
                let _ = shown.try_set(true);
            } else {
                wait(tasks - 1, shown);
            }
        },
        std::time::Duration::ZERO,
    );
}
