//! PDF text through pdf-extract. The crate is known to panic on some malformed files, so the call
//! runs under `catch_unwind`: a bad upload becomes an error for that file, not a dead worker.

use crate::ResumeError;
use std::panic::{catch_unwind, AssertUnwindSafe};

pub(crate) fn text(file: &str, bytes: &[u8]) -> Result<String, ResumeError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ResumeError::CorruptPdf {
            file: file.into(),
            reason: "no %PDF- header".into(),
        });
    }
    // The panic hook still logs the panic once; the file gets an error, the caller goes on.
    let result = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    }));
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(pdf_extract::OutputError::PdfError(lopdf::Error::Decryption(_)))) => {
            Err(ResumeError::EncryptedPdf { file: file.into() })
        }
        Ok(Err(e)) => Err(ResumeError::CorruptPdf {
            file: file.into(),
            reason: e.to_string(),
        }),
        Err(_) => Err(ResumeError::CorruptPdf {
            file: file.into(),
            reason: "the PDF parser gave up on its structure".into(),
        }),
    }
}
