//! Numbers and counts as readers see them: `1,234`, `12.4 MB`, `1 document`, `3 documents`.
//!
//! # Overview
//! The page shows counts everywhere (results, facet values, timeline bars, loading
//! progress); they are written here, once, and tested.

/// `1234567` → `1,234,567`.
///
/// ```
/// assert_eq!(chronicle_core::format::thousands(1234567), "1,234,567");
/// assert_eq!(chronicle_core::format::thousands(12), "12");
/// ```
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with its noun: `1 document`, `2,000 documents`.
///
/// ```
/// use chronicle_core::format::plural;
/// assert_eq!(plural(1, "document", "documents"), "1 document");
/// assert_eq!(plural(2000, "document", "documents"), "2,000 documents");
/// ```
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Per mille as a percentage with one decimal: `125` → `12.5%` (integers only, as
/// [`megabytes`]).
///
/// ```
/// use chronicle_core::format::per_mille;
/// assert_eq!(per_mille(125), "12.5%");
/// assert_eq!(per_mille(1000), "100.0%");
/// assert_eq!(per_mille(3), "0.3%");
/// ```
pub fn per_mille(v: u32) -> String {
    format!("{}.{}%", v / 10, v % 10)
}

/// Bytes in megabytes with one decimal: `12.4 MB`.
///
/// ```
/// assert_eq!(chronicle_core::format::megabytes(12_400_000), "12.4 MB");
/// assert_eq!(chronicle_core::format::megabytes(204_047_970), "204.0 MB");
/// assert_eq!(chronicle_core::format::megabytes(49_999), "0.0 MB");
/// ```
pub fn megabytes(bytes: u64) -> String {
    // In whole tenths, rounded: integers only (float formatting would add kilobytes of
    // WebAssembly for this one line).
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}
