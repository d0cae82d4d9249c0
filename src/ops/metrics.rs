//! Counters for `/metrics`, in Prometheus' text exposition format (version 0.0.4), kept by hand:
//! interactions by command and outcome, an answer-latency histogram, the story's size and the
//! gateway's state. [`Metrics::around`] wraps the transports' handler function from outside:
//! the transports and the bot know nothing of metrics.

use crate::interaction::{handler, Handler};
use serenity::all::{CreateInteractionResponse, Interaction};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Upper bounds (seconds) of the answer-latency histogram's buckets; `+Inf` is added.
pub const LATENCY_BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// What became of an interaction, the `outcome` label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// An answer card (embeds).
    Card,
    /// A text-only message: help, a notice, a refusal.
    Text,
    /// Autocomplete choices.
    Autocomplete,
    /// PING answered with PONG.
    Pong,
    /// Another response type.
    Other,
    /// An interaction kind storybot does not answer.
    Ignored,
    /// Refused before the handler ran (HTTP endpoint: bad signature, stale timestamp, bad body).
    Rejected,
}

impl Outcome {
    fn label(self) -> &'static str {
        match self {
            Outcome::Card => "card",
            Outcome::Text => "text",
            Outcome::Autocomplete => "autocomplete",
            Outcome::Pong => "pong",
            Outcome::Other => "other",
            Outcome::Ignored => "ignored",
            Outcome::Rejected => "rejected",
        }
    }

    /// The outcome a response stands for.
    pub fn of(response: Option<&CreateInteractionResponse>) -> Outcome {
        match response {
            None => Outcome::Ignored,
            Some(CreateInteractionResponse::Pong) => Outcome::Pong,
            Some(CreateInteractionResponse::Autocomplete(_)) => Outcome::Autocomplete,
            Some(r @ CreateInteractionResponse::Message(_)) => {
                let has_embeds = serde_json::to_value(r).ok().is_some_and(|v| {
                    v["data"]["embeds"]
                        .as_array()
                        .is_some_and(|e| !e.is_empty())
                });
                if has_embeds {
                    Outcome::Card
                } else {
                    Outcome::Text
                }
            }
            Some(_) => Outcome::Other,
        }
    }
}

/// The `command` label of an interaction: the slash command's name, `button`, or `ping`.
pub fn command_label(interaction: &Interaction) -> String {
    match interaction {
        Interaction::Ping(_) => "ping".into(),
        Interaction::Command(c) | Interaction::Autocomplete(c) => label_safe(&c.data.name),
        Interaction::Component(_) => "button".into(),
        Interaction::Modal(_) => "modal".into(),
        _ => "other".into(),
    }
}

/// Command names are Discord's `[-_a-z0-9]{1,32}`; anything else is folded, so a label never
/// needs escaping and never grows without bound.
fn label_safe(name: &str) -> String {
    if !name.is_empty()
        && name.len() <= 32
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        name.to_string()
    } else {
        "other".into()
    }
}

/// Everything `/metrics` reports. Shared through an `Arc` by the gateway and the HTTP server.
#[derive(Debug, Default)]
pub struct Metrics {
    interactions: Mutex<BTreeMap<(String, Outcome), u64>>,
    refused: Mutex<BTreeMap<u16, u64>>,
    buckets: [AtomicU64; LATENCY_BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_nanos: AtomicU64,
    articles: AtomicU64,
    paragraphs: AtomicU64,
}

impl Metrics {
    /// Empty metrics for a story of `articles` articles and `paragraphs` paragraphs.
    pub fn new(articles: usize, paragraphs: usize) -> Metrics {
        let m = Metrics::default();
        m.articles.store(articles as u64, Ordering::Relaxed);
        m.paragraphs.store(paragraphs as u64, Ordering::Relaxed);
        m
    }

    /// `inner`, counting each interaction by command and outcome and timing its answer.
    pub fn around(self: &Arc<Self>, inner: Handler) -> Handler {
        let metrics = self.clone();
        handler(move |interaction: Interaction| {
            let metrics = metrics.clone();
            let inner = inner.clone();
            async move {
                let command = command_label(&interaction);
                let started = Instant::now();
                let response = inner(interaction).await;
                let took = started.elapsed();
                let outcome = Outcome::of(response.as_ref());
                if !matches!(outcome, Outcome::Pong | Outcome::Ignored) {
                    metrics.observe_latency(took);
                }
                metrics.count(command, outcome);
                response
            }
        })
    }

    /// Counts one interaction.
    pub fn count(&self, command: String, outcome: Outcome) {
        let mut map = self.interactions.lock().unwrap_or_else(|p| p.into_inner());
        *map.entry((command, outcome)).or_default() += 1;
    }

    /// Counts one HTTP request refused with `status` (401, 408, 413, 415, 400).
    pub fn refused(&self, status: u16) {
        let mut map = self.refused.lock().unwrap_or_else(|p| p.into_inner());
        *map.entry(status).or_default() += 1;
    }

