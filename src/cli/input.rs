//! Reading the text files the admin names on the command line (a batch of cases, a mapping file,
//! Azure's schema JSON) or pipes in, in any encoding, with the failures as typed errors that say
//! what to do. Every one of them is bad input (exit 2): the admin can fix it.

use std::io::{self, Read};
use std::path::Path;

pub(crate) use crate::text_file::TextFileError as InputError;

/// What to do about input that is not UTF-8 (`token`, which takes no other encoding).
pub(crate) const NOT_UTF8_ADVICE: &str = "the text is not UTF-8. Save the file as UTF-8 (in \
     Notepad: Save as, Encoding UTF-8; in PowerShell: Out-File -Encoding utf8) and run the \
     command again.";

/// The text of the file at `path`, or of standard input when `path` is `-`, in whatever
/// encoding it was saved ([`crate::text_file`]).
pub(crate) fn read_text(path: &Path) -> Result<String, InputError> {
    if path != Path::new("-") {
        return crate::text_file::read(path);
    }
    let name = "standard input";
    let mut bytes = Vec::new();
    match io::stdin().read_to_end(&mut bytes) {
        Ok(_) => crate::text_file::decode_named(name, &bytes),
        Err(error) => Err(InputError::Unreadable {
            name: name.to_owned(),
            error,
        }),
    }
}
