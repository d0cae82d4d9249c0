//! The serenity gateway transport: connects with the token, registers the command set it is
//! given (to one guild for testing, else globally), answers every interaction with the
//! [`Handler`] function it is given (it knows no `Bot`), and on shutdown stops the shards and
//! finishes replies already under way. With [`Shards`] set, this process runs only its range
//! of a sharded bot.

use crate::interaction::Handler;
use crate::Error;
use serenity::all::{
    ApplicationId, Command, Context, CreateCommand, EventHandler, GatewayIntents, GuildId, Http,
    HttpBuilder, Interaction, RawEventHandler, Ready,
};
use serenity::model::event::Event;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::task::TaskTracker;
use tracing::{error, info, warn};

/// A bot token that never appears in logs or debug output.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Token {
        Token(token.into())
    }
}

impl Token {
    /// The token itself, for building an Authorization header; never log it.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Where and as whom to connect.
#[derive(Debug, Clone)]
pub struct Connection {
    /// The bot token.
    pub token: Token,
    /// Register commands to this guild only (instant; for testing); globally when `None`.
    pub guild_id: Option<u64>,
    /// Send every REST call here instead of `https://discord.com` (a REST proxy, or a test fake).
    pub api_base: Option<String>,
    /// This process's shards of a sharded bot; one shard (0 of 1) when `None`.
    pub shards: Option<Shards>,
}

/// A range of gateway shards: `first..=last` of `total` (Discord's shard ids are 0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shards {
    /// Shards across all processes.
    pub total: u32,
    /// This process's first shard.
    pub first: u32,
    /// This process's last shard (inclusive).
    pub last: u32,
}

impl Shards {
    /// From `STORYBOT_SHARDS` (`total`) and `STORYBOT_SHARD_RANGE` (`first-last`, default all);
    /// an error names the variable and the fix.
    pub fn parse(total: &str, range: Option<&str>) -> crate::Result<Shards> {
        let total = match total.trim().parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(Error::environment(
                    "STORYBOT_SHARDS",
                    format!(
                    "is `{total}`: use the total number of shards across all processes (1 or more)"
                ),
                ))
            }
        };
        let Some(range) = range else {
            return Ok(Shards {
                total,
                first: 0,
                last: total - 1,
            });
        };
        let bad = || {
            Error::environment(
                "STORYBOT_SHARD_RANGE",
                format!("is `{range}`: use FIRST-LAST, both inclusive and below STORYBOT_SHARDS ({total}), e.g. 0-{}", total - 1),
            )
        };
        let (first, last) = range.trim().split_once('-').ok_or_else(bad)?;
        let first = first.trim().parse::<u32>().map_err(|_| bad())?;
        let last = last.trim().parse::<u32>().map_err(|_| bad())?;
        if first > last || last >= total {
            return Err(bad());
        }
        Ok(Shards { total, first, last })
    }
}

impl Connection {
    /// serenity's HTTP client for this connection. With a custom base, serenity's ratelimiter is
    /// disabled: serenity applies the proxy only without it, and the proxy is then expected to
    /// handle rate limits.
    pub fn http(&self) -> Http {
        let mut builder = HttpBuilder::new(&self.token.0);
        if let Some(base) = &self.api_base {
            builder = builder
                .proxy(base.trim_end_matches('/'))
                .ratelimiter_disabled(true);
        }
        builder.build()
    }
}

/// Gateway state other parts can watch (readiness for health checks).
#[derive(Debug, Default)]
pub struct Status {
    /// A shard is connected and the commands are registered.
    pub ready: AtomicBool,
}

struct Events {
    handler: Handler,
    commands: Vec<CreateCommand>,
    guild: Option<GuildId>,
    tracker: TaskTracker,
    status: Arc<Status>,
}

#[serenity::async_trait]
impl EventHandler for Events {
    async fn ready(&self, ctx: Context, ready: Ready) {
        info!(user = %ready.user.name, guilds = ready.guilds.len(), shard = ctx.shard_id.0, "connected to discord");
        // The command set is one per application: shard 0 registers it, other shards need not.
        if ctx.shard_id.0 != 0 {
            self.status.ready.store(true, Ordering::SeqCst);
            return;
        }
        match register_with(&ctx.http, self.commands.clone(), self.guild).await {
            Ok(n) => info!(
                commands = n,
                scope = scope(self.guild),
                "registered commands"
            ),
            Err(err) => error!(%err, "could not register commands; existing ones stay in place"),
        }
        self.status.ready.store(true, Ordering::SeqCst);
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _in_flight = self.tracker.token();
        let (id, token) = (interaction.id(), interaction.token().to_string());
        let Some(response) = (self.handler)(interaction).await else {
            return;
        };
        if let Err(err) = ctx
            .http
            .create_interaction_response(id, &token, &response, vec![])
            .await
        {
            error!(%err, interaction = %id, "could not send the reply");
        }
    }
}

struct Unreadable;

