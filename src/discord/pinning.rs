//! The 📌 Pin and Unpin buttons: checked (a server, a public card the bot posted, a
//! moderator, an article still in the story), then Discord's pin call, then the durable
//! record, then the card updated to say who pinned it — pinging no one.

use super::buttons::Button;
use super::card::{self, View};
use super::Bot;
use crate::pins::{text_hash, NewPin};
use crate::{answer, AskOptions};
use serenity::all::{
    ComponentInteraction, CreateInteractionResponse, Interaction, MessageFlags, Permissions,
};
use tracing::{error, info};

/// Administrator, Manage Messages, or Discord's newer Pin Messages (bit 51).
fn is_moderator(permissions: Option<Permissions>) -> bool {
    let bits = permissions.map_or(0, |p| p.bits());
    bits & (1 << 3) != 0 || bits & (1 << 13) != 0 || bits & (1 << 51) != 0
}

fn display_name(c: &ComponentInteraction) -> String {
    c.member
        .as_ref()
        .and_then(|m| m.nick.clone())
        .or_else(|| c.user.global_name.clone())
        .unwrap_or_else(|| c.user.name.clone())
}

impl Bot {
    /// The response to an interaction, doing Discord calls where a click needs them (pins);
    /// everything else is [`Bot::handle`]. Front ends call this one.
    pub async fn respond(&self, interaction: &Interaction) -> Option<CreateInteractionResponse> {
        if let Interaction::Component(c) = interaction {
            if let Some(b @ (Button::Pin { .. } | Button::Unpin { .. })) =
                Button::parse(&c.data.custom_id)
            {
                return Some(self.pin_click(c, b).await);
            }
        }
        self.handle(interaction)
    }

    async fn pin_click(
        &self,
        c: &ComponentInteraction,
        button: Button,
    ) -> CreateInteractionResponse {
        let refuse = |text: &str| CreateInteractionResponse::Message(card::notice(text));
        let Some(guild) = c.guild_id else {
            return refuse("Pinning works in servers, not in direct messages.");
        };
        if c.message
            .flags
            .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL))
        {
            return refuse(
                "A private answer cannot be pinned: choose Show publicly first, then pin that.",
            );
        }
        let ours = c.message.author.id.get() == c.application_id.get()
            || c.message
                .application_id
                .is_some_and(|a| a.get() == c.application_id.get());
        if !ours {
            return refuse("I can only pin answers I posted.");
        }
        if !is_moderator(c.member.as_ref().and_then(|m| m.permissions)) {
            return refuse("Only moderators can pin answers.");
        }
        let (article, paragraph, pin) = match &button {
            Button::Pin {
                article, paragraph, ..
            } => (article, *paragraph, true),
            Button::Unpin {
                article, paragraph, ..
            } => (article, *paragraph, false),
            _ => return refuse("That button has expired. Ask again with /ask."),
        };
        let Some(text) = self
            .index
            .library
            .article(article)
            .and_then(|a| a.paragraph(paragraph))
            .map(|p| p.text.clone())
        else {
            return refuse("That answer's article is no longer in the story, so it cannot be pinned. Ask again with /ask.");
        };
        let Some(question) = self.question_of(&button) else {
            return refuse("That button has expired. Ask again with /ask.");
        };
        let (Some(store), Some(rest)) = (&self.pins, &self.rest) else {
            return refuse("Pinning is not set up on this bot.");
        };
        let (channel, message) = (c.channel_id.get(), c.message.id.get());
        let name = display_name(c);
        if pin {
            if let Err(err) = rest.pin(channel, message).await {
                error!(%err, channel, message, "discord refused to pin");
                return refuse(&format!(
                    "Discord would not pin that message ({err}). Check that I may pin messages in this channel; nothing was recorded."
                ));
            }
            let record = NewPin {
                guild: guild.get(),
                channel,
                message,
                question: question.clone(),
                article: article.clone(),
                paragraphs: vec![paragraph],
                text_hash: text_hash(&[&text]),
                pinned_by: c.user.id.get(),
                pinned_by_name: name.clone(),
            };
            if let Err(err) = store.add(&record) {
                error!(%err, "pinned in discord but could not record the pin");
                return refuse(&format!("Pinned in Discord, but I could not record it ({err}), so it will not lead answers."));
            }
            info!(guild = guild.get(), channel, message, article = %article, paragraph, "answer pinned");
        } else {
            if let Err(err) = rest.unpin(channel, message).await {
                error!(%err, channel, message, "discord refused to unpin");
                return refuse(&format!("Discord would not unpin that message ({err})."));
            }
            if let Err(err) = store.remove(guild.get(), message) {
                error!(%err, "unpinned in discord but could not remove the record");
            }
            info!(guild = guild.get(), channel, message, "answer unpinned");
        }
        let per_page = self.config.answer.limit;
        let mut answer = match answer(
            &question,
            &self.index,
            &AskOptions {
                limit: card::passages_for_page(0, per_page),
                ..AskOptions::default()
            },
        ) {
            Ok(answer) => answer,
            Err(err) => {
                error!(%err, "could not redraw the answer after pinning");
                return refuse(
                    "Done, but something went wrong redrawing the answer. Please try again in a moment.",
                );
            }
        };
        // The card keeps the passage that was pinned in the lead.
        if let Some(i) = answer
            .answers
            .iter()
            .position(|p| p.article == *article && p.paragraph == paragraph)
        {
            let lead = answer.answers.remove(i);
            answer.answers.insert(0, lead);
        } else if let Some(p) = crate::rank::passage(&self.index, article, paragraph) {
            answer.answers.insert(0, p);
            answer
                .answers
                .truncate(card::passages_for_page(0, per_page));
        }
        let view = View {
            per_page,
            pinned_by: pin.then_some(name),
            ..View::default()
        };
        CreateInteractionResponse::UpdateMessage(self.answer_card(&question, &answer, view))
    }
}
