//! English words, to tell a product's name from an ordinary word.
//!
//! Computing jargon (`config`, `async`) counts as ordinary too: it names no product.
//! The list keeps base forms only; a lookup strips common inflections so that
//! `runners`, `deployed` and `crater` are found through `runner`, `deploy` and `crate`.

use crate::extract::lexicon;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

static WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../data/lexicon/english-words.txt")
        .lines()
        .chain(include_str!("../../../data/lexicon/tech-words.txt").lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Inflections stripped before a lookup, with what to put back (`-ied` -> `-y`).
const SUFFIXES: &[(&str, &str)] = &[
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("est", ""),
    ("est", "e"),
    ("es", ""),
    ("ed", ""),
    ("ed", "e"),
    ("er", ""),
    ("er", "e"),
    ("ly", ""),
    ("s", ""),
    ("d", ""),
];

/// Endings that derive a new English word from an English stem (`bugless`, `containerize`).
const DERIVATIONS: &[&str] = &["less", "able", "ness", "ize", "ise", "ized", "ised", "ful"];

/// Whether a word (any case) is an English word, an inflection or a derivation of one.
pub fn is_english(word: &str) -> bool {
    let lower = word.to_lowercase();
    inflected(&lower)
        || DERIVATIONS.iter().any(|d| {
            lower
                .strip_suffix(d)
                .is_some_and(|stem| stem.len() >= 3 && inflected(stem))
        })
}

fn known(word: &str) -> bool {
    WORDS.contains(word) || lexicon::COMMON_WORDS.contains(&word)
}

fn inflected(lower: &str) -> bool {
    known(lower)
        || SUFFIXES.iter().any(|(suffix, back)| {
            lower
                .strip_suffix(suffix)
                .is_some_and(|stem| stem.len() >= 2 && known(&format!("{stem}{back}")))
        })
}

/// Whether a long lower-case word is one typing slip away from an English word
/// (`seperate`, `grammer`): a misspelling, not a name. Linear in the word's length.
pub fn is_misspelling(word: &str) -> bool {
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    if lower.len() < 7 || !lower.iter().all(char::is_ascii_lowercase) || is_english(word) {
        return false;
    }
    let as_word = |chars: &[char]| known(&chars.iter().collect::<String>());
    let n = lower.len();
    for i in 0..n {
        let mut deleted = lower.clone();
        deleted.remove(i);
        if as_word(&deleted) {
            return true;
        }
        if i + 1 < n {
            let mut swapped = lower.clone();
            swapped.swap(i, i + 1);
            if as_word(&swapped) {
                return true;
            }
        }
        for c in 'a'..='z' {
            let mut changed = lower.clone();
            changed[i] = c;
            if as_word(&changed) {
                return true;
            }
            let mut inserted = lower.clone();
            inserted.insert(i, c);
            if as_word(&inserted) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_their_inflections_are_english() {
        for w in [
            "server",
            "Servers",
            "deployed",
            "running",
            "libraries",
            "crater",
            "configs",
        ] {
            assert!(is_english(w), "{w}");
        }
        for w in ["kubectl", "zorbleflux", "libfoo"] {
            assert!(!is_english(w), "{w}");
        }
        assert!(is_english("bugless"));
    }

    #[test]
    fn misspellings_are_one_slip_from_a_word() {
        for w in ["seperate", "grammer", "standalong"] {
            assert!(is_misspelling(w), "{w}");
        }
        for w in ["zorbleflux", "separate", "frob"] {
            assert!(!is_misspelling(w), "{w}");
        }
    }
}
