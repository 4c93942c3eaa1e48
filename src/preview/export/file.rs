//! Saving to a file without ever leaving half of one: everything is written to a temporary file
//! in the same folder, which replaces the file only once it is complete. A save that is cancelled
//! or fails (a full disk, a folder that went away) removes the temporary file and leaves whatever
//! was at the path before as it was.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::WriteError;

/// Why a file was not saved.
#[derive(Debug)]
pub enum SaveError {
    /// The save was cancelled before the end.
    Cancelled,
    /// No file could be made in the folder (it does not exist, or is read-only).
    Create(io::Error),
    /// Writing failed (a full disk).
    Write(io::Error),
    /// The finished file could not take the place of the old one.
    Replace(io::Error),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Cancelled => f.write_str("the save was cancelled"),
            SaveError::Create(error) => {
                write!(f, "no file could be made in that folder ({error})")
            }
            SaveError::Write(error) => write!(f, "writing failed ({error})"),
            SaveError::Replace(error) => {
                write!(
                    f,
                    "the finished file could not replace the old one ({error})"
                )
            }
        }
    }
}

/// Writes `path` with what `write` writes, all or nothing (see the module).
pub fn save_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), WriteError>,
) -> Result<(), SaveError> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".scim-preflight-")
        .suffix(".part")
        .tempfile_in(folder)
        .map_err(SaveError::Create)?;
    let mut out = BufWriter::with_capacity(1 << 16, temporary.as_file_mut());
    match write(&mut out) {
        Ok(()) => {}
        Err(WriteError::Cancelled) => return Err(SaveError::Cancelled),
        Err(WriteError::Io(error)) => return Err(SaveError::Write(error)),
    }
    out.flush().map_err(SaveError::Write)?;
    drop(out);
    temporary.as_file().sync_all().map_err(SaveError::Write)?;
    temporary
        .persist(path)
        .map(drop)
        .map_err(|error| SaveError::Replace(error.error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_finished_save_replaces_the_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("preview.json");
        std::fs::write(&path, "old").unwrap();
        save_file(&path, |out| Ok(out.write_all(b"new")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(folder.path()), ["preview.json"]);
    }

    #[test]
    fn a_cancelled_save_leaves_no_file_and_no_temporary_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("preview.json");
        let result = save_file(&path, |out| {
            out.write_all(&[b'x'; 100_000])?;
            Err(WriteError::Cancelled)
        });
        assert!(matches!(result, Err(SaveError::Cancelled)), "{result:?}");
        assert!(
            names(folder.path()).is_empty(),
            "{:?}",
            names(folder.path())
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_untouched() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("preview.csv");
        std::fs::write(&path, "old rows").unwrap();
        let result = save_file(&path, |out| {
            out.write_all(&[b'x'; 100_000])?;
            Err(io::Error::from(io::ErrorKind::StorageFull).into())
        });
        let error = result.unwrap_err();
        assert!(matches!(error, SaveError::Write(_)));
        assert!(error.to_string().starts_with("writing failed ("), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old rows");
        assert_eq!(names(folder.path()), ["preview.csv"]);
    }

    #[test]
    fn a_missing_folder_is_named_as_the_cause() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("gone").join("preview.json");
        let error = save_file(&path, |_| Ok(())).unwrap_err();
        assert!(matches!(error, SaveError::Create(_)), "{error:?}");
        assert!(!path.exists());
    }

    #[test]
    fn a_folder_that_disappears_while_saving_leaves_nothing_behind() {
        let folder = tempfile::tempdir().unwrap();
        let inner = folder.path().join("exports");
        std::fs::create_dir(&inner).unwrap();
        let path = inner.join("preview.json");
        let error = save_file(&path, |out| {
            out.write_all(b"{}")?;
            std::fs::remove_dir_all(&inner)?;
            Ok(())
        })
        .unwrap_err();
        assert!(
            matches!(error, SaveError::Replace(_) | SaveError::Write(_)),
            "{error:?}"
        );
        assert!(names(folder.path()).is_empty());
    }
}
