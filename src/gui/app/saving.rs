//! The window's Save of the preview (CSV, JSON, redacted JSON): written in the background, all
//! or nothing ([`export::save_file`]), with the share of users written and Cancel in the status
//! bar. The window never waits for it; a cancelled or failed save leaves the file that was there.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use eframe::egui;

use super::files::SaveWhat;
use super::{App, file_name};
use crate::gui::jobs::{Job, Poll};
use crate::gui::status::{Status, Tone};
use crate::preview::export::{self, JsonStyle, SaveError, Watch};

/// A save of the preview under way.
pub(super) struct Saving {
    job: Job<Result<(), SaveError>>,
    /// Users written so far.
    written: Arc<AtomicUsize>,
    /// Users in the preview.
    total: usize,
    path: PathBuf,
    /// Cancel was clicked; the job is stopping.
    cancelling: bool,
}

impl App {
    /// Starts saving the preview as `what` to `path` in the background (replacing a save still
    /// under way, which stops and leaves nothing).
    pub(super) fn start_save(&mut self, what: SaveWhat, path: &Path, ctx: &egui::Context) {
        let Some(preview) = self.preview.preview().cloned() else {
            self.status = Status {
                text: "Not saved: there is no preview yet: load users in step 2".into(),
                tone: Tone::Warning,
            };
            return;
        };
        let total = preview.users.len();
        let mappings = self.mappings.set().clone();
        let written = Arc::new(AtomicUsize::new(0));
        let (counter, target) = (written.clone(), path.to_path_buf());
        let job = Job::start(ctx, move |cancel| {
            let watch = Watch {
                written: Some(&counter),
                cancel: Some(cancel),
            };
            let set = &preview.set;
            Some(export::save_file(&target, |out| match what {
                SaveWhat::PreviewJson { redacted } => {
                    let style = JsonStyle {
                        pretty: true,
                        redacted,
                    };
                    export::write_json(out, set, &preview, style, watch)
                }
                _ => export::write_csv(out, set, &mappings, &preview, false, watch),
            }))
        });
        self.saving = Some(Saving {
            job,
            written,
            total,
            path: path.to_path_buf(),
            cancelling: false,
        });
    }

    /// True while a save is under way.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// The status bar while a save is under way: what is saved, how far, and Cancel. Takes the
    /// result once it is there (into the status message). False when there is no save to show.
    pub(super) fn saving_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let Some(saving) = &mut self.saving else {
            return false;
        };
        let shown = saving.path.display();
        let finished = match saving.job.poll() {
            Poll::Running => None,
            Poll::Done(Ok(()), _) => Some(Status {
                text: format!("Saved {shown}."),
                tone: Tone::Success,
            }),
            Poll::Done(Err(SaveError::Cancelled), _) | Poll::Gone => Some(Status {
                text: format!("Save cancelled: nothing was written to {shown}."),
                tone: Tone::Info,
            }),
            Poll::Done(Err(error), _) => Some(Status {
                text: format!("Not saved: {shown}: {error}. A file already there is unchanged."),
                tone: Tone::Warning,
            }),
        };
        if let Some(status) = finished {
            self.status = status;
            self.saving = None;
            return false;
        }
        ui.ctx().request_repaint_after(Duration::from_millis(100));
        let written = saving.written.load(Ordering::Relaxed).min(saving.total);
        let fraction = if saving.total == 0 {
            0.0
        } else {
            written as f32 / saving.total as f32
        };
        ui.horizontal(|ui| {
            if saving.cancelling {
                ui.label(format!(
                    "Cancelling the save of {}…",
                    file_name(&saving.path)
                ));
                return;
            }
            ui.label(format!(
                "Saving {}: {written} of {} user{} written",
                file_name(&saving.path),
                saving.total,
                if saving.total == 1 { "" } else { "s" },
            ));
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(160.0)
                    .show_percentage(),
            );
            if ui.button("Cancel save").clicked() {
                saving.job.cancel();
                saving.cancelling = true;
            }
        });
        true
    }
}
