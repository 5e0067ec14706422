//! The market dataset this server uses: the shipped files, then the configured directory's, then the
//! files admins uploaded (kept in the database). It is rebuilt whole and swapped in on each change,
//! so a request always computes with one consistent set of figures.

use crate::error::{AppError, AppResult};
use anyhow::{anyhow, Context};
use hireloop_core::ids::UserId;
use hireloop_core::market::currency::UsdRates;
use hireloop_core::market::dataset::SHIPPED_FILES;
use hireloop_core::market::{Dataset, DatasetError};
use hireloop_store::records::MarketFile;
use hireloop_store::Store;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::{Arc, RwLock};

/// A data file: its name and its TOML text.
pub type NamedFile = (String, String);

/// Where a file in effect comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FileOrigin {
    /// Embedded in the hireloop binary.
    Shipped,
    /// The server's market data directory (`--market-data DIR`).
    Directory,
    /// Uploaded by an admin through the API.
    Uploaded,
}

/// One file of the dataset in effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FileInEffect {
    pub name: String,
    pub origin: FileOrigin,
    /// The file stands in for the shipped file of the same name.
    pub replaces_shipped: bool,
}

/// The dataset in effect and the files it was built from.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub dataset: Arc<Dataset>,
    pub files: Arc<Vec<FileInEffect>>,
}

pub struct MarketData {
    directory: Vec<NamedFile>,
    current: RwLock<Snapshot>,
    /// Uploads and deletions take turns, so each is checked against the set it will join.
    writes: tokio::sync::Mutex<()>,
}

impl MarketData {
    /// Builds the dataset at start-up. A bad file in the directory stops the server (the operator
    /// fixes it); uploads that no longer fit (e.g. after an upgrade changed the shipped files) are
    /// left out with an error in the log, so an admin can still reach the API to fix or delete them.
    pub async fn load(store: &Store, directory: Option<&Path>) -> anyhow::Result<MarketData> {
        let (files, base) = load_directory(directory)?;
        let uploads: Vec<NamedFile> = store
            .list_market_files()
            .await
            .context("cannot read the uploaded market data files")?
            .into_iter()
            .map(|f| (f.name, f.content))
            .collect();
        let snapshot = build(&files, &uploads).unwrap_or_else(|err| {
            tracing::error!(error = %err, "uploaded market data files are left out until an admin fixes or deletes them");
            base
        });
        Ok(MarketData {
            directory: files,
            current: RwLock::new(snapshot),
            writes: tokio::sync::Mutex::new(()),
        })
    }

    /// The dataset to compute with.
    pub fn dataset(&self) -> Arc<Dataset> {
        self.snapshot().dataset
    }

    /// The exchange rates in effect (the shipped table, overridden by the directory's and
    /// uploaded `[[exchange_rates]]`), for comparing budgets and rates in other currencies.
    pub fn usd_rates(&self) -> UsdRates {
        UsdRates::from_dataset(&self.dataset())
    }

