//! Everything the relationship graph needs, read from the workspace in a few set-based
//! queries: members, people, per-tie signals, co-membership of group conversations, and the
//! members' employers.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use rusqlite::Connection;

use super::Workspace;
use crate::error::Result;
use crate::hash::IdMap;
use crate::ids::{MemberId, PersonId};
use crate::linkedin::dates::iso_date;
use crate::score::Signals;

/// A member of the workspace (the owner or a pooled member).
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub id: MemberId,
    pub name: String,
    pub person_id: PersonId,
    pub is_owner: bool,
}

/// A person, as the graph shows them. E-mail is deliberately absent.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: PersonId,
    pub name: String,
    pub url: Option<String>,
    pub company: String,
    pub position: String,
    /// The export's `First Name`, when a file gave one.
    pub given_name: Option<String>,
}

/// One of a member's positions (for shared-employer inference).
#[derive(Debug, Clone)]
pub struct PositionRow {
    pub member_id: MemberId,
    pub company: String,
    /// `YYYY-MM` or `YYYY`.
    pub started: Option<String>,
    /// `None` when current.
    pub finished: Option<String>,
}

/// The raw material of the graph.
#[derive(Debug, Default)]
pub struct GraphData {
    pub members: Vec<MemberRow>,
    pub people: Vec<PersonRow>,
    /// Signals per (member, person).
    pub ties: IdMap<(MemberId, PersonId), Signals>,
    /// Pairs of people (not members) who shared group conversations of a member, with the
    /// number of such conversations. Keys are ordered (smaller id first).
    pub group_pairs: IdMap<(PersonId, PersonId), u32>,
    pub positions: Vec<PositionRow>,
    /// Job changes seen between exports, oldest first.
    pub job_changes: Vec<JobChange>,
    /// People the user muted.
    pub muted: crate::hash::IdSet<PersonId>,
    /// Target company keys (names and aliases).
    pub target_keys: Vec<String>,
    /// Each member's observation horizon: the date of their newest export.
    pub horizons: IdMap<MemberId, NaiveDate>,
    /// Contacts on members' club cards whose names the card keeps private.
    pub hidden_contacts: Vec<HiddenContact>,
}

/// A contact on a member's card with the name kept private: the club learns who by asking
/// the member.
#[derive(Debug, Clone)]
pub struct HiddenContact {
    pub member_id: MemberId,
    pub company: String,
    pub position: String,
    pub strength: crate::card::Strength,
    pub last_contact: Option<i32>,
}

impl GraphData {
    /// A workspace of one owner, Ana Owner (member 1, person 1, at Globex), and nobody else:
    /// the start of the unit tests' hand-made networks.
    #[cfg(test)]
    pub(crate) fn owned_by_ana() -> GraphData {
        GraphData {
            members: vec![MemberRow {
                id: MemberId(1),
                name: "Ana Owner".into(),
                person_id: PersonId(1),
                is_owner: true,
            }],
            people: vec![PersonRow {
                id: PersonId(1),
                name: "Ana Owner".into(),
                url: None,
                company: "Globex".into(),
                position: String::new(),
                given_name: None,
            }],
            ..GraphData::default()
        }
    }

    /// The owner's observation horizon (their newest export), if known.
    pub(crate) fn owner_horizon(&self) -> Option<NaiveDate> {
        let owner = self.members.iter().find(|m| m.is_owner)?;
        self.horizons.get(&owner.id).copied()
    }
}

/// A contact's company or position changed between two exports.
#[derive(Debug, Clone)]
pub struct JobChange {
    pub person_id: PersonId,
    pub old_company: String,
    pub old_position: String,
    pub new_company: String,
    pub new_position: String,
    /// The export date that first showed the new job.
    pub seen_on: Option<NaiveDate>,
    /// The export date before it, which still showed the old job.
    pub previous_seen_on: Option<NaiveDate>,
}

/// Groups larger than this do not imply that their members know each other.
pub(crate) const MAX_GROUP_FOR_LINKS: usize = 20;

/// The member's positions as they stood on `as_of`: one not started yet is left out, one
/// that ended later was still current then.
fn positions_as_of(positions: &mut Vec<PositionRow>, as_of: NaiveDate) {
    let first_day = |text: &Option<String>| {
        text.as_deref()
            .and_then(crate::linkedin::dates::parse_month)
            .and_then(super::super::linkedin::dates::PartialDate::first_day)
    };
    positions.retain(|p| first_day(&p.started).is_none_or(|d| d <= as_of));
    for p in positions.iter_mut() {
        if first_day(&p.finished).is_some_and(|d| d > as_of) {
            p.finished = None;
        }
    }
}

