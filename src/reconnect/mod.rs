//! The reconnect list: dormant ties worth rekindling, ranked by reconnect value, each with
//! reasons in plain words and a draft opener. Pure: plain data in, ranked entries out.
//!
//! Value follows `docs/scoring.md`: latent strength `L = B × 2^(−years_dormant / 5)`,
//! times novelty (a job change since the last contact), times relevance (now at a target),
//! times a counterweight to comfort, times a penalty when the user asked them recently.

mod drafts;

use crate::ids::PersonId;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

pub use drafts::Goal;

use crate::hash::{IdMap, IdSet};
use crate::names::{company_display, greeting};
use crate::resolve::company_key;
use crate::score::constants::{
    ASKED_PENALTY, ASKED_PENALTY_DAYS, COLD_FACTOR, COMFORT_DISCOUNT, COMFORT_SCALE_MESSAGES, COOLING_DAYS,
    DORMANT_AFTER_DAYS, DORMANT_GAP_MULTIPLE, LATENT_HALF_LIFE_YEARS, MIN_DORMANT_DAYS, MIN_USUAL_GAP_DAYS,
    NOVELTY_JOB_CHANGE, RELEVANCE_TARGET, STALE_EXPORT_DAYS,
};
use crate::score::{bond_value, message_words, silence_words, Signals};
use crate::store::graph_data::{GraphData, JobChange, PersonRow};

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub limit: usize,
    /// Extra company names that count as targets for this list.
    pub companies: Vec<String>,
    pub goal: Goal,
    /// Also list people never engaged at all (ranked below every engaged tie).
    pub include_cold: bool,
    pub as_of: NaiveDate,
}

/// One suggestion.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reconnect {
    pub name: String,
    pub url: Option<String>,
    pub company: String,
    pub position: String,
    pub score: f64,
    /// `YYYY-MM-DD` of the last interaction of any kind on record (export or ledger), if any.
    pub last_contact: Option<String>,
    pub reasons: Vec<String>,
    pub draft: String,
    #[serde(skip)]
    pub person_id: PersonId,
}

/// Facts a draft is built from. Company names are as written in prose (no legal form), and
/// empty when the person's company cell names no company ("Self-employed").
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub first_name: String,
    pub company: String,
    pub job_change: Option<(String, String)>,
    pub at_target: bool,
    pub recommended_you: Option<i32>,
    pub you_recommended: bool,
    pub endorsed_you: bool,
    /// An employer both share (in prose), and whether the user still works there.
    pub shared_employer: Option<(String, bool)>,
    /// The year of the last message (not of an endorsement or a logged contact).
    pub last_year: Option<i32>,
    /// Years from the last message to what the export can see (its horizon, or today).
    pub years_since_message: f64,
    /// The export is older than `STALE_EXPORT_DAYS`: silences are known only up to it.
    pub stale: bool,
    pub messages: u32,
    /// Messages the user sent that were never answered (and none came back).
    pub unanswered_sent: u32,
    /// Messages from them the user never answered (and the user sent none).
    pub unanswered_received: u32,
}

/// A company as prose names it, or empty when the cell names no company.
fn prose_company(name: &str) -> String {
    if company_key(name).is_empty() {
        String::new()
    } else {
        company_display(name)
    }
}

fn years(days: i64) -> f64 {
    days as f64 / 365.25
}

/// The latest job change of each person.
fn latest_changes(changes: &[JobChange]) -> IdMap<PersonId, &JobChange> {
    let mut out: IdMap<PersonId, &JobChange> = IdMap::default();
    for c in changes {
        out.insert(c.person_id, c);
    }
    out
}

/// Ranks the owner's dormant ties. Members of the pool and muted people never appear.
#[must_use]
pub fn reconnect(data: &GraphData, options: &Options) -> Vec<Reconnect> {
    let Some(owner) = data.members.iter().find(|m| m.is_owner) else {
        return Vec::new();
    };
    let member_people: IdSet<PersonId> = data.members.iter().map(|m| m.person_id).collect();
    let people: IdMap<PersonId, &PersonRow> = data.people.iter().map(|p| (p.id, p)).collect();
    let changes = latest_changes(&data.job_changes);
    let mut targets: Vec<String> = data.target_keys.clone();
    targets.extend(options.companies.iter().map(|c| company_key(c)));

    let mut out = Vec::new();
    for ((member, person_id), s) in &data.ties {
        if *member != owner.id || member_people.contains(person_id) || data.muted.contains(person_id) {
            continue;
        }
        let Some(person) = people.get(person_id) else { continue };
        if let Some(entry) = evaluate(person, s, &changes, &targets, options) {
            out.push(entry);
        }
    }
    out.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.name.cmp(&b.name))
    });
    out.truncate(options.limit);
    for (rank, entry) in out.iter_mut().enumerate() {
        // Drafts vary with rank too, so a list of five never reads alike.
        entry.draft = drafts::rewrite_rank(&entry.draft, rank);
    }
    out
}

