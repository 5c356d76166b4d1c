//! The syntax of an address: the part before @ (dot-atom of RFC 5321 over WHATWG's
//! characters), where dots may stand, and the lengths RFC 5321 allows.

use super::{DotError, EmailError};

/// The most octets RFC 5321 allows before the @.
pub(super) const MAX_LOCAL: usize = 64;
/// The most octets RFC 5321 allows in a whole address.
pub(super) const MAX_ADDRESS: usize = 254;

/// The ASCII punctuation that RFC 5322 `atext` (and so WHATWG) allows before the @.
const ATEXT_PUNCTUATION: &str = "!#$%&'*+-/=?^_`{|}~";

/// Checks the part before @ (which starts at byte 0 of the address).
pub(super) fn check_local(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::EmptyLocal);
    }
    if let Some((at, ch)) = local
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '.' || ATEXT_PUNCTUATION.contains(c)))
    {
        return Err(EmailError::LocalChar { ch, at });
    }
    if let Some(dot) = dot_error(local) {
        return Err(EmailError::LocalDot(dot));
    }
    if local.len() > MAX_LOCAL {
        return Err(EmailError::LocalTooLong { len: local.len() });
    }
    Ok(())
}

/// The first dot problem of a dot-separated string, if any.
pub(super) fn dot_error(s: &str) -> Option<DotError> {
    if s.starts_with('.') {
        Some(DotError::Leading)
    } else if s.ends_with('.') {
        Some(DotError::Trailing)
    } else if s.contains("..") {
        Some(DotError::Consecutive)
    } else {
        None
    }
}
