//! The slash commands storybot registers: `/ask`, `/help`, and one command per topic in
//! `config/storybot.toml`. Descriptions are written for members.

use crate::config::Config;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

/// Longest question `/ask` accepts.
pub const MAX_QUESTION: u16 = 300;

fn private_option() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::Boolean,
        "private",
        "Only you see the answer",
    )
}

/// Every command, in the order members see them.
pub fn all(config: &Config) -> Vec<CreateCommand> {
    let mut commands = vec![
        CreateCommand::new("ask")
            .description(
                "Ask anything about the story: answers quote the article and say who said it",
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "question",
                    "Your question, in your own words",
                )
                .required(true)
                .set_autocomplete(true)
                .max_length(MAX_QUESTION),
            )
            .add_option(private_option()),
        CreateCommand::new("help").description("How storybot works and the topics it can answer"),
        CreateCommand::new("claims")
            .description("The story's claims side by side with the responses to them"),
        CreateCommand::new("sources")
            .description("Everyone quoted in the story, anonymous sources flagged"),
        CreateCommand::new("who-said")
            .description("What one person or group said in the story, in order")
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "speaker",
                    "Who (start typing a name)",
                )
                .required(true)
                .set_autocomplete(true)
                .max_length(100),
            ),
        CreateCommand::new("about")
            .description("What storybot knows: articles, counts, index build and version"),
    ];
    for c in &config.commands {
        commands.push(
            CreateCommand::new(&c.name)
                .description(&c.description)
                .add_option(private_option()),
        );
    }
    commands
}

/// The names of every command (what `all` registers).
pub fn names(config: &Config) -> Vec<String> {
    let mut names: Vec<String> = [
        "ask", "help", "claims", "sources", "who-said", "about", "pins",
    ]
    .map(String::from)
    .to_vec();
    names.extend(config.commands.iter().map(|c| c.name.clone()));
    names
}
