//! Static files compiled into the binary: htmx (vendored, 0BSD licence alongside), the stylesheets and
//! our small scripts. Pages link them with a content-hash version, so a versioned URL can be cached
//! for a year and an upgrade still reaches every browser at once.

use axum::extract::{Path, RawQuery};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/htmx.min.js"),
    },
    Asset {
        name: "htmx.LICENSE",
        content_type: "text/plain; charset=utf-8",
        body: include_bytes!("../../assets/htmx.LICENSE"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../assets/app.css"),
    },
    Asset {
        name: "scorecard.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../assets/scorecard.css"),
    },
    Asset {
        name: "matches.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../assets/matches.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../../assets/favicon.svg"),
    },
    Asset {
        name: "board.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/board.js"),
    },
    Asset {
        name: "upload.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/upload.js"),
    },
];

fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One hash over every asset: the `?v=` that pages put on asset links.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut all = Sha256::new();
    for asset in ASSETS {
        all.update(asset.body);
    }
    short_hash(&all.finalize())
});

pub fn version() -> &'static str {
    &VERSION
}

/// GET /assets/{name}: the file with its content type, an ETag, and cache headers.
pub async fn serve(
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return (StatusCode::NOT_FOUND, "no such asset").into_response();
    };
    let etag = format!("\"{}\"", short_hash(asset.body));
    let cache = if query.as_deref() == Some(&format!("v={}", version())) {
        "public, max-age=31536000, immutable"
    } else {
        // An unversioned link may outlive an upgrade: let the browser revalidate with the ETag.
        "no-cache"
    };
    let mut response = if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|sent| sent.as_bytes() == etag.as_bytes())
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            )],
            asset.body,
        )
            .into_response()
    };
    let response_headers = response.headers_mut();
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, value);
    }
    response_headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
