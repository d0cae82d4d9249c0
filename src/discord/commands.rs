//! The slash commands storybot registers: `/ask`, `/help`, and one command per topic in
//! `config/storybot.toml`. Descriptions are written for members.

use crate::config::{Builtin, Config};
use serenity::all::{
    CommandData, CommandOptionType, CreateCommand, CreateCommandOption, ResolvedValue,
};

/// Longest question `/ask` accepts.
pub const MAX_QUESTION: u16 = 300;

/// Every option a command takes, declared once: [`Opt::registration`] registers it and
/// [`Invocation::parse`] reads it by the same name and type, so the two cannot drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opt {
    /// `question:` of `/ask` (text, required, autocompleted).
    Question,
    /// `speaker:` of `/who-said` (text, required, autocompleted).
    Speaker,
    /// `private:` (true/false): only the member sees the answer.
    Private,
}

impl Opt {
    /// Every option.
    pub const ALL: [Opt; 3] = [Opt::Question, Opt::Speaker, Opt::Private];

    /// The option's name in Discord.
    pub const fn name(self) -> &'static str {
        match self {
            Opt::Question => "question",
            Opt::Speaker => "speaker",
            Opt::Private => "private",
        }
    }

    /// The option called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Opt> {
        Opt::ALL.into_iter().find(|o| o.name() == name)
    }

    /// The option's registration.
    pub fn registration(self) -> CreateCommandOption {
        match self {
            Opt::Question => CreateCommandOption::new(
                CommandOptionType::String,
                self.name(),
                "Your question, in your own words",
            )
            .required(true)
            .set_autocomplete(true)
            .max_length(MAX_QUESTION),
            Opt::Speaker => CreateCommandOption::new(
                CommandOptionType::String,
                self.name(),
                "Who (start typing a name)",
            )
            .required(true)
            .set_autocomplete(true)
            .max_length(100),
            Opt::Private => CreateCommandOption::new(
                CommandOptionType::Boolean,
                self.name(),
                "Only you see the answer",
            ),
        }
    }
}

/// The options a built-in command takes (`None`: a topic command), in registration order:
/// the one table registration and parsing both read.
pub const fn options(command: Option<Builtin>) -> &'static [Opt] {
    match command {
        Some(Builtin::Ask) => &[Opt::Question, Opt::Private],
        Some(Builtin::WhoSaid) => &[Opt::Speaker],
        Some(
            Builtin::Help | Builtin::Claims | Builtin::Sources | Builtin::About | Builtin::Pins,
        ) => &[],
        None => &[Opt::Private],
    }
}

/// A slash command as invoked, its options read by the same table that registered them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// `/ask`; the question is empty when the member typed none.
    Ask { question: String, private: bool },
    /// `/help`.
    Help,
    /// `/claims`.
    Claims,
    /// `/sources`.
    Sources,
    /// `/who-said`; the speaker is empty when the member typed none.
    WhoSaid { speaker: String },
    /// `/about`.
    About,
    /// `/pins`.
    Pins,
    /// A topic command from the configuration (or one no longer in it).
    Topic { name: String, private: bool },
}

impl Invocation {
    /// The invocation in `data`: the command by name, each of its declared options by name
    /// and type; options it does not declare are ignored.
    pub fn parse(data: &CommandData) -> Invocation {
        let builtin = Builtin::from_name(&data.name);
        let declared = options(builtin);
        let text = |want: Opt| {
            text_of(data, declared, want)
                .unwrap_or_default()
                .to_string()
        };
        let question = text(Opt::Question);
        let speaker = text(Opt::Speaker);
        let private = declared.contains(&Opt::Private)
            && data.options().iter().any(|o| {
                Opt::from_name(o.name) == Some(Opt::Private)
                    && matches!(o.value, ResolvedValue::Boolean(true))
            });
        match builtin {
            Some(Builtin::Ask) => Invocation::Ask { question, private },
            Some(Builtin::Help) => Invocation::Help,
            Some(Builtin::Claims) => Invocation::Claims,
            Some(Builtin::Sources) => Invocation::Sources,
            Some(Builtin::WhoSaid) => Invocation::WhoSaid { speaker },
            Some(Builtin::About) => Invocation::About,
            Some(Builtin::Pins) => Invocation::Pins,
            None => Invocation::Topic {
                name: data.name.clone(),
                private,
            },
        }
    }
}

/// The text value of option `want`, when the command declares it and the member gave it.
fn text_of<'a>(data: &'a CommandData, declared: &[Opt], want: Opt) -> Option<&'a str> {
    if !declared.contains(&want) {
        return None;
    }
    data.options().into_iter().find_map(|o| match o.value {
        ResolvedValue::String(s) if Opt::from_name(o.name) == Some(want) => Some(s),
        _ => None,
    })
}

/// What a built-in command says about itself in Discord.
fn description(b: Builtin) -> &'static str {
    match b {
        Builtin::Ask => {
            "Ask anything about the story: answers quote the article and say who said it"
        }
        Builtin::Help => "How storybot works and the topics it can answer",
        Builtin::Claims => "The story's claims side by side with the responses to them",
        Builtin::Sources => "Everyone quoted in the story, anonymous sources flagged",
        Builtin::WhoSaid => "What one person or group said in the story, in order",
        Builtin::About => "What storybot knows: articles, counts, index build and version",
        Builtin::Pins => "Answers this server's moderators pinned, with jump links",
    }
}

/// The registration of one built-in command.
pub fn builtin(b: Builtin) -> CreateCommand {
    options(Some(b)).iter().fold(
        CreateCommand::new(b.name()).description(description(b)),
        |command, o| command.add_option(o.registration()),
    )
}

/// Every command, in the order members see them: the built-ins, then the topic commands.
pub fn all(config: &Config) -> Vec<CreateCommand> {
    let mut commands: Vec<CreateCommand> = Builtin::ALL.into_iter().map(builtin).collect();
    for c in &config.commands {
        commands.push(options(None).iter().fold(
            CreateCommand::new(&c.name).description(&c.description),
            |command, o| command.add_option(o.registration()),
        ));
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
