//! hireloop-server: the web app. A JSON API under `/api/v1` (documented at `/api/v1/openapi.json`),
//! server-rendered HTML pages, authentication, health and metrics. Handlers are thin: parse,
//! authorize (through `hireloop_core::authz`), call the store, render.

pub mod api;
pub mod app;
pub mod application_context;
pub mod auth;
pub mod config;
pub mod error;
pub mod import;
pub mod import_files;
pub mod index_sync;
pub mod interviews;
pub mod mail;
pub mod market;
pub mod matching;
pub mod metrics;
pub mod resume;
pub mod search;
pub mod state;
pub mod text_match;
pub mod web;

pub use app::{serve, spawn, RunningApp};
pub use config::ServerConfig;
