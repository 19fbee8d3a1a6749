//! Drawing the bars: one `<rect>` per bar, kept in step with the counts by hand; and the
//! lines of the queries compared over time.
//!
//! A keystroke changes most counts; hundreds of reactive bars cost more than the drawing,
//! so [`sync_bars`] adds or removes `<rect>`s at the end and sets only the attributes
//! whose values changed. [`draw_lines`] draws a `<polyline>` per compared query.

use chronicle_core::protocol::Timeline as Data;
use chronicle_core::series::{peak, value, Scale};
use chronicle_core::timeline::{Bucket, Granularity};

use super::{AXIS, HEIGHT};

/// A bar as last drawn: its element and attribute values.
pub struct DrawnBar {
    el: web_sys::Element,
    key: (i32, i32),
    values: [i32; 5],
    active: bool,
}

/// Brings the drawn bars in step with `buckets`: adds or removes <rect>s at the end, and
/// sets only the attributes whose values changed.
pub fn sync_bars(
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

/// Draws one `<polyline>` per query compared in `d` into `layer` (replacing what it
/// held), a point at the middle of each bar, scaled to the largest value.
pub fn draw_lines(layer: &web_sys::Element, d: Option<&Data>, scale: Scale, bar_width: f64) {
    layer.set_text_content(None);
    let (Some(d), Some(doc)) = (d, layer.owner_document()) else {
        return;
    };
    let top = f64::from(peak(d, scale));
    let floor = f64::from(HEIGHT - AXIS - 2);
    for (k, s) in d.series.iter().enumerate() {
        let points = (0..s.counts.len())
            .map(|i| {
                let x = ((i as f64 + 0.5) * bar_width).round() as i32;
                let v = f64::from(value(s, &d.base, i, scale));
                let y = (floor - v / top * (floor - 2.0)).round() as i32;
                format!("{x},{y}")
            })
            .collect::<Vec<_>>()
            .join(" ");
        let Ok(el) = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), "polyline") else {
            return;
        };
        let _ = el.set_attribute("class", &format!("timeline__series series-{k}"));
        let _ = el.set_attribute("data-testid", "series-line");
        let _ = el.set_attribute("points", &points);
        let _ = layer.append_child(&el);
    }
}
