//! Writing people and everything that names one person: connections (with job changes),
//! endorsements, recommendations, invitations, and the owner's own profile files.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension, Transaction};

use super::connection_match::{self, Earlier, Verdict};
use super::{epoch, is_member, person_from_row, Context, Outcome};
use crate::error::Result;
use crate::hash::Fingerprint;
use crate::linkedin::{rows, Reason, Rejects};
use crate::resolve::{company_key, full_name_key, Identity, Resolver};

/// Every person, with whether they are known by a bare name alone ([`crate::resolve::Person::loose`]).
// Uncorrelated `IN` lists, which SQLite builds once: `connections` has no index that starts
// with `person_id`.
pub(crate) const PEOPLE_QUERY: &str = "SELECT id, name, name_key, url, email, company,
       url IS NULL AND email IS NULL
       AND id NOT IN (SELECT person_id FROM connections)
       AND id NOT IN (SELECT person_id FROM members WHERE person_id IS NOT NULL)
     FROM people ORDER BY id";

/// Loads every person of the workspace into a resolver.
pub(crate) fn load(tx: &Transaction<'_>) -> Result<Resolver> {
    let next: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM people", [], |r| r.get(0))?;
    let mut resolver = Resolver::new(next);
    let mut query = tx.prepare(PEOPLE_QUERY)?;
    let people = query.query_map([], person_from_row)?;
    for person in people {
        resolver.load(person?);
    }
    Ok(resolver)
}

/// The member's own person, created or enriched with the detected URL.
pub(crate) fn member_person(
    tx: &Transaction<'_>,
    resolver: &mut Resolver,
    member_id: i64,
    name: &str,
    named: bool,
    url: Option<&str>,
) -> Result<i64> {
    let existing: Option<i64> = tx
        .query_row("SELECT person_id FROM members WHERE id = ?1", [member_id], |r| r.get(0))
        .optional()?
        .flatten();
    let identity = Identity {
        name: name.to_string(),
        url: url.map(str::to_string),
        ..Identity::default()
    };
    let person = if let Some(id) = existing {
        if let (Some(url), Some(p)) = (url, resolver.get(id)) {
            if p.url.is_none() && resolver.find_url(url).is_none() {
                resolver.resolve(&Identity {
                    name: p.name.clone(),
                    ..identity
                });
            }
        }
        if named {
            resolver.rename(id, name);
        }
        id
    } else {
        let id = resolver.resolve(&identity).unwrap_or(0);
        // A member is a person in their own right, never a bare name's stand-in.
        resolver.attach(id, &identity);
        id
    };
    flush(tx, resolver)?;
    tx.execute(
        "UPDATE members SET person_id = ?2 WHERE id = ?1",
        params![member_id, person],
    )?;
    Ok(person)
}