    pub fn snapshot(&self) -> Snapshot {
        // A panic elsewhere cannot leave a half-written snapshot (it is replaced whole), so a
        // poisoned lock still holds a consistent value.
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Waits for other uploads and deletions to finish; hold the guard while checking and storing.
    pub async fn write_turn(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.writes.lock().await
    }

    /// The dataset these uploads would give, or what is wrong with them (file and figure named).
    pub fn check(&self, uploads: &[NamedFile]) -> Result<Snapshot, DatasetError> {
        build(&self.directory, uploads)
    }

    /// Rebuilds from `uploads` after a deletion, leaving them out if they no longer fit.
    pub fn rebuild(&self, uploads: &[NamedFile]) -> Result<Snapshot, DatasetError> {
        match build(&self.directory, uploads) {
            Ok(snapshot) => Ok(snapshot),
            Err(err) => {
                tracing::error!(error = %err, "uploaded market data files are left out until an admin fixes or deletes them");
                build(&self.directory, &[])
            }
        }
    }

    pub fn install(&self, snapshot: Snapshot) {
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = snapshot;
    }
}

/// Far above any real data file (the shipped ones are a few KiB), far below the request limit.
pub const MAX_FILE_BYTES: usize = 512 * 1024;
pub const MAX_FILE_NAME_CHARS: usize = 64;

/// The name of an uploaded file: lower-case letters, digits, `_` and `-`, ending in `.toml`, at
/// most 64 characters (so it is safe in URLs, logs and the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketFileName(String);

impl MarketFileName {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let stem = raw.strip_suffix(".toml").unwrap_or_default();
        let ok = raw.chars().count() <= MAX_FILE_NAME_CHARS
            && !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if ok {
            Ok(Self(raw.to_string()))
        } else {
            Err(format!(
                "'{raw}' is not a market data file name: use a-z, 0-9, '_' and '-', ending in .toml, \
                 at most {MAX_FILE_NAME_CHARS} characters"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why an upload was refused.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is {0} bytes; at most {MAX_FILE_BYTES}")]
    TooLarge(usize),
    /// The whole dataset does not build with the file: the message names the file and the figure.
    #[error("{0}")]
    Invalid(#[from] DatasetError),
    #[error(transparent)]
    Store(#[from] hireloop_store::StoreError),
}

impl UploadError {
    /// The HTTP error; problems with the file's text are named by `content_field` (the API's
    /// `body`, the admin page's `content`).
    pub fn into_app_error(self, content_field: &str) -> AppError {
        match self {
            UploadError::Store(err) => err.into(),
            other => AppError::field(content_field, other.to_string()),
        }
    }
}

impl MarketData {
    /// Checks `content` as `name` together with every other file in effect, then stores it and puts
    /// the new dataset in effect. A file that does not fit changes nothing.
    pub async fn upload(
        &self,
        store: &Store,
        name: &MarketFileName,
        content: &str,
        uploaded_by: Option<UserId>,
    ) -> Result<(MarketFile, Snapshot), UploadError> {
        if content.len() > MAX_FILE_BYTES {
            return Err(UploadError::TooLarge(content.len()));
        }
        let _turn = self.write_turn().await;
        let mut uploads = stored_files(store).await?;
        match uploads.iter_mut().find(|(n, _)| n == name.as_str()) {
            Some(slot) => slot.1 = content.to_string(),
            None => {
                uploads.push((name.as_str().to_string(), content.to_string()));
                uploads.sort();
            }
        }
        let snapshot = self.check(&uploads)?;
        let file = store
            .put_market_file(name.as_str(), content, uploaded_by)
            .await?;
        self.install(snapshot.clone());
        Ok((file, snapshot))
    }

    /// Deletes an upload (`NotFound` when there is none); a shipped file of that name is in effect again.
    pub async fn remove(&self, store: &Store, name: &str) -> AppResult<Snapshot> {
        let _turn = self.write_turn().await;
        store.delete_market_file(name).await?;
        let uploads = stored_files(store).await?;
        let snapshot = self
            .rebuild(&uploads)
            .map_err(|err| AppError::Internal(anyhow::Error::new(err).context("market data")))?;
        self.install(snapshot.clone());
        Ok(snapshot)
    }
}

async fn stored_files(store: &Store) -> Result<Vec<NamedFile>, hireloop_store::StoreError> {
    Ok(store
        .list_market_files()
        .await?
        .into_iter()
        .map(|f| (f.name, f.content))
        .collect())
}

/// The dataset without uploads: the shipped files and, when given, a directory's. This is what the
/// command line computes with, so it and the server read a directory the same way.
pub fn without_uploads(directory: Option<&Path>) -> anyhow::Result<Snapshot> {
    Ok(load_directory(directory)?.1)
}

fn load_directory(directory: Option<&Path>) -> anyhow::Result<(Vec<NamedFile>, Snapshot)> {
    let files = match directory {
        Some(dir) => read_directory(dir)?,
        None => Vec::new(),
    };
    let base = build(&files, &[]).map_err(|err| match directory {
        Some(dir) => anyhow!("cannot load the market data in {}: {err}", dir.display()),
        None => anyhow!("the shipped market data does not load: {err}"),
    })?;
    Ok((files, base))
}

/// Shipped files, then `directory`, then `uploads`; a later file with an earlier name replaces it.
/// With any file of the user's, the version gains a digest of them, so results computed from
/// different figures never claim the same version.
fn build(directory: &[NamedFile], uploads: &[NamedFile]) -> Result<Snapshot, DatasetError> {
    let user_files: Vec<NamedFile> = directory.iter().chain(uploads).cloned().collect();
    let mut dataset = Dataset::shipped_with(user_files.clone())?;
    if !user_files.is_empty() {
        let mut digest = Sha256::new();
        for (name, text) in &user_files {
            digest.update(name.as_bytes());
            digest.update([0]);
            digest.update(text.as_bytes());
            digest.update([0]);
        }
        let hex: String = digest.finalize()[..4]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        dataset.info.version = format!("{}+local.{hex}", dataset.info.version);
    }
    let files = dataset
        .files
        .iter()
        .map(|name| {
            let shipped = SHIPPED_FILES.iter().any(|(n, _)| n == name);
            let origin = if uploads.iter().any(|(n, _)| n == name) {
                FileOrigin::Uploaded
            } else if directory.iter().any(|(n, _)| n == name) {
                FileOrigin::Directory
            } else {
                FileOrigin::Shipped
            };
            FileInEffect {
                name: name.clone(),
                origin,
                replaces_shipped: shipped && origin != FileOrigin::Shipped,
            }
        })
        .collect();
    Ok(Snapshot {
        dataset: Arc::new(dataset),
        files: Arc::new(files),
    })
}

/// The `*.toml` files of a directory, by name. Read once, at start-up.
fn read_directory(dir: &Path) -> anyhow::Result<Vec<NamedFile>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the market data directory {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read the market data directory {}", dir.display()))?
            .path();
        if !path.is_file() || path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| anyhow!("{}: the file name is not UTF-8", path.display()))?
            .to_string();
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read market data file {}", path.display()))?;
        files.push((name, text));
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str =
        "[[source]]\nid = \"ours-2026\"\npublisher = \"Our offers\"\ntitle = \"t\"\nyear = 2026\n";

    #[test]
    fn user_files_are_labelled_by_origin_and_change_the_version() {
        let shipped = build(&[], &[]).unwrap();
        assert!(!shipped.dataset.info.version.contains("+local"));
        assert!(shipped
            .files
            .iter()
            .all(|f| f.origin == FileOrigin::Shipped));

        let dir = vec![("ours.toml".to_string(), OURS.to_string())];
        let up = vec![("rates.toml".to_string(), SHIPPED_FILES[1].1.to_string())];
        let both = build(&dir, &up).unwrap();
        let find = |n: &str| both.files.iter().find(|f| f.name == n).cloned();
        assert_eq!(
            find("ours.toml").map(|f| f.origin),
            Some(FileOrigin::Directory)
        );
        let rates = find("rates.toml");
        assert_eq!(rates.as_ref().map(|f| f.origin), Some(FileOrigin::Uploaded));
        assert_eq!(rates.map(|f| f.replaces_shipped), Some(true));
        assert!(both.dataset.info.version.starts_with("2026.11+local."));

        let other = build(&dir, &[]).unwrap();
        assert_ne!(other.dataset.info.version, both.dataset.info.version);
    }

    #[test]
    fn only_toml_files_of_a_directory_are_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.toml"), OURS).unwrap();
        std::fs::write(dir.path().join("a.toml"), "").unwrap();
        std::fs::write(dir.path().join("notes.md"), "x").unwrap();
        let files = read_directory(dir.path()).unwrap();
        let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.toml", "b.toml"]);
        assert!(read_directory(&dir.path().join("missing")).is_err());
    }
}
