//! Where a JSON object or array ends, found 64 bytes at a time: the fast path of
//! [`Window::value_end`](super::scan::Window::value_end).
//!
//! Each block of 64 bytes becomes bit masks (quotes, backslashes, brackets, colons), the bytes
//! inside strings are masked off with a prefix XOR of the quotes, and only the brackets left are
//! looked at one by one: a few per user instead of every byte between the strings, and no call
//! per string. A block with a backslash in it is left to the byte-by-byte scan (an escape can
//! hide a quote), so the two always agree; `tests` checks that on generated text.
//!
//! [`string_stop`] is the same idea for one string of a user's text (`normalize/fast.rs`):
//! where it stops being plain text, 16 bytes at a time.

/// How a scan stands between blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Brackets open.
    pub depth: usize,
    /// Colons outside strings: one per key.
    pub keys: usize,
    /// The last byte scanned was inside a string.
    pub in_string: bool,
}

/// What a block held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    /// The value ends before this offset into the block.
    End(usize),
    /// The value goes on; the scan is updated.
    More,
    /// The block has a backslash: scan it byte by byte.
    Escapes,
}

/// The masks of one block: bit `k` for byte `k`.
#[derive(Default)]
struct Masks {
    quote: u64,
    backslash: u64,
    open: u64,
    close: u64,
    colon: u64,
}

/// Scans `block` (64 bytes) with the value at bracket depth `scan.depth` ≥ 1.
pub(crate) fn scan_block(block: &[u8; 64], scan: &mut Scan) -> Block {
    let m = masks(block);
    if m.backslash != 0 {
        return Block::Escapes;
    }
    // Inside strings: from an opening quote up to (not including) its closing one.
    let mut inside = prefix_xor(m.quote);
    if scan.in_string {
        inside = !inside;
    }
    let open = m.open & !inside;
    let close = m.close & !inside;
    let colon = m.colon & !inside;
    let mut brackets = open | close;
    while brackets != 0 {
        let at = brackets.trailing_zeros() as usize;
        brackets &= brackets - 1;
        if open & (1 << at) != 0 {
            scan.depth += 1;
        } else {
            scan.depth = scan.depth.saturating_sub(1);
            if scan.depth == 0 {
                let before = if at == 63 { !0 } else { (1u64 << (at + 1)) - 1 };
                scan.keys += (colon & before).count_ones() as usize;
                return Block::End(at + 1);
            }
        }
    }
    scan.keys += colon.count_ones() as usize;
    scan.in_string = inside >> 63 == 1;
    Block::More
}

/// Each bit set to the XOR of itself and every bit below it.
fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

#[cfg(target_arch = "x86_64")]
fn masks(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut m = Masks::default();
    for part in 0..4 {
        // SAFETY: SSE2 is part of every x86_64 processor (the target enables it); `block` has
        // 64 bytes, so the 16 bytes from `part * 16` are inside it, and the load needs no
        // alignment.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().add(part * 16).cast::<__m128i>());
            let eq = |byte: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(byte as i8));
            let bits = |v: __m128i| u64::from(_mm_movemask_epi8(v) as u16) << (part * 16);
            m.quote |= bits(eq(b'"'));
            m.backslash |= bits(eq(b'\\'));
            m.open |= bits(_mm_or_si128(eq(b'{'), eq(b'[')));
            m.close |= bits(_mm_or_si128(eq(b'}'), eq(b']')));
            m.colon |= bits(eq(b':'));
        }
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
fn masks(block: &[u8; 64]) -> Masks {
    let mut m = Masks::default();
    for (k, byte) in block.iter().enumerate() {
        let bit = 1u64 << k;
        match byte {
            b'"' => m.quote |= bit,
            b'\\' => m.backslash |= bit,
            b'{' | b'[' => m.open |= bit,
            b'}' | b']' => m.close |= bit,
            b':' => m.colon |= bit,
            _ => {}
        }
    }
    m
}

