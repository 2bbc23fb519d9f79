//! What a message may hold: the size limits every payload is checked against, and the helpers
//! [`super::Request::parse`] uses to check them (overlay tokens, fill-in value sizes).

use super::Request;
use crate::template::FieldValue;
use std::collections::BTreeMap;

/// Longest accepted text field in a message (an import file may be large; a trigger may not).
#[cfg(feature = "pages")]
pub(super) const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;
pub(super) const MAX_TRIGGER_CHARS: usize = 256;
/// Longest worksheet draft a page may ask to insert.
#[cfg(feature = "pages")]
pub(super) const MAX_WORKSHEET_BYTES: usize = 64 * 1024;
/// Longest text a content script may send for regex matching (UTF-16 units; the table says 64).
pub(super) const MAX_REGEX_WINDOW: usize = 256;
/// Most fill-in values in one `expand`, and most text in all of them together.
pub(super) const MAX_VALUES: usize = 500;
pub(super) const MAX_VALUES_BYTES: usize = 1024 * 1024;
/// Longest word before the caret that opens the palette, and longest query (characters).
pub(super) const MAX_WORD_UTF16: usize = 64;
pub(super) const MAX_QUERY_CHARS: usize = 128;
/// Longest field text the palette sends (characters): a justification is a few thousand.
pub(super) const MAX_FIELD_CHARS: usize = 20_000;
/// Snippet ids are short (`snp_` + a ULID); anything much longer is not one.
pub(super) const MAX_ID_CHARS: usize = 64;

/// Whether `token` has the shape the background hands out: 32 lowercase hex digits.
pub(super) fn is_token(token: &str) -> bool {
    token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub(super) fn token_of(request: &Request) -> Option<&str> {
    match request {
        Request::OverlayForget(p)
        | Request::OverlayGet(p)
        | Request::OverlayDismiss(p)
        | Request::OverlayCheck(p)
        | Request::OverlaySaveField(p) => Some(&p.token),
        Request::OverlayPreview(p) | Request::OverlaySubmit(p) => Some(&p.token),
        Request::OverlaySearch(p) => Some(&p.token),
        Request::OverlayChoose(p) => Some(&p.token),
        Request::OverlayEntry(p) => Some(&p.token),
        _ => None,
    }
}

pub(super) fn values_size(values: &BTreeMap<String, FieldValue>) -> usize {
    values
        .iter()
        .map(|(k, v)| {
            k.len()
                + match v {
                    FieldValue::Bool(_) => 1,
                    FieldValue::Text(t) => t.len(),
                    FieldValue::List(items) => items.iter().map(String::len).sum(),
                }
        })
        .sum()
}
