#![allow(clippy::unwrap_used)]
//! Each file kind end to end, and each way a file can be bad, as a per-file error.

use hireloop_resume::{extract, fixtures, ResumeError, ResumeKind, DEFAULT_MAX_BYTES};

#[test]
fn a_text_pdf_yields_its_text() {
    let bytes = fixtures::pdf(&["Ana Petrovic", "Acme 2019 - 2023: Rust (async), PostgreSQL"]);
    let got = extract("cv.pdf", None, &bytes, DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(got.kind, ResumeKind::Pdf);
    assert!(got.text.contains("Ana Petrovic"), "{:?}", got.text);
    assert!(
        got.text.contains("Rust (async), PostgreSQL"),
        "{:?}",
        got.text
    );
}

#[test]
fn a_docx_yields_its_paragraphs() {
    let bytes = fixtures::docx(&["Backend engineer", "Go & Kafka <streams>"]);
    let got = extract("cv.docx", None, &bytes, DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(got.kind, ResumeKind::Docx);
    assert_eq!(got.text, "Backend engineer\nGo & Kafka <streams>");
}

#[test]
fn an_encrypted_pdf_is_named_as_such() {
    let err = extract(
        "locked.pdf",
        None,
        &fixtures::encrypted_pdf(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap_err();
    assert_eq!(
        err,
        ResumeError::EncryptedPdf {
            file: "locked.pdf".into()
        }
    );
    assert!(err.to_string().contains("encrypted PDF"));
}

#[test]
fn corrupt_pdfs_are_errors_not_panics() {
    let mut truncated = fixtures::pdf(&["Rust"]);
    truncated.truncate(truncated.len() / 2);
    let garbage = b"%PDF-1.7\n\x00\x01garbage that is not a PDF at all \xff\xfe".to_vec();
    let not_pdf = b"hello".to_vec();
    for (name, bytes) in [
        ("half.pdf", truncated),
        ("junk.pdf", garbage),
        ("hello.pdf", not_pdf),
    ] {
        let err = extract(name, Some(ResumeKind::Pdf), &bytes, DEFAULT_MAX_BYTES).unwrap_err();
        assert!(
            matches!(err, ResumeError::CorruptPdf { .. }),
            "{name}: {err}"
        );
        assert!(err.to_string().starts_with(name), "{err}");
    }
}

#[test]
fn a_zip_without_a_document_is_not_a_docx() {
    let bytes = fixtures::zip_with(&[("readme.txt", "hi")]);
    let err = extract("cv.docx", None, &bytes, DEFAULT_MAX_BYTES).unwrap_err();
    assert_eq!(err.to_string(), "cv.docx: not a DOCX: no word/document.xml");
    let err = extract("cv.docx", None, b"PK\x03\x04 broken", DEFAULT_MAX_BYTES).unwrap_err();
    assert!(matches!(err, ResumeError::NotDocx { .. }), "{err}");
}

#[test]
fn a_file_over_a_configured_limit_is_refused_before_parsing() {
    let bytes = fixtures::pdf(&["Rust"]);
    let err = extract("cv.pdf", None, &bytes, 100).unwrap_err();
    assert!(matches!(err, ResumeError::TooLarge { limit, .. } if limit == "100 bytes"));
}

#[test]
fn a_pdf_the_parser_panics_on_is_an_error_for_that_file() {
    // A page whose text uses a font its resources do not define: pdf-extract panics on it.
    let good = String::from_utf8(fixtures::pdf(&["Rust"])).unwrap();
    let broken = good.replace(
        "/Resources << /Font << /F1 5 0 R >> >>",
        "/Resources << >>                      ",
    );
    assert_eq!(broken.len(), good.len(), "offsets stay valid");
    let err = extract("odd.pdf", None, broken.as_bytes(), DEFAULT_MAX_BYTES).unwrap_err();
    assert!(matches!(err, ResumeError::CorruptPdf { .. }), "{err}");
}
