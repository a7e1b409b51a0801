//! Typed rows for every file kind except messages (see [`super::messages`]), each parsed by
//! header name. Optional columns that are missing read as empty.

use chrono::{NaiveDate, NaiveDateTime};

use super::dates::{parse_month, DateColumn, PartialDate};
use super::realign::{date_fit, for_each_aligned, malformed, merged_cell};
use super::table::{
    Cells, Row, Table, CONNECTED_COLUMNS, FIRST_NAME_COLUMNS, FULL_NAME_COLUMNS, LAST_NAME_COLUMNS, SENT_COLUMNS,
    URL_COLUMNS,
};
use super::{Reason, Rejects};
use crate::resolve::{display_name, is_hidden_name, normalise_email, normalise_url};

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
    /// Rows whose date could not be read, kept without one.
    pub undated: usize,
    /// Rows one or more cells too long (a comma left unquoted by an Excel re-save), put back
    /// together.
    pub realigned: usize,
    /// The file has no date column at all (the pre-2016 Outlook export, edited files).
    pub no_date_column: bool,
    /// The first unreadable date kept without one: its line and text.
    pub first_undated: Option<(u64, String)>,
}

/// Where each field of a connection is in a file, however it is laid out.
struct ConnectionColumns {
    first: Option<usize>,
    middle: Option<usize>,
    last: Option<usize>,
    /// A single `Name` column, used when there is no first or last name.
    full: Option<usize>,
    url: Option<usize>,
    email: Option<usize>,
    company: Option<usize>,
    position: Option<usize>,
    connected: Option<usize>,
}

impl ConnectionColumns {
    fn of(table: &Table<'_>) -> Self {
        let first = table.column_any(&FIRST_NAME_COLUMNS);
        let last = table.column_any(&LAST_NAME_COLUMNS);
        ConnectionColumns {
            first,
            middle: table.column_any(&["middle name", "middle"]),
            last,
            full: if first.is_none() && last.is_none() {
                table.column_any(&FULL_NAME_COLUMNS)
            } else {
                None
            },
            url: table.column_any(&URL_COLUMNS),
            email: table.column_any(&["email address", "email", "e-mail"]),
            company: table.column_any(&["company", "company name", "current company"]),
            // `Title` is the job title unless the file also has one (Outlook's `Title` is
            // "Mr." or "Dr.").
            position: table.column_any(&["position", "job title", "title"]),
            connected: table.column_any(&CONNECTED_COLUMNS),
        }
    }

    /// The columns holding free text, where an unquoted comma can split a value.
    fn text(&self) -> [Option<usize>; 6] {
        [
            self.first,
            self.middle,
            self.last,
            self.full,
            self.company,
            self.position,
        ]
    }

    /// How well a row's cells fit these columns: a date where the date is, a URL where the
    /// URL is, an address where the e-mail is.
    fn fit(&self, cells: &[String], dates: DateColumn) -> i32 {
        let url = merged_cell(cells, self.url);
        let url_fits = if url.is_empty() || normalise_url(url).is_some() {
            2
        } else {
            -3
        };
        let email = merged_cell(cells, self.email);
        let email_fits = if email.is_empty() || email.contains('@') { 1 } else { -2 };
        date_fit(dates, merged_cell(cells, self.connected)) + url_fits + email_fits
    }
}

/// True when a name has no letter in it: anonymised to a number (`10234`).
fn is_number_only(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(char::is_alphabetic)
}

