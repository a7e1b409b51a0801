//! Which person each row of one `Connections.csv` is.
//!
//! LinkedIn never lists one connection twice, so two rows of one file are never merged by name:
//! only the same profile URL, or a row identical to an earlier one (name, URL, e-mail, company,
//! position, date), is a duplicate. Every other row is its own person, matched to someone
//! already known (earlier imports, other members) but never to someone another row of the same
//! file took: by URL, then e-mail, then name. When the name has namesakes, they are told apart
//! by what the member's earlier export said of them: the connection date (which does not
//! change), company and position. What cannot be told apart becomes a new person.

use std::collections::{HashMap, HashSet};

use crate::linkedin::rows::Connection;
use crate::resolve::{company_key, full_name_key, Identity, Person, Resolver};

/// What an earlier import of the same member said of one connection.
#[derive(Debug, Clone, Default)]
pub(crate) struct Earlier {
    pub company: String,
    /// [`company_key`] of `company`, computed once.
    pub company_key: String,
    pub position: String,
    /// `YYYY-MM-DD`, as stored.
    pub connected_on: Option<String>,
    /// The export date of that snapshot.
    pub seen_on: Option<String>,
}

/// What a row of the file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// This person (matched or newly created).
    Person(i64),
    /// The same profile URL as an earlier row, or an identical row.
    Duplicate,
}

/// A row with what it says about its person.
pub(crate) struct Row<'a> {
    pub connection: &'a Connection,
    pub identity: Identity,
}

/// Evidence that a namesake candidate is the person of a row, strongest first. Each level is
/// tried on every row before the next, and a candidate two rows point to is given to neither,
/// so the order of rows does not decide who is who.
#[derive(Debug, Clone, Copy)]
enum Level {
    /// Same connection date, company and position as the member's earlier export.
    SameConnection,
    /// Same connection date: a connection keeps its date while jobs change.
    SameDate,
    /// Same company (earlier connection or the person's current one).
    SameCompany,
    /// The name's only candidate in the workspace (a name without namesakes).
    OnlyCandidate,
    /// The last of the member's earlier connections of this name, for the last row of it.
    LastOfTheMember,
}

const LEVELS: [Level; 5] = [
    Level::SameConnection,
    Level::SameDate,
    Level::SameCompany,
    Level::OnlyCandidate,
    Level::LastOfTheMember,
];

/// Decides every row of one file; creates people for rows that match nobody.
///
/// `earlier` holds the member's stored connections by person; `member_person` (the member
/// themself) is never a candidate. Returns one verdict per row, in order.
pub(crate) fn match_rows(
    resolver: &mut Resolver,
    earlier: &HashMap<i64, Earlier>,
    member_person: i64,
    rows: &[Row<'_>],
) -> Vec<Verdict> {
    let facts: Vec<Facts> = rows.iter().map(Facts::of).collect();
    let mut verdicts = duplicates(rows, &facts);
    let mut claimed: HashSet<i64> = HashSet::from([member_person]);
    for (row, verdict) in rows.iter().zip(verdicts.iter_mut()) {
        if verdict.is_none() {
            *verdict = by_url_or_email(resolver, &row.identity)
                .filter(|&id| claimed.insert(id))
                .map(Verdict::Person);
        }
    }
    for level in LEVELS {
        let proposals = propose(level, resolver, earlier, &claimed, rows, &facts, &verdicts);
        let mut wanted: HashMap<i64, usize> = HashMap::new();
        for &(_, id) in &proposals {
            *wanted.entry(id).or_default() += 1;
        }
        // A candidate that two rows point to at this level is left to stronger evidence
        // below, or to nobody.
        for (index, id) in proposals {
            if wanted[&id] == 1 {
                claimed.insert(id);
                verdicts[index] = Some(Verdict::Person(id));
            }
        }
    }
    rows.iter()
        .zip(verdicts)
        .map(|(row, verdict)| match verdict {
            Some(Verdict::Person(id)) => {
                resolver.attach(id, &row.identity);
                Verdict::Person(id)
            }
            Some(Verdict::Duplicate) => Verdict::Duplicate,
            None => Verdict::Person(resolver.create(&row.identity)),
        })
        .collect()
}

/// For every undecided row, the one free candidate that `level`'s evidence points to.
fn propose(
    level: Level,
    resolver: &Resolver,
    earlier: &HashMap<i64, Earlier>,
    claimed: &HashSet<i64>,
    rows: &[Row<'_>],
    facts: &[Facts],
    verdicts: &[Option<Verdict>],
) -> Vec<(usize, i64)> {
    let open = open_rows_by_name(verdicts, facts);
    let undecided = (0..rows.len()).filter(|&i| verdicts[i].is_none() && !facts[i].name.is_empty());
    undecided
        .filter_map(|index| {
            let namesakes = Namesakes {
                resolver,
                earlier,
                claimed,
                row: &rows[index],
                facts: &facts[index],
            };
            let found = match level {
                Level::LastOfTheMember if open.get(facts[index].name.as_str()) != Some(&1) => None,
                Level::LastOfTheMember => namesakes.last_of_the_member(),
                _ => namesakes.single(level),
            };
            found.map(|id| (index, id))
        })
        .collect()
}

/// A row's keys, computed once: they are compared many times.
struct Facts {
    /// [`full_name_key`] of the name.
    name: String,
    /// [`company_key`] of the company.
    company: String,
    /// The connection date as stored (`YYYY-MM-DD`).
    connected_on: Option<String>,
}

impl Facts {
    fn of(row: &Row<'_>) -> Self {
        let c = row.connection;
        Facts {
            name: full_name_key(&row.identity.name),
            company: company_key(&c.company),
            connected_on: c.connected_on.map(|d| d.to_string()),
        }
    }
}

/// How many rows of each name are still undecided.
fn open_rows_by_name<'k>(verdicts: &[Option<Verdict>], facts: &'k [Facts]) -> HashMap<&'k str, usize> {
    let mut open = HashMap::new();
    for (verdict, facts) in verdicts.iter().zip(facts) {
        if verdict.is_none() {
            *open.entry(facts.name.as_str()).or_default() += 1;
        }
    }
    open
}

