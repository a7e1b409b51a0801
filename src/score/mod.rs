//! Tie strength: the bond a relationship has had, how warm it is now, and the chance that
//! the person acts when asked. Pure functions over plain signals, each returning its evidence
//! in plain words. Constants live in [`constants`], with their sources.

pub mod constants;

use chrono::NaiveDate;
use constants::*;

/// What the export (and kith's ledger) says about one tie, from the member's side.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    /// Messages the member sent to this person (one-to-one and group).
    pub sent: u32,
    /// Messages this person sent the member.
    pub received: u32,
    /// Of those, one-to-one.
    pub sent_direct: u32,
    pub received_direct: u32,
    /// Messages in group conversations, either direction.
    pub group_messages: u32,
    pub first_message: Option<NaiveDate>,
    pub last_message: Option<NaiveDate>,
    /// `Some(true)` when the member sent the invitation, `Some(false)` when they received it.
    pub invited_by_member: Option<bool>,
    pub invitation_note: bool,
    pub endorsements_given: u32,
    pub endorsements_received: u32,
    pub recommendations_given: u32,
    pub recommendations_received: u32,
    /// Latest recommendation or endorsement date, either direction.
    pub last_service: Option<NaiveDate>,
    pub connected_on: Option<NaiveDate>,
    /// A shared employer, inferred from the member's positions: the contact works (or worked)
    /// there, or (weaker) connected while the member worked there.
    pub shared_employer: Option<SharedEmployer>,
    /// Group conversations both were in.
    pub shared_groups: u32,
    /// Contacts the owner logged in kith's ledger (calls, coffees, e-mails...).
    pub logged: u32,
    pub last_logged: Option<NaiveDate>,
    /// The last time the owner asked this person for something (ledger outcome `asked`).
    pub last_asked: Option<NaiveDate>,
}

impl Signals {
    /// Messages either way.
    pub fn messages(&self) -> u32 {
        self.sent + self.received
    }

    /// The last interaction of any kind.
    pub fn last_interaction(&self) -> Option<NaiveDate> {
        [self.last_message, self.last_service, self.last_logged]
            .into_iter()
            .flatten()
            .max()
    }

    /// The first sign of the tie: first message or connection.
    pub fn first_seen(&self) -> Option<NaiveDate> {
        [self.first_message, self.connected_on].into_iter().flatten().min()
    }
}

/// How a shared employer was inferred.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedEmployer {
    pub company: String,
    /// True when only the connection date (inside the member's tenure) suggests it.
    pub by_date: bool,
    /// True when the member still works there.
    pub current: bool,
}

/// A score with the evidence behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    /// How strong the relationship has been, in `[0, 1]`.
    pub bond: f64,
    /// How strong it is now, in `[0, 1]` (never above the bond).
    pub warmth: f64,
    /// The chance that this person acts when asked.
    pub probability: f64,
    /// Plain-words reasons, most telling first.
    pub evidence: Vec<String>,
}

fn saturate(x: f64, scale: f64) -> f64 {
    1.0 - (-x / scale).exp()
}

fn years_between(a: NaiveDate, b: NaiveDate) -> f64 {
    ((b - a).num_days().max(0) as f64) / 365.25
}

/// `2024-03` for evidence.
fn month(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}", d.year(), d.month())
}

/// How strong the relationship has been: a weighted sum of intimacy, volume, duration,
/// services and structure (the order of Gilbert & Karahalios's findings).
pub fn bond(s: &Signals, as_of: NaiveDate) -> (f64, Vec<String>) {
    let mut evidence = Some(Vec::new());
    let value = bond_explained(s, as_of, &mut evidence);
    (value, evidence.unwrap_or_default())
}

/// The bond alone, without building its evidence (the graph scores hundreds of thousands
/// of ties and explains only the few it shows).
pub fn bond_value(s: &Signals, as_of: NaiveDate) -> f64 {
    bond_explained(s, as_of, &mut None)
}

/// Adds a line of evidence when evidence is wanted; the text is only built then.
fn note<S: Into<String>>(evidence: &mut Option<Vec<String>>, line: impl FnOnce() -> S) {
    if let Some(list) = evidence.as_mut() {
        list.push(line().into());
    }
}

