//! JSON exports, read as a stream: a Graph page's `value` list (or a bare array, or one object
//! per line) is read one user at a time, each user going from the file straight into a
//! [`User`] without an intermediate JSON tree. Only the first user of the file (and the empty
//! entries before it) is looked at as a whole, to tell users from groups, schemas and other
//! documents.
//!
//! Accepted at the top level, one or more times: a Graph page object, an array of users, a user
//! object (bare, or as Graph returns one user: `{"@odata.context": "…#users/$entity", …}`).
//! Several values one after another are Graph Explorer pages pasted together or JSON Lines.
//! Entries of a list that are not users to provision (Graph's `{}` for a user who has none of
//! the `$select`ed properties, a delta page's `@removed` users) are left out and counted.
//!
//! Two threads share the work: this one reads, decodes and finds where each user starts and
//! ends; a second one turns the users' text into records, in batches of about 1 MB.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};

use rayon::prelude::*;
use serde::Deserialize as _;
use serde_json::{Map, Value};

use super::error::{ImportError, from_io};
use super::finding::{self, Findings};
use super::left_out::LeftOuts;
use super::limits::{Limit, MAX_KEY_PATHS, MAX_USER_BYTES};
use super::normalize::UserReader;
use super::record::User;
use super::scan::{Scanned, Window};
use super::shape::{Container, Flavor, ObjectKind, Shape, classify, describe, is_blank};

mod page;
mod parse;

use parse::{BATCH_BYTES, Batch, Parsed, Seed, clean_message, parse_batches};

/// What a JSON file held.
#[derive(Debug)]
pub struct JsonUsers {
    /// The users, in file order.
    pub users: Vec<User>,
    /// The hash of each user's `objectId` ([`super::by_id::hash`]).
    pub id_hashes: Vec<Option<u64>>,
    /// The layout and key names.
    pub shape: Shape,
    /// The `@odata.nextLink` of the last page that had one: more pages exist.
    pub next_link: Option<String>,
    /// Pages that had no `@odata.nextLink` (the last page of an export).
    pub last_pages: usize,
    /// What reading the users found, with how many users each.
    pub findings: Findings,
    /// The entries left out, by reason.
    pub left_out: LeftOuts,
}

