//! The probe's results, kept between runs: a second `zngc layout` on
//! unchanged inputs reads them instead of building. The key covers
//! everything the numbers depend on: the compiler (`rustc -vV`), the
//! target, the features, the probe's text, the manifest, the lock file and
//! every file of the crate's source folder (except the generated module,
//! which the probe replaces).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    values: Vec<u64>,
}

/// Accumulates the inputs of a key.
pub struct KeyBuilder {
    /// Two independently seeded hashers: a 128-bit key.
    hashers: [DefaultHasher; 2],
}

impl KeyBuilder {
    pub fn new() -> KeyBuilder {
        let mut hashers = [DefaultHasher::new(), DefaultHasher::new()];
        for (seed, hasher) in hashers.iter_mut().enumerate() {
            seed.hash(hasher);
        }
        KeyBuilder { hashers }
    }

    pub fn add(&mut self, bytes: &[u8]) {
        for hasher in &mut self.hashers {
            bytes.hash(hasher);
        }
    }

    /// Adds a file's path (relative to `base`) and contents; a missing file
    /// counts as empty but is still told apart from an empty one.
    pub fn add_file(&mut self, base: &Path, path: &Path) {
        let relative = path.strip_prefix(base).unwrap_or(path);
        self.add(relative.to_string_lossy().as_bytes());
        match std::fs::read(path) {
            Ok(bytes) => {
                self.add(b"+");
                self.add(&bytes);
            }
            Err(_) => self.add(b"-"),
        }
    }

    /// Adds every file under `dir` except `skip`, in a fixed order.
    pub fn add_tree(&mut self, dir: &Path, skip: &Path) -> io::Result<()> {
        let mut files = Vec::new();
        list_files(dir, skip, &mut files)?;
        files.sort();
        for file in files {
            self.add_file(dir, &file);
        }
        Ok(())
    }

    pub fn finish(self) -> String {
        let [a, b] = self.hashers;
        format!("{:016x}{:016x}", a.finish(), b.finish())
    }
}

fn list_files(dir: &Path, skip: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if path == skip {
            continue;
        }
        if entry.file_type()?.is_dir() {
            list_files(&path, skip, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

/// The cached values if the entry at `path` has `key`.
pub fn load(path: &Path, key: &str) -> Option<Vec<u64>> {
    let bytes = std::fs::read(path).ok()?;
    let entry: Entry = serde_json::from_slice(&bytes).ok()?;
    (entry.key == key).then_some(entry.values)
}

/// Stores `values` under `key`, replacing the entry atomically so that a
/// concurrent reader never sees half a file.
pub fn store(path: &Path, key: &str, values: &[u64]) -> io::Result<()> {
    let entry = Entry {
        key: key.to_owned(),
        values: values.to_vec(),
    };
    let json = serde_json::to_vec(&entry).map_err(io::Error::other)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let partial = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&partial, json)?;
    std::fs::rename(&partial, path)
}
