//! Counters for `/metrics`, in Prometheus' text exposition format (version 0.0.4), kept and
//! encoded with `prometheus-client`: interactions by command and outcome, an answer-latency
//! histogram, the story's size and the gateway's state. [`Metrics::around`] wraps the transports' handler function from outside:
//! the transports and the bot know nothing of metrics.

use crate::interaction::{handler, Handler};
use prometheus_client::encoding::prometheus_text::encode;
pub use prometheus_client::encoding::prometheus_text::CONTENT_TYPE;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::Registry;
use serenity::all::{CreateInteractionResponse, Interaction};
use std::sync::atomic::AtomicI64;
use std::sync::Arc;
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

/// The labels of `storybot_interactions_total`.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct InteractionLabels {
    command: String,
    outcome: &'static str,
}

/// The label of `storybot_http_refused_total`.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RefusedLabels {
    status: u16,
}

/// Everything `/metrics` reports, kept in prometheus-client's metric types. Shared through an
/// `Arc` by the gateway and the HTTP server.
#[derive(Debug)]
pub struct Metrics {
    interactions: Family<InteractionLabels, Counter>,
    refused: Family<RefusedLabels, Counter>,
    latency: Histogram,
    articles: Gauge,
    paragraphs: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new(0, 0)
    }
}

impl Metrics {
    /// Empty metrics for a story of `articles` articles and `paragraphs` paragraphs.
    pub fn new(articles: usize, paragraphs: usize) -> Metrics {
        let m = Metrics {
            interactions: Family::default(),
            refused: Family::default(),
            latency: Histogram::new(LATENCY_BUCKETS),
            articles: Gauge::default(),
            paragraphs: Gauge::default(),
        };
        m.articles.set(i64::try_from(articles).unwrap_or(i64::MAX));
        m.paragraphs
            .set(i64::try_from(paragraphs).unwrap_or(i64::MAX));
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
        self.interactions
            .get_or_create(&InteractionLabels {
                command,
                outcome: outcome.label(),
            })
            .inc();
    }

    /// Counts one HTTP request refused with `status` (401, 408, 413, 415, 400).
    pub fn refused(&self, status: u16) {
        self.refused.get_or_create(&RefusedLabels { status }).inc();
    }

    /// Adds one answer's latency to the histogram.
    pub fn observe_latency(&self, took: Duration) {
        self.latency.observe(took.as_secs_f64());
    }

    /// The Prometheus text exposition ([`CONTENT_TYPE`]); `gateway` is the gateway's state in
    /// gateway mode, `None` in HTTP mode.
    pub fn render(&self, ready: bool, gateway: Option<bool>) -> String {
        let mut registry = Registry::default();
        registry.register(
            "storybot",
            "The running version and story",
            Info::new([("version", env!("CARGO_PKG_VERSION"))]),
        );
        registry.register(
            "storybot_articles",
            "Articles in the index",
            self.articles.clone(),
        );
        registry.register(
            "storybot_paragraphs",
            "Paragraphs in the index",
            self.paragraphs.clone(),
        );
        registry.register(
            "storybot_ready",
            "1 when /readyz answers 200",
            Gauge::<i64, AtomicI64>::default().tap(i64::from(ready)),
        );
        if let Some(connected) = gateway {
            registry.register(
                "storybot_gateway_connected",
                "1 while a gateway shard is connected and the commands are registered",
                Gauge::<i64, AtomicI64>::default().tap(i64::from(connected)),
            );
        }
        registry.register(
            "storybot_interactions",
            "Interactions handled, by command and outcome",
            self.interactions.clone(),
        );
        registry.register(
            "storybot_http_refused",
            "HTTP interactions requests refused, by status",
            self.refused.clone(),
        );
        registry.register(
            "storybot_answer_seconds",
            "Time to build a response (PING excluded)",
            self.latency.clone(),
        );
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &registry);
        out
    }
}

/// A gauge set to a value, in one expression.
trait Tap {
    fn tap(self, value: i64) -> Self;
}

impl Tap for Gauge<i64, AtomicI64> {
    fn tap(self, value: i64) -> Self {
        self.set(value);
        self
    }
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
