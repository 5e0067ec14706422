//! DOCX text: the paragraphs of `word/document.xml` inside the zip archive, one line each, with
//! tabs and line breaks kept. Headers, footers and comments are left out: a resume's body is
//! where its skills and dates are.

use crate::ResumeError;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// document.xml is text; a larger one is a zip bomb, not a resume.
const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

pub(crate) fn text(file: &str, bytes: &[u8]) -> Result<String, ResumeError> {
    let not_docx = |reason: String| ResumeError::NotDocx {
        file: file.into(),
        reason,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| not_docx(format!("not a zip archive ({e})")))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| not_docx("no word/document.xml".into()))?;
    let mut xml = Vec::new();
    entry
        .take(MAX_DOCUMENT_XML)
        .read_to_end(&mut xml)
        .map_err(|e| not_docx(format!("word/document.xml unreadable ({e})")))?;
    paragraphs(&xml).map_err(|e| not_docx(format!("word/document.xml is not valid XML ({e})")))
}

/// `w:t` runs joined, `w:p` ends a line, `w:tab` and `w:br` kept as a tab and a newline.
fn paragraphs(xml: &[u8]) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_reader(xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => out.push('\t'),
                b"br" | b"cr" => out.push('\n'),
                b"p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t.unescape()?),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
