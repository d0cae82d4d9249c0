//! One function from interaction to response: slash commands, autocomplete and button clicks
//! all come here, and the returned response value is sent by the caller — the gateway posts
//! it to Discord, the HTTP endpoint returns it as the body. Nothing here does I/O.

use super::buttons::Button;
use super::card::{self, View, QUESTION_MARK};
use super::{autocomplete, Bot};
use crate::{answer, AskOptions};
use serenity::all::{
    CommandInteraction, ComponentInteraction, CreateAutocompleteResponse,
    CreateInteractionResponse, Interaction, ResolvedValue,
};
use std::time::{Duration, Instant};

static MENTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b").expect("mention pattern compiles")
});

/// The question without Discord mentions (`<@123>`, `@everyone`), which are not about the story.
fn without_mentions(question: &str) -> String {
    MENTION
        .replace_all(question, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const EXPIRED: &str = "That button has expired or isn't one of mine. Ask again with /ask.";

impl Bot {
    /// The response to an interaction, or `None` for kinds storybot does not answer.
    pub fn handle(&self, interaction: &Interaction) -> Option<CreateInteractionResponse> {
        match interaction {
            Interaction::Ping(_) => Some(CreateInteractionResponse::Pong),
            Interaction::Command(c) => Some(CreateInteractionResponse::Message(self.command(c))),
            Interaction::Autocomplete(c) => Some(self.autocomplete(c)),
            Interaction::Component(c) => {
                Some(CreateInteractionResponse::Message(self.component(c)))
            }
            _ => None,
        }
    }

    fn command(&self, c: &CommandInteraction) -> serenity::all::CreateInteractionResponseMessage {
        let options = c.data.options();
        let private = options
            .iter()
            .any(|o| o.name == "private" && matches!(o.value, ResolvedValue::Boolean(true)));
        let name = c.data.name.as_str();
        if name == "help" {
            return self.help();
        }
        let (question, opts) = if name == "ask" {
            let question = options.iter().find_map(|o| match o.value {
                ResolvedValue::String(s) if o.name == "question" => Some(s.to_string()),
                _ => None,
            });
            match question
                .map(|q| without_mentions(&q))
                .filter(|q| !q.trim().is_empty())
            {
                Some(q) => (
                    q,
                    AskOptions {
                        limit: self.per_page(),
                        ..AskOptions::default()
                    },
                ),
                None => {
                    return card::notice("Please type a question, e.g. /ask Who denied the report?")
                }
            }
        } else if let Ok(topic) = self.config.command(name) {
            (topic.question.clone(), topic.options(self.per_page()))
        } else {
            return card::notice(&format!(
                "I don't know the command /{name}: it may have been removed. Try /help."
            ));
        };
        if let Err(wait) = self.cooldown(c.user.id.get()) {
            return card::notice(&format!(
                "Slow down a little: you can ask again in {} s.",
                wait.as_secs().max(1)
            ));
        }
        let answer = answer(&question, &self.index, &opts);
        card::answer_card(
            &question,
            &answer,
            &self.index,
            View {
                private,
                page: 0,
                per_page: opts.limit,
            },
        )
    }

    fn autocomplete(&self, c: &CommandInteraction) -> CreateInteractionResponse {
        let typed = c.data.autocomplete().map(|o| o.value).unwrap_or_default();
        let choices = autocomplete::suggest(&self.suggestions, typed);
        let mut response = CreateAutocompleteResponse::new();
        for choice in choices {
            response = response.add_string_choice(choice.clone(), choice);
        }
        CreateInteractionResponse::Autocomplete(response)
    }

    fn component(
        &self,
        c: &ComponentInteraction,
    ) -> serenity::all::CreateInteractionResponseMessage {
        let Some(button) = Button::parse(&c.data.custom_id) else {
            return card::notice(EXPIRED);
        };
        let question = c
            .message
            .embeds
            .first()
            .and_then(|e| e.author.as_ref())
            .and_then(|a| a.name.strip_prefix(QUESTION_MARK))
            .map(|q| q.replace("@\u{200B}", "@"));
        match button {
            Button::Context { article, paragraph } => {
                card::context_card(&self.index, &article, paragraph).unwrap_or_else(|| {
                    card::notice("That passage is no longer in the story. Ask again with /ask.")
                })
            }
            Button::More { page } | Button::Public { page } => {
                let Some(question) =
                    question.filter(|q| !q.trim().is_empty() && !q.ends_with('\u{2026}'))
                else {
                    return card::notice(EXPIRED);
                };
                if let Err(wait) = self.cooldown(c.user.id.get()) {
                    return card::notice(&format!(
                        "Slow down a little: try again in {} s.",
                        wait.as_secs().max(1)
                    ));
                }
                let per_page = self.per_page();
                let opts = AskOptions {
                    limit: per_page * (page + 1),
                    ..AskOptions::default()
                };
                let answer = answer(&question, &self.index, &opts);
                let private = matches!(button, Button::More { .. });
                card::answer_card(
                    &question,
                    &answer,
                    &self.index,
                    View {
                        private,
                        page,
                        per_page,
                    },
                )
            }
        }
    }

    fn help(&self) -> serenity::all::CreateInteractionResponseMessage {
        let mut text = String::from(
            "**storybot** answers questions about the story with the article's own words, numbered (\u{00B6}) and attributed.\n\n\
             `/ask question:` anything, in your own words. Add `private: True` to see the answer alone.\n",
        );
        for c in &self.config.commands {
            text.push_str(&format!("`/{}`: {}\n", c.name, c.description));
        }
        text.push_str("\nButtons under an answer: **More answers**, **Context** (the paragraphs around it), **Show publicly**.");
        serenity::all::CreateInteractionResponseMessage::new()
            .allowed_mentions(serenity::all::CreateAllowedMentions::new())
            .content(super::text::clip(&text, card::limits::CONTENT))
            .ephemeral(true)
    }

    fn per_page(&self) -> usize {
        self.config.answer.limit
    }

    /// `Err(time left)` when the member asked within the cooldown window.
    fn cooldown(&self, user: u64) -> Result<(), Duration> {
        let window = Duration::from_secs(self.config.discord.cooldown_seconds);
        if window.is_zero() {
            return Ok(());
        }
        let now = Instant::now();
        let mut last = self.cooldowns.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = last.get(&user) {
            let since = now.duration_since(*at);
            if since < window {
                return Err(window - since);
            }
        }
        if last.len() > 10_000 {
            last.retain(|_, at| now.duration_since(*at) < window);
        }
        last.insert(user, now);
        Ok(())
    }
}
