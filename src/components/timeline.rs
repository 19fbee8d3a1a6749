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
//! - Keyboard ([`TimelineChart`]): the chart takes focus; ←/→ move between bars,
//!   Shift+←/→ extend a selection, Enter zooms into the bar, Home/End jump, Esc clears the
//!   range.
//! - Hover or focus shows the bar's dates and count; [`TimelineTable`] lists every count
//!   for screen readers, and a live region announces the bar in focus.
//! - Undated documents, and documents dated less precisely than the bars, are counted
//!   beside the chart.

use chronicle_core::format::{plural, thousands};
use chronicle_core::protocol::Timeline as Data;
use chronicle_core::query::DateRange;
use chronicle_core::timeline::{describe_range, zoom_out, Bucket, Granularity};
use leptos::html::Div;
use leptos::prelude::*;
use web_sys::{KeyboardEvent, PointerEvent};

use crate::components::result_list::observe_height;
use crate::context::{use_nav, use_session, Nav};

/// Chart height in pixels (bars plus the axis).
const HEIGHT: i32 = 96;
/// Height kept for the axis labels.
const AXIS: i32 = 18;
/// A drag shorter than this (px) is a click.
const CLICK_SLOP: f64 = 4.0;
/// Quiet time before the screen reader table follows the bars.
const TABLE_SETTLE_MS: u64 = 300;

/// The timeline above the results.
#[component]
pub fn Timeline() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let data = Memo::new(move |_| session.timeline.get());
    let dated = move || session.info.with(|i| i.dated);
    view! {
        <Show
            when=dated
            fallback=move || {
                view! {
                    <section class="timeline timeline--empty" data-testid="timeline">
                        <span class="timeline__undated" data-testid="timeline-undated">
                            {move || plural(session.total.get() as usize, "undated document", "undated documents")}
                        </span>
                    </section>
                }
            }
        >
            <section class="timeline" data-testid="timeline" aria-label="Timeline">
                <TimelineBar data nav />
                <TimelineChart data nav />
                <TimelineTable data />
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
        </Show>
    }
}

