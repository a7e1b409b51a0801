//! Tie strength: the bond a relationship has had, how warm it is now, and the chance that
//! the person acts when asked. Pure functions over plain signals, each returning its evidence
//! in plain words. Constants live in [`constants`], with their sources.
//!
//! Time: an export is a snapshot. Messages, endorsements and recommendations are observed
//! only up to the member's newest export, the *observation horizon* ([`Signals::horizon`]);
//! the ledger is observed up to `as_of`. Silence (`Signals::silence_days`) and so warmth
//! are measured there: the months between the horizon and `as_of` are unknown, not silence,
//! and the evidence says what is known (`silence_words`).

pub mod constants;
pub mod employer;

use chrono::NaiveDate;
use constants::{
    BOND_FLOOR, CARD_CLOSE_BOND, CARD_WARM_BOND, DORMANT_AFTER_DAYS, DURATION_SCALE_YEARS, GROUP_MESSAGE_WEIGHT,
    HALF_LIFE_GROWTH, HOP_BASE, HOP_SLOPE, INFERRED_GROUP_BOND, INFERRED_GROUP_STEP, INFERRED_WARMTH_FLOOR,
    INTIMACY_RECIPROCITY_SHARE, LEAN_DAYS, LEAN_FACTOR, LOGGED_CONTACT_WEIGHT, ONE_WAY_VOLUME_FACTOR,
    SERVICE_ENDORSEMENT, SERVICE_INVITATION_NOTE, SERVICE_RECOMMENDATION, SILENCE_UNKNOWN_DAYS, SILENT_DURATION_FACTOR,
    STALE_EXPORT_DAYS, STRUCTURE_MAX_GROUPS, STRUCTURE_PER_GROUP, STRUCTURE_SHARED_EMPLOYER, VOLUME_SCALE,
    WARMTH_FLOOR, WARMTH_HALF_LIFE_DAYS, WEIGHT_DURATION, WEIGHT_INTIMACY, WEIGHT_SERVICES, WEIGHT_STRUCTURE,
    WEIGHT_VOLUME,
};

use crate::words::{long_date, month_year, plural, short_date, span};

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
    /// Date of the latest recommendation this person wrote the member.
    pub recommended_on: Option<NaiveDate>,
    pub connected_on: Option<NaiveDate>,
    /// A shared employer, inferred from the member's positions: the contact works (or worked)
    /// there, or (weaker) connected while the member worked there.
    pub shared_employer: Option<SharedEmployer>,
    /// Group conversations both were in.
    pub shared_groups: u32,
    /// Two-way contacts the owner logged in kith's ledger: a reply, an introduction, help, a
    /// thank-you, or a call, coffee or event. An ask, an unanswered message and a `no-reply`
    /// are the owner's own moves, not signs of a warm tie.
    pub logged: u32,
    /// The last of those two-way contacts.
    pub last_logged: Option<NaiveDate>,
    /// The last ledger entry of any kind (the owner reached out then).
    pub last_outreach: Option<NaiveDate>,
    /// The last time the owner asked this person for something (ledger outcome `asked`).
    pub last_asked: Option<NaiveDate>,
    /// The observation horizon: the newest export of the member this tie is seen from.
    /// Messages, endorsements and recommendations are known only up to it; the ledger is
    /// known up to "today". `None` when the export carries no date.
    pub horizon: Option<NaiveDate>,
    /// What a member's club card says of the tie, when the member pooled a card and not an
    /// export: the strength class and the year of last contact.
    pub card: Option<(crate::card::Strength, Option<i32>)>,
}

impl Signals {
    /// Messages either way.
    pub(crate) fn messages(&self) -> u32 {
        self.sent + self.received
    }

