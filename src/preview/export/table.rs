//! The CSV export: one row per user (id, userPrincipalName, skipped, then every mapping's value),
//! written row by row.

use std::io::{self, Write};

use super::super::Preview;
use super::super::redact::Redaction;
use super::{Watch, WriteError, shown_id, user_id};
use crate::csv_cell::safe;
use crate::import::UserSet;
use crate::mapping::MappingSet;

/// Writes one row per user to `out`, personal values and ids hashed when `redacted`. Every
/// cell a spreadsheet would read as a formula is neutralized ([`crate::csv_cell`]).
pub fn write_csv(
    out: &mut dyn Write,
    set: &UserSet,
    mappings: &MappingSet,
    preview: &Preview,
    redacted: bool,
    watch: Watch<'_>,
) -> Result<(), WriteError> {
    let redaction = redacted.then(|| Redaction::new(preview));
    let redaction = redaction.as_ref();
    let mut writer = csv::Writer::from_writer(out);
    let header = ["id", "userPrincipalName", "skipped"]
        .into_iter()
        .chain(mappings.mappings.iter().map(|m| m.target.as_str()));
    writer.write_record(header.map(|cell| safe(cell).into_owned()))?;
    for (u, user) in preview.users.iter().enumerate() {
        writer.write_field(&*safe(&shown_id(&user_id(set, u), redaction)))?;
        let name = set.users[u]
            .text(&set.names, "userPrincipalName")
            .map(|name| shown_id(name, redaction))
            .unwrap_or_default();
        writer.write_field(&*safe(&name))?;
        let skipped = user.skipped.as_ref().map(|r| r.message_shown(redacted));
        writer.write_field(&*safe(skipped.as_deref().unwrap_or_default()))?;
        for m in 0..preview.mappings.len() {
            let value = preview.create_value(u, m).unwrap_or_default();
            let value = match redaction {
                Some(redaction) => redaction.value(m, value),
                None => value.into(),
            };
            writer.write_field(&*safe(&value))?;
        }
        writer.write_record(None::<&[u8]>)?;
        watch.wrote(u + 1)?;
    }
    writer.flush()?;
    Ok(())
}

impl From<csv::Error> for WriteError {
    fn from(error: csv::Error) -> Self {
        match error.into_kind() {
            csv::ErrorKind::Io(error) => WriteError::Io(error),
            other => WriteError::Io(io::Error::other(format!("{other:?}"))),
        }
    }
}