/// The suggestion for one tie of the owner, or `None` when the tie is not a dormant one worth
/// rekindling (never engaged without `include_cold`, contacted recently, or still active).
fn evaluate(
    person: &PersonRow,
    s: &Signals,
    changes: &IdMap<PersonId, &JobChange>,
    targets: &[String],
    options: &Options,
) -> Option<Reconnect> {
    let as_of = options.as_of;
    let engaged = is_engaged(s);
    if !engaged && !options.include_cold {
        return None;
    }
    // Contacted recently (ledger): off the list for the cooling period.
    if s.last_outreach.is_some_and(|d| (as_of - d).num_days() < COOLING_DAYS) {
        return None;
    }
    let last = s.last_interaction();
    // Silence as known: up to the export's horizon for messages, up to today for the ledger.
    // A tie active at the horizon is never dormant, however old the export.
    let days_quiet = s.silence_days(as_of).unwrap_or(i64::MAX / 4);
    // Anyone written with recently (even one way) is not someone to get back in touch with.
    if (engaged || s.messages() > 0) && !is_dormant(s, days_quiet) {
        return None;
    }

    let years_dormant = if last.is_some() { years(days_quiet) } else { 0.0 };
    let mut case = Case {
        value: bond_value(s, as_of) * (-years_dormant / LATENT_HALF_LIFE_YEARS).exp2(),
        reasons: Vec::new(),
        facts: base_facts(person, s, as_of),
    };
    case.reasons.extend(history_reason(s, engaged));
    case.add_services(s);
    if engaged {
        case.reasons.extend(silence_words(s, as_of));
    }
    if let Some(shared) = &s.shared_employer {
        case.facts.shared_employer = Some((shared.company.clone(), shared.current));
        case.reasons.push(shared.words());
    }
    if let Some(change) = changes.get(&person.id) {
        case.add_job_change(change, last);
    }
    case.add_target(person, targets);
    case.weigh_comfort_and_asks(s, as_of);
    if !engaged {
        case.value *= COLD_FACTOR;
    }
    let draft = drafts::draft(&case.facts, options.goal);
    Some(Reconnect {
        name: person.name.clone(),
        url: person.url.clone(),
        company: person.company.clone(),
        position: person.position.clone(),
        score: (case.value * 1000.0).round() / 1000.0,
        last_contact: last.map(|d| d.to_string()),
        reasons: case.reasons,
        draft,
        person_id: person.id,
    })
}

/// The tie was ever engaged: an answered thread, a recommendation or endorsement either way,
/// a logged contact, or three messages or more from them. A one-way, never-answered thread is
/// not a dormant friendship.
fn is_engaged(s: &Signals) -> bool {
    let services =
        s.recommendations_given + s.recommendations_received + s.endorsements_given + s.endorsements_received;
    let answered = s.sent > 0 && s.received > 0;
    answered || services > 0 || s.logged > 0 || (s.received > 0 && s.sent == 0 && s.received >= 3)
}

/// Quiet for `days_quiet` days is dormant: past `DORMANT_AFTER_DAYS`, or (for a thread of
/// three messages or more, and after 90 days at least) past `DORMANT_GAP_MULTIPLE` times its
/// usual gap between messages, so a tie that wrote weekly counts as dormant before a year.
fn is_dormant(s: &Signals, days_quiet: i64) -> bool {
    let usual_gap = match (s.first_message, s.last_message) {
        (Some(first), Some(end)) if s.messages() >= 3 => {
            Some((end - first).num_days() as f64 / f64::from(s.messages() - 1))
        }
        _ => None,
    };
    let beyond_rhythm = usual_gap.is_some_and(|gap| {
        days_quiet as f64 > DORMANT_GAP_MULTIPLE * gap.max(MIN_USUAL_GAP_DAYS) && days_quiet > MIN_DORMANT_DAYS
    });
    days_quiet > DORMANT_AFTER_DAYS || beyond_rhythm
}