/// Writes new and changed people; returns how many are new.
pub(crate) fn flush(tx: &Transaction<'_>, resolver: &mut Resolver) -> Result<usize> {
    let changes = resolver.drain_changes();
    let mut insert =
        tx.prepare_cached("INSERT INTO people (id, name, name_key, url, email) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut update =
        tx.prepare_cached("UPDATE people SET name = ?2, name_key = ?3, url = ?4, email = ?5 WHERE id = ?1")?;
    let mut created = 0;
    for p in &changes {
        if p.created {
            insert.execute(params![p.id, p.name, p.name_key, p.url, p.email])?;
            created += 1;
        } else {
            update.execute(params![p.id, p.name, p.name_key, p.url, p.email])?;
        }
    }
    Ok(created)
}

fn date_text(context: &Context) -> Option<String> {
    context.export_date.map(|d| d.to_string())
}

/// Replaces the member's positions when this export is their newest, and sets the member's
/// current company and position from them.
pub(crate) fn store_positions(tx: &Transaction<'_>, context: &Context, positions: &[rows::Position]) -> Result<()> {
    if !is_latest(tx, context)? {
        return Ok(());
    }
    tx.execute("DELETE FROM positions WHERE member_id = ?1", [context.member_id])?;
    let mut insert = tx.prepare(
        "INSERT INTO positions (member_id, company, title, location, started_on, finished_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for p in positions {
        insert.execute(params![
            context.member_id,
            p.company,
            p.title,
            p.location,
            p.started.map(crate::linkedin::dates::PartialDate::to_iso),
            p.finished.map(crate::linkedin::dates::PartialDate::to_iso)
        ])?;
    }
    let current = positions
        .iter()
        .filter(|p| p.finished.is_none())
        .max_by_key(|p| p.started.map(|d| (d.year, d.month.unwrap_or(0))));
    if let Some(p) = current {
        tx.execute(
            "UPDATE people SET company = ?2, position = ?3, seen_on = ?4 WHERE id = ?1",
            params![context.member_person, p.company, p.title, date_text(context)],
        )?;
    }
    Ok(())
}

/// True when no import of this member is newer than this export.
fn is_latest(tx: &Transaction<'_>, context: &Context) -> Result<bool> {
    let newest: Option<String> = tx.query_row(
        "SELECT MAX(export_date) FROM imports WHERE member_id = ?1",
        [context.member_id],
        |r| r.get(0),
    )?;
    Ok(match (newest, date_text(context)) {
        (Some(newest), Some(this)) => this >= newest,
        _ => true,
    })
}

pub(crate) fn store_education(tx: &Transaction<'_>, context: &Context, schools: &[rows::School]) -> Result<()> {
    if !is_latest(tx, context)? {
        return Ok(());
    }
    tx.execute("DELETE FROM education WHERE member_id = ?1", [context.member_id])?;
    let mut insert = tx.prepare(
        "INSERT INTO education (member_id, school, degree, started_on, finished_on) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in schools {
        insert.execute(params![
            context.member_id,
            s.school,
            s.degree,
            s.started.map(crate::linkedin::dates::PartialDate::to_iso),
            s.finished.map(crate::linkedin::dates::PartialDate::to_iso)
        ])?;
    }
    Ok(())
}

pub(crate) fn store_follows(tx: &Transaction<'_>, context: &Context, follows: &[rows::Follow]) -> Result<()> {
    let mut insert =
        tx.prepare("INSERT OR IGNORE INTO company_follows (member_id, organization, followed_at) VALUES (?1, ?2, ?3)")?;
    for f in follows {
        insert.execute(params![context.member_id, f.organization, f.followed_on.map(epoch)])?;
    }
    Ok(())
}

/// Stores connections; a newer export whose company or position differs for a contact
/// records a job change dated with both exports. Which person each row is, namesakes
/// included, is decided by [`connection_match::match_rows`].
pub(crate) fn store_connections(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    connections: &[rows::Connection],
    rejects: &mut Rejects<'_>,
) -> Result<Outcome> {
    let stored = earlier_connections(tx, context.member_id)?;
    let resolved = match_connections(context, resolver, &stored, connections, rejects);
    flush(tx, resolver)?;
    write_connections(tx, context, &stored, &resolved)
}

/// The person of every usable row; the rest (the member themself, nobody, duplicates) are
/// rejected, in line order.
fn match_connections<'c>(
    context: &Context,
    resolver: &mut Resolver,
    stored: &HashMap<i64, Earlier>,
    connections: &'c [rows::Connection],
    rejects: &mut Rejects<'_>,
) -> Vec<(i64, &'c rows::Connection)> {
    let mut rows = Vec::with_capacity(connections.len());
    let mut skipped = Vec::new();
    for c in connections {
        let identity = Identity {
            name: c.name.clone(),
            url: c.url.clone(),
            email: c.email.clone(),
            company: Some(c.company.clone()).filter(|s| !s.is_empty()),
        };
        if is_member(context, &identity) {
            skipped.push(reject_line(
                rejects.file,
                c.line,
                &c.raw,
                Reason::SelfReference,
                &c.name,
            ));
        } else if identity.url.is_none() && identity.email.is_none() && full_name_key(&c.name).is_empty() {
            skipped.push(reject_line(rejects.file, c.line, &c.raw, Reason::NoPerson, ""));
        } else {
            rows.push(connection_match::Row {
                connection: c,
                identity,
            });
        }
    }
    let verdicts = connection_match::match_rows(resolver, stored, context.member_person, &rows);
    let mut resolved = Vec::with_capacity(rows.len());
    for (row, verdict) in rows.iter().zip(verdicts) {
        let c = row.connection;
        match verdict {
            Verdict::Person(id) => resolved.push((id, c)),
            Verdict::Duplicate => {
                skipped.push(reject_line(rejects.file, c.line, &c.raw, Reason::Duplicate, &c.name));
            }
        }
    }
    skipped.sort_by_key(|r| r.line);
    rejects.list.extend(skipped);
    resolved
}

