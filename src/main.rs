//! The `storybot` command: `ask` (the default job, no Discord token needed), `passages`,
//! `index`, `check-config` and `eval`. Errors print as `storybot: {}` and exit non-zero.

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;
use storybot::settings::{Env, Settings};

/// mimalloc instead of the system allocator: each of the model's operations allocates its
/// output afresh, and glibc serves large blocks by `mmap`, so every operation on long texts
/// paid for page faults and zeroed pages (a fifth of a batch's time under `perf`). Figures in
/// `docs/BENCHMARKS.md`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Before any thread starts: the model's thread count, read once (see the function's doc).
    storybot::embed::settle_thread_count();
    dotenvy::dotenv().ok();
    // Every setting, read once: the environment's snapshot over the config file's `[server]`
    // section over the defaults (see `storybot::settings`).
    let env = Env::capture();
    let cli = cli::parse();
    let file = cli::ConfigFile::for_command(&cli, &env);
    let settings = Settings::load(&env, file.layer());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            settings
                .log_filter
                .as_deref()
                .and_then(|f| tracing_subscriber::EnvFilter::try_new(f).ok())
                .unwrap_or_else(|| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        // Colours only on a terminal: log files and `docker logs` get plain text.
        .with_ansi(std::io::stderr().is_terminal());
    // LOG_FORMAT=json for containers: one JSON object per line. Other values are reported by
    // `storybot check-config` and `serve`.
    if settings.log_json {
        logs.json().init();
    } else {
        logs.init();
    }
    match cli::run(cli, file, settings) {
        Ok(code) => code,
        // The reader went away (`storybot passages | head`): nothing left to say.
        Err(err) if err.is_closed_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("storybot: {err}");
            ExitCode::FAILURE
        }
    }
}
