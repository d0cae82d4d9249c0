//! Command-line front end: parses arguments with clap, calls the core, prints what it returns.

mod model;
mod render;
mod service;

use service::{bot_setup, shutdown_signal, with_pins};

use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use storybot::config::Config;
use storybot::discord::gateway;
use storybot::index::{OpenOutcome, VectorOutcome};
use storybot::ops;
use storybot::settings::{Env, Settings};
use storybot::{answer, eval, story, AskOptions, Error, Result, StoryIndex};

/// Writes `text` to standard output and flushes it, so a full disk is noticed here. A
/// closed pipe (`storybot passages | head`) ends the command quietly, as Unix tools do
/// ([`Error::is_closed_pipe`]); any other write error is reported and exits 1.
fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Output)
}

/// `print!` that returns write errors instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        emit(&format!($($arg)*))?
    };
}

/// `println!` that returns write errors instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {
        emit(&format!("{}\n", format_args!($($arg)*)))?
    };
}

/// Answers questions about a news story with the article's own words, and says who said them.
#[derive(Parser)]
#[command(name = "storybot", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct DataArgs {
    /// Folder holding `articles/` (the index is kept in DIR/index) [default: STORYBOT_DATA,
    /// else index_data]
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

impl DataArgs {
    /// `--data`, else the settings' data folder.
    fn dir(self, settings: &Settings) -> PathBuf {
        self.data.unwrap_or_else(|| settings.data.clone())
    }
}

#[derive(Args)]
struct ConfigArgs {
    /// Settings and topic commands [default: STORYBOT_CONFIG, else config/storybot.toml]
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
}

/// Parses the command line (exiting with clap's message when it is wrong).
pub fn parse() -> Cli {
    Cli::parse()
}

/// The command's config file (`--config`, else `STORYBOT_CONFIG`, else the default), read
/// once before the settings are loaded; commands without `--config` read none.
pub struct ConfigFile {
    path: PathBuf,
    /// The file as read, when it exists.
    read: Option<Result<Config>>,
    /// Whether only a file that passes its checks is a settings layer (`healthcheck`: a
    /// broken config must not make a running server look unhealthy).
    checked_layer: bool,
}

impl ConfigFile {
    /// Reads the config file `cli`'s command names, if it names one.
    pub fn for_command(cli: &Cli, env: &Env) -> ConfigFile {
        let (args, checked_layer) = match &cli.command {
            Command::Ask { config, .. }
            | Command::CheckConfig { config, .. }
            | Command::Serve { config, .. }
            | Command::Register { config, .. } => (Some(config), false),
            Command::Healthcheck { config, .. } => (Some(config), true),
            _ => (None, false),
        };
        let path = args
            .and_then(|a| a.config.clone())
            .unwrap_or_else(|| Settings::config_path(env));
        let read = args
            .is_some()
            .then(|| path.exists().then(|| Config::read(&path)))
            .flatten();
        ConfigFile {
            path,
            read,
            checked_layer,
        }
    }

    /// The file as the settings' `[server]` layer, when it is one.
    pub fn layer(&self) -> Option<&Config> {
        match &self.read {
            Some(Ok(c)) if !self.checked_layer || c.problems().is_empty() => Some(c),
            _ => None,
        }
    }

    /// The checked config, or the built-in defaults when the file does not exist (as
    /// [`Config::load_or_default`]).
    fn load_or_default(self) -> Result<Config> {
        match self.read {
            None => Ok(Config::default()),
            Some(read) => {
                let config = read?;
                Error::from_problems(config.problems())?;
                Ok(config)
            }
        }
    }

