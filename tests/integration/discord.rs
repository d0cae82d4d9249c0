//! The real bot binary against the Discord fake: command registration, topic commands, /ask
//! with hostile text, buttons, autocomplete, polite refusals, cooldowns and a clean SIGTERM —
//! and every REST body the bot sent checked against Discord's own API schema.

use crate::discord_fake::{
    autocomplete, bot_message, button, button_as, opt_bool, opt_str, slash, slash_as,
    validate_with_discord_schema, FakeDiscord, Recorded, GUILD_ID, MEMBER_PERMISSIONS,
};
use crate::util::{data_dir_with, root, SEED};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// The bot process, its data folder and its log; killed on drop.
struct RunningBot {
    child: Child,
    log: PathBuf,
    _data: Option<tempfile::TempDir>,
}

impl RunningBot {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for RunningBot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn config_with_cooldown(seconds: u64, dir: &std::path::Path) -> PathBuf {
    let shipped = std::fs::read_to_string(root().join("config/storybot.toml")).unwrap();
    let text = shipped.replace(
        "cooldown_seconds = 3",
        &format!("cooldown_seconds = {seconds}"),
    );
    assert_ne!(
        text, shipped,
        "the shipped config sets cooldown_seconds = 3"
    );
    let path = dir.join("storybot.toml");
    std::fs::write(&path, text).unwrap();
    path
}

async fn start_bot(fake: &FakeDiscord, cooldown: u64) -> RunningBot {
    let data = data_dir_with(SEED);
    let config = config_with_cooldown(cooldown, data.path());
    let mut bot = spawn_bot(fake, data.path(), &config, "bot.log").await;
    bot._data = Some(data);
    bot
}

/// Starts `storybot serve` on a data folder (articles, pin store) that outlives the process.
async fn spawn_bot(
    fake: &FakeDiscord,
    data: &std::path::Path,
    config: &std::path::Path,
    log: &str,
) -> RunningBot {
    let log = data.join(log);
    let child = crate::util::bin()
        .arg("serve")
        .current_dir(root())
        .env("DISCORD_TOKEN", "fake-token")
        .env("DISCORD_API_BASE", fake.base_url())
        .env("DISCORD_GUILD_ID", GUILD_ID)
        .env("STORYBOT_DATA", data)
        .env("STORYBOT_CONFIG", config)
        .env("STORYBOT_PIN_STORE", data.join("pins.sqlite"))
        .env("STORYBOT_LISTEN", "127.0.0.1:0")
        .env("RUST_LOG", "storybot=info,serenity=warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("bot starts");
    let bot = RunningBot {
        child,
        log,
        _data: None,
    };
    assert!(
        fake.wait_ready(WAIT).await,
        "the bot never identified; log:\n{}",
        bot.log()
    );
    bot
}

fn is_callback(r: &Recorded, id: u64) -> bool {
    r.method == "POST"
        && r.path.starts_with(&format!("/api/v10/interactions/{id}/"))
        && r.path.ends_with("/callback")
}

async fn reply(fake: &FakeDiscord, bot: &RunningBot, id: u64) -> Value {
    let r = fake
        .wait_request(|r| is_callback(r, id), WAIT)
        .await
        .unwrap_or_else(|| panic!("no reply to interaction {id}; bot log:\n{}", bot.log()));
    r.body.expect("callback has a body")
}

fn ephemeral(body: &Value) -> bool {
    body["data"]["flags"].as_u64().is_some_and(|f| f & 64 != 0)
}

fn embed_text(body: &Value) -> String {
    body["data"]["embeds"].to_string()
}

fn custom_ids(body: &Value) -> Vec<String> {
    body["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect()
}

/// The message Discord would show for a reply: what a later button click carries.
fn shown(body: &Value, id: u64) -> Value {
    let data = &body["data"];
    bot_message(
        id,
        data["content"].as_str().unwrap_or(""),
        data["embeds"].clone(),
        data["components"].clone(),
        data["flags"].as_u64().unwrap_or(0),
    )
}

/// Common end-of-test checks: nothing unexpected asked of Discord, nothing Discord sent was
/// unreadable, every body valid against Discord's schema.
fn check_everything_sent(fake: &FakeDiscord, bot: &RunningBot) {
    assert!(
        fake.unexpected().is_empty(),
        "unexpected Discord calls: {:?}",
        fake.unexpected()
    );
    let log = bot.log();
    assert!(
        !log.contains("could not read"),
        "serenity dropped an event the fake sent:\n{log}"
    );
    assert!(
        !log.contains("DISCORD") || !log.contains("fake-token"),
        "the token leaked into the log"
    );
    assert!(
        !log.contains("fake-token"),
        "the token leaked into the log:\n{log}"
    );
    validate_with_discord_schema(&fake.requests())
        .unwrap_or_else(|e| panic!("a request broke Discord's schema:\n{e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_commands_and_answers_topic_commands() {
    let fake = FakeDiscord::start().await;
    let bot = start_bot(&fake, 0).await;
    let put = fake
        .wait_request(
            |r| {
                r.method == "PUT"
                    && r.path
                        == format!(
                            "/api/v10/applications/{}/guilds/{GUILD_ID}/commands",
                            crate::discord_fake::APP_ID
                        )
            },
            WAIT,
        )
        .await
        .expect("commands registered to the test guild");
    let names: Vec<&str> = put
        .body
        .as_ref()
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    for want in ["ask", "help", "who-denied", "isf-mandate"] {
        assert!(names.contains(&want), "{want} not registered: {names:?}");
    }
    // Every command the handler answers is registered, /pins included.
    for builtin in storybot::config::Builtin::ALL {
        assert!(
            names.contains(&builtin.name()),
            "/{} is handled but not registered: {names:?}",
            builtin.name()
        );
    }

    fake.send_interaction(slash(1, "who-denied", vec![])).await;
    let who = reply(&fake, &bot, 1).await;
    if std::env::var_os("STORYBOT_SHOW_CARD").is_some() {
        // For the docs: `STORYBOT_SHOW_CARD=1 cargo test --test integration registers -- --nocapture`.
        eprintln!("{}", serde_json::to_string_pretty(&who).unwrap());
    }
    assert_eq!(who["type"], 4);
    assert!(!ephemeral(&who), "answers are public by default");
    let text = embed_text(&who);
    assert!(text.contains("Information ministry"), "{text}");
    assert!(
        text.contains("\u{00B6}1") || text.contains("\u{00B6}9"),
        "{text}"
    );
    assert!(text.contains("**"), "matched words are bold: {text}");
    assert_eq!(
        who["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );

    fake.send_interaction(slash(2, "isf-mandate", vec![])).await;
    let isf = reply(&fake, &bot, 2).await;
    let text = embed_text(&isf);
    assert!(
        text.contains("\u{00B6}15") && text.contains("mandate"),
        "{text}"
    );

    check_everything_sent(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_pings_no_one_and_buttons_work() {
    let fake = FakeDiscord::start().await;
    let bot = start_bot(&fake, 0).await;
    fake.send_interaction(slash(
        10,
        "ask",
        vec![opt_str(
            "question",
            "@everyone Who said the *story* was fabricated? <@123>",
        )],
    ))
    .await;
    let ask = reply(&fake, &bot, 10).await;
    assert_eq!(
        ask["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    assert!(ask["data"]["allowed_mentions"]["users"]
        .as_array()
        .is_none_or(|u| u.is_empty()));
    let text = embed_text(&ask);
    assert!(
        !text.contains("@everyone"),
        "the question is echoed defused: {text}"
    );
    let ids = custom_ids(&ask);
    assert!(
        ids.iter().any(|i| i.starts_with("sb1:more:"))
            && ids.iter().any(|i| i.starts_with("sb1:ctx:")),
        "{ids:?}"
    );
    assert!(
        !ids.iter().any(|i| i.starts_with("sb1:pub")),
        "a public card needs no 'Show publicly'"
    );

    // More answers: the next page, privately, for the clicker.
    let more = ids.iter().find(|i| i.starts_with("sb1:more:")).unwrap();
    fake.send_interaction(button(11, more, shown(&ask, 900)))
        .await;
    let page2 = reply(&fake, &bot, 11).await;
    assert!(ephemeral(&page2));
    assert!(
        embed_text(&page2).contains('\u{00B6}')
            || page2["data"]["content"]
                .as_str()
                .unwrap_or("")
                .contains("No more"),
        "{page2}"
    );

    // Context: the paragraphs around the answer.
    let ctx = ids.iter().find(|i| i.starts_with("sb1:ctx:")).unwrap();
    fake.send_interaction(button(12, ctx, shown(&ask, 900)))
        .await;
    let context = reply(&fake, &bot, 12).await;
    assert!(embed_text(&context).contains("Context of"), "{context}");

    // A private answer can be shown publicly.
    fake.send_interaction(slash(
        13,
        "ask",
        vec![
            opt_str("question", "What would the ISF's mandate include?"),
            opt_bool("private", true),
        ],
    ))
    .await;
    let private = reply(&fake, &bot, 13).await;
    assert!(ephemeral(&private));
    let public_id = custom_ids(&private)
        .into_iter()
        .find(|i| i.starts_with("sb1:pub:"))
        .expect("Show publicly button");
    fake.send_interaction(button(14, &public_id, shown(&private, 901)))
        .await;
    let public = reply(&fake, &bot, 14).await;
    assert!(!ephemeral(&public), "Show publicly posts for everyone");
    assert!(embed_text(&public).contains("\u{00B6}15"), "{public}");

    check_everything_sent(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_and_polite_refusals() {
    let fake = FakeDiscord::start().await;
    let bot = start_bot(&fake, 0).await;
    fake.send_interaction(autocomplete(20, "ask", "question", "who den"))
        .await;
    let ac = reply(&fake, &bot, 20).await;
    assert_eq!(ac["type"], 8);
    let choices = ac["data"]["choices"].as_array().unwrap();
    assert!((1..=25).contains(&choices.len()), "{choices:?}");
    for c in choices {
        let name = c["name"].as_str().unwrap();
        assert!((1..=100).contains(&name.chars().count()));
    }
    assert!(
        choices
            .iter()
            .any(|c| c["name"].as_str().unwrap().contains("denied")),
        "{choices:?}"
    );

    fake.send_interaction(slash(21, "no-such-command", vec![]))
        .await;
    let unknown = reply(&fake, &bot, 21).await;
    assert!(ephemeral(&unknown));
    assert!(unknown["data"]["content"]
        .as_str()
        .unwrap()
        .contains("/help"));

    for (id, forged) in [
        (22, "sb1:more:9999"),
        (23, "evil:payload"),
        (24, "sb1:ctx:999:isf-gaza-denial"),
    ] {
        fake.send_interaction(button(
            id,
            forged,
            bot_message(902, "", serde_json::json!([]), serde_json::json!([]), 0),
        ))
        .await;
        let r = reply(&fake, &bot, id).await;
        assert!(ephemeral(&r), "{forged}: {r}");
        assert!(
            r["data"]["content"].as_str().is_some_and(|c| !c.is_empty()),
            "{forged}: {r}"
        );
    }

    check_everything_sent(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spammers_get_a_private_cooldown_notice() {
    let fake = FakeDiscord::start().await;
    let bot = start_bot(&fake, 60).await;
    let member = "1400000000000000077";
    // A member's burst (3 by default) is answered, whatever the commands: a second,
    // different command a moment later is not refused.
    for (id, command) in [(30, "who-denied"), (31, "isf-mandate"), (32, "the-claim")] {
        fake.send_interaction(slash_as(id, command, vec![], member, "0"))
            .await;
        let answer = reply(&fake, &bot, id).await;
        assert!(!ephemeral(&answer), "/{command} was refused: {answer}");
    }
    fake.send_interaction(slash_as(33, "isf-mandate", vec![], member, "0"))
        .await;
    let slowed = reply(&fake, &bot, 33).await;
    assert!(ephemeral(&slowed));
    let notice = slowed["data"]["content"].as_str().unwrap();
    assert!(notice.contains("Slow down"), "{notice}");
    // The notice says when to retry: one question comes back within the 60 s cooldown.
    let seconds: u64 = notice
        .split("again in ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no retry time in {notice:?}"));
    assert!((1..=60).contains(&seconds), "{notice}");
    fake.send_interaction(slash_as(
        34,
        "isf-mandate",
        vec![],
        "1400000000000000078",
        "0",
    ))
    .await;
    assert!(
        !ephemeral(&reply(&fake, &bot, 34).await),
        "another member is not slowed"
    );
    check_everything_sent(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_replies_and_exits_cleanly() {
    let fake = FakeDiscord::start().await;
    let mut bot = start_bot(&fake, 0).await;
    fake.delay_callbacks(Duration::from_millis(1500));
    fake.send_interaction(slash(40, "who-denied", vec![])).await;
    // Wait until the reply is under way (the fake holds it), then ask the bot to stop.
    let started = Instant::now();
    while !fake.callback_started(40) {
        assert!(
            started.elapsed() < WAIT,
            "the reply never started; log:\n{}",
            bot.log()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    crate::util::sigterm(&bot.child);
    let status = crate::util::wait_exit(&mut bot.child, Duration::from_secs(15)).await;
    let Some(status) = status else {
        panic!("the bot did not stop; log:\n{}", bot.log());
    };
    assert!(
        status.success(),
        "exit status {status:?}; log:\n{}",
        bot.log()
    );
    assert!(
        fake.requests()
            .iter()
            .any(|r| is_callback(r, 40) && r.status == 204),
        "the reply under way was finished"
    );
    assert!(bot.log().contains("stopped"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disputes_and_story_navigation_commands() {
    let fake = FakeDiscord::start().await;
    let bot = start_bot(&fake, 0).await;

    // A claim is never shown without its denial.
    fake.send_interaction(slash(
        50,
        "ask",
        vec![opt_str(
            "question",
            "How many troops is Pakistan deploying to Gaza?",
        )],
    ))
    .await;
    let troops = embed_text(&reply(&fake, &bot, 50).await);
    assert!(
        troops.contains("\u{00B6}4")
            && troops.contains("Disputed")
            && troops.contains("Information ministry"),
        "{troops}"
    );

    fake.send_interaction(slash(51, "claims", vec![])).await;
    let claims = embed_text(&reply(&fake, &bot, 51).await);
    assert!(
        claims.contains("denied by Information ministry in \u{00B6}14"),
        "{claims}"
    );
    assert!(claims.contains("no response in the article"), "{claims}");

    fake.send_interaction(slash(52, "sources", vec![])).await;
    let sources = embed_text(&reply(&fake, &bot, 52).await);
    assert!(
        sources.contains("Information ministry") && sources.contains("anonymous"),
        "{sources}"
    );

    fake.send_interaction(autocomplete(53, "who-said", "speaker", "rana"))
        .await;
    let choices = reply(&fake, &bot, 53).await;
    let names: Vec<&str> = choices["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["Rana Sanaullah"], "{choices}");

    fake.send_interaction(slash(
        54,
        "who-said",
        vec![opt_str("speaker", "Rana Sanaullah")],
    ))
    .await;
    let said = embed_text(&reply(&fake, &bot, 54).await);
    assert!(
        said.contains("\u{00B6}25") && said.contains("\u{00B6}26"),
        "{said}"
    );

    fake.send_interaction(slash(55, "about", vec![])).await;
    let about = reply(&fake, &bot, 55).await;
    assert!(ephemeral(&about));
    let text = embed_text(&about);
    assert!(
        text.contains("26 paragraphs") && text.contains("content hash"),
        "{text}"
    );

    check_everything_sent(&fake, &bot);
}

fn is_pin_call(r: &Recorded, message: u64) -> bool {
    r.method == "PUT" && r.path.ends_with(&format!("/pins/{message}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_pin_answers_members_cannot_and_pins_lead() {
    let fake = FakeDiscord::start().await;
    let bot = start_bot(&fake, 0).await;
    fake.send_interaction(slash(60, "who-denied", vec![])).await;
    let card = reply(&fake, &bot, 60).await;
    let pin = custom_ids(&card)
        .into_iter()
        .find(|i| i.starts_with("sb1:pin:"))
        .expect("public answers carry a Pin button");

    // A member without Manage Messages is refused, and nothing is pinned or recorded.
    fake.send_interaction(button_as(
        61,
        &pin,
        shown(&card, 960),
        "1400000000000000031",
        MEMBER_PERMISSIONS,
    ))
    .await;
    let refused = reply(&fake, &bot, 61).await;
    assert!(ephemeral(&refused));
    assert!(
        refused["data"]["content"]
            .as_str()
            .unwrap()
            .contains("Only moderators can pin answers"),
        "{refused}"
    );
    assert!(
        !fake.requests().iter().any(|r| is_pin_call(r, 960)),
        "no pin call for a member"
    );

    // A moderator pins: Discord's pin call, and the card now says who pinned it.
    fake.send_interaction(button_as(
        62,
        &pin,
        shown(&card, 960),
        "1400000000000000032",
        "8192",
    ))
    .await;
    let pinned = reply(&fake, &bot, 62).await;
    assert_eq!(pinned["type"], 7, "the card itself is updated: {pinned}");
    assert!(embed_text(&pinned).contains("Pinned by Member"), "{pinned}");
    assert!(custom_ids(&pinned)
        .iter()
        .any(|i| i.starts_with("sb1:unpin:")));
    assert!(
        fake.requests()
            .iter()
            .any(|r| is_pin_call(r, 960) && r.path.contains("/messages/pins/")),
        "{:?}",
        fake.requests()
    );

    // The same question, asked again in other words of the same form, leads with the pin.
    fake.send_interaction(slash(
        63,
        "ask",
        vec![opt_str("question", "who DENIED the report")],
    ))
    .await;
    let again = embed_text(&reply(&fake, &bot, 63).await);
    assert!(again.contains("Pinned by moderators"), "{again}");

    // /pins lists it with a jump link.
    fake.send_interaction(slash(64, "pins", vec![])).await;
    let pins = embed_text(&reply(&fake, &bot, 64).await);
    assert!(
        pins.contains("Who denied the report?")
            && pins.contains(&format!("https://discord.com/channels/{GUILD_ID}/")),
        "{pins}"
    );

    // A private answer cannot be pinned.
    let private = bot_message(
        961,
        "",
        card["data"]["embeds"].clone(),
        card["data"]["components"].clone(),
        64,
    );
    fake.send_interaction(button_as(65, &pin, private, "1400000000000000032", "8192"))
        .await;
    let no = reply(&fake, &bot, 65).await;
    assert!(
        no["data"]["content"]
            .as_str()
            .unwrap()
            .contains("private answer cannot be pinned"),
        "{no}"
    );

    // Unpin works the same way.
    let unpin = custom_ids(&pinned)
        .into_iter()
        .find(|i| i.starts_with("sb1:unpin:"))
        .unwrap();
    fake.send_interaction(button_as(
        66,
        &unpin,
        shown(&pinned, 960),
        "1400000000000000032",
        "8192",
    ))
    .await;
    let unpinned = reply(&fake, &bot, 66).await;
    assert_eq!(unpinned["type"], 7);
    assert!(fake
        .requests()
        .iter()
        .any(|r| r.method == "DELETE" && r.path.ends_with("/pins/960")));
    fake.send_interaction(slash(67, "pins", vec![])).await;
    let none = reply(&fake, &bot, 67).await;
    assert!(
        none["data"]["content"]
            .as_str()
            .unwrap()
            .contains("No answers are pinned"),
        "{none}"
    );

    check_everything_sent(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pins_survive_restarts_and_changed_sources_are_flagged() {
    let data = data_dir_with(SEED);
    let config = config_with_cooldown(0, data.path());
    {
        let fake = FakeDiscord::start().await;
        let bot = spawn_bot(&fake, data.path(), &config, "run1.log").await;
        fake.send_interaction(slash(70, "who-denied", vec![])).await;
        let card = reply(&fake, &bot, 70).await;
        let pin = custom_ids(&card)
            .into_iter()
            .find(|i| i.starts_with("sb1:pin:"))
            .unwrap();
        fake.send_interaction(button_as(
            71,
            &pin,
            shown(&card, 970),
            "1400000000000000032",
            "8192",
        ))
        .await;
        assert_eq!(reply(&fake, &bot, 71).await["type"], 7);
        check_everything_sent(&fake, &bot);
    }
    {
        let fake = FakeDiscord::start().await;
        let bot = spawn_bot(&fake, data.path(), &config, "run2.log").await;
        fake.send_interaction(slash(72, "pins", vec![])).await;
        let pins = embed_text(&reply(&fake, &bot, 72).await);
        assert!(
            pins.contains("Who denied the report?") && !pins.contains("source changed"),
            "the pin survived a restart: {pins}"
        );
    }
    // A redeploy edits the pinned paragraph: the pin is flagged and stops leading.
    let article = data.path().join(format!("articles/{SEED}.txt"));
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("rubbished", "firmly rubbished", 1)).unwrap();
    let fake = FakeDiscord::start().await;
    let bot = spawn_bot(&fake, data.path(), &config, "run3.log").await;
    fake.send_interaction(slash(73, "pins", vec![])).await;
    let pins = embed_text(&reply(&fake, &bot, 73).await);
    assert!(pins.contains("source changed since pinned"), "{pins}");
    fake.send_interaction(slash(74, "who-denied", vec![])).await;
    let answer = embed_text(&reply(&fake, &bot, 74).await);
    assert!(
        !answer.contains("Pinned by moderators"),
        "a stale pin does not lead: {answer}"
    );
    check_everything_sent(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_only_registers_and_a_refused_pin_is_reported() {
    let fake = FakeDiscord::start().await;
    let data = data_dir_with(SEED);
    let config = config_with_cooldown(0, data.path());
    let out = tokio::task::spawn_blocking({
        let base = fake.base_url();
        let (d, c) = (data.path().to_path_buf(), config.clone());
        move || {
            crate::util::bin()
                .arg("register")
                .current_dir(root())
                .env("DISCORD_TOKEN", "fake-token")
                .env("DISCORD_API_BASE", base)
                .env_remove("DISCORD_GUILD_ID")
                .env("STORYBOT_DATA", d)
                .env("STORYBOT_CONFIG", c)
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("commands globally"));
    assert!(fake.requests().iter().any(|r| r.method == "PUT"
        && r.path
            == format!(
                "/api/v10/applications/{}/commands",
                crate::discord_fake::APP_ID
            )));
    assert!(
        fake.identified().is_none(),
        "register does not connect to the gateway"
    );

    // A pin Discord refuses (here: a channel it does not know) is reported, not recorded.
    let bot = spawn_bot(&fake, data.path(), &config, "bot.log").await;
    fake.send_interaction(slash(80, "who-denied", vec![])).await;
    let card = reply(&fake, &bot, 80).await;
    let pin = custom_ids(&card)
        .into_iter()
        .find(|i| i.starts_with("sb1:pin:"))
        .unwrap();
    let mut click = button_as(81, &pin, shown(&card, 980), "1400000000000000032", "8192");
    let elsewhere = "1300000000000000099";
    click["channel_id"] = Value::from(elsewhere);
    click["channel"]["id"] = Value::from(elsewhere);
    click["message"]["channel_id"] = Value::from(elsewhere);
    fake.send_interaction(click).await;
    let refused = reply(&fake, &bot, 81).await;
    assert!(ephemeral(&refused));
    let text = refused["data"]["content"].as_str().unwrap();
    assert!(
        text.contains("Discord would not pin")
            && text.contains("404")
            && text.contains("nothing was recorded"),
        "{text}"
    );
    fake.send_interaction(slash(82, "pins", vec![])).await;
    assert!(reply(&fake, &bot, 82).await["data"]["content"]
        .as_str()
        .unwrap()
        .contains("No answers are pinned"));
    let unexpected = fake.unexpected();
    assert_eq!(unexpected.len(), 1, "{unexpected:?}");
    assert!(unexpected[0].path.ends_with("/pins/980"));
    validate_with_discord_schema(&fake.requests()).unwrap_or_else(|e| panic!("{e}"));
}

/// `storybot serve` against `api_base` with `token`; its exit status and log once it stops
/// (`None` and the log if it is still running after a long guard).
async fn serve_until_it_stops(
    api_base: &str,
    token: &str,
) -> (Option<std::process::ExitStatus>, String) {
    let data = data_dir_with(SEED);
    let config = config_with_cooldown(0, data.path());
    let log = data.path().join("bot.log");
    let child = crate::util::bin()
        .arg("serve")
        .current_dir(root())
        .env("DISCORD_TOKEN", token)
        .env("DISCORD_API_BASE", api_base)
        .env("DISCORD_GUILD_ID", GUILD_ID)
        .env("STORYBOT_DATA", data.path())
        .env("STORYBOT_CONFIG", &config)
        .env("STORYBOT_PIN_STORE", data.path().join("pins.sqlite"))
        .env("STORYBOT_LISTEN", "127.0.0.1:0")
        .env("RUST_LOG", "storybot=info,serenity=warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("bot starts");
    let mut bot = RunningBot {
        child,
        log,
        _data: None,
    };
    let status = crate::util::wait_exit(&mut bot.child, Duration::from_secs(30)).await;
    let text = bot.log();
    drop(bot);
    drop(data);
    (status, text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_stops_the_bot_saying_check_discord_token() {
    let fake = FakeDiscord::start().await;
    let (status, log) = serve_until_it_stops(&fake.base_url(), "not-the-token").await;
    let status = status.unwrap_or_else(|| panic!("still retrying a refused token:\n{log}"));
    assert!(!status.success(), "{status:?}\n{log}");
    assert!(log.contains("check DISCORD_TOKEN"), "{log}");
    assert!(!log.contains("not-the-token"), "the token leaked:\n{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_address_comes_only_from_the_configured_base() {
    // A base nothing listens on (bound, then released): its /gateway call fails.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (status, log) =
        serve_until_it_stops(&format!("http://127.0.0.1:{port}"), "fake-token").await;
    let status = status.unwrap_or_else(|| panic!("kept trying another gateway host:\n{log}"));
    assert!(!status.success(), "{status:?}\n{log}");
    assert!(
        log.contains(&format!("127.0.0.1:{port}/api/v10/gateway/bot"))
            && log.contains("check DISCORD_API_BASE"),
        "{log}"
    );
    assert!(!log.contains("gateway.discord.gg"), "{log}");
}

/// The value a parsed invocation carries for `opt`, as text.
fn carried(
    invocation: &storybot::discord::commands::Invocation,
    opt: storybot::discord::commands::Opt,
) -> Option<String> {
    use storybot::discord::commands::{Invocation, Opt};
    match (invocation, opt) {
        (Invocation::Ask { question, .. }, Opt::Question) => Some(question.clone()),
        (Invocation::WhoSaid { speaker }, Opt::Speaker) => Some(speaker.clone()),
        (Invocation::Ask { private, .. } | Invocation::Topic { private, .. }, Opt::Private) => {
            Some(private.to_string())
        }
        _ => None,
    }
}

#[test]
fn every_registered_option_parses_from_an_interaction_built_from_the_registration() {
    use storybot::config::Builtin;
    use storybot::discord::commands::{all, Invocation, Opt};
    let config = storybot::config::Config::load(&root().join("config/storybot.toml")).unwrap();
    let registered = all(&config);
    assert!(registered.len() > Builtin::ALL.len(), "topic commands too");
    for (i, command) in registered.iter().enumerate() {
        let registration = serde_json::to_value(command).unwrap();
        let name = registration["name"].as_str().unwrap();
        // Fill every registered option with a value of its registered type.
        let mut options = Vec::new();
        let mut expected = Vec::new();
        for o in registration["options"].as_array().into_iter().flatten() {
            let opt_name = o["name"].as_str().unwrap();
            let opt = Opt::from_name(opt_name)
                .unwrap_or_else(|| panic!("/{name} registers {opt_name}, which no parser reads"));
            match o["type"].as_u64().unwrap() {
                3 => {
                    let value = format!("{opt_name} of /{name}: \"quoted\" @everyone *bold*");
                    options.push(opt_str(opt_name, &value));
                    expected.push((opt, value));
                }
                5 => {
                    options.push(opt_bool(opt_name, true));
                    expected.push((opt, "true".to_string()));
                }
                other => panic!("/{name} {opt_name}: option type {other} has no parser"),
            }
        }
        let interaction: serenity::all::Interaction =
            serde_json::from_value(slash(9_000 + i as u64, name, options)).unwrap();
        let serenity::all::Interaction::Command(c) = interaction else {
            panic!("/{name} is not a command interaction");
        };
        let parsed = Invocation::parse(&c.data);
        let kind_matches = match Builtin::from_name(name) {
            Some(Builtin::Ask) => matches!(parsed, Invocation::Ask { .. }),
            Some(Builtin::Help) => parsed == Invocation::Help,
            Some(Builtin::Claims) => parsed == Invocation::Claims,
            Some(Builtin::Sources) => parsed == Invocation::Sources,
            Some(Builtin::WhoSaid) => matches!(parsed, Invocation::WhoSaid { .. }),
            Some(Builtin::About) => parsed == Invocation::About,
            Some(Builtin::Pins) => parsed == Invocation::Pins,
            None => matches!(&parsed, Invocation::Topic { name: n, .. } if n == name),
        };
        assert!(kind_matches, "/{name} parsed as {parsed:?}");
        for (opt, value) in expected {
            assert_eq!(
                carried(&parsed, opt).as_deref(),
                Some(value.as_str()),
                "/{name} {opt:?}: {parsed:?}"
            );
        }
    }
}