/// The offset in `bytes` of the first quote, backslash or control character (below 0x20):
/// where a JSON string whose text starts at `bytes[0]` ends, if it is plain text (a quote) or
/// needs the full reading (anything else). `None` when there is none.
pub(crate) fn string_stop(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    #[cfg(target_arch = "x86_64")]
    while at + 16 <= bytes.len() {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of every x86_64 processor (the target enables it); the 16
        // bytes from `at` are inside `bytes` (the loop's condition), and the load needs no
        // alignment.
        let stops = unsafe {
            let v = _mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>());
            let eq = |byte: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(byte as i8));
            // A byte is at most 0x1F when raising it to 0x1F leaves 0x1F.
            let control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(eq(b'"'), eq(b'\\')), control))
        };
        if stops != 0 {
            return Some(at + stops.trailing_zeros() as usize);
        }
        at += 16;
    }
    bytes[at..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|k| at + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random numbers from `state` (xorshift), the same every run.
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// The byte-by-byte rule, for comparison.
    fn by_bytes(text: &[u8], mut scan: Scan) -> (Option<usize>, Scan) {
        for (k, byte) in text.iter().enumerate() {
            if scan.in_string {
                if *byte == b'"' {
                    scan.in_string = false;
                }
                continue;
            }
            match byte {
                b'"' => scan.in_string = true,
                b'{' | b'[' => scan.depth += 1,
                b'}' | b']' => {
                    scan.depth = scan.depth.saturating_sub(1);
                    if scan.depth == 0 {
                        return (Some(k + 1), scan);
                    }
                }
                b':' => scan.keys += 1,
                _ => {}
            }
        }
        (None, scan)
    }

    #[test]
    fn blocks_agree_with_the_byte_by_byte_scan() {
        let pieces: [&[u8]; 12] = [
            b"{",
            b"}",
            b"[",
            b"]",
            b"\"",
            b":",
            b",",
            b"a",
            b"  ",
            b"{\"k\":\"v}\"}",
            b"\xc3\xa5",
            b"\"x:[\"",
        ];
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut text = Vec::with_capacity(64);
            while text.len() < 64 {
                text.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
            }
            text.truncate(64);
            let block: [u8; 64] = text.as_slice().try_into().unwrap();
            let start = Scan {
                depth: 1 + (next() % 3) as usize,
                keys: 0,
                in_string: next().is_multiple_of(2),
            };
            let mut fast = start;
            let (end, slow) = by_bytes(&text, start);
            match scan_block(&block, &mut fast) {
                Block::End(at) => {
                    assert_eq!(Some(at), end, "{:?}", String::from_utf8_lossy(&text));
                    assert_eq!(fast.keys, slow.keys);
                }
                Block::More => {
                    assert_eq!(end, None, "{:?}", String::from_utf8_lossy(&text));
                    assert_eq!(fast, slow, "{:?}", String::from_utf8_lossy(&text));
                }
                Block::Escapes => unreachable!("no backslash was generated"),
            }
        }
    }

    #[test]
    fn a_string_stops_where_the_byte_by_byte_rule_says() {
        let pieces: [&[u8]; 9] = [
            b"a",
            b"\"",
            b"\\",
            b"\n",
            b"\x1f",
            b" ",
            b"\x7f",
            b"\xc3\xa5",
            b"\xe2\x80\x94",
        ];
        let rule = |text: &[u8]| {
            text.iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        };
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let len = (next() % 70) as usize;
            // Mostly plain text, so the stops fall in every 16-byte part and in the tail.
            let mut text = Vec::with_capacity(len + 4);
            while text.len() < len {
                let plain = !next().is_multiple_of(8);
                let k = if plain {
                    0
                } else {
                    (next() % pieces.len() as u64) as usize
                };
                text.extend_from_slice(pieces[k]);
            }
            assert_eq!(
                string_stop(&text),
                rule(&text),
                "{:?}",
                String::from_utf8_lossy(&text)
            );
        }
        assert_eq!(string_stop(b""), None);
        assert_eq!(string_stop(&[b'a'; 40]), None);
        assert_eq!(string_stop(b"0123456789abcdef0123\""), Some(20));
        assert_eq!(
            string_stop("\u{e5}\u{e5}\u{e5}\u{e5}\u{e5}\u{e5}\u{e5}\u{e5}\t".as_bytes()),
            Some(16)
        );
    }

    #[test]
    fn a_block_with_a_backslash_is_left_to_the_byte_scan() {
        let mut block = [b'a'; 64];
        block[10] = b'\\';
        let mut scan = Scan {
            depth: 1,
            keys: 0,
            in_string: true,
        };
        assert_eq!(scan_block(&block, &mut scan), Block::Escapes);
    }
}
