//! The durable pin store: SQLite (bundled) in WAL mode with full sync, so a committed pin
//! survives a crash, and schema migrations run at open. One row per pinned message.

use crate::article::Library;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A pinned answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// Row id.
    pub id: i64,
    /// Guild id.
    pub guild: u64,
    /// Channel id.
    pub channel: u64,
    /// Message id of the pinned card.
    pub message: u64,
    /// The question the card answers, as asked.
    pub question: String,
    /// The question normalised (see [`question_key`]).
    pub question_key: String,
    /// Article slug of the pinned passage.
    pub article: String,
    /// Paragraph numbers the pin endorses (the lead passage first).
    pub paragraphs: Vec<u32>,
    /// Hash of those paragraphs' text when pinned.
    pub text_hash: String,
    /// Who pinned (user id).
    pub pinned_by: u64,
    /// Their display name when they pinned.
    pub pinned_by_name: String,
    /// When, seconds since the Unix epoch.
    pub pinned_at: i64,
    /// The source text changed (or vanished) since pinning; the pin no longer leads.
    pub stale: bool,
}

/// A pin to record.
#[derive(Debug, Clone)]
pub struct NewPin {
    /// Guild id.
    pub guild: u64,
    /// Channel id.
    pub channel: u64,
    /// Message id.
    pub message: u64,
    /// The question as asked.
    pub question: String,
    /// Article slug.
    pub article: String,
    /// Paragraphs endorsed, lead first.
    pub paragraphs: Vec<u32>,
    /// Hash of their text (see [`text_hash`]).
    pub text_hash: String,
    /// Who pins.
    pub pinned_by: u64,
    /// Their display name.
    pub pinned_by_name: String,
}

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &["CREATE TABLE pins (
        id INTEGER PRIMARY KEY,
        guild INTEGER NOT NULL,
        channel INTEGER NOT NULL,
        message INTEGER NOT NULL,
        question TEXT NOT NULL,
        question_key TEXT NOT NULL,
        article TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        pinned_by INTEGER NOT NULL,
        pinned_by_name TEXT NOT NULL,
        pinned_at INTEGER NOT NULL,
        stale INTEGER NOT NULL DEFAULT 0,
        UNIQUE (guild, message)
    );
    CREATE INDEX pins_by_question ON pins (guild, question_key);"];

/// The pin store.
pub struct PinStore {
    conn: Mutex<Connection>,
    path: PathBuf,
}

