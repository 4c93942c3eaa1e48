//! Loading exports in the background (a [`Job`], like the other background work): the window
//! keeps drawing, shows the progress the worker reports, and can cancel it. Files added to the
//! loaded users are merged on the worker too. The result replaces the users shown only when the
//! load is done, so a failed or cancelled load loses nothing.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use eframe::egui;

use super::jobs::{Job, Poll};
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
}

impl Loaded {
    /// Computes the attribute counts (for the coverage, which depends on the mappings too),
    /// warnings and search index of `set`.
    pub fn new(set: UserSet) -> Self {
        set.counts();
        Self {
            warnings: set.warnings(),
            search: SearchIndex::new(&set),
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
}

/// How a load ended.
pub enum Finished {
    /// Done (perhaps nothing loaded: see the errors).
    Done(Box<Outcome>),
    /// Still going.
    Running,
}

impl Loading {
    /// Starts loading `inputs` in the background, added to `base` when given (merged on the
    /// worker, not the UI thread); the window repaints when it is done.
    pub fn start(ctx: &egui::Context, inputs: Vec<Input>, base: Option<Arc<UserSet>>) -> Self {
        let progress = Arc::new(Progress::default());
        let what = match inputs.as_slice() {
            [one] => one.name(),
            many => format!("{} files", many.len()),
        };
        let append = base.is_some();
        let shared = progress.clone();
        let job = Job::start(ctx, move |_| {
            let (set, errors) = UserSet::load(&inputs, &shared);
            let read = set.users.len();
            let loaded = match base {
                Some(base) if !set.files.is_empty() => {
                    let mut merged = Arc::unwrap_or_clone(base);
                    merged.extend(set);
                    Loaded::new(merged)
                }
                _ => Loaded::new(set),
            };
            Some(Outcome {
                loaded,
                read,
                errors,
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
            })),
        }
    }
}
