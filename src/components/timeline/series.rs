//! Terms over time: the queries compared on the timeline, and the chart's numbers as a
//! table and a CSV.
//!
//! # Overview
//! [`SeriesPanel`] sits under the chart: a box to add a query (up to five), a legend of
//! those compared (each in the colour and dash of its line, with its total and a button
//! to remove it), a switch between counts and shares of each bar's documents, and the
//! chart's numbers as a table (always there for screen readers; on screen at a press of
//! "Table") and as a CSV download: the bars, and the compared queries beside them. The
//! lines themselves are drawn with the bars ([`super::bars::draw_lines`]).
//!
//! The numbers and their shaping are [`chronicle_core::series`]'s; the list lives in the
//! URL (`#series=`). The panel's changing parts are written straight into the DOM by one
//! effect each (the legend, the table): a reactive view per part would cost the
//! WebAssembly several kilobytes for what is a few elements.

use crate::i18n::{fill, number, t};
use chronicle_core::protocol::Timeline as Data;
use chronicle_core::query::DateRange;
use chronicle_core::series::{self, show, value, Scale, MAX_SERIES};
use leptos::html;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::TABLE_SETTLE_MS;
use crate::context::Nav;

/// The scale the reader chose (tracked).
pub fn scale_of(nav: Nav) -> Scale {
    if nav.state.with(|s| s.share) {
        Scale::Share
    } else {
        Scale::Count
    }
}

/// What bar `i` says of the compared queries: "idlib 12, aleppo 3" (or shares).
pub fn describe(d: &Data, i: usize, scale: Scale) -> String {
    d.series
        .iter()
        .map(|s| format!("{} {}", s.q, show(value(s, &d.base, i, scale), scale)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The box to add a query, the legend, the scale, and the table and CSV of the numbers.
#[component]
pub fn SeriesPanel(data: RwSignal<Option<Data>>, nav: Nav) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    let p = Panel { data, nav };
    let shown = StoredValue::new_local(Shown::default());
    crate::effect::effect(move |_| p.follow(node, shown));
    let click = move |ev: leptos::ev::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten());
        if let (Some(button), Some(panel)) = (button, node.get_untracked()) {
            p.press(&panel, &button);
        }
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(panel) = node.get_untracked() {
            p.add(&panel);
        }
    };
    view! {
        <div
            class="series"
            data-testid="series"
            node_ref=node
            on:click=click
            on:submit=add
            on:change=move |ev| nav.set_series(p.list(), event_target_checked(&ev))
        ></div>
    }
}

/// What the panel shows: the list compared (queries, totals, shares or not), and the
/// table's rewrite waiting for the counts to settle.
#[derive(Default)]
struct Shown {
    list: Option<(Vec<String>, Vec<u32>, bool)>,
    pending: Option<TimeoutHandle>,
}

/// What the panel's parts do with the view and the chart's numbers.
#[derive(Clone, Copy)]
struct Panel {
    data: RwSignal<Option<Data>>,
    nav: Nav,
}

impl Panel {
    /// The queries compared now.
    fn list(&self) -> Vec<String> {
        self.nav.state.with_untracked(|s| s.series.clone())
    }

    /// Compares `list` instead, in the same scale.
    fn set_list(&self, list: Vec<String>) {
        let share = self.nav.state.with_untracked(|s| s.share);
        self.nav.set_series(list, share);
    }

    /// Keeps the panel in step (tracked): the legend, the scale switch and the box (closed
    /// at five queries) at once; the table at once on screen, else once the counts settle
    /// (nobody reads a hidden table between two keys, and its hundreds of cells would cost
    /// each of them).
    fn follow(&self, node: NodeRef<html::Div>, shown: StoredValue<Shown, LocalStorage>) {
        let (list, shared, range) = self
            .nav
            .state
            .with(|s| (s.series.clone(), s.share, s.selection.range));
        let totals: Vec<u32> = self.data.with(|d| {
            d.as_ref()
                .map(|d| d.series.iter().map(|s| s.total).collect())
                .unwrap_or_default()
        });
        let Some(panel) = node.get() else {
            return;
        };
        if panel.child_element_count() == 0 {
            panel.set_inner_html(t(SKELETON));
        }
        // Every key typed in the search box redraws the timeline; the list is written
        // again only when it changed.
        let now = (list, totals, shared);
        if shown.with_value(|s| s.list.as_ref() != Some(&now)) {
            let _ = show_list(&panel, &now.0, &now.1, now.2);
            shown.update_value(|s| s.list = Some(now));
        }
        if let Some(h) = shown.with_value(|s| s.pending) {
            h.clear();
        }
        let data = self.data;
        if table_open(&panel) {
            refill(&panel, data, range.as_ref());
        } else {
            let fill = move || refill(&panel, data, range.as_ref());
            let wait = std::time::Duration::from_millis(TABLE_SETTLE_MS);
            let h = set_timeout_with_handle(fill, wait).ok();
            shown.update_value(|s| s.pending = h);
        }
    }

