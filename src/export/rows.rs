//! Typed rows for every file kind except messages (see [`super::messages`]), each parsed by
//! header name. Optional columns that are missing read as empty.

use chrono::{NaiveDate, NaiveDateTime};

use super::dates::{parse_date, parse_datetime, parse_month, PartialDate};
use super::table::{Row, Table};
use super::{Reason, Rejects};
use crate::resolve::{display_name, normalise_email, normalise_url};

/// A row is malformed when it has fewer than half the header's cells and more than one: a
/// stray line, or a quote that swallowed the rest of a row. Malformed rows are rejected here.
fn malformed(table_width: usize, row: &Row<'_>, rejects: &mut Rejects<'_>) -> bool {
    let width = row.record.len();
    let bad = width > 0 && width * 2 < table_width.min(6) && !row.is_blank();
    if bad {
        rejects.push(row, Reason::Malformed, format!("{width} cells"));
    }
    bad
}

/// One row of `Connections.csv`.
#[derive(Debug, Clone)]
pub struct Connection {
    pub line: u64,
    pub name: String,
    /// The `First Name` cell as written ("María José"), for greetings; may be empty.
    pub given_name: String,
    pub url: Option<String>,
    pub email: Option<String>,
    pub company: String,
    pub position: String,
    pub connected_on: Option<NaiveDate>,
    /// The row as CSV, in case a later step rejects it.
    pub raw: String,
}

/// Non-fatal remarks about kept rows (shown in the summary, not counted as skipped).
#[derive(Debug, Default, Clone)]
pub struct Notes {
    pub undated: usize,
}

/// Parses `Connections.csv` (every era). Blank rows are rejected; a row whose date cannot be
/// read is kept without a date (the person is real) and noted.
pub fn connections(table: &mut Table<'_>, rejects: &mut Rejects<'_>, notes: &mut Notes) -> Vec<Connection> {
    let first = table.column("first name");
    let last = table.column("last name");
    let url = table.column_any(&["url", "profile url"]);
    let email = table.column_any(&["email address", "email"]);
    let company = table.column("company");
    let position = table.column("position");
    let connected = table.column("connected on");
    let width = table.columns.len();
    let mut out = Vec::new();
    table.for_each_row(|row| {
        if malformed(width, &row, rejects) {
            return;
        }
        let url_value = normalise_url(row.get(url));
        let email_value = normalise_email(row.get(email));
        let mut name = display_name(row.get(first), row.get(last));
        if name.is_empty() {
            if url_value.is_none() && email_value.is_none() {
                rejects.push(&row, Reason::BlankRow, "");
                return;
            }
            name = url_value
                .as_deref()
                .map(crate::resolve::name_from_url)
                .unwrap_or_default();
        }
        let date_text = row.get(connected);
        let connected_on = parse_date(date_text);
        if connected_on.is_none() && !date_text.is_empty() {
            notes.undated += 1;
        }
        out.push(Connection {
            line: row.line,
            given_name: row.get(first).split_whitespace().collect::<Vec<_>>().join(" "),
            name,
            url: url_value,
            email: email_value,
            company: row.get(company).to_string(),
            position: row.get(position).to_string(),
            connected_on,
            raw: row.to_csv_line(),
        });
    });
    out
}

/// One row of `Invitations.csv`.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub line: u64,
    pub from: String,
    pub to: String,
    pub from_url: Option<String>,
    pub to_url: Option<String>,
    pub sent_at: NaiveDateTime,
    /// `Some(true)` outgoing, `Some(false)` incoming, `None` when the file does not say.
    pub outgoing: Option<bool>,
    pub message: String,
    pub raw: String,
}

/// Parses `Invitations.csv` (classic, URN and URL variants).
pub fn invitations(table: &mut Table<'_>, rejects: &mut Rejects<'_>) -> Vec<Invitation> {
    let from = table.column("from");
    let to = table.column("to");
    let sent = table.column("sent at");
    let message = table.column("message");
    let direction = table.column("direction");
    let from_url = table.column("inviterprofileurl");
    let to_url = table.column("inviteeprofileurl");
    let width = table.columns.len();
    let mut out = Vec::new();
    table.for_each_row(|row| {
        if malformed(width, &row, rejects) {
            return;
        }
        let Some(sent_at) = parse_datetime(row.get(sent)) else {
            rejects.push(&row, Reason::BadDate, row.get(sent).to_string());
            return;
        };
        let outgoing = match row.get(direction).to_ascii_uppercase().as_str() {
            "OUTGOING" | "SENT" => Some(true),
            "INCOMING" | "RECEIVED" => Some(false),
            _ => None,
        };
        out.push(Invitation {
            line: row.line,
            from: row.get(from).to_string(),
            to: row.get(to).to_string(),
            from_url: normalise_url(row.get(from_url)),
            to_url: normalise_url(row.get(to_url)),
            sent_at,
            outgoing,
            message: row.get(message).to_string(),
            raw: row.to_csv_line(),
        });
    });
    out
}

