//! Sizes no real export comes near, so that a damaged or hostile file is refused quickly and in
//! memory proportional to what was read, instead of costing many times its size.
//!
//! Each limit is far above what Entra's tools write (the figures are in the constants' docs), so
//! a file that passes one is not an export as Entra wrote it: it is refused with
//! [`ImportError::TooLarge`](super::ImportError::TooLarge), which names the limit.

/// Bytes of one user: a JSON user object, or a CSV row. A real user is a few KB; with every
/// property, its directory extensions and the manager expanded, well under 100 KB.
pub const MAX_USER_BYTES: usize = 4 << 20;

/// Keys in one user object, nested ones included. A Microsoft Graph user has about 150
/// properties; PowerShell's objects and a tenant's directory extensions add a few hundred.
pub const MAX_USER_KEYS: usize = 10_000;

/// Columns of a CSV header. The admin center's "Download users" has about 30 to 60.
pub const MAX_COLUMNS: usize = 10_000;

/// Different key paths in one file. Every user of an export has the same keys, a few hundred
/// at most; each key path costs a few hundred bytes to remember.
pub const MAX_KEY_PATHS: usize = 100_000;

/// Bytes of one key path (`employeeOrgData.division`). Graph's longest names, directory
/// extensions (`extension_<32 hex digits>_<name>`), are under 200.
pub const MAX_KEY_BYTES: usize = 1024;

/// Which limit a file went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`MAX_USER_BYTES`]: one user (or one value of a page) is larger.
    UserBytes,
    /// [`MAX_USER_KEYS`]: one user (or a page) has more keys.
    UserKeys,
    /// [`MAX_COLUMNS`]: the CSV header has more columns.
    Columns,
    /// [`MAX_KEY_PATHS`]: the users have more different keys.
    KeyPaths,
    /// [`MAX_KEY_BYTES`]: a key path is longer.
    KeyBytes,
}

impl Limit {
    /// What went over the limit, for the message: "one user is larger than 4 MiB".
    pub fn what(self) -> String {
        match self {
            Limit::UserBytes => format!(
                "one user (or one CSV row) is larger than {} MiB, where a real user is a few KB",
                MAX_USER_BYTES >> 20
            ),
            Limit::UserKeys => format!(
                "one user has more than {} keys, where a Microsoft Graph user has about 150",
                thousands(MAX_USER_KEYS)
            ),
            Limit::Columns => format!(
                "the header line has more than {} columns, where the admin center's \"Download \
                 users\" has about 30 to 60",
                thousands(MAX_COLUMNS)
            ),
            Limit::KeyPaths => format!(
                "the users have more than {} different keys, where an export has a few hundred",
                thousands(MAX_KEY_PATHS)
            ),
            Limit::KeyBytes => format!(
                "a key is longer than {MAX_KEY_BYTES} bytes, where Graph's longest names are \
                 under 200"
            ),
        }
    }
}

/// `10000` as `10 000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The limit carried by an I/O error (a reader below the CSV parser refuses with one).
pub(crate) fn in_io_error(error: &std::io::Error) -> Option<Limit> {
    error.get_ref()?.downcast_ref::<LimitError>().map(|e| e.0)
}

/// A [`Limit`] as an error an I/O reader can return.
#[derive(Debug)]
pub(crate) struct LimitError(pub Limit);

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.what())
    }
}

impl std::error::Error for LimitError {}

impl LimitError {
    /// As an [`std::io::Error`].
    pub(crate) fn io(limit: Limit) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidData, LimitError(limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_travel_through_io_errors_typed() {
        assert_eq!(thousands(100_000), "100 000");
        assert_eq!(thousands(999), "999");
        let error = LimitError::io(Limit::Columns);
        assert_eq!(in_io_error(&error), Some(Limit::Columns));
        assert_eq!(in_io_error(&std::io::Error::other("other")), None);
        assert!(Limit::Columns.what().contains("10 000 columns"));
    }
}
