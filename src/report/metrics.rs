//! The numbers behind the report: counts per month, warmth classes, companies, targets,
//! the outreach funnel, and findings in plain words. Pure: `GraphData` in, numbers out.

use crate::ids::PersonId;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::hash::IdMap;
use crate::resolve::company_key;
use crate::score::{strength_value, Signals};
use crate::store::graph_data::GraphData;

/// Ties this warm or warmer count as warm (share of bond kept plus bond itself). *prior*
pub(crate) const WARM_THRESHOLD: f64 = 0.25;
/// Companies shown in the report's top list.
pub(crate) const TOP_COMPANIES: usize = 10;
/// Last interaction within this many days: active. *prior*
pub(crate) const ACTIVE_DAYS: i64 = 90;

/// Warmth classes of the owner's ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum WarmthClass {
    Active,
    Cooling,
    Dormant,
    NeverEngaged,
}

impl WarmthClass {
    pub(crate) fn label(self) -> &'static str {
        match self {
            WarmthClass::Active => "active",
            WarmthClass::Cooling => "cooling",
            WarmthClass::Dormant => "dormant",
            WarmthClass::NeverEngaged => "never engaged",
        }
    }
}

/// A month, `YYYY-MM`, with a count.
pub(crate) type MonthCount = (String, usize);

/// Everything the charts and the page show.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metrics {
    pub connections: usize,
    pub growth: Vec<MonthCount>,
    pub classes: Vec<(String, usize)>,
    pub active_share: f64,
    pub dormant_share: f64,
    pub reciprocity: f64,
    pub top_companies: Vec<(String, usize, usize)>,
    pub concentration: f64,
    pub brokerage: f64,
    pub growth_last_year: usize,
    pub messages_sent: Vec<MonthCount>,
    pub messages_received: Vec<MonthCount>,
    /// Messages sent and received in the year to `observed` (the 365 days `growth_last_year`
    /// counts too).
    pub sent_last_year: usize,
    pub received_last_year: usize,
    /// People the owner has written to, and of them those who wrote back (reciprocity's parts).
    pub messaged: usize,
    pub reciprocal: usize,
    /// Ties with an interaction in the 15 months (455 days) to `observed`, and of them those
    /// quiet for more than the last 90 days.
    pub was_active: usize,
    pub went_quiet: usize,
    pub quiet_this_year: f64,
    /// Warmth of each tie, strongest first, with the person's id.
    pub ranked: Vec<(PersonId, f64)>,
    /// The day the shares are measured at: the owner's newest export when it is older than
    /// "today" (what happened after it is unknown, not silence).
    pub measured_at: Option<NaiveDate>,
    /// The day the monthly series end: `measured_at`, else the report's day. Its month is
    /// partial unless it is the month's last day.
    pub observed: NaiveDate,
}

impl Metrics {
    /// Whether the series' last month is cut short by the day they end.
    pub(crate) fn last_month_partial(&self) -> bool {
        self.observed
            .succ_opt()
            .is_some_and(|next| next.month() == self.observed.month())
    }
}

/// Every month from `first`'s to `last`'s, as `YYYY-MM`: a continuous axis, empty months
/// included.
pub(crate) fn month_span(first: NaiveDate, last: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    while (year, month) <= (last.year(), last.month()) {
        out.push(format!("{year:04}-{month:02}"));
        if month == 12 {
            year += 1;
            month = 1;
        } else {
            month += 1;
        }
    }
    out
}

/// Counts per month of `dates`, on a continuous axis from `first`'s month to `last`'s (dates
/// outside it are not counted).
fn monthly(first: NaiveDate, dates: impl Iterator<Item = NaiveDate>, last: NaiveDate) -> Vec<MonthCount> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for d in dates.filter(|d| (first..=last).contains(d)) {
        *counts.entry(month(d)).or_default() += 1;
    }
    month_span(first, last)
        .into_iter()
        .map(|m| {
            let n = counts.get(&m).copied().unwrap_or(0);
            (m, n)
        })
        .collect()
}

/// Whether `d` falls in the year up to `observed` (the window of every "last 12 months").
fn in_last_year(d: NaiveDate, observed: NaiveDate) -> bool {
    d <= observed && (observed - d).num_days() <= 365
}

fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Classifies a tie by its known silence (measured at the observation horizon, see
/// [`Signals::silence_days`]).
pub(crate) fn classify(s: &Signals, as_of: NaiveDate) -> WarmthClass {
    let engaged = s.messages() > 0
        || s.logged > 0
        || s.recommendations_given + s.recommendations_received + s.endorsements_given + s.endorsements_received > 0;
    if !engaged {
        return WarmthClass::NeverEngaged;
    }
    match s.silence_days(as_of) {
        Some(days) if days <= ACTIVE_DAYS => WarmthClass::Active,
        Some(days) if days <= 365 => WarmthClass::Cooling,
        _ => WarmthClass::Dormant,
    }
}

/// Computes the metrics of the owner's network.
#[must_use]
pub fn metrics(data: &GraphData, as_of: NaiveDate, messages: &[(NaiveDate, bool)]) -> Metrics {
    let mut m = Metrics {
        observed: as_of,
        ..Metrics::default()
    };
    let Some(owner) = data.members.iter().find(|x| x.is_owner) else {
        return m;
    };
    let people: IdMap<PersonId, &crate::store::graph_data::PersonRow> = data.people.iter().map(|p| (p.id, p)).collect();
    let mut ties: Vec<(&PersonId, &Signals)> = data
        .ties
        .iter()
        .filter(|((member, person), _)| *member == owner.id && *person != owner.person_id)
        .map(|((_, p), s)| (p, s))
        .collect();
    ties.sort_by_key(|(p, _)| **p);
    let horizon = data.owner_horizon().filter(|h| *h < as_of);
    m.measured_at = horizon;
    let observed = horizon.unwrap_or(as_of);
    m.observed = observed;
    let connected: Vec<NaiveDate> = ties.iter().filter_map(|(_, s)| s.connected_on).collect();
    m.connections = ties.iter().filter(|(_, s)| s.connected_on.is_some()).count();
    if let Some(first) = connected.iter().copied().filter(|d| *d <= observed).min() {
        m.growth = monthly(first, connected.iter().copied(), observed);
    }
    m.growth_last_year = connected.iter().filter(|d| in_last_year(**d, observed)).count();
    let mut key_of = company_key;
    let spelling = crate::graph::most_common_spellings(
        ties.iter()
            .filter_map(|(p, _)| people.get(*p))
            .map(|p| p.company.as_str()),
        &mut key_of,
    );

    let mut counts = [0usize; 4];
    let mut reciprocal = 0usize;
    let mut messaged = 0usize;
    let mut companies: std::collections::HashMap<String, (String, usize, usize)> = std::collections::HashMap::new();
    let mut went_quiet = 0usize;
    let mut was_active = 0usize;
    for (person, s) in &ties {
        let class = classify(s, as_of);
        counts[class as usize] += 1;
        if s.sent > 0 {
            messaged += 1;
            if s.received > 0 {
                reciprocal += 1;
            }
        }
        // Warmth as known at the horizon, like the shares.
        let warmth = strength_value(s, observed).warmth;
        m.ranked.push((**person, warmth));
        if let Some(p) = people.get(*person) {
            let key = company_key(&p.company);
            if !key.is_empty() {
                let name = spelling
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| p.company.trim().to_string());
                let entry = companies.entry(key).or_insert((name, 0, 0));
                entry.1 += 1;
                if warmth >= WARM_THRESHOLD {
                    entry.2 += 1;
                }
            }
        }
        // Ties active a year ago (last interaction in the year before that) now silent,
        // measured at the horizon like every share.
        if let Some(days) = s.silence_days(as_of) {
            if days > ACTIVE_DAYS && days <= 365 + ACTIVE_DAYS {
                went_quiet += 1;
            }
            if days <= 365 + ACTIVE_DAYS {
                was_active += 1;
            }
        }
    }
    m.classes = [
        WarmthClass::Active,
        WarmthClass::Cooling,
        WarmthClass::Dormant,
        WarmthClass::NeverEngaged,
    ]
    .iter()
    .map(|c| (c.label().to_string(), counts[*c as usize]))
    .collect();
    m.active_share = share(counts[WarmthClass::Active as usize], ties.len());
    m.dormant_share = share(counts[WarmthClass::Dormant as usize], ties.len());
    m.messaged = messaged;
    m.reciprocal = reciprocal;
    m.was_active = was_active;
    m.went_quiet = went_quiet;
    m.reciprocity = share(reciprocal, messaged);
    m.quiet_this_year = share(went_quiet, was_active);
    summarise_companies(&mut m, companies.into_values().collect());
    m.ranked.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    count_messages(&mut m, messages);
    m
}

