//! `kith report`: PNG and SVG files, escaping, known metrics, and the page in a real browser.

use std::path::Path;
use std::process::Command;

use crate::common::*;

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
        // Drawn at the width the page shows them at, so their text is at least 12 px there.
        assert_eq!(width, 960, "{name}");
        assert!((200..=640).contains(&height), "{name}: {height}");
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
        html.contains("1 of 2 target companies has a warm path; Initech has none yet."),
        "{html}"
    );
    assert!(
        html.contains("3 of the 3 people you have written to wrote back (100 %)."),
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

/// A text element of an SVG and the box it covers, in CSS pixels, measured with the font
/// the charts embed (DejaVu Sans).
#[derive(Debug)]
struct TextBox {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn font() -> ab_glyph::FontRef<'static> {
    static FONT: &[u8] = include_bytes!("../../src/report/DejaVuSans.ttf");
    ab_glyph::FontRef::try_from_slice(FONT).unwrap()
}

/// Every `<text>` of an SVG as plotters writes it, with its box: the width from the font's
/// advances, the height one em, placed by `text-anchor` and `dy`.
fn text_boxes(svg: &str) -> Vec<TextBox> {
    use ab_glyph::Font;
    let font = font();
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let text = node.text().unwrap_or("").trim().to_string();
        if text.is_empty() {
            continue;
        }
        assert!(node.attribute("transform").is_none(), "rotated text: {text}");
        let number = |name: &str| node.attribute(name).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        let (x, y, size) = (number("x"), number("y"), number("font-size"));
        let units: f32 = text.chars().map(|c| font.h_advance_unscaled(font.glyph_id(c))).sum();
        let width = f64::from(units / font.units_per_em().unwrap()) * size;
        let x0 = match node.attribute("text-anchor") {
            Some("middle") => x - width / 2.0,
            Some("end") => x - width,
            _ => x,
        };
        let y0 = match node.attribute("dy") {
            Some("0.76em") => y,
            Some("0.5ex") => y - size / 2.0,
            _ => y - size,
        };
        out.push(TextBox {
            text,
            x0,
            y0,
            x1: x0 + width,
            y1: y0 + size,
        });
    }
    out
}

/// What is wrong with the text of an SVG: pieces that overlap, or run off the chart.
fn text_problems(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let dimension = |a: &str| root.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap();
    let (width, height) = (dimension("width"), dimension("height"));
    let boxes = text_boxes(svg);
    let mut problems = Vec::new();
    for (i, a) in boxes.iter().enumerate() {
        if a.x0 < -0.5 || a.x1 > width + 0.5 || a.y0 < -0.5 || a.y1 > height + 0.5 {
            problems.push(format!("{a:?} runs off the {width}x{height} chart"));
        }
        for b in &boxes[i + 1..] {
            if a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5 {
                problems.push(format!("{a:?} overlaps {b:?}"));
            }
        }
    }
    problems
}

