//! The tantivy index over every paragraph: stemmed paragraph text, speaker and cited names as
//! fields of their own, and a context field (the lead-in of a carried-over quote, and the
//! long forms of acronyms the article defines). Built into `<data>/index`, rebuilt when the
//! articles' content hash or the schema version in tantivy's commit payload differs, and when
//! any of its files fails its checksum. Reading needs no write access; one process builds at a
//! time, in a folder of its own swapped in atomically ([`disk`]).

/// The text analyzer lives at the crate root (dispute links use it too); re-exported here.
pub use crate::analyzer;
mod context;
mod disk;
mod sketch;
pub mod tokens;
pub mod vectors;

use crate::article::Library;
use crate::embed::Embedder;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::schema::{
    IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::{doc, Index, IndexReader, ReloadPolicy, TantivyDocument};
use vectors::Vectors;

/// Bump when the schema, the analyzer or what is indexed changes: old indexes then rebuild.
pub const SCHEMA_VERSION: u32 = 2;

/// The index's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Position of the article in the library (stored).
    pub article: tantivy::schema::Field,
    /// Paragraph number (stored).
    pub number: tantivy::schema::Field,
    /// Paragraph text.
    pub text: tantivy::schema::Field,
    /// Speaker name.
    pub speaker: tantivy::schema::Field,
    /// Cited sources.
    pub cited: tantivy::schema::Field,
    /// Lead-in and acronym expansions.
    pub context: tantivy::schema::Field,
    /// The article slug (for filtering).
    pub slug: tantivy::schema::Field,
}

/// What the commit payload records about a build.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BuildInfo {
    /// [`SCHEMA_VERSION`] at build time.
    pub version: u32,
    /// The library's content hash at build time.
    pub content_hash: String,
    /// Seconds since the Unix epoch when built.
    pub built_at: u64,
    /// Number of articles indexed.
    pub articles: usize,
    /// Number of paragraphs indexed.
    pub paragraphs: usize,
}

/// How [`StoryIndex::open`] found the index.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenOutcome {
    /// The index on disk was current.
    Current,
    /// There was no index; it was built.
    Built,
    /// The articles or schema changed; it was rebuilt.
    Stale,
    /// The index on disk could not be read; it was rebuilt. Holds the reason.
    Corrupt(String),
}

/// The library and its search index, ready for questions.
pub struct StoryIndex {
    /// Every article, attributed.
    pub library: Library,
    /// What the current index was built from.
    pub info: BuildInfo,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// The context text indexed for each paragraph, per article (see [`context`]).
    pub(crate) contexts: Vec<Vec<String>>,
    /// The embedding model and the vectors made with it, when semantic ranking is on.
    pub(crate) semantic: Option<Semantic>,
    /// Every distinct speaker and cited source, with its article's position: what a
    /// question about someone's words is checked against.
    pub(crate) attributed: Vec<(usize, String)>,
}

/// Semantic ranking's parts: the model (to embed questions) and the articles' vectors.
pub struct Semantic {
    /// The model.
    pub embedder: Arc<Embedder>,
    /// Every paragraph's and sentence's vector.
    pub vectors: Vectors,
}

/// How [`StoryIndex::with_embedder`] found the vectors.
#[derive(Debug, Clone, PartialEq)]
pub enum VectorOutcome {
    /// `vectors.bin` was current.
    Current,
    /// They were built (none yet, or the articles or the model changed) and saved.
    Built,
    /// `vectors.bin` was damaged; they were rebuilt. Holds the reason.
    Rebuilt(String),
    /// They were built but could not be saved (e.g. a read-only folder). Holds the reason.
    Unsaved(String),
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer::ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        article: b.add_u64_field("article", NumericOptions::default().set_stored()),
        number: b.add_u64_field("number", NumericOptions::default().set_stored()),
        text: b.add_text_field("text", text_opts.clone()),
        speaker: b.add_text_field("speaker", text_opts.clone()),
        cited: b.add_text_field("cited", text_opts.clone()),
        context: b.add_text_field("context", text_opts),
        slug: b.add_text_field("slug", STRING | STORED),
    };
    (b.build(), fields)
}

