//! Every date format a LinkedIn export (or an Excel re-save of one) uses, in one place.
//!
//! Exports are written in UTC with English month names whatever the member's language.
//! [`parse_datetime`] accepts every full-date format in the format doc; [`parse_month`]
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
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), 1)
    }

    /// The last day the date covers (`Jun 2018` → 2018-06-30, `2016` → 2016-12-31).
    pub fn last_day(self) -> Option<NaiveDate> {
        match self.month {
            Some(12) | None => NaiveDate::from_ymd_opt(self.year, 12, 31),
            Some(m) => NaiveDate::from_ymd_opt(self.year, m + 1, 1)?.pred_opt(),
        }
    }

    /// `YYYY-MM` or `YYYY`, the form stored in the workspace.
    pub fn to_iso(self) -> String {
        match self.month {
            Some(m) => format!("{:04}-{:02}", self.year, m),
            None => format!("{:04}", self.year),
        }
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_from_name(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches('.');
    if s.len() < 3 {
        return None;
    }
    let prefix = s.get(..3)?.to_ascii_lowercase();
    let index = MONTHS.iter().position(|m| *m == prefix)?;
    // "Sept" and full names are fine; "Juneteenth" is not a month.
    let full = [
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
    ][index];
    let lower = s.to_ascii_lowercase();
    if lower.len() == 3 || full.starts_with(&lower) || lower == "sept" {
        Some(index as u32 + 1)
    } else {
        None
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
            let y = number(s, 2)? as i32;
            Some(if y < 70 { 2000 + y } else { 1900 + y })
        }
        4 => Some(number(s, 4)? as i32),
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
pub fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
        return None;
    }
    date(number(&s[..4], 4)? as i32, number(&s[5..7], 2)?, number(&s[8..10], 2)?)
}

/// `M/D/YY` or `M/D/YYYY` (US order, as LinkedIn writes it). A European Excel re-save
/// (`16/09/2021`) is read day first when the US reading is impossible.
fn us_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().split('/');
    let m = number(parts.next()?, 2)?;
    let d = number(parts.next()?, 2)?;
    let y = year(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    if m > 12 && d <= 12 {
        return date(y, d, m);
    }
    date(y, m, d)
}

/// `04 Jul 2023`, `4 Jul 2023`, `9-Sep-22`, `09-Sep-2022`, `Jul 4, 2023`.
fn day_month_year(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split([' ', '-', ',']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [d, m, y] => {
            if let Some(month) = month_from_name(m) {
                date(year(y)?, month, number(d, 2)?)
            } else {
                // Month first: "Jul 4 2023".
                date(year(y)?, month_from_name(d)?, number(m, 2)?)
            }
        }
        _ => None,
    }
}

/// `16.09.2021` (European Excel locales).
fn dotted_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().split('.');
    let d = number(parts.next()?, 2)?;
    let m = number(parts.next()?, 2)?;
    let y = year(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    date(y, m, d)
}

/// `Tue Jun 20 12:25:51 UTC 2023` (Company Follows, Logins).
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
/// use kith::export::dates::parse_datetime;
/// let t = parse_datetime("6/17/23, 6:18 AM").unwrap();
/// assert_eq!(t.to_string(), "2023-06-17 06:18:00");
/// ```
pub fn parse_datetime(raw: &str) -> Option<NaiveDateTime> {
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
    if s.contains('/') {
        // "6/17/23, 6:18 AM", "04/15/24, 09:25 PM", "7/10/2023 15:47", "6/17/23".
        let (d, t) = match s.split_once(',') {
            Some((d, t)) => (d, Some(t)),
            None => match s.split_once(' ') {
                Some((d, t)) => (d, Some(t)),
                None => (s, None),
            },
        };
        let day = us_date(d)?;
        return match t {
            Some(t) => Some(day.and_time(time_of_day(t)?)),
            None => Some(day.and_time(NaiveTime::MIN)),
        };
    }
    if let Some(t) = unix_style(s) {
        return Some(t);
    }
    if s.contains('.') && !s.contains(' ') {
        return dotted_date(s).map(|d| d.and_time(NaiveTime::MIN));
    }
    if let Some(d) = day_month_year(s) {
        return Some(d.and_time(NaiveTime::MIN));
    }
    // "04 Jul 2023 10:15" or "16.09.2021 10:15": a date then a time.
    let (d, t) = s.rsplit_once(' ')?;
    let day = day_month_year(d).or_else(|| dotted_date(d))?;
    Some(day.and_time(time_of_day(t)?))
}

/// Parses a date (the time, if any, is dropped).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    parse_datetime(raw).map(|t| t.date())
}

/// Parses the partial dates of `Positions.csv` and `Education.csv`: `Jun 2018`, `2016`,
/// `2018-06`, or any full date. Empty means "none" (for `Finished On`: current).
pub fn parse_month(raw: &str) -> Option<PartialDate> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if s.len() == 4 {
        return Some(PartialDate {
            year: number(s, 4)? as i32,
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
                    year: number(a, 4)? as i32,
                    month: Some(m),
                });
            }
        }
        // "06/2018"
        if b.len() == 4 {
            let m = number(a, 2)?;
            if (1..=12).contains(&m) {
                return Some(PartialDate {
                    year: number(b, 4)? as i32,
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
pub fn date_in_archive_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = name.get(i..i + 10)?;
        let b = candidate.as_bytes();
        if b[2] == b'-' && b[5] == b'-' && candidate.bytes().filter(u8::is_ascii_digit).count() == 8 {
            date(
                number(&candidate[6..], 4)? as i32,
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
        parse_datetime(s)
            .map(|t| t.to_string())
            .unwrap_or_else(|| "none".into())
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
    fn archive_names() {
        assert_eq!(
            date_in_archive_name("Basic_LinkedInDataExport_03-15-2026 (1).zip"),
            NaiveDate::from_ymd_opt(2026, 3, 15)
        );
        assert_eq!(date_in_archive_name("export.zip"), None);
    }
}
