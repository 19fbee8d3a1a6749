//! A URL fragment's values: `#q=idlib+talks&doc=a%2Fb`, written and read back.
//!
//! # Overview
//! The app keeps its view in `location.hash` (see the app's `state` module), and
//! permalinks in exported references and citations point into it (`#doc=ID`): both write
//! values with [`encode`] and read them with [`decode`], so a link the app writes and one
//! in a reference list are the same. Spaces are written `+` (readable in the address
//! bar); everything outside the characters a fragment may hold is percent-encoded.

/// Percent-encodes for a fragment value; spaces become `+`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b':'
            | b'@'
            | b'/'
            | b','
            | b'!'
            | b'*'
            | b'('
            | b')'
            | b'\''
            | b';'
            | b'$' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Reverses [`encode`]; `+` is a space; malformed escapes are kept as written.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_malformed_escapes_stay_as_written() {
        for s in [
            "idlib talks",
            "a&b=c #1 +x",
            "résumé",
            "أدلب|حلب",
            "100%",
            "",
        ] {
            assert_eq!(decode(&encode(s)), s);
        }
        assert_eq!(encode("a b/c"), "a+b/c");
        assert_eq!(decode("idlib%20talks"), "idlib talks");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%E2%80%99"), "’");
        assert_eq!(decode("%ZZ"), "%ZZ");
    }
}
