//! The timeline: a histogram of the matching documents, to drag across, click and zoom.
//!
//! # Overview
//! [`Timeline`] draws the counts of `chronicle_core::timeline::histogram` as SVG bars
//! (keyed by their start, so typing only changes their heights: no flicker). It follows
//! the query and the facets, not its own range, so the context stays visible.
//!
//! - Drag across bars: the results are narrowed to that range (a chip and the URL say so).
//! - Click a bar: zoom into it (years → months → weeks or days). "Zoom out" and "Reset".
//! - Keyboard: the chart takes focus; ←/→ move between bars, Shift+←/→ extend a selection,
//!   Enter zooms into the bar, Home/End jump, Esc clears the range.
//! - Hover or focus shows the bar's dates and count; a visually hidden table lists every
//!   count for screen readers, and a live region announces the bar in focus.
//! - Undated documents, and documents dated less precisely than the bars, are counted
//!   beside the chart.

use chronicle_core::query::DateRange;
use chronicle_core::timeline::{corpus_span, histogram, zoom_out, Bucket, Granularity, Histogram};
use leptos::html::Div;
use leptos::prelude::*;
use web_sys::{KeyboardEvent, PointerEvent};

use crate::components::filters::describe_range;
use crate::components::result_list::thousands;
use crate::context::{use_archive, use_hits, use_nav};

