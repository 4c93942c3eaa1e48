//! Loading one file: open it, choose the encoding, tell JSON from CSV, read the users, and
//! report what was found. Progress is counted in bytes of the file; a cancel flag stops the
//! reading at the next 64 KiB.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::decode::Encoding;
use super::error::{ImportError, from_io, shorten};
use super::finding::{Finding, Tally};
use super::json::read_json;
use super::left_out::LeftOut;
use super::normalize::UserReader;
use super::portal_csv::{looks_like_csv, looks_like_header, read_csv};
use super::record::User;
use super::scan::Window;
use super::shape::{Container, Flavor, Shape};
use super::text::{OpenError, TextReader};

/// Where a file comes from: a path, or bytes already in memory (sample data, tests).
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    Path(PathBuf),
    /// Bytes with a name to show.
    Bytes {
        /// The name the summary shows.
        name: String,
        /// The content.
        bytes: Arc<[u8]>,
    },
    /// The users the provisioning logs' import steps read, as JSON made from the logs
    /// (`import::logs::users`): loaded like any export, and named for what they are.
    LogImportSteps(Arc<[u8]>),
}

/// The name the users of the provisioning logs are shown under.
pub const IMPORT_STEPS_NAME: &str = "the provisioning logs' import steps";

impl Input {
    /// The name the summary shows: the file name, without its folder.
    pub fn name(&self) -> String {
        match self {
            Input::Path(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Input::Bytes { name, .. } => name.clone(),
            Input::LogImportSteps(_) => IMPORT_STEPS_NAME.to_owned(),
        }
    }

    /// Where it is: its path (its name for bytes in memory).
    pub fn location(&self) -> String {
        match self {
            Input::Path(path) => path.display().to_string(),
            Input::Bytes { name, .. } => name.clone(),
            Input::LogImportSteps(_) => IMPORT_STEPS_NAME.to_owned(),
        }
    }

    /// The size in bytes, if known.
    pub fn size(&self) -> Option<u64> {
        match self {
            Input::Path(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            Input::Bytes { bytes, .. } | Input::LogImportSteps(bytes) => Some(bytes.len() as u64),
        }
    }

    fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Input::Path(path) => {
                if path.is_dir() {
                    return Err(io::Error::other("it is a folder, not a file"));
                }
                Box::new(File::open(path)?)
            }
            Input::Bytes { bytes, .. } | Input::LogImportSteps(bytes) => {
                Box::new(Cursor::new(bytes.clone()))
            }
        })
    }
}

/// Shared between a loading thread and the window: how far it got, and the Cancel button.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes read so far, over all files of the load.
    pub done: AtomicU64,
    /// Bytes in all files of the load.
    pub total: AtomicU64,
    /// Set to stop loading.
    pub cancel: AtomicBool,
}

impl Progress {
    /// Done over total, 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        (self.done.load(Ordering::Relaxed) as f64 / total as f64).min(1.0) as f32
    }

    /// True once Cancel was pressed.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Counts bytes into a [`Progress`] and stops when it is cancelled.
struct Counting<'p, R> {
    inner: R,
    progress: &'p Progress,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.progress.cancelled() {
            return Err(io::Error::other("cancelled"));
        }
        let n = self.inner.read(buf)?;
        self.progress.done.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// What loading one file found.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file's name.
    pub name: String,
    /// Where it is (its path; its name for bytes given in memory).
    pub location: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its layout and key names.
    pub shape: Shape,
    /// The encoding it was read with.
    pub encoding: Encoding,
    /// How many users it held.
    pub users: usize,
    /// Things the admin should know (encoding, more pages, skipped rows…).
    pub notes: Vec<String>,
    /// What reading the users found, with how many users each.
    pub findings: Vec<(Finding, Tally)>,
    /// The entries that are not users to provision, left out: how many for each reason.
    pub left_out: Vec<(LeftOut, usize)>,
    /// For the admin center's CSV: the source attributes it has a column for.
    pub csv_columns: Option<Vec<String>>,
    /// This is a Graph page that says more pages follow.
    pub more_pages: bool,
    /// This is a Graph page with no `@odata.nextLink`: the last page of its export.
    pub last_page: bool,
}

/// The users of one file.
#[derive(Debug)]
pub struct Loaded {
    /// The users, in file order.
    pub users: Vec<User>,
    /// The hash of each user's `objectId`, when the reader made them (JSON: on the parsing
    /// threads); else the set makes them.
    pub id_hashes: Option<Vec<Option<u64>>>,
    /// What the file held.
    pub report: FileReport,
}

