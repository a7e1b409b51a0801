//! The import progress bar: drawn only on a terminal, and only once an import has run for
//! about a second, so quick imports stay quiet.

use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A lazily shown progress bar on stderr.
pub struct Bar {
    enabled: bool,
    started: Instant,
    total: Cell<u64>,
    shown: RefCell<Option<ProgressBar>>,
}

const SHOW_AFTER: Duration = Duration::from_millis(800);

impl Bar {
    pub fn new(enabled: bool) -> Self {
        Bar {
            enabled,
            started: Instant::now(),
            total: Cell::new(0),
            shown: RefCell::new(None),
        }
    }
}

impl kith::store::import::Progress for Bar {
    fn start(&self, total_bytes: u64) {
        self.total.set(total_bytes);
    }

    fn set(&self, done_bytes: u64) {
        if !self.enabled {
            return;
        }
        let mut slot = self.shown.borrow_mut();
        if slot.is_none() && self.started.elapsed() >= SHOW_AFTER {
            let bar = ProgressBar::with_draw_target(Some(self.total.get()), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} importing [{bar:30}] {bytes}/{total_bytes} ({eta})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            *slot = Some(bar);
        }
        if let Some(bar) = slot.as_ref() {
            bar.set_position(done_bytes.min(self.total.get()));
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.shown.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}