/// The facts the signals give directly; [`Case`] fills in the rest as it finds reasons.
fn base_facts(person: &PersonRow, s: &Signals, as_of: NaiveDate) -> Facts {
    Facts {
        first_name: greeting(&person.name, person.given_name.as_deref()),
        company: prose_company(&person.company),
        messages: s.messages(),
        // Group messages are not a thread of one's own: only direct ones go unanswered.
        unanswered_sent: if s.received == 0 { s.sent_direct } else { 0 },
        unanswered_received: if s.sent == 0 { s.received_direct } else { 0 },
        years_since_message: s
            .last_message
            .map_or(0.0, |d| years((s.observed_until(as_of) - d).num_days().max(0))),
        last_year: s.last_message.map(|d| d.year()),
        endorsed_you: s.endorsements_received > 0,
        stale: s.horizon.is_some_and(|h| (as_of - h).num_days() > STALE_EXPORT_DAYS),
        ..Facts::default()
    }
}

/// The first reason: what the message history was (both ways, in groups, one way), or for a
/// tie never engaged, how long they have been connected without a word.
fn history_reason(s: &Signals, engaged: bool) -> Option<String> {
    match (s.sent, s.received, s.first_message, s.last_message) {
        (a, b, Some(first), Some(end)) if a > 0 && b > 0 => {
            let span = if first.year() == end.year() {
                first.year().to_string()
            } else {
                format!("{}–{}", first.year(), end.year())
            };
            Some(format!("{} messages both ways in {span}", a + b))
        }
        (a, b, _, Some(end)) if s.sent_direct + s.received_direct == 0 && a + b > 0 => Some(format!(
            "{} in group conversations, last in {}",
            crate::words::plural(a + b, "message"),
            end.year()
        )),
        (a, b, _, Some(end)) if a + b > 0 => Some(format!("{}, last in {}", message_words(a, b), end.year())),
        _ if !engaged => Some(match s.connected_on {
            Some(on) => format!("connected since {}, never in touch", on.year()),
            None => "never in touch".to_string(),
        }),
        _ => None,
    }
}

/// A suggestion while it is worked out: its value so far, its reasons in the order they are
/// shown, and the facts its draft will be written from.
struct Case {
    value: f64,
    reasons: Vec<String>,
    facts: Facts,
}

impl Case {
    /// Recommendations both ways, and endorsements when no recommendation says more.
    fn add_services(&mut self, s: &Signals) {
        if s.recommendations_received > 0 {
            self.reasons.push("recommended you".into());
            self.facts.recommended_you = Some(s.recommended_on.map_or(0, |d| d.year()));
        }
        if s.recommendations_given > 0 {
            self.reasons.push("you recommended them".into());
            self.facts.you_recommended = true;
        }
        if s.endorsements_received > 0 && s.recommendations_received == 0 {
            self.reasons.push("endorsed you".into());
        }
    }

    /// Novelty: a job change seen after the last interaction (`last`) to a named company is
    /// news worth a message, and raises the value.
    fn add_job_change(&mut self, change: &JobChange, last: Option<NaiveDate>) {
        let since_last = match (change.seen_on, last) {
            (Some(seen), Some(l)) => seen > l,
            _ => true,
        };
        let (old, new) = (prose_company(&change.old_company), prose_company(&change.new_company));
        if since_last && !new.is_empty() {
            self.value *= NOVELTY_JOB_CHANGE;
            if old.is_empty() {
                self.reasons.push(format!("now at {new}"));
            } else if company_key(&change.old_company) == company_key(&change.new_company) {
                self.reasons
                    .push(format!("new role at {new}: {}", change.new_position.trim()));
            } else {
                self.reasons
                    .push(format!("moved from {old} to {new} since you last talked"));
            }
            self.facts.job_change = Some((old, new));
        }
    }

    /// Relevance: the person now works at one of the `targets` (company keys).
    fn add_target(&mut self, person: &PersonRow, targets: &[String]) {
        let person_key = company_key(&person.company);
        if !person_key.is_empty() && targets.contains(&person_key) {
            self.value *= RELEVANCE_TARGET;
            self.reasons.push(format!(
                "now at {}, one of your targets",
                company_display(&person.company)
            ));
            self.facts.at_target = true;
        }
    }