/// Inserts new connections and updates known ones from a newer export, recording job changes.
fn write_connections(
    tx: &Transaction<'_>,
    context: &Context,
    stored: &HashMap<i64, Earlier>,
    resolved: &[(i64, &rows::Connection)],
) -> Result<Outcome> {
    let export_date = date_text(context);
    let mut outcome = Outcome::default();
    let mut insert = tx.prepare(
        "INSERT INTO connections (member_id, person_id, connected_on, company, position, seen_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut update = tx.prepare(
        "UPDATE connections SET connected_on = COALESCE(?3, connected_on), company = ?4, position = ?5, seen_on = ?6
         WHERE member_id = ?1 AND person_id = ?2",
    )?;
    let mut change = tx.prepare(
        "INSERT OR IGNORE INTO job_changes (person_id, member_id, old_company, old_position, new_company, new_position, previous_seen_on, seen_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut person = tx.prepare(
        "UPDATE people SET company = ?2, position = ?3, seen_on = ?4 WHERE id = ?1 AND (seen_on IS NULL OR ?4 IS NULL OR seen_on <= ?4)",
    )?;
    // The `First Name` cell, for greetings ("María José", not the first word of the name).
    let mut given =
        tx.prepare_cached("UPDATE people SET given_name = ?2 WHERE id = ?1 AND ?2 != '' AND given_name IS NOT ?2")?;
    for &(id, c) in resolved {
        outcome.used += 1;
        given.execute(params![id, c.given_name])?;
        let connected_on = c.connected_on.map(|d| d.to_string());
        match stored.get(&id) {
            None => {
                insert.execute(params![
                    context.member_id,
                    id,
                    connected_on,
                    c.company,
                    c.position,
                    export_date
                ])?;
            }
            Some(Earlier {
                company,
                position,
                connected_on: old_connected,
                seen_on,
                ..
            }) => {
                let same = company == &c.company
                    && position == &c.position
                    && (connected_on.is_none() || &connected_on == old_connected);
                let newer = match (&export_date, seen_on) {
                    (Some(this), Some(before)) => this > before,
                    (Some(_), None) => true,
                    (None, _) => false,
                };
                if same || !newer {
                    outcome.unchanged += 1;
                    continue;
                }
                let moved = company_key(company) != company_key(&c.company) || position.trim() != c.position.trim();
                if moved && !(company.is_empty() && position.is_empty()) {
                    if let Some(this) = &export_date {
                        change.execute(params![
                            id,
                            context.member_id,
                            company,
                            position,
                            c.company,
                            c.position,
                            seen_on,
                            this
                        ])?;
                        outcome.job_changes += usize::try_from(tx.changes()).unwrap_or(0);
                    }
                }
                update.execute(params![
                    context.member_id,
                    id,
                    connected_on,
                    c.company,
                    c.position,
                    export_date
                ])?;
            }
        }
        person.execute(params![id, c.company, c.position, export_date])?;
    }
    Ok(outcome)
}