    /// The last interaction of any kind.
    pub(crate) fn last_interaction(&self) -> Option<NaiveDate> {
        [
            self.last_message,
            self.last_service,
            self.last_logged,
            self.card_last_contact(),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    /// A card's year of last contact, taken as the middle of that year.
    fn card_last_contact(&self) -> Option<NaiveDate> {
        let year = self.card?.1?;
        NaiveDate::from_ymd_opt(year, 7, 1)
    }

    /// The last sign of the tie in the export: a message, an endorsement or a recommendation.
    pub(crate) fn last_in_export(&self) -> Option<NaiveDate> {
        self.last_message.max(self.last_service)
    }

    /// The last day the export speaks for: the horizon, or `as_of` when that is earlier (or
    /// the export has no date). The days between the horizon and `as_of` are unknown, not
    /// silence.
    pub(crate) fn observed_until(&self, as_of: NaiveDate) -> NaiveDate {
        self.horizon.map_or(as_of, |h| h.min(as_of))
    }

    /// Known silence, in days: since the last sign in the export, counted up to the horizon,
    /// or since the last two-way contact in the ledger, counted up to `as_of`; the shorter.
    /// `None` when there was never any interaction.
    pub(crate) fn silence_days(&self, as_of: NaiveDate) -> Option<i64> {
        let until = self.observed_until(as_of);
        let export = self.last_in_export().map(|d| (until - d).num_days().max(0));
        let ledger = self.last_logged.map(|d| (as_of - d).num_days().max(0));
        export.into_iter().chain(ledger).min()
    }

    /// The first sign of the tie: first message or connection.
    pub(crate) fn first_seen(&self) -> Option<NaiveDate> {
        [self.first_message, self.connected_on].into_iter().flatten().min()
    }
}

/// An employer the member and the contact share, with overlapping dates (see
/// [`employer`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SharedEmployer {
    /// The company as the member's positions name it, legal suffix dropped.
    pub company: String,
    /// True when the member still works there.
    pub current: bool,
}

impl SharedEmployer {
    /// `probably a colleague at Acme`, `probably a former colleague at Acme`.
    pub(crate) fn words(&self) -> String {
        let former = if self.current { "" } else { "former " };
        format!("probably a {former}colleague at {}", self.company)
    }
}

/// A score with the evidence behind it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Strength {
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

/// How strong the relationship has been: a weighted sum of intimacy, volume, duration,
/// services and structure (the order of Gilbert & Karahalios's findings).
pub(crate) fn bond(s: &Signals, as_of: NaiveDate) -> (f64, Vec<String>) {
    let mut evidence = Some(Vec::new());
    let value = bond_explained(s, as_of, &mut evidence);
    (value, evidence.unwrap_or_default())
}

/// The bond alone, without building its evidence (the graph scores hundreds of thousands
/// of ties and explains only the few it shows).
pub(crate) fn bond_value(s: &Signals, as_of: NaiveDate) -> f64 {
    bond_explained(s, as_of, &mut None)
}

/// Adds a line of evidence when evidence is wanted; the text is only built then.
fn note<S: Into<String>>(evidence: &mut Option<Vec<String>>, line: impl FnOnce() -> S) {
    if let Some(list) = evidence.as_mut() {
        list.push(line().into());
    }
}

/// The bond, with its reasons added to `evidence` when that is `Some`. The five parts are
/// scored in the order their lines of evidence read.
fn bond_explained(s: &Signals, as_of: NaiveDate, evidence: &mut Option<Vec<String>>) -> f64 {
    let total = f64::from(s.messages());
    let both_ways = (s.sent > 0 && s.received > 0) || s.logged > 0;

    let intimacy = intimacy(s, total, both_ways);
    let volume = volume(s, total, both_ways, evidence);
    let duration = duration(s, as_of, total, evidence);
    note_logged(s, evidence);
    let services = services(s, evidence);
    let structure = structure(s, evidence);

    let value = WEIGHT_INTIMACY * intimacy
        + WEIGHT_VOLUME * volume
        + WEIGHT_DURATION * duration
        + WEIGHT_SERVICES * services
        + WEIGHT_STRUCTURE * structure;
    let value = match s.card {
        // A card carries only its class: the bond is the class's, unless the export says more.
        Some((strength, _)) => value.max(card_bond(strength)),
        None => value,
    };
    if evidence.as_ref().is_some_and(Vec::is_empty) {
        note(evidence, || "connected, no interaction on record");
    }
    value.clamp(BOND_FLOOR, 1.0)
}

/// The bond a card's strength class stands for: the middle of the class's range (see
/// [`crate::card::Strength::of_bond`]).
fn card_bond(strength: crate::card::Strength) -> f64 {
    match strength {
        crate::card::Strength::Close => f64::midpoint(CARD_CLOSE_BOND, 1.0),
        crate::card::Strength::Warm => f64::midpoint(CARD_WARM_BOND, CARD_CLOSE_BOND),
        crate::card::Strength::Known => f64::midpoint(BOND_FLOOR, CARD_WARM_BOND),
    }
}

/// Intimacy, in `[0, 1]`: reciprocity and the one-to-one share of the `total` messages. A
/// tie with no exchange both ways has none, however many messages went one way.
fn intimacy(s: &Signals, total: f64, both_ways: bool) -> f64 {
    if total > 0.0 && both_ways {
        let reciprocity = f64::from(s.sent.min(s.received)) / f64::from(s.sent.max(s.received));
        let direct_share = f64::from(s.sent_direct + s.received_direct) / total;
        INTIMACY_RECIPROCITY_SHARE * reciprocity + (1.0 - INTIMACY_RECIPROCITY_SHARE) * direct_share
    } else {
        0.0
    }
}

/// Volume, in `[0, 1]`: one-to-one messages, group messages (weighed less) and logged
/// contacts (weighed more), scaled down when nothing went both ways. Notes the messages.
fn volume(s: &Signals, total: f64, both_ways: bool, evidence: &mut Option<Vec<String>>) -> f64 {
    let weighted = f64::from(s.sent_direct + s.received_direct)
        + GROUP_MESSAGE_WEIGHT * f64::from(s.group_messages)
        + LOGGED_CONTACT_WEIGHT * f64::from(s.logged);
    let mut volume = saturate(weighted, VOLUME_SCALE);
    if !both_ways {
        volume *= ONE_WAY_VOLUME_FACTOR;
    }
    if total > 0.0 {
        note(evidence, || {
            let last = s
                .last_message
                .map(|d| format!(", last {}", month_year(d)))
                .unwrap_or_default();
            // Group messages only: who wrote to whom there says nothing about a reply.
            let words = if s.group_messages > 0 && f64::from(s.group_messages) >= total {
                format!("{} in group conversations", plural(s.messages(), "message"))
            } else {
                message_words(s.sent, s.received)
            };
            format!("{words}{last}")
        });
    }
    volume
}

/// Duration, in `[0, 1]`: how long the tie has existed by `as_of`, worth less when no
/// message was ever exchanged. Notes how long the two have been connected.
fn duration(s: &Signals, as_of: NaiveDate, total: f64, evidence: &mut Option<Vec<String>>) -> f64 {
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
    if let Some(connected) = s.connected_on.filter(|d| *d <= as_of) {
        if crate::words::calendar_span(connected, as_of).0 >= 1 {
            note(evidence, || {
                format!(
                    "connected for {} (since {})",
                    span(connected, as_of),
                    month_year(connected)
                )
            });
        } else {
            note(evidence, || format!("connected since {}", month_year(connected)));
        }
    }
    duration
}

/// Notes the contacts logged in kith's ledger. They count towards volume (and make a tie
/// two-way), but their line reads after the connection's and before the services.
fn note_logged(s: &Signals, evidence: &mut Option<Vec<String>>) {
    if s.logged > 0 {
        note(evidence, || {
            format!(
                "{} logged in kith{}",
                plural(s.logged, "contact"),
                s.last_logged
                    .map(|d| format!(", last on {}", short_date(d)))
                    .unwrap_or_default()
            )
        });
    }
}

/// Services, in `[0, 1]`: recommendations, endorsements and a note with the invitation, in
/// either direction. Notes each kind, with who did it for whom.
fn services(s: &Signals, evidence: &mut Option<Vec<String>>) -> f64 {
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
        (r, 0) => note(evidence, || format!("endorsed you ({})", plural(r, "skill"))),
        (0, g) => note(evidence, || format!("you endorsed them ({})", plural(g, "skill"))),
        (r, g) => note(evidence, || {
            format!(
                "endorsed each other ({} and {})",
                plural(r, "skill"),
                plural(g, "skill")
            )
        }),
    }
    match (s.invited_by_member, s.invitation_note) {
        (Some(true), true) => note(evidence, || "you invited them, with a note"),
        (Some(false), true) => note(evidence, || "they invited you, with a note"),
        _ => {}
    }
    services
}

