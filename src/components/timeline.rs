//! The timeline: a histogram of the matching documents, to drag across, click and zoom.
//!
//! # Overview
//! [`Timeline`] draws the engine's [`Timeline`](chronicle_core::protocol::Timeline): at
//! most [`MAX_BARS`](chronicle_core::timeline::MAX_BARS) bars (centuries, decades, years,
//! months, weeks or days), over the span of the current matches unless the reader zoomed.
//! It follows the query and the facets, not its own range, so the context stays visible.
//!
//! - Drag across bars: the results are narrowed to that range (a chip and the URL say so).
//! - Click a bar: zoom into it. "Zoom out" and "Reset".
//! - Documents dated far before or after the bars ("62 earlier") are a button away: it
//!   zooms to them and keeps only them.
//! - Keyboard ([`chart`]): the chart takes focus; ←/→ move between bars,
//!   Shift+←/→ extend a selection, Enter zooms into the bar, Home/End jump, Esc clears the
//!   range.
//! - Hover or focus shows the bar's dates and count; a table lists every count (for
//!   screen readers, and on screen at a press of "Table"; [`series`]), and a live region
//!   announces the bar in focus.
//! - Undated documents, and documents dated less precisely than the bars, are counted
//!   beside the chart.
//! - Queries compared over time ([`series`]) are drawn as lines over the bars, with a
//!   legend, a table and a CSV of their numbers.

mod bars;
mod chart;
pub(crate) mod series;

use crate::i18n::{count, fill, number, range, t};
use chronicle_core::protocol::Timeline as Data;
use chronicle_core::query::DateRange;
use chronicle_core::timeline::{zoom_out, Granularity};
use leptos::prelude::*;

use crate::context::{use_nav, use_session, Nav};
use chart::TimelineChart;
use series::SeriesPanel;

/// Chart height in pixels (bars plus the axis).
const HEIGHT: i32 = 96;
/// Height kept for the axis labels.
const AXIS: i32 = 18;
/// Quiet time before the screen reader table follows the bars.
const TABLE_SETTLE_MS: u64 = 300;

/// "by year": what a bar stands for, as the line above the chart says it.
fn by_unit(g: Granularity) -> &'static str {
    match g {
        Granularity::Day => "by day",
        Granularity::Week => "by week",
        Granularity::Month => "by month",
        Granularity::Year => "by year",
        Granularity::Decade => "by decade",
        Granularity::Century => "by century",
    }
}

/// The timeline above the results.
#[component]
pub fn Timeline() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let data = session.timeline;
    let dated = move || session.info.with(|i| i.dated);
    view! {
        <Show
            when=dated
            fallback=move || {
                view! {
                    <section class="timeline timeline--empty" data-testid="timeline">
                        <span class="timeline__undated" data-testid="timeline-undated">
                            {move || count(session.total.get() as usize, "undated document", "undated documents")}
                        </span>
                    </section>
                }
            }
        >
            <section class="timeline" data-testid="timeline" aria-label=t("Timeline")>
                <TimelineBar data nav />
                <TimelineChart data nav />
                <SeriesPanel data nav />
                {move || {
                    nav.state
                        .with(|s| s.selection.range)
                        .map(|r| {
                            view! {
                                <p class="visually-hidden" aria-live="polite">
                                    {fill("Showing documents dated {}", &[&range(&r)])}
                                </p>
                            }
                        })
                }}
            </section>
        </Show>
    }
}

/// The line above the chart: what the bars are, what was counted apart, and the
/// buttons that zoom out, reset, or go to the documents outside.
#[component]
fn TimelineBar(data: RwSignal<Option<Data>>, nav: Nav) -> impl IntoView {
    let summary = move || {
        data.with(|d| {
            let Some(d) = d else {
                return String::new();
            };
            let h = &d.histogram;
            let mut parts = vec![t(by_unit(h.granularity)).to_string()];
            if h.coarser > 0 {
                parts.push(fill("{} dated less precisely", &[&number(h.coarser)]));
            }
            parts.join(" · ")
        })
    };
    let undated = move || data.with(|d| d.as_ref().map_or(0, |d| d.histogram.undated));
    // The documents dated before and after the chart: memos, so that their buttons are
    // drawn again only when they change, not at every keystroke.
    let earlier = Memo::new(move |_| data.with(|d| d.as_ref().and_then(|d| d.before)));
    let later = Memo::new(move |_| data.with(|d| d.as_ref().and_then(|d| d.after)));
    let side = move |before: bool| if before { earlier.get() } else { later.get() };
    let zoomed = move || nav.state.with(|s| s.zoom.is_some());
    let ranged = move || nav.state.with(|s| s.selection.range.is_some());
    let outside = move |before: bool| {
        move || {
            side(before).map(|(n, span)| {
                let dates = DateRange {
                    start: Some(span.0),
                    end: Some(span.1),
                };
                // In Arabic, written right to left, earlier is to the right.
                let text = if before {
                    fill("← {} earlier", &[&number(n as usize)])
                } else {
                    fill("{} later →", &[&number(n as usize)])
                };
                let title = fill(
                    "{} dated {}: show them",
                    &[&count(n as usize, "document", "documents"), &range(&dates)],
                );
                view! {
                    <button
                        type="button"
                        class="timeline__button timeline__outside button button--quiet"
                        data-testid=if before { "timeline-before" } else { "timeline-after" }
                        title=title.clone()
                        aria-label=title
                        on:click=move |_| nav.zoom_and_range(span)
                    >
                        {text}
                    </button>
                }
            })
        }
    };
    view! {
        <div class="timeline__bar">
            {outside(true)}
            <span class="timeline__summary">{summary}</span>
            <Show when=move || { undated() > 0 }>
                <span class="timeline__undated" data-testid="timeline-undated">
                    {move || count(undated(), "undated", "undated")}
                </span>
            </Show>
            {outside(false)}
            <span class="timeline__actions">
                <Show when=zoomed>
                    <button
                        type="button"
                        class="timeline__button button button--quiet"
                        data-testid="timeline-zoom-out"
                        on:click=move |_| {
                            let (span, whole) = data.with_untracked(|d| {
                                d.as_ref().map_or(((0, 0), (0, 0)), |d| (d.histogram.span, d.whole))
                            });
                            nav.set_zoom(zoom_out(span, whole));
                        }
                    >
                        {t("Zoom out")}
                    </button>
                </Show>
                <Show when=move || zoomed() || ranged()>
                    <button
                        type="button"
                        class="timeline__button button button--quiet"
                        data-testid="timeline-reset"
                        on:click=move |_| nav.reset_timeline()
                    >
                        {t("Reset")}
                    </button>
                </Show>
            </span>
        </div>
    }
}
