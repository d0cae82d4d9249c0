//! Topic commands: a name and description members see in Discord, and the question (plus
//! optional filters) whose answer the command gives. Checked against Discord's rules.

use crate::rank::AskOptions;
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

/// Discord's most application commands of one kind per scope.
pub const MAX_COMMANDS: usize = 100;

/// The commands storybot defines itself: the one list that registration
/// (`discord::commands::all`), dispatch (`Bot::handle`) and config validation (topic commands
/// may not shadow them) all read. Matches on it are exhaustive, so a new built-in cannot be
/// handled without being registered, or registered without being handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `/ask question:<text>`.
    Ask,
    /// `/help`.
    Help,
    /// `/claims`.
    Claims,
    /// `/sources`.
    Sources,
    /// `/who-said speaker:<name>`.
    WhoSaid,
    /// `/about`.
    About,
    /// `/pins`.
    Pins,
}

impl Builtin {
    /// Every built-in command, in the order members see them.
    pub const ALL: [Builtin; 7] = [
        Builtin::Ask,
        Builtin::Help,
        Builtin::Claims,
        Builtin::Sources,
        Builtin::WhoSaid,
        Builtin::About,
        Builtin::Pins,
    ];

    /// The slash-command name.
    pub const fn name(self) -> &'static str {
        match self {
            Builtin::Ask => "ask",
            Builtin::Help => "help",
            Builtin::Claims => "claims",
            Builtin::Sources => "sources",
            Builtin::WhoSaid => "who-said",
            Builtin::About => "about",
            Builtin::Pins => "pins",
        }
    }

    /// The built-in command called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }
}

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
    /// Every rule of Discord's the command breaks: the field and the fix for each.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if !NAME.is_match(&self.name) {
            problems.push((
                "name",
                format!(
                    "`{}` is not a valid Discord command name: use 1 to 32 letters, digits, `-`, `_` or `'`, no spaces",
                    self.name
                ),
            ));
        } else if self.name != self.name.to_lowercase() {
            problems.push((
                "name",
                format!(
                    "`{}` has capitals: Discord needs lowercase names, use `{}`",
                    self.name,
                    self.name.to_lowercase()
                ),
            ));
        } else if Builtin::from_name(&self.name).is_some() {
            problems.push((
                "name",
                format!("`{}` is a built-in command: choose another name", self.name),
            ));
        }
        let len = self.description.chars().count();
        if !(1..=100).contains(&len) {
            problems.push((
                "description",
                format!("is {len} characters: Discord needs 1 to 100"),
            ));
        }
        if self.question.trim().is_empty() {
            problems.push((
                "question",
                "is empty: write the question the command answers".into(),
            ));
        } else if self.question.chars().count() > 300 {
            problems.push(("question", "is over 300 characters: shorten it".into()));
        }
        if let Some(limit) = self.limit {
            if !(1..=10).contains(&limit) {
                problems.push(("limit", format!("is {limit}: use a number from 1 to 10")));
            }
        }
        problems
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
