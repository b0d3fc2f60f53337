//! Sorting by text on all cores, quicker than comparing whole strings: ids
//! and titles share long beginnings (`meeting/<file>/item/`), so most
//! comparisons of whole strings read the same bytes again. Each text's first
//! 24 bytes are read once, as integers, and decide most comparisons; texts
//! with the same beginning are compared whole.

use rayon::prelude::*;

/// The first 24 bytes of a text, zero-padded, as integers in byte order:
/// texts whose prefixes differ are in the order of their prefixes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Prefix([u64; 3]);

impl Prefix {
    fn of(text: &str) -> Self {
        let mut bytes = [0u8; 24];
        let n = text.len().min(24);
        bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
        let word =
            |k: usize| u64::from_be_bytes(bytes[8 * k..8 * k + 8].try_into().expect("eight bytes"));
        Prefix([word(0), word(1), word(2)])
    }
}

/// Sorts `items` by the byte order of `text` of each (as `str::cmp`), on all
/// cores; items of equal text in any order.
pub fn par_sort_by_text<T: Send>(items: &mut Vec<T>, text: impl Fn(&T) -> &str + Sync) {
    // Reading each text's beginning waits on memory, text by text: on all cores too.
    let mut keyed: Vec<(Prefix, T)> = items
        .par_drain(..)
        .map(|item| (Prefix::of(text(&item)), item))
        .collect();
    keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| text(&a.1).cmp(text(&b.1))));
    keyed
        .par_drain(..)
        .map(|(_, item)| item)
        .collect_into_vec(items);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_in_byte_order() {
        let long = "meeting/a-long-community-name/2024-01-01";
        let mut texts: Vec<String> = vec![
            String::new(),
            "a".into(),
            "a\0".into(),
            "a\0\0b".into(),
            "ab".into(),
            "é".into(),
            "e\u{301}".into(),
            "\u{10FFFF}".into(),
            "exactly-twenty-four-byte".into(),
            "exactly-twenty-four-bytes".into(),
            "exactly-twenty-four-byt".into(),
        ];
        for n in [1, 2, 10, 11, 100, 1000] {
            texts.push(format!("{long}/item/{n}"));
            texts.push(format!("{long}/decision/{n}"));
            texts.push(format!("{long}-2/item/{n}"));
        }
        let mut expected = texts.clone();
        expected.sort();
        // Numbered, and in an order unlike the sorted one.
        let mut items: Vec<(String, usize)> = texts.into_iter().rev().zip(0..).collect();
        par_sort_by_text(&mut items, |(t, _)| t);
        let got: Vec<&String> = items.iter().map(|(t, _)| t).collect();
        assert_eq!(got, expected.iter().collect::<Vec<_>>());
    }
}
