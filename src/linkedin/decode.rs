//! Turning a file's bytes into text: BOMs, UTF-16 (the legacy TAB files), cp1252 from Excel,
//! and stray invalid UTF-8, each noted so the import summary can say what it did.

use std::borrow::Cow;

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Windows-1252, as Excel writes on Western Windows machines.
    Cp1252,
    /// Mostly UTF-8 with invalid fragments, which were replaced by U+FFFD.
    Utf8Lossy,
}

impl Encoding {
    /// A short label for the import summary.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Cp1252 => "cp1252",
            Encoding::Utf8Lossy => "UTF-8 with invalid bytes replaced",
        }
    }
}

/// Decodes `bytes` to text, detecting the encoding. Never fails: the worst case is a lossy
/// decode, which is reported through the returned [`Encoding`].
#[must_use]
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => (Cow::Borrowed(s), Encoding::Utf8Bom),
            Err(_) => (
                Cow::Owned(String::from_utf8_lossy(rest).into_owned()),
                Encoding::Utf8Lossy,
            ),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return (Cow::Owned(text.into_owned()), Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16BE.decode(bytes);
        return (Cow::Owned(text.into_owned()), Encoding::Utf16Be);
    }
    if let Some(le) = looks_like_utf16_without_bom(bytes) {
        let codec = if le {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _) = codec.decode_without_bom_handling(bytes);
        return (
            Cow::Owned(text.into_owned()),
            if le { Encoding::Utf16Le } else { Encoding::Utf16Be },
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => {
            if mostly_utf8(bytes) {
                (
                    Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
                    Encoding::Utf8Lossy,
                )
            } else {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (Cow::Owned(text.into_owned()), Encoding::Cp1252)
            }
        }
    }
}

/// ASCII text in UTF-16 has a NUL in every other byte; looks at the first few hundred bytes.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nuls * 10 >= pairs * 8 && even_nuls * 10 <= pairs {
        Some(true)
    } else if even_nuls * 10 >= pairs * 8 && odd_nuls * 10 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// True when valid multi-byte UTF-8 sequences outnumber the invalid bytes: a UTF-8 file with
/// a few damaged fragments rather than a cp1252 file.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multibyte +=
                    std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| c.len_utf8() > 1).count());
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                invalid += 1;
                rest = &bad[skip.min(bad.len())..];
            }
        }
    }
    valid_multibyte > invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decode(b"a,b").1, Encoding::Utf8);
        let (text, enc) = decode(b"\xEF\xBB\xBFFirst Name");
        assert_eq!((text.as_ref(), enc), ("First Name", Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "\"Skill\"\t\"Zoë\"".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let (text, enc) = decode(&le);
        assert_eq!(enc, Encoding::Utf16Le);
        assert_eq!(text, "\"Skill\"\t\"Zoë\"");
        let (text, enc) = decode(&le[2..]);
        assert_eq!(enc, Encoding::Utf16Le);
        assert_eq!(text, "\"Skill\"\t\"Zoë\"");
    }

    #[test]
    fn cp1252_and_damaged_utf8() {
        let (text, enc) = decode(b"Jos\xe9 Mu\xf1oz,Caf\xe9");
        assert_eq!(enc, Encoding::Cp1252);
        assert_eq!(text, "José Muñoz,Café");
        let damaged: Vec<u8> = "Zoë Ünal, Ørsted ".bytes().chain([0xff]).collect();
        let (text, enc) = decode(&damaged);
        assert_eq!(enc, Encoding::Utf8Lossy);
        assert!(text.starts_with("Zoë Ünal"));
    }
}
