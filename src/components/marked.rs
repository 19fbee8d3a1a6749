//! Text with marked words, as text nodes and `<mark>` elements (never an HTML string).

use std::ops::Range;

use chronicle_core::highlight::split_marked;
use leptos::prelude::*;

/// Renders `text` with the byte ranges in `marks` wrapped in `<mark>`.
pub fn marked(text: &str, marks: &[Range<usize>]) -> impl IntoView {
    split_marked(text, marks)
        .into_iter()
        .map(|(piece, is_mark)| {
            let piece = piece.to_string();
            if is_mark {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
