//! Cards for walking the story and its pins: `/claims`, `/sources`, `/who-said`, `/about`
//! and `/pins`, within Discord's limits, pinging no one.

use super::buttons::Button;
use super::card::{
    author, button, credit_line, limits, marked_within, message, notice, ANSWER_COLOUR, NONE_COLOUR,
};
use super::text::{clip, escape};
use crate::{Passage, StoryIndex};
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateEmbed, CreateEmbedFooter, CreateInteractionResponseMessage,
};

/// The card for `/claims`: each claim beside its status, as many as Discord allows.
pub fn claims_card(
    claims: &[crate::story::ClaimView],
    index: &StoryIndex,
) -> CreateInteractionResponseMessage {
    if claims.is_empty() {
        return message()
            .content("The story reports no claims from other outlets or unnamed sources.");
    }
    let title = index
        .library
        .articles
        .first()
        .map_or_else(|| "The story".to_string(), |a| a.title.clone());
    let mut embed = CreateEmbed::new()
        .title(clip(&format!("Claims \u{00B7} {title}"), limits::TITLE))
        .colour(ANSWER_COLOUR);
    let mut used = title.chars().count() + 9;
    let mut shown = 0;
    for c in claims.iter().take(limits::FIELDS) {
        let who = c.speaker.as_deref().unwrap_or("the article");
        let cited: String = c.cited.iter().map(|s| format!(", citing {s}")).collect();
        let name = clip(
            &format!("\u{00B6}{} \u{00B7} {who}{cited}", c.paragraph),
            limits::FIELD_NAME,
        );
        let status = format!("\n\u{2192} {}", c.status());
        let value = format!("{}{}", escape(&clip(&c.text, 300)), escape(&status));
        if used + name.chars().count() + value.chars().count() > limits::EMBEDS_TOTAL - 200 {
            break;
        }
        used += name.chars().count() + value.chars().count();
        embed = embed.field(name, clip(&value, limits::FIELD_VALUE), false);
        shown += 1;
    }
    if shown < claims.len() {
        embed = embed.footer(CreateEmbedFooter::new(format!(
            "{} more claims: the CLI's `storybot claims` lists them all",
            claims.len() - shown
        )));
    }
    message().embed(embed)
}

/// The card for `/sources`.
pub fn sources_card(sources: &[crate::story::Source]) -> CreateInteractionResponseMessage {
    let mut lines = String::new();
    for s in sources {
        let paras = s.paragraph_list();
        let flag = if s.anonymous {
            " \u{00B7} *anonymous*"
        } else {
            ""
        };
        let line = format!(
            "**{}**{flag} \u{2014} {} paragraph(s): {}\n",
            escape(&s.name),
            s.paragraphs.len(),
            paras
        );
        if lines.chars().count() + line.chars().count() > limits::DESCRIPTION - 40 {
            lines.push('\u{2026}');
            break;
        }
        lines.push_str(&line);
    }
    if lines.is_empty() {
        lines = "No one is quoted: the story is told in its own voice.".into();
    }
    let embed = CreateEmbed::new()
        .title("Who is quoted")
        .description(lines)
        .colour(ANSWER_COLOUR);
    message().embed(embed)
}

/// The card for `/who-said`: the speaker's paragraphs, in order.
pub fn who_said_card(speaker: &str, said: &[Passage]) -> CreateInteractionResponseMessage {
    if said.is_empty() {
        return notice(&format!(
            "No one matching \"{}\" is quoted in the story. Try /sources.",
            clip(speaker, 80)
        ));
    }
    let who = said[0].speaker().unwrap_or(speaker).to_string();
    let mut embed = CreateEmbed::new()
        .author(author(&format!("What did {speaker} say?")))
        .title(clip(&format!("What {who} said"), limits::TITLE))
        .colour(ANSWER_COLOUR);
    let mut used = who.chars().count() + speaker.chars().count() + 40;
    let per_field = (limits::EMBEDS_TOTAL - 400) / said.len().clamp(1, limits::FIELDS);
    for p in said.iter().take(limits::FIELDS) {
        let name = clip(&credit_line(p), limits::FIELD_NAME);
        let value = marked_within(
            p,
            limits::FIELD_VALUE
                .min(per_field.saturating_sub(name.chars().count()))
                .max(60),
        );
        if used + name.chars().count() + value.chars().count() > limits::EMBEDS_TOTAL - 100 {
            break;
        }
        used += name.chars().count() + value.chars().count();
        embed = embed.field(name, value, false);
    }
    message().embed(embed)
}