/// Structure, in `[0, 1]`: an inferred shared employer and up to three shared group
/// conversations. Notes both.
fn structure(s: &Signals, evidence: &mut Option<Vec<String>>) -> f64 {
    let employer = match &s.shared_employer {
        Some(_) => STRUCTURE_SHARED_EMPLOYER,
        None => 0.0,
    };
    let structure = (employer + STRUCTURE_PER_GROUP * f64::from(s.shared_groups.min(STRUCTURE_MAX_GROUPS))).min(1.0);
    if let Some(e) = &s.shared_employer {
        note(evidence, || format!("{} (inferred from your positions)", e.words()));
    }
    if s.shared_groups > 0 {
        note(evidence, || {
            format!("in {} with you", plural(s.shared_groups, "group conversation"))
        });
    }
    structure
}

/// How strong a tie of bond `bond` is now, `days_since_last` after the last interaction, for
/// a tie `years_known` old: `B × (ρ + (1 − ρ) × 2^(−days / H))`, with the half-life growing
/// with the age of the tie.
pub(crate) fn warmth(bond: f64, days_since_last: f64, years_known: f64) -> f64 {
    let half_life = WARMTH_HALF_LIFE_DAYS * (1.0 + HALF_LIFE_GROWTH * (1.0 + years_known.max(0.0)).ln());
    let decay = (-days_since_last.max(0.0) / half_life).exp2();
    bond * (WARMTH_FLOOR + (1.0 - WARMTH_FLOOR) * decay)
}

