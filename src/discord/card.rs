//! Answer cards: an `Answer` rendered as a Discord message — the best passage with matched
//! words in bold, its ¶ number and attribution, the article title (linked when a url is
//! known), further passages as fields, and buttons. Every Discord limit is respected by
//! clipping at a sentence or word boundary, and no message can ping anyone.

use super::buttons::Button;
use super::text::{clip, escape};
use crate::{Answer, Passage, StoryIndex};
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedAuthor, CreateEmbedFooter, CreateInteractionResponseMessage,
};

/// Discord's message and embed limits (characters).
pub mod limits {
    /// Message content.
    pub const CONTENT: usize = 2000;
    /// Embed title.
    pub const TITLE: usize = 256;
    /// Embed description.
    pub const DESCRIPTION: usize = 4096;
    /// Embed field name.
    pub const FIELD_NAME: usize = 256;
    /// Embed field value.
    pub const FIELD_VALUE: usize = 1024;
    /// Embed footer text.
    pub const FOOTER: usize = 2048;
    /// Embed author name.
    pub const AUTHOR: usize = 256;
    /// All text of all embeds of a message.
    pub const EMBEDS_TOTAL: usize = 6000;
    /// Fields per embed.
    pub const FIELDS: usize = 25;
    /// Button label.
    pub const LABEL: usize = 80;
    /// Buttons per action row.
    pub const BUTTONS_PER_ROW: usize = 5;
}

/// Colour of answer cards.
pub(super) const ANSWER_COLOUR: u32 = 0x2b6cb0;
/// The colour of a card whose passages are only the closest the article has (amber).
const UNSURE_COLOUR: u32 = 0xE0A526;
/// Colour of "the article doesn't say" cards.
pub(super) const NONE_COLOUR: u32 = 0x718096;
/// Marks the question in a card's author line (for members to read: buttons carry their own
/// state, see [`super::buttons`]).
pub const QUESTION_MARK: &str = "\u{2753} ";

/// How a card is shown.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Only the asker sees it.
    pub private: bool,
    /// Which page of passages (0 = first).
    pub page: usize,
    /// Passages per page.
    pub per_page: usize,
    /// The card is pinned, by this display name.
    pub pinned_by: Option<String>,
    /// The lead passage is the guild moderators' pinned answer.
    pub pin_leads: bool,
}

/// How many passages to ask for to draw page `page` (0 = first) of `per_page`: every page
/// up to it and one passage past it, which says whether "More answers" has a next page.
pub(super) fn passages_for_page(page: usize, per_page: usize) -> usize {
    per_page * (page + 1) + 1
}

/// A message that pings no one.
pub(super) fn message() -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new().allowed_mentions(CreateAllowedMentions::new())
}

/// A private notice: errors, cooldowns, expired buttons.
pub fn notice(text: &str) -> CreateInteractionResponseMessage {
    message()
        .content(clip(&escape(text), limits::CONTENT))
        .ephemeral(true)
}

/// The passage text with matched words in bold, escaped, within `max` characters.
pub fn marked_within(p: &Passage, max: usize) -> String {
    let mut keep = p.text.chars().count();
    loop {
        let clipped = clip(&p.text, keep);
        let visible = clipped.trim_end_matches('…');
        let cut = Passage {
            highlights: p
                .highlights
                .iter()
                .filter(|r| r.end <= visible.len())
                .cloned()
                .collect(),
            sentence: p
                .sentence
                .clone()
                .map(|r| r.start.min(visible.len())..r.end.min(visible.len()))
                .filter(|r| r.start < r.end),
            text: clipped.clone(),
            ..p.clone()
        };
        // The answering sentence in bold and the matched words underlined; without a
        // sentence, the matched words in bold.
        let marked = if cut.sentence.is_some() {
            cut.marked_with_sentence(("**", "**"), ("__", "__"), escape)
        } else {
            cut.marked("**", "**", escape)
        };
        if marked.chars().count() <= max || keep < 8 {
            return clip(&marked, max);
        }
        keep = keep * 8 / 10;
    }
}

/// "¶9 · Information ministry, in a post on X", or the article's own voice.
pub fn credit_line(p: &Passage) -> String {
    let who = p
        .credit()
        .unwrap_or_else(|| crate::attribution::OWN_VOICE.into());
    format!("\u{00B6}{} \u{00B7} {who}", p.paragraph)
}

pub(super) fn author(question: &str) -> CreateEmbedAuthor {
    let q = question
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('@', "@\u{200B}");
    CreateEmbedAuthor::new(clip(&format!("{QUESTION_MARK}{q}"), limits::AUTHOR))
}

