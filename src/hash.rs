//! A small, stable 64-bit hash (FNV-1a). Stable across runs, versions and platforms, unlike
//! `std`'s `RandomState`, so fingerprints stored in the workspace keep their meaning.

/// FNV-1a, 64-bit, fed piece by piece.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    /// A fresh hasher.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds bytes, followed by a separator so that ("ab","c") and ("a","bc") differ.
    pub(crate) fn add(&mut self, bytes: &[u8]) -> &mut Self {
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
    pub(crate) fn add_str(&mut self, s: &str) -> &mut Self {
        self.add(s.as_bytes())
    }

    /// The hash as a signed integer, the type SQLite stores natively.
    pub(crate) fn finish(self) -> i64 {
        // The same 64 bits, read as signed.
        i64::from_ne_bytes(self.0.to_ne_bytes())
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
        assert_eq!(
            Fingerprint::new().finish().to_ne_bytes(),
            0xcbf2_9ce4_8422_2325u64.to_ne_bytes()
        );
    }
}

/// A fast hasher for in-memory maps keyed by workspace ids (FxHash's rotate-multiply).
/// Not resistant to chosen keys, so it is used only for integer ids kith assigns itself,
/// never for strings that come from an export.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, value: i64) {
        self.write_u64(u64::from_ne_bytes(value.to_ne_bytes()));
    }

    fn write_u32(&mut self, value: u32) {
        self.write_u64(u64::from(value));
    }

    fn write_usize(&mut self, value: usize) {
        self.write_u64(u64::from_ne_bytes(value.to_ne_bytes()));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` keyed by ids, with [`IdHasher`].
pub(crate) type IdMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;
/// A `HashSet` of ids, with [`IdHasher`].
pub(crate) type IdSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<IdHasher>>;
