//! `enumeration`: a name listed beside known services (`Frob, Gitea and Zorbix`,
//! `Gitea/Zorbix/Frob`). The list says what kind of thing its items are, so one
//! known item vouches for an unknown one; a lower-case item needs two.

use super::evidence::{Context, Strength, line_of, service};
use crate::document::BlockKind;
use crate::extract::records::{ServiceEvidence, ServiceRef};
use rustc_hash::FxHashSet as HashSet;

/// Every `enumeration` finding, given what the other rules found.
pub fn find(c: &Context, found: &[(usize, ServiceRef)]) -> Vec<(usize, ServiceRef)> {
    let known: HashSet<String> = found.iter().map(|(_, s)| super::squash(&s.name)).collect();
    let is_known =
        |item: &str| c.catalogue.lookup(item).is_some() || known.contains(&super::squash(item));
    let mut out = Vec::new();
    for (i, b) in c.blocks.iter().enumerate() {
        if b.kind == BlockKind::Code {
            continue;
        }
        let mut offset = 0;
        for clause in b
            .text
            .split_inclusive(['(', ')', ':', ';', '\n', '.', '!', '?'])
        {
            let items = edges(items(clause, offset));
            offset += clause.len();
            if items.len() < 3 || items.iter().any(|(_, item)| item.split(' ').count() > 2) {
                continue;
            }
            let sure = items.iter().filter(|(_, item)| is_known(item)).count();
            let unsure = items.len() - sure;
            if sure == 0 || unsure > sure + 1 {
                continue;
            }
            for (at, item) in items.iter().filter(|(_, item)| !is_known(item)) {
                let capitalised = item.starts_with(char::is_uppercase);
                let one_token = !item.contains(' ');
                if one_token && (capitalised || sure >= 2) && c.accepts(item, Strength::Strong) {
                    out.push((
                        i,
                        service(item, line_of(b, *at), ServiceEvidence::Enumeration),
                    ));
                }
            }
        }
    }
    out
}

/// A list inside a sentence: the first item is the last word of the text before
/// it (`we run Gitea, …`), the last item the first word after it (`…, Frob are up`).
fn edges(mut items: Vec<(usize, &str)>) -> Vec<(usize, &str)> {
    if let Some((at, first)) = items.first_mut()
        && let Some(space) = first.rfind(' ')
    {
        *at += space + 1;
        *first = &first[space + 1..];
    }
    if items.len() > 1
        && let Some((_, last)) = items.last_mut()
        && let Some(space) = last.find(' ')
    {
        *last = &last[..space];
    }
    items
}

/// The items of a list, with their byte offsets in the block: split at commas,
/// slashes, `&`, `and` and `or`, trimmed of markup.
fn items<'t>(clause: &'t str, offset: usize) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = clause.as_bytes();
    let mut k = 0;
    let push = |from: usize, to: usize, out: &mut Vec<(usize, &'t str)>| {
        let piece = &clause[from..to];
        let trimmed = piece.trim_start_matches(|ch: char| !ch.is_alphanumeric());
        let lead = piece.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        if !trimmed.is_empty() {
            out.push((offset + from + lead, trimmed));
        }
    };
    while k < bytes.len() {
        let separator = match bytes[k] {
            b',' | b'/' | b'&' => Some(1),
            b' ' if clause[k..].starts_with(" and ") => Some(4),
            b' ' if clause[k..].starts_with(" or ") => Some(3),
            _ => None,
        };
        if let Some(len) = separator {
            push(start, k, &mut out);
            start = k + len;
            k += len;
        } else {
            k += 1;
        }
    }
    push(start, clause.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ServiceCatalogue;
    use crate::document::Block;

    fn found(text: &str) -> Vec<String> {
        let cat = ServiceCatalogue::parse("Gitea\t\t\nForgejo\t\t\n");
        let blocks = [Block::new(BlockKind::Paragraph, 0, text.to_string(), 1, 1)];
        find(&Context::new(&blocks, &cat), &[])
            .into_iter()
            .map(|(_, s)| s.name)
            .collect()
    }

    #[test]
    fn unknown_names_listed_with_known_ones() {
        assert_eq!(
            found("We run Gitea, Zorbix and Frobnik."),
            vec!["Zorbix", "Frobnik"]
        );
        assert_eq!(found("Gitea/Forgejo/zorbix"), vec!["zorbix"]);
        assert!(found("Gitea, zorbix and Frobnik").len() == 1);
        assert!(found("Gitea, Oliver, Tuesday and Window").is_empty());
        assert!(found("Zorbix, Frobnik and Quuxly").is_empty());
    }
}