    /// Adds one answer's latency to the histogram.
    pub fn observe_latency(&self, took: Duration) {
        let secs = took.as_secs_f64();
        for (bound, bucket) in LATENCY_BUCKETS.iter().zip(&self.buckets) {
            if secs <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
        self.latency_sum_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// The text exposition (`Content-Type: text/plain; version=0.0.4`); `gateway` is the
    /// gateway's state in gateway mode, `None` in HTTP mode.
    pub fn render(&self, ready: bool, gateway: Option<bool>) -> String {
        let mut out = String::new();
        let w = &mut out;
        let _ = writeln!(w, "# HELP storybot_info The running version and story.");
        let _ = writeln!(w, "# TYPE storybot_info gauge");
        let _ = writeln!(
            w,
            "storybot_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        gauge(
            w,
            "storybot_articles",
            "Articles in the index.",
            self.articles.load(Ordering::Relaxed),
        );
        gauge(
            w,
            "storybot_paragraphs",
            "Paragraphs in the index.",
            self.paragraphs.load(Ordering::Relaxed),
        );
        gauge(
            w,
            "storybot_ready",
            "1 when /readyz answers 200.",
            u64::from(ready),
        );
        if let Some(connected) = gateway {
            gauge(
                w,
                "storybot_gateway_connected",
                "1 while a gateway shard is connected and the commands are registered.",
                u64::from(connected),
            );
        }
        let _ = writeln!(
            w,
            "# HELP storybot_interactions_total Interactions handled, by command and outcome."
        );
        let _ = writeln!(w, "# TYPE storybot_interactions_total counter");
        let map = self.interactions.lock().unwrap_or_else(|p| p.into_inner());
        for ((command, outcome), n) in map.iter() {
            let _ = writeln!(
                w,
                "storybot_interactions_total{{command=\"{command}\",outcome=\"{}\"}} {n}",
                outcome.label()
            );
        }
        drop(map);
        let _ = writeln!(
            w,
            "# HELP storybot_http_refused_total HTTP interactions requests refused, by status."
        );
        let _ = writeln!(w, "# TYPE storybot_http_refused_total counter");
        let refused = self.refused.lock().unwrap_or_else(|p| p.into_inner());
        for (status, n) in refused.iter() {
            let _ = writeln!(w, "storybot_http_refused_total{{status=\"{status}\"}} {n}");
        }
        drop(refused);
        let _ = writeln!(
            w,
            "# HELP storybot_answer_seconds Time to build a response (PING excluded)."
        );
        let _ = writeln!(w, "# TYPE storybot_answer_seconds histogram");
        for (bound, bucket) in LATENCY_BUCKETS.iter().zip(&self.buckets) {
            let _ = writeln!(
                w,
                "storybot_answer_seconds_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        let _ = writeln!(w, "storybot_answer_seconds_bucket{{le=\"+Inf\"}} {count}");
        let sum = self.latency_sum_nanos.load(Ordering::Relaxed) as f64 / 1e9;
        let _ = writeln!(w, "storybot_answer_seconds_sum {sum}");
        let _ = writeln!(w, "storybot_answer_seconds_count {count}");
        out
    }
}

fn gauge(w: &mut String, name: &str, help: &str, value: u64) {
    let _ = writeln!(w, "# HELP {name} {help}");
    let _ = writeln!(w, "# TYPE {name} gauge");
    let _ = writeln!(w, "{name} {value}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::new(2, 40);
        m.observe_latency(Duration::from_micros(700));
        m.observe_latency(Duration::from_millis(30));
        m.observe_latency(Duration::from_secs(5));
        let text = m.render(true, None);
        assert!(text.contains("storybot_answer_seconds_bucket{le=\"0.0005\"} 0\n"));
        assert!(text.contains("storybot_answer_seconds_bucket{le=\"0.001\"} 1\n"));
        assert!(text.contains("storybot_answer_seconds_bucket{le=\"0.05\"} 2\n"));
        assert!(text.contains("storybot_answer_seconds_bucket{le=\"2.5\"} 2\n"));
        assert!(text.contains("storybot_answer_seconds_bucket{le=\"+Inf\"} 3\n"));
        assert!(text.contains("storybot_answer_seconds_count 3\n"));
        assert!(text.contains("storybot_articles 2\n"));
        assert!(text.contains("storybot_paragraphs 40\n"));
        assert!(!text.contains("gateway"), "no gateway line in HTTP mode");
    }

    #[test]
    fn counts_by_command_and_outcome() {
        let m = Metrics::new(1, 1);
        m.count("ask".into(), Outcome::Card);
        m.count("ask".into(), Outcome::Card);
        m.count("help".into(), Outcome::Text);
        let text = m.render(false, Some(true));
        assert!(text.contains("storybot_interactions_total{command=\"ask\",outcome=\"card\"} 2\n"));
        assert!(text.contains("storybot_interactions_total{command=\"help\",outcome=\"text\"} 1\n"));
        assert!(text.contains("storybot_gateway_connected 1\n"));
        assert!(text.contains("storybot_ready 0\n"));
    }

    #[test]
    fn odd_command_names_are_folded() {
        assert_eq!(label_safe("who-denied"), "who-denied");
        assert_eq!(label_safe("x\"}\n"), "other");
        assert_eq!(label_safe(&"a".repeat(40)), "other");
    }
}
