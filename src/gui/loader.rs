//! Loading exports on a background thread: the window keeps drawing, shows the progress the
//! thread reports, and can cancel it. The result replaces or extends the loaded users only when
//! the load is done, so a failed or cancelled load loses nothing.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread;

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
    /// Add to the loaded users (true) or replace them.
    pub append: bool,
    receiver: Receiver<(Loaded, Vec<FileError>)>,
}

/// How a load ended.
pub enum Finished {
    /// Users (perhaps none) and the files that failed.
    Done(Box<Loaded>, Vec<FileError>),
    /// Still going.
    Running,
}

impl Loading {
    /// Starts loading `inputs` on a new thread; `wake` is called when it is done (to repaint).
    pub fn start(inputs: Vec<Input>, append: bool, wake: impl Fn() + Send + 'static) -> Self {
        let progress = Arc::new(Progress::default());
        let what = match inputs.as_slice() {
            [one] => one.name(),
            many => format!("{} files", many.len()),
        };
        let (sender, receiver) = channel();
        let shared = progress.clone();
        thread::spawn(move || {
            let (set, errors) = UserSet::load(&inputs, &shared);
            // Only worth preparing if it is not merged into other users afterwards.
            let loaded = if append {
                Loaded {
                    set: Arc::new(set),
                    ..Loaded::default()
                }
            } else {
                Loaded::new(set)
            };
            let _ = sender.send((loaded, errors));
            wake();
        });
        Self {
            progress,
            what,
            append,
            receiver,
        }
    }

    /// Asks the thread to stop.
    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    /// The result, once there is one.
    pub fn poll(&self) -> Finished {
        match self.receiver.try_recv() {
            Ok((set, errors)) => Finished::Done(Box::new(set), errors),
            Err(TryRecvError::Empty) => Finished::Running,
            Err(TryRecvError::Disconnected) => Finished::Done(
                Box::default(),
                vec![FileError {
                    name: self.what.clone(),
                    error: crate::import::ImportError::Io("the loading thread stopped".into()),
                }],
            ),
        }
    }
}