/// The line above the chart: what the bars are, what was counted apart, and the
/// buttons that zoom out, reset, or go to the documents outside.
#[component]
fn TimelineBar(data: Memo<Option<Data>>, nav: Nav) -> impl IntoView {
    let summary = move || {
        data.with(|d| {
            let Some(d) = d else {
                return String::new();
            };
            let h = &d.histogram;
            let mut parts = vec![format!("by {}", h.granularity.name())];
            if h.coarser > 0 {
                parts.push(format!("{} dated less precisely", thousands(h.coarser)));
            }
            parts.join(" · ")
        })
    };
    let undated = move || data.with(|d| d.as_ref().map_or(0, |d| d.histogram.undated));
    let side = move |before: bool| {
        data.with(|d| {
            let d = d.as_ref()?;
            if before {
                d.before
            } else {
                d.after
            }
        })
    };
    let zoomed = move || nav.state.with(|s| s.zoom.is_some());
    let ranged = move || nav.state.with(|s| s.selection.range.is_some());
    let outside = move |before: bool| {
        move || {
            side(before).map(|(n, span)| {
                let range = DateRange {
                    start: Some(span.0),
                    end: Some(span.1),
                };
                let text = if before {
                    format!("← {} earlier", thousands(n as usize))
                } else {
                    format!("{} later →", thousands(n as usize))
                };
                let title = format!(
                    "{} dated {}: show them",
                    plural(n as usize, "document", "documents"),
                    describe_range(&range)
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
                    {move || plural(undated(), "undated", "undated")}
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
                        "Zoom out"
                    </button>
                </Show>
                <Show when=move || zoomed() || ranged()>
                    <button
                        type="button"
                        class="timeline__button button button--quiet"
                        data-testid="timeline-reset"
                        on:click=move |_| nav.reset_timeline()
                    >
                        "Reset"
                    </button>
                </Show>
            </span>
        </div>
    }
}

fn describe(b: &Bucket, g: Granularity) -> String {
    format!(
        "{}: {}",
        b.label(g),
        plural(b.count, "document", "documents")
    )
}

/// The bars, to point at, drag across, click and step through from the keyboard.
#[component]
fn TimelineChart(data: Memo<Option<Data>>, nav: Nav) -> impl IntoView {
    let chart = NodeRef::<Div>::new();
    let width = RwSignal::new(800.0f64);
    Effect::new(move |_| {
        let Some(el) = chart.get() else {
            return;
        };
        let target = el.clone();
        let o = observe_height(&el, move |_| {
            // The observer fired after layout: reading the width now costs nothing.
            let w = f64::from(target.client_width());
            if w > 0.0
                && width
                    .try_get_untracked()
                    .is_some_and(|old| (w - old).abs() > 0.5)
            {
                let _ = width.try_set(w);
            }
        });
        on_cleanup(move || {
            if let Some(o) = o {
                o.disconnect();
            }
        });
    });
    let buckets = Memo::new(move |_| {
        data.with(|d| {
            d.as_ref()
                .map(|d| (d.histogram.granularity, d.histogram.buckets.clone()))
                .unwrap_or((Granularity::Year, Vec::new()))
        })
    });
    let n = move || buckets.with(|(_, b)| b.len().max(1));
    let max = Memo::new(move |_| {
        buckets.with(|(_, b)| b.iter().map(|b| b.count).max().unwrap_or(0).max(1))
    });
    let bar_width = move || width.get() / n() as f64;

    // Interaction: the bar under the pointer or in focus, and a drag in progress.
    let hover = RwSignal::new(None::<usize>);
    let active = RwSignal::new(None::<usize>);
    let anchor = RwSignal::new(None::<usize>);
    let drag = RwSignal::new(None::<(f64, usize, usize)>); // (start x, from bar, to bar)
    let left = StoredValue::new(0.0f64);

    let index_at = move |x: f64| -> usize {
        let n = buckets.with_untracked(|(_, b)| b.len());
        let w = width.get_untracked() / n.max(1) as f64;
        ((x / w).floor().max(0.0) as usize).min(n.saturating_sub(1))
    };
    let local_x = move |ev: &PointerEvent| f64::from(ev.client_x()) - left.get_value();
    let select_bars = move |a: usize, b: usize| {
        let (lo, hi) = (a.min(b), a.max(b));
        let range = buckets.with_untracked(|(_, bs)| match (bs.get(lo), bs.get(hi)) {
            (Some(x), Some(y)) => Some(DateRange {
                start: Some(x.start),
                end: Some(y.end),
            }),
            _ => None,
        });
        nav.set_range(range);
    };
    let zoom_into = move |i: usize| {
        let target = buckets.with_untracked(|(g, b)| b.get(i).map(|b| (*g, *b)));
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
        // An input event: the layout is current, and the chart's place is read once.
        if let Some(el) = chart.get_untracked() {
            left.set_value(el.get_bounding_client_rect().left());
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let x = local_x(&ev);
        let i = index_at(x);
        drag.set(Some((x, i, i)));
    };
    let on_pointer_move = move |ev: PointerEvent| {
        if drag.get_untracked().is_none() {
            if let Some(el) = chart.get_untracked() {
                left.set_value(el.get_bounding_client_rect().left());
            }
        }
        let x = local_x(&ev);
        let i = index_at(x);
        if hover.get_untracked() != Some(i) {
            hover.set(Some(i));
        }
        if let Some((x0, from, to)) = drag.get_untracked() {
            if to != i {
                drag.set(Some((x0, from, i)));
            }
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
        let n = buckets.with_untracked(|(_, b)| b.len());
        if n == 0 {
            return;
        }
        let current = active.get_untracked().unwrap_or_else(|| {
            // Start from the last bar with documents.
            buckets.with_untracked(|(_, b)| b.iter().rposition(|b| b.count > 0).unwrap_or(n - 1))
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
    let tooltip = move || {
        let i = pointed()?;
        buckets.with(|(g, b)| {
            let b = b.get(i)?;
            let x = ((i as f64 + 0.5) * bar_width()).round() as i32;
            Some((describe(b, *g), x))
        })
    };
    let announcement = move || {
        active
            .get()
            .and_then(|i| buckets.with(|(g, b)| b.get(i).map(|b| describe(b, *g))))
            .unwrap_or_default()
    };

    // The range (committed, or being dragged) as a band over the bars.
    let band = move || -> Option<(i32, i32)> {
        let w = bar_width();
        if let Some((_, a, b)) = drag.get() {
            return Some((
                (a.min(b) as f64 * w) as i32,
                ((a.max(b) + 1) as f64 * w) as i32,
            ));
        }
        let range = nav.state.with(|s| s.selection.range)?;
        buckets.with(|(_, b)| {
            let first = b
                .iter()
                .position(|b| range.overlaps_span((b.start, b.end)))?;
            let last = b
                .iter()
                .rposition(|b| range.overlaps_span((b.start, b.end)))?;
            Some(((first as f64 * w) as i32, ((last + 1) as f64 * w) as i32))
        })
    };
    // Labels follow the bars' dates, not their counts: a memo keeps them while typing.
    let labels = Memo::new(move |_| {
        let max_labels = (width.get() / 70.0).max(2.0) as usize;
        data.with(|d| {
            d.as_ref()
                .map(|d| d.histogram.labels(max_labels))
                .unwrap_or_default()
        })
    });
    // The bars: one effect keeps a row of <rect>s in step with the counts, touching only
    // the attributes that changed (a keystroke changes most counts; hundreds of reactive
    // bars cost more than the drawing).
    let layer = NodeRef::<leptos::svg::G>::new();
    let drawn = StoredValue::new_local(Vec::<DrawnBar>::new());
    Effect::new(move |_| {
        let Some(g) = layer.get() else {
            return;
        };
        let w = bar_width();
        let top = max.get();
        let on = active.get();
        buckets.with(|(gran, b)| {
            drawn.update_value(|drawn| sync_bars(&g, drawn, b, *gran, top, w, on));
        });
    });
    view! {
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
            <svg class="timeline__svg" width=move || width.get().round() as i32 height=HEIGHT aria-hidden="true">
                {move || {
                    band()
                        .map(|(x0, x1)| {
                            view! {
                                <rect class="timeline__band" x=x0 y="0" width=(x1 - x0).max(1) height=HEIGHT - AXIS />
                            }
                        })
                }}
                <g node_ref=layer></g>
                {move || {
                    let w = bar_width();
                    labels
                        .get()
                        .into_iter()
                        .map(|(i, text)| {
                            let x = (i as f64 * w).round() as i32;
                            view! {
                                <line class="timeline__tick" x1=x x2=x y1=HEIGHT - AXIS y2=HEIGHT - AXIS + 4 />
                                <text class="timeline__label" x=x + 2 y=HEIGHT - 4>
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
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
        </div>
    }
}

/// A bar as last drawn: its element and attribute values.
struct DrawnBar {
    el: web_sys::Element,
    key: (i32, i32),
    values: [i32; 5],
    active: bool,
}

/// Brings the drawn bars in step with `buckets`: adds or removes <rect>s at the end, and
/// sets only the attributes whose values changed.
fn sync_bars(
    layer: &web_sys::Element,
    drawn: &mut Vec<DrawnBar>,
    buckets: &[Bucket],
    granularity: Granularity,
    max: usize,
    bar_width: f64,
    active: Option<usize>,
) {
    let Some(doc) = layer.owner_document() else {
        return;
    };
    while drawn.len() > buckets.len() {
        if let Some(bar) = drawn.pop() {
            bar.el.remove();
        }
    }
    while drawn.len() < buckets.len() {
        let Ok(el) = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect") else {
            return;
        };
        let _ = el.set_attribute("class", "timeline__column");
        let _ = el.set_attribute("data-testid", "timeline-bar");
        let _ = layer.append_child(&el);
        drawn.push(DrawnBar {
            el,
            key: (i32::MIN, i32::MIN),
            values: [-1; 5],
            active: false,
        });
    }
    let gap = if bar_width > 4.0 { 1.0 } else { 0.0 };
    for (i, (bar, b)) in drawn.iter_mut().zip(buckets).enumerate() {
        let key = (b.start, granularity as i32);
        if bar.key != key {
            bar.key = key;
            let _ = bar
                .el
                .set_attribute("data-start", &b.iso_start(granularity));
            let _ = bar.el.set_attribute("data-end", &b.iso_end(granularity));
        }
        let height = if b.count == 0 {
            0
        } else {
            ((b.count as f64 / max.max(1) as f64) * f64::from(HEIGHT - AXIS - 2)).max(2.0) as i32
        };
        let x = (i as f64 * bar_width).round() as i32;
        let w = (((i + 1) as f64 * bar_width - gap).round() as i32 - x).max(1);
        let values = [b.count as i32, x, HEIGHT - AXIS - height, w, height];
        for (k, name) in ["data-count", "x", "y", "width", "height"]
            .iter()
            .enumerate()
        {
            if bar.values[k] != values[k] {
                let _ = bar.el.set_attribute(name, &values[k].to_string());
            }
        }
        bar.values = values;
        let is_active = active == Some(i);
        if bar.active != is_active {
            bar.active = is_active;
            let _ = bar
                .el
                .class_list()
                .toggle_with_force("timeline__column--active", is_active);
        }
    }
}

/// Every bar's count as a table, for screen readers.
#[component]
fn TimelineTable(data: Memo<Option<Data>>) -> impl IntoView {
    // Rebuilt once the counts settle, not on every keystroke: nobody reads a table
    // between two keys, and its hundreds of cells would cost each of them.
    let settled = RwSignal::new(None::<Data>);
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let d = data.get();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(
            move || settled.set(d),
            std::time::Duration::from_millis(TABLE_SETTLE_MS),
        )
        .ok();
        pending.set_value(h);
    });
    let data = settled;
    view! {
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
                    data.with(|d| {
                        d.as_ref()
                            .map(|d| {
                                let g = d.histogram.granularity;
                                d.histogram
                                    .buckets
                                    .iter()
                                    .map(|b| {
                                        view! {
                                            <tr>
                                                <td>{b.label(g)}</td>
                                                <td>{b.count}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                    })
                }}
            </tbody>
        </table>
    }
}