    /// The counterweights: comfort (the more messages, the less a reconnect is needed) and
    /// a penalty when the user asked them for help within `ASKED_PENALTY_DAYS`.
    fn weigh_comfort_and_asks(&mut self, s: &Signals, as_of: NaiveDate) {
        let comfort = 1.0 - COMFORT_DISCOUNT * (1.0 - (-f64::from(s.messages()) / COMFORT_SCALE_MESSAGES).exp());
        self.value *= comfort;
        if let Some(asked) = s.last_asked.filter(|d| (as_of - *d).num_days() < ASKED_PENALTY_DAYS) {
            self.value *= ASKED_PENALTY;
            self.reasons.push(format!(
                "you asked {} for help on {}",
                self.facts.first_name,
                crate::words::short_date(asked)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::MemberId;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const AS_OF: &str = "2026-11-01";

    /// The owner (person 1) and one person per signal set, all at Initech unless named.
    fn data(ties: &[(i64, &str, Signals)]) -> GraphData {
        let mut data = GraphData::owned_by_ana();
        for (id, company, signals) in ties {
            data.people.push(PersonRow {
                id: PersonId(*id),
                name: format!("Person {id}"),
                url: None,
                company: (*company).into(),
                position: "Engineer".into(),
                given_name: None,
            });
            data.ties.insert((MemberId(1), PersonId(*id)), signals.clone());
        }
        data
    }

    fn options() -> Options {
        Options {
            limit: 10,
            companies: Vec::new(),
            goal: Goal::Perspective,
            include_cold: false,
            as_of: day(AS_OF),
        }
    }

    /// A tie that wrote both ways, last on `last`.
    fn talked(last: &str) -> Signals {
        Signals {
            sent: 6,
            received: 6,
            sent_direct: 6,
            received_direct: 6,
            first_message: Some(day("2019-03-01")),
            last_message: Some(day(last)),
            connected_on: Some(day("2019-01-01")),
            ..Signals::default()
        }
    }

    fn ids(list: &[Reconnect]) -> Vec<i64> {
        list.iter().map(|r| r.person_id.0).collect()
    }

    #[test]
    fn dormant_ties_are_listed_and_active_ones_are_not() {
        let list = reconnect(
            &data(&[
                (2, "Initech", talked("2023-02-01")),
                (3, "Initech", talked("2026-10-01")),
            ]),
            &options(),
        );
        assert_eq!(ids(&list), vec![2]);
        assert!(!list[0].reasons.is_empty() && !list[0].draft.is_empty());
    }

    #[test]
    fn never_engaged_ties_only_when_asked_for_and_below_every_engaged_one() {
        let cold = Signals {
            connected_on: Some(day("2018-01-01")),
            ..Signals::default()
        };
        let pool = data(&[(2, "Initech", cold), (3, "Initech", talked("2022-05-01"))]);
        assert_eq!(ids(&reconnect(&pool, &options())), vec![3]);
        let all = reconnect(
            &pool,
            &Options {
                include_cold: true,
                ..options()
            },
        );
        assert_eq!(ids(&all), vec![3, 2]);
    }

    #[test]
    fn muted_and_recently_contacted_people_are_left_out() {
        let logged = Signals {
            logged: 1,
            last_logged: Some(day("2026-10-20")),
            last_outreach: Some(day("2026-10-20")),
            ..talked("2022-05-01")
        };
        let mut pool = data(&[(2, "Initech", talked("2022-05-01")), (3, "Initech", logged)]);
        assert_eq!(ids(&reconnect(&pool, &options())), vec![2]);
        pool.muted.insert(PersonId(2));
        assert!(reconnect(&pool, &options()).is_empty());
    }

    #[test]
    fn a_tie_now_at_a_target_ranks_higher_and_says_so() {
        let mut pool = data(&[
            (2, "Initech", talked("2022-05-01")),
            (3, "Acme Robotics", talked("2022-05-01")),
        ]);
        let plain = reconnect(&pool, &options());
        pool.target_keys.push(crate::resolve::company_key("Acme Robotics"));
        let targeted = reconnect(&pool, &options());
        assert_eq!(targeted[0].person_id, PersonId(3), "{targeted:#?}");
        let before = plain.iter().find(|r| r.person_id == PersonId(3)).unwrap().score;
        assert!(targeted[0].score > before);
        assert!(
            targeted[0].reasons.iter().any(|r| r.contains("target")),
            "{:?}",
            targeted[0].reasons
        );
    }

    #[test]
    fn the_limit_is_kept() {
        let pool = data(&[
            (2, "Initech", talked("2022-05-01")),
            (3, "Initech", talked("2022-06-01")),
            (4, "Initech", talked("2022-07-01")),
        ]);
        let list = reconnect(&pool, &Options { limit: 2, ..options() });
        assert_eq!(list.len(), 2);
        assert!(list.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