/// `part` of `whole`, or 0 when there is no whole.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The top companies (ties and warm ties at each, name, most first), and how concentrated
/// and how spread the ties are over companies.
fn summarise_companies(m: &mut Metrics, mut top: Vec<(String, usize, usize)>) {
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let with_company: usize = top.iter().map(|c| c.1).sum();
    // Concentration: the Herfindahl index of ties over companies (0 spread out, 1 all in one).
    m.concentration = top.iter().map(|c| share(c.1, with_company).powi(2)).sum();
    // Brokerage estimate: how many distinct companies your ties span, relative to ties
    // (1 when every tie is at a different company).
    m.brokerage = share(top.len(), with_company);
    top.truncate(TOP_COMPANIES);
    m.top_companies = top;
}

/// Messages sent and received per month (one axis for both, from the first message of either
/// direction to `m.observed`) and in the last year.
fn count_messages(m: &mut Metrics, messages: &[(NaiveDate, bool)]) {
    let observed = m.observed;
    let Some(first) = messages.iter().map(|(d, _)| *d).filter(|d| *d <= observed).min() else {
        return;
    };
    let dates = |outgoing: bool| messages.iter().filter(move |(_, o)| *o == outgoing).map(|(d, _)| *d);
    m.messages_sent = monthly(first, dates(true), observed);
    m.messages_received = monthly(first, dates(false), observed);
    m.sent_last_year = dates(true).filter(|d| in_last_year(*d, observed)).count();
    m.received_last_year = dates(false).filter(|d| in_last_year(*d, observed)).count();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn shares_are_measured_at_the_export_not_months_later() {
        let base = Signals {
            sent: 20,
            received: 20,
            last_message: Some(day("2026-03-30")),
            horizon: Some(day("2026-04-06")),
            ..Signals::default()
        };
        assert_eq!(classify(&base, day("2026-11-06")), WarmthClass::Active);
        let quiet = Signals {
            last_message: Some(day("2025-12-01")),
            ..base
        };
        assert_eq!(classify(&quiet, day("2026-11-06")), WarmthClass::Cooling);
    }

    #[test]
    fn months_are_continuous_and_zero_filled() {
        assert_eq!(
            month_span(day("2015-11-20"), day("2016-02-01")),
            vec!["2015-11", "2015-12", "2016-01", "2016-02"]
        );
        let counted = monthly(
            day("2015-07-03"),
            [
                day("2015-07-03"),
                day("2015-07-09"),
                day("2015-10-01"),
                day("2016-01-01"),
            ]
            .into_iter(),
            day("2015-11-30"),
        );
        assert_eq!(
            counted,
            vec![
                ("2015-07".to_string(), 2),
                ("2015-08".to_string(), 0),
                ("2015-09".to_string(), 0),
                ("2015-10".to_string(), 1),
                ("2015-11".to_string(), 0),
            ]
        );
        let partial = Metrics {
            observed: day("2026-11-02"),
            ..Metrics::default()
        };
        assert!(partial.last_month_partial());
        let whole = Metrics {
            observed: day("2026-11-30"),
            ..Metrics::default()
        };
        assert!(!whole.last_month_partial());
    }

    #[test]
    fn classes() {
        let as_of = day("2026-11-01");
        let base = Signals {
            sent: 2,
            received: 1,
            ..Signals::default()
        };
        let at = |d: &str| Signals {
            last_message: Some(day(d)),
            ..base.clone()
        };
        assert_eq!(classify(&at("2026-10-01"), as_of), WarmthClass::Active);
        assert_eq!(classify(&at("2026-03-01"), as_of), WarmthClass::Cooling);
        assert_eq!(classify(&at("2024-03-01"), as_of), WarmthClass::Dormant);
        assert_eq!(classify(&Signals::default(), as_of), WarmthClass::NeverEngaged);
    }
}
