//! The parsing threads of [`read_json`](super::read_json): each user's text, found by the walk,
//! to a [`User`], in batches of about 1 MB. Entries that are not users to provision (see
//! [`UserReader::left_out`]) are counted and left out; users without an `id` are reported.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender};

use crate::import::error::ImportError;
use crate::import::finding::{self, Finding, Findings};
use crate::import::left_out::{LeftOut, LeftOuts};
use crate::import::normalize::UserReader;
use crate::import::record::User;

/// Users' text on its way to a parsing thread.
#[derive(Debug, Default)]
pub(super) struct Batch {
    /// Which batch of the file.
    pub(super) index: usize,
    /// The position in the file of its first user.
    pub(super) first: usize,
    pub(super) bytes: Vec<u8>,
    /// (start, end) in `bytes`, and the line and column the user starts at in the file.
    pub(super) users: Vec<(usize, usize, u64, u64)>,
    /// The users (indices into `users`) that are a whole Graph one-user response: loaded even
    /// without an id or principal name (the preview then says Azure skips them), where such an
    /// entry of a list is left out.
    pub(super) entities: Vec<usize>,
}

/// How many bytes of users are sent at a time.
pub(super) const BATCH_BYTES: usize = 1 << 20;

/// What a parsing thread made.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// The users of each batch it parsed, with the batch's index and the hash of each user's
    /// `objectId` (made here, while the user is in this core's cache: [`UserReader::id_hash`]).
    pub(super) batches: Vec<(usize, Vec<User>, Vec<Option<u64>>)>,
    pub(super) findings: Findings,
    /// The entries left out, by reason.
    pub(super) left_out: LeftOuts,
    /// The first failure, with its batch's index.
    pub(super) error: Option<(usize, ImportError)>,
}

/// How the two parsing threads come to number names and key paths alike: the first thread
/// hands a copy of its reader, as the first batch left it, to the second, which starts from
/// it. Every user of an export has nearly the same keys, so the users of both threads then
/// nearly always need no renumbering.
pub(super) enum Seed {
    /// The first thread: sends its reader after its first batch.
    Give(SyncSender<UserReader>),
    /// The second thread: waits for that reader before its first batch (and keeps its own if
    /// the first thread stopped without one).
    Take(Receiver<UserReader>),
}

/// The parsing thread: each user's text to a record, until the batches end or one fails.
pub(super) fn parse_batches(
    receiver: Receiver<Batch>,
    recycle: Sender<Vec<u8>>,
    reader: &mut UserReader,
    mut seed: Option<Seed>,
    file: usize,
    stop: &AtomicBool,
) -> Parsed {
    let mut out = Parsed::default();
    for batch in receiver {
        if let Some(Seed::Take(from)) = &seed {
            if let Ok(seeded) = from.recv() {
                *reader = seeded;
            }
            seed = None;
        }
        if out.error.is_some() {
            continue; // drain, so the walk is never blocked
        }
        let mut users = Vec::with_capacity(batch.users.len());
        let mut hashes = Vec::with_capacity(batch.users.len());
        for (i, &(start, end, line, column)) in batch.users.iter().enumerate() {
            let slice = &batch.bytes[start..end];
            // The entry's place in the file, counting the ones left out.
            let position = batch.first + i;
            // Validated once here, so no string is validated again.
            let Ok(text) = simdutf8::basic::from_utf8(slice) else {
                out.error = Some((batch.index, ImportError::NotUtf8));
                break;
            };
            let read = reader.read_text(text, file, position);
            match read {
                Ok((user, mut findings)) => {
                    if let Some(reason) = reader.left_out(&user)
                        && !(reason == LeftOut::NoIdOrName && batch.entities.contains(&i))
                    {
                        *out.left_out.entry(reason).or_default() += 1;
                        continue;
                    }
                    if !reader.has_id(&user) {
                        findings.push(Finding::NoId);
                    }
                    finding::count(&mut out.findings, findings, &user, &reader.names);
                    // Made now, while the user just read is in this core's cache.
                    hashes.push(reader.id_hash(&user));
                    users.push(user);
                }
                Err(e) => {
                    let error = match reader.take_refusal() {
                        Some(limit) => ImportError::TooLarge {
                            limit,
                            line: Some(line),
                        },
                        None => {
                            let not_object = reader.take_not_object();
                            user_error(slice, (line, column), &e, position, not_object)
                        }
                    };
                    out.error = Some((batch.index, error));
                    break;
                }
            }
        }
        if out.error.is_some() {
            stop.store(true, Ordering::Relaxed);
        } else {
            out.batches.push((batch.index, users, hashes));
        }
        if let Some(Seed::Give(to)) = seed.take() {
            // The second thread may have ended already (a file of one batch).
            let _ = to.send(reader.clone());
        }
        // The buffer goes back to the walk for a later batch: a handful are ever made, and
        // their memory stays in the cache instead of 130 MB of fresh pages for 100 000 users.
        let mut bytes = batch.bytes;
        bytes.clear();
        let _ = recycle.send(bytes);
    }
    out
}

/// An error of `serde_json` in one user's text that starts at (`line`, `column`) of the file;
/// `not_object` when the entry is not an object at all.
fn user_error(
    slice: &[u8],
    (line, column): (u64, u64),
    e: &serde_json::Error,
    users: usize,
    not_object: bool,
) -> ImportError {
    if e.is_eof() {
        return ImportError::Truncated { line, users };
    }
    let l = e.line().max(1);
    let line_start = if l == 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', slice)
            .nth(l - 2)
            .map_or(slice.len(), |i| i + 1)
    };
    let at = (line_start + e.column().saturating_sub(1)).min(slice.len());
    let chars = slice[line_start..at]
        .iter()
        .filter(|b| (**b as i8) >= -0x40)
        .count() as u64;
    let (line, column) = if l == 1 {
        (line, column + chars)
    } else {
        (line + l as u64 - 1, chars + 1)
    };
    let message = if not_object {
        "this element of the list is not a user object".into()
    } else {
        clean_message(e)
    };
    ImportError::Json {
        line,
        column,
        message,
    }
}

/// serde_json's message without its (slice-relative) position, in the admin's words.
pub(super) fn clean_message(e: &serde_json::Error) -> String {
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    // serde_json quotes with backticks (expected `,` or `}`): plain quotes read better.
    message.replace('`', "\"")
}
