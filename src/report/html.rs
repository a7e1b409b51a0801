//! The self-contained report page: inline SVG charts, a metrics table and findings in plain
//! words. Every string that came from an export is escaped; nothing is loaded from anywhere.

use chrono::NaiveDate;

use super::charts::Coverage;
use super::metrics::Metrics;
use super::{Chart, WARM_HOP};

/// Escapes text for HTML content and attributes (the XML rules serve both).
pub fn escape(text: &str) -> String {
    crate::graph::formats::xml_escape(text).replace('\n', " ")
}

fn percent(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// Findings in plain words, most useful first.
pub fn findings(m: &Metrics, coverage: &[Coverage]) -> Vec<String> {
    let mut out = Vec::new();
    if !coverage.is_empty() {
        let without = coverage.iter().filter(|c| c.best < WARM_HOP).count();
        out.push(match (without, coverage.len()) {
            (0, 1) => "Your target company has a warm path.".to_string(),
            (0, n) => format!("All {n} of your target companies have a warm path."),
            (1, 1) => "Your target company has no warm path yet.".to_string(),
            (w, n) if w == n => format!("None of your {n} target companies has a warm path yet."),
            (w, n) => format!(
                "{w} of your {n} target companies {} no warm path yet.",
                if w == 1 { "has" } else { "have" }
            ),
        });
    } else {
        out.push("You have no target companies yet: add them with kith targets add.".to_string());
    }
    if m.quiet_this_year > 0.0 {
        let when = match m.measured_at {
            Some(h) => format!("in the year before your export of {}", crate::words::long_date(h)),
            None => "this year".to_string(),
        };
        out.push(format!(
            "{} of the ties that were active went quiet {when}.",
            percent(m.quiet_this_year)
        ));
    }
    out.push(format!(
        "{} of the people you messaged wrote back: that is your reciprocity.",
        percent(m.reciprocity)
    ));
    if let Some((name, n, warm)) = m.top_companies.first() {
        out.push(format!(
            "Your largest cluster is {} ({n} people, {warm} of them warm).",
            escape(&crate::names::company_display(name))
        ));
    }
    out.push(match m.measured_at {
        Some(horizon) => format!(
            "At your export of {}, {} of your ties were active and {} dormant: dormant ties are worth a message (kith reconnect).",
            crate::words::long_date(horizon),
            percent(m.active_share),
            percent(m.dormant_share)
        ),
        None => format!(
            "{} of your ties are active, {} dormant: dormant ties are worth a message (kith reconnect).",
            percent(m.active_share),
            percent(m.dormant_share)
        ),
    });
    out
}

const STYLE: &str = r#"
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
.sub { color: #555; margin-top: 0; }
ul.findings li { margin: 0.3rem 0; }
table { border-collapse: collapse; margin: 1rem 0; }
td, th { border-bottom: 1px solid #ddd; padding: 0.3rem 0.8rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid #e3e3e3; padding: 0.5rem; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #444; }
@media (max-width: 700px) { .charts { grid-template-columns: 1fr; } }
@media print {
  body { max-width: none; padding: 0; }
  .charts { display: block; }
  figure { break-inside: avoid; page-break-inside: avoid; border: none; margin-bottom: 1rem; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The whole page.
pub fn page(owner: &str, as_of: NaiveDate, m: &Metrics, coverage: &[Coverage], charts: &[Chart]) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    html.push_str(&format!("<title>kith: network health of {}</title>\n", escape(owner)));
    html.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    html.push_str(&format!("<h1>Network health: {}</h1>\n", escape(owner)));
    let measured = match m.measured_at {
        Some(h) => format!(
            " Warmth and the shares of active, cooling and dormant ties are measured at your newest export, of {}: \
             messages after it are not in the export, and that time is not counted as silence.",
            crate::words::long_date(h)
        ),
        None => String::new(),
    };
    html.push_str(&format!(
        "<p class=\"sub\">As of {as_of}.{measured} Made by kith on your machine; nothing here was sent anywhere.</p>\n"
    ));
    html.push_str("<h2>Findings</h2>\n<ul class=\"findings\">\n");
    for f in findings(m, coverage) {
        // Findings embed escaped names already; the rest is kith's own text.
        html.push_str(&format!("<li>{f}</li>\n"));
    }
    html.push_str("</ul>\n<h2>Metrics</h2>\n<table>\n<tr><th>metric</th><th>value</th><th>what it means</th></tr>\n");
    let (active, dormant, growth) = match m.measured_at {
        Some(h) => {
            let export = crate::words::long_date(h);
            (
                format!("ties with an interaction in the 90 days before your export of {export}"),
                format!("ties quiet for more than a year before your export of {export}"),
                format!("new connections in the 12 months before your export of {export}"),
            )
        }
        None => (
            "ties with an interaction in the last 90 days".to_string(),
            "ties quiet for more than a year".to_string(),
            "new connections in the last 12 months".to_string(),
        ),
    };
    let rows = [
        ("size", m.connections.to_string(), "connections in your export"),
        (
            "ties",
            m.classes.iter().map(|c| c.1).sum::<usize>().to_string(),
            "people you are connected to or have been in touch with (the warmth chart counts these)",
        ),
        ("active share", percent(m.active_share), active.as_str()),
        ("dormant share", percent(m.dormant_share), dormant.as_str()),
        (
            "reciprocity",
            percent(m.reciprocity),
            "people you messaged who wrote back",
        ),
        (
            "concentration",
            format!("{:.2}", m.concentration),
            "Herfindahl index over companies (0 spread out, 1 all in one)",
        ),
        (
            "brokerage estimate",
            format!("{:.2}", m.brokerage),
            "distinct companies per tie (higher: you bridge more groups)",
        ),
        ("growth", m.growth_last_year.to_string(), growth.as_str()),
    ];
    for (name, value, meaning) in rows {
        html.push_str(&format!(
            "<tr><td>{name}</td><td class=\"n\">{value}</td><td>{meaning}</td></tr>\n"
        ));
    }
    html.push_str("</table>\n");
    if !coverage.is_empty() {
        html.push_str("<h2>Targets</h2>\n<table>\n<tr><th>target</th><th>best path</th><th>warm paths</th><th>cold paths</th></tr>\n");
        for c in coverage {
            html.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                escape(&c.target),
                percent(c.best),
                c.warm_paths,
                c.cold_paths
            ));
        }
        html.push_str("</table>\n");
    }
    html.push_str("<h2>Charts</h2>\n<div class=\"charts\">\n");
    for chart in charts {
        let svg = chart.svg.trim_start_matches(|c| c != '<');
        let svg = svg
            .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .unwrap_or(svg)
            .trim_start();
        html.push_str(&format!(
            "<figure id=\"{}\" class=\"chart\">\n{svg}\n<figcaption>{} (also {}.png and {}.svg beside this page)</figcaption>\n</figure>\n",
            chart.name, chart.title, chart.name, chart.name
        ));
    }
    html.push_str("</div>\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_hostile_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{1}b & \"c\""), "ab &amp; &quot;c&quot;");
    }
}
