//! Test helpers shared by the server's integration tests: a real server on port 0 over a fresh
//! database, once per backend (SQLite always, PostgreSQL when HIRELOOP_TEST_DATABASE_URL is set),
//! and clients logged in as each kind of user.
#![allow(dead_code)]

use hireloop_core::user::{UserInput, UserRole};
use hireloop_server::{auth, RunningApp, ServerConfig};
use hireloop_store::testing::TestStore;
use hireloop_store::Store;
use serde_json::Value;
use std::future::Future;

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub app: RunningApp,
    pub store: Store,
    test_store: TestStore,
}

impl TestApp {
    pub async fn start(test_store: TestStore) -> TestApp {
        let config = ServerConfig {
            bind: "127.0.0.1:0".parse().expect("address"),
            ..Default::default()
        };
        let store = test_store.store.clone();
        let app = hireloop_server::spawn(store.clone(), config)
            .await
            .expect("server starts");
        TestApp {
            app,
            store,
            test_store,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.app.url(), path)
    }

    pub async fn finish(self) {
        self.app.stop().await.expect("server stops cleanly");
        self.test_store.finish().await;
    }

    /// Creates a user with `role` and an email derived from it.
    pub async fn user(&self, role: UserRole) -> hireloop_core::user::User {
        let email = format!(
            "{}-{}@example.com",
            role.as_str(),
            uuid::Uuid::now_v7().simple()
        );
        let new = UserInput {
            email,
            name: format!("Test {}", role.label()),
            role: role.as_str().into(),
            password: PASSWORD.into(),
        }
        .parse()
        .expect("valid user");
        let hash = auth::hash_password(PASSWORD).await.expect("hash");
        self.store
            .create_user(&new, &hash)
            .await
            .expect("user created")
    }

    /// An API client acting as a new user with `role`.
    pub async fn api_as(&self, role: UserRole) -> Api {
        let user = self.user(role).await;
        let token = auth::new_api_token();
        self.store
            .create_api_token(user.id, "test", &auth::hash_token(&token))
            .await
            .expect("token");
        Api {
            base: self.app.url(),
            client: reqwest::Client::new(),
            token: Some(token),
            user,
        }
    }

    /// A client with no credentials.
    pub fn anonymous(&self) -> Api {
        Api {
            base: self.app.url(),
            client: reqwest::Client::new(),
            token: None,
            user: hireloop_core::user::User {
                id: uuid::Uuid::nil().into(),
                email: hireloop_core::email::Email::parse("nobody@example.com").expect("email"),
                name: hireloop_core::text::PersonName::parse("Nobody").expect("name"),
                role: UserRole::Interviewer,
                created_at: chrono::Utc::now(),
            },
        }
    }

    /// A browser-like client (cookie store, no redirects followed) logged in as a new user with `role`.
    pub async fn browser_as(&self, role: UserRole) -> Browser {
        let user = self.user(role).await;
        self.browser_for(user).await
    }

    /// A browser-like client logged in as `user` (made by `user`, `api_as` or `browser_as`).
    pub async fn browser_for(&self, user: hireloop_core::user::User) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let response = client
            .post(self.url("/login"))
            .form(&[("email", user.email.as_str()), ("password", PASSWORD)])
            .send()
            .await
            .expect("login request");
        assert!(
            response.status().is_redirection(),
            "login should redirect, got {}",
            response.status()
        );
        Browser {
            base: self.app.url(),
            client,
            user,
        }
    }
}

/// Runs `test` against a fresh app on each configured backend.
pub async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = TestApp>,
{
    for test_store in TestStore::all().await {
        eprintln!("-- on {}", test_store.store.backend_name());
        let app = TestApp::start(test_store).await;
        test(app).await.finish().await;
    }
}

/// A JSON API client with an optional bearer token.
pub struct Api {
    pub base: String,
    pub client: reqwest::Client,
    pub token: Option<String>,
    pub user: hireloop_core::user::User,
}