/// The last second of `day`, as stored timestamps count (UTC seconds).
fn end_of_day(day: NaiveDate) -> i64 {
    day.and_hms_opt(23, 59, 59)
        .map_or(i64::MAX, |t| t.and_utc().timestamp())
}

fn day(epoch: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(epoch, 0).map(|t| t.date_naive())
}

/// Ledger outcomes that are the owner's own move, not a sign of a two-way contact.
const ONE_WAY_OUTCOMES: &str = "'asked', 'no-reply'";

impl Workspace {
    /// Reads everything the graph needs, as it was known on `as_of`: messages, endorsements,
    /// recommendations, invitations, connections, job changes and ledger entries dated after
    /// it are left out, so an `--as-of` before the export cites no later evidence. Each tie
    /// carries its member's observation horizon (see [`Signals::horizon`]).
    pub fn graph_data(&self, as_of: NaiveDate) -> Result<GraphData> {
        let conn = &self.conn;
        let mut data = GraphData::default();
        let cutoff = end_of_day(as_of);
        let undated_imports = self.load_horizons(&mut data.horizons)?;
        data.members = read_members(conn)?;
        data.people = read_people(conn)?;

        read_connections(conn, &mut data.ties, as_of)?;
        let newest_message = newest_message_to_check(conn, &data.horizons, undated_imports, as_of)?;
        read_message_stats(conn, &mut data.ties, cutoff, newest_message)?;
        read_invitations(conn, &mut data.ties, cutoff)?;
        read_services(conn, &mut data.ties, cutoff)?;
        read_group_conversations(conn, &mut data, cutoff, newest_message)?;

        data.positions = read_positions(conn)?;
        positions_as_of(&mut data.positions, as_of);
        data.job_changes = read_job_changes(conn)?;
        jobs_as_of(&mut data.people, &mut data.job_changes, as_of);
        let mut query = conn.prepare("SELECT person_id FROM muted")?;
        data.muted = query.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        data.target_keys = self.targets()?.iter().flat_map(super::targets::Target::keys).collect();
        // The ledger is the owner's: two-way contact warms the owner's ties; any entry is
        // outreach (it keeps a person off the reconnect list for a while).
        if let Some(owner) = data.members.iter().find(|m| m.is_owner).map(|m| m.id) {
            read_ledger(conn, &mut data.ties, owner, as_of)?;
        }
        for ((member, _), signals) in &mut data.ties {
            signals.horizon = data.horizons.get(member).copied();
        }
        read_cards(conn, &mut data)?;
        crate::score::employer::infer(&mut data);
        Ok(data)
    }
}