#[serenity::async_trait]
impl RawEventHandler for Unreadable {
    async fn raw_event(&self, _ctx: Context, event: Event) {
        if let Event::Unknown(u) = &event {
            warn!(kind = %u.kind, "discord sent an event storybot could not read; it was ignored");
        }
    }
}

fn scope(guild: Option<GuildId>) -> String {
    guild.map_or_else(|| "global".into(), |g| format!("guild {g}"))
}

/// Bulk-overwrites the command set with `set`; returns how many commands Discord now has.
async fn register_with(
    http: &Http,
    set: Vec<CreateCommand>,
    guild: Option<GuildId>,
) -> serenity::Result<usize> {
    let registered = match guild {
        Some(g) => g.set_commands(http, set).await?,
        None => Command::set_global_commands(http, set).await?,
    };
    Ok(registered.len())
}

/// Registers the command set `commands` and returns, without connecting to the gateway.
pub async fn register(
    commands: Vec<CreateCommand>,
    connection: &Connection,
) -> serenity::Result<usize> {
    let http = connection.http();
    let app = http.get_current_application_info().await?;
    http.set_application_id(ApplicationId::new(app.id.get()));
    register_with(&http, commands, connection.guild_id.map(GuildId::new)).await
}

/// The gateway's address from `GET /gateway/bot` on the connection's base (which also proves
/// the token): a refused token says to check `DISCORD_TOKEN`, any other failure names
/// `DISCORD_API_BASE` (or Discord) and the error.
async fn gateway_url(connection: &Connection) -> crate::Result<String> {
    let base = connection
        .api_base
        .as_deref()
        .unwrap_or("https://discord.com")
        .trim_end_matches('/');
    match connection.http().get_bot_gateway().await {
        Ok(gateway) => Ok(gateway.url),
        Err(serenity::Error::Http(serenity::all::HttpError::UnsuccessfulRequest(e)))
            if e.status_code.as_u16() == 401 =>
        {
            Err(Error::TokenRefused {
                how: format!("401 from {base}/api/v10/gateway/bot"),
            })
        }
        Err(err) => {
            let fix = if connection.api_base.is_some() {
                "check DISCORD_API_BASE points to a Discord REST proxy that is up"
            } else {
                "check the network reaches discord.com"
            };
            Err(Error::GatewayAddress {
                url: format!("{base}/api/v10/gateway/bot"),
                cause: err.to_string(),
                fix,
            })
        }
    }
}

/// How long shutdown waits for replies under way.
const DRAIN: Duration = Duration::from_secs(8);

/// Runs the gateway until `shutdown` completes, registering `commands` once connected and
/// answering every interaction with `handler`; then stops the shards and waits for replies
/// under way.
pub async fn serve(
    handler: Handler,
    commands: Vec<CreateCommand>,
    connection: Connection,
    status: Arc<Status>,
    shutdown: impl Future<Output = ()>,
) -> crate::Result<()> {
    let tracker = TaskTracker::new();
    let events = Events {
        handler,
        commands,
        guild: connection.guild_id.map(GuildId::new),
        tracker: tracker.clone(),
        status: status.clone(),
    };
    // The token and the gateway address, checked through the configured base before any
    // shard starts: a refused token stops here instead of being retried, and the address
    // never falls back to Discord's own host.
    let ws_url = gateway_url(&connection).await?;
    // Interactions arrive without any gateway intent: ask for none.
    let client =
        serenity::all::ClientBuilder::new_with_http(connection.http(), GatewayIntents::empty())
            .event_handler(events)
            .raw_event_handler(Unreadable);
    let mut client = client.await.map_err(|e| Error::Gateway(Box::new(e)))?;
    *client.ws_url.lock().await = ws_url;
    let shards = client.shard_manager.clone();
    let shard_range = connection.shards;
    let mut running = tokio::spawn(async move {
        match shard_range {
            // serenity's range end is inclusive.
            Some(s) => client.start_shard_range(s.first..s.last, s.total).await,
            None => client.start().await,
        }
    });
    tokio::select! {
        result = &mut running => {
            status.ready.store(false, Ordering::SeqCst);
            return match result.map_err(Error::GatewayTask)? {
                Err(serenity::Error::Gateway(serenity::all::GatewayError::InvalidAuthentication)) => {
                    Err(Error::TokenRefused { how: "the gateway closed with 4004".into() })
                }
                other => other.map_err(|e| Error::Gateway(Box::new(e))),
            };
        }
        () = shutdown => {}
    }
    info!("shutting down: closing the gateway and finishing replies under way");
    status.ready.store(false, Ordering::SeqCst);
    if tokio::time::timeout(Duration::from_secs(5), shards.shutdown_all())
        .await
        .is_err()
    {
        warn!("the gateway did not close in time");
    }
    tracker.close();
    if tokio::time::timeout(DRAIN, tracker.wait()).await.is_err() {
        warn!(
            left = tracker.len(),
            "some replies were still under way at shutdown"
        );
    }
    let _ = tokio::time::timeout(Duration::from_secs(2), running).await;
    info!("stopped");
    Ok(())
}
