//! A user object read straight from its text, without `serde_json` in between: the common case
//! of an export (keys without escapes; texts, booleans, nulls, objects and lists of texts),
//! asking the [`UserReader`] the same things in the same order as the `serde` visitors of
//! `seeds.rs` do, so the user is the same. Anything else (an escape, a number, a syntax error, a
//! limit) gives `None` before the user is used, and the caller reads the text with `serde_json`,
//! which gives the same user or the exact error.

use super::{Finding, UserReader};
use crate::import::blocks;
use crate::import::record::User;

/// Objects nested deeper than this are left to `serde_json` (and its recursion limit).
const MAX_DEPTH: usize = 64;

/// A cursor over one user's text.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    /// Skips JSON whitespace; the next byte, if any.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// Consumes `byte` (after whitespace), or fails.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// A string without escapes or control characters, the cursor on its opening quote.
    fn string(&mut self) -> Option<&'t str> {
        let bytes = self.bytes();
        let start = self.at + 1;
        let end = start + blocks::string_stop(bytes.get(start..)?)?;
        if bytes[end] != b'"' {
            return None;
        }
        self.at = end + 1;
        // Both ends are quotes (ASCII), so they are character boundaries.
        self.text.get(start..end)
    }

    /// A text, `true`, `false` or `null` at the cursor, as the text it gives (`True`, `False`;
    /// `None` for null); `None` outside for anything else.
    fn scalar(&mut self) -> Option<Option<&'t str>> {
        match self.peek()? {
            b'"' => Some(Some(self.string()?)),
            b't' => self.word("true").map(|()| Some("True")),
            b'f' => self.word("false").map(|()| Some("False")),
            b'n' => self.word("null").map(|()| None),
            _ => None,
        }
    }

    /// `word` (true, false, null) at the cursor.
    fn word(&mut self, word: &str) -> Option<()> {
        let rest = self.bytes().get(self.at..)?;
        rest.starts_with(word.as_bytes())
            .then(|| self.at += word.len())
    }
}

impl UserReader {
    /// Reads one user from `text` (a whole JSON value, nothing after it but whitespace) as
    /// [`read`](Self::read) does from a `serde_json` deserializer; `None` when the text is not
    /// one this reader takes (see the module), and then nothing of it is kept but names and
    /// key paths the other reading makes too.
    pub(crate) fn read_direct(
        &mut self,
        text: &str,
        file: usize,
        position: usize,
    ) -> Option<(User, Vec<Finding>)> {
        let mut user = self.start(file, position);
        let mut cursor = Cursor { text, at: 0 };
        cursor.eat(b'{')?;
        self.object(&mut cursor, &mut user, 0, 0)?;
        if cursor.peek().is_some() {
            return None;
        }
        Some(self.finish(user))
    }