/// Rows that repeat an earlier row's URL, or the whole of an earlier row.
fn duplicates(rows: &[Row<'_>], facts: &[Facts]) -> Vec<Option<Verdict>> {
    let mut urls = HashSet::new();
    let mut whole = HashSet::new();
    rows.iter()
        .zip(facts)
        .map(|(row, facts)| {
            let c = row.connection;
            let same_url = row.identity.url.as_deref().is_some_and(|u| !urls.insert(u));
            let same_row = !whole.insert((
                facts.name.as_str(),
                c.url.as_deref(),
                c.email.as_deref(),
                c.company.trim(),
                c.position.trim(),
                c.connected_on,
            ));
            (same_url || same_row).then_some(Verdict::Duplicate)
        })
        .collect()
}

/// The person this URL (or else this e-mail) already belongs to. An e-mail names the person
/// unless both have URLs, which then differ.
fn by_url_or_email(resolver: &Resolver, identity: &Identity) -> Option<i64> {
    if let Some(id) = identity.url.as_deref().and_then(|u| resolver.find_url(u)) {
        return Some(id);
    }
    let id = identity.email.as_deref().and_then(|e| resolver.find_email(e))?;
    let person = resolver.get(id)?;
    (identity.url.is_none() || person.url.is_none()).then_some(id)
}

/// The namesakes of one row, and what is known of them.
struct Namesakes<'a> {
    resolver: &'a Resolver,
    earlier: &'a HashMap<i64, Earlier>,
    claimed: &'a HashSet<i64>,
    row: &'a Row<'a>,
    facts: &'a Facts,
}