fn bond_explained(s: &Signals, as_of: NaiveDate, evidence: &mut Option<Vec<String>>) -> f64 {
    let total = s.messages() as f64;
    let both_ways = (s.sent > 0 && s.received > 0) || s.logged > 0;

    let intimacy = if total > 0.0 && both_ways {
        let reciprocity = f64::from(s.sent.min(s.received)) / f64::from(s.sent.max(s.received));
        let direct_share = f64::from(s.sent_direct + s.received_direct) / total;
        0.6 * reciprocity + 0.4 * direct_share
    } else {
        0.0
    };
    let weighted = f64::from(s.sent_direct + s.received_direct)
        + GROUP_MESSAGE_WEIGHT * f64::from(s.group_messages)
        + LOGGED_CONTACT_WEIGHT * f64::from(s.logged);
    let mut volume = saturate(weighted, VOLUME_SCALE);
    if !both_ways {
        volume *= ONE_WAY_VOLUME_FACTOR;
    }
    if total > 0.0 {
        let last = s
            .last_message
            .map(|d| format!(", last {}", month(d)))
            .unwrap_or_default();
        let words = match (s.sent, s.received) {
            (0, r) => format!("{r} message{} from them, never answered", if r == 1 { "" } else { "s" }),
            (m, 0) => format!("{m} message{} from you, never answered", if m == 1 { "" } else { "s" }),
            (m, r) => format!("{} messages both ways ({m} from you, {r} from them)", m + r),
        };
        let group = if s.group_messages > 0 && s.group_messages as f64 >= total {
            " in group conversations"
        } else {
            ""
        };
        note(evidence, || format!("{words}{group}{last}"));
    }

    let duration = match s.first_seen() {
        Some(first) => {
            let years = years_between(first, as_of);
            let d = saturate(years, DURATION_SCALE_YEARS);
            if total > 0.0 {
                d
            } else {
                d * SILENT_DURATION_FACTOR
            }
        }
        None => 0.0,
    };
    if let Some(connected) = s.connected_on {
        let years = years_between(connected, as_of);
        if years >= 1.0 {
            note(evidence, || {
                format!(
                    "connected for {} years (since {})",
                    years.floor() as i64,
                    month(connected)
                )
            });
        } else {
            note(evidence, || format!("connected since {}", month(connected)));
        }
    }

    if s.logged > 0 {
        note(evidence, || {
            format!(
                "{} contact{} logged in kith{}",
                s.logged,
                if s.logged == 1 { "" } else { "s" },
                s.last_logged.map(|d| format!(", last {d}")).unwrap_or_default()
            )
        });
    }
    let recommendations = s.recommendations_given + s.recommendations_received;
    let endorsements = s.endorsements_given + s.endorsements_received;
    let services = (SERVICE_RECOMMENDATION * f64::from(recommendations)
        + SERVICE_ENDORSEMENT * f64::from(endorsements)
        + if s.invitation_note {
            SERVICE_INVITATION_NOTE
        } else {
            0.0
        })
    .min(1.0);
    if s.recommendations_received > 0 {
        note(evidence, || "recommended you");
    }
    if s.recommendations_given > 0 {
        note(evidence, || "you recommended them");
    }
    match (s.endorsements_received, s.endorsements_given) {
        (0, 0) => {}
        (r, 0) => note(evidence, || {
            format!("endorsed you ({r} skill{})", if r == 1 { "" } else { "s" })
        }),
        (0, g) => note(evidence, || {
            format!("you endorsed them ({g} skill{})", if g == 1 { "" } else { "s" })
        }),
        (r, g) => note(evidence, || format!("endorsed each other ({r} and {g} skills)")),
    }
    match (s.invited_by_member, s.invitation_note) {
        (Some(true), true) => note(evidence, || "you invited them, with a note"),
        (Some(false), true) => note(evidence, || "they invited you, with a note"),
        _ => {}
    }

    let employer = match &s.shared_employer {
        Some(e) if e.by_date => STRUCTURE_SHARED_EMPLOYER / 2.0,
        Some(_) => STRUCTURE_SHARED_EMPLOYER,
        None => 0.0,
    };
    let structure = (employer + STRUCTURE_PER_GROUP * f64::from(s.shared_groups.min(3))).min(1.0);
    match &s.shared_employer {
        Some(e) if e.by_date => note(evidence, || {
            format!(
                "connected while you were at {}: possibly a colleague there (inferred)",
                e.company
            )
        }),
        Some(e) if e.current => note(evidence, || {
            format!("probably a colleague at {} (inferred from your positions)", e.company)
        }),
        Some(e) => note(evidence, || {
            format!(
                "probably a former colleague at {} (inferred from your positions)",
                e.company
            )
        }),
        None => {}
    }
    if s.shared_groups > 0 {
        note(evidence, || {
            format!(
                "in {} group conversation{} with you",
                s.shared_groups,
                if s.shared_groups == 1 { "" } else { "s" }
            )
        });
    }

    let value = WEIGHT_INTIMACY * intimacy
        + WEIGHT_VOLUME * volume
        + WEIGHT_DURATION * duration
        + WEIGHT_SERVICES * services
        + WEIGHT_STRUCTURE * structure;
    if evidence.as_ref().is_some_and(Vec::is_empty) {
        note(evidence, || "connected, no interaction on record");
    }
    value.clamp(BOND_FLOOR, 1.0)
}