    /// The members of an object at `node`, the cursor after its `{`.
    fn object(
        &mut self,
        cursor: &mut Cursor<'_>,
        user: &mut User,
        node: usize,
        depth: usize,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.nodes[node].start();
        let object = self.next_object();
        if cursor.peek()? == b'}' {
            cursor.at += 1;
            return Some(());
        }
        loop {
            if cursor.peek()? != b'"' {
                return None;
            }
            let key = cursor.string()?;
            let entry = self.entry(node, key).ok()?;
            cursor.eat(b':')?;
            if self.entries[entry].removed {
                self.removed = true;
            }
            if self.repeated(entry, object) {
                self.forget(user, entry);
            }
            self.value(cursor, user, entry, depth)?;
            match cursor.peek()? {
                b',' => cursor.at += 1,
                b'}' => {
                    cursor.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The value at `entry`.
    fn value(
        &mut self,
        cursor: &mut Cursor<'_>,
        user: &mut User,
        entry: usize,
        depth: usize,
    ) -> Option<()> {
        match cursor.peek()? {
            b'{' => {
                cursor.at += 1;
                let node = self.child(entry);
                self.object(cursor, user, node, depth + 1)?;
            }
            b'[' => {
                cursor.at += 1;
                let mut texts = Vec::new();
                if cursor.peek()? == b']' {
                    cursor.at += 1;
                } else {
                    loop {
                        if let Some(text) = cursor.scalar()? {
                            texts.push(text.to_owned());
                        }
                        match cursor.peek()? {
                            b',' => cursor.at += 1,
                            b']' => {
                                cursor.at += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                self.list(user, entry, texts);
            }
            _ => {
                if let Some(text) = cursor.scalar()? {
                    self.text(user, entry, text);
                }
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user read and what reading it found; `None` for a text not read.
    type Read = Option<(User, Vec<Finding>)>;

    /// What `serde_json` gives for `text` (`None` for an error), and what the direct reading
    /// gives.
    fn both(text: &str) -> (Read, Read) {
        let mut by_serde = UserReader::new();
        let mut de = serde_json::Deserializer::from_str(text);
        let serde = by_serde
            .read(&mut de, 0, 0)
            .ok()
            .filter(|_| de.end().is_ok());
        (serde, UserReader::new().read_direct(text, 0, 0))
    }

    #[test]
    fn users_read_directly_are_the_users_serde_json_gives() {
        let texts = [
            r#"{"id":"1","userPrincipalName":"a@x.example","accountEnabled":true,"department":"Sales"}"#,
            r#" { "id" : "2" , "businessPhones" : [ "+47 1" , "+47 2" ] , "proxyAddresses": ["SMTP:a@x", null, true],
                "employeeOrgData": {"division": "R&D", "costCenter": null}, "manager": {"id": "9"},
                "onPremisesExtensionAttributes": {"extensionAttribute1": "Contoso > Sales"} } "#,
            r#"{"id":"3","department":"A","department":"B","accountEnabled":false}"#,
            r#"{"id":"4","employeeOrgData":{"division":"X"},"employeeOrgData":{"costCenter":"Y"}}"#,
            r#"{"id":"5","userPrincipalName":"jo_partner.example#EXT#@t.example","accountEnabled":true}"#,
            r#"{"Id":"6","Manager":"Microsoft.Graph.PowerShell.Models.MicrosoftGraphDirectoryObject"}"#,
            r#"{"id":"7","otherMails":[],"businessPhones":[],"x":{}}"#,
            r#"{}"#,
            r#"{"@removed":{"reason":"deleted"},"id":"8"}"#,
            r#"{"id":"9","createdDateTime":"/Date(1439769600000)/"}"#,
        ];
        for text in texts {
            let (serde, direct) = both(text);
            assert!(serde.is_some(), "serde_json reads {text}");
            assert_eq!(direct, serde, "{text}");
        }
    }

    #[test]
    fn every_generated_sample_user_is_read_directly_as_serde_json_reads_it() {
        for user in crate::import::sample::users(300, 11) {
            for text in [
                serde_json::to_string(&user).unwrap(),
                serde_json::to_string_pretty(&user).unwrap(),
            ] {
                let (serde, direct) = both(&text);
                assert!(direct.is_some(), "read directly: {text}");
                assert_eq!(direct, serde, "{text}");
            }
        }
    }

    #[test]
    fn what_the_direct_reading_leaves_to_serde_json() {
        for text in [
            r#"{"id":"1","displayName":"\u00c5se"}"#,
            r#"{"id\n":"1"}"#,
            r#"{"id":"1","n":12}"#,
            r#"{"id":"1","l":[["nested"]]}"#,
            r#"{"id":"1",}"#,
            r#"{"id":"1"} x"#,
            r#"{"id":"1""#,
            r#"["not", "an object"]"#,
            "{\"id\":\"tab\there\"}",
            r#"{"id":"1","b":tru}"#,
        ] {
            assert_eq!(UserReader::new().read_direct(text, 0, 0), None, "{text}");
        }
    }
}