/// Reads the JSON export in `window` (file number `file`).
pub(crate) fn read_json<R: Read>(
    window: &mut Window<R>,
    reader: &mut UserReader,
    file: usize,
) -> Result<JsonUsers, ImportError> {
    // Two parsing threads, each with its own reader; batches go to them in turn.
    let (sender_a, receiver_a) = sync_channel::<Batch>(2);
    let (sender_b, receiver_b) = sync_channel::<Batch>(2);
    let mut reader_b = UserReader::new();
    let stop = AtomicBool::new(false);
    let (walked, parsed_a, parsed_b) = std::thread::scope(|scope| {
        let stop_ref = &stop;
        let reader_a = &mut *reader;
        let reader_b = &mut reader_b;
        let (give, take) = sync_channel::<UserReader>(1);
        let (give, take) = (Some(Seed::Give(give)), Some(Seed::Take(take)));
        let (recycle_a, spare) = channel::<Vec<u8>>();
        let recycle_b = recycle_a.clone();
        let a = scope
            .spawn(move || parse_batches(receiver_a, recycle_a, reader_a, give, file, stop_ref));
        let b = scope
            .spawn(move || parse_batches(receiver_b, recycle_b, reader_b, take, file, stop_ref));
        let mut state = State {
            window,
            senders: [Some(sender_a), Some(sender_b)],
            spare,
            batch: Batch {
                bytes: batch_buffer(),
                ..Batch::default()
            },
            batches: 0,
            sent: 0,
            stop: &stop,
            flavor: None,
            pages: 0,
            arrays: 0,
            objects: 0,
            entities: 0,
            users_page: false,
            next_link: None,
            last_pages: 0,
        };
        let walked = state.walk();
        let flushed = state.flush();
        state.senders = [None, None];
        let join = |handle: std::thread::ScopedJoinHandle<'_, Parsed>| {
            handle.join().unwrap_or_else(|_| Parsed {
                error: Some((0, ImportError::Io("a reading thread stopped".into()))),
                ..Parsed::default()
            })
        };
        let (parsed_a, parsed_b) = (join(a), join(b));
        (
            walked.and(flushed).map(|()| state.summary()),
            parsed_a,
            parsed_b,
        )
    });
    // A user that failed to parse is earlier in the file than anything the walk found after it.
    let error = [&parsed_a.error, &parsed_b.error]
        .into_iter()
        .flatten()
        .min_by_key(|(batch, _)| *batch);
    if let Some((_, error)) = error {
        return Err(error.clone());
    }
    // The second thread's users refer to its own names and keys: renumber them.
    let attrs: Vec<u32> = reader_b
        .names
        .iter()
        .map(|name| u32::try_from(reader.names.intern(name)).unwrap_or(u32::MAX))
        .collect();
    let keys: Vec<u32> = reader_b
        .keys
        .iter()
        .map(|k| reader.keys.intern(k))
        .collect();
    // Each reader stayed within the limit; together they may not have.
    if reader.keys.len() > MAX_KEY_PATHS {
        let limit = Limit::KeyPaths;
        return Err(ImportError::TooLarge { limit, line: None });
    }
    let mut findings = parsed_a.findings;
    finding::merge(&mut findings, parsed_b.findings);
    let mut left_out = parsed_a.left_out;
    for (reason, entries) in parsed_b.left_out {
        *left_out.entry(reason).or_default() += entries;
    }
    let mut batches = parsed_a.batches;
    // The second thread started from the first one's reader (see `Seed`): unless it met names
    // the first one had not, there is nothing to renumber.
    let same = |numbers: &[u32]| numbers.iter().enumerate().all(|(i, &n)| n as usize == i);
    let mut theirs = parsed_b.batches;
    if !(same(&attrs) && same(&keys)) {
        theirs
            .par_iter_mut()
            .flat_map(|(_, users, _)| users.par_iter_mut())
            .for_each(|user| user.remap(&attrs, &keys));
    }
    batches.extend(theirs);
    batches.sort_by_key(|(index, _, _)| *index);
    let total = batches.iter().map(|(_, u, _)| u.len()).sum();
    let mut users = Vec::with_capacity(total);
    let mut id_hashes = Vec::with_capacity(total);
    for (_, batch, hashes) in batches {
        users.extend(batch);
        id_hashes.extend(hashes);
    }
    let (container, flavor, next_link, last_pages) = walked?;
    if users.is_empty() && !left_out.is_empty() {
        return Err(ImportError::AllLeftOut(left_out.into_iter().collect()));
    }
    if users.is_empty() {
        return Err(ImportError::NoUsers(
            match container {
                Container::GraphPages(_) => {
                    "the page's \"value\" list is empty (if the request had a $filter, check it)"
                }
                _ => "the list is empty",
            }
            .into(),
        ));
    }
    Ok(JsonUsers {
        users,
        id_hashes,
        shape: Shape { container, flavor },
        next_link,
        last_pages,
        findings,
        left_out,
    })
}

/// A new buffer for a batch's bytes, made at its full size at once: grown a user at a time,
/// each buffer was reallocated a dozen times on the way to 2 MB, all of it fresh memory.
fn batch_buffer() -> Vec<u8> {
    Vec::with_capacity(BATCH_BYTES + BATCH_BYTES / 16)
}

struct State<'a, R> {
    window: &'a mut Window<R>,
    /// The two parsing threads' inboxes.
    senders: [Option<SyncSender<Batch>>; 2],
    /// Batch buffers the parsing threads are done with.
    spare: Receiver<Vec<u8>>,
    batch: Batch,
    /// Batches sent.
    batches: usize,
    /// Users sent to the parsing thread.
    sent: usize,
    /// Set by the parsing thread when a user failed: no need to go on.
    stop: &'a AtomicBool,
    /// The key names of the first user.
    flavor: Option<Flavor>,
    pages: usize,
    arrays: usize,
    /// Top-level objects read as users, `entities` of them Graph's one-user responses.
    objects: usize,
    entities: usize,
    /// The list being read is a page whose `@odata.context` says it holds users.
    users_page: bool,
    next_link: Option<String>,
    last_pages: usize,
}

fn io(e: std::io::Error) -> ImportError {
    // The window's reader refuses nothing by size: no line is needed.
    from_io(e, None)
}