/// Loads one file (number `index` of the load) with `reader`.
pub fn load_file(
    input: &Input,
    index: usize,
    reader: &mut UserReader,
    progress: &Progress,
) -> Result<Loaded, ImportError> {
    let before = progress.done.load(Ordering::Relaxed);
    let result = match load_as(input, index, reader, progress, false) {
        Err(ImportError::NotUtf8) => {
            // UTF-8 at the start, not further on: read it all again as Windows-1252.
            progress.done.store(before, Ordering::Relaxed);
            load_as(input, index, reader, progress, true)
        }
        other => other,
    };
    match result {
        Err(_) if progress.cancelled() => Err(ImportError::Cancelled),
        other => other,
    }
}

fn load_as(
    input: &Input,
    index: usize,
    reader: &mut UserReader,
    progress: &Progress,
    ansi: bool,
) -> Result<Loaded, ImportError> {
    let raw = input.open().map_err(|e| ImportError::Io(e.to_string()))?;
    let counting = Counting {
        inner: raw,
        progress,
    };
    let (text, opened) = TextReader::open(counting, ansi).map_err(|e| match e {
        OpenError::Io(e) => ImportError::Io(e.to_string()),
        OpenError::Decode(e) => ImportError::Decode(e),
    })?;
    let mut report = FileReport {
        name: input.name(),
        location: input.location(),
        bytes: input.size().unwrap_or(0),
        shape: Shape {
            container: Container::Array,
            flavor: Flavor::Graph,
        },
        encoding: opened.encoding,
        users: 0,
        notes: opened.notes,
        findings: Vec::new(),
        left_out: Vec::new(),
        csv_columns: None,
        more_pages: false,
        last_page: false,
    };
    let mut window = Window::new(text);
    let first = window.peek().map_err(|e| from_io(e, None))?;
    let (users, id_hashes, findings) = match first {
        Some(b'{' | b'[') => {
            let json = read_json(&mut window, reader, index)?;
            report.shape = json.shape;
            if matches!(input, Input::LogImportSteps(_)) {
                report.shape.container = Container::LogImportSteps;
            }
            if let Some(link) = &json.next_link {
                report.more_pages = true;
                // A /users/delta round's pages end with the one that has @odata.deltaLink.
                let last = if link.contains("/delta") {
                    " up to the one with @odata.deltaLink"
                } else {
                    ""
                };
                report.notes.push(format!(
                    "This file is one page of a longer list: it ends with the next page link \
                     ({}). Load the other pages too{last} (select them all in Open), or export \
                     with Get-MgUser -All.",
                    shorten(link, 90)
                ));
            }
            report.last_page = json.last_pages > 0;
            report.left_out = json.left_out.into_iter().collect();
            if window.reader().cut_off() {
                let _ = window.read_to_end();
                let end = window.data().len();
                let (line, _) = window.line_column(end);
                let users = json.users.len();
                return Err(ImportError::HalfCharacter { line, users });
            }
            (json.users, Some(json.id_hashes), json.findings)
        }
        Some(_) => {
            let (rest, mut text) = window.into_parts();
            let first_line = String::from_utf8_lossy(&rest);
            let first_line = first_line.lines().next().unwrap_or("");
            if !looks_like_header(first_line) && !looks_like_csv(first_line) {
                return Err(ImportError::NotJsonOrCsv);
            }
            let csv = read_csv(Cursor::new(rest).chain(&mut text), reader, index)?;
            if text.cut_off() {
                let (line, users) = (csv.lines, csv.users.len());
                return Err(ImportError::HalfCharacter { line, users });
            }
            report.shape = Shape {
                container: Container::PortalCsv,
                flavor: Flavor::Legacy,
            };
            if csv.skipped_count > 0 {
                let mut note = format!(
                    "{} row{} could not be read and {} skipped: {}",
                    csv.skipped_count,
                    if csv.skipped_count == 1 { "" } else { "s" },
                    if csv.skipped_count == 1 {
                        "was"
                    } else {
                        "were"
                    },
                    csv.skipped.join("; ")
                );
                if csv.skipped_count > csv.skipped.len() {
                    note.push_str("; …");
                }
                note.push_str(". The other rows loaded.");
                report.notes.push(note);
            }
            report.csv_columns = Some(csv.columns);
            (csv.users, None, csv.findings)
        }
        None => return Err(ImportError::Decode(super::decode::DecodeError::Empty)),
    };
    report.users = users.len();
    report.findings = findings.into_iter().collect();
    Ok(Loaded {
        users,
        id_hashes,
        report,
    })
}
