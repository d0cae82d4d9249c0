//! The `storybot` command: `ask` (the default job, no Discord token needed), `passages`,
//! `index`, `check-config` and `eval`. Errors print as `storybot: {}` and exit non-zero.

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    dotenvy::dotenv().ok();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        // Colours only on a terminal: log files and `docker logs` get plain text.
        .with_ansi(std::io::stderr().is_terminal());
    // LOG_FORMAT=json for containers: one JSON object per line. Other values are reported by
    // `storybot check-config` and `serve`.
    if std::env::var("LOG_FORMAT").is_ok_and(|v| v.trim() == "json") {
        logs.json().init();
    } else {
        logs.init();
    }
    match cli::run() {
        Ok(code) => code,
        // The reader went away (`storybot passages | head`): nothing left to say.
        Err(err) if err.is_closed_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("storybot: {err}");
            ExitCode::FAILURE
        }
    }
}
