//! hireloop-resume: the text inside a resume file (PDF, DOCX or plain text), for skill detection
//! and search. It reads only the bytes it is given, enforces a size limit before parsing, and turns
//! every failure (corrupt, encrypted, wrong kind, too big) into an error naming the file and the
//! problem, never a panic: one bad file must not stop an import of many.

mod docx;
pub mod fixtures;
mod pdf;
pub mod years;

use sha2::{Digest, Sha256};

/// Files larger than this are refused unless the limit is configured otherwise (issue #5).
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// The kinds of resume file hireloop reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeKind {
    Pdf,
    Docx,
    Text,
}

impl ResumeKind {
    pub const PDF_MEDIA_TYPE: &'static str = "application/pdf";
    pub const DOCX_MEDIA_TYPE: &'static str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    pub const TEXT_MEDIA_TYPE: &'static str = "text/plain";

    /// The kind a media type names (parameters such as `; charset=utf-8` ignored), or None.
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            Self::PDF_MEDIA_TYPE => Some(Self::Pdf),
            Self::DOCX_MEDIA_TYPE => Some(Self::Docx),
            Self::TEXT_MEDIA_TYPE | "text/markdown" => Some(Self::Text),
            _ => None,
        }
    }

    /// The kind a file name's extension names (`.pdf`, `.docx`, `.txt`, `.md`), or None.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Self::Pdf),
            "docx" => Some(Self::Docx),
            "txt" | "text" | "md" => Some(Self::Text),
            _ => None,
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => Self::PDF_MEDIA_TYPE,
            Self::Docx => Self::DOCX_MEDIA_TYPE,
            Self::Text => Self::TEXT_MEDIA_TYPE,
        }
    }
}

/// Why a file could not be read. The message is meant for the person who uploaded it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error("{file}: over the {limit} limit ({size} bytes)")]
    TooLarge {
        file: String,
        size: usize,
        limit: String,
    },
    #[error("{file}: empty file")]
    Empty { file: String },
    #[error("{file}: unsupported file type {given}; send a PDF, a DOCX or plain text")]
    Unsupported { file: String, given: String },
    #[error("{file}: encrypted PDF (password-protected); upload an unprotected copy")]
    EncryptedPdf { file: String },
    #[error("{file}: not a readable PDF: {reason}")]
    CorruptPdf { file: String, reason: String },
    #[error("{file}: not a DOCX: {reason}")]
    NotDocx { file: String, reason: String },
    #[error("{file}: no text found (a scanned image needs OCR first)")]
    NoText { file: String },
}

/// A resume file's text and what identifies its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub kind: ResumeKind,
    /// Hex SHA-256 of the file's bytes: the same file uploaded twice is the same document.
    pub sha256: String,
    pub bytes_len: usize,
    /// The text, whitespace tidied: runs of blank lines collapsed, lines trimmed at the end.
    pub text: String,
}

/// "10 MB" for a whole number of mebibytes, else the byte count.
pub fn describe_limit(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes % MB == 0 {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads a resume file. `kind` is what the caller was told (a media type), else it is guessed
/// from the file name and then from the content's first bytes.
pub fn extract(
    file_name: &str,
    kind: Option<ResumeKind>,
    bytes: &[u8],
    max_bytes: usize,
) -> Result<Extracted, ResumeError> {
    let file = file_name.to_string();
    if bytes.len() > max_bytes {
        return Err(ResumeError::TooLarge {
            file,
            size: bytes.len(),
            limit: describe_limit(max_bytes),
        });
    }
    if bytes.is_empty() {
        return Err(ResumeError::Empty { file });
    }
    let kind = match kind
        .or_else(|| ResumeKind::from_file_name(file_name))
        .or_else(|| sniff(bytes))
    {
        Some(kind) => kind,
        None => {
            return Err(ResumeError::Unsupported {
                file,
                given: "(unknown)".into(),
            })
        }
    };
    let raw = match kind {
        ResumeKind::Pdf => pdf::text(&file, bytes)?,
        ResumeKind::Docx => docx::text(&file, bytes)?,
        ResumeKind::Text => plain_text(bytes),
    };
    let text = tidy(&raw);
    if text.trim().is_empty() {
        return Err(ResumeError::NoText { file });
    }
    Ok(Extracted {
        kind,
        sha256: sha256_hex(bytes),
        bytes_len: bytes.len(),
        text,
    })
}

/// The kind the content itself shows: `%PDF-`, a zip archive (DOCX), or valid UTF-8 text.
fn sniff(bytes: &[u8]) -> Option<ResumeKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(ResumeKind::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(ResumeKind::Docx)
    } else if std::str::from_utf8(bytes).is_ok() {
        Some(ResumeKind::Text)
    } else {
        None
    }
}

/// UTF-8 (a byte-order mark dropped); other encodings are read lossily rather than refused, since
/// most of a Latin-1 resume is still ASCII and still names its skills.
fn plain_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Trailing spaces off every line, at most one blank line in a row, no blank start or end.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0;
    for line in raw.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn media_types_and_names_pick_the_kind() {
        assert_eq!(
            ResumeKind::from_media_type("text/plain; charset=utf-8"),
            Some(ResumeKind::Text)
        );
        assert_eq!(
            ResumeKind::from_media_type(ResumeKind::DOCX_MEDIA_TYPE),
            Some(ResumeKind::Docx)
        );
        assert_eq!(ResumeKind::from_media_type("image/png"), None);
        assert_eq!(ResumeKind::from_file_name("CV.PDF"), Some(ResumeKind::Pdf));
        assert_eq!(ResumeKind::from_file_name("cv"), None);
    }

    #[test]
    fn plain_text_is_tidied_and_hashed() {
        let got = extract("cv.txt", None, b"\xEF\xBB\xBFRust  \n\n\n\nGo\n", 100).unwrap();
        assert_eq!(got.text, "Rust\n\nGo");
        assert_eq!(got.sha256.len(), 64);
        assert_eq!(got.bytes_len, 16);
    }

    #[test]
    fn invalid_utf8_is_read_lossily() {
        let got = extract("cv.txt", Some(ResumeKind::Text), b"Caf\xE9 Rust", 100).unwrap();
        assert_eq!(got.text, "Caf\u{FFFD} Rust");
    }

    #[test]
    fn the_limit_is_checked_first_and_named() {
        let err = extract("big.pdf", None, &[b'x'; 11], 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            "big.pdf: over the 10 bytes limit (11 bytes)"
        );
        assert_eq!(describe_limit(DEFAULT_MAX_BYTES), "10 MB");
    }

    #[test]
    fn unknown_binary_content_is_unsupported() {
        let err = extract("blob", None, &[0xff, 0xfe, 0x00, 0x81], 100).unwrap_err();
        assert!(matches!(err, ResumeError::Unsupported { .. }), "{err}");
        let err = extract("blank.txt", None, b"  \n ", 100).unwrap_err();
        assert!(matches!(err, ResumeError::NoText { .. }), "{err}");
    }
}
