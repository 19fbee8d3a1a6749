//! Drawing the bars: one `<rect>` per bar, kept in step with the counts by hand.
//!
//! A keystroke changes most counts; hundreds of reactive bars cost more than the drawing,
//! so [`sync_bars`] adds or removes `<rect>`s at the end and sets only the attributes
//! whose values changed.

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