/// How strong a tie of bond `bond` is now, `days_since_last` after the last interaction, for
/// a tie `years_known` old: `B × (ρ + (1 − ρ) × 2^(−days / H))`, with the half-life growing
/// with the age of the tie.
pub fn warmth(bond: f64, days_since_last: f64, years_known: f64) -> f64 {
    let half_life = WARMTH_HALF_LIFE_DAYS * (1.0 + HALF_LIFE_GROWTH * (1.0 + years_known.max(0.0)).ln());
    let decay = (-days_since_last.max(0.0) / half_life).exp2();
    bond * (WARMTH_FLOOR + (1.0 - WARMTH_FLOOR) * decay)
}

/// The chance a person with this warmth acts on a request.
pub fn hop_probability(warmth: f64) -> f64 {
    (HOP_BASE + HOP_SLOPE * warmth).clamp(0.0, 1.0)
}

/// Bond, warmth, hop probability and evidence for one tie.
pub fn strength(s: &Signals, as_of: NaiveDate) -> Strength {
    let (bond, mut evidence) = bond(s, as_of);
    let (warm, days) = warmth_of(s, bond, as_of);
    if s.messages() > 0 && days > 365.0 {
        evidence.push(format!("quiet for {}", quiet_for(days as i64)));
    }
    if let Some(asked) = recently_asked(s, as_of) {
        evidence.push(format!(
            "you asked them for help on {asked}: give them room, or ask someone else"
        ));
    }
    Strength {
        bond,
        warmth: warm,
        probability: hop_probability(warm) * lean_factor(s, as_of),
        evidence,
    }
}

/// The date the owner last asked this person, when it is within [`LEAN_DAYS`].
pub fn recently_asked(s: &Signals, as_of: NaiveDate) -> Option<NaiveDate> {
    s.last_asked
        .filter(|d| (as_of - *d).num_days() <= LEAN_DAYS && *d <= as_of)
}

/// Asking the same person again soon works less well.
fn lean_factor(s: &Signals, as_of: NaiveDate) -> f64 {
    if recently_asked(s, as_of).is_some() {
        LEAN_FACTOR
    } else {
        1.0
    }
}

/// [`strength`] without the evidence: the same numbers, much cheaper.
pub fn strength_value(s: &Signals, as_of: NaiveDate) -> Strength {
    let bond = bond_value(s, as_of);
    let (warm, _) = warmth_of(s, bond, as_of);
    Strength {
        bond,
        warmth: warm,
        probability: hop_probability(warm) * lean_factor(s, as_of),
        evidence: Vec::new(),
    }
}

/// Warmth now, and the days since the last interaction (or the connection).
fn warmth_of(s: &Signals, bond: f64, as_of: NaiveDate) -> (f64, f64) {
    let last = s.last_interaction().or(s.connected_on);
    let days = last.map(|d| (as_of - d).num_days() as f64).unwrap_or(3650.0);
    let years = s.first_seen().map(|f| years_between(f, as_of)).unwrap_or(0.0);
    (warmth(bond, days, years), days)
}

/// `3 years 10 months`, `5 months`.
pub fn quiet_for(days: i64) -> String {
    let months = days / 30;
    let (years, months) = (months / 12, months % 12);
    let unit = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (years, months) {
        (0, m) => unit(m.max(1), "month"),
        (y, 0) => unit(y, "year"),
        (y, m) => format!("{} {}", unit(y, "year"), unit(m, "month")),
    }
}

