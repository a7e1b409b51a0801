//! One data row's cells, however the file was read: by the CSV crate ([`Row`]) or from the
//! columns polars read ([`super::frame`]). Cells are read the same way either way: trimmed,
//! with Excel's empty markers as empty, and joined back into CSV for the rejects file.

/// A record joined back into one CSV line (RFC 4180 quoting where needed), for the rejects
/// file. Cheap enough to run on every row of a file.
#[must_use]
pub fn record_to_csv(record: &csv::StringRecord) -> String {
    cells_to_csv(record.iter())
}

/// Cells joined into one CSV line (see [`record_to_csv`]).
fn cells_to_csv<'c>(cells: impl Iterator<Item = &'c str>) -> String {
    let mut out = String::new();
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out
}

/// The cells of one data row, however it was read: by the CSV crate ([`Row`]) or from the
/// columns polars read ([`super::frame`]).
pub trait Cells {
    /// The cell at `column` as it is in the file (message bodies keep their spacing); `""`
    /// when the column is absent or the row is short.
    fn raw(&self, column: Option<usize>) -> &str;
    /// Cells in the row.
    fn width(&self) -> usize;
    /// The 1-based line in the file.
    fn line(&self) -> u64;
    /// Byte offset of the row in the file (for progress).
    fn offset(&self) -> u64;

    /// The trimmed cell, or `""` for one of Excel's empty markers (`NA`, `#N/A`).
    fn get(&self, column: Option<usize>) -> &str {
        clean(self.raw(column))
    }

    /// True when every cell is empty.
    fn is_blank(&self) -> bool {
        (0..self.width()).all(|c| self.raw(Some(c)).trim().is_empty())
    }

    /// The row re-joined as CSV, for the rejects file.
    fn to_csv_line(&self) -> String {
        cells_to_csv((0..self.width()).map(|c| self.raw(Some(c))))
    }
}

/// A cell trimmed, with Excel's empty markers read as empty.
fn clean(cell: &str) -> &str {
    match cell.trim() {
        "NA" | "#N/A" | "N/A" | "null" => "",
        cell => cell,
    }
}

/// A data row: its 1-based line number in the file and its cells.
pub struct Row<'r> {
    pub line: u64,
    /// Byte offset of the row in the file (for progress).
    pub offset: u64,
    pub record: &'r csv::StringRecord,
}

impl Cells for Row<'_> {
    fn raw(&self, column: Option<usize>) -> &str {
        column.and_then(|c| self.record.get(c)).unwrap_or("")
    }

    fn width(&self) -> usize {
        self.record.len()
    }

    fn line(&self) -> u64 {
        self.line
    }

    fn offset(&self) -> u64 {
        self.offset
    }
}
