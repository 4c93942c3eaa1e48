//! Loading exports in the background (a [`Job`], like the other background work): the window
//! keeps drawing, shows the progress the worker reports, and can cancel it. Files added to the
//! loaded users are merged on the worker too. The result replaces the users shown only when the
//! load is done, so a failed or cancelled load loses nothing.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use eframe::egui;

use super::jobs::{Job, Poll};
use crate::file_kind::{self, Destination, SNIFF_BYTES};
use crate::import::search::SearchIndex;
use crate::import::{FileError, Input, Progress, UserSet};

/// Loaded users with what the screen shows about them, computed once (on the loading thread),
/// not per frame.
#[derive(Default)]
pub struct Loaded {
    /// The users (shared with the preview's threads).
    pub set: Arc<UserSet>,
    /// Its warnings.
    pub warnings: Vec<String>,
    /// Its search index.
    pub search: SearchIndex,
    /// Users the loaded assignments name who are not among the loaded users.
    pub assigned_not_loaded: usize,
}

impl Loaded {
    /// Computes the attribute counts (for the coverage, which depends on the mappings too),
    /// warnings and search index of `set`.
    pub fn new(set: UserSet) -> Self {
        set.counts();
        Self {
            warnings: set.warnings(),
            search: SearchIndex::new(&set),
            assigned_not_loaded: crate::preview::assigned::assigned_not_loaded(&set),
            set: Arc::new(set),
        }
    }
}

/// A load in progress.
pub struct Loading {
    /// Shared with the thread: bytes done, total, cancel.
    pub progress: Arc<Progress>,
    /// What is being loaded, for the progress line.
    pub what: String,
    /// Added to the loaded users (true) or replacing them.
    pub append: bool,
    job: Job<Outcome>,
}

/// What a finished load gives: the users to show (merged with those before when adding), how
/// many the files had, and the files that failed.
pub struct Outcome {
    /// The users to show from now on (with those loaded before, when adding).
    pub loaded: Loaded,
    /// Users in the files just read.
    pub read: usize,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// Files of users read (0: the users shown before stay as they were).
    pub user_files: usize,
    /// Assignment and member files read.
    pub assignments_read: usize,
    /// Assignment and member files that could not be read, each with why.
    pub assignment_errors: Vec<String>,
}

/// How a load ended.
pub enum Finished {
    /// Done (perhaps nothing loaded: see the errors).
    Done(Box<Outcome>),
    /// Still going.
    Running,
}

impl Loading {
    /// Starts loading `inputs` in the background, added to `base` when `append` (merged on the
    /// worker, not the UI thread); the window repaints when it is done. Assignment files are
    /// added to `base`'s assignments; when only such files are given, `base`'s users stay.
    pub fn start(
        ctx: &egui::Context,
        inputs: Vec<Input>,
        base: Option<Arc<UserSet>>,
        append: bool,
    ) -> Self {
        let progress = Arc::new(Progress::default());
        let what = match inputs.as_slice() {
            [one] => one.name(),
            many => format!("{} files", many.len()),
        };
        let shared = progress.clone();
        let job = Job::start(ctx, move |_| {
            let mut assignments = base
                .as_ref()
                .and_then(|b| b.assignments.as_deref().cloned())
                .unwrap_or_default();
            let mut assignments_read = 0;
            let mut assignment_errors = Vec::new();
            let mut users = Vec::new();
            for input in inputs {
                if !is_assignment_file(&input) {
                    users.push(input);
                    continue;
                }
                let added = read_bytes(&input).and_then(|b| assignments.add(&input.name(), &b));
                match added {
                    Ok(()) => assignments_read += 1,
                    Err(error) => assignment_errors.push(error),
                }
            }
            let (set, errors) = if users.is_empty() {
                (UserSet::default(), Vec::new())
            } else {
                UserSet::load(&users, &shared)
            };
            let read = set.users.len();
            let user_files = set.files.len();
            let mut set = match base {
                // Only assignment files (or nothing readable): the users stay.
                Some(base) if set.files.is_empty() => Arc::unwrap_or_clone(base),
                Some(base) if append => {
                    let mut merged = Arc::unwrap_or_clone(base);
                    merged.extend(set);
                    merged
                }
                _ => set,
            };
            if !assignments.files.is_empty() {
                set.assignments = Some(Arc::new(assignments));
                crate::preview::assigned::apply_app_roles(&mut set);
            }
            Some(Outcome {
                loaded: Loaded::new(set),
                read,
                errors,
                user_files,
                assignments_read,
                assignment_errors,
            })
        });
        Self {
            progress,
            what,
            append,
            job,
        }
    }

    /// Asks the thread to stop.
    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    /// The result, once there is one.
    pub fn poll(&self) -> Finished {
        match self.job.poll() {
            Poll::Done(outcome, _) => Finished::Done(Box::new(outcome)),
            Poll::Running => Finished::Running,
            Poll::Gone => Finished::Done(Box::new(Outcome {
                loaded: Loaded::default(),
                read: 0,
                errors: vec![FileError {
                    name: self.what.clone(),
                    error: crate::import::ImportError::Io("the loading thread stopped".into()),
                }],
                user_files: 0,
                assignments_read: 0,
                assignment_errors: Vec::new(),
            })),
        }
    }
}

/// True when `input` holds the app's assignments or a group's member list (by its first bytes).
fn is_assignment_file(input: &Input) -> bool {
    let head = match input {
        Input::Path(path) => {
            use std::io::Read as _;
            let mut head = Vec::new();
            let read = std::fs::File::open(path)
                .and_then(|f| f.take(SNIFF_BYTES as u64).read_to_end(&mut head));
            if read.is_err() {
                return false;
            }
            head
        }
        Input::Bytes { bytes, .. } | Input::LogImportSteps(bytes) => {
            bytes[..bytes.len().min(SNIFF_BYTES)].to_vec()
        }
    };
    let path = std::path::PathBuf::from(input.name());
    file_kind::destination(&path, &head) == Destination::Assignments
}

/// The whole content of `input`, or why it could not be read.
fn read_bytes(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Path(path) => {
            std::fs::read(path).map_err(|error| format!("{}: {error}", input.name()))
        }
        Input::Bytes { bytes, .. } | Input::LogImportSteps(bytes) => Ok(bytes.to_vec()),
    }
}
