//! `actionplan serve`: the binary as a process on a free port, spoken to
//! with a tiny HTTP client: the page and the PDF, the reload event after an
//! edit, the error overlay, and what the server refuses.

use crate::support::live;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use live::{Events, PlanDir, Running, TODAY, eventually, get, request, send};

const EVENTS: &str = "/_actionplan/events";
/// The error overlay's element (its style names the class too).
const OVERLAY: &str = "<section class=\"ap-live-errors\"";

/// `serve` on a free port (`--port 0`), and the address it printed.
fn start(plan: &PlanDir) -> (Running, SocketAddr) {
    let serve = Running::start(
        &["serve", "--port", "0", "--today", TODAY, "plan.yaml"],
        plan.dir.path(),
    );
    let stderr = serve.wait_for("serving plan.yaml at http://", 1);
    let addr = stderr
        .split("serving plan.yaml at http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("no address in {stderr}"));
    (serve, addr)
}

/// The served page, once it contains `text`.
fn wait_for_page(serve: &Running, addr: SocketAddr, text: &str) -> String {
    eventually(
        &format!("the page with {text:?}"),
        || serve.stderr(),
        || Some(get(addr, "/").text()).filter(|page| page.contains(text)),
    )
}

/// Every inline script and style of `page` is allowed by its policy, by
/// the hash of its text, as a browser checks it; returns how many of each.
fn assert_policy_allows_inline(page: &str) -> (usize, usize) {
    use base64::Engine;
    use sha2::Digest;
    let csp = page
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/");
    let mut counts = [0, 0];
    for (i, (open, close, directive)) in [
        ("<script", "</script>", "script-src "),
        ("<style", "</style>", "style-src "),
    ]
    .into_iter()
    .enumerate()
    {
        let sources = csp
            .split("; ")
            .find_map(|d| d.strip_prefix(directive))
            .unwrap_or_else(|| panic!("no {directive} in {csp}"));
        let mut rest = page;
        while let Some(at) = rest.find(open) {
            let element = &rest[at..];
            let start = element.find('>').unwrap() + 1;
            let end = element.find(close).unwrap();
            let digest = sha2::Sha256::digest(&element.as_bytes()[start..end]);
            let hash = base64::engine::general_purpose::STANDARD.encode(digest);
            assert!(
                sources.contains(&format!("'sha256-{hash}'")),
                "{} not allowed by {csp}",
                &element[..start]
            );
            counts[i] += 1;
            rest = &element[end..];
        }
    }
    (counts[0], counts[1])
}

#[test]
fn serves_the_page_and_the_pdf_and_announces_each_rebuild() {
    let plan = PlanDir::new();
    let (serve, addr) = start(&plan);
    let page = wait_for_page(&serve, addr, "Action Plan against Violence");
    let response = get(addr, "/");
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(response.header("Cache-Control"), Some("no-store"));
    // The reload script, allowed by the page's policy, with the same-origin connection.
    assert!(page.contains(EVENTS), "no reload script");
    let csp = page
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert!(csp.contains("connect-src &#x27;self&#x27;"), "{csp}");
    assert!(csp.contains("default-src &#x27;none&#x27;"), "{csp}");
    assert_eq!(csp.matches("connect-src").count(), 1);
    // The page's script and the reload script; the page's style.
    assert_eq!(assert_policy_allows_inline(&page), (2, 1));
    let pdf = get(addr, "/plan.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("Content-Type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF"));

    let mut events = Events::open(addr, EVENTS);
    let before = events.next_build();
    plan.set_title("Served title");
    let after = events.next_build();
    assert_ne!(before, after);
    let page = wait_for_page(&serve, addr, "Served title");
    assert!(page.contains(&format!("data-generation=\"{after}\"")));
    assert_ne!(
        get(addr, "/plan.pdf").body,
        pdf.body,
        "the PDF was not rebuilt"
    );
    let stderr = serve.wait_for("rebuilt plan.yaml in ", 2);
    assert!(stderr.contains("/plan.pdf ("), "{stderr}");
}

#[test]
fn errors_show_over_the_last_good_page_until_fixed() {
    let plan = PlanDir::new();
    let (serve, addr) = start(&plan);
    wait_for_page(&serve, addr, "Action Plan against Violence");

    plan.break_plan();
    let page = wait_for_page(&serve, addr, OVERLAY);
    // Code, message (user text escaped), file:line:column, help.
    assert!(page.contains("error E003"), "{page}");
    assert!(page.contains("unknown key `&lt;b&gt;oops&lt;&#x2f;b&gt;`"));
    assert!(!page.contains("<b>oops"));
    assert!(page.contains(&live::broken_at()));
    assert!(page.contains("help: the keys allowed here are"));
    // Over the last good page, which still reloads.
    assert!(page.contains("Action Plan against Violence"));
    assert!(page.contains(EVENTS));
    // The overlay's style is allowed too.
    assert_eq!(assert_policy_allows_inline(&page), (2, 2));
    assert!(get(addr, "/plan.pdf").body.starts_with(b"%PDF"));
    serve.wait_for("not rebuilt: plan.yaml has errors", 1);

    // Replaced by a rename, as many editors save: fixed, and the overlay goes.
    let temp = plan.path(".plan.yaml.tmp");
    std::fs::write(&temp, live::with_title("Fixed title")).unwrap();
    std::fs::rename(&temp, plan.plan()).unwrap();
    let page = wait_for_page(&serve, addr, "Fixed title");
    assert!(!page.contains(OVERLAY));
}

#[test]
fn a_plan_that_never_built_gets_a_page_of_errors() {
    let plan = PlanDir::new();
    plan.break_plan();
    let (serve, addr) = start(&plan);
    let page = wait_for_page(&serve, addr, OVERLAY);
    assert!(page.contains("<html lang=\"en\">"));
    assert_eq!(assert_policy_allows_inline(&page), (1, 1));
    assert!(page.contains(&live::broken_at()));
    assert_eq!(get(addr, "/plan.pdf").status, 404);
    plan.set_title("Built at last");
    wait_for_page(&serve, addr, "Built at last");
    assert_eq!(get(addr, "/plan.pdf").status, 200);
}

#[test]
fn only_the_served_set_is_served() {
    let plan = PlanDir::new();
    std::fs::write(plan.path("secret.txt"), "secret").unwrap();
    let (serve, addr) = start(&plan);
    wait_for_page(&serve, addr, "Action Plan against Violence");
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc%2fpasswd",
        "/..\\..\\etc\\passwd",
        "//etc/passwd",
        "/plan.pdf/../plan.yaml",
        "/plan.yaml",
        "/secret.txt",
        "/%2fplan.yaml",
        "/index.html",
        "/_actionplan/",
        &format!("http://{addr}/"),
        &format!("http://{addr}/secret.txt"),
        "*",
    ] {
        let response = get(addr, path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.text().contains("secret"), "{path}");
        assert!(!response.text().contains("actionplan:"), "{path}");
    }
}

#[test]
fn head_is_get_without_a_body_and_other_methods_are_refused() {
    let plan = PlanDir::new();
    let (serve, addr) = start(&plan);
    wait_for_page(&serve, addr, "Action Plan against Violence");
    for path in ["/", "/plan.pdf"] {
        let get = get(addr, path);
        let head = request(addr, "HEAD", path);
        assert_eq!(head.status, 200);
        assert!(head.body.is_empty(), "HEAD {path} sent a body");
        assert_eq!(
            head.header("Content-Length"),
            Some(get.body.len().to_string().as_str())
        );
    }
    let post = send(
        addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
        ),
    );
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));
    for method in ["PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"] {
        assert_eq!(request(addr, method, "/").status, 405, "{method}");
    }
    // A name that is not this computer's (a DNS rebinding page) is refused.
    let foreign = send(
        addr,
        "GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(foreign.status, 403);
    assert!(!foreign.text().contains("Action Plan"));
    // Garbage, and a head that never ends, are answered and closed.
    assert_eq!(send(addr, "NONSENSE\r\n\r\n").status, 400);
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
    assert_eq!(send(addr, &long).status, 400);
}