/// Chart height in pixels (bars plus the axis).
const HEIGHT: f64 = 96.0;
/// Height kept for the axis labels.
const AXIS: f64 = 18.0;
/// A drag shorter than this (px) is a click.
const CLICK_SLOP: f64 = 4.0;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// The timeline above the results.
#[component]
pub fn Timeline() -> impl IntoView {
    let archive = use_archive();
    let hits = use_hits();
    let nav = use_nav();
    let Some(whole) = corpus_span(archive.index.date_spans()) else {
        // Nothing dated: no timeline, only the count of undated documents.
        return view! {
            <section class="timeline timeline--empty" data-testid="timeline">
                <span class="timeline__undated" data-testid="timeline-undated">
                    {move || plural(hits.results.with(|r| r.total()), "undated document", "undated documents")}
                </span>
            </section>
        }
        .into_any();
    };
    let span = Memo::new(move |_| nav.state.with(|s| s.zoom).unwrap_or(whole));
    let spans_owner = archive.clone();
    let data = Memo::new(move |_| {
        let docs = hits
            .hits
            .with(|h| hits.narrowing.with(|n| n.for_timeline(&h.matches)));
        histogram(
            spans_owner.index.date_spans(),
            spans_owner.index.month_spans(),
            &docs,
            span.get(),
        )
    });
    let chart = NodeRef::<Div>::new();
    let width = RwSignal::new(800.0f64);
    // Runs from animation frames and window events, possibly after the chart is gone.
    let measure = move || {
        let Some(Some(el)) = chart.try_get_untracked() else {
            return;
        };
        let w = f64::from(el.client_width());
        if w > 0.0
            && width
                .try_get_untracked()
                .is_some_and(|old| (w - old).abs() > 0.5)
        {
            let _ = width.try_set(w);
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    Effect::new(move |_| {
        chart.track();
        request_animation_frame(measure);
    });

    // Interaction state: the bar under the pointer or in focus, and a drag in progress.
    let hover = RwSignal::new(None::<usize>);
    let active = RwSignal::new(None::<usize>);
    let anchor = RwSignal::new(None::<usize>);
    let drag = RwSignal::new(None::<(f64, usize, usize)>); // (start x, from bar, to bar)

    let bar_width = move || width.get() / data.with(|h| h.buckets.len().max(1)) as f64;
    let index_at = move |x: f64| -> usize {
        let n = data.with(|h| h.buckets.len());
        ((x / bar_width()).floor().max(0.0) as usize).min(n.saturating_sub(1))
    };
    let local_x = move |ev: &PointerEvent| -> f64 {
        chart.get_untracked().map_or(0.0, |el| {
            f64::from(ev.client_x()) - el.get_bounding_client_rect().left()
        })
    };
    let select_bars = move |a: usize, b: usize| {
        let (lo, hi) = (a.min(b), a.max(b));
        let range = data.with_untracked(|h| match (h.buckets.get(lo), h.buckets.get(hi)) {
            (Some(x), Some(y)) => Some(DateRange {
                start: Some(x.start),
                end: Some(y.end),
            }),
            _ => None,
        });
        nav.set_range(range);
    };
    let zoom_into = move |i: usize| {
        let target = data.with_untracked(|h| h.buckets.get(i).map(|b| (h.granularity, *b)));
        if let Some((g, b)) = target {
            if g == Granularity::Day {
                nav.set_range(Some(b.range()));
            } else {
                nav.set_zoom(Some((b.start, b.end)));
            }
            active.set(None);
            anchor.set(None);
        }
    };

    let on_pointer_down = move |ev: PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let x = local_x(&ev);
        let i = index_at(x);
        drag.set(Some((x, i, i)));
        if let Some(el) = chart.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    };
    let on_pointer_move = move |ev: PointerEvent| {
        let x = local_x(&ev);
        let i = index_at(x);
        hover.set(Some(i));
        if let Some((x0, from, _)) = drag.get_untracked() {
            drag.set(Some((x0, from, i)));
        }
    };
    let on_pointer_up = move |ev: PointerEvent| {
        let Some((x0, from, to)) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        let moved = (local_x(&ev) - x0).abs();
        if moved < CLICK_SLOP && from == to {
            zoom_into(from);
        } else {
            select_bars(from, to);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let n = data.with_untracked(|h| h.buckets.len());
        if n == 0 {
            return;
        }
        let current = active.get_untracked().unwrap_or_else(|| {
            // Start from the first bar of the range, or the last bar with documents.
            data.with_untracked(|h| h.buckets.iter().rposition(|b| b.count > 0).unwrap_or(n - 1))
        });
        let key = ev.key();
        let next = match key.as_str() {
            "ArrowLeft" => Some(current.saturating_sub(1)),
            "ArrowRight" => Some((current + 1).min(n - 1)),
            "Home" => Some(0),
            "End" => Some(n - 1),
            _ => None,
        };
        if let Some(next) = next {
            ev.prevent_default();
            if ev.shift_key() {
                let a = anchor.get_untracked().unwrap_or(current);
                anchor.set(Some(a));
                select_bars(a, next);
            } else {
                anchor.set(None);
            }
            active.set(Some(next));
            return;
        }
        match key.as_str() {
            "Enter" => {
                ev.prevent_default();
                zoom_into(current);
            }
            "Escape" if nav.state.with_untracked(|s| s.selection.range.is_some()) => {
                ev.prevent_default();
                ev.stop_propagation();
                anchor.set(None);
                nav.set_range(None);
            }
            _ => {}
        }
    };

    // The bar the tooltip and the live region talk about.
    let pointed = move || hover.get().or(active.get());
    let describe = move |b: &Bucket, g: Granularity| {
        format!(
            "{}: {}",
            b.label(g),
            plural(b.count, "document", "documents")
        )
    };
    let tooltip = move || {
        let i = pointed()?;
        data.with(|h| {
            let b = h.buckets.get(i)?;
            let x = (i as f64 + 0.5) * bar_width();
            Some((describe(b, h.granularity), x))
        })
    };
    let announcement = move || {
        active
            .get()
            .and_then(|i| data.with(|h| h.buckets.get(i).map(|b| describe(b, h.granularity))))
            .unwrap_or_default()
    };

    // The range (committed, or being dragged) as a band over the bars.
    let band = move || -> Option<(f64, f64)> {
        let w = bar_width();
        if let Some((_, a, b)) = drag.get() {
            return Some((a.min(b) as f64 * w, (a.max(b) + 1) as f64 * w));
        }
        let range = nav.state.with(|s| s.selection.range)?;
        data.with(|h| {
            let first = h.buckets.iter().position(|b| {
                range.end.is_none_or(|e| b.start <= e) && range.start.is_none_or(|s| b.end >= s)
            })?;
            let last = h.buckets.iter().rposition(|b| {
                range.end.is_none_or(|e| b.start <= e) && range.start.is_none_or(|s| b.end >= s)
            })?;
            Some((first as f64 * w, (last + 1) as f64 * w))
        })
    };

    let zoomed = move || nav.state.with(|s| s.zoom.is_some());
    let ranged = move || nav.state.with(|s| s.selection.range.is_some());
    let bars = move || {
        data.with(|h| {
            h.buckets
                .iter()
                .enumerate()
                .map(|(i, b)| (i, *b, h.granularity))
                .collect::<Vec<_>>()
        })
    };
    let labels = move || {
        let max = (width.get() / 70.0).max(2.0) as usize;
        data.with(|h| h.labels(max))
    };
    let summary = move || {
        data.with(|h: &Histogram| {
            let mut parts = vec![format!("by {}", h.granularity.name())];
            if h.coarser > 0 {
                parts.push(format!("{} dated less precisely", thousands(h.coarser)));
            }
            if h.outside > 0 {
                parts.push(format!("{} outside this view", thousands(h.outside)));
            }
            parts.join(" · ")
        })
    };

    view! {
        <section class="timeline" data-testid="timeline" aria-label="Timeline">
            <div class="timeline__bar">
                <span class="timeline__summary">{summary}</span>
                <Show when=move || { data.with(|h| h.undated) > 0 }>
                    <span class="timeline__undated" data-testid="timeline-undated">
                        {move || plural(data.with(|h| h.undated), "undated", "undated")}
                    </span>
                </Show>
                <span class="timeline__actions">
                    <Show when=zoomed>
                        <button
                            type="button"
                            class="timeline__button"
                            data-testid="timeline-zoom-out"
                            on:click=move |_| nav.set_zoom(zoom_out(span.get_untracked(), whole))
                        >
                            "Zoom out"
                        </button>
                    </Show>
                    <Show when=move || zoomed() || ranged()>
                        <button
                            type="button"
                            class="timeline__button"
                            data-testid="timeline-reset"
                            on:click=move |_| nav.reset_timeline()
                        >
                            "Reset"
                        </button>
                    </Show>
                </span>
            </div>
            <div
                class="timeline__chart"
                node_ref=chart
                tabindex="0"
                role="group"
                aria-roledescription="timeline"
                aria-label="Documents over time. Arrow keys move between bars, Shift and arrows select a range, Enter zooms in, Escape clears the range."
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointerleave=move |_| hover.set(None)
                on:keydown=on_key
                on:blur=move |_| active.set(None)
            >
                <svg
                    class="timeline__svg"
                    width=move || width.get()
                    height=HEIGHT
                    aria-hidden="true"
                >
                    {move || {
                        band()
                            .map(|(x0, x1)| {
                                view! {
                                    <rect
                                        class="timeline__band"
                                        x=x0
                                        y="0"
                                        width=(x1 - x0).max(1.0)
                                        height=HEIGHT - AXIS
                                    />
                                }
                            })
                    }}
                    <For each=bars key=|(_, b, g)| (b.start, *g) let:bar>
                        <TimelineBar
                            index=bar.0
                            bucket=bar.1
                            granularity=bar.2
                            data
                            bar_width=Signal::derive(bar_width)
                            active
                        />
                    </For>
                    {move || {
                        labels()
                            .into_iter()
                            .map(|(i, text)| {
                                let x = i as f64 * bar_width();
                                view! {
                                    <line class="timeline__tick" x1=x x2=x y1=HEIGHT - AXIS y2=HEIGHT - AXIS + 4.0 />
                                    <text class="timeline__label" x=x + 2.0 y=HEIGHT - 4.0>
                                        {text}
                                    </text>
                                }
                            })
                            .collect_view()
                    }}
                </svg>
                {move || {
                    tooltip()
                        .map(|(text, x)| {
                            view! {
                                <div class="timeline__tooltip" role="tooltip" style:left=format!("{x}px")>
                                    {text}
                                </div>
                            }
                        })
                }}
            </div>
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
            <table class="visually-hidden">
                <caption>"Documents per period"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Period"</th>
                        <th scope="col">"Documents"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        data.with(|h| {
                            h.buckets
                                .iter()
                                .map(|b| {
                                    view! {
                                        <tr>
                                            <td>{b.label(h.granularity)}</td>
                                            <td>{b.count}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
            </table>
            {move || {
                nav.state
                    .with(|s| s.selection.range)
                    .map(|r| {
                        view! {
                            <p class="visually-hidden" aria-live="polite">
                                {format!("Showing documents dated {}", describe_range(&r))}
                            </p>
                        }
                    })
            }}
        </section>
    }
    .into_any()
}

/// One bar, positioned by its index; its height follows the counts.
#[component]
fn TimelineBar(
    index: usize,
    bucket: Bucket,
    granularity: Granularity,
    data: Memo<Histogram>,
    bar_width: Signal<f64>,
    active: RwSignal<Option<usize>>,
) -> impl IntoView {
    let count = move || data.with(|h| h.buckets.get(index).map_or(0, |b| b.count));
    let height = move || {
        let max = data.with(|h| h.max()) as f64;
        let c = count() as f64;
        if c == 0.0 {
            0.0
        } else {
            ((c / max) * (HEIGHT - AXIS - 2.0)).max(2.0)
        }
    };
    let gap = move || if bar_width.get() > 4.0 { 1.0 } else { 0.0 };
    view! {
        <rect
            class="timeline__column"
            class:timeline__column--active=move || active.get() == Some(index)
            data-testid="timeline-bar"
            data-start=bucket.iso_start(granularity)
            data-end=bucket.iso_end(granularity)
            data-count=count
            x=move || index as f64 * bar_width.get()
            y=move || HEIGHT - AXIS - height()
            width=move || (bar_width.get() - gap()).max(0.5)
            height=height
        />
    }
}
