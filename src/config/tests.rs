use super::*;

fn parse(raw: &str) -> Result<Config> {
    Config::parse(Path::new("config/storybot.toml"), raw)
}

fn message(raw: &str) -> String {
    parse(raw).unwrap_err().to_string()
}

const GOOD: &str = "[[command]]\nname = \"who-denied\"\ndescription = \"Who denied the report\"\nquestion = \"Who denied the report?\"\n";

#[test]
fn a_good_command_loads() {
    let c = parse(GOOD).unwrap();
    assert_eq!(c.commands[0].name, "who-denied");
    assert_eq!(c.answer.limit, 3);
    assert!(c.command("who-denied").is_ok());
    assert!(c.command("nope").is_err());
}

#[test]
fn errors_name_file_key_and_fix() {
    let m = message(&GOOD.replace("who-denied\"", "Who-Denied\""));
    assert!(
        m.starts_with("config/storybot.toml: command[0].name:"),
        "{m}"
    );
    assert!(m.contains("lowercase"), "{m}");
    let m = message(&GOOD.replace("who-denied\"", "who denied\""));
    assert!(
        m.contains("command[0].name") && m.contains("no spaces"),
        "{m}"
    );
    let m = message(&GOOD.replace("Who denied the report\"", &format!("{}\"", "x".repeat(101))));
    assert!(
        m.contains("command[0].description") && m.contains("1 to 100"),
        "{m}"
    );
    let m = message(&GOOD.replace("who-denied\"", "ask\""));
    assert!(m.contains("built-in"), "{m}");
    let m = message(&format!("{GOOD}{GOOD}"));
    assert!(
        m.contains("command[1].name") && m.contains("already used"),
        "{m}"
    );
    let m = message("[[command]]\nnam = \"x\"\n");
    assert!(m.contains("line 2") && m.contains("unknown field"), "{m}");
    let m = message("[answer]\nlimit = 0\n");
    assert!(m.contains("answer.limit"), "{m}");
}

#[test]
fn too_many_commands_are_refused() {
    let many: String = (0..100)
        .map(|i| format!("[[command]]\nname = \"c{i}\"\ndescription = \"d\"\nquestion = \"q\"\n"))
        .collect();
    assert!(message(&many).contains("exceed Discord's 100"));
}

#[test]
fn the_shipped_config_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_PATH);
    let config = Config::load(&path).unwrap();
    assert!(config.commands.len() >= 8, "ship at least 8 topic commands");
}

#[test]
fn server_settings_map_to_their_environment_variables() {
    let c = parse("[server]\nlisten = \"127.0.0.1:9000\"\nsignature_window_seconds = 30\nshards = 4\nshard_range = \"0-1\"\n").unwrap();
    assert_eq!(
        c.server.lookup("STORYBOT_LISTEN").as_deref(),
        Some("127.0.0.1:9000")
    );
    assert_eq!(
        c.server
            .lookup("STORYBOT_SIGNATURE_WINDOW_SECONDS")
            .as_deref(),
        Some("30")
    );
    assert_eq!(c.server.lookup("STORYBOT_SHARDS").as_deref(), Some("4"));
    assert_eq!(
        c.server.lookup("STORYBOT_SHARD_RANGE").as_deref(),
        Some("0-1")
    );
    assert_eq!(
        c.server.lookup("DISCORD_TOKEN"),
        None,
        "secrets never come from the config file"
    );
    let m = message("[server]\nlissen = \"x\"\n");
    assert!(
        m.contains("unknown field") && m.contains("[server] listen"),
        "{m}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let m = message(&format!(
        "[answer]\nlimit = 0\n[discord]\nburst = 0\n{}",
        GOOD.replace("who-denied\"", "ask\"")
            .replace("Who denied the report\"", "\"")
    ));
    for key in [
        "answer.limit",
        "discord.burst",
        "command[0].name",
        "command[0].description",
    ] {
        assert!(
            m.contains(&format!("config/storybot.toml: {key}:")),
            "{key}: {m}"
        );
    }
}

#[test]
fn names_may_hold_apostrophes() {
    let c = parse(&GOOD.replace("who-denied\"", "who's-right\"")).unwrap();
    assert_eq!(c.commands[0].name, "who's-right");
}

#[test]
fn an_unknown_article_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let article = crate::article::Article::from_text(
        "isf-gaza-denial",
        "A headline\n\nThe ministry denied the report.\n",
        crate::article::ArticleMeta::default(),
    )
    .unwrap();
    let library = crate::article::Library::from_articles(dir.path(), vec![article]);
    let good = parse(&format!("{GOOD}article = \"isf-gaza-denial\"\n")).unwrap();
    assert!(good.article_problems(&library).is_empty());
    let bad = parse(&format!("{GOOD}article = \"no-such-article\"\n")).unwrap();
    let problems = bad.article_problems(&library);
    assert_eq!(problems.len(), 1);
    let m = problems[0].to_string();
    assert!(
        m.starts_with("config/storybot.toml: command[0].article: `no-such-article`")
            && m.contains("`isf-gaza-denial`"),
        "{m}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_not_told_to_be_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("storybot.toml");
    std::fs::write(&path, b"[answer]\nlimit = \xff\n").unwrap();
    let m = Config::load(&path).unwrap_err().to_string();
    assert!(m.contains("line 2") && m.contains("not UTF-8"), "{m}");
    assert!(!m.contains("create it"), "{m}");
}