#[test]
fn a_taken_port_is_exit_2_with_a_clear_message() {
    let plan = PlanDir::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut serve = Running::start(&["serve", "--port", &port, "plan.yaml"], plan.dir.path());
    assert_eq!(serve.wait().code(), Some(2));
    let stderr = serve.stderr();
    assert!(
        stderr.contains(&format!("port {port} on 127.0.0.1 is taken")) && stderr.contains("--port"),
        "{stderr}"
    );
}

#[test]
fn a_network_address_is_warned_about() {
    let plan = PlanDir::new();
    let serve = Running::start(
        &["serve", "--host", "0.0.0.0", "--port", "0", "plan.yaml"],
        plan.dir.path(),
    );
    let stderr = serve.wait_for("serving plan.yaml at", 1);
    assert!(
        stderr.contains("warning: listening on 0.0.0.0: anyone who can reach this computer"),
        "{stderr}"
    );
}

#[test]
fn ctrl_c_ends_with_0() {
    let plan = PlanDir::new();
    let (mut serve, addr) = start(&plan);
    wait_for_page(&serve, addr, "Action Plan against Violence");
    let _events = Events::open(addr, EVENTS);
    assert_eq!(serve.interrupt().code(), Some(0), "{}", serve.stderr());
    let mut names: Vec<_> = std::fs::read_dir(plan.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["plan.yaml"], "serve writes nothing");
}

