//! Reading export archives safely, entirely in memory: no entry is written to disk, entries
//! whose names escape the root are refused, and inflation is capped by size and by ratio
//! while reading, so a zip bomb is stopped before its declared (or lied-about) size is
//! allocated.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Limits applied to every archive.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest inflated size of one entry.
    pub max_entry_bytes: u64,
    /// Largest inflated size of all entries together.
    pub max_total_bytes: u64,
    /// Largest inflated/compressed ratio, checked once an entry passes `ratio_floor` bytes.
    pub max_ratio: u64,
    /// Below this inflated size the ratio is not checked (tiny repetitive files are harmless).
    pub ratio_floor: u64,
    /// Most entries an archive may hold.
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: 512 * 1024 * 1024,
            max_total_bytes: 2 * 1024 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor: 1024 * 1024,
            max_entries: 10_000,
        }
    }
}

/// One file taken from an archive.
pub struct Entry {
    /// Its path inside the archive, with `/` separators.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// True when `bytes` start like a zip archive.
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") || bytes.starts_with(b"PK\x07\x08")
}

/// Checks an entry name: no absolute paths, drive letters or `..` components.
fn safe_name(name: &str) -> std::result::Result<(), &'static str> {
    let unified = name.replace('\\', "/");
    if unified.starts_with('/') {
        return Err("absolute path");
    }
    if unified.len() > 1 && unified.as_bytes()[1] == b':' {
        return Err("absolute path (drive letter)");
    }
    if unified.split('/').any(|part| part == "..") {
        return Err("path leaves the archive (\"..\")");
    }
    if unified.contains('\0') {
        return Err("NUL byte in name");
    }
    Ok(())
}

/// Reads every file entry of the zip archive `bytes` (named `path` in messages).
///
/// Directory entries are skipped. Any refused entry refuses the whole archive: an archive
/// that carries a path-escaping or bomb entry is not a LinkedIn export to be trusted.
pub fn read_zip(path: &Path, bytes: &[u8], limits: Limits) -> Result<Vec<Entry>> {
    let corrupt = |what: String| Error::Archive {
        path: path.to_path_buf(),
        what,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| corrupt(format!("truncated or corrupt zip archive ({e})")))?;
    if archive.len() > limits.max_entries {
        return Err(corrupt(format!(
            "archive has {} entries, more than the limit of {}",
            archive.len(),
            limits.max_entries
        )));
    }
    let mut entries = Vec::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut file = archive
            .by_index(index)
            .map_err(|e| corrupt(format!("corrupt entry #{index} ({e})")))?;
        let name = file.name().to_string();
        let refuse = |why: String| Error::Refused {
            path: path.to_path_buf(),
            entry: name.clone(),
            why,
        };
        safe_name(&name).map_err(|why| refuse(why.to_string()))?;
        if file.is_dir() {
            continue;
        }
        let declared = file.size();
        if declared > limits.max_entry_bytes {
            return Err(refuse(format!(
                "declares {} inflated, over the limit of {}",
                human_bytes(declared),
                human_bytes(limits.max_entry_bytes)
            )));
        }
        let compressed = file.compressed_size().max(1);
        // Read in chunks, checking limits as the data actually inflates: the declared size
        // may lie, so it only bounds the first allocation, never the loop.
        let mut data = Vec::with_capacity(declared.min(64 * 1024 * 1024) as usize);
        let mut chunk = vec![0u8; 256 * 1024];
        loop {
            let n = match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(corrupt(format!("entry \"{name}\" is corrupt ({e})"))),
            };
            data.extend_from_slice(&chunk[..n]);
            let size = data.len() as u64;
            if size > limits.max_entry_bytes {
                return Err(refuse(format!(
                    "inflates past the limit of {}",
                    human_bytes(limits.max_entry_bytes)
                )));
            }
            if size > limits.ratio_floor && size / compressed > limits.max_ratio {
                return Err(refuse(format!(
                    "compression ratio over {}:1 (a zip bomb?)",
                    limits.max_ratio
                )));
            }
            if total + size > limits.max_total_bytes {
                return Err(refuse(format!(
                    "archive inflates past the limit of {} in total",
                    human_bytes(limits.max_total_bytes)
                )));
            }
        }
        total += data.len() as u64;
        entries.push(Entry { name, bytes: data });
    }
    Ok(entries)
}

/// `512 MiB`, `3.2 KiB`.
pub(crate) fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in files {
            writer.start_file(*name, SimpleFileOptions::default()).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_entries_and_refuses_escapes() {
        let ok = zip_of(&[("Connections.csv", b"a,b"), ("Jobs/x.csv", b"c")]);
        let entries = read_zip(Path::new("x.zip"), &ok, Limits::default()).unwrap();
        assert_eq!(entries.len(), 2);
        for bad in ["../evil.csv", "/etc/passwd", "a/../../b.csv", "C:/x.csv"] {
            let zip = zip_of(&[(bad, b"x")]);
            let err = read_zip(Path::new("x.zip"), &zip, Limits::default())
                .err()
                .map(|e| e.to_string());
            assert!(err.as_deref().is_some_and(|e| e.contains("refused")), "{bad}: {err:?}");
        }
    }

    #[test]
    fn bombs_are_refused_without_allocating() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let zip = zip_of(&[("Connections.csv", &zeros)]);
        let err = read_zip(Path::new("b.zip"), &zip, Limits::default())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("ratio"), "{err}");
        let limits = Limits {
            max_entry_bytes: 1024,
            ..Limits::default()
        };
        let err = read_zip(Path::new("b.zip"), &zip, limits).err().unwrap().to_string();
        assert!(err.contains("limit"), "{err}");
    }

    #[test]
    fn corrupt_and_truncated() {
        let ok = zip_of(&[("Connections.csv", b"First Name,Last Name")]);
        assert!(read_zip(Path::new("t.zip"), &ok[..ok.len() / 2], Limits::default()).is_err());
        assert!(read_zip(Path::new("r.zip"), b"PK\x03\x04garbage", Limits::default()).is_err());
    }
}