/// One endorsement, received or given.
#[derive(Debug, Clone)]
pub struct Endorsement {
    pub line: u64,
    /// The other person: the endorser (received) or the endorsee (given).
    pub name: String,
    pub url: Option<String>,
    pub skill: String,
    pub date: Option<NaiveDateTime>,
    pub status: String,
    /// The row as CSV, in case a later step rejects it.
    pub raw: String,
}

/// Parses `Endorsement_Received_Info.csv`, `Endorsement_Given_Info.csv` and the legacy
/// UTF-16 `Endorsement Received Info.csv`.
pub fn endorsements(table: &mut Table<'_>, given: bool, rejects: &mut Rejects<'_>) -> Vec<Endorsement> {
    let role = if given { "endorsee" } else { "endorser" };
    let first = table.column(&format!("{role} first name"));
    let last = table.column(&format!("{role} last name"));
    let url = table.column_any(&[
        &format!("{role} public url"),
        &format!("{role} profile url"),
        &format!("{role} url"),
    ]);
    let skill = table.column("skill name");
    let date = table.column("endorsement date");
    let status = table.column("endorsement status");
    let width = table.columns.len();
    let mut out = Vec::new();
    table.for_each_row(|row| {
        if malformed(width, &row, rejects) {
            return;
        }
        let name = display_name(row.get(first), row.get(last));
        let url_value = normalise_url(row.get(url));
        if name.is_empty() && url_value.is_none() {
            rejects.push(&row, Reason::NoPerson, "");
            return;
        }
        let date_text = row.get(date);
        let parsed = parse_datetime(date_text);
        if parsed.is_none() && !date_text.is_empty() {
            rejects.push(&row, Reason::BadDate, date_text.to_string());
            return;
        }
        out.push(Endorsement {
            line: row.line,
            name,
            url: url_value,
            skill: row.get(skill).to_string(),
            date: parsed,
            status: row.get(status).to_string(),
            raw: row.to_csv_line(),
        });
    });
    out
}

/// One recommendation, received or given. The file has no URL: the person is matched by name
/// and company.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub line: u64,
    pub name: String,
    pub company: String,
    pub job_title: String,
    pub text: String,
    pub created: Option<NaiveDateTime>,
    pub status: String,
    /// The row as CSV, in case a later step rejects it.
    pub raw: String,
}

/// Parses `Recommendations_Received.csv` / `Recommendations_Given.csv`.
pub fn recommendations(table: &mut Table<'_>, rejects: &mut Rejects<'_>) -> Vec<Recommendation> {
    let first = table.column("first name");
    let last = table.column("last name");
    let company = table.column("company");
    let title = table.column("job title");
    let text = table.column("text");
    let created = table.column("creation date");
    let status = table.column("status");
    let width = table.columns.len();
    let mut out = Vec::new();
    table.for_each_row(|row| {
        if malformed(width, &row, rejects) {
            return;
        }
        let name = display_name(row.get(first), row.get(last));
        if name.is_empty() {
            rejects.push(&row, Reason::NoPerson, "");
            return;
        }
        let date_text = row.get(created);
        let parsed = parse_datetime(date_text);
        if parsed.is_none() && !date_text.is_empty() {
            rejects.push(&row, Reason::BadDate, date_text.to_string());
            return;
        }
        out.push(Recommendation {
            line: row.line,
            name,
            company: row.get(company).to_string(),
            job_title: row.get(title).to_string(),
            text: row.raw(text).to_string(),
            created: parsed,
            status: row.get(status).to_string(),
            raw: row.to_csv_line(),
        });
    });
    out
}

/// One of the owner's positions.
#[derive(Debug, Clone)]
pub struct Position {
    pub company: String,
    pub title: String,
    pub location: String,
    pub started: Option<PartialDate>,
    /// `None` means current.
    pub finished: Option<PartialDate>,
}

