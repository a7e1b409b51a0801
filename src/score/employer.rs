//! Shared employers, inferred only with corroboration: the contact's current company (from
//! connections) or a past one (the old side of a job change seen between two exports) is one
//! of the member's employers (from `Positions.csv`), and the dates can overlap. A connection
//! date inside a tenure alone proves nothing: recruiters, clients and strangers connect
//! during every job.

use crate::ids::{MemberId, PersonId};
use chrono::NaiveDate;

use super::SharedEmployer;
use crate::hash::IdMap;
use crate::names::company_display;
use crate::resolve::company_key;
use crate::store::graph_data::{GraphData, JobChange, PositionRow};

/// One of a member's positions: company and dates (`end` `None` while current).
#[derive(Debug, Clone)]
pub(crate) struct Tenure {
    /// The company as prose names it (no legal form).
    pub company: String,
    /// Its [`company_key`].
    pub key: String,
    /// The first day of the position, when known.
    pub start: Option<NaiveDate>,
    /// The last day of the position; `None` while current.
    pub end: Option<NaiveDate>,
}

/// A time a contact is known to have been at a company. Bounds are what the exports show:
/// `None` is unknown (open), never "forever".
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stint {
    /// The company's [`company_key`].
    pub key: String,
    /// The first export that showed the contact there, when a job change says so.
    pub from: Option<NaiveDate>,
    /// The last export that still showed them there, when they have left.
    pub until: Option<NaiveDate>,
}

/// A stored partial date (`YYYY-MM` or `YYYY`) as the first or last day it covers.
fn partial(text: Option<&str>, end: bool) -> Option<NaiveDate> {
    let date = crate::linkedin::dates::parse_month(text?)?;
    if end {
        date.last_day()
    } else {
        date.first_day()
    }
}

impl Tenure {
    /// The tenure of one stored position.
    pub(crate) fn of(p: &PositionRow) -> Self {
        Tenure {
            company: company_display(p.company.trim()),
            key: company_key(&p.company),
            start: partial(p.started.as_deref(), false),
            end: p
                .finished
                .as_deref()
                .map(|f| partial(Some(f), true).unwrap_or(NaiveDate::MAX)),
        }
    }

    fn overlaps(&self, stint: &Stint) -> bool {
        let (start, end) = (self.start.unwrap_or(NaiveDate::MIN), self.end.unwrap_or(NaiveDate::MAX));
        let (from, until) = (
            stint.from.unwrap_or(NaiveDate::MIN),
            stint.until.unwrap_or(NaiveDate::MAX),
        );
        start <= until && from <= end
    }
}

/// The contact's known stints: the current company since the export that first showed it
/// (when a job change says so), and each company a job change shows them leaving, up to the
/// last export that still showed them there.
pub(crate) fn stints(current_key: &str, changes: &[&JobChange], key_of: &mut impl FnMut(&str) -> String) -> Vec<Stint> {
    let mut out = Vec::new();
    if !current_key.is_empty() {
        let joined = changes
            .iter()
            .filter(|c| key_of(&c.new_company) == current_key)
            .filter_map(|c| c.seen_on)
            .max();
        out.push(Stint {
            key: current_key.to_string(),
            from: joined,
            until: None,
        });
    }
    for change in changes {
        let key = key_of(&change.old_company);
        if !key.is_empty() {
            out.push(Stint {
                key,
                from: None,
                until: change.previous_seen_on.or(change.seen_on),
            });
        }
    }
    out
}

/// The employer a member and a contact share, if any tenure and stint match with dates that
/// can overlap; a current tenure first.
pub(crate) fn shared_employer(tenures: &[Tenure], stints: &[Stint]) -> Option<SharedEmployer> {
    let mut found: Option<&Tenure> = None;
    for t in tenures.iter().filter(|t| !t.key.is_empty()) {
        if stints.iter().any(|s| s.key == t.key && t.overlaps(s)) && found.is_none_or(|f| f.end.is_some()) {
            found = Some(t);
        }
    }
    found.map(|t| SharedEmployer {
        company: t.company.clone(),
        current: t.end.is_none(),
    })
}

/// Sets `shared_employer` on every tie of `data` from the members' positions and the
/// contacts' companies.
pub(crate) fn infer(data: &mut GraphData) {
    let mut tenures: IdMap<MemberId, Vec<Tenure>> = IdMap::default();
    for p in &data.positions {
        tenures.entry(p.member_id).or_default().push(Tenure::of(p));
    }
    if tenures.is_empty() {
        return;
    }
    let mut changes: IdMap<PersonId, Vec<&JobChange>> = IdMap::default();
    for c in &data.job_changes {
        changes.entry(c.person_id).or_default().push(c);
    }
    let mut keys = crate::resolve::CompanyKeys::default();
    let mut key_of = |name: &str| keys.key(name);
    let company: IdMap<PersonId, &str> = data.people.iter().map(|p| (p.id, p.company.as_str())).collect();
    let mut known: IdMap<PersonId, Vec<Stint>> = IdMap::default();
    for ((member, person), signals) in &mut data.ties {
        let Some(member_tenures) = tenures.get(member) else {
            continue;
        };
        let stints = known.entry(*person).or_insert_with(|| {
            let current = key_of(company.get(person).copied().unwrap_or(""));
            let list = changes.get(person).map_or(&[][..], Vec::as_slice);
            stints(&current, list, &mut key_of)
        });
        signals.shared_employer = shared_employer(member_tenures, stints);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn tenure(key: &str, start: &str, end: Option<&str>) -> Tenure {
        Tenure {
            company: key.to_string(),
            key: key.to_string(),
            start: Some(d(start)),
            end: end.map(d),
        }
    }

    #[test]
    fn company_and_overlapping_dates_are_both_needed() {
        let tenures = [
            tenure("acme", "2018-01-01", Some("2021-12-31")),
            tenure("initech", "2022-01-01", None),
        ];
        let at = |key: &str, from: Option<&str>, until: Option<&str>| Stint {
            key: key.into(),
            from: from.map(d),
            until: until.map(d),
        };
        // At Acme now, start unknown: could have overlapped.
        let colleague = shared_employer(&tenures, &[at("acme", None, None)]).unwrap();
        assert!(!colleague.current);
        // Joined Acme (seen first) after the owner left: not a colleague.
        assert_eq!(shared_employer(&tenures, &[at("acme", Some("2023-05-01"), None)]), None);
        // Left Acme before the owner joined.
        assert_eq!(shared_employer(&tenures, &[at("acme", None, Some("2017-06-01"))]), None);
        // A company the owner never worked at.
        assert_eq!(shared_employer(&tenures, &[at("globex", None, None)]), None);
        // The current employer wins.
        let both = shared_employer(&tenures, &[at("acme", None, None), at("initech", None, None)]).unwrap();
        assert!(both.current && both.company == "initech");
    }
}
