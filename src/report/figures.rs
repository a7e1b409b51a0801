//! What each chart says: its title (the finding, in a sentence), its subtitle (what is drawn
//! and how to read it), and the numbers behind it as a table for the page. Pure: metrics in,
//! words out; the drawing is in [`super::charts`].

use chrono::NaiveDate;

use super::charts::{Coverage, Heading};
use super::metrics::Metrics;
use crate::words::long_date;

/// The numbers behind a chart: a header row and rows of cells (plain text; the page escapes).
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(head: &[&str]) -> Self {
        Table {
            head: head.iter().map(std::string::ToString::to_string).collect(),
            rows: Vec::new(),
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// One chart's words and numbers.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub name: &'static str,
    pub heading: Heading,
    pub table: Table,
}

fn heading(title: String, subtitle: String) -> Heading {
    Heading { title, subtitle }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", super::kit::count(n), if n == 1 { one } else { many })
}

/// "in the last 12 months", or "in the year to 2 Nov 2026" when the numbers are measured at
/// the export (the subtitle says so).
fn last_year(m: &Metrics) -> String {
    match m.measured_at {
        Some(h) => format!("in the year to {}", crate::words::short_date(h)),
        None => "in the last 12 months".to_string(),
    }
}

/// "in the last 90 days", or "in the 90 days to 2 Nov 2026" when measured at the export.
fn last_quarter(m: &Metrics) -> String {
    match m.measured_at {
        Some(h) => format!("in the 90 days to {}", crate::words::short_date(h)),
        None => "in the last 90 days".to_string(),
    }
}

/// ", up to your export of 2 November 2026" when the numbers stop at the export.
fn up_to_export(m: &Metrics) -> String {
    match m.measured_at {
        Some(h) => format!(", up to your export of {}", long_date(h)),
        None => String::new(),
    }
}

/// `2026-03` as `March 2026`.
fn month_words(key: &str) -> String {
    let day = NaiveDate::parse_from_str(&format!("{key}-01"), "%Y-%m-%d");
    match day {
        Ok(d) => {
            let long = long_date(d);
            long.split_once(' ').map_or(long.clone(), |(_, rest)| rest.to_string())
        }
        Err(_) => key.to_string(),
    }
}

/// The note for a series whose last month is cut short.
fn partial_note(m: &Metrics) -> String {
    if !m.last_month_partial() {
        return String::new();
    }
    let date = long_date(m.observed);
    let (day, month) = date.split_once(' ').unwrap_or((&date, ""));
    format!(" {month} is counted to the {} only (shaded).", ordinal(day))
}

fn ordinal(day: &str) -> String {
    let suffix = match day {
        "1" | "21" | "31" => "st",
        "2" | "22" => "nd",
        "3" | "23" => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// A name from an export, short enough that a title built on it keeps its numbers.
fn short_name(name: &str) -> String {
    crate::output::truncate(name, 40)
}

/// 1. Network growth.
pub(crate) fn growth(m: &Metrics) -> Figure {
    let mut table = Table::new(&["month", "new connections"]);
    for (month, n) in &m.growth {
        table.row(vec![month.clone(), n.to_string()]);
    }
    let heading = match m.growth.first() {
        None => heading(
            "No connection dates in this export".to_string(),
            "Connections.csv has no dates kith could read, so growth cannot be drawn.".to_string(),
        ),
        Some((first, _)) => heading(
            format!(
                "{} {}",
                plural(m.growth_last_year, "new connection", "new connections"),
                last_year(m)
            ),
            format!(
                "New connections per month since {}{}; {} in all.{}",
                month_words(first),
                up_to_export(m),
                super::kit::count(m.connections),
                partial_note(m)
            ),
        ),
    };
    Figure {
        name: "growth",
        heading,
        table,
    }
}

/// What warmth is measured from, in words.
pub(crate) const INTERACTIONS: &str = "messages, endorsements, recommendations and logged outreach";

/// Which of Dunbar's layers a number of active ties falls in, in words.
fn dunbar(active: usize) -> String {
    match active {
        0 => "none active".to_string(),
        1..=5 => "within Dunbar's closest layer of 5".to_string(),
        6..=15 => "within Dunbar's layer of 15".to_string(),
        16..=50 => "within Dunbar's layer of 50".to_string(),
        51..=150 => "within Dunbar's 150".to_string(),
        _ => "more than Dunbar's 150".to_string(),
    }
}

/// 2. Warmth against Dunbar's layers.
pub(crate) fn warmth(m: &Metrics) -> Figure {
    let mut table = Table::new(&["warmth", "ties"]);
    for (class, n) in &m.classes {
        table.row(vec![class.clone(), n.to_string()]);
    }
    let total: usize = m.classes.iter().map(|c| c.1).sum();
    let active = m.classes.first().map_or(0, |c| c.1);
    let at = match m.measured_at {
        Some(h) => format!(", measured at your export of {}", long_date(h)),
        None => String::new(),
    };
    let never = m.classes.iter().find(|c| c.0 == "never engaged").map_or(0, |c| c.1);
    let heading = if total == 0 {
        heading(
            "No ties yet".to_string(),
            "Import an export with connections or messages to see their warmth.".to_string(),
        )
    } else if never == total {
        heading(
            format!(
                "None of your {} has an interaction in this export",
                plural(total, "tie", "ties")
            ),
            format!("Warmth comes from {INTERACTIONS}; this export has none of them yet."),
        )
    } else if active == 0 {
        heading(
            format!(
                "No tie active in the last 90 days, of your {}",
                plural(total, "tie", "ties")
            ),
            format!(
                "Your ties by last contact{at}: active within 90 days, cooling within a year, dormant longer, \
                 or never in touch."
            ),
        )
    } else {
        heading(
            format!(
                "{} {}: {}",
                plural(active, "tie active", "ties active"),
                last_quarter(m),
                dunbar(active)
            ),
            format!(
                "Your {} by last contact{at}: active within 90 days, cooling within a year, dormant longer, \
                 or never in touch. Dashed: Dunbar's layers of 5, 15, 50 and 150 people, where they fit the scale.",
                plural(total, "tie", "ties")
            ),
        )
    };
    Figure {
        name: "warmth",
        heading,
        table,
    }
}

/// 3. Top companies.
pub(crate) fn companies(m: &Metrics) -> Figure {
    let mut table = Table::new(&["company", "ties", "warm ties"]);
    for (name, n, warm) in &m.top_companies {
        table.row(vec![
            crate::names::company_display(name),
            n.to_string(),
            warm.to_string(),
        ]);
    }
    let heading = match m.top_companies.first() {
        None => heading(
            "No companies known".to_string(),
            "No tie has a company in this export.".to_string(),
        ),
        Some((name, n, warm)) => heading(
            format!(
                "{} is your largest cluster: {}, {}",
                short_name(&crate::names::company_display(name)),
                plural(*n, "person", "people"),
                match warm {
                    0 => "none of them warm yet".to_string(),
                    w => format!("{} warm", super::kit::count(*w)),
                }
            ),
            match m.top_companies.len() {
                1 => "Ties at your one company; the darker part is warm ties.".to_string(),
                n => format!("Ties at your {n} most common companies; the darker part of each bar is warm ties."),
            },
        ),
    };
    Figure {
        name: "companies",
        heading,
        table,
    }
}

/// 4. Messaging.
pub(crate) fn messaging(m: &Metrics) -> Figure {
    let mut table = Table::new(&["month", "sent", "received"]);
    for (s, r) in m.messages_sent.iter().zip(&m.messages_received) {
        table.row(vec![s.0.clone(), s.1.to_string(), r.1.to_string()]);
    }
    let heading = match m.messages_sent.first() {
        None => heading(
            "No messages in this export".to_string(),
            "The export has no message history, so there is no activity to draw.".to_string(),
        ),
        Some((first, _)) => heading(
            format!(
                "You sent {} and received {} {}",
                super::kit::count(m.sent_last_year),
                plural(m.received_last_year, "message", "messages"),
                last_year(m)
            ),
            format!(
                "Messages per month since {}{}, sent and received.{}",
                month_words(first),
                up_to_export(m),
                partial_note(m)
            ),
        ),
    };
    Figure {
        name: "messaging",
        heading,
        table,
    }
}

/// Targets without a warm path (one whose every hop is likely enough, see
/// [`super::WARM_HOP`]), as a finding: "Every target company has a warm path".
pub(crate) fn target_finding(coverage: &[Coverage]) -> String {
    let cold: Vec<&str> = coverage
        .iter()
        .filter(|c| c.warm_paths == 0)
        .map(|c| c.target.as_str())
        .collect();
    match (cold.len(), coverage.len()) {
        (_, 0) => "No target companies yet".to_string(),
        (0, 1) => format!("{} has a warm path", short_name(&coverage[0].target)),
        (0, _) => "Every target company has a warm path".to_string(),
        (1, 1) => format!("{} has no warm path yet", short_name(cold[0])),
        (c, n) if c == n => format!("None of your {n} target companies has a warm path yet"),
        (c, n) => {
            let warm = n - c;
            let verb = if warm == 1 { "has" } else { "have" };
            match c {
                1 => format!(
                    "{warm} of {n} target companies {verb} a warm path; {} has none yet",
                    short_name(cold[0])
                ),
                _ => format!("{warm} of {n} target companies {verb} a warm path; {c} have none yet"),
            }
        }
    }
}

/// 5. Target coverage.
pub(crate) fn targets(coverage: &[Coverage], warm: f64) -> Figure {
    let mut table = Table::new(&["target", "best path", "warm paths", "cold paths"]);
    for c in coverage {
        table.row(vec![
            c.target.clone(),
            format!("{:.0} %", c.best * 100.0),
            c.warm_paths.to_string(),
            c.cold_paths.to_string(),
        ]);
    }
    let subtitle = if coverage.is_empty() {
        "Add the companies you are aiming for with kith targets add \"Company\".".to_string()
    } else {
        format!(
            "The chance the best introduction path to each target works; green: the target has a warm path \
             (every hop at least {:.0} % likely), orange: not yet.",
            warm * 100.0
        )
    };
    Figure {
        name: "targets",
        heading: heading(target_finding(coverage), subtitle),
        table,
    }
}

/// The ledger counted by week and outcome, for the funnel.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weekly {
    /// The Monday starting each week, as `2 Nov`.
    pub weeks: Vec<String>,
    /// Per outcome (those of [`crate::store::ledger::Outcome::ALL`], then "logged" for entries
    /// without one), the entries of each week.
    pub series: Vec<(String, Vec<usize>)>,
}

/// 6. Outreach.
pub(crate) fn outreach(weekly: &Weekly) -> Figure {
    let mut head = vec!["week of"];
    head.extend(weekly.series.iter().map(|s| s.0.as_str()));
    let mut table = Table::new(&head);
    for (w, week) in weekly.weeks.iter().enumerate() {
        let cells: Vec<usize> = weekly.series.iter().map(|s| s.1.get(w).copied().unwrap_or(0)).collect();
        if cells.iter().all(|c| *c == 0) {
            continue;
        }
        let mut row = vec![week.clone()];
        row.extend(cells.iter().map(std::string::ToString::to_string));
        table.row(row);
    }
    let totals: Vec<(String, usize)> = weekly
        .series
        .iter()
        .map(|(name, values)| (name.clone(), values.iter().sum()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let all: usize = totals.iter().map(|t| t.1).sum();
    let heading = if all == 0 {
        heading(
            "No outreach logged yet".to_string(),
            "Log asks, replies and introductions with kith log; follow-ups are worked out from them.".to_string(),
        )
    } else {
        let parts: Vec<String> = totals.iter().map(|(name, n)| format!("{n} {name}")).collect();
        heading(
            format!(
                "{} {}: {}",
                plural(all, "outreach entry", "outreach entries"),
                match weekly.weeks.len() {
                    1 => "this week".to_string(),
                    n => format!("in the last {n} weeks"),
                },
                parts.join(", ")
            ),
            "Entries in your outreach ledger per week (weeks start on Monday), by outcome.".to_string(),
        )
    };
    Figure {
        name: "outreach",
        heading,
        table,
    }
}

/// The map (chart 7): `groups` are its colour groups (name, target or not, people), `shown`
/// the people drawn and `ranked` whether any tie is warmer than another.
pub(crate) fn map(groups: &[(String, bool, usize)], shown: usize, ranked: bool) -> Figure {
    let mut table = Table::new(&["group", "people on the map"]);
    for (name, target, n) in groups {
        let name = if *target {
            format!("{name} (target)")
        } else {
            name.clone()
        };
        table.row(vec![name, n.to_string()]);
    }
    let heading = if shown == 0 {
        heading(
            "No ties to map yet".to_string(),
            "Import an export with connections to see your network.".to_string(),
        )
    } else if !ranked {
        heading(
            format!("{}, coloured by company", plural(shown, "tie", "ties")),
            format!(
                "You at the centre; none of these ties is warmer than another yet (warmth comes from \
                 {INTERACTIONS}); colour: your targets and top companies."
            ),
        )
    } else {
        heading(
            match shown {
                1 => "Your one tie, around you".to_string(),
                n => format!("Your {} warmest ties, the warmest nearest you", super::kit::count(n)),
            },
            "You at the centre, warmer ties nearer; a line joins two people who know each other; \
             colour: your targets and top companies; names where they fit."
                .to_string(),
        )
    };
    Figure {
        name: "map",
        heading,
        table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(target: &str, warm_paths: usize) -> Coverage {
        Coverage {
            target: target.to_string(),
            best: 0.5,
            warm_paths,
            cold_paths: 1,
        }
    }

    #[test]
    fn target_findings_read_as_plain_words() {
        assert_eq!(
            target_finding(&[covered("Acme", 2), covered("Globex", 1)]),
            "Every target company has a warm path"
        );
        assert_eq!(target_finding(&[covered("Acme", 1)]), "Acme has a warm path");
        assert_eq!(
            target_finding(&[covered("Acme", 3), covered("Initech", 0)]),
            "1 of 2 target companies has a warm path; Initech has none yet"
        );
        assert_eq!(
            target_finding(&[covered("A", 1), covered("B", 0), covered("C", 0)]),
            "1 of 3 target companies has a warm path; 2 have none yet"
        );
        assert_eq!(
            target_finding(&[covered("A", 1), covered("B", 1), covered("C", 0)]),
            "2 of 3 target companies have a warm path; C has none yet"
        );
        assert_eq!(target_finding(&[covered("Initech", 0)]), "Initech has no warm path yet");
        assert_eq!(
            target_finding(&[covered("A", 0), covered("B", 0)]),
            "None of your 2 target companies has a warm path yet"
        );
    }

    #[test]
    fn partial_months_are_named() {
        let m = Metrics {
            observed: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            ..Metrics::default()
        };
        assert_eq!(partial_note(&m), " November 2026 is counted to the 2nd only (shaded).");
        assert_eq!(month_words("2015-07"), "July 2015");
    }
}
