//! One function from interaction to response: slash commands, autocomplete and button clicks
//! all come here, and the returned response value is sent by the caller — the gateway posts
//! it to Discord, the HTTP endpoint returns it as the body. Nothing here does I/O.

use super::buttons::{Button, QuestionRef};
use super::card::{self, View};
use super::commands::{Invocation, Opt};
use super::story_cards;
use super::{autocomplete, Bot};
use crate::{answer, AskOptions};
use serenity::all::{
    CommandInteraction, ComponentInteraction, CreateAutocompleteResponse,
    CreateInteractionResponse, Interaction,
};

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

/// The private reply when the story could not be searched (the error is logged): never
/// "the article doesn't say", which would be a wrong answer.
const SEARCH_FAILED: &str =
    "Something went wrong while searching the story. Please try again in a moment.";

/// `answer`, or `None` with the error logged (the caller replies [`SEARCH_FAILED`]).
fn answer_logged(
    question: &str,
    index: &crate::StoryIndex,
    opts: &AskOptions,
) -> Option<crate::Answer> {
    answer(question, index, opts)
        .map_err(|err| tracing::error!(%err, "could not answer a question"))
        .ok()
}

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
        let (question, opts, private) = match Invocation::parse(&c.data) {
            Invocation::Help => return self.help(),
            Invocation::Claims => {
                return story_cards::claims_card(&crate::story::claims(&self.index), &self.index)
            }
            Invocation::Sources => {
                return story_cards::sources_card(&crate::story::sources(&self.index))
            }
            Invocation::About => return story_cards::about_card(&crate::story::about(&self.index)),
            Invocation::Pins => return self.pins_page(c.guild_id, 0),
            Invocation::WhoSaid { speaker } => {
                return story_cards::who_said_card(
                    &speaker,
                    &crate::story::said_by(&self.index, &speaker),
                );
            }
            Invocation::Ask { question, private } => {
                let question = without_mentions(&question);
                if question.trim().is_empty() {
                    return card::notice(
                        "Please type a question, e.g. /ask Who denied the report?",
                    );
                }
                let opts = AskOptions {
                    limit: self.per_page(),
                    ..AskOptions::default()
                };
                (question, opts, private)
            }
            Invocation::Topic { name, private } => match self.config.command(&name) {
                Ok(topic) => (
                    topic.question.clone(),
                    topic.options(self.per_page()),
                    private,
                ),
                Err(_) => {
                    return card::notice(&format!(
                        "I don't know the command /{name}: it may have been removed. Try /help."
                    ))
                }
            },
        };
        if let Some(notice) = self.cooldown(c.user.id.get()) {
            return notice;
        }
        let per_page = opts.limit;
        let opts = AskOptions {
            limit: card::passages_for_page(0, per_page),
            ..opts
        };
        let Some(mut answer) = answer_logged(&question, &self.index, &opts) else {
            return card::notice(SEARCH_FAILED);
        };
        let pin_leads = match c.guild_id {
            Some(guild) => self.lead_with_pin(guild.get(), &question, &mut answer, opts.limit),
            None => false,
        };
        self.answer_card(
            &question,
            &answer,
            View {
                private,
                page: 0,
                per_page,
                pin_leads,
                ..View::default()
            },
        )
    }

    /// Puts the guild moderators' pinned passage first when a current pin answers the same
    /// question or endorses the same top passage. True when it did.
    fn lead_with_pin(
        &self,
        guild: u64,
        question: &str,
        answer: &mut crate::Answer,
        limit: usize,
    ) -> bool {
        let Some(store) = &self.pins else {
            return false;
        };
        let pins = match store.for_guild(guild) {
            Ok(pins) => pins,
            Err(err) => {
                tracing::error!(%err, "could not read pins; answering without them");
                return false;
            }
        };
        let top = answer
            .answers
            .first()
            .map(|p| (p.article.as_str(), p.paragraph));
        let Some(pin) = crate::pins::leading(&pins, question, top) else {
            return false;
        };
        let Some(&lead) = pin.paragraphs.first() else {
            return false;
        };
        let passage = match answer
            .answers
            .iter()
            .position(|p| p.article == pin.article && p.paragraph == lead)
        {
            Some(i) => answer.answers.remove(i),
            None => match crate::rank::passage(&self.index, &pin.article, lead) {
                Some(p) => p,
                None => return false,
            },
        };
        answer.answers.insert(0, passage);
        answer.answers.truncate(limit.max(1));
        answer.suggestion = None;
        true
    }

    fn autocomplete(&self, c: &CommandInteraction) -> CreateInteractionResponse {
        let focused = c.data.autocomplete();
        let typed = focused.as_ref().map(|o| o.value).unwrap_or_default();
        let choices = if focused
            .as_ref()
            .is_some_and(|o| Opt::from_name(o.name) == Some(Opt::Speaker))
        {
            autocomplete::speakers(&self.index, typed)
        } else {
            autocomplete::suggest(&self.suggestions, typed)
        };
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
        let question = self.question_of(&button);
        match button {
            Button::Context { article, paragraph } => {
                card::context_card(&self.index, &article, paragraph).unwrap_or_else(|| {
                    card::notice("That passage is no longer in the story. Ask again with /ask.")
                })
            }
            Button::More { page, .. } | Button::Public { page, .. } => {
                let Some(question) = question else {
                    return card::notice(EXPIRED);
                };
                if let Some(notice) = self.cooldown(c.user.id.get()) {
                    return notice;
                }
                let per_page = self.per_page();
                let opts = AskOptions {
                    limit: card::passages_for_page(page, per_page),
                    ..AskOptions::default()
                };
                let Some(answer) = answer_logged(&question, &self.index, &opts) else {
                    return card::notice(SEARCH_FAILED);
                };
                let private = matches!(button, Button::More { .. });
                self.answer_card(
                    &question,
                    &answer,
                    View {
                        private,
                        page,
                        per_page,
                        ..View::default()
                    },
                )
            }
            Button::Pins { page } => self.pins_page(c.guild_id, page),
            // Pinning needs Discord's pin call; `respond` handles it before `handle`.
            Button::Pin { .. } | Button::Unpin { .. } => card::notice(EXPIRED),
        }
    }

    /// A page of the guild's pins for `/pins` and its Previous/Next buttons.
    fn pins_page(
        &self,
        guild: Option<serenity::all::GuildId>,
        page: usize,
    ) -> serenity::all::CreateInteractionResponseMessage {
        match (&self.pins, guild) {
            (Some(store), Some(guild)) => match store.for_guild(guild.get()) {
                Ok(pins) => story_cards::pins_card(&pins, page, &self.index),
                Err(err) => {
                    tracing::error!(%err, "could not read pins");
                    card::notice("I could not read the pins just now. Please try again.")
                }
            },
            (None, _) => card::notice("Pinning is not set up on this bot."),
            (_, None) => card::notice("Pins are kept per server: use /pins in a server channel."),
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
        text.push_str("`/claims`: the story's claims beside their responses. `/sources`: who is quoted. `/who-said`: one speaker's words. `/about`: what I know. `/pins`: answers this server's moderators pinned.\n");
        text.push_str("\nButtons under an answer: **More answers**, **Context** (the paragraphs around it), **Show publicly**.");
        serenity::all::CreateInteractionResponseMessage::new()
            .allowed_mentions(serenity::all::CreateAllowedMentions::new())
            .content(super::text::clip(&text, card::limits::CONTENT))
            .ephemeral(true)
    }

    /// The answer card, its question kept for buttons whose ids cannot hold it.
    pub(super) fn answer_card(
        &self,
        question: &str,
        answer: &crate::Answer,
        view: View,
    ) -> serenity::all::CreateInteractionResponseMessage {
        self.asked.remember(question);
        card::answer_card(question, answer, view)
    }

    /// The question a button answers again: from its id, or from the question cache by the
    /// key in its id; `None` when it has none or the cache has forgotten it.
    pub(super) fn question_of(&self, button: &Button) -> Option<String> {
        match button.question()? {
            QuestionRef::Text(q) => Some(q.clone()),
            QuestionRef::Key(k) => self.asked.recall(k),
        }
    }

    fn per_page(&self) -> usize {
        self.config.answer.limit
    }

    /// A private "slow down" notice, saying when to ask again, once a member has used up
    /// their burst of questions.
    fn cooldown(&self, user: u64) -> Option<serenity::all::CreateInteractionResponseMessage> {
        let wait = self.cooldown.check(user).err()?;
        Some(card::notice(&format!(
            "Slow down a little: you can ask again in {} s.",
            super::cooldown::seconds(wait)
        )))
    }
}