/// The member's stored connections, by person.
fn earlier_connections(tx: &Transaction<'_>, member_id: i64) -> Result<HashMap<i64, Earlier>> {
    let mut query =
        tx.prepare("SELECT person_id, company, position, connected_on, seen_on FROM connections WHERE member_id = ?1")?;
    let rows = query.query_map([member_id], |r| {
        let company: String = r.get(1)?;
        Ok((
            r.get::<_, i64>(0)?,
            Earlier {
                company_key: company_key(&company),
                company,
                position: r.get(2)?,
                connected_on: r.get(3)?,
                seen_on: r.get(4)?,
            },
        ))
    })?;
    let mut stored = HashMap::new();
    for row in rows {
        let (id, earlier) = row?;
        stored.insert(id, earlier);
    }
    Ok(stored)
}

fn reject_line(file: &str, line: u64, raw: &str, reason: Reason, detail: &str) -> crate::linkedin::Reject {
    crate::linkedin::Reject {
        file: file.to_string(),
        line,
        reason,
        detail: detail.to_string(),
        raw: raw.to_string(),
    }
}

/// Endorsements: one per person, skill and direction, whichever file lists it.
pub(crate) fn store_endorsements(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    given: bool,
    endorsements: &[rows::Endorsement],
    rejects: &mut Rejects<'_>,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut resolved = Vec::new();
    for e in endorsements {
        let identity = Identity {
            name: e.name.clone(),
            url: e.url.clone(),
            ..Identity::default()
        };
        if is_member(context, &identity) {
            rejects.list.push(reject_line(
                rejects.file,
                e.line,
                &e.raw,
                Reason::SelfReference,
                &e.name,
            ));
            continue;
        }
        // A row without a URL (the legacy UTF-16 file) is the endorsement the current file
        // already gave, when one of the same skill came from someone of that name.
        if e.url.is_none() {
            if let Some(id) = same_endorsement(tx, context, given, e)? {
                resolved.push((id, e));
                continue;
            }
        }
        match resolver.resolve(&identity) {
            Some(id) => resolved.push((id, e)),
            None => rejects
                .list
                .push(reject_line(rejects.file, e.line, &e.raw, nobody(&identity.name), "")),
        }
    }
    flush(tx, resolver)?;
    let mut exists = tx.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM endorsements WHERE member_id = ?1 AND person_id = ?2 AND given = ?3 AND skill_key = ?4)",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO endorsements (member_id, person_id, given, skill_key, skill, endorsed_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut seen: HashSet<(i64, String)> = HashSet::new();
    for (id, e) in resolved {
        let skill_key = crate::resolve::full_name_key(&e.skill.replace(',', " "));
        if !seen.insert((id, skill_key.clone())) {
            rejects.list.push(reject_line(
                rejects.file,
                e.line,
                &e.raw,
                Reason::Duplicate,
                &format!("{} for {}", e.skill, e.name),
            ));
            continue;
        }
        let already: bool = exists.query_row(params![context.member_id, id, given, skill_key], |r| r.get(0))?;
        if already {
            // The same endorsement from the other file of this export, or an earlier import.
            outcome.used += 1;
            outcome.unchanged += 1;
            continue;
        }
        insert.execute(params![
            context.member_id,
            id,
            given,
            skill_key,
            e.skill,
            e.date.map(epoch),
            e.status
        ])?;
        outcome.used += 1;
    }
    Ok(outcome)
}

