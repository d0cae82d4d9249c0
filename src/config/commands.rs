//! Topic commands: a name and description members see in Discord, and the question (plus
//! optional filters) whose answer the command gives. Checked against Discord's rules.

use crate::rank::AskOptions;
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

/// Discord's most application commands of one kind per scope.
pub const MAX_COMMANDS: usize = 100;

/// Commands storybot defines itself, which topic commands may not shadow.
pub const BUILTIN_COMMANDS: &[&str] = &[
    "ask", "help", "pins", "claims", "sources", "who-said", "about",
];

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$")
        .expect("command name pattern compiles")
});

/// A command that answers one fixed question.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TopicCommand {
    /// The slash-command name (`who-denied`).
    pub name: String,
    /// What members see under the name in Discord.
    pub description: String,
    /// The question whose answer the command gives.
    pub question: String,
    /// Only passages whose speaker contains this.
    pub speaker: Option<String>,
    /// Only passages of this article (slug).
    pub article: Option<String>,
    /// Passages to show.
    pub limit: Option<usize>,
}

impl TopicCommand {
    /// Checks the command against Discord's rules; on failure, the field and the fix.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if !NAME.is_match(&self.name) {
            return Err((
                "name",
                format!(
                    "`{}` is not a valid Discord command name: use 1 to 32 letters, digits, `-` or `_`, no spaces",
                    self.name
                ),
            ));
        }
        if self.name != self.name.to_lowercase() {
            return Err((
                "name",
                format!(
                    "`{}` has capitals: Discord needs lowercase names, use `{}`",
                    self.name,
                    self.name.to_lowercase()
                ),
            ));
        }
        if BUILTIN_COMMANDS.contains(&self.name.as_str()) {
            return Err((
                "name",
                format!("`{}` is a built-in command: choose another name", self.name),
            ));
        }
        let len = self.description.chars().count();
        if !(1..=100).contains(&len) {
            return Err((
                "description",
                format!("is {len} characters: Discord needs 1 to 100"),
            ));
        }
        if self.question.trim().is_empty() {
            return Err((
                "question",
                "is empty: write the question the command answers".into(),
            ));
        }
        if self.question.chars().count() > 300 {
            return Err(("question", "is over 300 characters: shorten it".into()));
        }
        if let Some(limit) = self.limit {
            if !(1..=10).contains(&limit) {
                return Err(("limit", format!("is {limit}: use a number from 1 to 10")));
            }
        }
        Ok(())
    }

    /// The answer options this command asks with.
    pub fn options(&self, default_limit: usize) -> AskOptions {
        AskOptions {
            limit: self.limit.unwrap_or(default_limit),
            speaker: self.speaker.clone(),
            article: self.article.clone(),
        }
    }
}
