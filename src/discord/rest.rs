//! The few Discord REST calls storybot makes itself (serenity 0.12 only knows the old pin
//! route): pinning and unpinning a message, through the same base URL as every other call.

use super::gateway::Connection;
use std::time::Duration;

/// A failed Discord call: the HTTP status and Discord's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {message}")]
pub struct RestError {
    /// HTTP status (0 when Discord could not be reached).
    pub status: u16,
    /// Discord's error message, or the transport error.
    pub message: String,
}

/// Discord REST for pins.
pub struct Rest {
    client: reqwest::Client,
    base: String,
    authorization: String,
}

impl Rest {
    /// A client for the connection's base URL and token.
    pub fn new(connection: &Connection) -> Rest {
        Rest {
            client: reqwest::Client::builder()
                // Discord wants the interaction answered within 3 s of the click, and the pin
                // call comes first: give it 2 s, then tell the moderator it failed.
                .timeout(Duration::from_secs(2))
                .build()
                .unwrap_or_default(),
            base: connection
                .api_base
                .clone()
                .unwrap_or_else(|| "https://discord.com".into()),
            authorization: format!("Bot {}", connection.token.expose()),
        }
    }

    /// Pins a message (`PUT /channels/{channel}/messages/pins/{message}`).
    pub async fn pin(&self, channel: u64, message: u64) -> Result<(), RestError> {
        self.send(reqwest::Method::PUT, channel, message).await
    }

    /// Unpins a message (`DELETE /channels/{channel}/messages/pins/{message}`).
    pub async fn unpin(&self, channel: u64, message: u64) -> Result<(), RestError> {
        self.send(reqwest::Method::DELETE, channel, message).await
    }

    async fn send(
        &self,
        method: reqwest::Method,
        channel: u64,
        message: u64,
    ) -> Result<(), RestError> {
        let url = format!(
            "{}/api/v10/channels/{channel}/messages/pins/{message}",
            self.base.trim_end_matches('/')
        );
        let response = self
            .client
            .request(method, url)
            .header("Authorization", &self.authorization)
            .header(
                "X-Audit-Log-Reason",
                "storybot: a moderator pinned an answer",
            )
            .header("Content-Length", "0")
            .send()
            .await
            .map_err(|e| RestError {
                status: 0,
                message: e.without_url().to_string(),
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let bytes = response.bytes().await.unwrap_or_default();
        let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        let message = body["message"].as_str().unwrap_or("no message").to_string();
        Err(RestError {
            status: status.as_u16(),
            message,
        })
    }
}