#[test]
fn ctrl_c_ends_it_even_when_its_stderr_is_gone() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    /// Kills the child whatever happens.
    struct Guard(std::process::Child);
    impl Drop for Guard {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    let plan = PlanDir::new();
    let mut child = Guard(
        Command::new(env!("CARGO_BIN_EXE_actionplan"))
            .current_dir(plan.dir.path())
            .args(["serve", "--port", "0", "--today", TODAY, "plan.yaml"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut stderr = BufReader::new(child.0.stderr.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("rebuilt ") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "serve ended early"
        );
    }
    // The terminal goes away (the pipe is closed), then Ctrl-C.
    drop(stderr);
    let pid = child.0.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = eventually("serve to end", String::new, || child.0.try_wait().unwrap());
    assert_eq!(status.code(), Some(0));
}

/// Issue 24, 7: 64 clients that each send a whole request, then one byte
/// every 0.3 s, take every connection slot; each must be let go by the
/// connection's deadline (10 s), so a normal GET is answered within 12 s
/// while they trickle.
#[test]
fn a_normal_get_is_answered_while_64_slow_clients_trickle() {
    const SLOW: usize = 64;
    let plan = PlanDir::new();
    let (serve, addr) = start(&plan);
    wait_for_page(&serve, addr, "Action Plan against Violence");

    let stop = Arc::new(AtomicBool::new(false));
    let trickling: Arc<std::sync::Mutex<Vec<TcpStream>>> = Arc::default();
    let trickler = {
        let (stop, trickling) = (stop.clone(), trickling.clone());
        std::thread::spawn(move || {
            let start = Instant::now();
            while !stop.load(Ordering::SeqCst) && start.elapsed() < live::PATIENCE * 2 {
                for stream in trickling.lock().unwrap().iter_mut() {
                    let _ = stream.write_all(b"x");
                }
                std::thread::sleep(Duration::from_millis(300));
            }
        })
    };
    // Each slow client is served (not refused as busy) before the next.
    let mut served = 0;
    let connecting = Instant::now();
    while served < SLOW {
        assert!(
            connecting.elapsed() < live::PATIENCE,
            "only {served} slow clients served"
        );
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(live::PATIENCE)).unwrap();
        write!(stream, "GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        trickling.lock().unwrap().push(stream.try_clone().unwrap());
        let mut line = [0u8; 12];
        stream.read_exact(&mut line).unwrap();
        if &line == b"HTTP/1.1 200" {
            served += 1;
        }
    }

    let start = Instant::now();
    let answered = loop {
        let response = get(addr, "/");
        if response.status == 200 {
            break start.elapsed();
        }
        assert_eq!(response.status, 503, "{}", response.head);
        assert!(
            response
                .head
                .starts_with("HTTP/1.1 503 Service Unavailable"),
            "{}",
            response.head
        );
        assert!(
            start.elapsed() < Duration::from_secs(12),
            "a normal GET still got 503 after 12 s of slow clients"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    eprintln!("a normal GET was answered after {answered:?} with {SLOW} slow clients trickling");
    assert!(answered < Duration::from_secs(12), "{answered:?}");
    stop.store(true, Ordering::SeqCst);
    trickler.join().unwrap();
}

/// Issue 24, 7: when 32 pages have left, a new page gets its event stream
/// at once, not after the dead streams' next writes (15 to 30 s).
#[test]
fn the_event_streams_of_pages_that_left_are_freed_at_once() {
    let plan = PlanDir::new();
    let (serve, addr) = start(&plan);
    wait_for_page(&serve, addr, "Action Plan against Violence");
    let mut pages: Vec<Events> = (0..32).map(|_| Events::open(addr, EVENTS)).collect();
    for page in &mut pages {
        page.next_build();
    }
    // The 33rd page is refused while they are open, with the right reason phrase.
    let (line, _refused) = Events::open_with_status(addr, EVENTS);
    assert_eq!(line, "HTTP/1.1 503 Service Unavailable");
    drop(pages);

    let start = Instant::now();
    let mut events = loop {
        let (line, events) = Events::open_with_status(addr, EVENTS);
        if line == "HTTP/1.1 200 OK" {
            break events;
        }
        assert_eq!(line, "HTTP/1.1 503 Service Unavailable");
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "a new page still got 503 5 s after 32 pages left"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    eprintln!(
        "a new page got its event stream {:?} after 32 left",
        start.elapsed()
    );
    // It is a live stream: it has the current build, and the next.
    let before = events.next_build();
    plan.set_title("After the pages left");
    assert_ne!(events.next_build(), before);
}
