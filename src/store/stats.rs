//! Per-tie message aggregates, computed with polars over a member's whole message history:
//! messages sent and received (one-to-one and in groups), first and last dates, characters.
//! This is the columnar part of the import; the scores of later stages read `tie_stats`.

use polars::prelude::*;
use rusqlite::{params, Transaction};

use crate::error::{Error, Result};

/// Messages as seen from one tie, a row per run (see [`Run`]): the other person, direction,
/// group or not, how many, first and last, characters.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    person: Vec<i64>,
    outgoing: Vec<i64>,
    group: Vec<i64>,
    messages: Vec<i64>,
    first: Vec<i64>,
    last: Vec<i64>,
    length: Vec<i64>,
}

/// Messages of one conversation, one sender and one direction, summed up as they are read:
/// the import keeps these instead of a row per message.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub messages: i64,
    pub first: i64,
    pub last: i64,
    pub characters: i64,
}

impl Run {
    /// One message, sent at `at` (UTC seconds), `length` characters long.
    pub(crate) fn one(at: i64, length: i64) -> Self {
        Run {
            messages: 1,
            first: at,
            last: at,
            characters: length,
        }
    }

    /// Adds one message.
    pub(crate) fn add(&mut self, at: i64, length: i64) {
        self.messages += 1;
        self.first = self.first.min(at);
        self.last = self.last.max(at);
        self.characters += length;
    }
}

impl Columns {
    /// Adds a run of messages as seen from the tie with `person`.
    pub(crate) fn push(&mut self, person: i64, outgoing: bool, group: bool, run: Run) {
        self.person.push(person);
        self.outgoing.push(i64::from(outgoing));
        self.group.push(i64::from(group));
        self.messages.push(run.messages);
        self.first.push(run.first);
        self.last.push(run.last);
        self.length.push(run.characters);
    }
}

/// `tie_stats` as they were at a cutoff (`?1`, UTC seconds), computed from the messages
/// themselves: for an `--as-of` before the newest export, so that no later message counts.
/// Same columns as `tie_stats`, same counting rule as `refresh`.
pub const AS_OF_QUERY: &str = "
WITH seen AS (
    SELECT c.member_id AS member_id, m.sender_id AS person_id, 0 AS outgoing, c.is_group AS grp, m.sent_at AS at
      FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN members w ON w.id = c.member_id
     WHERE m.outgoing = 0 AND m.sender_id != COALESCE(w.person_id, 0) AND m.sent_at <= ?1
    UNION ALL
    SELECT c.member_id, p.person_id, 1, c.is_group, m.sent_at
      FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN members w ON w.id = c.member_id
      JOIN conversation_participants p ON p.conversation_id = c.id
     WHERE m.outgoing = 1 AND p.person_id != COALESCE(w.person_id, 0) AND m.sent_at <= ?1
)
SELECT member_id, person_id, SUM(outgoing), SUM(1 - outgoing), SUM(outgoing * (1 - grp)),
       SUM((1 - outgoing) * (1 - grp)), SUM(grp), MIN(at), MAX(at)
  FROM seen GROUP BY member_id, person_id";

/// Recomputes `tie_stats` for `member_id` from all of the member's stored messages.
///
/// An incoming message counts for its sender; an outgoing one for every other participant of
/// its conversation (one-to-one or group).
pub(crate) fn refresh(tx: &Transaction<'_>, member_id: i64, member_person: i64) -> Result<()> {
    let mut columns = Columns::default();
    let mut query = tx.prepare(
        "SELECT m.sender_id, 0, c.is_group, m.sent_at, m.length
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.member_id = ?1 AND m.outgoing = 0 AND m.sender_id != ?2
         UNION ALL
         SELECT p.person_id, 1, c.is_group, m.sent_at, m.length
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
           JOIN conversation_participants p ON p.conversation_id = c.id
          WHERE c.member_id = ?1 AND m.outgoing = 1 AND p.person_id != ?2",
    )?;
    let mut rows = query.query(params![member_id, member_person])?;
    while let Some(row) = rows.next()? {
        let (outgoing, group): (i64, i64) = (row.get(1)?, row.get(2)?);
        let run = Run::one(row.get(3)?, row.get(4)?);
        columns.push(row.get(0)?, outgoing != 0, group != 0, run);
    }
    drop(rows);
    replace(tx, member_id, columns)
}

