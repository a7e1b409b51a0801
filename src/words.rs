//! Words for numbers and dates, as a person writes them: plurals ("1 year", "2 steps"),
//! calendar spans ("8 years 11 months", never 30-day months), and dates ("March 2026",
//! "6 April 2026", "1 Apr"). Pure; every printer and every piece of evidence goes through it.

use chrono::{Datelike, Months, NaiveDate};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `1 step`, `2 steps`, `0 rows`.
///
/// ```
/// use kith::words::plural;
/// assert_eq!(plural(1, "year"), "1 year");
/// assert_eq!(plural(3, "step"), "3 steps");
/// ```
pub fn plural(n: impl TryInto<i64>, word: &str) -> String {
    // A count too large for an i64 is not one anyone will read.
    let n: i64 = n.try_into().unwrap_or(i64::MAX);
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Whole calendar years and months from `from` to `to` (zero when `to` is not later).
///
/// A month is counted when the same day of the month is reached (the last day of a shorter
/// month stands in for a missing 29th, 30th or 31st), as a person counts on a calendar.
///
/// ```
/// use chrono::NaiveDate;
/// use kith::words::calendar_span;
/// let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// assert_eq!(calendar_span(d("2017-11-08"), d("2026-11-01")), (8, 11));
/// assert_eq!(calendar_span(d("2024-01-31"), d("2024-02-29")), (0, 1));
/// ```
#[must_use]
pub fn calendar_span(from: NaiveDate, to: NaiveDate) -> (u32, u32) {
    if to <= from {
        return (0, 0);
    }
    // `to` is after `from`, so the count is never negative (u32 arithmetic in 0..=12 per year).
    let mut months = u32::try_from(to.year() - from.year()).unwrap_or(0) * 12 + to.month();
    months = months.saturating_sub(from.month());
    // The anniversary in `to`'s month; a missing day (31 June) falls back to the month's end.
    let reached = |months: u32| {
        from.checked_add_months(Months::new(months))
            .is_some_and(|anniversary| anniversary <= to)
    };
    while months > 0 && !reached(months) {
        months -= 1;
    }
    (months / 12, months % 12)
}

/// A span in words: `8 years 11 months`, `1 year`, `5 months`, `3 weeks`, `4 days`.
///
/// ```
/// use chrono::NaiveDate;
/// use kith::words::span;
/// let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// assert_eq!(span(d("2017-11-08"), d("2026-11-01")), "8 years 11 months");
/// assert_eq!(span(d("2025-11-01"), d("2026-11-01")), "1 year");
/// assert_eq!(span(d("2026-10-20"), d("2026-11-01")), "12 days");
/// ```
#[must_use]
pub fn span(from: NaiveDate, to: NaiveDate) -> String {
    match calendar_span(from, to) {
        (0, 0) => {
            let days = (to - from).num_days().max(0);
            if days >= 14 {
                plural(days / 7, "week")
            } else {
                plural(days, "day")
            }
        }
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} {}", plural(y, "year"), plural(m, "month")),
    }
}

/// `March 2026`.
pub(crate) fn month_year(d: NaiveDate) -> String {
    format!("{} {}", MONTHS[d.month0() as usize], d.year())
}

/// `6 April 2026`.
#[must_use]
pub fn long_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A job with its article: "a VP Product", "an Operations Manager"; "someone" for no job.
#[must_use]
pub fn with_article(job: &str) -> String {
    match job.chars().next() {
        None => "someone".to_string(),
        Some(c) if "AEIOUaeiou".contains(c) => format!("an {job}"),
        Some(_) => format!("a {job}"),
    }
}

/// `1 Apr 2026`: short, for evidence lines.
#[must_use]
pub fn short_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), &MONTHS[d.month0() as usize][..3], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn calendar_arithmetic_not_thirty_day_months() {
        // 3,280 days: thirty-day months would say "9 years 1 month".
        assert_eq!(span(d("2017-11-08"), d("2026-11-01")), "8 years 11 months");
        assert_eq!(span(d("2017-11-01"), d("2026-11-01")), "9 years");
        assert_eq!(span(d("2026-01-31"), d("2026-03-01")), "1 month");
        assert_eq!(span(d("2026-01-31"), d("2026-02-27")), "3 weeks");
        assert_eq!(span(d("2024-02-29"), d("2025-02-28")), "1 year");
        assert_eq!(span(d("2026-11-01"), d("2026-11-02")), "1 day");
        assert_eq!(span(d("2026-11-02"), d("2026-11-01")), "0 days");
    }

    #[test]
    fn plurals_and_dates() {
        assert_eq!(plural(1, "row"), "1 row");
        assert_eq!(plural(0, "row"), "0 rows");
        assert_eq!(month_year(d("2026-03-09")), "March 2026");
        assert_eq!(long_date(d("2026-04-06")), "6 April 2026");
        assert_eq!(short_date(d("2026-04-01")), "1 Apr 2026");
    }
}
