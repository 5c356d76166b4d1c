//! The snapshot on show, shared by the render loop, which publishes each
//! new one, and the server's threads, which read it and wait for the next.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::session::Snapshot;

pub(crate) struct Hub {
    current: Mutex<Arc<Snapshot>>,
    published: Condvar,
}

impl Hub {
    pub fn new(first: Snapshot) -> Self {
        Self {
            current: Mutex::new(Arc::new(first)),
            published: Condvar::new(),
        }
    }

    /// Puts `snapshot` on show and wakes every waiting event stream.
    pub fn publish(&self, snapshot: Snapshot) {
        *self.lock() = Arc::new(snapshot);
        self.published.notify_all();
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.lock().clone()
    }

    /// The first snapshot newer than `generation`, or the current one when
    /// none comes within `timeout`.
    pub fn newer_than(&self, generation: u64, timeout: Duration) -> Arc<Snapshot> {
        let guard = self.lock();
        let (guard, _) = self
            .published
            .wait_timeout_while(guard, timeout, |current| current.generation <= generation)
            .unwrap_or_else(|e| e.into_inner());
        guard.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Arc<Snapshot>> {
        // A reader that panicked left the value whole: keep serving it.
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }
}