impl<R: Read> State<'_, R> {
    /// Walks the top-level values.
    fn walk(&mut self) -> Result<(), ImportError> {
        while let Some(byte) = self.window.peek().map_err(io)? {
            match byte {
                b'[' => {
                    self.arrays += 1;
                    self.window.bump();
                    self.user_list()?;
                }
                b'{' => self.object()?,
                _ => return Err(self.syntax_error_here()),
            }
            if self.stop.load(Ordering::Relaxed) {
                break;
            }
        }
        if (self.pages, self.arrays, self.objects) == (0, 0, 0) {
            return Err(ImportError::NoUsers("it holds no JSON value".into()));
        }
        Ok(())
    }

    /// The layout, key names and paging found by the walk.
    fn summary(&mut self) -> (Container, Flavor, Option<String>, usize) {
        let container = match (self.pages, self.arrays, self.objects) {
            (pages, _, _) if pages > 0 => Container::GraphPages(pages),
            (0, 1, 0) => Container::Array,
            (0, 0, 1) if self.entities == 1 => Container::GraphUser,
            (0, 0, 1) => Container::SingleObject,
            (0, 0, _) => Container::JsonLines,
            _ => Container::Array,
        };
        (
            container,
            self.flavor.unwrap_or(Flavor::Graph),
            self.next_link.take(),
            self.last_pages,
        )
    }

    /// Sends the batch on its way.
    fn flush(&mut self) -> Result<(), ImportError> {
        if self.batch.users.is_empty() {
            return Ok(());
        }
        let mut batch = std::mem::take(&mut self.batch);
        self.batch.bytes = self.spare.try_recv().unwrap_or_else(|_| batch_buffer());
        batch.index = self.batches;
        batch.first = self.sent - batch.users.len();
        if let Some(sender) = &self.senders[self.batches % 2] {
            // A closed channel means the parsing thread stopped; its error is reported.
            let _ = sender.send(batch);
        }
        self.batches += 1;
        Ok(())
    }

    /// A top-level object: a Graph page or one user as Graph returns it (its first key is
    /// `@odata…` or `value`), else one user.
    fn object(&mut self) -> Result<(), ImportError> {
        let first_key = self.first_key()?;
        let page = first_key
            .as_deref()
            .is_some_and(|k| k.starts_with("@odata") || k.eq_ignore_ascii_case("value"));
        if page {
            return self.page();
        }
        let (start, end) = self.value_end()?;
        if self.flavor.is_none() {
            // The first object: find out what it is.
            let value: Value = self.parse(start, end)?;
            let Value::Object(object) = value else {
                return Err(ImportError::NotUsers("it is not an object".into()));
            };
            self.flavor = Some(self.check_first(&object)?);
        }
        self.read_user(start, end)?;
        self.objects += 1;
        self.window.pos = end;
        Ok(())
    }

    /// The first key of the object at the cursor, without consuming anything.
    fn first_key(&mut self) -> Result<Option<String>, ImportError> {
        let raw = self.window.first_key().map_err(io)?;
        Ok(raw.and_then(|raw| {
            let mut quoted = Vec::with_capacity(raw.len() + 2);
            quoted.push(b'"');
            quoted.extend(raw);
            quoted.push(b'"');
            serde_json::from_slice::<String>(&quoted).ok()
        }))
    }

    /// The elements of a list of users; the cursor is after `[`.
    fn user_list(&mut self) -> Result<(), ImportError> {
        let mut first = true;
        loop {
            match self.window.peek().map_err(io)? {
                Some(b']') if first => {
                    self.window.bump();
                    return Ok(());
                }
                Some(b']') => return Err(self.trailing_comma()),
                None => return Err(self.truncated()),
                _ => {}
            }
            let (start, end) = self.value_end()?;
            if self.flavor.is_none() {
                // Until the first user: each entry is looked at whole.
                let value: Value = self.parse(start, end)?;
                let object = match value {
                    Value::Object(object) => object,
                    other => {
                        return Err(ImportError::NotUsers(format!(
                            "the list holds {}, not user objects",
                            describe(&other)
                        )));
                    }
                };
                self.flavor = self.check_entry(&object)?;
            }
            self.read_user(start, end)?;
            if self.stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            first = false;
            self.window.pos = end;
            match self.window.peek().map_err(io)? {
                Some(b',') => self.window.bump(),
                Some(b']') => {
                    self.window.bump();
                    return Ok(());
                }
                None => return Err(self.truncated()),
                _ => return Err(self.syntax_error_here()),
            }
        }
    }

    /// The first user of the file: a user, or the error that says what it is instead.
    fn check_first(&self, object: &Map<String, Value>) -> Result<Flavor, ImportError> {
        match classify(object) {
            ObjectKind::User(flavor) => Ok(flavor),
            ObjectKind::Other(error) => Err(error),
        }
    }

    /// An entry of a list while no user was seen yet: its key names; `None` for an entry that
    /// cannot tell (Graph's `{}`, or a users page's entry without a user's key), which the
    /// parsing thread leaves out for having no id and no userPrincipalName; or the error that
    /// says what the list holds instead.
    fn check_entry(&self, object: &Map<String, Value>) -> Result<Option<Flavor>, ImportError> {
        match classify(object) {
            ObjectKind::User(flavor) => Ok(Some(flavor)),
            ObjectKind::Other(ImportError::NotUsers(_)) if self.users_page || is_blank(object) => {
                Ok(None)
            }
            ObjectKind::Other(error) => Err(error),
        }
    }

    /// Sends `data[start..end]`, one user's text, to the parsing thread.
    fn read_user(&mut self, start: usize, end: usize) -> Result<(), ImportError> {
        let (line, column) = self.window.line_column(start);
        let at = self.batch.bytes.len();
        self.batch
            .bytes
            .extend_from_slice(&self.window.data()[start..end]);
        self.sent_user(at, line, column)
    }

    /// Sends `bytes`, one user's text that starts at (`line`, `column`) of the file, to the
    /// parsing thread.
    fn send_user(&mut self, bytes: &[u8], line: u64, column: u64) -> Result<(), ImportError> {
        let at = self.batch.bytes.len();
        self.batch.bytes.extend_from_slice(bytes);
        self.sent_user(at, line, column)
    }

    /// Sends a Graph one-user response (`GET /users/{id}`), kept even without an id or principal
    /// name.
    fn send_entity(&mut self, bytes: &[u8], line: u64, column: u64) -> Result<(), ImportError> {
        self.batch.entities.push(self.batch.users.len());
        self.send_user(bytes, line, column)
    }

    /// Counts the user the batch's bytes hold from `at` on; sends the batch when it is full.
    fn sent_user(&mut self, at: usize, line: u64, column: u64) -> Result<(), ImportError> {
        self.batch
            .users
            .push((at, self.batch.bytes.len(), line, column));
        self.sent += 1;
        if self.batch.bytes.len() >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Parses `data[start..end]` as a `T`.
    fn parse<T: serde::de::DeserializeOwned>(
        &mut self,
        start: usize,
        end: usize,
    ) -> Result<T, ImportError> {
        serde_json::from_slice(&self.window.data()[start..end])
            .map_err(|e| self.json_error(start, end, &e))
    }

    /// Where the value at the cursor starts and ends (reading may move the window, so the start
    /// is given too); a cut-off file, or a value larger than any export has, is reported as such.
    fn value_end(&mut self) -> Result<(usize, usize), ImportError> {
        let scanned = self.window.value_end().map_err(io)?;
        // Scanning may have moved the window: the value starts at the cursor.
        let start = self.window.pos;
        let limit = match scanned {
            Scanned::End(end) => return Ok((start, end)),
            Scanned::Eof(_) => None,
            Scanned::Over(limit) => Some(limit),
        };
        // Let serde_json say what is wrong with the value first: a bracket that does not match
        // is a better answer than "too large" or "cut off".
        let end = self.window.data().len().min(start + MAX_USER_BYTES);
        let mut de = serde_json::Deserializer::from_slice(&self.window.data()[start..end]);
        match serde::de::IgnoredAny::deserialize(&mut de) {
            Err(e) if !e.is_eof() => Err(self.json_error(start, end, &e)),
            _ => match limit {
                Some(limit) => {
                    let (line, _) = self.window.line_column(start);
                    Err(ImportError::TooLarge {
                        limit,
                        line: Some(line),
                    })
                }
                None => Err(self.truncated()),
            },
        }
    }

    fn truncated(&mut self) -> ImportError {
        let _ = self.window.read_to_end();
        let end = self.window.data().len();
        let (line, _) = self.window.line_column(end);
        ImportError::Truncated {
            line,
            users: self.sent,
        }
    }

    /// An error of `serde_json` in `data[start..end]`, placed in the file.
    fn json_error(&mut self, start: usize, end: usize, e: &serde_json::Error) -> ImportError {
        if e.is_eof() {
            return self.truncated();
        }
        let index = self.window.index_in(start, end, e.line(), e.column());
        let (line, column) = self.window.line_column(index);
        ImportError::Json {
            line,
            column,
            message: clean_message(e),
        }
    }

    /// A `,` just before the `]` or `}` at the cursor.
    fn trailing_comma(&mut self) -> ImportError {
        let (line, column) = self.window.line_column(self.window.pos);
        ImportError::Json {
            line,
            column,
            message: "trailing comma".into(),
        }
    }

    /// A syntax error at the cursor.
    fn syntax_error_here(&mut self) -> ImportError {
        let index = self.window.pos;
        let found = self.window.data().get(index).copied();
        let (line, column) = self.window.line_column(index);
        let message = match found {
            Some(byte) if byte.is_ascii_graphic() => {
                format!("unexpected \"{}\"", byte as char)
            }
            Some(_) => "unexpected character".to_owned(),
            None => return self.truncated(),
        };
        ImportError::Json {
            line,
            column,
            message,
        }
    }
}

#[cfg(test)]
mod tests;