impl StoryIndex {
    /// Loads the library under `data_dir` and opens its index at `data_dir/index`, building
    /// or rebuilding it when missing, stale or damaged. Any number of processes may call this
    /// at once: one builds while the others wait, then read what it built.
    pub fn open(data_dir: &Path) -> Result<(StoryIndex, OpenOutcome)> {
        let library = Library::load(data_dir)?;
        let dir = Self::dir_for(data_dir);
        // A current, sound index is read without any lock or write access.
        let (library, need) = match Self::open_current(library, &dir) {
            Ok(story) => return Ok((story, OpenOutcome::Current)),
            Err(failed) => failed,
        };
        let lock = sibling(&dir, "lock");
        let _lock = disk::BuildLock::acquire(&lock).map_err(|cause| Error::IndexNotWritable {
            dir: dir.clone(),
            data: data_dir.to_path_buf(),
            why: match &need {
                OpenOutcome::Stale => "the articles changed".into(),
                OpenOutcome::Corrupt(why) => why.clone(),
                OpenOutcome::Built | OpenOutcome::Current => "it is missing".into(),
            },
            cause,
        })?;
        // Another process may have built it while this one waited for the lock.
        let (library, need) = match Self::open_current(library, &dir) {
            Ok(story) => return Ok((story, OpenOutcome::Current)),
            Err(failed) => failed,
        };
        Ok((Self::build_swapped(library, &dir)?, need))
    }