    /// The box's query joins the list.
    fn add(&self, panel: &web_sys::Element) {
        let input = part(panel, "series-input")
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            let q = input.value();
            if !q.trim().is_empty() {
                let mut list = self.list();
                list.push(q);
                self.set_list(list);
                input.set_value("");
            }
        }
    }

    /// A button pressed: a legend's × removes its query, "Table" shows or hides the table,
    /// "CSV" downloads it.
    fn press(&self, panel: &web_sys::Element, button: &web_sys::Element) {
        let range = self.nav.state.with_untracked(|s| s.selection.range);
        if let Some(k) = button
            .get_attribute("data-series")
            .and_then(|k| k.parse::<usize>().ok())
        {
            let mut list = self.list();
            if k < list.len() {
                list.remove(k);
            }
            self.set_list(list);
            return;
        }
        match button.get_attribute("data-testid").as_deref() {
            Some("timeline-table-toggle") => {
                let open = !table_open(panel);
                if let Some(wrap) = part(panel, "timeline-table").and_then(|t| t.parent_element()) {
                    wrap.set_class_name(if open {
                        "series__table"
                    } else {
                        "visually-hidden"
                    });
                }
                let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
                if open {
                    refill(panel, self.data, range.as_ref());
                }
            }
            Some("timeline-csv") => {
                let csv = self
                    .data
                    .with_untracked(|d| d.as_ref().map(|d| csv(d, range.as_ref())));
                if let Some(csv) = csv {
                    let mime = "text/csv;charset=utf-8";
                    let parts: Vec<_> = crate::download::blob(&csv).into_iter().collect();
                    crate::download::save(&parts, "chronicle-timeline.csv", mime);
                }
            }
            _ => {}
        }
    }
}

/// The panel's fixed parts: the box to add a query, the legend, the scale switch, "Table",
/// "CSV", and the table. Constant markup of the app's own (no corpus text ever goes
/// through HTML), set once: one call instead of forty.
pub(crate) const SKELETON: &str = concat!(
    r#"<form class="series__form"><label for="chronicle-series-input">Compare over time</label>"#,
    r#"<input id="chronicle-series-input" class="series__input" type="search" data-testid="series-input" dir="auto" autocomplete="off" spellcheck="false" placeholder="a word or query">"#,
    r#"<button type="submit" class="button button--quiet" data-testid="series-add">Add</button></form>"#,
    r#"<ul class="series__legend" data-testid="series-legend" aria-label="Compared over time"></ul>"#,
    r#"<span class="series__actions"><label data-testid="series-share-label" hidden>"#,
    r#"<input type="checkbox" data-testid="series-share"> Share of documents</label>"#,
    r#"<button type="button" class="button button--quiet" data-testid="timeline-table-toggle" aria-expanded="false" aria-controls="chronicle-timeline-table">Table</button>"#,
    r#"<button type="button" class="button button--quiet" data-testid="timeline-csv">CSV</button></span>"#,
    r#"<div class="visually-hidden" id="chronicle-timeline-table"><table data-testid="timeline-table"></table></div>"#,
);

/// Whether the table is on screen.
fn table_open(panel: &web_sys::Element) -> bool {
    part(panel, "timeline-table")
        .and_then(|t| t.parent_element())
        .is_some_and(|w| w.class_name() == "series__table")
}

/// Writes the chart's current numbers into the panel's table.
fn refill(panel: &web_sys::Element, data: RwSignal<Option<Data>>, range: Option<&DateRange>) {
    data.with_untracked(|d| {
        if let (Some(d), Some(table)) = (d, part(panel, "timeline-table")) {
            let _ = fill_table(&table, d, range);
        }
    });
}

/// The element of `panel` with `data-testid` `id`.
fn part(panel: &web_sys::Element, id: &str) -> Option<web_sys::Element> {
    panel
        .query_selector(&["[data-testid=", id, "]"].concat())
        .ok()?
}