/// Parses a connections file: every LinkedIn layout, the pre-2016 Outlook export, and files
/// edited by hand (columns dropped, renamed or reordered, one `Name` column, no header).
/// Blank rows are rejected; a row whose date cannot be read is kept without a date (the
/// person is real) and noted.
pub fn connections(table: &mut Table<'_>, rejects: &mut Rejects<'_>, notes: &mut Notes) -> Vec<Connection> {
    let c = ConnectionColumns::of(table);
    let dates = table.date_column(c.connected);
    notes.no_date_column = c.connected.is_none();
    let mut out = Vec::new();
    let fit = |cells: &[String]| c.fit(cells, dates);
    let text_columns = c.text();
    for_each_aligned(
        table,
        rejects,
        &mut notes.realigned,
        &text_columns,
        &fit,
        |row, rejects| {
            let url_value = normalise_url(row.get(c.url));
            let email_value = normalise_email(row.get(c.email));
            let mut name = match c.full {
                Some(_) => row.get(c.full).split_whitespace().collect::<Vec<_>>().join(" "),
                None => display_name(&display_name(row.get(c.first), row.get(c.middle)), row.get(c.last)),
            };
            let given = if is_hidden_name(&name) { "" } else { row.get(c.first) };
            let unknown = url_value.is_none() && email_value.is_none();
            if is_hidden_name(&name) {
                if unknown {
                    rejects.push(&row, Reason::HiddenName, "");
                    return;
                }
                name.clear();
            }
            if is_number_only(&name) {
                if unknown {
                    rejects.push(&row, Reason::Anonymised, name);
                    return;
                }
                name.clear();
            }
            if name.is_empty() {
                if unknown {
                    match row.get(c.url) {
                        "" => rejects.push(&row, Reason::BlankRow, ""),
                        url => rejects.push(&row, Reason::NoPerson, format!("a URL without a profile: {url}")),
                    }
                    return;
                }
                name = match (&url_value, &email_value) {
                    (Some(url), _) => crate::resolve::name_from_url(url),
                    (None, Some(email)) => crate::resolve::name_from_email(email),
                    (None, None) => String::new(),
                };
            }
            let date_text = row.get(c.connected);
            let connected_on = dates.date(date_text);
            if connected_on.is_none() && !date_text.is_empty() {
                notes.undated += 1;
                notes
                    .first_undated
                    .get_or_insert_with(|| (row.line, date_text.to_string()));
            }
            out.push(Connection {
                line: row.line,
                given_name: if is_number_only(given) {
                    String::new()
                } else {
                    given.split_whitespace().collect::<Vec<_>>().join(" ")
                },
                name,
                url: url_value,
                email: email_value,
                company: row.get(c.company).to_string(),
                position: row.get(c.position).to_string(),
                connected_on,
                raw: row.to_csv_line(),
            });
        },
    );
    out
}

