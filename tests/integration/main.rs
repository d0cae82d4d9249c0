//! storybot's integration tests: one binary, modules by subject, shared helpers in `util`.

mod attribution;
mod cli;
mod ranking;
mod util;