/// The card for `/about` (private: it is for admins checking a redeploy).
pub fn about_card(a: &crate::story::About) -> CreateInteractionResponseMessage {
    let mut embed = CreateEmbed::new()
        .title(clip(&format!("storybot {}", a.version), limits::TITLE))
        .description(format!(
            "{} article(s), {} paragraphs\nindex built {} \u{00B7} content hash `{}` \u{00B7} schema v{}\nranking: {}",
            a.articles.len(),
            a.paragraphs,
            crate::story::utc(a.built_at),
            &a.content_hash[..12.min(a.content_hash.len())],
            a.schema_version,
            escape(&a.ranking)
        ))
        .colour(NONE_COLOUR);
    for art in a.articles.iter().take(limits::FIELDS) {
        let meta: Vec<String> = [art.outlet.clone(), art.published.clone(), art.url.clone()]
            .into_iter()
            .flatten()
            .collect();
        let mut value = format!(
            "`{}` \u{00B7} {} paragraphs \u{00B7} {} claims, {} answered by a denial",
            art.slug, art.paragraphs, art.claims, art.disputed
        );
        if !meta.is_empty() {
            value.push_str(&format!("\n{}", escape(&meta.join(" \u{00B7} "))));
        }
        embed = embed.field(
            clip(&art.title, limits::FIELD_NAME),
            clip(&value, 900),
            false,
        );
    }
    message().embed(embed).ephemeral(true)
}

/// Pins per `/pins` page.
pub const PINS_PER_PAGE: usize = 5;

/// A page of this guild's pins: question, ¶, article, who, when, a jump link.
pub fn pins_card(
    pins: &[crate::pins::Pin],
    page: usize,
    index: &StoryIndex,
) -> CreateInteractionResponseMessage {
    if pins.is_empty() {
        return notice("No answers are pinned in this server yet. Moderators can pin an answer with its \u{1F4CC} Pin button.");
    }
    let pages = pins.len().div_ceil(PINS_PER_PAGE);
    let page = page.min(pages - 1);
    let mut embed = CreateEmbed::new()
        .title(format!(
            "Pinned answers \u{00B7} page {} of {pages}",
            page + 1
        ))
        .colour(ANSWER_COLOUR);
    for pin in pins.iter().skip(page * PINS_PER_PAGE).take(PINS_PER_PAGE) {
        let paras: Vec<String> = pin
            .paragraphs
            .iter()
            .map(|n| format!("\u{00B6}{n}"))
            .collect();
        // A pin is a stored record, not an answer: its article's title comes from the story.
        let title = index
            .library
            .article(&pin.article)
            .map_or_else(|| pin.article.clone(), |a| a.title.clone());
        let name = clip(
            &format!("{} \u{00B7} {}", paras.join(" "), title),
            limits::FIELD_NAME,
        );
        let mut value = format!(
            "\u{201C}{}\u{201D}\npinned by {} <t:{}:R> \u{00B7} [jump to it](https://discord.com/channels/{}/{}/{})",
            escape(&clip(&pin.question, 300)),
            escape(&pin.pinned_by_name),
            pin.pinned_at,
            pin.guild,
            pin.channel,
            pin.message
        );
        if pin.stale {
            value.push_str("\n\u{26A0}\u{FE0F} source changed since pinned: it no longer leads answers until re-pinned");
        }
        embed = embed.field(name, clip(&value, limits::FIELD_VALUE), false);
    }
    let mut buttons = Vec::new();
    if page > 0 {
        buttons.push(button(
            Button::Pins { page: page - 1 },
            "Previous",
            ButtonStyle::Secondary,
        ));
    }
    if page + 1 < pages {
        buttons.push(button(
            Button::Pins { page: page + 1 },
            "Next",
            ButtonStyle::Secondary,
        ));
    }
    let mut m = message().embed(embed).ephemeral(true);
    if !buttons.is_empty() {
        m = m.components(vec![CreateActionRow::Buttons(buttons)]);
    }
    m
}
