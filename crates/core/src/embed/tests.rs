//! The loader on a tiny BERT this test builds itself (random weights, a twelve-word
//! vocabulary), so no download is needed. Agreement with sentence-transformers' own vectors
//! for the real model is checked in the integration tests.

use super::*;
use candle_nn::VarMap;
use tokenizers::models::wordpiece::WordPiece;
use tokenizers::normalizers::BertNormalizer;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::processors::bert::BertProcessing;

const WORDS: &[&str] = &[
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "report", "was", "denied", "ministry", "said",
    "troops", "gaza",
];

/// Writes a sentence-transformers folder holding a two-layer BERT with hidden size 16.
pub(crate) fn tiny_model(dir: &Path, pooling: &str) {
    std::fs::create_dir_all(dir.join("1_Pooling")).unwrap();
    let config = serde_json::json!({
        "vocab_size": WORDS.len(), "hidden_size": 16, "num_hidden_layers": 2,
        "num_attention_heads": 2, "intermediate_size": 32, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0, "max_position_embeddings": 64, "type_vocab_size": 2,
        "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
        "model_type": "bert"
    });
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    let cfg: BertConfig = serde_json::from_value(config).unwrap();
    let varmap = VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &Device::Cpu);
    BertModel::load(vb, &cfg).unwrap();
    varmap.save(dir.join("model.safetensors")).unwrap();
    let pool = serde_json::json!({
        "word_embedding_dimension": 16,
        "pooling_mode_cls_token": pooling == "cls",
        "pooling_mode_mean_tokens": pooling == "mean",
        "pooling_mode_max_tokens": pooling == "max",
    });
    std::fs::write(dir.join("1_Pooling/config.json"), pool.to_string()).unwrap();
    std::fs::write(
        dir.join("sentence_bert_config.json"),
        r#"{"max_seq_length": 8, "do_lower_case": false}"#,
    )
    .unwrap();
    let vocab = dir.join("vocab.txt");
    std::fs::write(&vocab, WORDS.join("\n")).unwrap();
    let wp = WordPiece::from_file(vocab.to_str().unwrap())
        .unk_token("[UNK]".into())
        .build()
        .unwrap();
    let mut tok = Tokenizer::new(wp);
    tok.with_normalizer(Some(BertNormalizer::default()))
        .unwrap();
    tok.with_pre_tokenizer(Some(BertPreTokenizer));
    tok.with_post_processor(Some(BertProcessing::new(
        ("[SEP]".into(), 3),
        ("[CLS]".into(), 2),
    )));
    tok.save(dir.join("tokenizer.json"), false).unwrap();
}

fn close(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-5)
}

#[test]
fn tiny_model_gives_unit_vectors() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), "mean");
    let e = Embedder::load(dir.path()).unwrap();
    assert_eq!(e.dim(), 16);
    let v = e.embed(&["The report was denied", "troops"]).unwrap();
    assert_eq!(v.len(), 2);
    for x in &v {
        assert_eq!(x.len(), 16);
        assert!(
            (dot(x, x) - 1.0).abs() < 1e-5,
            "not unit length: {}",
            dot(x, x)
        );
    }
    assert!(!close(&v[0], &v[1]), "different texts gave the same vector");
}

#[test]
fn padding_in_a_batch_changes_no_vector() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), "mean");
    let e = Embedder::load(dir.path()).unwrap();
    let texts = [
        "gaza",
        "the ministry said the report was denied",
        "troops said",
    ];
    let together = e.embed(&texts).unwrap();
    for (t, v) in texts.iter().zip(&together) {
        let alone = e.embed(&[t]).unwrap();
        assert!(close(&alone[0], v), "{t}: batch and single differ");
    }
}

#[test]
fn word_vectors_come_from_the_same_pass_and_do_not_depend_on_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), "mean");
    let e = Embedder::load(dir.path()).unwrap();
    // Six words: the tiny model keeps eight tokens, [CLS] and [SEP] among them.
    let texts = ["gaza", "the ministry said the report denied"];
    let (vecs, words) = e.embed_with_words(&texts, |_| {}).unwrap();
    assert_eq!(vecs, e.embed(&texts).unwrap());
    // Every word of the longer text, by its byte range, each token a unit vector.
    let spans: Vec<&str> = words[1].iter().map(|w| &texts[1][w.span.clone()]).collect();
    assert_eq!(spans, texts[1].split(' ').collect::<Vec<_>>());
    for t in words.iter().flatten().flat_map(|w| &w.tokens) {
        assert!((dot(t, t) - 1.0).abs() < 1e-5);
    }
    let (_, alone) = e.embed_with_words(&texts[..1], |_| {}).unwrap();
    assert_eq!(alone[0].len(), words[0].len());
    for (a, b) in alone[0].iter().zip(&words[0]) {
        assert_eq!(a.span, b.span);
        for (x, y) in a.tokens.iter().zip(&b.tokens) {
            assert!(close(x, y), "padding changed a token's vector");
        }
    }
}

#[test]
fn long_text_is_truncated_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), "cls");
    let e = Embedder::load(dir.path()).unwrap();
    let long = "the report was denied ".repeat(50);
    let v = e.embed(&[&long, ""]).unwrap();
    assert_eq!(v[0].len(), 16);
    assert_eq!(v[1].len(), 16);
}

#[test]
fn identity_follows_the_weights() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    tiny_model(a.path(), "mean");
    tiny_model(b.path(), "mean");
    let ea = Embedder::load(a.path()).unwrap();
    let eb = Embedder::load(b.path()).unwrap();
    // Random weights differ between the two folders, so their identities do.
    assert_ne!(
        ea.id().split('@').nth(1),
        eb.id().split('@').nth(1),
        "two different models share an identity"
    );
    assert_eq!(Embedder::load(a.path()).unwrap().id(), ea.id());
}

#[test]
fn a_damaged_folder_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), "max");
    std::fs::write(dir.path().join("model.safetensors"), b"not safetensors").unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("model.safetensors"), "{err}");
    std::fs::remove_file(dir.path().join("tokenizer.json")).unwrap();
    let err = Embedder::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("tokenizer.json"), "{err}");
}

#[test]
fn mean_pooling_skips_padding() {
    let hidden = Tensor::new(&[[[1f32, 2.], [3., 4.], [100., 100.]]], &Device::Cpu).unwrap();
    let mask = Tensor::new(&[[1u32, 1, 0]], &Device::Cpu).unwrap();
    let mean = Pooling::Mean
        .pool(&hidden, &mask)
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    assert_eq!(mean, vec![vec![2.0, 3.0]]);
    let max = Pooling::Max
        .pool(&hidden, &mask)
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    assert_eq!(max, vec![vec![3.0, 4.0]]);
    let cls = Pooling::Cls
        .pool(&hidden, &mask)
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    assert_eq!(cls, vec![vec![1.0, 2.0]]);
}

#[test]
fn unsupported_pooling_is_refused() {
    let err = Pooling::from_json(br#"{"pooling_mode_mean_sqrt_len_tokens": true}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not supported"), "{err}");
    let err = Pooling::from_json(b"{}").unwrap_err().to_string();
    assert!(err.contains("exactly one"), "{err}");
    assert!(err.starts_with("1_Pooling/config.json: "), "{err}");
}