/// Parses `Positions.csv`.
pub fn positions(table: &mut Table<'_>, rejects: &mut Rejects<'_>) -> Vec<Position> {
    let company = table.column("company name");
    let title = table.column("title");
    let location = table.column("location");
    let started = table.column("started on");
    let finished = table.column("finished on");
    let mut out = Vec::new();
    table.for_each_row(|row| {
        let company_name = row.get(company).to_string();
        if company_name.is_empty() && row.get(title).is_empty() {
            rejects.push(&row, Reason::BlankRow, "");
            return;
        }
        let (start_text, end_text) = (row.get(started), row.get(finished));
        let (start, end) = (parse_month(start_text), parse_month(end_text));
        if (start.is_none() && !start_text.is_empty()) || (end.is_none() && !end_text.is_empty()) {
            rejects.push(&row, Reason::BadDate, format!("{start_text} – {end_text}"));
            return;
        }
        out.push(Position {
            company: company_name,
            title: row.get(title).to_string(),
            location: row.get(location).to_string(),
            started: start,
            finished: end,
        });
    });
    out
}

/// The owner's profile: the first data row of `Profile.csv`.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub name: String,
    pub headline: String,
    pub industry: String,
    pub location: String,
}

/// Parses `Profile.csv` (13 or 15 columns).
pub fn profile(table: &mut Table<'_>) -> Option<Profile> {
    let first = table.column("first name");
    let last = table.column("last name");
    let headline = table.column("headline");
    let industry = table.column("industry");
    let location = table.column_any(&["geo location", "location"]);
    let mut found = None;
    table.for_each_row(|row| {
        if found.is_none() {
            let name = display_name(row.get(first), row.get(last));
            if !name.is_empty() {
                found = Some(Profile {
                    name,
                    headline: row.get(headline).to_string(),
                    industry: row.get(industry).to_string(),
                    location: row.get(location).to_string(),
                });
            }
        }
    });
    found
}

/// One school.
#[derive(Debug, Clone)]
pub struct School {
    pub school: String,
    pub degree: String,
    pub started: Option<PartialDate>,
    pub finished: Option<PartialDate>,
}

/// Parses `Education.csv`.
pub fn education(table: &mut Table<'_>, rejects: &mut Rejects<'_>) -> Vec<School> {
    let school = table.column("school name");
    let degree = table.column("degree name");
    let start = table.column("start date");
    let end = table.column("end date");
    let mut out = Vec::new();
    table.for_each_row(|row| {
        let name = row.get(school).to_string();
        if name.is_empty() {
            rejects.push(&row, Reason::BlankRow, "");
            return;
        }
        out.push(School {
            school: name,
            degree: row.get(degree).to_string(),
            started: parse_month(row.get(start)),
            finished: parse_month(row.get(end)),
        });
    });
    out
}

/// One followed company.
#[derive(Debug, Clone)]
pub struct Follow {
    pub organization: String,
    pub followed_on: Option<NaiveDateTime>,
}

/// Parses `Company Follows.csv`.
pub fn follows(table: &mut Table<'_>, rejects: &mut Rejects<'_>) -> Vec<Follow> {
    let organization = table.column("organization");
    let followed = table.column("followed on");
    let mut out = Vec::new();
    table.for_each_row(|row| {
        let name = row.get(organization).to_string();
        if name.is_empty() {
            rejects.push(&row, Reason::BlankRow, "");
            return;
        }
        out.push(Follow {
            organization: name,
            followed_on: parse_datetime(row.get(followed)),
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::decode::Encoding;
    use crate::export::table::{open, Recognised};

    fn table(text: &str) -> Table<'_> {
        match open("Connections.csv", text, Encoding::Utf8) {
            Recognised::Table(t) => t,
            Recognised::Unused(why) => panic!("{why}"),
        }
    }

    #[test]
    fn connections_with_quirks() {
        let text = "Notes:\n\"Some e-mail addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Tamara,\"Hafner, PhD\",https://www.linkedin.com/in/tamara-hafner,,\"Aetna, a CVS Health Company\",Nurse,04 Jul 2023\n\
,,,,,,25 Feb 2026\n\
 Matt ,Graham 👨‍💻,https://www.linkedin.com/in/matt-g,NA,NA,NA,9-Sep-22\n\
Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,31/31/24";
        let mut t = table(text);
        let mut rejects = Rejects::new("Connections.csv");
        let mut notes = Notes::default();
        let rows = connections(&mut t, &mut rejects, &mut notes);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].name, "Tamara Hafner, PhD");
        assert_eq!(rows[0].company, "Aetna, a CVS Health Company");
        assert_eq!(rows[0].line, 5);
        assert_eq!(rows[1].name, "Matt Graham 👨‍💻");
        assert_eq!(rows[1].company, "");
        assert_eq!(rows[1].connected_on, NaiveDate::from_ymd_opt(2022, 9, 9));
        assert_eq!(rows[2].connected_on, None);
        assert_eq!(notes.undated, 1);
        assert_eq!(rejects.list.len(), 1);
        assert_eq!((rejects.list[0].line, rejects.list[0].reason), (6, Reason::BlankRow));
    }
}