impl Api {
    pub fn with_auth(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let response = self
            .with_auth(self.client.get(format!("{}{path}", self.base)))
            .send()
            .await
            .expect("GET");
        status_and_json(response).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let request = self.client.post(format!("{}{path}", self.base)).json(body);
        status_and_json(self.with_auth(request).send().await.expect("POST")).await
    }

    /// Sends a raw body with a JSON content type: for malformed-input tests.
    pub async fn post_raw(&self, path: &str, body: &str) -> (u16, Value) {
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_string());
        status_and_json(self.with_auth(request).send().await.expect("POST")).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> (u16, Value) {
        let request = self.client.patch(format!("{}{path}", self.base)).json(body);
        status_and_json(self.with_auth(request).send().await.expect("PATCH")).await
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        let request = self.client.delete(format!("{}{path}", self.base));
        status_and_json(self.with_auth(request).send().await.expect("DELETE")).await
    }
}

async fn status_and_json(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, json)
}

/// A logged-in browser session: cookies kept, redirects returned rather than followed.
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    pub user: hireloop_core::user::User,
}

impl Browser {
    /// GETs a page; returns the status and the HTML (or the Location header for redirects).
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET page");
        page(response).await
    }

    /// POSTs a form as the browser would, `_csrf` included if given among `fields`.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .expect("POST form");
        page(response).await
    }
}

async fn page(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    if response.status().is_redirection() {
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        return (status, location);
    }
    (status, response.text().await.expect("page body"))
}

/// The value of the hidden `_csrf` input in a page.
pub fn csrf_from(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    html.find(marker)
        .map(|start| {
            let rest = &html[start + marker.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_string()
        })
        .expect("the page has a CSRF field")
}

/// The clean senior Go example role file.
pub const GO_PAYMENTS: &str = include_str!("../../../../examples/roles/senior-go-payments.toml");

/// A new senior Go role through the API; returns its id.
pub async fn new_role(api: &Api) -> String {
    let (status, role) = api
        .post(
            "/api/v1/roles",
            &serde_json::json!({"title": "Senior Go Engineer", "level": "senior", "primary_language": "Go"}),
        )
        .await;
    assert_eq!(status, 201, "{role}");
    role["id"].as_str().expect("role id").to_string()
}

/// A new senior Go role carrying examples/roles/senior-go-payments.toml as its scorecard.
pub async fn role_with_scorecard(api: &Api) -> String {
    let role = new_role(api).await;
    let request = api
        .client
        .put(format!("{}/api/v1/roles/{role}/scorecard", api.base))
        .header("content-type", "application/toml")
        .body(GO_PAYMENTS);
    let response = api.with_auth(request).send().await.expect("PUT scorecard");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    assert_eq!(status, 200, "{text}");
    role
}

/// One part of a multipart body: (field, file name, media type, bytes).
pub type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

/// A multipart body as a browser builds it, parts in the order given: (content type, body).
pub fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = "----hireloopTestBoundary7MA4YWxk";
    let mut body = Vec::new();
    for (name, file_name, media_type, bytes) in parts {
        let mut head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"");
        if let Some(file_name) = file_name {
            head.push_str(&format!("; filename=\"{file_name}\""));
        }
        head.push_str("\r\n");
        if let Some(media_type) = media_type {
            head.push_str(&format!("Content-Type: {media_type}\r\n"));
        }
        head.push_str("\r\n");
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Puts a role file (TOML) on a role; anything but a 200 fails the test.
pub async fn put_scorecard(api: &Api, role: &str, toml: &str) {
    let request = api
        .client
        .put(format!("{}/api/v1/roles/{role}/scorecard", api.base))
        .header("content-type", "application/toml")
        .body(toml.to_string());
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    assert_eq!(status, 200, "{}", response.text().await.unwrap());
}

/// The candidate's reasons in a ranking, or None when they are not in it.
pub fn reasons_of(matches: &Value, id: &str) -> Option<Vec<String>> {
    matches["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["candidate_id"] == id)
        .map(|m| {
            m["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap().to_string())
                .collect()
        })
}