    /// The parsed config, unchecked; a missing file is an error (as [`Config::read`]).
    fn read(self) -> Result<Config> {
        match self.read {
            Some(read) => read,
            None => Config::read(&self.path),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Ask a question about the story
    Ask {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        config: ConfigArgs,
        /// Passages to show at most (default: the config's answer.limit)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=25))]
        limit: Option<u16>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Run a topic command from the config instead of a question
        #[arg(long, value_name = "NAME", conflicts_with = "question")]
        command: Option<String>,
        /// The question
        #[arg(value_name = "QUESTION", required_unless_present = "command")]
        question: Vec<String>,
    },
    /// Print every paragraph of every article with its attribution
    Passages {
        #[command(flatten)]
        data: DataArgs,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// What the bot knows: articles, paragraph counts, index build, version
    About {
        #[command(flatten)]
        data: DataArgs,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// The story's claims beside their responses
    Claims {
        #[command(flatten)]
        data: DataArgs,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Everyone quoted in the story, with paragraph counts
    Sources {
        #[command(flatten)]
        data: DataArgs,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// What one speaker said, in order
    WhoSaid {
        #[command(flatten)]
        data: DataArgs,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// The speaker (any part of the name)
        #[arg(value_name = "SPEAKER", required = true)]
        speaker: Vec<String>,
    },
    /// Build or refresh the search index
    Index {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Check the configuration file (and the articles its topic commands name) and list the
    /// topic commands
    CheckConfig {
        #[command(flatten)]
        config: ConfigArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Run the Discord bot until SIGTERM or Ctrl-C: the gateway, or with --http Discord's
    /// interactions endpoint; health and metrics on STORYBOT_LISTEN in both modes
    Serve {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        config: ConfigArgs,
        /// Serve POST /interactions instead of connecting to the gateway (needs DISCORD_PUBLIC_KEY)
        #[arg(long)]
        http: bool,
    },
    /// Probe a running server's /healthz; exit 0 when it answers 200 (for Docker's HEALTHCHECK)
    Healthcheck {
        /// The URL to probe (default: /healthz on STORYBOT_LISTEN, over loopback)
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Register the slash commands with Discord and exit
    Register {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Write pins in a loop, printing each commit (crash-safety tests kill it mid-write)
    #[command(hide = true)]
    PinWriter {
        /// The pin store
        #[arg(long)]
        store: PathBuf,
        /// How many pins
        #[arg(long, default_value_t = 1000)]
        count: u64,
    },
    /// Measure ranking on a question set (JSON lines: {"q": …, "gold": [paragraphs]})
    Eval {
        #[command(flatten)]
        data: DataArgs,
        /// Print every question's outcome
        #[arg(long)]
        verbose: bool,
        /// Write every candidate's ranking features (JSON lines) here, for fitting the weights
        #[arg(long, value_name = "FILE")]
        features: Option<PathBuf>,
        /// Measure attribution instead: each folder's `<slug>.gold.json` (or
        /// `expected/<slug>.gold.json`) against the speaker found for every paragraph
        #[arg(long)]
        speakers: bool,
        /// Measure stance instead: each folder's `<slug>.stance.json` (or
        /// `stance/<slug>.stance.json`) against the denials, claims and dispute links found
        #[arg(long, conflicts_with = "speakers")]
        stances: bool,
        /// Question sets; a folder holding `<slug>.txt` and `<slug>.qa.jsonl` pairs runs each
        /// article alone in its own data folder
        #[arg(value_name = "FILE|DIR", required = true)]
        files: Vec<PathBuf>,
    },
    /// The embedding model: fetch it into the cache, or say which one is in use
    Model {
        #[command(subcommand)]
        action: ModelAction,
    },
}

#[derive(Subcommand)]
enum ModelAction {
    /// Download the default model (all-MiniLM-L6-v2 from PyPI) into the cache
    Fetch,
    /// Which model is used, from where, and whether it loads
    Info,
}

/// `eval --speakers` / `eval --stances`: each article of each folder parsed alone and scored
/// against its gold, a line per article and the total.
fn eval_against_gold<G, R: eval::GoldReport>(
    dirs: &[PathBuf],
    verbose: bool,
    sets: fn(&Path) -> storybot_core::Result<eval::GoldSets<G>>,
    score: fn(&storybot::article::Article, &G) -> R,
) -> Result<ExitCode> {
    let mut all = R::default();
    let mut articles = 0;
    for dir in dirs {
        for (slug, text, gold) in sets(dir)? {
            let Some(article) =
                storybot::article::Article::from_text(&slug, &text, Default::default())
            else {
                outln!("{slug}: no paragraphs");
                continue;
            };
            let report = score(&article, &gold);
            outln!("{slug}: {}", report.summary());
            if verbose {
                for m in report.misses() {
                    outln!("  {m}");
                }
            }
            articles += 1;
            all.add(report);
        }
    }
    if articles > 1 {
        outln!("overall: {}", all.summary());
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the parsed command line with its config file and the settings.
pub fn run(cli: Cli, file: ConfigFile, settings: Settings) -> Result<ExitCode> {
    let model = &settings.model;
    match cli.command {
        Command::Ask {
            data,
            config: _,
            limit,
            json,
            command,
            question,
        } => {
            let config = file.load_or_default()?;
            let (question, opts) = match &command {
                Some(name) => {
                    let c = config.command(name)?;
                    (c.question.clone(), c.options(config.answer.limit))
                }
                None => (
                    question.join(" "),
                    AskOptions {
                        limit: config.answer.limit,
                        ..AskOptions::default()
                    },
                ),
            };
            let opts = AskOptions {
                limit: limit.map_or(opts.limit, usize::from),
                ..opts
            };
            if question.trim().is_empty() {
                return Err(Error::EmptyQuestion);
            }
            let index = open(&data.dir(&settings), model)?;
            if command.is_some() {
                storybot::Error::from_problems(config.article_problems(&index.library))?;
            }
            // A failed search is an error (exit 1 with the message), never "doesn't say".
            let reply = answer(&question, &index, &opts)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&reply)?);
            } else {
                out!("{}", render::answer(&reply));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Passages { data, json } => {
            let index = open(&data.dir(&settings), model)?;
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&render::passages_json(&index.library))?
                );
            } else {
                out!("{}", render::passages(&index.library));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Index { data } => {
            let data = data.dir(&settings);
            let index = open(&data, model)?;
            outln!(
                "index at {}: {} articles, {} paragraphs, content hash {}; ranking: {}",
                StoryIndex::dir_for(&data).display(),
                index.info.articles,
                index.info.paragraphs,
                &index.info.content_hash[..12],
                index.ranking()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::CheckConfig { config: _, data } => {
            let path = &file.path.clone();
            // Every problem at once: the file's rules, the articles it names, the environment.
            let config = file.read()?;
            let mut problems = config.problems();
            if config.commands.iter().any(|c| c.article.is_some()) {
                match storybot::article::Library::load(&data.dir(&settings)) {
                    Ok(library) => problems.extend(config.article_problems(&library)),
                    Err(source) => problems.push(Error::CommandArticles {
                        path: path.clone(),
                        source,
                    }),
                }
            }
            let settings = match settings.service {
                Ok(settings) if problems.is_empty() => settings,
                Ok(_) => return Err(Error::all(problems)),
                Err(errs) => {
                    problems.extend(errs);
                    return Err(Error::all(problems));
                }
            };
            outln!(
                "{}: ok, {} topic commands",
                path.display(),
                config.commands.len()
            );
            for c in &config.commands {
                outln!("  /{:<24} {}", c.name, c.description);
            }
            outln!(
                "environment: ok, listening on {}, DISCORD_PUBLIC_KEY {}, {}",
                settings.listen,
                if settings.public_key.is_some() {
                    "set"
                } else {
                    "unset (needed by serve --http)"
                },
                settings.shards.map_or_else(
                    || "one gateway shard".to_string(),
                    |s| format!("gateway shards {}-{} of {}", s.first, s.last, s.total)
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::PinWriter { store, count } => {
            use std::io::Write;
            let store = storybot::pins::PinStore::open(&store)?;
            let mut out = std::io::stdout().lock();
            for message in 1..=count {
                store.add(&storybot::pins::NewPin {
                    guild: 1,
                    channel: 2,
                    message,
                    question: format!("question {message}"),
                    article: "a".into(),
                    paragraphs: vec![1],
                    text_hash: "h".into(),
                    pinned_by: 3,
                    pinned_by_name: "writer".into(),
                })?;
                writeln!(out, "committed {message}")
                    .and_then(|()| out.flush())
                    .map_err(Error::Output)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::About { data, json } => {
            let index = open(&data.dir(&settings), model)?;
            let about = story::about(&index);
            if json {
                outln!("{}", serde_json::to_string_pretty(&about)?);
            } else {
                out!("{}", render::about(&about));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Claims { data, json } => {
            let index = open(&data.dir(&settings), model)?;
            let claims = story::claims(&index);
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({ "claims": claims }))?
                );
            } else {
                out!("{}", render::claims(&claims));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sources { data, json } => {
            let index = open(&data.dir(&settings), model)?;
            let sources = story::sources(&index);
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({ "sources": sources }))?
                );
            } else {
                out!("{}", render::sources(&sources));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::WhoSaid {
            data,
            json,
            speaker,
        } => {
            let index = open(&data.dir(&settings), model)?;
            let speaker = speaker.join(" ");
            let said = story::said_by(&index, &speaker);
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "speaker": speaker, "passages": said })
                    )?
                );
            } else if said.is_empty() {
                outln!("No one matching \"{speaker}\" is quoted in the story. `storybot sources` lists who is.");
            } else {
                for p in &said {
                    out!("{}", render::passage_text(p));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            data,
            config: _,
            http,
        } => {
            let config = file.load_or_default()?;
            let data = data.dir(&settings);
            let service = settings.service.map_err(Error::all)?;
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(Error::Runtime)?;
            if http {
                let key = service
                    .public_key
                    .clone()
                    .ok_or(Error::MissingSetting {
                        key: "DISCORD_PUBLIC_KEY",
                        fix: "serve --http needs the application's public key (developer portal, General Information tab)",
                    })?;
                let bot = bot_setup(&data, config, model)?;
                // Pinning calls Discord's REST API, which needs the bot token even in HTTP mode.
                let bot = match settings.discord.connection() {
                    Ok(connection) => with_pins(bot, &connection, &settings.pin_store)?,
                    Err(_) => {
                        tracing::warn!("DISCORD_TOKEN is not set: answers work, pinning is off");
                        bot
                    }
                };
                let bot = std::sync::Arc::new(bot);
                runtime.block_on(ops::run::serve_http(bot, key, &service, shutdown_signal()))?;
            } else {
                let mut connection = settings.discord.connection()?;
                let bot = with_pins(
                    bot_setup(&data, config, model)?,
                    &connection,
                    &settings.pin_store,
                )?;
                connection.shards = service.shards;
                runtime.block_on(ops::run::serve_gateway(
                    std::sync::Arc::new(bot),
                    connection,
                    &service,
                    shutdown_signal(),
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Healthcheck { url, config: _ } => {
            let url = match url {
                Some(url) => url,
                // A broken config is no layer here ([`ConfigFile::layer`]): it must not make
                // a running server look unhealthy.
                None => ops::run::default_health_url(settings.service.map_err(Error::all)?.listen),
            };
            match ops::run::healthcheck(&url, std::time::Duration::from_secs(3)) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(why) => {
                    eprintln!("storybot: unhealthy: {why}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Register { data, config: _ } => {
            let connection = settings.discord.connection()?;
            let config = file.load_or_default()?;
            let bot = with_pins(
                bot_setup(&data.dir(&settings), config, model)?,
                &connection,
                &settings.pin_store,
            )?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(Error::Runtime)?;
            let n = runtime
                .block_on(gateway::register(
                    storybot::discord::commands::all(&bot.config),
                    &connection,
                ))
                .map_err(|e| Error::Register(Box::new(e)))?;
            let scope = connection
                .guild_id
                .map_or_else(|| "globally".to_string(), |g| format!("to guild {g}"));
            outln!("registered {n} commands {scope}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            speakers: true,
            verbose,
            files,
            ..
        } => eval_against_gold(&files, verbose, eval::speaker_sets, eval::score_speakers),
        Command::Eval {
            stances: true,
            verbose,
            files,
            ..
        } => eval_against_gold(&files, verbose, eval::stance_sets, eval::score_stances),
        Command::Eval {
            data,
            verbose,
            features,
            files,
            ..
        } => {
            let data = data.dir(&settings);
            let embedder = model::load(model);
            let mut features_out = match &features {
                Some(path) => Some(std::io::BufWriter::new(
                    std::fs::File::create(path).map_err(|e| Error::io("cannot create", path, e))?,
                )),
                None => None,
            };
            let mut sets: Vec<(
                String,
                StoryIndex,
                Vec<eval::Case>,
                Option<tempfile::TempDir>,
            )> = Vec::new();
            for f in &files {
                if f.is_dir() {
                    for (slug, text, qa) in eval::unseen_sets(f)? {
                        let tmp = tempfile::tempdir().map_err(|e| {
                            Error::io("cannot create a folder in", std::env::temp_dir(), e)
                        })?;
                        let articles = tmp.path().join("articles");
                        std::fs::create_dir_all(&articles)
                            .map_err(|e| Error::io("cannot create", &articles, e))?;
                        let file = articles.join(format!("{slug}.txt"));
                        std::fs::write(&file, text)
                            .map_err(|e| Error::io("cannot write", &file, e))?;
                        let index = open_with(tmp.path(), embedder.clone())?;
                        sets.push((slug, index, qa, Some(tmp)));
                    }
                } else {
                    let index = open_with(&data, embedder.clone())?;
                    let name = f
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    sets.push((name, index, eval::load_cases(f)?, None));
                }
            }
            let mut all = eval::Report::default();
            for (name, index, cases, _tmp) in &sets {
                let report = eval::run(index, cases)?;
                if let Some(out) = &mut features_out {
                    eval::write_features(out, name, index, cases)?;
                }
                if verbose {
                    for o in &report.outcomes {
                        let mark = if o.unsure {
                            "?? "
                        } else if o.top1 {
                            "ok "
                        } else if o.top3 {
                            "~3 "
                        } else {
                            "XX "
                        };
                        outln!("{mark} {name}: {:?} gold {:?} got {:?}", o.q, o.gold, o.got);
                    }
                }
                outln!("{name}: {}", report.summary());
                all.add(report);
            }
            if sets.len() > 1 {
                outln!("overall: {}", all.summary());
            }
            outln!(
                "ranking: {}",
                sets.first().map_or_else(String::new, |s| s.1.ranking())
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Model { action } => match action {
            ModelAction::Fetch => {
                let cache = model::cache_root(model);
                let dir = model::fetch_default(&cache, model)?;
                let e =
                    storybot::embed::Embedder::load(&dir).map_err(|source| Error::ModelLoad {
                        dir: dir.clone(),
                        source,
                    })?;
                outln!("model ready: {} ({})", dir.display(), e.id());
                Ok(ExitCode::SUCCESS)
            }
            ModelAction::Info => {
                let source = model::Source::from_settings(model);
                match &source {
                    model::Source::Off => {
                        outln!("model: off (STORYBOT_MODEL=lexical); ranking is lexical")
                    }
                    model::Source::Local(dir) => {
                        outln!("model: {} (STORYBOT_MODEL)", dir.display())
                    }
                    model::Source::Default { cache, fetch } => {
                        outln!(
                            "model: {} {} from PyPI, wheel sha256 {}",
                            model::PACKAGE,
                            model::VERSION,
                            model::WHEEL_SHA256
                        );
                        match model::cached(cache) {
                            Some(dir) => outln!("cache: {} (present)", dir.display()),
                            None => outln!(
                                "cache: {} (empty; {})",
                                cache.join(model::FOLDER).display(),
                                if *fetch {
                                    "fetched on first use"
                                } else {
                                    "STORYBOT_MODEL_FETCH=never"
                                }
                            ),
                        }
                    }
                }
                let dir = match source {
                    model::Source::Local(dir) => Some(dir),
                    model::Source::Default { cache, .. } => model::cached(&cache),
                    model::Source::Off => None,
                };
                if let Some(dir) = dir {
                    match storybot::embed::Embedder::load(&dir) {
                        Ok(e) => outln!("loads: yes ({}, {} dimensions)", e.id(), e.dim()),
                        Err(e) => {
                            outln!("loads: no ({e})");
                            return Ok(ExitCode::FAILURE);
                        }
                    }
                }
                Ok(ExitCode::SUCCESS)
            }
        },
    }
}

/// Opens the index for a data folder with the embedding model when there is one (see
/// [`model`]), reporting builds and rebuilds on stderr.
fn open(data: &Path, model: &storybot::settings::Model) -> Result<StoryIndex> {
    open_with(data, model::load(model))
}

/// Opens the index for a data folder and, with a model, its vectors.
fn open_with(
    data: &Path,
    embedder: Option<std::sync::Arc<storybot::embed::Embedder>>,
) -> Result<StoryIndex> {
    let index = open_lexical(data)?;
    let Some(embedder) = embedder else {
        return Ok(index);
    };
    let mut bar: Option<model::Progress> = None;
    let mut progress = |done: usize, total: usize| {
        // Small libraries embed in a moment; show progress only for real work.
        if total < 200 {
            return;
        }
        bar.get_or_insert_with(|| {
            model::Progress::new("embedding paragraphs and sentences", Some(total as u64))
        })
        .set(done as u64);
    };
    let path = storybot::index::vectors::Vectors::path_for(data);
    let (index, outcome) = index
        .with_embedder(embedder, Some(data), &mut progress)
        .map_err(Error::Embed)?;
    if let Some(bar) = &bar {
        bar.finish();
    }
    match outcome {
        VectorOutcome::Current => {}
        VectorOutcome::Built => tracing::info!(path = %path.display(), "embedded the articles"),
        VectorOutcome::Rebuilt(why) => eprintln!(
            "storybot: the vectors at {} were damaged ({why}); rebuilt them",
            path.display()
        ),
        VectorOutcome::Unsaved(why) => tracing::warn!(
            "embedded the articles but cannot save the vectors ({why}); they will be rebuilt next start"
        ),
    }
    Ok(index)
}

/// Opens the index for a data folder, reporting a build or rebuild on stderr.
fn open_lexical(data: &Path) -> Result<StoryIndex> {
    let (index, outcome) = StoryIndex::open(data).map_err(|source| Error::OpenStory {
        path: data.to_path_buf(),
        source,
    })?;
    let dir = StoryIndex::dir_for(data);
    match outcome {
        OpenOutcome::Current => {}
        OpenOutcome::Built => eprintln!(
            "storybot: built the index at {} ({} paragraphs)",
            dir.display(),
            index.info.paragraphs
        ),
        OpenOutcome::Stale => eprintln!(
            "storybot: the articles changed; rebuilt the index at {}",
            dir.display()
        ),
        OpenOutcome::Corrupt(why) => eprintln!(
            "storybot: the index at {} was unreadable ({why}), so it was rebuilt",
            dir.display()
        ),
    }
    Ok(index)
}
