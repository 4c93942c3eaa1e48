//! Work that runs off the UI thread (a preview of 100 000 users, one expression over all of
//! them): started with a cancel flag, polled each frame, cancelled when dropped or replaced by
//! newer work, so typing never waits for it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use eframe::egui;

/// One piece of background work with a result of type `T`.
pub struct Job<T> {
    cancel: Arc<AtomicBool>,
    receiver: Receiver<Option<T>>,
    /// When it started.
    pub started: Instant,
}

/// What polling found.
pub enum Poll<T> {
    /// Still running.
    Running,
    /// Done, with how long it took.
    Done(T, Duration),
    /// Cancelled, or the thread stopped without a result.
    Gone,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread; it should return `None` once the flag it gets is set.
    /// The window repaints when it is done.
    pub fn start(
        ctx: &egui::Context,
        work: impl FnOnce(&AtomicBool) -> Option<T> + Send + 'static,
    ) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = channel();
        let (flag, ctx) = (cancel.clone(), ctx.clone());
        std::thread::spawn(move || {
            let result = work(&flag);
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        Self {
            cancel,
            receiver,
            started: Instant::now(),
        }
    }

    /// Asks the work to stop; [`Job::poll`] says [`Poll::Gone`] once it has.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result, once there is one.
    pub fn poll(&self) -> Poll<T> {
        match self.receiver.try_recv() {
            Ok(Some(result)) => Poll::Done(result, self.started.elapsed()),
            Ok(None) | Err(TryRecvError::Disconnected) => Poll::Gone,
            Err(TryRecvError::Empty) => Poll::Running,
        }
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}
