//! Rows that do not have the header's width. Too short: malformed, rejected. Too long: a
//! value held a comma that an Excel re-save did not quote, and the row is put back together
//! by trying every way of joining the extra cells and keeping the one that fits its columns.

use super::dates::DateColumn;
use super::table::{Cells, Row, Table};
use super::{Reason, Rejects};

/// A row is malformed when it has fewer than half the header's cells and more than one: a
/// stray line, or a quote that swallowed the rest of a row. Malformed rows are rejected here.
pub(super) fn malformed(table_width: usize, row: &Row<'_>, rejects: &mut Rejects<'_>) -> bool {
    let width = row.record.len();
    let bad = width > 0 && width * 2 < table_width.min(6) && !row.is_blank();
    if bad {
        rejects.push(row, Reason::Malformed, crate::words::plural(width, "cell"));
    }
    bad
}

/// Rows this many cells too long are put back together.
const MAX_OVERFLOW: usize = 4;

/// At most this many ways of joining cells are tried for one row (a seven-column row three
/// cells too long has 84).
const MAX_REALIGN_WAYS: usize = 500;

/// What an over-long row became.
pub(super) enum Overflow {
    /// Put back together.
    Joined(csv::StringRecord),
    /// Only empty cells past the header (a spreadsheet's padding): read as it is.
    Padding,
    /// Too long to tell which cells belong together.
    Unknown,
}

/// Puts back together a row with more cells than the header: a value held a comma that an
/// Excel re-save did not quote. Tries every way of joining the extra cells to the cell before
/// them and keeps the one whose cells `fit` their columns best (a date in the date column, a
/// URL in the URL column), preferring joins into a text column at a piece that starts with the
/// space after the comma ("Aetna, a CVS Health Company").
pub(super) fn realign(
    record: &csv::StringRecord,
    width: usize,
    delimiter: u8,
    text_columns: &[Option<usize>],
    fit: &dyn Fn(&[String]) -> i32,
) -> Overflow {
    let mut cells: Vec<&str> = record.iter().collect();
    while cells.len() > width && cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    let extra = cells.len().saturating_sub(width);
    if extra == 0 {
        return Overflow::Padding;
    }
    if extra > MAX_OVERFLOW {
        return Overflow::Unknown;
    }
    // Wide files (the 60-column Outlook export) would have too many ways to try.
    let ways =
        (0..extra).fold(1usize, |ways, i| ways.saturating_mul(cells.len() - 1 - i)) / (1..=extra).product::<usize>();
    if ways > MAX_REALIGN_WAYS {
        return Overflow::Unknown;
    }
    let n = cells.len();
    let mut best: Option<(i32, Vec<String>)> = None;
    // Each choice is a sorted set of `extra` cell indices (in 1..n) that join the cell before.
    let mut choice: Vec<usize> = (1..=extra).collect();
    loop {
        let mut merged: Vec<String> = Vec::with_capacity(width);
        let mut score = 0;
        for (i, cell) in cells.iter().enumerate() {
            match merged.last_mut() {
                Some(last) if choice.contains(&i) => {
                    last.push(char::from(delimiter));
                    last.push_str(cell);
                    let into = Some(merged.len() - 1);
                    score += if text_columns.contains(&into) { 2 } else { -6 };
                    score += i32::from(cell.starts_with(' '));
                }
                _ => merged.push((*cell).to_string()),
            }
        }
        score += fit(&merged) * 4;
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, merged));
        }
        // The next combination, in lexicographic order.
        let mut k = extra;
        while k > 0 && choice[k - 1] == n - 1 - (extra - k) {
            k -= 1;
        }
        if k == 0 {
            break;
        }
        choice[k - 1] += 1;
        for j in k..extra {
            choice[j] = choice[j - 1] + 1;
        }
    }
    best.map_or(Overflow::Unknown, |(_, merged)| {
        Overflow::Joined(csv::StringRecord::from(merged))
    })
}

/// A date cell's fit: readable (4), empty (0), or not a date (-4).
pub(super) fn date_fit(dates: DateColumn, cell: &str) -> i32 {
    let cell = cell.trim();
    if dates.datetime(cell).is_some() {
        4
    } else if cell.is_empty() {
        0
    } else {
        -4
    }
}

/// The cell at `column` of merged cells, trimmed.
pub(super) fn merged_cell(cells: &[String], column: Option<usize>) -> &str {
    column.and_then(|c| cells.get(c)).map_or("", |s| s.trim())
}

/// Reads every row of a table, putting over-long rows back together first (see [`realign`]).
/// Rows too long to put back are rejected as malformed; joined rows are counted in `joined`.
pub(super) fn for_each_aligned(
    table: &mut Table<'_>,
    rejects: &mut Rejects<'_>,
    joined: &mut usize,
    text_columns: &[Option<usize>],
    fit: &dyn Fn(&[String]) -> i32,
    mut visit: impl FnMut(Row<'_>, &mut Rejects<'_>),
) {
    let width = table.columns.len();
    let delimiter = table.delimiter();
    table.for_each_row(|row| {
        if malformed(width, &row, rejects) {
            return;
        }
        if row.record.len() <= width {
            return visit(row, rejects);
        }
        match realign(row.record, width, delimiter, text_columns, fit) {
            Overflow::Padding => visit(row, rejects),
            Overflow::Unknown => {
                let detail = format!("{} cells where the header has {width}", row.record.len());
                rejects.push(&row, Reason::Malformed, detail);
            }
            Overflow::Joined(record) => {
                *joined += 1;
                visit(
                    Row {
                        line: row.line,
                        offset: row.offset,
                        record: &record,
                    },
                    rejects,
                );
            }
        }
    });
}