/// A date cell that may be empty: `Some(None)` when it is, `Some(date)` when it reads, and
/// `None` (the row rejected as `bad-date`) when it does not.
#[allow(clippy::option_option)] // three outcomes, as above
fn optional_datetime(
    row: &Row<'_>,
    column: Option<usize>,
    dates: DateColumn,
    rejects: &mut Rejects<'_>,
) -> Option<Option<NaiveDateTime>> {
    let text = row.get(column);
    match dates.datetime(text) {
        Some(date) => Some(Some(date)),
        None if text.is_empty() => Some(None),
        None => {
            rejects.push(row, Reason::BadDate, text.to_string());
            None
        }
    }
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
pub fn invitations(table: &mut Table<'_>, rejects: &mut Rejects<'_>, notes: &mut Notes) -> Vec<Invitation> {
    let from = table.column("from");
    let to = table.column("to");
    let sent = table.column_any(&SENT_COLUMNS);
    let message = table.column("message");
    let direction = table.column("direction");
    let from_url = table.column("inviterprofileurl");
    let to_url = table.column("inviteeprofileurl");
    let sent_dates = table.date_column(sent);
    let mut out = Vec::new();
    // An unquoted comma most often splits the date ("6/17/23, 6:18 AM").
    let fit = |cells: &[String]| {
        let direction = merged_cell(cells, direction).to_ascii_uppercase();
        let direction_fits = if ["OUTGOING", "INCOMING", "SENT", "RECEIVED", ""].contains(&direction.as_str()) {
            2
        } else {
            -3
        };
        date_fit(sent_dates, merged_cell(cells, sent)) + direction_fits
    };
    for_each_aligned(
        table,
        rejects,
        &mut notes.realigned,
        &[from, to, sent, message],
        &fit,
        |row, rejects| {
            let Some(sent_at) = sent_dates.datetime(row.get(sent)) else {
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
        },
    );
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
    let dates = table.date_column(date);
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
        let Some(parsed) = optional_datetime(&row, date, dates, rejects) else {
            return;
        };
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
pub fn recommendations(table: &mut Table<'_>, rejects: &mut Rejects<'_>, notes: &mut Notes) -> Vec<Recommendation> {
    let first = table.column("first name");
    let last = table.column("last name");
    let company = table.column("company");
    let title = table.column("job title");
    let text = table.column("text");
    let created = table.column("creation date");
    let status = table.column("status");
    let dates = table.date_column(created);
    let mut out = Vec::new();
    let fit = |cells: &[String]| {
        let status = merged_cell(cells, status).to_ascii_uppercase();
        let status_fits = if ["VISIBLE", "HIDDEN", "PENDING", ""].contains(&status.as_str()) {
            2
        } else {
            -3
        };
        date_fit(dates, merged_cell(cells, created)) + status_fits
    };
    let text_columns = [first, last, company, title, text, created];
    for_each_aligned(
        table,
        rejects,
        &mut notes.realigned,
        &text_columns,
        &fit,
        |row, rejects| {
            let name = display_name(row.get(first), row.get(last));
            if name.is_empty() {
                rejects.push(&row, Reason::NoPerson, "");
                return;
            }
            let Some(parsed) = optional_datetime(&row, created, dates, rejects) else {
                return;
            };
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
        },
    );
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
    let dates = table.date_column(followed);
    let mut out = Vec::new();
    table.for_each_row(|row| {
        let name = row.get(organization).to_string();
        if name.is_empty() {
            rejects.push(&row, Reason::BlankRow, "");
            return;
        }
        out.push(Follow {
            organization: name,
            followed_on: dates.datetime(row.get(followed)),
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linkedin::decode::Encoding;
    use crate::linkedin::realign::{realign, Overflow};
    use crate::linkedin::table::{open, Recognised};

    fn table(text: &str) -> Table<'_> {
        match open("Connections.csv", text, Encoding::Utf8) {
            Recognised::Table(t) => *t,
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

    #[test]
    fn over_long_rows_are_joined_where_they_fit() {
        let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Rita,Alves,https://www.linkedin.com/in/rita,,Aetna, a CVS Health Company,Nurse,04 Jul 2023\n\
Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,04 Jul 2023,extra,cells,here,and,more\n";
        let mut t = table(text);
        let mut rejects = Rejects::new("Connections.csv");
        let mut notes = Notes::default();
        let rows = connections(&mut t, &mut rejects, &mut notes);
        assert_eq!(rows[0].company, "Aetna, a CVS Health Company");
        assert_eq!(rows[0].connected_on, NaiveDate::from_ymd_opt(2023, 7, 4));
        // Five cells too many is not a stray comma: the row cannot be put back.
        assert_eq!(rows.len(), 1);
        assert_eq!(rejects.list[0].reason, Reason::Malformed);
        assert_eq!(notes.realigned, 1);
        // A wide row has too many ways to join and is left alone.
        let wide = csv::StringRecord::from(vec!["x"; 63]);
        let text = [Some(1), Some(3), Some(29), Some(31)];
        assert!(matches!(realign(&wide, 60, b',', &text, &|_| 0), Overflow::Unknown));
        // A row thousands of cells too long is simply too long.
        let huge = csv::StringRecord::from(vec!["x"; 5000]);
        assert!(matches!(realign(&huge, 7, b',', &text, &|_| 0), Overflow::Unknown));
        // Empty cells past the header are padding.
        let padded = csv::StringRecord::from(vec!["a", "b", "", ""]);
        assert!(matches!(realign(&padded, 2, b',', &text, &|_| 0), Overflow::Padding));
    }
}
