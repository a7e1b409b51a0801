//! The self-contained report page: inline SVG charts, a metrics table and findings in plain
//! words. Every string that came from an export is escaped; nothing is loaded from anywhere.

use chrono::NaiveDate;

use super::charts::Coverage;
use super::metrics::Metrics;
use super::Chart;

/// Escapes text for HTML content and attributes (the XML rules serve both).
pub(crate) fn escape(text: &str) -> String {
    crate::graph::formats::xml_escape(text).replace('\n', " ")
}

fn percent(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// Findings in plain words, most useful first. Each says only what the data show: no
/// reciprocity without messages, no advice about dormant ties when there are none.
pub(crate) fn findings(m: &Metrics, coverage: &[Coverage]) -> Vec<String> {
    let mut out = Vec::new();
    let export = m.measured_at.map(crate::words::long_date);
    if coverage.is_empty() {
        out.push("You have no target companies yet: add them with kith targets add.".to_string());
    } else {
        out.push(format!("{}.", escape(&super::figures::target_finding(coverage))));
    }
    let ties: usize = m.classes.iter().map(|c| c.1).sum();
    let count = |class: &str| m.classes.iter().find(|c| c.0 == class).map_or(0, |c| c.1);
    let (active, dormant) = (count("active"), count("dormant"));
    let engaged = ties - count("never engaged");
    // "of your 12 ties", "of your one tie"
    let of = |n: usize, one: &str, many: &str| match n {
        1 => format!("your one {one}"),
        n => format!("your {n} {many}"),
    };
    if ties > 0 && engaged == 0 {
        out.push(capitalise(&format!(
            "{} in this export (no messages, endorsements, recommendations or logged outreach), so kith \
             cannot tell warm ties from cold ones yet.",
            match ties {
                1 => "your one tie has no interaction".to_string(),
                n => format!("none of your {n} ties has an interaction"),
            }
        )));
    } else if ties > 0 {
        let at = match &export {
            Some(date) => format!("At your export of {date}, "),
            None => String::new(),
        };
        let sentence = format!(
            "{at}{active} of {} {} active (in touch within 90 days) and {dormant} dormant (quiet for over a year).",
            of(ties, "tie", "ties"),
            if m.measured_at.is_some() { "were" } else { "are" },
        );
        let mut sentence = capitalise(&sentence);
        if dormant > 0 {
            sentence.push_str(" Run kith reconnect: it picks the dormant ties most worth a message.");
        }
        out.push(sentence);
    }
    if m.went_quiet > 0 {
        out.push(format!(
            "{} of the {} you were in touch with in the 15 months to {} {} been quiet for more than 90 days ({}).",
            m.went_quiet,
            if m.was_active == 1 {
                "one tie".to_string()
            } else {
                format!("{} ties", m.was_active)
            },
            match &export {
                Some(date) => format!("your export of {date}"),
                None => crate::words::long_date(m.observed),
            },
            if m.went_quiet == 1 { "has" } else { "have" },
            percent(m.quiet_this_year)
        ));
    }
    if m.messaged > 0 {
        out.push(format!(
            "{} of the {} you have written to wrote back ({}).",
            m.reciprocal,
            if m.messaged == 1 {
                "one person".to_string()
            } else {
                format!("{} people", m.messaged)
            },
            percent(m.reciprocity)
        ));
    }
    if let Some((name, n, warm)) = m.top_companies.first() {
        let people = if *n == 1 {
            "1 person".to_string()
        } else {
            format!("{n} people")
        };
        let warm = match (warm, n) {
            (0, _) => "none of them warm".to_string(),
            (_, 1) => "warm".to_string(),
            (w, _) => format!("{w} of them warm"),
        };
        out.push(format!(
            "Your largest cluster is {} ({people}, {warm}).",
            escape(&crate::names::company_display(name))
        ));
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const STYLE: &str = r#"
:root { color-scheme: light dark; --ink: #1b1b1b; --muted: #555; --line: #ddd; --page: #fff; --card: #fff; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e8e8e8; --muted: #aaa; --line: #444; --page: #161616; --card: #fff; }
}
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 0 auto; max-width: 1000px; padding: 1.5rem; color: var(--ink); background: var(--page); line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { margin-top: 2rem; }
.sub { color: var(--muted); margin-top: 0; }
ul.findings li { margin: 0.35rem 0; }
table { border-collapse: collapse; margin: 1rem 0; }
td, th { border-bottom: 1px solid var(--line); padding: 0.3rem 0.8rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0 0 2rem 0; }
/* Charts are drawn 960 px wide for this column: shown at their size, text stays >= 12 px.
   On a dark page they keep their light card, like a printed figure. */
figure svg { display: block; width: 100%; max-width: 960px; height: auto; background: var(--card); border-radius: 4px; }
figcaption { font-size: 0.9rem; color: var(--muted); margin-top: 0.3rem; }
details { margin-top: 0.3rem; }
summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
details table { font-size: 0.9rem; }
@media print {
  body { max-width: none; padding: 0; }
  figure { break-inside: avoid; page-break-inside: avoid; }
  details { display: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The chart's SVG for the page: no XML declaration, and labelled for screen readers with
/// what it shows (`role="img"`, `aria-label`).
fn inline_svg(svg: &str, label: &str) -> String {
    let svg = svg.trim_start_matches(|c| c != '<');
    let svg = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .unwrap_or(svg)
        .trim_start();
    match svg.strip_prefix("<svg") {
        Some(rest) => format!("<svg role=\"img\" aria-label=\"{}\"{rest}", escape(label)),
        None => svg.to_string(),
    }
}

/// The numbers behind a chart, folded away under it.
fn numbers(table: &super::figures::Table) -> String {
    if table.rows.is_empty() {
        return String::new();
    }
    let mut html = String::from("<details>\n<summary>The numbers behind this chart</summary>\n<table>\n<tr>");
    for h in &table.head {
        html.push_str(&format!("<th>{}</th>", escape(h)));
    }
    html.push_str("</tr>\n");
    for row in &table.rows {
        html.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i > 0 { " class=\"n\"" } else { "" };
            html.push_str(&format!("<td{class}>{}</td>", escape(cell)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n</details>\n");
    html
}

/// The whole page.
pub(crate) fn page(owner: &str, as_of: NaiveDate, m: &Metrics, coverage: &[Coverage], charts: &[Chart]) -> String {
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
        "<p class=\"sub\">As of {}.{measured} Made by kith on your machine; nothing here was sent anywhere.</p>\n",
        crate::words::long_date(as_of)
    ));
    html.push_str("<h2>Findings</h2>\n<ul class=\"findings\">\n");
    for f in findings(m, coverage) {
        // Findings embed escaped names already; the rest is kith's own text.
        html.push_str(&format!("<li>{f}</li>\n"));
    }
    html.push_str("</ul>\n<h2>Charts</h2>\n");
    for chart in charts {
        let figure = &chart.figure;
        let label = format!("{}. {}", figure.heading.title, figure.heading.subtitle);
        html.push_str(&format!(
            "<figure id=\"{}\" class=\"chart\">\n{}\n<figcaption>{}.png and {}.svg beside this page</figcaption>\n{}</figure>\n",
            figure.name,
            inline_svg(&chart.svg, &label),
            figure.name,
            figure.name,
            numbers(&figure.table)
        ));
    }
    html.push_str("<h2>Metrics</h2>\n<table>\n<tr><th>metric</th><th>value</th><th>what it means</th></tr>\n");
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
    let reciprocity = if m.messaged == 0 {
        "no messages in the export".to_string()
    } else {
        percent(m.reciprocity)
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
        ("reciprocity", reciprocity, "people you messaged who wrote back"),
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
    html.push_str("</body>\n</html>\n");
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
