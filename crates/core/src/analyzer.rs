//! The text analyzer shared by indexing and querying: words split on non-alphanumerics,
//! lowercased, accents folded, English stopwords removed, and Snowball-stemmed. Tantivy does
//! not store tokenizers with an index, so [`register`] runs on every open.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenStream,
};
use tantivy::Index;

/// The analyzer's name in tantivy's tokenizer manager.
pub const ANALYZER: &str = "storybot_en";

/// English stopwords: function words, question words, and contraction fragments.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "d",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "ll",
    "m",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "o",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "re",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "ve",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "y",
    "also",
    "may",
    "might",
    "must",
    "shall",
    "whose",
    "whether",
    "yet",
    "ever",
    "tell",
    "me",
    "us",
    "anything",
    "something",
    "thing",
    "things",
    "know",
    "please",
    "happened",
    "happen",
];

/// Whether a word (as written) carries content: it has a letter or digit and is not one of
/// the [`STOPWORDS`]. Word alignment matches only such words, on both sides.
pub fn is_content_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower.chars().any(char::is_alphanumeric) && !STOPWORDS.contains(&lower.as_str())
}

/// Builds the analyzer.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOPWORDS.iter().map(|w| w.to_string()),
        ))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Registers the analyzer with an index (needed on every open).
pub fn register(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// One analyzed word: its stem and where it stands in the text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The stem as indexed.
    pub stem: String,
    /// Start byte offset in the original text.
    pub from: usize,
    /// End byte offset in the original text.
    pub to: usize,
}

/// Analyzes `text` into stems with their offsets.
pub fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Word {
            stem: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    out
}

/// The stems of `text`, in order.
pub fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    words(analyzer, text).into_iter().map(|w| w.stem).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_fold_and_drop_stopwords() {
        let mut a = analyzer();
        assert_eq!(stems(&mut a, "Who denied the reports?"), ["deni", "report"]);
        assert_eq!(
            stems(&mut a, "Pakistan\u{2019}s troops"),
            ["pakistan", "troop"]
        );
        assert_eq!(stems(&mut a, "what is the"), Vec::<String>::new());
    }

    #[test]
    fn content_words_have_a_letter_or_digit_and_are_not_stopwords() {
        assert!(is_content_word("Ministry"));
        assert!(is_content_word("20,000"));
        assert!(!is_content_word("The"));
        assert!(!is_content_word("what"));
        assert!(!is_content_word("\u{2014}"));
        assert!(!is_content_word(","));
    }
}