impl Namesakes<'_> {
    /// People of this name who could be this row's person, claimed or not: a different URL
    /// or a different e-mail says they are someone else.
    fn compatible(&self) -> Vec<&Person> {
        let identity = &self.row.identity;
        self.resolver
            .find_name(&self.facts.name)
            .into_iter()
            .filter_map(|id| self.resolver.get(id))
            .filter(|p| identity.url.is_none() || p.url.is_none())
            .filter(|p| match (&identity.email, &p.email) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            })
            // A connection keeps its date: one this member made on another day is someone else.
            .filter(|p| {
                match (
                    &self.facts.connected_on,
                    self.earlier.get(&p.id).and_then(|e| e.connected_on.as_ref()),
                ) {
                    (Some(now), Some(before)) => now == before,
                    _ => true,
                }
            })
            .collect()
    }

    fn free(&self) -> Vec<&Person> {
        let mut free = self.compatible();
        free.retain(|p| !self.claimed.contains(&p.id));
        free
    }

    /// The one free candidate that `level`'s evidence points to.
    fn single(&self, level: Level) -> Option<i64> {
        if let Level::OnlyCandidate = level {
            return match (self.compatible().as_slice(), self.free().as_slice()) {
                ([_], [only]) => Some(only.id),
                _ => None,
            };
        }
        let fits: Vec<i64> = self
            .free()
            .into_iter()
            .filter(|p| self.fits(level, p))
            .map(|p| p.id)
            .collect();
        match fits.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    fn fits(&self, level: Level, person: &Person) -> bool {
        let c = self.row.connection;
        let before = self.earlier.get(&person.id);
        let facts = self.facts;
        let same_date = before.is_some_and(|b| facts.connected_on.is_some() && b.connected_on == facts.connected_on);
        let same_company = !facts.company.is_empty()
            && (before.is_some_and(|b| b.company_key == facts.company)
                || person.company_key.as_deref() == Some(facts.company.as_str()));
        match level {
            Level::SameConnection => {
                same_date && same_company && before.is_some_and(|b| b.position.trim() == c.position.trim())
            }
            Level::SameDate => same_date,
            Level::SameCompany => same_company,
            Level::OnlyCandidate | Level::LastOfTheMember => false,
        }
    }

    /// The only free candidate who was the member's connection before.
    fn last_of_the_member(&self) -> Option<i64> {
        let theirs: Vec<i64> = self
            .free()
            .into_iter()
            .filter(|p| self.earlier.contains_key(&p.id))
            .map(|p| p.id)
            .collect();
        match theirs.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn connection(line: u64, name: &str, company: &str, day: u32) -> Connection {
        Connection {
            line,
            name: name.to_string(),
            given_name: name.split(' ').next().unwrap_or_default().to_string(),
            url: None,
            email: None,
            company: company.to_string(),
            position: "Engineer".to_string(),
            connected_on: NaiveDate::from_ymd_opt(2018, 1, day),
            raw: String::new(),
        }
    }

    fn rows(connections: &[Connection]) -> Vec<Row<'_>> {
        connections
            .iter()
            .map(|c| Row {
                connection: c,
                identity: Identity {
                    company: Some(c.company.clone()),
                    ..Identity::named(&c.name, "")
                },
            })
            .collect()
    }

    fn person(id: i64, company: &str) -> Person {
        Person {
            id,
            name: "John Smith".into(),
            name_key: "john smith".into(),
            url: None,
            email: None,
            company_key: Some(company_key(company)),
            loose: false,
            dirty: false,
            created: false,
        }
    }

    #[test]
    fn namesakes_of_one_file_are_never_merged() {
        let mut resolver = Resolver::new(10);
        let file = [
            connection(2, "John Smith", "Acme", 8),
            connection(3, "John Smith", "Globex", 9),
            connection(4, "John Smith", "Acme", 8),
        ];
        let verdicts = match_rows(&mut resolver, &HashMap::new(), 1, &rows(&file));
        assert_eq!(verdicts[2], Verdict::Duplicate);
        assert!(matches!((verdicts[0], verdicts[1]), (Verdict::Person(a), Verdict::Person(b)) if a != b));
    }

    #[test]
    fn namesakes_are_found_again_whatever_the_order_of_rows() {
        let mut resolver = Resolver::new(10);
        resolver.load(person(2, "Acme"));
        resolver.load(person(3, "Globex"));
        let earlier = HashMap::from([
            (
                2,
                Earlier {
                    company: "Acme".into(),
                    company_key: "acme".into(),
                    position: "Engineer".into(),
                    connected_on: Some("2018-01-08".into()),
                    seen_on: None,
                },
            ),
            (
                3,
                Earlier {
                    company: "Globex".into(),
                    company_key: "globex".into(),
                    position: "Engineer".into(),
                    connected_on: Some("2018-01-09".into()),
                    seen_on: None,
                },
            ),
        ]);
        // The Globex one moved to Acme and comes first; the date still tells them apart.
        let file = [
            connection(2, "John Smith", "Acme", 9),
            connection(3, "John Smith", "Acme", 8),
        ];
        let verdicts = match_rows(&mut resolver, &earlier, 1, &rows(&file));
        assert_eq!(verdicts, [Verdict::Person(3), Verdict::Person(2)]);
    }
}
