//! One build at a time per store: an advisory lock on `<store>.lock`, beside the store folder
//! (the folder itself is replaced by a rename, so a lock inside it would not hold).
//!
//! The operating system releases the lock when the holder exits, crash included, so a lock file
//! left behind by a killed build is simply taken by the next one. The file also says who holds
//! it (process id and start time), for the message a second build gives.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use fs4::FileExt;

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another build holds it (the message names it).
    #[error("{0}")]
    Held(String),
    /// The lock file could not be opened or written.
    #[error("{0}")]
    Io(String),
}

/// Held while a build writes a store; released when dropped.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// The lock file of a store: `store.lock` beside `store/`.
pub fn lock_path(store: &Path) -> PathBuf {
    let name = store
        .file_name()
        .map_or("store".into(), |n| n.to_string_lossy());
    store.with_file_name(format!("{name}.lock"))
}

impl StoreLock {
    /// Takes the store's lock, or says who holds it.
    pub fn acquire(store: &Path) -> Result<StoreLock, LockError> {
        Self::acquire_for(store, "galeon build")
    }

    /// Takes the store's lock for `what` (named to whoever finds it held).
    pub fn acquire_for(store: &Path, what: &str) -> Result<StoreLock, LockError> {
        let path = lock_path(store);
        let fail = |e: std::io::Error| LockError::Io(format!("{}: {e}", path.display()));
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(fail)?;
        match FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let holder = if holder.is_empty() {
                    "another process"
                } else {
                    holder
                };
                return Err(LockError::Held(format!(
                    "{} is being written by {holder}; wait for it to end (or stop it), then run again",
                    store.display()
                )));
            }
            Err(fs4::TryLockError::Error(e)) => return Err(fail(e)),
        }
        let started = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let holder = format!("{what} (pid {}, started {started})\n", std::process::id());
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(holder.as_bytes()))
            .map_err(fail)?;
        Ok(StoreLock { _file: file })
    }
}
