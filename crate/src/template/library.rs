//! Templates meet the user's library: a [`SnippetResolver`] over the snippets, and case
//! propagation that keeps `{cursor}` positions on the same characters.

use super::context::{ResolvedSnippet, SnippetResolver};
use crate::model::Snippet;
use crate::triggers::{apply_case, TypedCase};

/// Finds snippets for `{snippet: …}` by trigger (exact, then ignoring case), then by label.
pub struct LibraryResolver<'a>(pub &'a [Snippet]);

impl SnippetResolver for LibraryResolver<'_> {
    fn resolve(&self, reference: &str) -> Option<ResolvedSnippet> {
        let r = reference.trim();
        let by_trigger = |exact: bool| {
            self.0.iter().find_map(|s| {
                s.triggers
                    .iter()
                    .find(|t| {
                        if exact {
                            *t == r
                        } else {
                            t.to_lowercase() == r.to_lowercase()
                        }
                    })
                    .map(|t| (s, t.clone()))
            })
        };
        let (snippet, name) = by_trigger(true).or_else(|| by_trigger(false)).or_else(|| {
            self.0
                .iter()
                .find(|s| !s.label.is_empty() && s.label.to_lowercase() == r.to_lowercase())
                .map(|s| (s, s.label.clone()))
        })?;
        Some(ResolvedSnippet {
            key: snippet.meta.id.clone(),
            name,
            template: snippet.template.clone(),
        })
    }
}

/// Applies case propagation to `text` while keeping UTF-16 `cursors` on the same characters
/// (upper-casing can change lengths: `ß` becomes `SS`).
pub fn apply_case_keeping_cursors(
    text: &str,
    cursors: &[u32],
    case: TypedCase,
) -> (String, Vec<u32>) {
    if case == TypedCase::AsIs {
        return (text.to_string(), cursors.to_vec());
    }
    // Cut the text at each cursor (byte offsets), case each piece, and measure again.
    let mut cuts = Vec::with_capacity(cursors.len());
    let mut units = 0u32;
    let mut chars = text.char_indices().peekable();
    for &c in cursors {
        while units < c {
            let Some((_, ch)) = chars.next() else { break };
            units += ch.len_utf16() as u32;
        }
        cuts.push(chars.peek().map_or(text.len(), |(i, _)| *i));
    }
    let mut out = String::with_capacity(text.len());
    let mut moved = Vec::with_capacity(cuts.len());
    let mut start = 0;
    let mut case = case;
    for cut in cuts.iter().copied().chain([text.len()]) {
        let piece = text.get(start..cut).unwrap_or_default();
        out.push_str(&apply_case(piece, case));
        if case == TypedCase::Capitalized && piece.chars().any(char::is_alphabetic) {
            case = TypedCase::AsIs;
        }
        moved.push(out.encode_utf16().count() as u32);
        start = cut.max(start);
    }
    moved.truncate(cursors.len());
    (out, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_keeps_cursors_on_their_characters() {
        let (t, c) = apply_case_keeping_cursors("ß👍a", &[1, 3], TypedCase::Upper);
        assert_eq!((t.as_str(), c), ("SS👍A", vec![2, 4]));
        let (t, c) = apply_case_keeping_cursors(" x y", &[1, 2], TypedCase::Capitalized);
        assert_eq!((t.as_str(), c), (" X y", vec![1, 2]));
    }
}