fn err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::PinStore {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

impl PinStore {
    /// Opens (creating if needed) the store at `path` and runs pending migrations.
    pub fn open(path: &Path) -> Result<PinStore> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io("cannot create the pin store folder", dir, e))?;
        }
        let conn = Connection::open(path).map_err(|e| err(path, e))?;
        Self::setup(conn, path)
    }

    /// A store in memory (tests).
    pub fn in_memory() -> Result<PinStore> {
        let path = Path::new(":memory:");
        Self::setup(
            Connection::open_in_memory().map_err(|e| err(path, e))?,
            path,
        )
    }

    fn setup(conn: Connection, path: &Path) -> Result<PinStore> {
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| err(path, e))?;
        // WAL with synchronous=FULL: a commit is on disk before it returns.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| err(path, e))?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|e| err(path, e))?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| err(path, e))?;
        if version as usize > MIGRATIONS.len() {
            return Err(err(path, format!("schema version {version} is newer than this storybot knows ({}): upgrade storybot", MIGRATIONS.len())));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.unchecked_transaction().map_err(|e| err(path, e))?;
            tx.execute_batch(sql).map_err(|e| err(path, e))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(|e| err(path, e))?;
            tx.commit().map_err(|e| err(path, e))?;
        }
        Ok(PinStore {
            conn: Mutex::new(conn),
            path: path.to_path_buf(),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records a pin (replacing an earlier pin of the same message).
    pub fn add(&self, p: &NewPin) -> Result<Pin> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let paragraphs = p
            .paragraphs
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let conn = self.conn();
        conn.execute(
            "INSERT INTO pins (guild, channel, message, question, question_key, article, paragraphs, text_hash, pinned_by, pinned_by_name, pinned_at, stale)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0)
             ON CONFLICT (guild, message) DO UPDATE SET
               question = excluded.question, question_key = excluded.question_key, article = excluded.article,
               paragraphs = excluded.paragraphs, text_hash = excluded.text_hash, pinned_by = excluded.pinned_by,
               pinned_by_name = excluded.pinned_by_name, pinned_at = excluded.pinned_at, stale = 0",
            params![
                p.guild as i64, p.channel as i64, p.message as i64, p.question, question_key(&p.question), p.article,
                paragraphs, p.text_hash, p.pinned_by as i64, p.pinned_by_name, now
            ],
        )
        .map_err(|e| err(&self.path, e))?;
        drop(conn);
        self.get(p.guild, p.message)?
            .ok_or_else(|| err(&self.path, "the pin vanished right after it was written"))
    }

    /// Removes the pin of a message; true when there was one.
    pub fn remove(&self, guild: u64, message: u64) -> Result<bool> {
        let n = self
            .conn()
            .execute(
                "DELETE FROM pins WHERE guild = ?1 AND message = ?2",
                params![guild as i64, message as i64],
            )
            .map_err(|e| err(&self.path, e))?;
        Ok(n > 0)
    }

    /// The pin of one message.
    pub fn get(&self, guild: u64, message: u64) -> Result<Option<Pin>> {
        self.conn()
            .query_row(
                "SELECT * FROM pins WHERE guild = ?1 AND message = ?2",
                params![guild as i64, message as i64],
                row,
            )
            .optional()
            .map_err(|e| err(&self.path, e))
    }

    /// A guild's pins, newest first.
    pub fn for_guild(&self, guild: u64) -> Result<Vec<Pin>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT * FROM pins WHERE guild = ?1 ORDER BY pinned_at DESC, id DESC")
            .map_err(|e| err(&self.path, e))?;
        let rows = stmt
            .query_map(params![guild as i64], row)
            .map_err(|e| err(&self.path, e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| err(&self.path, e))
    }

    /// Every pin (all guilds).
    pub fn all(&self) -> Result<Vec<Pin>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT * FROM pins ORDER BY id")
            .map_err(|e| err(&self.path, e))?;
        let rows = stmt.query_map([], row).map_err(|e| err(&self.path, e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| err(&self.path, e))
    }

    /// Flags pins whose paragraphs changed or vanished since pinning (and clears the flag of
    /// pins whose text is back). Returns (pins checked, pins now flagged).
    pub fn recheck(&self, library: &Library) -> Result<(usize, usize)> {
        let pins = self.all()?;
        let conn = self.conn();
        let mut flagged = 0;
        for pin in &pins {
            let current = library.article(&pin.article).and_then(|a| {
                let texts: Option<Vec<&str>> = pin
                    .paragraphs
                    .iter()
                    .map(|n| a.paragraph(*n).map(|p| p.text.as_str()))
                    .collect();
                texts.map(|t| text_hash(&t))
            });
            let stale = current.as_deref() != Some(pin.text_hash.as_str());
            flagged += usize::from(stale);
            if stale != pin.stale {
                conn.execute(
                    "UPDATE pins SET stale = ?1 WHERE id = ?2",
                    params![stale as i64, pin.id],
                )
                .map_err(|e| err(&self.path, e))?;
            }
        }
        Ok((pins.len(), flagged))
    }

    /// SQLite's own integrity check ("ok" when the file is sound).
    pub fn integrity(&self) -> Result<String> {
        self.conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| err(&self.path, e))
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Pin> {
    let paragraphs: String = r.get("paragraphs")?;
    Ok(Pin {
        id: r.get("id")?,
        guild: r.get::<_, i64>("guild")? as u64,
        channel: r.get::<_, i64>("channel")? as u64,
        message: r.get::<_, i64>("message")? as u64,
        question: r.get("question")?,
        question_key: r.get("question_key")?,
        article: r.get("article")?,
        paragraphs: paragraphs
            .split(',')
            .filter_map(|n| n.parse().ok())
            .collect(),
        text_hash: r.get("text_hash")?,
        pinned_by: r.get::<_, i64>("pinned_by")? as u64,
        pinned_by_name: r.get("pinned_by_name")?,
        pinned_at: r.get("pinned_at")?,
        stale: r.get::<_, i64>("stale")? != 0,
    })
}

/// A question normalised for "the same question": lowercase words and digits only, single
/// spaces ("Who denied the report?" and "who  denied the report" are the same).
pub fn question_key(question: &str) -> String {
    question
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hash of pinned paragraphs' text, to notice when a redeploy changed them.
pub fn text_hash(texts: &[&str]) -> String {
    let mut h = Sha256::new();
    for t in texts {
        h.update((t.len() as u64).to_le_bytes());
        h.update(t.as_bytes());
    }
    crate::embed::hex(&h.finalize())
}