/// Fails on any two text boxes of any chart of the report in `dir` that overlap, or on text
/// that runs off its chart.
fn assert_no_overlapping_text(dir: &Path) {
    for name in CHARTS {
        let svg = std::fs::read_to_string(dir.join(format!("{name}.svg"))).unwrap();
        assert!(!text_boxes(&svg).is_empty(), "{name}: no text at all");
        let problems = text_problems(&svg);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

/// The smallest text, in CSS pixels, of the charts of the report in `dir`.
fn smallest_text(dir: &Path) -> f64 {
    CHARTS
        .iter()
        .flat_map(|name| {
            let svg = std::fs::read_to_string(dir.join(format!("{name}.svg"))).unwrap();
            let boxes = text_boxes(&svg);
            boxes.into_iter().map(|b| b.y1 - b.y0).collect::<Vec<_>>()
        })
        .fold(f64::MAX, f64::min)
}

#[test]
fn the_overlap_check_catches_overlapping_text() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
<text x="10" y="10" dy="0.76em" text-anchor="start" font-size="13">Acme Robotics</text>
<text x="40" y="14" dy="0.76em" text-anchor="start" font-size="13">Globex</text>
<text x="10" y="60" dy="0.76em" text-anchor="start" font-size="13">apart</text></svg>"#;
    let problems = text_problems(svg);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("Acme Robotics") && problems[0].contains("Globex"));
    let off = svg.replace(r#"x="10" y="60""#, r#"x="180" y="60""#);
    assert_eq!(text_problems(&off).len(), 2, "and text off the edge");
}

#[test]
fn no_chart_draws_text_over_text_and_all_text_is_readable() {
    let sandbox = workspace();
    let dir = report(&sandbox);
    assert_no_overlapping_text(&dir);
    assert!(smallest_text(&dir) >= 12.0, "{}", smallest_text(&dir));
    // The bundled demo too: a realistic network, a map with pooled members, a ledger.
    let demo = sandbox.path("demo-report");
    sandbox.ok(&["demo", "--report", demo.to_str().unwrap()]);
    assert_no_overlapping_text(&demo);
    let outreach = std::fs::read_to_string(demo.join("outreach.svg")).unwrap();
    assert!(!outreach.contains("No outreach logged yet"), "the demo logs outreach");
}

#[test]
fn every_chart_is_labelled_for_screen_readers_with_its_numbers_under_it() {
    let sandbox = workspace();
    let html = std::fs::read_to_string(report(&sandbox).join("index.html")).unwrap();
    let svgs = html.matches("<svg ").count();
    assert_eq!(svgs, 7);
    assert_eq!(html.matches("<svg role=\"img\" aria-label=\"").count(), 7);
    assert!(html.contains("aria-label=\"1 of 2 target companies has a warm path; Initech has none yet."));
    assert!(
        html.matches("<details>").count() >= 6,
        "numbers under the charts with data"
    );
    assert!(html.contains("prefers-color-scheme: dark"));
}

#[test]
fn an_empty_workspace_has_nothing_to_report() {
    // A workspace with a target but no export. (No workspace at all is an error naming the
    // path, like every reading command's: see workspace.rs.)
    let sandbox = Sandbox::new();
    sandbox.ok(&["targets", "add", "Initech"]);
    let out = sandbox.kith(&["report", "--out", sandbox.path("r").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "nothing to report yet: run kith import first"
    );
    assert!(!sandbox.path("r").exists(), "no folder of empty charts");
}

/// An export of 2018 with ten messages, all in one month, and connections made in one month.
#[test]
fn one_month_of_data_still_draws_marks() {
    let sandbox = Sandbox::new();
    let mut connections = format!("{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    let mut messages =
        String::from("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n");
    for i in 0..5 {
        connections.push_str(&format!(
            "P{i},Q,https://www.linkedin.com/in/p{i},,Initech,Engineer,0{} Mar 2018\n",
            i + 1
        ));
        messages.push_str(&format!(
            "c{i},,Ana Owner,https://www.linkedin.com/in/ana-owner,P{i} Q,2018-03-1{i} 09:00:00 UTC,,hi,INBOX\n"
        ));
        messages.push_str(&format!(
            "c{i},,P{i} Q,https://www.linkedin.com/in/p{i},Ana Owner,2018-03-1{i} 10:00:00 UTC,,hello,INBOX\n"
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
    let out = sandbox.path("report");
    sandbox.ok(&["report", "--out", out.to_str().unwrap(), "--as-of", "2018-03-31"]);
    let growth = std::fs::read_to_string(out.join("growth.svg")).unwrap();
    // The month's bar, in the bars' blue.
    assert_eq!(growth.matches("fill=\"#0072B2\"").count(), 1, "{growth}");
    let messaging = std::fs::read_to_string(out.join("messaging.svg")).unwrap();
    assert!(
        messaging.matches("<circle").count() >= 2,
        "a marker per series: {messaging}"
    );
    assert!(messaging.contains("You sent 5 and received 5 messages"), "{messaging}");
    assert_no_overlapping_text(&out);
    // Months later the series run on, zero-filled, to the export's end, not to the report's day.
    let later = sandbox.path("later");
    sandbox.ok(&["report", "--out", later.to_str().unwrap(), "--as-of", "2019-06-30"]);
    let html = std::fs::read_to_string(later.join("index.html")).unwrap();
    assert!(html.contains("<td>2018-03</td>"), "{html}");
    assert!(!html.contains("<td>2018-04</td>"), "no month after the export: {html}");
    assert_no_overlapping_text(&later);
}

#[test]
fn an_export_without_messages_claims_nothing_about_them() {
    let sandbox = Sandbox::new();
    let connections = format!(
        "{PREAMBLE}First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Ada,Lovelace,https://www.linkedin.com/in/ada,,Initech,Engineer,04 Jul 2025\n\
Alan,Turing,https://www.linkedin.com/in/alan,,Globex,Engineer,04 Aug 2025\n"
    );
    let dir = sandbox.folder(
        "e",
        &[
            ("Profile.csv", PROFILE.as_bytes()),
            ("Connections.csv", connections.as_bytes()),
        ],
    );
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    let out = sandbox.path("report");
    sandbox.ok(&["report", "--out", out.to_str().unwrap(), "--as-of", AS_OF]);
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let findings = &html[html.find("<h2>Findings").unwrap()..html.find("<h2>Charts").unwrap()];
    assert!(!findings.contains("wrote back"), "{findings}");
    assert!(!findings.contains("written to"), "{findings}");
    assert!(!findings.contains("worth a message"), "no dormant ties: {findings}");
    assert!(html.contains("No messages in this export"));
    assert!(html.contains("no messages in the export"), "the metrics table says so");
    assert_no_overlapping_text(&out);
}

#[test]
fn thirty_thousand_connections_keep_their_labels_apart() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("big");
    sandbox.ok(&[
        "synth",
        "--out",
        dir.to_str().unwrap(),
        "--connections",
        "30000",
        "--messages",
        "3000",
        "--seed",
        "7",
    ]);
    sandbox.ok(&["import", dir.to_str().unwrap()]);
    sandbox.ok(&["targets", "add", "Acme Robotics"]);
    let out = sandbox.path("report");
    sandbox.ok(&["report", "--out", out.to_str().unwrap(), "--as-of", "2027-06-01"]);
    assert_no_overlapping_text(&out);
    assert!(smallest_text(&out) >= 12.0);
    let warmth = std::fs::read_to_string(out.join("warmth.svg")).unwrap();
    let layers: Vec<String> = text_boxes(&warmth).into_iter().map(|b| b.text).collect();
    assert!(
        layers.iter().any(|t| t == "150"),
        "the largest layer is labelled: {layers:?}"
    );
}
