//! storybot's integration tests: one binary, modules by subject, shared helpers in `util`.

mod attribution;
mod cli;
mod container;
mod discord;
mod discord_fake;
mod disputes;
mod http;
mod index;
mod layers;
mod model;
mod ops;
mod pins;
mod ranking;
mod semantic;
mod util;
