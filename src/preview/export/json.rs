//! The JSON export, written as a stream: the document's frame (diagnostics, hierarchy, the
//! mappings' notes) and then one user at a time, each user's requests built on their own and
//! written at once. The keys come in the order serde_json's map keeps them (sorted), so the
//! bytes are those of the whole document built as a [`serde_json::Value`] and then written.

use std::io::Write;

use serde::ser::{Error as _, Serialize, SerializeMap, SerializeSeq, Serializer};

use super::super::manager::Lookup;
use super::super::redact::Redaction;
use super::super::{Preview, SkipReason, hierarchy, scim};
use super::{Watch, WriteError, shown_id, user_id};
use crate::import::UserSet;
use crate::mapping::compiled::Source;

/// How the JSON is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonStyle {
    /// Indented, one value a line (the window's Save), instead of one line and a line feed
    /// (`--format json`).
    pub pretty: bool,
    /// Personal values, ids and units of personal levels hashed (see [`super::super::redact`]).
    pub redacted: bool,
}

/// Writes the whole preview as the stable JSON object to `out`, user by user.
pub fn write_json(
    out: &mut dyn Write,
    set: &UserSet,
    preview: &Preview,
    style: JsonStyle,
    watch: Watch<'_>,
) -> Result<(), WriteError> {
    let redaction = style.redacted.then(|| Redaction::new(preview));
    let document = Document {
        set,
        preview,
        redaction: redaction.as_ref(),
        redacted: style.redacted,
        watch,
        managers: Lookup::new(preview),
    };
    let written = if style.pretty {
        document.serialize(&mut serde_json::Serializer::pretty(&mut *out))
    } else {
        document.serialize(&mut serde_json::Serializer::new(&mut *out))
    };
    match written {
        Ok(()) => {}
        Err(_) if watch.cancelled() => return Err(WriteError::Cancelled),
        Err(error) => return Err(WriteError::Io(error.into())),
    }
    if !style.pretty {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The document: what [`write_json`] writes.
struct Document<'a> {
    set: &'a UserSet,
    preview: &'a Preview,
    redaction: Option<&'a Redaction>,
    redacted: bool,
    watch: Watch<'a>,
    /// The manager requests' lookups, made once.
    managers: Lookup,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let preview = self.preview;
        let redacted_hierarchy = self.redaction.map(|r| r.hierarchy(preview));
        let hierarchy = redacted_hierarchy.as_deref().unwrap_or(&preview.hierarchy);
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry(
            "diagnostics",
            &Seq(preview.diagnostics.iter().map(|d| Diag(self, d))),
        )?;
        map.serialize_entry("hierarchy", &Seq(hierarchy.iter().map(Unit)))?;
        let notes = preview.mappings.iter().filter_map(|c| match &c.source {
            Source::Expression(e) if !e.notes().is_empty() => Some(MappingNotes(c, e)),
            _ => None,
        });
        map.serialize_entry("mappings", &Seq(notes))?;
        map.serialize_entry("scope", &ScopeCounts(preview.scope_summary()))?;
        map.serialize_entry("users", &Users(self))?;
        map.end()
    }
}

/// A sequence written from an iterator, element by element.
struct Seq<I>(I);

impl<I> Serialize for Seq<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.clone();
        let mut seq = serializer.serialize_seq(None)?;
        for item in items {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// One diagnostic: kind, message, the users' ids.
struct Diag<'a>(&'a Document<'a>, &'a super::super::diagnostics::Diagnostic);

impl Serialize for Diag<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Diag(document, diagnostic) = self;
        let (set, redaction) = (document.set, document.redaction);
        let users = diagnostic
            .users
            .iter()
            .map(move |&u| shown_id(&user_id(set, u), redaction));
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("kind", diagnostic.kind)?;
        map.serialize_entry("message", diagnostic.message_shown(document.redacted))?;
        map.serialize_entry("users", &Seq(users))?;
        map.end()
    }
}

/// One unit of the hierarchy and the units below it.
struct Unit<'a>(&'a hierarchy::Node);

impl Serialize for Unit<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let node = self.0;
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("children", &Seq(node.children.iter().map(Unit)))?;
        map.serialize_entry("level", node.level)?;
        map.serialize_entry("name", &node.name)?;
        map.serialize_entry("users", &node.users)?;
        map.end()
    }
}

/// An expression mapping's own notes.
struct MappingNotes<'a>(
    &'a crate::mapping::compiled::CompiledMapping,
    &'a crate::expr::Expression,
);

