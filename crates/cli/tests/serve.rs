//! `hireloop serve --demo` starts, answers HTTP, stops cleanly on SIGTERM, and a second start reuses
//! the demo data without printing the password again.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::command;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Starts `serve`, returning the child and the lines it printed up to "Press Ctrl-C".
fn start(db: &str, args: &[&str]) -> (Child, Vec<String>) {
    let mut child = command(db, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("hireloop serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => {
                let done = line.contains("Press Ctrl-C");
                lines.push(line);
                if done {
                    return (child, lines);
                }
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("serve did not start ({e}); printed {lines:?}");
            }
        }
    }
}

fn stop(mut child: Child) {
    let pid = child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    if sent.is_err() {
        let _ = child.kill();
    }
    let status = child.wait().expect("serve exits");
    assert!(status.success(), "serve exits 0 on SIGTERM: {status:?}");
}

fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    response
}

#[test]
fn serve_with_demo_answers_and_restarts_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("serve.db").display());
    let args = ["serve", "--demo", "--bind", "127.0.0.1:0"];

    let (child, lines) = start(&db, &args);
    let text = lines.join("\n");
    let url = lines
        .iter()
        .find_map(|l| l.strip_prefix("hireloop is running at "))
        .unwrap_or_else(|| panic!("no URL in {text}"))
        .to_string();
    assert!(text.contains("password:"), "{text}");
    let addr = url.trim_start_matches("http://").to_string();
    let response = get(&addr, "/");
    assert!(response.starts_with("HTTP/1."), "{response}");
    stop(child);

    let (child, lines) = start(&db, &args);
    let text = lines.join("\n");
    assert!(text.contains("already loaded"), "{text}");
    assert!(!text.contains("password:"), "{text}");
    stop(child);

    let list = common::hireloop(&db, &["candidate", "list", "--all", "--format", "json"])
        .ok()
        .json();
    assert_eq!(list["items"].as_array().unwrap().len(), 200);
}

#[test]
fn serve_without_users_says_how_to_create_the_first_admin() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("empty.db").display());
    let (child, lines) = start(&db, &["serve", "--bind", "127.0.0.1:0"]);
    let text = lines.join("\n");
    assert!(text.contains("hireloop user add --admin"), "{text}");
    stop(child);
}
