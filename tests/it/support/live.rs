//! Helpers for the tests of the long-running commands (`watch`, `serve`):
//! the binary as a child process that is always killed, bounded waits, a plan
//! in a temporary folder, and a tiny HTTP client on std's `TcpStream`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest any wait in these tests takes before it fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Polls `check` until it gives a value; panics after [`PATIENCE`], saying
/// what was awaited and, from `context`, what the process printed.
pub fn eventually<T>(
    what: &str,
    context: impl Fn() -> String,
    mut check: impl FnMut() -> Option<T>,
) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        if start.elapsed() > PATIENCE {
            panic!(
                "timed out waiting for {what}; the process printed:\n{}",
                context()
            );
        }
        std::thread::sleep(Duration::from_millis(40));
    }
}

/// The example plan (English) in a fresh folder, as `plan.yaml`.
pub struct PlanDir {
    pub dir: tempfile::TempDir,
}

pub const EXAMPLE: &str = "plans/example-en.yaml";
pub const TODAY: &str = "2025-03-01";
/// The example plan's title, which the tests edit.
pub const TITLE: &str = "title: Action Plan against Violence";

impl PlanDir {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(manifest(EXAMPLE), dir.path().join("plan.yaml")).unwrap();
        PlanDir { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn plan(&self) -> PathBuf {
        self.path("plan.yaml")
    }

    /// The example plan with its title replaced (in place, as most editors save).
    pub fn set_title(&self, title: &str) {
        std::fs::write(self.plan(), with_title(title)).unwrap();
    }

    /// The example plan with an unknown top-level key (`<b>oops</b>: 1`).
    pub fn break_plan(&self) {
        std::fs::write(self.plan(), broken()).unwrap();
    }
}

pub fn example() -> String {
    std::fs::read_to_string(manifest(EXAMPLE)).unwrap()
}

pub fn with_title(title: &str) -> String {
    let text = example();
    assert!(text.contains(TITLE), "the example plan's title moved");
    text.replacen(TITLE, &format!("title: {title}"), 1)
}

/// An invalid plan whose error message quotes markup: escaped or not?
pub fn broken() -> String {
    format!("{}\n\"<b>oops</b>\": 1\n", example())
}

/// Where [`broken`] has its error: `plan.yaml:LINE:1`, after the example and a blank line.
pub fn broken_at() -> String {
    format!("plan.yaml:{}:1", example().lines().count() + 2)
}

pub fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The binary, running; killed when dropped, whatever the test did.
pub struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
    /// The thread copying stderr; joined once the process has ended, so
    /// everything it printed is in `stderr`.
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    pub fn start(args: &[&str], dir: &Path) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_actionplan"))
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env_remove("SOURCE_DATE_EPOCH")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        Running {
            child,
            stderr,
            reader: Some(reader),
        }
    }

    /// Everything printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr holds `needle` at least `times` times; returns stderr.
    pub fn wait_for(&self, needle: &str, times: usize) -> String {
        eventually(
            &format!("{times} × {needle:?} on stderr"),
            || self.stderr(),
            || {
                let text = self.stderr();
                (text.matches(needle).count() >= times).then_some(text)
            },
        )
    }

    /// How many builds have finished, good or not.
    pub fn builds(&self) -> usize {
        let text = self.stderr();
        text.lines()
            .filter(|l| l.starts_with("rebuilt ") || l.starts_with("not rebuilt"))
            .count()
    }

    /// Waits for the process to end by itself.
    pub fn wait(&mut self) -> ExitStatus {
        let stderr = self.stderr.clone();
        let child = &mut self.child;
        let status = eventually(
            "the process to end",
            || stderr.lock().unwrap().clone(),
            || child.try_wait().unwrap(),
        );
        // The process has ended, so its end of the pipe is closed: the
        // reader reaches the end and has copied every line.
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        status
    }

    /// Ctrl-C: SIGINT, then waits for the process to end.
    pub fn interrupt(&mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.wait()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, as read until the server closed the connection.
pub struct Response {
    pub status: u16,
    /// The header lines, as sent.
    pub head: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as it is (a whole request head, and any body) and reads
/// the response.
pub fn send(addr: SocketAddr, request: &str) -> Response {
    let mut stream = TcpStream::connect_timeout(&addr, PATIENCE).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8(bytes[..end].to_vec()).unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Response {
        status,
        head,
        body: bytes[end + 4..].to_vec(),
    }
}

/// `METHOD path` with the usual headers.
pub fn request(addr: SocketAddr, method: &str, path: &str) -> Response {
    send(
        addr,
        &format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
}

pub fn get(addr: SocketAddr, path: &str) -> Response {
    request(addr, "GET", path)
}

/// An open stream of Server-Sent Events.
pub struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    pub fn open(addr: SocketAddr, path: &str) -> Events {
        let mut stream = TcpStream::connect_timeout(&addr, PATIENCE).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        Events {
            stream,
            buffer: String::new(),
        }
    }

    /// Opens a stream and reads the response's status line: `200` is a
    /// stream (its events follow), anything else a refusal.
    pub fn open_with_status(addr: SocketAddr, path: &str) -> (String, Events) {
        let mut events = Events::open(addr, path);
        let start = Instant::now();
        while !events.buffer.contains("\r\n") {
            assert!(start.elapsed() < PATIENCE, "no status line");
            let mut chunk = [0u8; 1024];
            let n = events.stream.read(&mut chunk).expect("a response");
            assert!(n > 0, "closed before a status line: {:?}", events.buffer);
            events
                .buffer
                .push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
        let line = events.buffer.lines().next().unwrap_or_default().to_string();
        (line, events)
    }

    /// The data of the next `build` event, within [`PATIENCE`].
    pub fn next_build(&mut self) -> String {
        let start = Instant::now();
        loop {
            if let Some(at) = self.buffer.find("event: build\ndata: ") {
                let rest = &self.buffer[at + 19..];
                if let Some(end) = rest.find("\n\n") {
                    let data = rest[..end].to_string();
                    self.buffer = rest[end + 2..].to_string();
                    return data;
                }
            }
            assert!(
                start.elapsed() < PATIENCE,
                "no build event in {:?}",
                self.buffer
            );
            let mut chunk = [0u8; 4096];
            let n = self
                .stream
                .read(&mut chunk)
                .expect("the event stream stays open");
            assert!(
                n > 0,
                "the server closed the event stream: {:?}",
                self.buffer
            );
            self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    }
}
