//! Discord's request signing: every request to the interactions endpoint carries
//! `X-Signature-Ed25519` (hex) and `X-Signature-Timestamp` (Unix seconds), an Ed25519
//! signature by the application's key over timestamp + body. A request is accepted only when
//! the signature verifies with `DISCORD_PUBLIC_KEY` and the timestamp is within the window
//! (so a captured request cannot be replayed later).

use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The application's public key, from the developer portal (64 hex digits).
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({})", hex(self.0.as_bytes()))
    }
}

/// Why a request was refused (all answered with 401).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// A header is missing or not valid text.
    Missing,
    /// The signature header is not 128 hex digits, or the timestamp is not a number.
    Malformed,
    /// The timestamp is outside the window.
    Stale,
    /// The signature does not verify.
    BadSignature,
}

impl Rejection {
    /// A short label for logs and metrics.
    pub fn label(self) -> &'static str {
        match self {
            Rejection::Missing => "missing signature headers",
            Rejection::Malformed => "malformed signature headers",
            Rejection::Stale => "timestamp outside the window",
            Rejection::BadSignature => "bad signature",
        }
    }
}

impl PublicKey {
    /// Parses 64 hex digits; the error says what is wrong with the text.
    pub fn from_hex(text: &str) -> crate::Result<PublicKey> {
        let bytes: [u8; 32] = unhex(text.trim())
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| crate::Error::BadPublicKey {
                reason: format!(
                    "is not 64 hex digits ({} characters given)",
                    text.trim().len()
                ),
            })?;
        PublicKey::from_bytes(&bytes)
    }

    /// The key from raw bytes (tests, benchmarks).
    pub fn from_bytes(bytes: &[u8; 32]) -> crate::Result<PublicKey> {
        VerifyingKey::from_bytes(bytes)
            .map(PublicKey)
            .map_err(|_| crate::Error::BadPublicKey {
                reason: "is not a valid Ed25519 public key".into(),
            })
    }

    /// Checks a request's signature headers against its body, at time `now`.
    pub fn verify(
        &self,
        signature: Option<&str>,
        timestamp: Option<&str>,
        body: &[u8],
        window: Duration,
        now: SystemTime,
    ) -> Result<(), Rejection> {
        let (Some(signature), Some(timestamp)) = (signature, timestamp) else {
            return Err(Rejection::Missing);
        };
        let signature: [u8; 64] = unhex(signature)
            .and_then(|b| b.try_into().ok())
            .ok_or(Rejection::Malformed)?;
        let at: u64 = timestamp.parse().map_err(|_| Rejection::Malformed)?;
        let now = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        if now.abs_diff(at) > window.as_secs() {
            return Err(Rejection::Stale);
        }
        let mut message = Vec::with_capacity(timestamp.len() + body.len());
        message.extend_from_slice(timestamp.as_bytes());
        message.extend_from_slice(body);
        self.0
            .verify(&message, &Signature::from_bytes(&signature))
            .map_err(|_| Rejection::BadSignature)
    }

    /// Verifies a bare message (the benchmark's raw verification rate).
    pub fn verify_raw(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        self.0
            .verify(message, &Signature::from_bytes(signature))
            .is_ok()
    }
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    const SEED: [u8; 32] = [7; 32];

    fn signed(ts: &str, body: &[u8]) -> String {
        let key = SigningKey::from_bytes(&SEED);
        let mut m = ts.as_bytes().to_vec();
        m.extend_from_slice(body);
        hex(&key.sign(&m).to_bytes())
    }

    fn key() -> PublicKey {
        let hex_key = hex(SigningKey::from_bytes(&SEED).verifying_key().as_bytes());
        PublicKey::from_hex(&hex_key).unwrap()
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn accepts_a_fresh_valid_signature() {
        let sig = signed("1000", b"{}");
        let w = Duration::from_secs(60);
        assert_eq!(
            key().verify(Some(&sig), Some("1000"), b"{}", w, at(1030)),
            Ok(())
        );
    }

    #[test]
    fn refuses_tampering_staleness_and_garbage() {
        let sig = signed("1000", b"{}");
        let w = Duration::from_secs(60);
        let k = key();
        let check = |s: Option<&str>, t: Option<&str>, b: &[u8], now| k.verify(s, t, b, w, at(now));
        assert_eq!(
            check(Some(&sig), Some("1000"), b"{ }", 1000),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            check(Some(&sig), Some("1001"), b"{}", 1000),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            check(Some(&sig), Some("1000"), b"{}", 1061),
            Err(Rejection::Stale)
        );
        assert_eq!(
            check(Some(&sig), Some("1000"), b"{}", 939),
            Err(Rejection::Stale)
        );
        assert_eq!(
            check(None, Some("1000"), b"{}", 1000),
            Err(Rejection::Missing)
        );
        assert_eq!(
            check(Some("zz"), Some("1000"), b"{}", 1000),
            Err(Rejection::Malformed)
        );
        assert_eq!(
            check(Some(&sig), Some("soon"), b"{}", 1000),
            Err(Rejection::Malformed)
        );
    }

    #[test]
    fn key_parsing_says_what_is_wrong() {
        assert!(PublicKey::from_hex("abc")
            .unwrap_err()
            .to_string()
            .contains("64 hex digits"));
        assert!(PublicKey::from_hex(&"g".repeat(64)).is_err());
        let debug = format!("{:?}", key());
        assert!(debug.starts_with("PublicKey(") && debug.len() == 64 + 11);
    }
}