/// The chance a person with this warmth acts on a request.
pub(crate) fn hop_probability(warmth: f64) -> f64 {
    (HOP_BASE + HOP_SLOPE * warmth).clamp(0.0, 1.0)
}

/// `6 messages from you, no reply yet`, `12 messages both ways (5 from you, 7 from them)`.
pub(crate) fn message_words(sent: u32, received: u32) -> String {
    match (sent, received) {
        (0, r) => format!("{} from them, none answered yet", plural(r, "message")),
        (m, 0) => format!("{} from you, no reply yet", plural(m, "message")),
        (m, r) => format!("{} messages both ways ({m} from you, {r} from them)", m + r),
    }
}

/// Bond, warmth, hop probability and evidence for one tie; `who` names the person in the
/// note about a recent ask ("you asked Maria for help on 1 Apr 2026").
pub(crate) fn strength(s: &Signals, as_of: NaiveDate, who: &str) -> Strength {
    let (bond, mut evidence) = bond(s, as_of);
    let (warm, days) = warmth_of(s, bond, as_of);
    if s.messages() > 0 && days > DORMANT_AFTER_DAYS as f64 {
        if let Some(words) = silence_words(s, as_of) {
            evidence.push(words);
        }
    }
    if let Some(asked) = recently_asked(s, as_of) {
        // The note that changes what the user should do comes first.
        evidence.insert(0, asked_note(who, asked));
    }
    Strength {
        bond,
        warmth: warm,
        probability: hop_probability(warm) * lean_factor(s, as_of),
        evidence,
    }
}

