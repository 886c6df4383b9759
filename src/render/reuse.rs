//! Pictures cached by content (preview cards, chart downloads): a picture's file name holds a
//! hash of everything it is drawn from, so a build takes a file of that name from the previous
//! output instead of drawing it again. Nothing is kept anywhere but in the output itself.

use std::path::Path;

use super::{Delivery, OutputFile};
use crate::error::Failure;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits: stable across Rust versions and machines (std's hasher is not).
pub fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The hash a kind of picture starts from: its drawing's `version` (changed when the drawing
/// changes in a way its inputs do not show) and the fonts it is drawn with.
pub fn seed(version: &str, fonts: &[Vec<u8>]) -> u64 {
    (fonts.iter()).fold(fnv(FNV_OFFSET, version.as_bytes()), |hash, font| {
        fnv(hash, font)
    })
}

/// The previous output's file at `path` taken as this build's, if there is a previous output
/// and the file is in it (its name is its content's hash).
pub fn reused(
    delivery: &Delivery,
    previous: Option<&Path>,
    path: &str,
) -> Result<Option<OutputFile>, Failure> {
    match previous {
        Some(previous) => delivery.reused(previous, path),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_published_function() {
        assert_eq!(fnv(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(seed("cards 1", &[]), seed("charts 1", &[]));
    }
}
