//! [`SecretString`]: the one type that holds the API key, the API secret and the token.
//!
//! It is wiped (zeroized) when dropped or cleared, it never shows its contents in `Debug` output
//! (so not in a log line or a panic message either), it has no `Display` and no `serde` support
//! (so it cannot be persisted by accident), and its text is reached only through
//! [`SecretString::expose_secret`], which makes every use easy to find.
//!
//! Editing keeps the secret in one allocation: when the text outgrows its buffer, the new buffer
//! is allocated first, the text copied over, and the old buffer wiped before it is freed. Deleted
//! characters are wiped too, so no stale copy is left behind in freed or spare memory.

use std::fmt;
use std::ops::Range;

use zeroize::{Zeroize, ZeroizeOnDrop};

/// Room for a typical key and secret, so typing rarely needs to grow the buffer.
const INITIAL_CAPACITY: usize = 256;

/// A string that is wiped from memory when dropped and never printed.
#[derive(Default, Zeroize, ZeroizeOnDrop)]
pub struct SecretString {
    inner: String,
}

impl SecretString {
    /// An empty secret with room for a typical key or secret.
    pub fn new() -> Self {
        Self {
            inner: String::with_capacity(INITIAL_CAPACITY),
        }
    }

    /// Takes ownership of `text` without copying it. The caller's `String` becomes this secret,
    /// so no unwiped copy is left behind.
    pub fn from_string(text: String) -> Self {
        Self { inner: text }
    }

    /// A secret holding a copy of `text`.
    pub fn from_str_copy(text: &str) -> Self {
        let mut secret = Self::new();
        secret.set(text);
        secret
    }

    /// The secret text. Every call site is a place where the secret leaves this type: keep them few.
    pub fn expose_secret(&self) -> &str {
        &self.inner
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    /// True when the secret holds no text.
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// Number of characters (not bytes).
    pub fn char_count(&self) -> usize {
        self.inner.chars().count()
    }

    /// Wipes the text; the buffer stays allocated for reuse.
    pub fn clear(&mut self) {
        // Zeroize on a `String` wipes the whole capacity, then sets the length to 0.
        self.inner.zeroize();
    }

    /// Replaces the text with a copy of `text`, wiping the old one.
    pub fn set(&mut self, text: &str) {
        self.clear();
        self.reserve_wiping(text.len());
        self.inner.push_str(text);
    }

    /// Inserts `text` at character position `char_index` (clamped to the end) and returns the
    /// number of characters inserted.
    pub fn insert_at_char(&mut self, char_index: usize, text: &str) -> usize {
        let byte_index = self.byte_index(char_index);
        self.reserve_wiping(text.len());
        self.inner.insert_str(byte_index, text);
        text.chars().count()
    }

    /// Deletes the characters in `range` (clamped to the text) and wipes the bytes that the
    /// deletion leaves behind in the buffer's spare capacity.
    pub fn delete_char_range(&mut self, range: Range<usize>) {
        let start = self.byte_index(range.start.min(range.end));
        let end = self.byte_index(range.end.max(range.start));
        let old_len = self.inner.len();
        self.inner.replace_range(start..end, "");
        // `replace_range` moved the tail left; the bytes that were at the end are still in the
        // buffer's spare capacity. Extend over them (no reallocation: they are within capacity),
        // wipe them, and shorten again.
        let new_len = self.inner.len();
        if new_len < old_len {
            let mut bytes = std::mem::take(&mut self.inner).into_bytes();
            bytes.resize(old_len, 0);
            bytes[new_len..].zeroize();
            bytes.truncate(new_len);
            // Only bytes past `new_len` were touched, so the text is still valid UTF-8.
            self.inner = String::from_utf8(bytes).unwrap_or_default();
        }
    }

    /// Byte offset of character `char_index`, or the end of the text.
    fn byte_index(&self, char_index: usize) -> usize {
        self.inner
            .char_indices()
            .nth(char_index)
            .map_or(self.inner.len(), |(i, _)| i)
    }

    /// Makes room for `additional` more bytes. When the buffer must grow, the text moves to a new
    /// buffer and the old one is wiped, instead of letting `String` free it unwiped.
    fn reserve_wiping(&mut self, additional: usize) {
        let needed = self.inner.len().saturating_add(additional);
        if needed <= self.inner.capacity() {
            return;
        }
        let capacity = needed
            .max(self.inner.capacity().saturating_mul(2))
            .max(INITIAL_CAPACITY);
        let mut grown = String::with_capacity(capacity);
        grown.push_str(&self.inner);
        let mut old = std::mem::replace(&mut self.inner, grown);
        old.zeroize();
    }
}

impl Clone for SecretString {
    fn clone(&self) -> Self {
        Self::from_str_copy(&self.inner)
    }
}

impl PartialEq for SecretString {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl Eq for SecretString {}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_contains_the_text() {
        let secret = SecretString::from_str_copy("hunter2-very-secret");
        let debug = format!("{secret:?} {:#?}", Some(&secret));
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("redacted"));
    }

    #[test]
    fn editing_by_character_index_handles_multibyte_text() {
        let mut secret = SecretString::from_str_copy("åse");
        assert_eq!(secret.insert_at_char(1, "ß"), 1);
        assert_eq!(secret.expose_secret(), "åßse");
        secret.delete_char_range(0..2);
        assert_eq!(secret.expose_secret(), "se");
        // Out-of-range positions are clamped, never a panic.
        secret.insert_at_char(99, "!");
        #[allow(clippy::reversed_empty_ranges)] // a reversed range from a caller must not panic
        secret.delete_char_range(5..1);
        assert_eq!(secret.expose_secret(), "s");
        assert_eq!(secret.char_count(), 1);
    }

    #[test]
    fn growing_past_the_initial_capacity_keeps_the_text() {
        let mut secret = SecretString::new();
        let chunk = "x".repeat(100);
        for _ in 0..10 {
            let at = secret.char_count();
            secret.insert_at_char(at, &chunk);
        }
        assert_eq!(secret.len(), 1000);
        assert!(secret.expose_secret().chars().all(|c| c == 'x'));
    }

    #[test]
    fn clear_and_set_replace_the_text() {
        let mut secret = SecretString::from_str_copy("old");
        secret.set("new");
        assert_eq!(secret.expose_secret(), "new");
        secret.clear();
        assert!(secret.is_empty());
        assert_eq!(secret, SecretString::new());
    }
}
