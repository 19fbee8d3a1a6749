//! The chart: bars to point at, drag across, click, and step through from the keyboard.
//!
//! # Overview
//! [`TimelineChart`] puts together:
//! - [`Bars`]: the bars the engine sent and the chart's width: which bar is under a
//!   point, how wide a bar is, what a bar says;
//! - [`Pointing`]: what the reader points at, has in focus, or is dragging across;
//! - [`Actions`]: the pointer and keyboard handlers, which turn those into a date range
//!   or a zoom (the rules for keys and ranges are in [`chronicle_core::timeline`]);
//! - what is drawn: the band over the range, the bars ([`super::bars`]), the axis, the
//!   tooltip and the live region.

use crate::i18n::{count, lang, t};
use chronicle_core::locale::period;
use chronicle_core::protocol::Timeline as Data;
use chronicle_core::timeline::{
    bar_after_key, bars_in, bars_range, keyboard_start, Bucket, Granularity,
};
use leptos::html::Div;
use leptos::prelude::*;
use web_sys::{KeyboardEvent, PointerEvent};

use super::bars::{draw_lines, sync_bars, DrawnBar};
use super::series::{self, scale_of};
use super::{AXIS, HEIGHT};
use crate::components::result_list::{follow_size, observe_height};
use crate::context::Nav;

/// A drag shorter than this (px) is a click.
const CLICK_SLOP: f64 = 4.0;
/// Room for one axis label, in pixels.
const LABEL_WIDTH: f64 = 70.0;

/// The bars the engine sent, and the chart's width.
#[derive(Clone, Copy)]
struct Bars {
    buckets: Memo<(Granularity, Vec<Bucket>)>,
    /// How many bars there are: what is drawn from where the bars are (the axis, the
    /// band) follows this, not the counts, which change at every keystroke.
    n: Memo<usize>,
    width: RwSignal<f64>,
    data: RwSignal<Option<Data>>,
}

impl Bars {
    fn new(data: RwSignal<Option<Data>>, width: RwSignal<f64>) -> Bars {
        let buckets = Memo::new(move |_| {
            data.with(|d| {
                d.as_ref()
                    .map(|d| (d.histogram.granularity, d.histogram.buckets.clone()))
                    .unwrap_or((Granularity::Year, Vec::new()))
            })
        });
        Bars {
            buckets,
            n: Memo::new(move |_| buckets.with(|(_, b)| b.len())),
            width,
            data,
        }
    }

    /// How wide one bar is (tracked).
    fn bar_width(&self) -> f64 {
        self.width.get() / self.n.get().max(1) as f64
    }

    /// The bar under `x` pixels from the chart's left edge.
    fn index_at(&self, x: f64) -> usize {
        let n = self.buckets.with_untracked(|(_, b)| b.len());
        let w = self.width.get_untracked() / n.max(1) as f64;
        ((x / w).floor().max(0.0) as usize).min(n.saturating_sub(1))
    }

    /// "1861: 4 documents", and the compared queries' values (tracked).
    fn describe(&self, i: usize, nav: Nav) -> Option<String> {
        let bar = self.buckets.with(|(g, b)| {
            let b = b.get(i)?;
            Some(format!(
                "{}: {}",
                period(lang(), b, *g),
                count(b.count, "document", "documents")
            ))
        })?;
        let scale = scale_of(nav);
        let compared = self.data.with(|d| {
            d.as_ref()
                .filter(|d| !d.series.is_empty())
                .map(|d| series::describe(d, i, scale))
        });
        Some(match compared {
            Some(c) => format!("{bar}; {c}"),
            None => bar,
        })
    }
}

/// A drag across the bars: where it started (px), and the bars it spans.
#[derive(Clone, Copy, PartialEq)]
struct Drag {
    x0: f64,
    from: usize,
    to: usize,
}

/// What the reader points at, has in focus (keyboard), or is dragging across.
#[derive(Clone, Copy)]
struct Pointing {
    hover: RwSignal<Option<usize>>,
    active: RwSignal<Option<usize>>,
    /// Where a Shift+arrow selection started.
    anchor: RwSignal<Option<usize>>,
    drag: RwSignal<Option<Drag>>,
    /// The chart's left edge on the page, read at the start of a gesture.
    left: StoredValue<f64>,
}

impl Pointing {
    fn new() -> Pointing {
        Pointing {
            hover: RwSignal::new(None),
            active: RwSignal::new(None),
            anchor: RwSignal::new(None),
            drag: RwSignal::new(None),
            left: StoredValue::new(0.0),
        }
    }

    /// The bar the tooltip talks about (tracked).
    fn pointed(&self) -> Option<usize> {
        self.hover.get().or(self.active.get())
    }
}

/// What the reader's gestures do to the view.
#[derive(Clone, Copy)]
struct Actions {
    bars: Bars,
    pointing: Pointing,
    nav: Nav,
    chart: NodeRef<Div>,
}

impl Actions {
    /// Narrows the results to bars `a` to `b`.
    fn select(&self, a: usize, b: usize) {
        let range = self
            .bars
            .buckets
            .with_untracked(|(_, bs)| bars_range(bs, a, b));
        self.nav.set_range(range);
    }