/// Shows the list compared: the legend, the scale switch (only when there is a list),
/// and the box, closed at [`MAX_SERIES`] queries.
fn show_list(
    panel: &web_sys::Element,
    list: &[String],
    totals: &[u32],
    shared: bool,
) -> Result<(), JsValue> {
    if let Some(ul) = part(panel, "series-legend") {
        fill_legend(&ul, list, totals)?;
    }
    let full = list.len() >= MAX_SERIES;
    for id in ["series-input", "series-add"] {
        if let Some(el) = part(panel, id) {
            el.toggle_attribute_with_force("disabled", full)?;
        }
    }
    if let Some(label) = part(panel, "series-share-label") {
        label.toggle_attribute_with_force("hidden", list.is_empty())?;
    }
    if let Some(share) =
        part(panel, "series-share").and_then(|s| s.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        share.set_checked(shared);
    }
    Ok(())
}

/// Appends a `tag` element holding `text` to `parent`.
fn add(parent: &web_sys::Element, tag: &str, text: &str) -> Result<web_sys::Element, JsValue> {
    let doc = parent.owner_document().ok_or("no document")?;
    let el = doc.create_element(tag)?;
    el.set_text_content(Some(text));
    parent.append_child(&el)?;
    Ok(el)
}

/// Writes the legend: per query, its line's colour and dash, the query, its total, and a
/// button to stop comparing it.
fn fill_legend(ul: &web_sys::Element, list: &[String], totals: &[u32]) -> Result<(), JsValue> {
    ul.set_text_content(None);
    for (k, q) in list.iter().enumerate() {
        let li = add(ul, "li", "")?;
        li.set_class_name("series__item");
        li.set_attribute("data-testid", "series-item")?;
        let swatch = add(&li, "span", "")?;
        swatch.set_class_name(&format!("series__swatch series-{k}"));
        swatch.set_attribute("aria-hidden", "true")?;
        add(&li, "span", q)?.set_attribute("dir", "auto")?;
        if let Some(&n) = totals.get(k) {
            let total = add(&li, "span", &number(n as usize))?;
            total.set_class_name("series__total");
            total.set_attribute("data-testid", "series-total")?;
        }
        let button = add(&li, "button", "×")?;
        let label = fill("Stop comparing {}", &[q]);
        button.set_class_name("series__remove button button--quiet");
        for (name, v) in [
            ("type", "button"),
            ("data-testid", "series-remove"),
            ("data-series", &k.to_string()),
            ("aria-label", &label),
            ("title", &label),
        ] {
            button.set_attribute(name, v)?;
        }
    }
    Ok(())
}

/// Writes the table of `d` into `table` (replacing what it held): a caption, a head row,
/// and a row per bar (see [`series::table`]).
fn fill_table(
    table: &web_sys::Element,
    d: &Data,
    range: Option<&DateRange>,
) -> Result<(), JsValue> {
    table.set_text_content(None);
    add(table, "caption", t("Documents per period"))?;
    let head = add(&add(table, "thead", "")?, "tr", "")?;
    let compared = !d.series.is_empty();
    let mut heads = vec![t("Period"), t("Documents")];
    heads.extend(d.series.iter().map(|s| s.q.as_str()));
    if compared {
        heads.push(t("All documents"));
    }
    for h in heads {
        let th = add(&head, "th", h)?;
        th.set_attribute("scope", "col")?;
        th.set_attribute("dir", "auto")?;
    }
    let body = add(table, "tbody", "")?;
    for r in series::table(d, range, crate::i18n::lang()) {
        let tr = add(&body, "tr", "")?;
        add(&tr, "th", &r.label)?.set_attribute("scope", "row")?;
        add(&tr, "td", &number(r.documents as usize))?;
        for (&c, &s) in r.counts.iter().zip(&r.shares) {
            let text = format!("{} ({})", show(c, Scale::Count), show(s, Scale::Share));
            add(&tr, "td", &text)?;
        }
        if compared {
            add(&tr, "td", &number(r.all as usize))?;
        }
    }
    Ok(())
}

/// The chronology as CSV, its header row and periods in the interface's language.
fn csv(data: &Data, range: Option<&DateRange>) -> String {
    let header = series::CsvHeader {
        period: t("period"),
        from: t("from"),
        to: t("to"),
        documents: t("documents"),
        all: t("all documents"),
        share: t("{} (% of documents)"),
    };
    series::csv_in(data, range, crate::i18n::lang(), &header)
}
