//! Lower case without the standard library's table.
//!
//! # Overview
//! `char::to_lowercase` looks letters up in a table of 1,463 pairs that costs 11.7 KB of
//! WebAssembly (7.4 KB gzipped). Case pairs come in runs, though: a block whose capitals
//! all sit a fixed distance from their small letters (`А`–`Я` → `а`–`я`), or capitals
//! and small letters alternating (`Ā ā Ă ă …`). [`LOWER`] lists those runs (184 of them,
//! 2.2 KB), and [`lower`] finds a letter's run by binary search. A test compares every
//! character with `char::to_lowercase`, so the table cannot drift from the standard
//! library's Unicode version; when it fails it prints the table to paste here.

/// Runs of capitals: the first, how many, the step between them (1: consecutive; 2:
/// alternating with their small letters) and the distance to their small letters.
#[rustfmt::skip]
const LOWER: &[(u32, u16, u8, i32)] = &[
    (0x000C0, 23, 1, 32),
    (0x000D8, 7, 1, 32),
    (0x00100, 24, 2, 1),
    (0x00132, 3, 2, 1),
    (0x00139, 8, 2, 1),
    (0x0014A, 23, 2, 1),
    (0x00178, 1, 1, -121),
    (0x00179, 3, 2, 1),
    (0x00181, 1, 1, 210),
    (0x00182, 2, 2, 1),
    (0x00186, 1, 1, 206),
    (0x00187, 1, 1, 1),
    (0x00189, 2, 1, 205),
    (0x0018B, 1, 1, 1),
    (0x0018E, 1, 1, 79),
    (0x0018F, 1, 1, 202),
    (0x00190, 1, 1, 203),
    (0x00191, 1, 1, 1),
    (0x00193, 1, 1, 205),
    (0x00194, 1, 1, 207),
    (0x00196, 1, 1, 211),
    (0x00197, 1, 1, 209),
    (0x00198, 1, 1, 1),
    (0x0019C, 1, 1, 211),
    (0x0019D, 1, 1, 213),
    (0x0019F, 1, 1, 214),
    (0x001A0, 3, 2, 1),
    (0x001A6, 1, 1, 218),
    (0x001A7, 1, 1, 1),
    (0x001A9, 1, 1, 218),
    (0x001AC, 1, 1, 1),
    (0x001AE, 1, 1, 218),
    (0x001AF, 1, 1, 1),
    (0x001B1, 2, 1, 217),
    (0x001B3, 2, 2, 1),
    (0x001B7, 1, 1, 219),
    (0x001B8, 1, 1, 1),
    (0x001BC, 1, 1, 1),
    (0x001C4, 1, 1, 2),
    (0x001C5, 1, 1, 1),
    (0x001C7, 1, 1, 2),
    (0x001C8, 1, 1, 1),
    (0x001CA, 1, 1, 2),
    (0x001CB, 9, 2, 1),
    (0x001DE, 9, 2, 1),
    (0x001F1, 1, 1, 2),
    (0x001F2, 2, 2, 1),
    (0x001F6, 1, 1, -97),
    (0x001F7, 1, 1, -56),
    (0x001F8, 20, 2, 1),
    (0x00220, 1, 1, -130),
    (0x00222, 9, 2, 1),
    (0x0023A, 1, 1, 10795),
    (0x0023B, 1, 1, 1),
    (0x0023D, 1, 1, -163),
    (0x0023E, 1, 1, 10792),
    (0x00241, 1, 1, 1),
    (0x00243, 1, 1, -195),
    (0x00244, 1, 1, 69),
    (0x00245, 1, 1, 71),
    (0x00246, 5, 2, 1),
    (0x00370, 2, 2, 1),
    (0x00376, 1, 1, 1),
    (0x0037F, 1, 1, 116),
    (0x00386, 1, 1, 38),
    (0x00388, 3, 1, 37),
    (0x0038C, 1, 1, 64),
    (0x0038E, 2, 1, 63),
    (0x00391, 17, 1, 32),
    (0x003A3, 9, 1, 32),
    (0x003CF, 1, 1, 8),
    (0x003D8, 12, 2, 1),
    (0x003F4, 1, 1, -60),
    (0x003F7, 1, 1, 1),
    (0x003F9, 1, 1, -7),
    (0x003FA, 1, 1, 1),
    (0x003FD, 3, 1, -130),
    (0x00400, 16, 1, 80),
    (0x00410, 32, 1, 32),
    (0x00460, 17, 2, 1),
    (0x0048A, 27, 2, 1),
    (0x004C0, 1, 1, 15),
    (0x004C1, 7, 2, 1),
    (0x004D0, 48, 2, 1),
    (0x00531, 38, 1, 48),
    (0x010A0, 38, 1, 7264),
    (0x010C7, 1, 1, 7264),
    (0x010CD, 1, 1, 7264),
    (0x013A0, 80, 1, 38864),
    (0x013F0, 6, 1, 8),
    (0x01C89, 1, 1, 1),
    (0x01C90, 43, 1, -3008),
    (0x01CBD, 3, 1, -3008),
    (0x01E00, 75, 2, 1),
    (0x01E9E, 1, 1, -7615),
    (0x01EA0, 48, 2, 1),
    (0x01F08, 8, 1, -8),
    (0x01F18, 6, 1, -8),
    (0x01F28, 8, 1, -8),
    (0x01F38, 8, 1, -8),
    (0x01F48, 6, 1, -8),
    (0x01F59, 4, 2, -8),
    (0x01F68, 8, 1, -8),
    (0x01F88, 8, 1, -8),
    (0x01F98, 8, 1, -8),
    (0x01FA8, 8, 1, -8),
    (0x01FB8, 2, 1, -8),
    (0x01FBA, 2, 1, -74),
    (0x01FBC, 1, 1, -9),
    (0x01FC8, 4, 1, -86),
    (0x01FCC, 1, 1, -9),
    (0x01FD8, 2, 1, -8),
    (0x01FDA, 2, 1, -100),
    (0x01FE8, 2, 1, -8),
    (0x01FEA, 2, 1, -112),
    (0x01FEC, 1, 1, -7),
    (0x01FF8, 2, 1, -128),
    (0x01FFA, 2, 1, -126),
    (0x01FFC, 1, 1, -9),
    (0x02126, 1, 1, -7517),
    (0x0212A, 1, 1, -8383),
    (0x0212B, 1, 1, -8262),
    (0x02132, 1, 1, 28),
    (0x02160, 16, 1, 16),
    (0x02183, 1, 1, 1),
    (0x024B6, 26, 1, 26),
    (0x02C00, 48, 1, 48),
    (0x02C60, 1, 1, 1),
    (0x02C62, 1, 1, -10743),
    (0x02C63, 1, 1, -3814),
    (0x02C64, 1, 1, -10727),
    (0x02C67, 3, 2, 1),
    (0x02C6D, 1, 1, -10780),
    (0x02C6E, 1, 1, -10749),
    (0x02C6F, 1, 1, -10783),
    (0x02C70, 1, 1, -10782),
    (0x02C72, 1, 1, 1),
    (0x02C75, 1, 1, 1),
    (0x02C7E, 2, 1, -10815),
    (0x02C80, 50, 2, 1),
    (0x02CEB, 2, 2, 1),
    (0x02CF2, 1, 1, 1),
    (0x0A640, 23, 2, 1),
    (0x0A680, 14, 2, 1),
    (0x0A722, 7, 2, 1),
    (0x0A732, 31, 2, 1),
    (0x0A779, 2, 2, 1),
    (0x0A77D, 1, 1, -35332),
    (0x0A77E, 5, 2, 1),
    (0x0A78B, 1, 1, 1),
    (0x0A78D, 1, 1, -42280),
    (0x0A790, 2, 2, 1),
    (0x0A796, 10, 2, 1),
    (0x0A7AA, 1, 1, -42308),
    (0x0A7AB, 1, 1, -42319),
    (0x0A7AC, 1, 1, -42315),
    (0x0A7AD, 1, 1, -42305),
    (0x0A7AE, 1, 1, -42308),
    (0x0A7B0, 1, 1, -42258),
    (0x0A7B1, 1, 1, -42282),
    (0x0A7B2, 1, 1, -42261),
    (0x0A7B3, 1, 1, 928),
    (0x0A7B4, 8, 2, 1),
    (0x0A7C4, 1, 1, -48),
    (0x0A7C5, 1, 1, -42307),
    (0x0A7C6, 1, 1, -35384),
    (0x0A7C7, 2, 2, 1),
    (0x0A7CB, 1, 1, -42343),
    (0x0A7CC, 8, 2, 1),
    (0x0A7DC, 1, 1, -42561),
    (0x0A7F5, 1, 1, 1),
    (0x0FF21, 26, 1, 32),
    (0x10400, 40, 1, 40),
    (0x104B0, 36, 1, 40),
    (0x10570, 11, 1, 39),
    (0x1057C, 15, 1, 39),
    (0x1058C, 7, 1, 39),
    (0x10594, 2, 1, 39),
    (0x10C80, 51, 1, 64),
    (0x10D50, 22, 1, 32),
    (0x118A0, 32, 1, 32),
    (0x16E40, 32, 1, 32),
    (0x16EA0, 25, 1, 27),
    (0x1E900, 34, 1, 34),
];