/// The person of the member's stored endorsement of the same skill and direction from
/// someone of `e`'s name, when exactly one person fits.
fn same_endorsement(
    tx: &Transaction<'_>,
    context: &Context,
    given: bool,
    e: &rows::Endorsement,
) -> Result<Option<i64>> {
    let skill_key = crate::resolve::full_name_key(&e.skill.replace(',', " "));
    let name_key = full_name_key(&e.name);
    if skill_key.is_empty() || name_key.is_empty() {
        return Ok(None);
    }
    let mut query = tx.prepare_cached(
        "SELECT DISTINCT e.person_id FROM endorsements e JOIN people p ON p.id = e.person_id
          WHERE e.member_id = ?1 AND e.given = ?2 AND e.skill_key = ?3 AND p.name_key = ?4 LIMIT 2",
    )?;
    let ids: Vec<i64> = query
        .query_map(params![context.member_id, given, skill_key, name_key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match ids.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

/// Recommendations, matched to people by name and company.
pub(crate) fn store_recommendations(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    given: bool,
    recommendations: &[rows::Recommendation],
    rejects: &mut Rejects<'_>,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut resolved = Vec::new();
    for r in recommendations {
        let identity = Identity {
            name: r.name.clone(),
            company: Some(r.company.clone()).filter(|c| !c.is_empty()),
            ..Identity::default()
        };
        if is_member(context, &identity) {
            rejects.list.push(reject_line(
                rejects.file,
                r.line,
                &r.raw,
                Reason::SelfReference,
                &r.name,
            ));
            continue;
        }
        match resolver.resolve(&identity) {
            Some(id) => resolved.push((id, r)),
            None => rejects
                .list
                .push(reject_line(rejects.file, r.line, &r.raw, nobody(&r.name), "")),
        }
    }
    flush(tx, resolver)?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO recommendations (member_id, person_id, given, fingerprint, created_at, status, company, job_title, length, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (id, r) in resolved {
        let normalised: String = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let fingerprint = Fingerprint::new().add_str(&normalised).finish();
        let text = context.keep_content.then_some(r.text.as_str());
        insert.execute(params![
            context.member_id,
            id,
            given,
            fingerprint,
            r.created.map(epoch),
            r.status,
            r.company,
            r.job_title,
            i64::try_from(normalised.chars().count()).unwrap_or(i64::MAX),
            text
        ])?;
        outcome.used += 1;
        if tx.changes() == 0 {
            outcome.unchanged += 1;
        }
    }
    Ok(outcome)
}

/// Invitations: the other side of each, with the direction and whether a note came with it.
pub(crate) fn store_invitations(
    tx: &Transaction<'_>,
    context: &Context,
    resolver: &mut Resolver,
    invitations: &[rows::Invitation],
    rejects: &mut Rejects<'_>,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut resolved = Vec::new();
    for inv in invitations {
        let from = Identity {
            name: inv.from.clone(),
            url: inv.from_url.clone(),
            ..Identity::default()
        };
        let to = Identity {
            name: inv.to.clone(),
            url: inv.to_url.clone(),
            ..Identity::default()
        };
        let outgoing = match inv.outgoing {
            Some(o) => o,
            None if is_member(context, &from) => true,
            None if is_member(context, &to) => false,
            None => {
                rejects.list.push(crate::linkedin::Reject {
                    file: rejects.file.to_string(),
                    line: inv.line,
                    reason: Reason::UnknownDirection,
                    detail: String::new(),
                    raw: inv.raw.clone(),
                });
                continue;
            }
        };
        let other = if outgoing { to } else { from };
        if is_member(context, &other) {
            rejects.list.push(reject_line(
                rejects.file,
                inv.line,
                &inv.raw,
                Reason::SelfReference,
                &other.name,
            ));
            continue;
        }
        match resolver.resolve(&other) {
            Some(id) => resolved.push((id, outgoing, inv)),
            None => rejects
                .list
                .push(reject_line(rejects.file, inv.line, &inv.raw, nobody(&other.name), "")),
        }
    }
    flush(tx, resolver)?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO invitations (member_id, person_id, outgoing, sent_at, has_note, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (id, outgoing, inv) in resolved {
        let note = context
            .keep_content
            .then_some(inv.message.as_str())
            .filter(|m| !m.is_empty());
        insert.execute(params![
            context.member_id,
            id,
            outgoing,
            epoch(inv.sent_at),
            !inv.message.is_empty(),
            note
        ])?;
        outcome.used += 1;
        if tx.changes() == 0 {
            outcome.unchanged += 1;
        }
    }
    Ok(outcome)
}

/// Why a row that resolves to nobody was rejected: a hidden name, or no name at all.
fn nobody(name: &str) -> Reason {
    if crate::resolve::is_hidden_name(name) {
        Reason::HiddenName
    } else {
        Reason::NoPerson
    }
}