    /// The index in `dir` when it is current for `library` and every file is sound; else the
    /// library back with what must happen (`Built`, `Stale` or `Corrupt`). Never panics on a
    /// damaged index: every file's checksum is verified before tantivy reads it.
    fn open_current(
        library: Library,
        dir: &Path,
    ) -> std::result::Result<StoryIndex, (Library, OpenOutcome)> {
        if !dir.join("meta.json").exists() {
            return Err((library, OpenOutcome::Built));
        }
        let opened = std::panic::catch_unwind(|| -> Result<_> {
            let (index, info) = Self::open_existing(dir)?;
            if info.version != SCHEMA_VERSION {
                return Ok(None);
            }
            disk::verify(&index, dir)?;
            let (reader, fields) = Self::reader(&index)?;
            Ok(Some((index, info, reader, fields)))
        });
        let (index, info, reader, fields) = match opened {
            Ok(Ok(Some(parts))) => parts,
            Ok(Ok(None)) => return Err((library, OpenOutcome::Stale)),
            Ok(Err(why)) => return Err((library, OpenOutcome::Corrupt(why.to_string()))),
            Err(_) => {
                return Err((
                    library,
                    OpenOutcome::Corrupt("tantivy could not read it".into()),
                ))
            }
        };
        if info.content_hash != library.content_hash {
            return Err((library, OpenOutcome::Stale));
        }
        let story = StoryIndex::assemble(library, info, index, reader, fields);
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| story.check()));
        match checked {
            Ok(Ok(())) => Ok(story),
            Ok(Err(err)) => Err((story.library, OpenOutcome::Corrupt(err.to_string()))),
            Err(_) => Err((
                story.library,
                OpenOutcome::Corrupt("tantivy could not read it".into()),
            )),
        }
    }

    /// Builds the index for `library` in memory (tests, benchmarks).
    pub fn in_ram(library: Library) -> Result<StoryIndex> {
        let (schema, _) = schema();
        let index = Index::create_in_ram(schema);
        Self::fill(library, index)
    }

    /// Builds the index for `library` in `directory` (tests that need a directory that
    /// misbehaves).
    #[cfg(test)]
    pub(crate) fn in_directory(
        library: Library,
        directory: impl tantivy::Directory,
    ) -> Result<StoryIndex> {
        let (schema, _) = schema();
        let index = Index::create(directory, schema, tantivy::IndexSettings::default())?;
        Self::fill(library, index)
    }

    /// Builds (or rebuilds) the index in `dir`, holding the build lock (`dir` with `.lock`).
    pub fn build_in_dir(library: Library, dir: &Path) -> Result<StoryIndex> {
        let lock = sibling(dir, "lock");
        let _lock =
            disk::BuildLock::acquire(&lock).map_err(|e| Error::io("cannot lock", &lock, e))?;
        Self::build_swapped(library, dir)
    }

    /// Builds the index into a folder of this builder's own and swaps it in with two
    /// renames, so a crash mid-build leaves the old index or none, never half of one.
    /// Called with the build lock held.
    fn build_swapped(library: Library, dir: &Path) -> Result<StoryIndex> {
        for stale in disk::leftovers(dir) {
            if let Err(e) = std::fs::remove_dir_all(&stale) {
                tracing::warn!(path = %stale.display(), %e, "cannot remove an earlier build's folder");
            }
        }
        let unique = disk::unique();
        let tmp = sibling(dir, &format!("building-{unique}"));
        let old = sibling(dir, &format!("old-{unique}"));
        std::fs::create_dir_all(&tmp)
            .map_err(|e| Error::io("cannot create index folder", &tmp, e))?;
        let (schema, _) = schema();
        let index = Index::create_in_dir(&tmp, schema)?;
        drop(Self::fill(library.clone(), index)?);
        if dir.symlink_metadata().is_ok() {
            std::fs::rename(dir, &old).map_err(|e| Error::io("cannot move old index", dir, e))?;
        }
        std::fs::rename(&tmp, dir).map_err(|e| Error::io("cannot move new index into", dir, e))?;
        if old.exists() {
            // Readers of the old index keep their open files; the folder itself can go.
            if let Err(e) = std::fs::remove_dir_all(&old) {
                tracing::warn!(path = %old.display(), %e, "cannot remove the previous index");
            }
        }
        let (index, info) = Self::open_existing(dir)?;
        let (reader, fields) = Self::reader(&index)?;
        Ok(StoryIndex::assemble(library, info, index, reader, fields))
    }

    fn open_existing(dir: &Path) -> Result<(Index, BuildInfo)> {
        let index = Index::open(disk::Unlocked::open(dir)?)?;
        analyzer::register(&index);
        let payload = index.load_metas()?.payload.unwrap_or_default();
        let info: BuildInfo = serde_json::from_str(&payload).map_err(|e| {
            tantivy::TantivyError::InvalidArgument(format!("index payload is not storybot's: {e}"))
        })?;
        Ok((index, info))
    }

    fn reader(index: &Index) -> Result<(IndexReader, Fields)> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let (_, fields) = schema();
        Ok((reader, fields))
    }

    fn fill(library: Library, index: Index) -> Result<StoryIndex> {
        analyzer::register(&index);
        let (_, f) = schema();
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 50_000_000)?;
        for (ai, article) in library.articles.iter().enumerate() {
            let contexts = context::contexts(article);
            for (p, ctx) in article.paragraphs.iter().zip(contexts) {
                let a = &p.attribution;
                writer.add_document(doc!(
                    f.article => ai as u64,
                    f.number => u64::from(p.number),
                    f.text => p.text.as_str(),
                    f.speaker => a.speaker.clone().unwrap_or_default(),
                    f.cited => a.cited.join(" ; "),
                    f.context => ctx,
                    f.slug => article.slug.as_str(),
                ))?;
            }
        }
        let info = BuildInfo {
            version: SCHEMA_VERSION,
            content_hash: library.content_hash.clone(),
            built_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            articles: library.articles.len(),
            paragraphs: library.paragraph_count(),
        };
        let payload = serde_json::to_string(&info).expect("build info serializes");
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&payload);
        commit.commit()?;
        writer.wait_merging_threads()?;
        let (reader, fields) = Self::reader(&index)?;
        Ok(StoryIndex::assemble(library, info, index, reader, fields))
    }

    fn assemble(
        library: Library,
        info: BuildInfo,
        index: Index,
        reader: IndexReader,
        fields: Fields,
    ) -> StoryIndex {
        let contexts = library.articles.iter().map(context::contexts).collect();
        let mut attributed: Vec<(usize, String)> = library
            .articles
            .iter()
            .enumerate()
            .flat_map(|(ai, a)| {
                a.paragraphs
                    .iter()
                    .flat_map(move |p| p.attribution.names().map(move |who| (ai, who.clone())))
            })
            .collect();
        attributed.sort();
        attributed.dedup();
        StoryIndex {
            library,
            info,
            index,
            reader,
            fields,
            contexts,
            semantic: None,
            attributed,
        }
    }

    /// Turns on semantic ranking with `embedder`: reads `<data>/vectors.bin` when it was made
    /// from these articles with this model and is undamaged, otherwise embeds every paragraph
    /// and sentence (calling `progress(done, total)`) and saves the file. With no data folder
    /// (an index in memory) the vectors stay in memory.
    pub fn with_embedder(
        mut self,
        embedder: Arc<Embedder>,
        data_dir: Option<&Path>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(StoryIndex, VectorOutcome)> {
        let path = data_dir.map(Vectors::path_for);
        let mut damaged = None;
        if let Some(path) = &path {
            match Vectors::load(path, &self.library, embedder.id()) {
                Ok(Some(vectors)) => {
                    self.semantic = Some(Semantic { embedder, vectors });
                    return Ok((self, VectorOutcome::Current));
                }
                Ok(None) => {}
                Err(e) => damaged = Some(e.to_string()),
            }
        }
        let vectors = Vectors::build(&self.library, &embedder, progress)?;
        let mut outcome = damaged.map_or(VectorOutcome::Built, VectorOutcome::Rebuilt);
        if let Some(path) = &path {
            if let Err(e) = vectors.save(path, &self.library.content_hash) {
                outcome = VectorOutcome::Unsaved(e.to_string());
            }
        }
        self.semantic = Some(Semantic { embedder, vectors });
        Ok((self, outcome))
    }

    /// Turns on semantic ranking with vectors made elsewhere (see [`Vectors::from_parts`]).
    pub fn with_vectors(mut self, embedder: Arc<Embedder>, vectors: Vectors) -> StoryIndex {
        self.semantic = Some(Semantic { embedder, vectors });
        self
    }

    /// Semantic ranking's parts, when it is on.
    pub fn semantic(&self) -> Option<&Semantic> {
        self.semantic.as_ref()
    }

    /// Which ranking answers questions, for `about`: "hybrid (…)" or "lexical (…)".
    pub fn ranking(&self) -> String {
        match &self.semantic {
            Some(s) => format!(
                "hybrid: sentence embeddings ({}) with BM25, speakers and question kinds",
                s.embedder.id()
            ),
            None => "lexical: BM25 with speakers and question kinds (no embedding model)".into(),
        }
    }

    /// Plain tantivy: `query` through tantivy's own query parser over paragraph text, top `n`
    /// (article position, paragraph number). The baseline our ranking is measured against.
    pub fn raw_top(&self, query: &str, n: usize) -> Result<Vec<(usize, u32)>> {
        let parser = tantivy::query::QueryParser::for_index(&self.index, vec![self.fields.text]);
        let (q, _errors) = parser.parse_query_lenient(query);
        let searcher = self.reader.searcher();
        let hits = searcher.search(
            &q,
            &tantivy::collector::TopDocs::with_limit(n).order_by_score(),
        )?;
        hits.into_iter()
            .map(|(_, addr)| {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let get = |f| {
                    doc.get_first(f)
                        .and_then(|v| tantivy::schema::Value::as_u64(&v))
                        .unwrap_or(0)
                };
                Ok((
                    get(self.fields.article) as usize,
                    get(self.fields.number) as u32,
                ))
            })
            .collect()
    }

    /// The context text indexed for paragraph `number` of the `article`-th article.
    pub(crate) fn context(&self, article: usize, number: u32) -> &str {
        self.contexts
            .get(article)
            .and_then(|c| c.get((number as usize).checked_sub(1)?))
            .map_or("", String::as_str)
    }

    /// Reads every stored document once, so that a damaged index is found at open, not mid-answer.
    fn check(&self) -> Result<()> {
        let searcher = self.reader.searcher();
        let count = searcher.num_docs() as usize;
        if count != self.library.paragraph_count() {
            return Err(Error::Index(tantivy::TantivyError::InvalidArgument(
                format!(
                    "index holds {count} paragraphs, the articles {}",
                    self.library.paragraph_count()
                ),
            )));
        }
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(1)
                .map_err(tantivy::TantivyError::from)?;
            for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
                doc?;
            }
            for field in [
                self.fields.text,
                self.fields.speaker,
                self.fields.cited,
                self.fields.context,
            ] {
                segment.inverted_index(field)?;
            }
        }
        Ok(())
    }

    /// The folder of the index on disk, for a data folder.
    pub fn dir_for(data_dir: &Path) -> PathBuf {
        data_dir.join("index")
    }
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!("{name}.{suffix}"))
}