    /// Zooms into bar `i` (a day, the finest bar, is selected instead).
    fn zoom_into(&self, i: usize) {
        let target = self
            .bars
            .buckets
            .with_untracked(|(g, b)| b.get(i).map(|b| (*g, *b)));
        if let Some((g, b)) = target {
            if g == Granularity::Day {
                self.nav.set_range(Some(b.range()));
            } else {
                self.nav.set_zoom(Some((b.start, b.end)));
            }
            self.pointing.active.set(None);
            self.pointing.anchor.set(None);
        }
    }

    /// Reads where the chart is: in an input event the layout is current.
    fn measure(&self) {
        if let Some(el) = self.chart.get_untracked() {
            self.pointing
                .left
                .set_value(el.get_bounding_client_rect().left());
        }
    }

    /// How far into the chart the pointer is, from where time starts: the left edge, or
    /// in a language written right to left, the right edge.
    fn x_of(&self, ev: &PointerEvent) -> f64 {
        let x = f64::from(ev.client_x()) - self.pointing.left.get_value();
        if lang().is_rtl() {
            self.bars.width.get_untracked() - x
        } else {
            x
        }
    }

    fn pointer_down(&self, ev: PointerEvent) {
        if ev.button() != 0 {
            return;
        }
        self.measure();
        if let Some(el) = self.chart.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let x = self.x_of(&ev);
        let i = self.bars.index_at(x);
        self.pointing.drag.set(Some(Drag {
            x0: x,
            from: i,
            to: i,
        }));
    }

    fn pointer_move(&self, ev: PointerEvent) {
        let p = self.pointing;
        let drag = p.drag.get_untracked();
        if drag.is_none() {
            self.measure();
        }
        let i = self.bars.index_at(self.x_of(&ev));
        if p.hover.get_untracked() != Some(i) {
            p.hover.set(Some(i));
        }
        if let Some(d) = drag.filter(|d| d.to != i) {
            p.drag.set(Some(Drag { to: i, ..d }));
        }
    }

    /// A click zooms; a drag selects.
    fn pointer_up(&self, ev: PointerEvent) {
        let Some(d) = self.pointing.drag.get_untracked() else {
            return;
        };
        self.pointing.drag.set(None);
        if (self.x_of(&ev) - d.x0).abs() < CLICK_SLOP && d.from == d.to {
            self.zoom_into(d.from);
        } else {
            self.select(d.from, d.to);
        }
    }

    /// ←/→ Home End move (with Shift: select), Enter zooms, Escape clears the range.
    fn key(&self, ev: KeyboardEvent) {
        let p = self.pointing;
        let (n, start) = self
            .bars
            .buckets
            .with_untracked(|(_, b)| (b.len(), keyboard_start(b)));
        if n == 0 {
            return;
        }
        let current = p.active.get_untracked().unwrap_or(start);
        let key = mirrored(ev.key());
        if let Some(next) = bar_after_key(&key, current, n) {
            ev.prevent_default();
            if ev.shift_key() {
                let a = p.anchor.get_untracked().unwrap_or(current);
                p.anchor.set(Some(a));
                self.select(a, next);
            } else {
                p.anchor.set(None);
            }
            p.active.set(Some(next));
            return;
        }
        match key.as_str() {
            "Enter" => {
                ev.prevent_default();
                self.zoom_into(current);
            }
            "Escape"
                if self
                    .nav
                    .state
                    .with_untracked(|s| s.selection.range.is_some()) =>
            {
                ev.prevent_default();
                ev.stop_propagation();
                p.anchor.set(None);
                self.nav.set_range(None);
            }
            _ => {}
        }
    }
}

/// The chart's width, kept by a resize observer (read after layout, so it costs nothing).
fn observe_width(chart: NodeRef<Div>) -> RwSignal<f64> {
    let width = RwSignal::new(800.0f64);
    crate::effect::effect(move |_| {
        let Some(el) = chart.get() else {
            return;
        };
        let target = el.clone();
        let o = observe_height(&el, move |_| {
            follow_size(width, f64::from(target.client_width()), 0.0);
        });
        on_cleanup(move || {
            if let Some(o) = o {
                o.disconnect();
            }
        });
    });
    width
}

/// The band over the range being dragged, or else the range in force: its left and
/// right edges in pixels.
fn band(bars: Bars, pointing: Pointing, nav: Nav) -> Option<(i32, i32)> {
    let w = bars.bar_width();
    let (first, last) = match pointing.drag.get() {
        Some(d) => (d.from.min(d.to), d.from.max(d.to)),
        None => {
            let range = nav.state.with(|s| s.selection.range)?;
            bars.buckets.with(|(_, b)| bars_in(b, &range))?
        }
    };
    Some(((first as f64 * w) as i32, ((last + 1) as f64 * w) as i32))
}

