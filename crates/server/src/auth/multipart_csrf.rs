//! The CSRF token of a multipart form posted without JavaScript. Such a post cannot carry the
//! `X-CSRF-Token` header, so the form sends the token as its FIRST field, a hidden `_csrf` input:
//! browsers send parts in document order, so only the first part is read (a few hundred bytes),
//! checked before any handler runs or anything is stored, and the body is handed on whole, the
//! files still streaming behind it.

use super::middleware::{constant_time_eq, CSRF_FIELD, REFUSED};
use crate::error::AppError;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use http_body::Frame;
use http_body_util::BodyExt;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Far more than a first part holding the token needs (its headers and a short token). Past this
/// the token is not the first field and the post is refused, so no more of an upload is held.
const MAX_FIRST_PART: usize = 8 * 1024;

/// The boundary of a `multipart/form-data` content type; None for any other type.
pub(super) fn boundary(content_type: &str) -> Option<&str> {
    let mut params = content_type.split(';');
    let essence = params.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .filter_map(|p| p.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, value)| value.trim().trim_matches('"'))
        .filter(|b| !b.is_empty())
}

/// Reads the body up to the end of its first part, which must be the `_csrf` field holding
/// `expected`; answers the request with its body intact, or 403.
pub(super) async fn check(
    request: Request,
    boundary: &str,
    expected: &str,
) -> Result<Request, AppError> {
    let refused = || AppError::Forbidden(REFUSED.into());
    let (parts, mut body) = request.into_parts();
    let mut read = Vec::new();
    loop {
        match first_part(&read, boundary) {
            Scan::Token(sent) if constant_time_eq(sent, expected.as_bytes()) => break,
            Scan::Token(_) | Scan::Other => return Err(refused()),
            Scan::Incomplete if read.len() > MAX_FIRST_PART => return Err(refused()),
            Scan::Incomplete => {}
        }
        match body.frame().await {
            Some(Ok(frame)) => match frame.into_data() {
                Ok(data) => read.extend_from_slice(&data),
                // Trailers before the first field ended: not a form a browser sends.
                Err(_) => return Err(refused()),
            },
            Some(Err(_)) => {
                return Err(AppError::BadRequest {
                    field: None,
                    message: "the upload could not be read".into(),
                })
            }
            None => return Err(refused()),
        }
    }
    let body = Body::new(Replayed {
        read: Some(Bytes::from(read)),
        rest: body,
    });
    Ok(Request::from_parts(parts, body))
}

/// What the bytes read so far say about the first part.
#[derive(Debug, PartialEq)]
enum Scan<'a> {
    /// The first part is `_csrf`, with this value.
    Token(&'a [u8]),
    /// The first part is something else, or the body is not multipart as browsers write it.
    Other,
    /// More bytes are needed to tell.
    Incomplete,
}

fn first_part<'a>(read: &'a [u8], boundary: &str) -> Scan<'a> {
    let opening = format!("--{boundary}\r\n");
    if read.len() < opening.len() {
        return if opening.as_bytes().starts_with(read) {
            Scan::Incomplete
        } else {
            Scan::Other
        };
    }
    // Browsers send no preamble: the body starts with the first boundary.
    let Some(rest) = read.strip_prefix(opening.as_bytes()) else {
        return Scan::Other;
    };
    let Some(head_end) = find(rest, b"\r\n\r\n") else {
        return Scan::Incomplete;
    };
    let is_token = std::str::from_utf8(&rest[..head_end]).is_ok_and(names_the_token);
    if !is_token {
        return Scan::Other;
    }
    let value = &rest[head_end + 4..];
    match find(value, format!("\r\n--{boundary}").as_bytes()) {
        Some(end) => Scan::Token(&value[..end]),
        None => Scan::Incomplete,
    }
}

/// Whether a part's headers make it the `_csrf` form field (a field, not a file).
fn names_the_token(head: &str) -> bool {
    let Some(disposition) = head.split("\r\n").find_map(|line| {
        line.split_once(':')
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case("content-disposition"))
            .map(|(_, value)| value)
    }) else {
        return false;
    };
    let mut params = disposition.split(';').map(str::trim);
    if !params
        .next()
        .is_some_and(|kind| kind.eq_ignore_ascii_case("form-data"))
    {
        return false;
    }
    let mut named = false;
    for (key, value) in params.filter_map(|p| p.split_once('=')) {
        let key = key.trim();
        if key.eq_ignore_ascii_case("filename") || key.eq_ignore_ascii_case("filename*") {
            return false;
        }
        if key.eq_ignore_ascii_case("name") {
            named = value.trim().trim_matches('"') == CSRF_FIELD;
        }
    }
    named
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The body as the client sent it: the bytes the check read, then the rest, still unread.
struct Replayed {
    read: Option<Bytes>,
    rest: Body,
}

impl HttpBody for Replayed {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        if let Some(read) = self.read.take() {
            return Poll::Ready(Some(Ok(Frame::data(read))));
        }
        Pin::new(&mut self.rest).poll_frame(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: &str = "----WebKitFormBoundaryA1";

    fn part(head: &str, value: &str) -> String {
        format!("--{B}\r\n{head}\r\n\r\n{value}\r\n--{B}\r\n")
    }

    #[test]
    fn finds_the_boundary_of_multipart_forms_only() {
        assert_eq!(
            boundary("multipart/form-data; boundary=----WebKitFormBoundaryA1"),
            Some(B)
        );
        assert_eq!(
            boundary("Multipart/Form-Data; charset=utf-8; Boundary=\"abc def\""),
            Some("abc def")
        );
        assert_eq!(boundary("multipart/form-data"), None);
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
        assert_eq!(boundary("multipart/mixed; boundary=x"), None);
    }

    #[test]
    fn reads_the_token_from_the_first_part_only() {
        let body = part("Content-Disposition: form-data; name=\"_csrf\"", "tok-1");
        assert_eq!(first_part(body.as_bytes(), B), Scan::Token(b"tok-1"));
        // Any prefix is not enough yet; a file or another field first is refused.
        assert_eq!(first_part(&body.as_bytes()[..10], B), Scan::Incomplete);
        assert_eq!(first_part(&body.as_bytes()[..60], B), Scan::Incomplete);
        let file = part(
            "Content-Disposition: form-data; name=\"_csrf\"; filename=\"a.txt\"",
            "tok-1",
        );
        assert_eq!(first_part(file.as_bytes(), B), Scan::Other);
        let other = part("Content-Disposition: form-data; name=\"input\"", "tok-1");
        assert_eq!(first_part(other.as_bytes(), B), Scan::Other);
        let preamble = format!("hello\r\n{body}");
        assert_eq!(first_part(preamble.as_bytes(), B), Scan::Other);
        assert_eq!(first_part(b"nonsense", B), Scan::Other);
    }
}