/// The answer card for `question` (page `view.page` of its passages), from the answer alone.
pub fn answer_card(
    question: &str,
    answer: &Answer,
    view: View,
) -> CreateInteractionResponseMessage {
    if let Some(note) = &answer.note {
        return notice(&format!("Sorry, {note}."));
    }
    let per_page = view.per_page.max(1);
    let page: Vec<&Passage> = answer
        .answers
        .iter()
        .skip(view.page * per_page)
        .take(per_page)
        .collect();
    let Some(best) = page.first() else {
        return if view.page == 0 {
            nothing_card(question, answer, view)
        } else {
            notice("No more answers in the article.")
        };
    };
    let (title, url) = (&best.title, best.url.clone());
    let mut used = 0usize;
    let author = author(question);
    used += question.chars().count() + 2;
    let title = clip(title, limits::TITLE);
    used += title.chars().count();
    let footer = match &view.pinned_by {
        Some(name) => format!(
            "\u{1F4CC} Pinned by {} \u{00B7} storybot",
            name.replace('@', "@\u{200B}")
        ),
        None => format!(
            "storybot \u{00B7} page {} \u{00B7} quotes are the article's own words",
            view.page + 1
        ),
    };
    used += footer.chars().count();
    let pin_mark = if view.pin_leads {
        "\u{1F4CC} Pinned by moderators \u{00B7} "
    } else {
        ""
    };
    let unsure = if answer.is_unsure() {
        "\u{1F914} *Not sure \u{2014} the article may not answer this; the closest passages are:*\n"
    } else {
        ""
    };
    let head = format!("{unsure}**{pin_mark}{}**\n", escape(&credit_line(best)));
    let dispute = dispute_note(best);
    let description_budget =
        (limits::DESCRIPTION - head.chars().count() - dispute.chars().count()).min(2600);
    let description = format!("{head}{}{dispute}", marked_within(best, description_budget));
    used += description.chars().count();
    let mut embed = CreateEmbed::new()
        .author(author)
        .title(title)
        .description(description)
        .colour(if answer.is_unsure() {
            UNSURE_COLOUR
        } else {
            ANSWER_COLOUR
        })
        .footer(CreateEmbedFooter::new(clip(&footer, limits::FOOTER)));
    if let Some(url) = url {
        embed = embed.url(url);
    }
    for p in page.iter().skip(1).take(limits::FIELDS) {
        let mut name = credit_line(p);
        if p.article != best.article {
            name = format!("{name} \u{00B7} {}", p.title);
        }
        let name = clip(&name, limits::FIELD_NAME);
        let left = limits::EMBEDS_TOTAL.saturating_sub(used + name.chars().count());
        if left < 80 {
            break;
        }
        let dispute = dispute_note(p);
        let value = format!(
            "{}{dispute}",
            marked_within(
                p,
                limits::FIELD_VALUE
                    .min(left)
                    .saturating_sub(dispute.chars().count())
            )
        );
        used += name.chars().count() + value.chars().count();
        embed = embed.field(name, value, false);
    }
    let mut buttons: Vec<(Button, &str, ButtonStyle)> = Vec::new();
    // The answer holds one passage past the page when there is a next one to show.
    if answer.answers.len() >= passages_for_page(view.page, per_page) {
        buttons.push((
            Button::more(view.page + 1, question),
            "More answers",
            ButtonStyle::Secondary,
        ));
    }
    let (article, paragraph) = (best.article.clone(), best.paragraph);
    buttons.push((
        Button::Context {
            article: article.clone(),
            paragraph,
        },
        "Context",
        ButtonStyle::Secondary,
    ));
    if view.private {
        buttons.push((
            Button::public(view.page, question),
            "Show publicly",
            ButtonStyle::Primary,
        ));
    } else if article.contains(':') {
        // A pin id holds the slug before the question, so a slug with `:` cannot be pinned.
    } else if view.pinned_by.is_some() {
        buttons.push((
            Button::pinning(false, &article, paragraph, question),
            "Unpin",
            ButtonStyle::Secondary,
        ));
    } else {
        buttons.push((
            Button::pinning(true, &article, paragraph, question),
            "\u{1F4CC} Pin",
            ButtonStyle::Secondary,
        ));
    }
    // An article slug too long for a custom_id loses its buttons rather than breaking the card.
    let buttons: Vec<CreateButton> = buttons
        .into_iter()
        .filter(|(b, _, _)| b.custom_id().len() <= super::buttons::MAX_CUSTOM_ID)
        .map(|(b, label, style)| button(b, label, style))
        .collect();
    message()
        .embed(embed)
        .components(vec![CreateActionRow::Buttons(buttons)])
        .ephemeral(view.private)
}

