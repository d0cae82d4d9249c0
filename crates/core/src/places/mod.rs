//! Countries, their capitals and their peoples as one name ("Tokyo", "Japanese", "Japan"),
//! from the generated [`table`] (see `scripts/make-places.py` for its source and licence).

mod table;

pub use table::PLACE_WORDS;

/// The countries a lowercase word names (as country, capital or people), by ISO code.
pub fn countries(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    let from = PLACE_WORDS.partition_point(|(w, _)| *w < word);
    PLACE_WORDS[from..]
        .iter()
        .take_while(move |(w, _)| *w == word)
        .map(|(_, code)| *code)
}

/// Whether two lowercase words name the same country ("tokyo", "japanese").
pub fn same_country(a: &str, b: &str) -> bool {
    countries(a).any(|x| countries(b).any(|y| x == y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_bisection() {
        assert!(PLACE_WORDS.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn capitals_and_peoples_name_their_country() {
        assert!(same_country("tokyo", "japanese"));
        assert!(same_country("london", "british"));
        assert!(same_country("athens", "greece"));
        assert!(!same_country("athens", "turkish"));
        assert!(!same_country("minister", "minister"));
        assert_eq!(countries("dominican").count(), 2);
    }
}
