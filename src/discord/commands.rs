//! The slash commands storybot registers: `/ask`, `/help`, and one command per topic in
//! `config/storybot.toml`. Descriptions are written for members.

use crate::config::{Builtin, Config};
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

/// The registration of one built-in command.
pub fn builtin(b: Builtin) -> CreateCommand {
    let command = CreateCommand::new(b.name());
    match b {
        Builtin::Ask => command
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
        Builtin::Help => command.description("How storybot works and the topics it can answer"),
        Builtin::Claims => {
            command.description("The story's claims side by side with the responses to them")
        }
        Builtin::Sources => {
            command.description("Everyone quoted in the story, anonymous sources flagged")
        }
        Builtin::WhoSaid => command
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
        Builtin::About => {
            command.description("What storybot knows: articles, counts, index build and version")
        }
        Builtin::Pins => {
            command.description("Answers this server's moderators pinned, with jump links")
        }
    }
}

/// Every command, in the order members see them: the built-ins, then the topic commands.
pub fn all(config: &Config) -> Vec<CreateCommand> {
    let mut commands: Vec<CreateCommand> = Builtin::ALL.into_iter().map(builtin).collect();
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
    let mut names: Vec<String> = Builtin::ALL.map(|b| b.name().to_string()).to_vec();
    names.extend(config.commands.iter().map(|c| c.name.clone()));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_named_is_registered() {
        let config = Config::parse(
            std::path::Path::new("config/storybot.toml"),
            include_str!("../../config/storybot.toml"),
        )
        .expect("shipped config parses");
        let registered: Vec<String> = all(&config)
            .iter()
            .map(|c| {
                serde_json::to_value(c).expect("command serializes")["name"]
                    .as_str()
                    .expect("command has a name")
                    .to_string()
            })
            .collect();
        assert_eq!(registered, names(&config));
        for b in Builtin::ALL {
            assert!(
                registered.iter().any(|n| n == b.name()),
                "{b:?} is not registered"
            );
        }
        assert!(registered.iter().any(|n| n == "pins"), "{registered:?}");
    }
}