/// "\n\n⚠️ Disputed — Information ministry: “…” (¶14)" under a claim; empty otherwise.
fn dispute_note(p: &Passage) -> String {
    match crate::dispute::dispute_line(p) {
        Some(line) => format!("\n\n\u{26A0}\u{FE0F} {}", escape(&clip(&line, 400))),
        None => String::new(),
    }
}

pub(super) fn button(b: Button, label: &str, style: ButtonStyle) -> CreateButton {
    CreateButton::new(b.custom_id())
        .label(clip(label, limits::LABEL))
        .style(style)
}

/// "The article doesn't say", with the nearest passage offered as a suggestion.
fn nothing_card(question: &str, answer: &Answer, view: View) -> CreateInteractionResponseMessage {
    let titles: Vec<String> = answer.searched.iter().take(3).cloned().collect();
    let description = format!(
        "I couldn't find an answer to that in {}. Try other words, or `/help` for the topics I know.",
        escape(&clip(&titles.join("; "), 1500))
    );
    let mut embed = CreateEmbed::new()
        .author(author(question))
        .title("The article doesn't say")
        .description(description)
        .colour(NONE_COLOUR);
    if let Some(s) = &answer.suggestion {
        let name = clip(
            &format!(
                "Nearest passage, a suggestion only \u{00B7} {}",
                credit_line(s)
            ),
            limits::FIELD_NAME,
        );
        embed = embed.field(name, marked_within(s, 900), false);
    }
    message().embed(embed).ephemeral(view.private)
}

/// Paragraphs `n - 1`, `n`, `n + 1` of an article, each with its attribution.
pub fn context_card(
    index: &StoryIndex,
    slug: &str,
    n: u32,
) -> Option<CreateInteractionResponseMessage> {
    let article = index.library.article(slug)?;
    article.paragraph(n)?;
    let mut description = String::new();
    for k in n.saturating_sub(1).max(1)..=n + 1 {
        let Some(p) = article.paragraph(k) else {
            continue;
        };
        let passage = Passage::new(article, p, 0.0, Vec::new());
        let line = credit_line(&passage);
        let head = if k == n {
            format!("**{}** (the answer)", escape(&line))
        } else {
            format!("**{}**", escape(&line))
        };
        description.push_str(&format!("{head}\n{}\n\n", escape(&clip(&p.text, 1200))));
    }
    let embed = CreateEmbed::new()
        .title(clip(
            &format!("Context of \u{00B6}{n} \u{00B7} {}", article.title),
            limits::TITLE,
        ))
        .description(clip(description.trim_end(), limits::DESCRIPTION))
        .colour(ANSWER_COLOUR);
    Some(message().embed(embed).ephemeral(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(text: &str) -> Passage {
        Passage {
            article: "a".into(),
            title: "t".into(),
            url: None,
            published: None,
            paragraph: 3,
            score: 1.0,
            attribution: crate::attribution::Attribution {
                speaker: Some("Officials".into()),
                how: Some("said".into()),
                ..Default::default()
            },
            text: text.into(),
            sentence: None,
            highlights: std::iter::once(0..4).collect(),
            stance: crate::dispute::Stance::Position,
            disputed_by: vec![],
        }
    }

    #[test]
    fn marked_text_stays_within_limits_and_escapes() {
        let p = passage(&"Gaza *deal* _x_ is here. ".repeat(400));
        let m = marked_within(&p, limits::FIELD_VALUE);
        assert!(m.chars().count() <= limits::FIELD_VALUE);
        assert!(m.starts_with("**Gaza**"));
        assert!(m.contains("\\*deal\\*"));
        assert!(m.ends_with('…'));
    }

    #[test]
    fn the_answering_sentence_is_bold_and_matched_words_underlined() {
        let mut p = passage("Gaza is calm. The ministry denied the report today.");
        p.sentence = Some(14..51);
        p.highlights = vec![0..4, 18..26];
        let m = marked_within(&p, limits::FIELD_VALUE);
        assert_eq!(
            m,
            "__Gaza__ is calm. **The __ministry__ denied the report today.**"
        );
        // Clipped inside the sentence: the bold still closes.
        let short = marked_within(&p, 40);
        assert!(short.chars().count() <= 40, "{short}");
        assert_eq!(short.matches("**").count() % 2, 0, "{short}");
    }

    #[test]
    fn credit_lines_name_the_paragraph() {
        assert_eq!(
            credit_line(&passage("x")),
            "\u{00B6}3 \u{00B7} Officials (said)"
        );
    }
}