/// The workspace's members, by id.
fn read_members(conn: &Connection) -> Result<Vec<MemberRow>> {
    let mut query = conn.prepare("SELECT id, name, COALESCE(person_id, 0), is_owner FROM members ORDER BY id")?;
    let members = query
        .query_map([], |r| {
            Ok(MemberRow {
                id: r.get(0)?,
                name: r.get(1)?,
                person_id: r.get(2)?,
                is_owner: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(members)
}

/// The contacts of members' club cards: named ones are ties of the member, hidden ones are
/// kept apart (they reach a company, not a person).
fn read_cards(conn: &Connection, data: &mut GraphData) -> Result<()> {
    let mut query = conn.prepare(
        "SELECT member_id, person_id, company, position, strength, last_contact FROM card_contacts ORDER BY rowid",
    )?;
    let mut rows = query.query([])?;
    while let Some(r) = rows.next()? {
        let strength = match r.get::<_, String>(4)?.as_str() {
            "close" => crate::card::Strength::Close,
            "warm" => crate::card::Strength::Warm,
            _ => crate::card::Strength::Known,
        };
        let (member, person, last): (MemberId, Option<PersonId>, Option<i32>) = (r.get(0)?, r.get(1)?, r.get(5)?);
        match person {
            Some(person) => data.ties.entry((member, person)).or_default().card = Some((strength, last)),
            None => data.hidden_contacts.push(HiddenContact {
                member_id: member,
                company: r.get(2)?,
                position: r.get(3)?,
                strength,
                last_contact: last,
            }),
        }
    }
    Ok(())
}

/// Every person, by id, with their job as stored (see [`jobs_as_of`]).
fn read_people(conn: &Connection) -> Result<Vec<PersonRow>> {
    let mut query = conn.prepare("SELECT id, name, url, company, position, given_name FROM people ORDER BY id")?;
    let people = query
        .query_map([], |r| {
            Ok(PersonRow {
                id: r.get(0)?,
                name: r.get(1)?,
                url: r.get(2)?,
                company: r.get(3)?,
                position: r.get(4)?,
                given_name: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(people)
}

/// Each tie's connection date; a connection made after `as_of` did not exist then, so it
/// makes no tie.
fn read_connections(
    conn: &Connection,
    ties: &mut IdMap<(MemberId, PersonId), Signals>,
    as_of: NaiveDate,
) -> Result<()> {
    let mut query = conn.prepare("SELECT member_id, person_id, connected_on FROM connections")?;
    let mut rows = query.query([])?;
    while let Some(r) = rows.next()? {
        let on: Option<String> = r.get(2)?;
        let on = on.as_deref().and_then(iso_date);
        if on.is_some_and(|d| d > as_of) {
            continue;
        }
        ties.entry((r.get(0)?, r.get(1)?)).or_default().connected_on = on;
    }
    Ok(())
}

/// The time of the newest message, when some message may postdate `as_of`; `None` when none
/// can. Messages never postdate their export: when `as_of` is on or after every export,
/// nothing is cut and the stored aggregates serve. Otherwise `tie_stats` (a row per tie, far
/// fewer than the messages) says whether any message is later.
fn newest_message_to_check(
    conn: &Connection,
    horizons: &IdMap<MemberId, NaiveDate>,
    undated_imports: bool,
    as_of: NaiveDate,
) -> Result<Option<i64>> {
    let all_before = !undated_imports && horizons.values().all(|h| *h <= as_of);
    if all_before {
        return Ok(None);
    }
    Ok(conn.query_row("SELECT MAX(last_at) FROM tie_stats", [], |r| r.get(0))?)
}

/// Message counts and dates per tie, up to `cutoff`: the stored aggregates, or recounted
/// from the messages when the newest message is later than `cutoff`.
fn read_message_stats(
    conn: &Connection,
    ties: &mut IdMap<(MemberId, PersonId), Signals>,
    cutoff: i64,
    newest_message: Option<i64>,
) -> Result<()> {
    let stats_sql = if newest_message.is_some_and(|t| t > cutoff) {
        super::stats::AS_OF_QUERY
    } else {
        "SELECT member_id, person_id, sent, received, sent_direct, received_direct, group_messages, first_at, last_at FROM tie_stats WHERE ?1 IS NOT NULL"
    };
    let mut query = conn.prepare(stats_sql)?;
    let mut rows = query.query([cutoff])?;
    while let Some(r) = rows.next()? {
        let s = ties.entry((r.get(0)?, r.get(1)?)).or_default();
        s.sent = r.get(2)?;
        s.received = r.get(3)?;
        s.sent_direct = r.get(4)?;
        s.received_direct = r.get(5)?;
        s.group_messages = r.get(6)?;
        s.first_message = day(r.get(7)?);
        s.last_message = day(r.get(8)?);
    }
    Ok(())
}

/// Who invited whom, and whether with a note, for invitations sent up to `cutoff`.
fn read_invitations(conn: &Connection, ties: &mut IdMap<(MemberId, PersonId), Signals>, cutoff: i64) -> Result<()> {
    let mut query = conn.prepare(
        "SELECT member_id, person_id, outgoing, MAX(has_note) FROM invitations WHERE sent_at <= ?1 GROUP BY member_id, person_id",
    )?;
    let mut rows = query.query([cutoff])?;
    while let Some(r) = rows.next()? {
        let s = ties.entry((r.get(0)?, r.get(1)?)).or_default();
        s.invited_by_member = Some(r.get(2)?);
        s.invitation_note = r.get(3)?;
    }
    Ok(())
}

/// Endorsements and recommendations, given and received, up to `cutoff` (undated ones
/// count), with the latest of them as the tie's last service.
fn read_services(conn: &Connection, ties: &mut IdMap<(MemberId, PersonId), Signals>, cutoff: i64) -> Result<()> {
    for (table, at) in [("endorsements", "endorsed_at"), ("recommendations", "created_at")] {
        let mut query = conn.prepare(&format!(
            "SELECT member_id, person_id, given, COUNT(*), MAX({at}) FROM {table}
              WHERE {at} IS NULL OR {at} <= ?1 GROUP BY member_id, person_id, given"
        ))?;
        let mut rows = query.query([cutoff])?;
        while let Some(r) = rows.next()? {
            let s = ties.entry((r.get(0)?, r.get(1)?)).or_default();
            let given: bool = r.get(2)?;
            let count: u32 = r.get(3)?;
            let when: Option<i64> = r.get(4)?;
            match (table, given) {
                ("endorsements", true) => s.endorsements_given = count,
                ("endorsements", false) => s.endorsements_received = count,
                (_, true) => s.recommendations_given = count,
                (_, false) => {
                    s.recommendations_received = count;
                    s.recommended_on = when.and_then(day);
                }
            }
            s.last_service = s.last_service.max(when.and_then(day));
        }
    }
    Ok(())
}

/// Group conversations with a message up to `cutoff` (all of them when `newest_message` is
/// not later): shared groups per tie, and inferred links between contacts. The rows come
/// sorted by conversation, so each conversation's participants are gathered, then counted.
fn read_group_conversations(
    conn: &Connection,
    data: &mut GraphData,
    cutoff: i64,
    newest_message: Option<i64>,
) -> Result<()> {
    let member_person: HashMap<MemberId, PersonId> = data.members.iter().map(|m| (m.id, m.person_id)).collect();
    let mut query = conn.prepare(
        "SELECT c.id, c.member_id, p.person_id FROM conversations c
           JOIN conversation_participants p ON p.conversation_id = c.id
          WHERE c.is_group = 1
            AND (?1 >= ?2 OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.sent_at <= ?1))
          ORDER BY c.id, p.person_id",
    )?;
    let mut rows = query.query([cutoff, newest_message.unwrap_or(0)])?;
    let mut current: Option<(i64, MemberId)> = None;
    let mut participants: Vec<PersonId> = Vec::new();
    while let Some(r) = rows.next()? {
        let key: (i64, MemberId) = (r.get(0)?, r.get(1)?);
        if current != Some(key) {
            count_group(
                current,
                &member_person,
                &mut participants,
                &mut data.ties,
                &mut data.group_pairs,
            );
            current = Some(key);
        }
        participants.push(r.get(2)?);
    }
    count_group(
        current,
        &member_person,
        &mut participants,
        &mut data.ties,
        &mut data.group_pairs,
    );
    Ok(())
}

/// Counts one group `conversation` (conversation id, member id), if any, and empties
/// `participants` for the next: a shared group on the member's tie to every other
/// participant, and, for groups small enough to mean it, a co-membership between every two
/// participants.
fn count_group(
    conversation: Option<(i64, MemberId)>,
    member_person: &HashMap<MemberId, PersonId>,
    participants: &mut Vec<PersonId>,
    ties: &mut IdMap<(MemberId, PersonId), Signals>,
    pairs: &mut IdMap<(PersonId, PersonId), u32>,
) {
    if let Some((_, member)) = conversation {
        let me = member_person.get(&member).copied();
        participants.retain(|&p| Some(p) != me);
        for &p in participants.iter() {
            ties.entry((member, p)).or_default().shared_groups += 1;
        }
        if participants.len() <= MAX_GROUP_FOR_LINKS {
            for (i, &a) in participants.iter().enumerate() {
                for &b in &participants[i + 1..] {
                    *pairs.entry((a.min(b), a.max(b))).or_default() += 1;
                }
            }
        }
    }
    participants.clear();
}

/// The members' positions, as stored (see [`positions_as_of`]).
fn read_positions(conn: &Connection) -> Result<Vec<PositionRow>> {
    let mut query = conn.prepare("SELECT member_id, company, started_on, finished_on FROM positions")?;
    let positions = query
        .query_map([], |r| {
            Ok(PositionRow {
                member_id: r.get(0)?,
                company: r.get(1)?,
                started: r.get(2)?,
                finished: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(positions)
}

/// Every job change seen between exports, oldest first (see [`jobs_as_of`]).
fn read_job_changes(conn: &Connection) -> Result<Vec<JobChange>> {
    let mut query = conn.prepare(
        "SELECT person_id, old_company, old_position, new_company, new_position, seen_on, previous_seen_on
           FROM job_changes ORDER BY seen_on, id",
    )?;
    let rows = query.query_map([], |r| {
        let seen: Option<String> = r.get(5)?;
        let previous: Option<String> = r.get(6)?;
        Ok(JobChange {
            person_id: r.get(0)?,
            old_company: r.get(1)?,
            old_position: r.get(2)?,
            new_company: r.get(3)?,
            new_position: r.get(4)?,
            seen_on: seen.as_deref().and_then(iso_date),
            previous_seen_on: previous.as_deref().and_then(iso_date),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// People's jobs as they stood on `as_of`: a job first seen after it was not known then, so
/// the person shows the job before it (the earliest such change's old job wins), and the
/// change is dropped.
fn jobs_as_of(people: &mut [PersonRow], job_changes: &mut Vec<JobChange>, as_of: NaiveDate) {
    let mut later: Vec<&JobChange> = job_changes
        .iter()
        .filter(|c| c.seen_on.is_some_and(|d| d > as_of))
        .collect();
    later.sort_by_key(|c| std::cmp::Reverse(c.seen_on));
    if !later.is_empty() {
        let index: IdMap<PersonId, usize> = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        for change in later {
            if let Some(&i) = index.get(&change.person_id) {
                people[i].company.clone_from(&change.old_company);
                people[i].position.clone_from(&change.old_position);
            }
        }
    }
    job_changes.retain(|c| c.seen_on.is_none_or(|d| d <= as_of));
}

/// The owner's ledger up to `as_of`, onto the owner's ties: two-way contacts (count and
/// last), the last outreach of any kind and the last ask.
fn read_ledger(
    conn: &Connection,
    ties: &mut IdMap<(MemberId, PersonId), Signals>,
    owner: MemberId,
    as_of: NaiveDate,
) -> Result<()> {
    let mut query = conn.prepare(&format!(
        "SELECT person_id,
                SUM(CASE WHEN {two_way} THEN 1 ELSE 0 END),
                MAX(CASE WHEN {two_way} THEN date END),
                MAX(date),
                MAX(CASE WHEN outcome = 'asked' THEN date END)
           FROM ledger WHERE date <= ?1 GROUP BY person_id",
        two_way = format_args!(
            "(outcome IS NULL AND channel IN ('call', 'coffee', 'event')) OR (outcome IS NOT NULL AND outcome NOT IN ({ONE_WAY_OUTCOMES}))"
        )
    ))?;
    let mut rows = query.query([as_of.to_string()])?;
    while let Some(r) = rows.next()? {
        let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
            Ok(r.get::<_, Option<String>>(i)?.as_deref().and_then(iso_date))
        };
        let (logged, last, outreach, asked) = (r.get(1)?, date(2)?, date(3)?, date(4)?);
        let s = ties.entry((owner, r.get(0)?)).or_default();
        s.logged = logged;
        s.last_logged = last;
        s.last_outreach = outreach;
        s.last_asked = asked;
    }
    Ok(())
}

impl Workspace {
    /// Each member's observation horizon (the date of their newest export) into `horizons`;
    /// returns whether some import has no date at all.
    fn load_horizons(&self, horizons: &mut IdMap<MemberId, NaiveDate>) -> Result<bool> {
        let mut query = self.conn.prepare(
            "SELECT member_id, MAX(export_date), COUNT(*) - COUNT(export_date) FROM imports GROUP BY member_id",
        )?;
        let mut rows = query.query([])?;
        let mut undated = false;
        while let Some(r) = rows.next()? {
            let date: Option<String> = r.get(1)?;
            if let Some(date) = date.as_deref().and_then(iso_date) {
                horizons.insert(r.get(0)?, date);
            }
            undated |= r.get::<_, i64>(2)? > 0;
        }
        Ok(undated)
    }

    /// The owner's messages up to `as_of`: day and direction (true = sent), for activity
    /// charts.
    pub fn owner_messages(&self, as_of: NaiveDate) -> Result<Vec<(NaiveDate, bool)>> {
        let mut query = self.conn.prepare(
            "SELECT m.sent_at, m.outgoing FROM messages m JOIN conversations c ON c.id = m.conversation_id
               JOIN members w ON w.id = c.member_id WHERE w.is_owner = 1 AND m.sent_at <= ?1",
        )?;
        let mut rows = query.query([end_of_day(as_of)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            if let Some(d) = day(r.get(0)?) {
                out.push((d, r.get(1)?));
            }
        }
        Ok(out)
    }
}