/// Keeps the `<rect>`s in `layer` in step with the bars, their heights and the focus, and
/// the lines in `lines` with the queries compared.
fn draw_bars(
    layer: NodeRef<leptos::svg::G>,
    lines: NodeRef<leptos::svg::G>,
    bars: Bars,
    pointing: Pointing,
    nav: Nav,
) {
    let max = Memo::new(move |_| {
        bars.buckets
            .with(|(_, b)| b.iter().map(|b| b.count).max().unwrap_or(0).max(1))
    });
    let drawn = StoredValue::new_local(Vec::<DrawnBar>::new());
    crate::effect::effect(move |_| {
        let Some(g) = layer.get() else {
            return;
        };
        let w = bars.bar_width();
        let top = max.get();
        let on = pointing.active.get();
        bars.buckets.with(|(gran, b)| {
            drawn.update_value(|drawn| sync_bars(&g, drawn, b, *gran, top, w, on));
        });
        if let Some(l) = lines.get() {
            let scale = scale_of(nav);
            bars.data.with(|d| draw_lines(&l, d.as_ref(), scale, w));
        }
    });
}

/// An arrow key as the chart reads it: right to left, the left arrow goes forward in time.
fn mirrored(key: String) -> String {
    if !lang().is_rtl() {
        return key;
    }
    match key.as_str() {
        "ArrowLeft" => "ArrowRight".into(),
        "ArrowRight" => "ArrowLeft".into(),
        _ => key,
    }
}

/// Where a point `x` pixels after the start of time is drawn: the same, or mirrored in a
/// language written right to left (time then runs from the right edge).
fn drawn_at(x: i32, width: f64) -> i32 {
    if lang().is_rtl() {
        width.round() as i32 - x
    } else {
        x
    }
}

/// The axis: ticks and labels under the bars. The labels follow the bars' dates, not
/// their counts, so a memo keeps them while typing.
#[component]
fn Axis(data: RwSignal<Option<Data>>, bars: Bars) -> impl IntoView {
    let labels = Memo::new(move |_| {
        let max_labels = (bars.width.get() / LABEL_WIDTH).max(2.0) as usize;
        data.with(|d| {
            d.as_ref()
                .map(|d| d.histogram.labels(max_labels, lang()))
                .unwrap_or_default()
        })
    });
    move || {
        let w = bars.bar_width();
        labels
            .get()
            .into_iter()
            .map(|(i, text)| {
                let x = drawn_at((i as f64 * w).round() as i32, bars.width.get());
                view! {
                    <line class="timeline__tick" x1=x x2=x y1=HEIGHT - AXIS y2=HEIGHT - AXIS + 4 />
                    <text class="timeline__label" x=x + if lang().is_rtl() { -2 } else { 2 } y=HEIGHT - 4>
                        {text}
                    </text>
                }
            })
            .collect_view()
    }
}

/// The bars, to point at, drag across, click and step through from the keyboard.
#[component]
pub fn TimelineChart(data: RwSignal<Option<Data>>, nav: Nav) -> impl IntoView {
    let chart = NodeRef::<Div>::new();
    let bars = Bars::new(data, observe_width(chart));
    let pointing = Pointing::new();
    let act = Actions {
        bars,
        pointing,
        nav,
        chart,
    };
    let layer = NodeRef::<leptos::svg::G>::new();
    let lines = NodeRef::<leptos::svg::G>::new();
    draw_bars(layer, lines, bars, pointing, nav);
    let tooltip = move || {
        let i = pointing.pointed()?;
        let x = ((i as f64 + 0.5) * bars.bar_width()).round() as i32;
        Some((bars.describe(i, nav)?, drawn_at(x, bars.width.get())))
    };
    let announcement = move || {
        pointing
            .active
            .get()
            .and_then(|i| bars.describe(i, nav))
            .unwrap_or_default()
    };
    view! {
        <div
            class="timeline__chart"
            node_ref=chart
            tabindex="0"
            role="group"
            aria-roledescription=t("timeline")
            aria-label=t("Documents over time. Arrow keys move between bars, Shift and arrows select a range, Enter zooms in, Escape clears the range.")
            on:pointerdown=move |ev| act.pointer_down(ev)
            on:pointermove=move |ev| act.pointer_move(ev)
            on:pointerup=move |ev| act.pointer_up(ev)
            on:pointerleave=move |_| pointing.hover.set(None)
            on:keydown=move |ev| act.key(ev)
            on:blur=move |_| pointing.active.set(None)
        >
            <svg class="timeline__svg" width=move || bars.width.get().round() as i32 height=HEIGHT aria-hidden="true">
                // Right to left, the bars, the band and the lines are drawn mirrored.
                <g transform=move || {
                    lang().is_rtl().then(|| format!("matrix(-1 0 0 1 {} 0)", bars.width.get().round()))
                }>
                    {move || {
                        band(bars, pointing, nav)
                            .map(|(x0, x1)| {
                                view! {
                                    <rect class="timeline__band" x=x0 y="0" width=(x1 - x0).max(1) height=HEIGHT - AXIS />
                                }
                            })
                    }}
                    <g node_ref=layer></g>
                    <g node_ref=lines></g>
                </g>
                <Axis data bars />
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
