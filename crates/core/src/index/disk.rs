//! The index on disk: read without write access or locks, verified file by file before it is
//! used, and built by one process at a time.
//!
//! storybot never changes an index folder in place: each build writes a folder of its own and
//! swaps it in with renames while holding an OS lock on `<data>/index.lock`. So readers need
//! no lock at all (a read-only data folder can serve a current index), and a reader that finds
//! the index missing, stale or damaged takes the lock, looks again (another process may have
//! just built it), and builds only if it still must.

use crate::{Error, Result};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::index::SegmentComponent;
use tantivy::Index;

/// An index folder read through mmap without tantivy's lock files, which need write access.
/// Safe because no process writes into a folder that readers open (see the module docs).
#[derive(Clone, Debug)]
pub(super) struct Unlocked(MmapDirectory);

impl Unlocked {
    pub(super) fn open(dir: &Path) -> tantivy::Result<Unlocked> {
        Ok(Unlocked(MmapDirectory::open(dir)?))
    }
}

impl Directory for Unlocked {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}

/// The files every segment of storybot's index has (it never deletes documents).
const COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
    SegmentComponent::Terms,
    SegmentComponent::Store,
];

/// Checks every file of every segment against the checksum in its footer; the first
/// damaged, truncated or missing file, as a reason.
pub(super) fn verify(index: &Index, dir: &Path) -> Result<()> {
    let damaged = |file: &Path, problem: String| Error::DamagedIndex {
        file: file.to_path_buf(),
        problem,
    };
    let metas = index
        .load_metas()
        .map_err(|e| damaged(Path::new("meta.json"), format!("cannot be read: {e}")))?;
    for segment in &metas.segments {
        let mut components = COMPONENTS.to_vec();
        if segment.has_deletes() {
            components.push(SegmentComponent::Delete);
        }
        for component in components {
            let path = segment.relative_path(component);
            let len = std::fs::metadata(dir.join(&path))
                .map_err(|e| damaged(&path, format!("cannot be found: {e}")))?
                .len();
            // A footer is at least 8 bytes; tantivy panics on shorter files.
            if len < 8 {
                return Err(damaged(&path, format!("is truncated to {len} bytes")));
            }
            match index.directory().validate_checksum(&path) {
                Ok(true) => {}
                Ok(false) => return Err(damaged(&path, "fails its checksum".into())),
                Err(e) => return Err(damaged(&path, format!("cannot be read: {e}"))),
            }
        }
    }
    Ok(())
}

/// An exclusive OS lock on `<data>/index.lock`, held while checking and building; released
/// when dropped (or when the process dies).
pub(super) struct BuildLock(#[allow(dead_code)] File);

impl BuildLock {
    /// Waits for the lock. Fails when the lock file cannot be opened for writing (a read-only
    /// data folder).
    pub(super) fn acquire(path: &Path) -> io::Result<BuildLock> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        file.lock()?;
        Ok(BuildLock(file))
    }
}

/// Folders beside the index left by builders that died mid-build (`index.building-…`,
/// `index.old-…`). Only called with the build lock held, so none is in use by a builder.
pub(super) fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            ["building", "old"].iter().any(|kind| {
                n == format!("{name}.{kind}") || n.starts_with(&format!("{name}.{kind}-"))
            })
        })
        .map(|e| e.path())
        .collect()
}

/// A name no other builder uses: this process's id and the time.
pub(super) fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}
