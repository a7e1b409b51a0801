//! Every date format a LinkedIn export (or an Excel re-save of one) uses, in one place.
//!
//! Exports are written in UTC with English month names whatever the member's language.
//! `parse_datetime` accepts every full-date format in the format doc; `parse_month`
//! accepts the partial dates of `Positions.csv` and `Education.csv`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A date with its precision, as written in `Positions.csv` (`Jun 2018`, `2016`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: i32,
    /// 1..=12 when the month is known.
    pub month: Option<u32>,
}

impl PartialDate {
    /// The first day the date covers (`Jun 2018` → 2018-06-01, `2016` → 2016-01-01).
    pub(crate) fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), 1)
    }

    /// The last day the date covers (`Jun 2018` → 2018-06-30, `2016` → 2016-12-31).
    pub(crate) fn last_day(self) -> Option<NaiveDate> {
        match self.month {
            Some(12) | None => NaiveDate::from_ymd_opt(self.year, 12, 31),
            Some(m) => NaiveDate::from_ymd_opt(self.year, m + 1, 1)?.pred_opt(),
        }
    }

    /// `YYYY-MM` or `YYYY`, the form stored in the workspace.
    pub(crate) fn to_iso(self) -> String {
        match self.month {
            Some(m) => format!("{:04}-{:02}", self.year, m),
            None => format!("{:04}", self.year),
        }
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const FULL_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names Excel writes in other locales (German, French, Spanish, Italian, Portuguese,
/// Dutch, Polish, Scandinavian, Turkish), abbreviated and in full, lower-case and without a
/// final dot. None of them means a different month in another of these languages.
const LOCALISED_MONTHS: &[(&str, u32)] = &[
    ("fév", 2),
    ("sty", 1),
    ("lut", 2),
    ("kwi", 4),
    ("maj", 5),
    ("cze", 6),
    ("lip", 7),
    ("sie", 8),
    ("wrz", 9),
    ("paź", 10),
    ("paz", 10),
    ("lis", 11),
    ("gru", 12),
    ("des", 12),
    ("oca", 1),
    ("şub", 2),
    ("nis", 4),
    ("haz", 6),
    ("tem", 7),
    ("ağu", 8),
    ("eyl", 9),
    ("eki", 10),
    ("kas", 11),
    ("ara", 12),
    ("jän", 1),
    ("jänner", 1),
    ("januar", 1),
    ("janv", 1),
    ("janvier", 1),
    ("ene", 1),
    ("enero", 1),
    ("gen", 1),
    ("gennaio", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("februar", 2),
    ("févr", 2),
    ("fevr", 2),
    ("février", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fev", 2),
    ("fevereiro", 2),
    ("februari", 2),
    ("mär", 3),
    ("mrz", 3),
    ("märz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("mrt", 3),
    ("maart", 3),
    ("avr", 4),
    ("avril", 4),
    ("abr", 4),
    ("abril", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mayo", 5),
    ("mag", 5),
    ("maggio", 5),
    ("maio", 5),
    ("mei", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giu", 6),
    ("giugno", 6),
    ("juil", 7),
    ("juillet", 7),
    ("juli", 7),
    ("julio", 7),
    ("lug", 7),
    ("luglio", 7),
    ("août", 8),
    ("aout", 8),
    ("ago", 8),
    ("agosto", 8),
    ("set", 9),
    ("sept", 9),
    ("okt", 10),
    ("ott", 10),
    ("out", 10),
    ("dez", 12),
    ("déc", 12),
    ("dic", 12),
];

/// A month name: English in any case (`Jul`, `jul`, `Sept`, `September`), or one of the
/// abbreviations Excel writes in other locales (`ene`, `Mär`, `janv.`, `août`).
fn month_from_name(s: &str) -> Option<u32> {
    let lower = s.trim().trim_end_matches('.').to_lowercase();
    if lower.chars().count() < 3 {
        return None;
    }
    if let Some(&(_, month)) = LOCALISED_MONTHS.iter().find(|(name, _)| *name == lower) {
        return Some(month);
    }
    let index = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // "Sept" and full names are fine; "Juneteenth" is not a month.
    if lower.len() == 3 || FULL_MONTHS[index].starts_with(&lower) || lower == "sept" {
        u32::try_from(index + 1).ok()
    } else {
        None
    }
}

/// Which number comes first in an all-numeric date (`09/04/2021`, `15.01.2024`,
/// `09-04-2021`). Decided once per column from its values, never per row: see [`DateColumn`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayOrder {
    /// `M/D/Y`, as LinkedIn writes its own slash dates.
    MonthFirst,
    /// `D/M/Y`, as Excel writes in most locales outside the US.
    DayFirst,
}

/// How to read the dates of one column. Built by [`DateEvidence`] from the column's values
/// (see `Table::date_column`): a value whose first number is over 12 shows the column is day-first, one whose
/// second number is over 12 that it is month-first, and the evidence that outweighs decides
/// every numeric date of the column. A column without evidence reads each date the customary
/// way for its separator (slashes month first, as LinkedIn writes them; dots and dashes day
/// first, as Excel does elsewhere).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct DateColumn {
    pub order: Option<DayOrder>,
    /// The column has all-numeric dates, but none that shows the order (`04/07/2023`): they
    /// are read the customary way, which may be wrong, and the summary says so.
    pub guessed: bool,
}

/// The three numbers of an all-numeric date with a two- or one-digit first number (not ISO),
/// and the separator: `09-04-2021` → (9, 4, "2021", '-').
fn numeric_parts(s: &str) -> Option<(u32, u32, &str, char)> {
    let s = s.trim();
    let separator = s.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = s.split(separator);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.trim().len() > 2 {
        return None;
    }
    Some((number(a, 2)?, number(b, 2)?, y.trim(), separator))
}

/// Values a column scan looks at before giving up when none is an all-numeric date: columns
/// of ISO or month-name dates (every LinkedIn file but the slash ones) need no decision.
const UNDECIDED_SCAN: usize = 1_000;

/// True for an all-numeric date whose first number has one or two digits (`04/07/2023`,
/// `9-4-21, 6:18 AM`): the kind whose day order a column must decide. ISO dates are not.
pub(crate) fn is_numeric_date(value: &str) -> bool {
    numeric_parts(first_token(value)).is_some()
}

/// The date part of a value: what comes before a comma, space or `T`.
fn first_token(value: &str) -> &str {
    value.trim().split([',', ' ', 'T']).next().unwrap_or("")
}

/// What a column's values say about its day order, gathered one value at a time.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct DateEvidence {
    day_first: usize,
    month_first: usize,
    seen: usize,
    numeric: usize,
}

impl DateEvidence {
    /// Takes one value into account.
    pub(crate) fn see(&mut self, value: &str) {
        self.seen += 1;
        let Some((a, b, y, _)) = numeric_parts(first_token(value)) else {
            return;
        };
        self.numeric += 1;
        // LinkedIn's own form, `M/D/YY, h:mm AM`, is month-first whatever its numbers: a
        // two-digit year and a 12-hour clock are not what a day-first locale writes.
        let clock = value.trim_end().as_bytes();
        let twelve_hour = clock.len() >= 2 && {
            let suffix = &clock[clock.len() - 2..];
            suffix.eq_ignore_ascii_case(b"AM") || suffix.eq_ignore_ascii_case(b"PM")
        };
        let linkedin_form = y.len() == 2 && twelve_hour;
        if a > 12 && b <= 12 {
            self.day_first += 1;
        } else if (b > 12 && a <= 12) || linkedin_form {
            self.month_first += 1;
        }
    }

    /// True when looking further cannot matter: many values and not one all-numeric date.
    pub(crate) fn settled(&self) -> bool {
        self.numeric == 0 && self.seen >= UNDECIDED_SCAN
    }

    /// The decision: the evidence that outweighs, or none.
    pub(crate) fn column(&self) -> DateColumn {
        let order = match self.day_first.cmp(&self.month_first) {
            std::cmp::Ordering::Greater => Some(DayOrder::DayFirst),
            std::cmp::Ordering::Less => Some(DayOrder::MonthFirst),
            std::cmp::Ordering::Equal => None,
        };
        DateColumn {
            order,
            guessed: order.is_none() && self.numeric > 0,
        }
    }
}

impl DateColumn {
    /// [`parse_datetime`] with this column's day order.
    pub(crate) fn datetime(self, raw: &str) -> Option<NaiveDateTime> {
        parse_in(raw, self.order)
    }

    /// [`parse_date`] with this column's day order.
    pub(crate) fn date(self, raw: &str) -> Option<NaiveDate> {
        self.datetime(raw).map(|t| t.date())
    }
}

/// Parses an unsigned decimal number of 1 to `max_digits` digits.
fn number(s: &str, max_digits: usize) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || s.len() > max_digits || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Two-digit years: LinkedIn was founded in 2003, so `03`–`69` are 20xx and the rest 19xx.
fn year(s: &str) -> Option<i32> {
    let s = s.trim();
    match s.len() {
        2 => {
            let y = i32::try_from(number(s, 2)?).ok()?;
            Some(if y < 70 { 2000 + y } else { 1900 + y })
        }
        4 => i32::try_from(number(s, 4)?).ok(),
        _ => None,
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// `HH:MM[:SS]` with an optional `AM`/`PM`.
fn time_of_day(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    let (clock, meridiem) = match s.len().checked_sub(2).and_then(|i| s.get(i..)) {
        Some(suffix) if suffix.eq_ignore_ascii_case("am") || suffix.eq_ignore_ascii_case("pm") => {
            (s[..s.len() - 2].trim(), Some(suffix.eq_ignore_ascii_case("pm")))
        }
        _ => (s, None),
    };
    let mut parts = clock.split(':');
    let mut hour = number(parts.next()?, 2)?;
    let minute = number(parts.next()?, 2)?;
    let second = match parts.next() {
        Some(sec) => {
            // Fractions of a second are dropped.
            let whole = sec.split('.').next().unwrap_or(sec);
            number(whole, 2)?
        }
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` (also the form the workspace stores dates in).
#[must_use]
pub fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
        return None;
    }
    date(
        i32::try_from(number(&s[..4], 4)?).ok()?,
        number(&s[5..7], 2)?,
        number(&s[8..10], 2)?,
    )
}

/// An all-numeric date: `M/D/YY`, `16/09/2021`, `16.09.2021`, `09-04-2021`. With a column's
/// order every date is read that way; without one, slashes are month first (as LinkedIn
/// writes them) unless that is impossible, and dots and dashes day first.
fn numeric_date(s: &str, order: Option<DayOrder>) -> Option<NaiveDate> {
    let (a, b, y, separator) = numeric_parts(s)?;
    let y = year(y)?;
    let month_first = match order {
        Some(DayOrder::MonthFirst) => true,
        Some(DayOrder::DayFirst) => false,
        None => separator == '/' && !(a > 12 && b <= 12),
    };
    if month_first {
        date(y, a, b)
    } else {
        date(y, b, a)
    }
}

/// `04 Jul 2023`, `4 Jul 2023`, `9-Sep-22`, `30-oct-09`, `4 janv. 2023`, `Jul 4, 2023`.
fn day_month_year(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split([' ', '-', ',']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [d, m, y] => {
            if let Some(month) = month_from_name(m) {
                // German writes the day with a dot: "1. Mär 2022".
                date(year(y)?, month, number(d.trim_end_matches('.'), 2)?)
            } else {
                // Month first: "Jul 4 2023".
                date(year(y)?, month_from_name(d)?, number(m, 2)?)
            }
        }
        _ => None,
    }
}

/// `Tue Jun 20 12:25:51 UTC 2023` (Company Follows, Logins).
#[allow(clippy::many_single_char_names)] // the parts of the pattern, named by their letter
fn unix_style(s: &str) -> Option<NaiveDateTime> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    match parts.as_slice() {
        [_, m, d, t, _, y] | [_, m, d, t, y] => {
            let day = date(year(y)?, month_from_name(m)?, number(d, 2)?)?;
            Some(day.and_time(time_of_day(t)?))
        }
        _ => None,
    }
}

fn strip_utc(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_suffix("UTC").or_else(|| s.strip_suffix("GMT")).unwrap_or(s);
    let s = s.trim_end();
    let s = s.strip_suffix('Z').unwrap_or(s);
    s.strip_suffix("+00:00").unwrap_or(s).trim_end()
}

/// Parses any full date or date-time the export uses, in UTC.
///
/// A date without a time is taken at midnight. Returns `None` for anything else,
/// including impossible dates (`31/31/24`) and empty cells.
///
/// ```
/// use kith::linkedin::dates::parse_datetime;
/// let t = parse_datetime("6/17/23, 6:18 AM").unwrap();
/// assert_eq!(t.to_string(), "2023-06-17 06:18:00");
/// ```
#[must_use]
pub fn parse_datetime(raw: &str) -> Option<NaiveDateTime> {
    parse_in(raw, None)
}

/// Excel's serial day number (days since 1899-12-30), left when a re-save formats a date
/// column as numbers: `45111` is 2023-07-04. Only five-digit serials from 1990 to 2069 are
/// taken; any other number is not a date.
fn excel_serial(s: &str) -> Option<NaiveDate> {
    // A time of day is the fraction: "45111.5" is noon.
    let whole = match s.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) => whole,
        _ => s,
    };
    let n = number(whole, 5)?;
    if !(32_874..=62_502).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(u64::from(n)))
}

/// Year first, as East Asian and Scandinavian locales write it: `2023/7/4`, `2023-7-5`,
/// `2023.07.08`, `2023. 7. 6.`.
fn year_month_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_end_matches('.');
    let mut parts = s.split(['/', '-', '.']).map(str::trim);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    date(i32::try_from(number(y, 4)?).ok()?, number(m, 2)?, number(d, 2)?)
}

/// A calendar date without a time, numeric or with a month name.
fn calendar_date(s: &str, order: Option<DayOrder>) -> Option<NaiveDate> {
    numeric_date(s, order)
        .or_else(|| year_month_day(s))
        .or_else(|| day_month_year(s))
}

fn parse_in(raw: &str, order: Option<DayOrder>) -> Option<NaiveDateTime> {
    let s = strip_utc(raw);
    if s.is_empty() {
        return None;
    }
    // Fast path for the message history: "2023-07-10 15:47:10" and "2019-11-06T02:08:20".
    if s.len() >= 10 {
        if let Some(day) = s.get(..10).and_then(iso_date) {
            let rest = &s[10..];
            if rest.is_empty() {
                return Some(day.and_time(NaiveTime::MIN));
            }
            let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
            return Some(day.and_time(time_of_day(rest)?));
        }
    }
    if let Some(day) = calendar_date(s, order).or_else(|| excel_serial(s)) {
        return Some(day.and_time(NaiveTime::MIN));
    }
    if let Some(t) = unix_style(s) {
        return Some(t);
    }
    // A date then a time: "6/17/23, 6:18 AM", "7/10/2023 15:47", "04 Jul 2023 10:15 AM".
    if let Some((d, t)) = s.split_once(',') {
        if let (Some(day), Some(time)) = (numeric_date(d, order), time_of_day(t)) {
            return Some(day.and_time(time));
        }
    }
    s.match_indices(' ').find_map(|(i, _)| {
        let day = calendar_date(s[..i].trim_end_matches(','), order)?;
        Some(day.and_time(time_of_day(&s[i + 1..])?))
    })
}

/// Parses a date (the time, if any, is dropped).
pub(crate) fn parse_date(raw: &str) -> Option<NaiveDate> {
    parse_datetime(raw).map(|t| t.date())
}

/// Parses the partial dates of `Positions.csv` and `Education.csv`: `Jun 2018`, `2016`,
/// `2018-06`, or any full date. Empty means "none" (for `Finished On`: current).
pub(crate) fn parse_month(raw: &str) -> Option<PartialDate> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if s.len() == 4 {
        return Some(PartialDate {
            year: i32::try_from(number(s, 4)?).ok()?,
            month: None,
        });
    }
    let parts: Vec<&str> = s.split([' ', '-', '/']).filter(|p| !p.is_empty()).collect();
    if let [a, b] = parts.as_slice() {
        if let Some(m) = month_from_name(a) {
            return Some(PartialDate {
                year: year(b)?,
                month: Some(m),
            });
        }
        if a.len() == 4 {
            let m = number(b, 2)?;
            if (1..=12).contains(&m) {
                return Some(PartialDate {
                    year: i32::try_from(number(a, 4)?).ok()?,
                    month: Some(m),
                });
            }
        }
        // "06/2018"
        if b.len() == 4 {
            let m = number(a, 2)?;
            if (1..=12).contains(&m) {
                return Some(PartialDate {
                    year: i32::try_from(number(b, 4)?).ok()?,
                    month: Some(m),
                });
            }
        }
        return None;
    }
    parse_date(s).map(|d| PartialDate {
        year: chrono::Datelike::year(&d),
        month: Some(chrono::Datelike::month(&d)),
    })
}

/// A date in an archive's name: `Basic_LinkedInDataExport_MM-DD-YYYY.zip`.
pub(crate) fn date_in_archive_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = name.get(i..i + 10)?;
        let b = candidate.as_bytes();
        if b[2] == b'-' && b[5] == b'-' && candidate.bytes().filter(u8::is_ascii_digit).count() == 8 {
            date(
                i32::try_from(number(&candidate[6..], 4)?).ok()?,
                number(&candidate[..2], 2)?,
                number(&candidate[3..5], 2)?,
            )
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> String {
        parse_datetime(s).map_or_else(|| "none".into(), |t| t.to_string())
    }

    #[test]
    fn every_documented_format() {
        // Connections 2020+
        assert_eq!(dt("04 Jul 2023"), "2023-07-04 00:00:00");
        assert_eq!(dt("4 Jul 2023"), "2023-07-04 00:00:00");
        assert_eq!(dt("14 Dec 2021"), "2021-12-14 00:00:00");
        // Connections before 2018, Messages 2018, Invitations
        assert_eq!(dt("12/22/16, 9:55 AM"), "2016-12-22 09:55:00");
        assert_eq!(dt("1/8/18, 6:14 PM"), "2018-01-08 18:14:00");
        assert_eq!(dt("6/17/23, 6:18 AM"), "2023-06-17 06:18:00");
        assert_eq!(dt("10/16/18, 12:36 AM"), "2018-10-16 00:36:00");
        assert_eq!(dt("10/16/18, 12:36 PM"), "2018-10-16 12:36:00");
        // messages 2021+
        assert_eq!(dt("2023-07-10 15:47:10 UTC"), "2023-07-10 15:47:10");
        // messages ~2020
        assert_eq!(dt("2019-11-06T02:08:20"), "2019-11-06 02:08:20");
        assert_eq!(dt("2019-11-06T02:08:20.123Z"), "2019-11-06 02:08:20");
        // Recommendations
        assert_eq!(dt("04/15/24, 09:25 PM"), "2024-04-15 21:25:00");
        // Endorsements, SearchQueries
        assert_eq!(dt("2021/08/11 11:00:31 UTC"), "2021-08-11 11:00:31");
        // Company Follows, Logins
        assert_eq!(dt("Tue Jun 20 12:25:51 UTC 2023"), "2023-06-20 12:25:51");
        // Reactions, Comments, Shares
        assert_eq!(dt("2022-09-11 02:49:29"), "2022-09-11 02:49:29");
        // Excel re-saves
        assert_eq!(dt("9-Sep-22"), "2022-09-09 00:00:00");
        assert_eq!(dt("09-Sep-2022"), "2022-09-09 00:00:00");
        assert_eq!(dt("16.09.2021"), "2021-09-16 00:00:00");
        assert_eq!(dt("7/10/2023 15:47"), "2023-07-10 15:47:00");
        assert_eq!(dt("2023-07-10"), "2023-07-10 00:00:00");
        assert_eq!(dt("16/09/2021"), "2021-09-16 00:00:00");
        assert_eq!(dt("  04 Jul 2023  "), "2023-07-04 00:00:00");
        // Excel serial numbers
        assert_eq!(dt("45111"), "2023-07-04 00:00:00");
        assert_eq!(dt("43101"), "2018-01-01 00:00:00");
        assert_eq!(dt("45111.5"), "2023-07-04 00:00:00");
        // Year first, as East Asian and Scandinavian locales write it
        assert_eq!(dt("2023/7/4"), "2023-07-04 00:00:00");
        assert_eq!(dt("2023-7-5"), "2023-07-05 00:00:00");
        assert_eq!(dt("2023.07.08"), "2023-07-08 00:00:00");
        assert_eq!(dt("2023. 7. 6."), "2023-07-06 00:00:00");
        assert_eq!(dt("2023/7/4 15:47"), "2023-07-04 15:47:00");
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "NA",
            "31/31/24",
            "2023-13-01 00:00:00 UTC",
            "yesterday",
            "13/45/2020",
            "32 Jul 2023",
            "Jul",
            "1/2/3/4",
            "25:00",
            "12345",
            "2023",
            "999999",
        ] {
            assert_eq!(dt(bad), "none", "{bad}");
        }
    }

    #[test]
    fn partial_dates() {
        assert_eq!(parse_month("Jun 2018").map(PartialDate::to_iso), Some("2018-06".into()));
        assert_eq!(parse_month("2016").map(PartialDate::to_iso), Some("2016".into()));
        assert_eq!(parse_month("").map(PartialDate::to_iso), None);
        assert_eq!(
            parse_month("September 2019").map(PartialDate::to_iso),
            Some("2019-09".into())
        );
        assert_eq!(parse_month("2019-09").map(PartialDate::to_iso), Some("2019-09".into()));
        assert_eq!(
            parse_month("Jan 2020 ").map(PartialDate::to_iso),
            Some("2020-01".into())
        );
        assert_eq!(parse_month("Juneteenth 2020"), None);
    }

    #[test]
    fn partial_date_bounds() {
        let june = parse_month("2018-06").unwrap();
        assert_eq!(
            (
                june.first_day().unwrap().to_string(),
                june.last_day().unwrap().to_string()
            ),
            ("2018-06-01".into(), "2018-06-30".into())
        );
        let year = parse_month("2016").unwrap();
        assert_eq!(
            (
                year.first_day().unwrap().to_string(),
                year.last_day().unwrap().to_string()
            ),
            ("2016-01-01".into(), "2016-12-31".into())
        );
        assert_eq!(
            parse_month("2019-12").unwrap().last_day().unwrap().to_string(),
            "2019-12-31"
        );
    }

    #[test]
    fn localised_and_lower_case_months() {
        for (text, want) in [
            ("30-oct-09", "2009-10-30"),
            ("3-ene-21", "2021-01-03"),
            ("12-abr-2019", "2019-04-12"),
            ("5-ago-20", "2020-08-05"),
            ("24-dic-18", "2018-12-24"),
            ("1. Mär 2022", "2022-03-01"),
            ("07-Mai-2021", "2021-05-07"),
            ("3 Okt 2020", "2020-10-03"),
            ("31-Dez-19", "2019-12-31"),
            ("4 janv. 2023", "2023-01-04"),
            ("28 févr. 2022", "2022-02-28"),
            ("2 avr. 2021", "2021-04-02"),
            ("14 juil. 2020", "2020-07-14"),
            ("15 août 2019", "2019-08-15"),
            ("9 déc. 2018", "2018-12-09"),
            ("9 DEC 2018", "2018-12-09"),
            ("7 fév. 2021", "2021-02-07"),
            ("4 maj 2023", "2023-05-04"),
            ("4. des. 2023", "2023-12-04"),
            ("4 paź 2023", "2023-10-04"),
            ("12 Ağu 2022", "2022-08-12"),
        ] {
            assert_eq!(parse_date(text).map(|d| d.to_string()).as_deref(), Some(want), "{text}");
        }
        assert_eq!(parse_date("4 Juneteenth 2020"), None);
        assert_eq!(parse_date("4 ab 2020"), None);
    }

    /// The decision for a column of these values, as `Table::date_column` makes it.
    fn decide<'v>(values: impl IntoIterator<Item = &'v str>) -> DateColumn {
        let mut evidence = DateEvidence::default();
        for value in values {
            evidence.see(value);
        }
        evidence.column()
    }

    #[test]
    fn day_order_is_decided_per_column() {
        // An en-GB re-save: one value proves the column is day-first.
        let column = decide(["01/02/2024", "15/01/2024", "03/04/2024"]);
        assert_eq!(column.order, Some(DayOrder::DayFirst));
        assert_eq!(
            column.date("01/02/2024").map(|d| d.to_string()).as_deref(),
            Some("2024-02-01")
        );
        // LinkedIn's own M/D/YY, with dates Excel converted to its locale's dashes: the
        // unconverted values prove month-first, and every value is read that way.
        let column = decide(["11/28/21", "09-04-2021", "12/30/21, 9:55 AM"]);
        assert_eq!(column.order, Some(DayOrder::MonthFirst));
        assert_eq!(
            column.date("09-04-2021").map(|d| d.to_string()).as_deref(),
            Some("2021-09-04")
        );
        assert_eq!(
            column.date("11/28/21").map(|d| d.to_string()).as_deref(),
            Some("2021-11-28")
        );
        // In a month-first column a day-first value is impossible, not silently flipped.
        assert_eq!(column.date("28/11/21"), None);
        // Without evidence, each separator is read the customary way.
        let column = decide(["01/02/2024", "15.01.2024", "04 Jul 2023"]);
        assert_eq!(column.order, Some(DayOrder::DayFirst));
        // LinkedIn's own "M/D/YY, h:mm AM" is month-first even when its numbers do not show it.
        assert_eq!(decide(["05/01/23, 10:00 AM"]).order, Some(DayOrder::MonthFirst));
        let undecided = decide(["01/02/2024", "2024-03-04 10:00:00 UTC"]);
        assert_eq!(undecided.order, None);
        assert_eq!(
            undecided.date("01/02/2024").map(|d| d.to_string()).as_deref(),
            Some("2024-01-02")
        );
        assert_eq!(
            undecided.date("01.02.2024").map(|d| d.to_string()).as_deref(),
            Some("2024-02-01")
        );
        assert_eq!(
            undecided.date("01-02-2024").map(|d| d.to_string()).as_deref(),
            Some("2024-02-01")
        );
        assert_eq!(
            decide(["15.01.2024 10:15"])
                .datetime("15.01.2024 10:15")
                .map(|t| t.to_string())
                .as_deref(),
            Some("2024-01-15 10:15:00")
        );
    }

    #[test]
    fn archive_names() {
        assert_eq!(
            date_in_archive_name("Basic_LinkedInDataExport_03-15-2026 (1).zip"),
            NaiveDate::from_ymd_opt(2026, 3, 15)
        );
        assert_eq!(date_in_archive_name("export.zip"), None);
    }
}