/// The lower case of `c` as `char::to_lowercase` gives it, except that `İ` (the one
/// letter whose lower case is two characters, `i` and a combining dot) becomes `i`.
///
/// ```
/// use chronicle_core::text::case::lower;
/// assert_eq!([lower('A'), lower('É'), lower('Ā'), lower('Я'), lower('Ω'), lower('ب')], ['a', 'é', 'ā', 'я', 'ω', 'ب']);
/// ```
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == '\u{130}' {
        return 'i';
    }
    let code = c as u32;
    let i = LOWER.partition_point(|&(start, ..)| start <= code);
    let Some(&(start, len, step, delta)) = i.checked_sub(1).map(|i| &LOWER[i]) else {
        return c;
    };
    let offset = code - start;
    if offset % u32::from(step) != 0 || offset / u32::from(step) >= u32::from(len) {
        return c;
    }
    char::from_u32(code.wrapping_add_signed(delta)).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs `char::to_lowercase` gives (see the module docs).
    fn runs() -> Vec<(u32, u16, u8, i32)> {
        let mut pairs = Vec::new();
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let mut l = c.to_lowercase();
            if let (false, Some(a), None) = (c.is_ascii(), l.next(), l.next()) {
                if a != c {
                    pairs.push((c as u32, i64::from(a as u32) - i64::from(c as u32)));
                }
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < pairs.len() {
            let (start, delta) = pairs[i];
            let step = match pairs.get(i + 1) {
                Some(&(next, d)) if d == delta && next - start <= 2 => (next - start) as u8,
                _ => 1,
            };
            let mut len = 1u16;
            let mut last = start;
            while let Some(&(next, d)) = pairs.get(i + usize::from(len)) {
                if d != delta || next != last + u32::from(step) {
                    break;
                }
                last = next;
                len += 1;
            }
            out.push((start, len, step, delta as i32));
            i += usize::from(len);
        }
        out
    }

    #[test]
    fn the_table_is_the_standard_librarys() {
        let expected = runs();
        let table: String = expected
            .iter()
            .map(|(s, l, st, d)| format!("    (0x{s:05X}, {l}, {st}, {d}),\n"))
            .collect();
        assert!(
            LOWER == expected.as_slice(),
            "the table is out of date; use:\n{table}"
        );
    }

    #[test]
    fn every_character_lowers_as_the_standard_library_does() {
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let expected = if c == '\u{130}' {
                'i'
            } else {
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(a), None) => a,
                    _ => c,
                }
            };
            assert_eq!(lower(c), expected, "U+{:04X}", c as u32);
        }
    }
}
