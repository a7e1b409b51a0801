//! `kith report`: PNG and SVG files, escaping, known metrics, and the page in a real browser.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const AS_OF: &str = "2026-11-15";

/// Four ties with known warmth classes, a target, a ledger entry and a hostile name.
fn workspace() -> Sandbox {
    let sandbox = Sandbox::new();
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Act,Ive,https://www.linkedin.com/in/active,,Acme Robotics,Engineer,04 Jul 2019\n\
Coo,Ling,https://www.linkedin.com/in/cooling,,Acme Robotics,Engineer,04 Jul 2019\n\
Dor,Mant,https://www.linkedin.com/in/dormant,,Globex,Engineer,04 Jul 2020\n\
<script>alert(1)</script>,\"=cmd\",https://www.linkedin.com/in/hostile,,<b>Evil & Co</b>,Chef,04 Jan 2026\n"
    );
    let header = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n";
    let mut messages = header.to_string();
    for (conv, slug, name, date) in [
        ("a", "active", "Act Ive", "2026-11-01"),
        ("c", "cooling", "Coo Ling", "2026-05-01"),
        ("d", "dormant", "Dor Mant", "2023-05-01"),
    ] {
        messages.push_str(&format!(
            "{conv},,Ana Owner,https://www.linkedin.com/in/ana-owner,{name},https://www.linkedin.com/in/{slug},{date} 09:00:00 UTC,,hi,INBOX\n"
        ));
        messages.push_str(&format!(
            "{conv},,{name},https://www.linkedin.com/in/{slug},Ana Owner,https://www.linkedin.com/in/ana-owner,{date} 10:00:00 UTC,,hello,INBOX\n"
        ));
    }
    let dir = sandbox.folder(
        "e",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
            ("messages.csv", messages.as_bytes()),
        ],
    );
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    sandbox.ok(&["targets", "add", "Acme Robotics"]);
    sandbox.ok(&["targets", "add", "Initech"]);
    sandbox.ok(&["log", "Act Ive", "--date", "2026-11-02", "--outcome", "asked"]);
    sandbox
}

fn report(sandbox: &Sandbox) -> std::path::PathBuf {
    let out = sandbox.path("report");
    sandbox.ok(&["report", "--out", out.to_str().unwrap(), "--as-of", AS_OF]);
    out
}

const CHARTS: [&str; 7] = [
    "growth",
    "warmth",
    "companies",
    "messaging",
    "targets",
    "outreach",
    "map",
];

#[test]
fn pngs_and_svgs_for_every_chart() {
    let sandbox = workspace();
    let dir = report(&sandbox);
    for name in CHARTS {
        let png = std::fs::read(dir.join(format!("{name}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (800, 450), "{name}");
        let decoded = image::load_from_memory(&png).unwrap().to_rgb8();
        let inked = decoded.pixels().filter(|p| p.0 != [255, 255, 255]).count();
        assert!(inked > 2_000, "{name}: the PNG has text and marks ({inked} pixels)");
        let svg = std::fs::read_to_string(dir.join(format!("{name}.svg"))).unwrap();
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}.svg is not XML: {e}"));
    }
}

#[test]
fn hostile_names_are_escaped_everywhere() {
    let sandbox = workspace();
    let dir = report(&sandbox);
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(
        !html.contains("<script>") && !html.contains("<b>Evil"),
        "raw markup leaked"
    );
    assert!(
        html.contains("&lt;b&gt;Evil &amp; Co&lt;/b&gt;") || html.contains("&lt;script&gt;"),
        "shown as text"
    );
    for name in CHARTS {
        let svg = std::fs::read_to_string(dir.join(format!("{name}.svg"))).unwrap();
        assert!(!svg.contains("<script>") && !svg.contains("<b>"), "{name}");
    }
    // Self-contained: nothing remote.
    for remote in ["http://", "https://", "src=", "@import", "<link"] {
        let outside_svg_namespace = html.replace("http://www.w3.org/2000/svg", "");
        assert!(!outside_svg_namespace.contains(remote), "{remote}");
    }
}

#[test]
fn metrics_and_findings_on_a_known_network() {
    let sandbox = workspace();
    let workspace = kith::store::Workspace::open(&sandbox.db()).unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
    let data = workspace.graph_data(as_of).unwrap();
    let m = kith::report::metrics::metrics(&data, as_of, &workspace.owner_messages(as_of).unwrap());
    let classes: Vec<(String, usize)> = m.classes.clone();
    assert_eq!(
        classes,
        vec![
            ("active".into(), 1),
            ("cooling".into(), 1),
            ("dormant".into(), 1),
            ("never engaged".into(), 1)
        ]
    );
    assert_eq!(m.connections, 4);
    assert!((m.reciprocity - 1.0).abs() < 1e-9);
    assert!((m.active_share - 0.25).abs() < 1e-9);
    assert_eq!(m.top_companies[0].0, "Acme Robotics");
    assert_eq!(m.top_companies[0].1, 2);
    let html = std::fs::read_to_string(report(&sandbox).join("index.html")).unwrap();
    assert!(
        html.contains("1 of your 2 target companies has no warm path yet."),
        "{html}"
    );
}

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|_| name.to_string())
        })
}

fn headless(browser: &str, profile: &Path) -> Command {
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

#[test]
fn the_page_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium (.ci/run installs it)"
        );
        eprintln!("skipped: no Chromium on this machine (apt-get install chromium)");
        return;
    };
    let sandbox = workspace();
    let dir = report(&sandbox);
    let url = format!("file://{}", dir.join("index.html").display());
    let shot = sandbox.path("screenshot.png");
    let out = headless(&browser, &sandbox.path("profile"))
        .arg("--window-size=1280,2400")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(shot.exists(), "no screenshot: {log}");
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    let image = image::open(&shot).unwrap().to_rgb8();
    let inked = image.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    assert!(
        inked * 100 > image.pixels().len(),
        "the page looks blank ({inked} non-white pixels)"
    );
    let dom = headless(&browser, &sandbox.path("profile2"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(dom.matches("<figure").count(), 7, "seven charts in the DOM");
    assert!(dom.matches("<svg").count() >= 7);
}