impl Serialize for MappingNotes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let MappingNotes(compiled, expression) = self;
        let notes = expression.notes().iter().map(|n| Note {
            kind: n.kind.label(),
            message: &n.message,
            target: None,
        });
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("notes", &Seq(notes))?;
        map.serialize_entry("target", &compiled.mapping.target)?;
        map.end()
    }
}

/// A note: kind and message, and for a user's note the target it concerns.
#[derive(Clone)]
struct Note<'a> {
    kind: &'a str,
    message: &'a str,
    target: Option<&'a str>,
}

impl Serialize for Note<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.target.is_some() { 3 } else { 2 };
        let mut map = serializer.serialize_map(Some(fields))?;
        map.serialize_entry("kind", self.kind)?;
        map.serialize_entry("message", self.message)?;
        if let Some(target) = self.target {
            map.serialize_entry("target", target)?;
        }
        map.end()
    }
}

/// Every user, one at a time; stops when the watch says so.
struct Users<'a>(&'a Document<'a>);

impl Serialize for Users<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let document = self.0;
        let count = document.preview.users.len();
        let mut seq = serializer.serialize_seq(Some(count))?;
        for u in 0..count {
            seq.serialize_element(&User(document, u))?;
            if document.watch.wrote(u + 1).is_err() {
                return Err(S::Error::custom("cancelled"));
            }
        }
        seq.end()
    }
}

/// One user: ids, why Azure skips them, their requests, errors and notes.
struct User<'a>(&'a Document<'a>, usize);

impl Serialize for User<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let &User(document, u) = self;
        let (set, preview, redaction) = (document.set, document.preview, document.redaction);
        let user = &preview.users[u];
        let notes = preview.notes(u);
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("errors", &Seq(errors_shown(preview, u, redaction)))?;
        map.serialize_entry("id", &shown_id(&user_id(set, u), redaction))?;
        let manager = scim::manager_patch_with(preview, u, redaction, &document.managers);
        map.serialize_entry("managerPatch", &manager)?;
        let notes = notes.iter().map(|(target, kind, message)| Note {
            kind: kind.label(),
            message,
            target: Some(target),
        });
        map.serialize_entry("notes", &Seq(notes))?;
        map.serialize_entry("patch", &scim::patch_shown(preview, u, redaction))?;
        let post = user
            .skipped
            .is_none()
            .then(|| scim::post_body_shown(preview, u, redaction));
        map.serialize_entry("scim", &post)?;
        let skipped = user
            .skipped
            .as_ref()
            .map(|reason| Skipped(reason, document.redacted));
        map.serialize_entry("skipped", &skipped)?;
        let name = set.users[u]
            .text(&set.names, "userPrincipalName")
            .map(|name| shown_id(name, redaction));
        map.serialize_entry("userPrincipalName", &name)?;
        map.end()
    }
}

/// Who is in scope: `{"assumesAllAssigned", "inScope", "skipped": {KIND: N}}`.
struct ScopeCounts(super::super::scoping::ScopeSummary);

impl Serialize for ScopeCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let summary = &self.0;
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("assumesAllAssigned", &summary.assumes_all_assigned)?;
        map.serialize_entry("inScope", &summary.in_scope)?;
        let mut skipped: Vec<(&str, usize)> = summary.skipped.clone();
        skipped.sort_unstable();
        map.serialize_entry("skipped", &Pairs(&skipped))?;
        map.end()
    }
}

/// A JSON object from (key, count) pairs, in their order.
struct Pairs<'a>(&'a [(&'a str, usize)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, count) in self.0 {
            map.serialize_entry(key, count)?;
        }
        map.end()
    }
}

/// A skipped user's reason: `{"detail": TEXT, "reason": KIND}`.
struct Skipped<'a>(&'a SkipReason, bool);

impl Serialize for Skipped<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Skipped(reason, redacted) = self;
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("detail", &reason.message_shown(*redacted))?;
        map.serialize_entry("reason", reason.kind())?;
        map.end()
    }
}

/// Mappings that failed for user `u`, as "target: message"; with `redaction`, the message of
/// a personal mapping is left out (an evaluation error may quote the values it worked on).
fn errors_shown<'a>(
    preview: &'a Preview,
    u: usize,
    redaction: Option<&'a Redaction>,
) -> impl Iterator<Item = String> + Clone + 'a {
    preview
        .columns
        .iter()
        .zip(&preview.mappings)
        .enumerate()
        .filter_map(move |(m, (column, c))| {
            let error = column.cell(u).error()?;
            Some(match redaction {
                Some(redaction) if redaction.is_personal(m) => format!(
                    "{}: the expression fails for this user (the message is left out: it may \
                     quote personal values)",
                    c.mapping.target
                ),
                _ => format!("{}: {}", c.mapping.target, error.message),
            })
        })
}