/// Strength of an inferred contact–contact link: both were in `groups` group conversations.
pub fn inferred_group_link(groups: u32) -> Strength {
    let bond = INFERRED_GROUP_BOND + INFERRED_GROUP_STEP * f64::from(groups.clamp(1, 3) - 1);
    let warm = bond * WARMTH_FLOOR.max(0.5);
    Strength {
        bond,
        warmth: warm,
        probability: hop_probability(warm),
        evidence: vec![format!(
            "in {groups} group conversation{} together (inferred)",
            if groups == 1 { "" } else { "s" }
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const AS_OF: &str = "2026-11-01";

    #[test]
    fn one_way_unanswered_thread_is_not_a_relationship() {
        let one_way = Signals {
            sent: 6,
            sent_direct: 6,
            first_message: Some(day("2026-01-01")),
            last_message: Some(day("2026-10-01")),
            connected_on: Some(day("2025-12-01")),
            ..Signals::default()
        };
        let s = strength(&one_way, day(AS_OF));
        assert!(s.bond < 0.15, "bond {}", s.bond);
        assert!(s.evidence[0].contains("never answered"), "{:?}", s.evidence);
        let two_way = Signals {
            sent: 3,
            received: 3,
            sent_direct: 3,
            received_direct: 3,
            ..one_way.clone()
        };
        assert!(strength(&two_way, day(AS_OF)).bond > 2.0 * s.bond);
    }

    #[test]
    fn long_two_way_history_with_recommendation_is_strong() {
        let friend = Signals {
            sent: 40,
            received: 38,
            sent_direct: 40,
            received_direct: 38,
            first_message: Some(day("2018-03-01")),
            last_message: Some(day("2026-10-15")),
            recommendations_received: 1,
            endorsements_received: 2,
            connected_on: Some(day("2018-02-01")),
            ..Signals::default()
        };
        let s = strength(&friend, day(AS_OF));
        assert!(s.bond > 0.75, "bond {}", s.bond);
        assert!(s.probability > 0.6, "p {}", s.probability);
        assert!(s.evidence.iter().any(|e| e.contains("recommended you")));
        assert!(s.evidence[0].starts_with("78 messages both ways"), "{:?}", s.evidence);
    }

    #[test]
    fn silence_lowers_warmth_but_not_bond() {
        let base = Signals {
            sent: 20,
            received: 20,
            sent_direct: 20,
            received_direct: 20,
            first_message: Some(day("2019-01-01")),
            last_message: Some(day("2026-10-01")),
            connected_on: Some(day("2019-01-01")),
            ..Signals::default()
        };
        let quiet = Signals {
            last_message: Some(day("2022-10-01")),
            ..base.clone()
        };
        let (a, b) = (strength(&base, day(AS_OF)), strength(&quiet, day(AS_OF)));
        assert!((a.bond - b.bond).abs() < 1e-9);
        assert!(b.warmth < a.warmth * 0.6, "{} vs {}", b.warmth, a.warmth);
        assert!(b.warmth >= b.bond * WARMTH_FLOOR - 1e-9, "warmth keeps its floor");
        assert!(
            b.evidence.iter().any(|e| e.starts_with("quiet for 4 years")),
            "{:?}",
            b.evidence
        );
    }

    #[test]
    fn a_bare_connection_has_a_small_floor() {
        let bare = Signals {
            connected_on: Some(day("2024-01-01")),
            ..Signals::default()
        };
        let s = strength(&bare, day(AS_OF));
        assert!(s.bond >= BOND_FLOOR && s.bond < 0.1, "{}", s.bond);
        assert!(s.probability > HOP_BASE && s.probability < 0.2);
    }

    #[test]
    fn warmth_half_life_grows_with_age() {
        let young = warmth(1.0, 120.0, 0.0);
        let old = warmth(1.0, 120.0, 10.0);
        assert!((young - (WARMTH_FLOOR + (1.0 - WARMTH_FLOOR) * 0.5)).abs() < 1e-9);
        assert!(old > young);
    }

    #[test]
    fn values_without_evidence_are_the_same_numbers() {
        let s = Signals {
            sent: 4,
            received: 9,
            sent_direct: 4,
            received_direct: 7,
            group_messages: 2,
            first_message: Some(day("2020-01-01")),
            last_message: Some(day("2024-06-01")),
            recommendations_given: 1,
            connected_on: Some(day("2019-05-01")),
            ..Signals::default()
        };
        let (a, b) = (strength(&s, day(AS_OF)), strength_value(&s, day(AS_OF)));
        assert_eq!((a.bond, a.warmth, a.probability), (b.bond, b.warmth, b.probability));
        assert!(!a.evidence.is_empty() && b.evidence.is_empty());
    }

    #[test]
    fn quiet_durations_read_naturally() {
        assert_eq!(quiet_for(1410), "3 years 11 months");
        assert_eq!(quiet_for(365), "1 year");
        assert_eq!(quiet_for(20), "1 month");
    }
}