/// `you asked Maria for help on 1 Apr 2026: give her room...`, without guessing pronouns.
pub(crate) fn asked_note(who: &str, asked: NaiveDate) -> String {
    format!(
        "you asked {who} for help on {}: give {who} room for {}, or ask someone else",
        short_date(asked),
        plural(LEAN_DAYS, "day")
    )
}

/// The date the owner last asked this person, when it is within [`LEAN_DAYS`].
pub(crate) fn recently_asked(s: &Signals, as_of: NaiveDate) -> Option<NaiveDate> {
    s.last_asked
        .filter(|d| (as_of - *d).num_days() <= LEAN_DAYS && *d <= as_of)
}

/// What is known of a tie's silence, in words: `quiet for 4 years 2 months`, and when the
/// export is older than `as_of`, what the export can and cannot say: `quiet for 3 years
/// 1 month: no messages in your export since March 2022 (export of 6 April 2026)`.
pub(crate) fn silence_words(s: &Signals, as_of: NaiveDate) -> Option<String> {
    let until = s.observed_until(as_of);
    let export = s.last_in_export().map(|d| (d, (until - d).num_days()));
    let ledger = s.last_logged.map(|d| (d, (as_of - d).num_days()));
    let by_ledger = match (export, ledger) {
        (Some((_, e)), Some((_, l))) => l <= e,
        (None, Some(_)) => true,
        _ => false,
    };
    match (export, ledger) {
        (_, Some((logged, _))) if by_ledger => Some(format!(
            "quiet for {} (last contact logged in kith on {})",
            span(logged, as_of),
            short_date(logged)
        )),
        (Some((last, _)), _) => {
            let quiet = format!("quiet for {}", span(last, until));
            let stale = s.horizon.filter(|h| (as_of - *h).num_days() > STALE_EXPORT_DAYS);
            match stale {
                Some(horizon) => {
                    let what = if s.last_message.is_some_and(|m| Some(m) == s.last_in_export()) {
                        "no messages"
                    } else {
                        "no messages, endorsements or recommendations"
                    };
                    Some(format!(
                        "{quiet}: {what} in your export since {} (export of {})",
                        month_year(last),
                        long_date(horizon)
                    ))
                }
                None => Some(quiet),
            }
        }
        _ => None,
    }
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
pub(crate) fn strength_value(s: &Signals, as_of: NaiveDate) -> Strength {
    let bond = bond_value(s, as_of);
    let (warm, _) = warmth_of(s, bond, as_of);
    Strength {
        bond,
        warmth: warm,
        probability: hop_probability(warm) * lean_factor(s, as_of),
        evidence: Vec::new(),
    }
}

/// Warmth now, and the known days of silence (since the connection when there was never
/// any interaction), measured at the observation horizon (see [`Signals::silence_days`]).
fn warmth_of(s: &Signals, bond: f64, as_of: NaiveDate) -> (f64, f64) {
    let days = s
        .silence_days(as_of)
        .or_else(|| s.connected_on.map(|d| (s.observed_until(as_of) - d).num_days().max(0)))
        .map_or(SILENCE_UNKNOWN_DAYS, |d| d as f64);
    let years = s.first_seen().map_or(0.0, |f| years_between(f, as_of));
    (warmth(bond, days, years), days)
}

/// Strength of an inferred contact–contact link: both were in `groups` group conversations.
pub(crate) fn inferred_group_link(groups: u32) -> Strength {
    let bond = INFERRED_GROUP_BOND + INFERRED_GROUP_STEP * f64::from(groups.clamp(1, 3) - 1);
    let warm = bond * WARMTH_FLOOR.max(INFERRED_WARMTH_FLOOR);
    Strength {
        bond,
        warmth: warm,
        probability: hop_probability(warm),
        evidence: vec![format!(
            "in {} together (inferred)",
            plural(groups, "group conversation")
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
        let s = strength(&one_way, day(AS_OF), "Oscar");
        assert!(s.bond < 0.15, "bond {}", s.bond);
        assert_eq!(s.evidence[0], "6 messages from you, no reply yet, last October 2026");
        let two_way = Signals {
            sent: 3,
            received: 3,
            sent_direct: 3,
            received_direct: 3,
            ..one_way.clone()
        };
        assert!(strength(&two_way, day(AS_OF), "Oscar").bond > 2.0 * s.bond);
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
        let s = strength(&friend, day(AS_OF), "Fran");
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
        let (a, b) = (strength(&base, day(AS_OF), "B"), strength(&quiet, day(AS_OF), "B"));
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
    fn group_messages_are_not_an_unanswered_thread() {
        let group = Signals {
            sent: 6,
            group_messages: 6,
            last_message: Some(day("2025-05-01")),
            ..Signals::default()
        };
        let s = strength(&group, day(AS_OF), "K");
        assert_eq!(s.evidence[0], "6 messages in group conversations, last May 2025");
    }

    #[test]
    fn a_bare_connection_has_a_small_floor() {
        let bare = Signals {
            connected_on: Some(day("2024-01-01")),
            ..Signals::default()
        };
        let s = strength(&bare, day(AS_OF), "B");
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
        let (a, b) = (strength(&s, day(AS_OF), "S"), strength_value(&s, day(AS_OF)));
        assert_eq!((a.bond, a.warmth, a.probability), (b.bond, b.warmth, b.probability));
        assert!(!a.evidence.is_empty() && b.evidence.is_empty());
    }

    fn active_at_horizon() -> Signals {
        Signals {
            sent: 30,
            received: 30,
            sent_direct: 30,
            received_direct: 30,
            first_message: Some(day("2022-01-10")),
            last_message: Some(day("2026-03-30")),
            connected_on: Some(day("2022-01-01")),
            horizon: Some(day("2026-04-06")),
            ..Signals::default()
        }
    }

    #[test]
    fn months_after_the_export_are_unknown_not_silence() {
        let s = active_at_horizon();
        let at_export = strength(&s, day("2026-04-06"), "F");
        let months_later = strength(&s, day("2026-11-06"), "F");
        assert_eq!(s.silence_days(day("2026-11-06")), Some(7));
        assert!(
            (at_export.warmth - months_later.warmth).abs() < 0.02,
            "{} vs {}",
            at_export.warmth,
            months_later.warmth
        );
        assert!(
            !months_later.evidence.iter().any(|e| e.contains("quiet")),
            "{:?}",
            months_later.evidence
        );
    }

    #[test]
    fn silence_says_what_the_export_knows() {
        let s = Signals {
            last_message: Some(day("2022-03-14")),
            ..active_at_horizon()
        };
        assert_eq!(
            silence_words(&s, day("2026-11-06")).unwrap(),
            "quiet for 4 years: no messages in your export since March 2022 (export of 6 April 2026)"
        );
        let current = Signals {
            horizon: Some(day("2026-11-06")),
            ..s.clone()
        };
        assert_eq!(
            silence_words(&current, day("2026-11-06")).unwrap(),
            "quiet for 4 years 7 months"
        );
        // A logged coffee after the export is known up to today.
        let logged = Signals {
            logged: 1,
            last_logged: Some(day("2026-10-01")),
            ..s
        };
        assert_eq!(logged.silence_days(day("2026-11-06")), Some(36));
    }

    #[test]
    fn a_recent_ask_is_the_first_line_and_names_the_person() {
        let s = Signals {
            last_asked: Some(day("2026-04-01")),
            ..active_at_horizon()
        };
        let asked = strength(&s, day("2026-04-06"), "Maria");
        assert!(
            asked.evidence[0].starts_with("you asked Maria for help on 1 Apr 2026"),
            "{:?}",
            asked.evidence
        );
        let before = strength(&active_at_horizon(), day("2026-04-06"), "Maria");
        assert!((asked.probability - before.probability * LEAN_FACTOR).abs() < 1e-12);
    }
}
