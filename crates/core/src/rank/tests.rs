//! A search that fails is an error, never "the article doesn't say".

use super::*;
use crate::article::{Article, ArticleMeta, Library};
use crate::Error;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, FileHandle, OwnedBytes, RamDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// A RAM directory whose file reads start failing once `broken` is set (a disk that went
/// away under a running bot).
#[derive(Clone, Debug)]
struct Failing {
    inner: RamDirectory,
    broken: Arc<AtomicBool>,
}

#[derive(Debug)]
struct FailingFile {
    inner: Arc<dyn FileHandle>,
    broken: Arc<AtomicBool>,
}

impl HasLen for FailingFile {
    fn len(&self) -> usize {
        self.inner.len()
    }
}

impl FileHandle for FailingFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if self.broken.load(Ordering::SeqCst) {
            return Err(io::Error::other("the disk went away"));
        }
        self.inner.read_bytes(range)
    }
}

impl Directory for Failing {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        Ok(Arc::new(FailingFile {
            inner: self.inner.get_file_handle(path)?,
            broken: self.broken.clone(),
        }))
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }
    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

const ARTICLE: &str = "Ministry denies report\n\n\
The ministry of health said on Tuesday that the report about the hospital was fabricated.\n\n\
\"The news item is completely false,\" spokesman Adam Smith told reporters.\n";

fn index_on(broken: Arc<AtomicBool>) -> StoryIndex {
    let article = Article::from_text("ministry", ARTICLE, ArticleMeta::default()).unwrap();
    let library = Library::from_articles(&PathBuf::from("unused"), vec![article]);
    let dir = Failing {
        inner: RamDirectory::create(),
        broken,
    };
    StoryIndex::in_directory(library, dir).unwrap()
}

#[test]
fn a_sound_index_answers() {
    let index = index_on(Arc::new(AtomicBool::new(false)));
    let a = answer(
        "Who said the report was fabricated?",
        &index,
        &AskOptions::default(),
    )
    .unwrap();
    assert!(!a.answers.is_empty(), "{a:?}");
}

#[test]
fn a_failed_search_is_an_error_not_an_empty_answer() {
    let broken = Arc::new(AtomicBool::new(false));
    let index = index_on(broken.clone());
    broken.store(true, Ordering::SeqCst);
    let got = answer(
        "Who said the report was fabricated?",
        &index,
        &AskOptions::default(),
    );
    match got {
        Err(Error::SearchFailed { cause }) => assert!(cause.contains("disk went away"), "{cause}"),
        other => panic!("a failed search must be Error::SearchFailed, got {other:?}"),
    }
}

#[test]
fn falsehood_words_match_whole_words_only() {
    assert!(super::asks_about_falsehood("Did they deny it?"));
    assert!(super::asks_about_falsehood("Is the report fabricated?"));
    assert!(!super::asks_about_falsehood("What do officials believe?"));
    assert!(!super::asks_about_falsehood("What happened earlier?"));
}
