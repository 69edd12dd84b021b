//! `actionplan serve PLAN`: a live preview over HTTP. Rebuilds as `watch`
//! does, but keeps the documents in memory and hands them to
//! [`crate::live::server`]; the page it serves is made by
//! [`crate::live::page`] (reload script, error overlay).

use std::net::IpAddr;
use std::path::PathBuf;

use super::args::Building;
use super::print::{self, Printer};
use super::{ExitStatus, next_change, plan_inputs};
use crate::engine::{Lifetime, Verdict};
use crate::error::AppError;
use crate::live::page::{self, problems, served_page};
use crate::live::server::{Publisher, Server};
use crate::live::{self, Plans, Rebuilt, Session};
use crate::render::formats::{self, Format};

/// Serve a live preview of a plan, rebuilt on every save, until Ctrl-C.
///
/// `/` is the plan's HTML page and `/plan.pdf` its PDF, both from memory.
/// The page reloads itself after each rebuild, where the reader was. While
/// the plan has errors, the page shows them on top of the last good build.
/// Nothing is written to disk.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file.
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// The port to listen on; 0 takes any free one.
    #[arg(long, short, value_name = "N", default_value_t = 3232)]
    port: u16,
    /// The address to listen on. Only this computer can see the preview,
    /// unless this is an address of the network (e.g. 0.0.0.0).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    host: IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    #[command(flatten)]
    building: Building,
}

/// What the preview serves: the page at `/` (the plan's page, with a policy
/// that allows the reload script and the overlay) and the PDF at `/plan.pdf`.
const SERVED: [(&Format, &str); 2] = [(&page::SERVED_HTML, ""), (&formats::PDF, "plan.pdf")];

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let inputs = plan_inputs(std::slice::from_ref(&args.plan))?;
    if inputs.len() != 1 {
        return Err(AppError::Usage(format!(
            "{} holds {} plans; serve one plan file",
            args.plan.display(),
            inputs.len()
        )));
    }
    let served = SERVED.iter().map(|(f, _)| *f).collect();
    let options = args.building.options(served, Lifetime::Once)?;
    let outputs: Vec<_> = options.formats.iter().filter_map(|f| f.plan).collect();
    let plans = Plans::named(inputs, &outputs)?;
    let mut session = Session::new(plans, options)?;
    let server = Server::bind(args.host, args.port)?;
    let url = format!("http://{}/", server.local_addr());
    let watcher = session.watch()?;
    live::exit_on_ctrl_c()?;
    let publisher = server.start();
    // Until the first build is done, a page that waits for it.
    publisher.publish(
        served_page(None, &[], publisher.next_generation()).into_bytes(),
        None,
    );
    if !args.host.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this computer on the network can read the plan",
            args.host
        );
    }
    eprintln!("serving {} at {url} (Ctrl-C stops)", args.plan.display());
    if args.open {
        open_browser(&url);
    }
    let printer = Printer::new(args.building.format(), false);
    let mut last_good = None;
    let rebuilt = session.build_all();
    publish(rebuilt, &publisher, &mut last_good, &url, &printer)?;
    loop {
        let change = next_change(&watcher)?;
        match session.rebuild(&change) {
            Ok(rebuild) => publish(rebuild.rebuilt, &publisher, &mut last_good, &url, &printer)?,
            Err(e) => eprintln!("error: {e}; the old fonts stay"),
        }
    }
}

/// Serves a rebuild: the new documents if it built, else the last good page
/// under the errors; prints it as `watch` does.
fn publish(
    rebuilt: Vec<Rebuilt>,
    publisher: &Publisher,
    last_good: &mut Option<String>,
    url: &str,
    printer: &Printer,
) -> Result<(), AppError> {
    printer.clear();
    for r in rebuilt {
        let document = |format| r.outcome.documents.iter().find(|d| d.format == format);
        let mut pdf = None;
        let what = match r.outcome.verdict() {
            Verdict::Ok => {
                if let Some(html) = document(&page::SERVED_HTML) {
                    *last_good = Some(String::from_utf8_lossy(&html.bytes).into_owned());
                }
                pdf = document(&formats::PDF).map(|d| d.bytes.clone());
                let served: Vec<String> = SERVED
                    .iter()
                    .filter_map(|&(format, path)| {
                        let d = document(format)?;
                        Some(print::described(
                            &format!("{url}{path}"),
                            d.bytes.len(),
                            d.pages,
                        ))
                    })
                    .collect();
                format!("serving {}", served.join(", "))
            }
            _ if last_good.is_some() => "the page shows them over the last good build".into(),
            _ => "the page shows them".into(),
        };
        let page = served_page(
            last_good.as_deref(),
            &problems(&r.outcome),
            publisher.next_generation(),
        );
        publisher.publish(page.into_bytes(), pdf);
        printer.print(&r.outcome, r.elapsed, &what)?;
    }
    Ok(())
}

/// The system's way to open a URL; a failure is only a warning.
fn open_browser(url: &str) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("warning: cannot open a browser ({program}: {e}); open {url}");
    }
}