/// Replaces `tie_stats` of `member_id` with the aggregates of `columns`: every message of the
/// member, as [`refresh`] reads them (the import builds them in memory when it has just
/// written all of the member's messages itself).
pub(crate) fn replace(tx: &Transaction<'_>, member_id: i64, columns: Columns) -> Result<()> {
    tx.execute("DELETE FROM tie_stats WHERE member_id = ?1", [member_id])?;
    if columns.person.is_empty() {
        return Ok(());
    }
    let aggregated = aggregate(columns).map_err(Error::Aggregate)?;
    let get = |name: &str| -> Result<Vec<i64>> {
        let column = aggregated.column(name).map_err(Error::Aggregate)?;
        let values = column.i64().map_err(Error::Aggregate)?;
        Ok(values.iter().map(|v| v.unwrap_or(0)).collect())
    };
    let (person, sent, received, sent_direct, received_direct, group, first, last, characters) = (
        get("person")?,
        get("sent")?,
        get("received")?,
        get("sent_direct")?,
        get("received_direct")?,
        get("group_messages")?,
        get("first_at")?,
        get("last_at")?,
        get("characters")?,
    );
    let mut insert = tx.prepare_cached(
        "INSERT INTO tie_stats (member_id, person_id, sent, received, sent_direct, received_direct, group_messages, first_at, last_at, characters)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for i in 0..person.len() {
        insert.execute(params![
            member_id,
            person[i],
            sent[i],
            received[i],
            sent_direct[i],
            received_direct[i],
            group[i],
            first[i],
            last[i],
            characters[i]
        ])?;
    }
    Ok(())
}

/// The columns summed per person.
const SUMMED: [&str; 6] = [
    "sent",
    "received",
    "sent_direct",
    "received_direct",
    "group_messages",
    "characters",
];

/// Per person: messages sent and received (all, and one-to-one), group messages, first and
/// last, characters. Eager polars: the lazy engine would bring an HTTP and TLS stack with it.
fn aggregate(c: Columns) -> PolarsResult<DataFrame> {
    let weighted = |flags: &dyn Fn(usize) -> i64| -> Vec<i64> {
        (0..c.messages.len()).map(|i| flags(i) * c.messages[i]).collect()
    };
    let sent = weighted(&|i| c.outgoing[i]);
    let received = weighted(&|i| 1 - c.outgoing[i]);
    let sent_direct = weighted(&|i| c.outgoing[i] * (1 - c.group[i]));
    let received_direct = weighted(&|i| (1 - c.outgoing[i]) * (1 - c.group[i]));
    let group_messages = weighted(&|i| c.group[i]);
    let frame = df!(
        "person" => c.person,
        "sent" => sent,
        "received" => received,
        "sent_direct" => sent_direct,
        "received_direct" => received_direct,
        "group_messages" => group_messages,
        "characters" => c.length,
        "first" => c.first,
        "last" => c.last,
    )?;
    let groups = frame.group_by_stable(["person"])?;
    // The eager aggregations are marked deprecated in favour of the lazy engine, which kith
    // does not build (see Cargo.toml); they are the eager API's only aggregations.
    #[allow(deprecated)]
    let (mut sums, first, last) = (
        groups.clone().select(SUMMED).sum()?,
        groups.clone().select(["first"]).min()?,
        groups.select(["last"]).max()?,
    );
    for name in SUMMED {
        sums.rename(&format!("{name}_sum"), name.into())?;
    }
    let mut first_at = first.column("first_min")?.clone();
    first_at.rename("first_at".into());
    let mut last_at = last.column("last_max")?.clone();
    last_at.rename("last_at".into());
    sums.hstack(&[first_at, last_at])?
        .sort(["person"], SortMultipleOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregates_per_person() {
        let mut columns = Columns::default();
        columns.push(7, true, false, Run::one(100, 5));
        columns.push(7, false, false, Run::one(50, 6));
        columns.push(7, true, true, Run::one(300, 7));
        columns.push(9, true, true, Run::one(30, 8));
        // A run of two counts as two messages.
        let mut run = Run::one(40, 1);
        run.add(20, 2);
        columns.push(9, false, false, run);
        let out = aggregate(columns).unwrap();
        let col = |n: &str| {
            out.column(n)
                .unwrap()
                .i64()
                .unwrap()
                .iter()
                .map(|v| v.unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(col("person"), vec![7, 9]);
        assert_eq!(col("sent"), vec![2, 1]);
        assert_eq!(col("received"), vec![1, 2]);
        assert_eq!(col("sent_direct"), vec![1, 0]);
        assert_eq!(col("received_direct"), vec![1, 2]);
        assert_eq!(col("group_messages"), vec![1, 1]);
        assert_eq!(col("first_at"), vec![50, 20]);
        assert_eq!(col("last_at"), vec![300, 40]);
        assert_eq!(col("characters"), vec![18, 11]);
    }
}
