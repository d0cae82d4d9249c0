//! Token vectors to one sentence vector, as sentence-transformers' `Pooling` module does,
//! read from the model's `1_Pooling/config.json`: mean over real tokens (the default of
//! most sentence-transformers models), the CLS token, or the element-wise max.

use crate::{Error, Result};
use candle_core::{DType, Tensor, D};

/// How token vectors become one vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pooling {
    /// Mean over the tokens the attention mask keeps.
    Mean,
    /// The first token's vector.
    Cls,
    /// Element-wise maximum over kept tokens.
    Max,
}

#[derive(serde::Deserialize)]
struct PoolingConfig {
    #[serde(default)]
    pooling_mode_cls_token: bool,
    #[serde(default)]
    pooling_mode_mean_tokens: bool,
    #[serde(default)]
    pooling_mode_max_tokens: bool,
    #[serde(default)]
    pooling_mode_mean_sqrt_len_tokens: bool,
}

impl Pooling {
    /// Reads `1_Pooling/config.json`; exactly one supported mode must be on.
    pub(super) fn from_json(raw: &[u8]) -> Result<Pooling> {
        let bad = |reason: String| Error::BadPooling { reason };
        let c: PoolingConfig = serde_json::from_slice(raw).map_err(|e| bad(e.to_string()))?;
        if c.pooling_mode_mean_sqrt_len_tokens {
            return Err(bad(
                "mean_sqrt_len pooling is not supported; use a model with mean, cls or max pooling"
                    .into(),
            ));
        }
        match (
            c.pooling_mode_mean_tokens,
            c.pooling_mode_cls_token,
            c.pooling_mode_max_tokens,
        ) {
            (true, false, false) => Ok(Pooling::Mean),
            (false, true, false) => Ok(Pooling::Cls),
            (false, false, true) => Ok(Pooling::Max),
            _ => Err(bad(
                "exactly one of mean, cls or max pooling must be on".into()
            )),
        }
    }

    /// `hidden`: (batch, tokens, dim); `mask`: (batch, tokens) of 0/1. Returns (batch, dim).
    pub(super) fn pool(self, hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(D::Minus1)?;
        match self {
            Pooling::Mean => {
                let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
                let counts = mask.sum(1)?.clamp(1e-9, f64::MAX)?;
                summed.broadcast_div(&counts)
            }
            Pooling::Cls => hidden.narrow(1, 0, 1)?.squeeze(1),
            Pooling::Max => {
                // Masked tokens are pushed far down so they never win the maximum.
                let low = ((mask.ones_like()? - &mask)? * -1e9)?;
                hidden.broadcast_add(&low)?.max(1)
            }
        }
    }
}
