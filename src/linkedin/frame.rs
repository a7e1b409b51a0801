//! The message history read column-wise by polars' multi-threaded CSV reader.
//!
//! A quote-aware scan of the text first finds where each row starts and on which line, and
//! checks that the file has the plain shape that polars reads exactly as the row reader
//! (`Table::for_each_row`) does: comma-separated, LF line ends (no CR anywhere), every row
//! the header's width, quotes only around whole values, no blank line between rows, no value
//! spanning lines that swallowed rows (a stray quote), no row starting with a byte-order mark,
//! and no first cell that spells the header's first name (a repeated header, or a sender
//! named "From": either way the row reader decides). Every export LinkedIn wrote has that
//! shape; a file of any other shape (an Excel re-save, an edit) is read row by row.
//!
//! The rows are then parsed by polars a chunk at a time, so the columns of a million
//! messages never sit in memory all at once, and each row keeps its file line for rejects.

use std::io::Cursor;
use std::sync::Arc;

use chrono::NaiveDateTime;
use polars::datatypes::{PolarsDataType, StringType};
use polars::prelude::*;

use super::dates::DateColumn;
use super::table::{header_key, spells, swallowed_rows, Cells, Row, Table};

/// Rows parsed by polars at a time: large enough for its threads to share, small enough that
/// the columns of one chunk stay a few tens of megabytes.
const CHUNK_ROWS: usize = 1 << 14;

/// Where every data row of a file starts, and on which line.
#[derive(Debug)]
pub(crate) struct Scan {
    /// Byte offset in the text of each row's start, and one more: the end of the last row.
    starts: Vec<usize>,
    /// The 1-based file line of each row.
    lines: Vec<u64>,
    /// The newest date of the date column asked for.
    latest: Option<NaiveDateTime>,
}

impl Scan {
    /// Rows found.
    pub(crate) fn rows(&self) -> usize {
        self.lines.len()
    }
}

/// Scans the data rows of `text` from `data_start` (the start of the line after the header),
/// which is line `first_line`. `None` when the file's shape needs the row reader (see the
/// module docs).
pub(crate) fn scan(
    text: &str,
    data_start: usize,
    first_line: u64,
    header_keys: &[String],
    delimiter: u8,
    dates: Option<(usize, DateColumn)>,
) -> Option<Scan> {
    let width = header_keys.len();
    let bytes = text.as_bytes();
    // A CR anywhere (CRLF line ends, an Excel re-save) is the row reader's business.
    if delimiter != b','
        || width < 2
        || data_start > bytes.len()
        || memchr::memchr(b'\r', &bytes[data_start..]).is_some()
    {
        return None;
    }
    // Rows are a few hundred bytes long: room for them all, without growing as they come.
    let expected = (bytes.len() - data_start) / 128;
    let mut rows = ScanState {
        text,
        width,
        header_key: &header_keys[0],
        dates,
        scan: Scan {
            starts: Vec::with_capacity(expected),
            lines: Vec::with_capacity(expected),
            latest: None,
        },
        row_start: data_start,
        row_line: first_line,
        line: first_line,
        field_start: data_start,
        fields: 0,
        first_field: (data_start, data_start),
        newest_iso: None,
    };
    let mut in_quotes = false;
    let mut at = data_start;
    while at < bytes.len() {
        let byte = bytes[at];
        if !STRUCTURAL[usize::from(byte)] {
            at += 1;
            continue;
        }
        if in_quotes {
            match byte {
                // An escaped quote.
                b'"' if bytes.get(at + 1) == Some(&b'"') => at += 1,
                b'"' => {
                    in_quotes = false;
                    // Text after a closing quote.
                    if !matches!(bytes.get(at + 1), None | Some(b',' | b'\n')) {
                        return None;
                    }
                }
                b'\n' => rows.line += 1,
                _ => {}
            }
        } else {
            match byte {
                // A quote inside an unquoted value.
                b'"' if at != rows.field_start => return None,
                b'"' => {
                    in_quotes = true;
                    // Long values (message bodies) are crossed by a vectorised search.
                    if let Some(next) = memchr::memchr(b'"', &bytes[at + 1..]) {
                        rows.line += memchr::memchr_iter(b'\n', &bytes[at + 1..at + 1 + next]).count() as u64;
                        at += next;
                    }
                }
                b',' => rows.end_field(at),
                _ => {
                    rows.end_field(at);
                    if !rows.end_row(at)? {
                        return Some(rows.finish());
                    }
                    rows.line += 1;
                    rows.start_row(at + 1);
                }
            }
        }
        at += 1;
    }
    if in_quotes {
        return None;
    }
    if rows.row_start < bytes.len() {
        rows.end_field(bytes.len());
        if !rows.end_row(bytes.len())? {
            return Some(rows.finish());
        }
    }
    rows.scan.starts.push(bytes.len());
    Some(rows.finish())
}

/// The bytes that structure a comma-separated file: quote, comma, line feed.
const STRUCTURAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b',' as usize] = true;
    table[b'\n' as usize] = true;
    table
};

/// The scan's progress through the rows.
struct ScanState<'t> {
    text: &'t str,
    width: usize,
    header_key: &'t str,
    dates: Option<(usize, DateColumn)>,
    scan: Scan,
    row_start: usize,
    row_line: u64,
    line: u64,
    field_start: usize,
    /// Fields ended in this row so far.
    fields: usize,
    first_field: (usize, usize),
    /// The newest date written `YYYY-MM-DD HH:MM:SS...` so far: its sort key and its text.
    newest_iso: Option<(([u8; 19], &'t str), &'t str)>,
}

/// A date written `YYYY-MM-DD HH:MM:SS` (a `T` or a space between), with anything after: a key
/// that sorts as the dates do (the separator made a space, the rest compared as text).
fn iso_key(cell: &str) -> Option<([u8; 19], &str)> {
    let bytes = cell.as_bytes();
    let shape = b"dddd-dd-dd dd:dd:dd";
    if bytes.len() < shape.len() {
        return None;
    }
    let mut key = [0u8; 19];
    for (i, (&byte, &want)) in bytes.iter().zip(shape).enumerate() {
        let fits = match want {
            b'd' => byte.is_ascii_digit(),
            b' ' => byte == b' ' || byte == b'T',
            _ => byte == want,
        };
        if !fits {
            return None;
        }
        key[i] = if want == b' ' { b' ' } else { byte };
    }
    Some((key, &cell[shape.len()..]))
}

impl ScanState<'_> {
    /// The scan, with the newest date: parsed from the newest text, or from every text when
    /// that one is not a date after all (`2023-02-31 ...`).
    fn finish(mut self) -> Scan {
        if let (Some((_, newest)), Some((_, order))) = (self.newest_iso, self.dates) {
            match order.datetime(newest) {
                Some(t) => self.scan.latest = self.scan.latest.max(Some(t)),
                None => self.scan.latest = self.scan.latest.max(self.every_date(order)),
            }
        }
        self.scan
    }

    /// The newest date of the date column, every value parsed (rows found so far), read by
    /// one CSV reader over the rows the scan found.
    fn every_date(&self, order: DateColumn) -> Option<NaiveDateTime> {
        let column = self.dates.map(|(column, _)| column)?;
        let (first, end) = (
            *self.scan.starts.first()?,
            *self.scan.starts.get(self.scan.lines.len())?,
        );
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&self.text.as_bytes()[first..end]);
        let mut record = csv::StringRecord::new();
        let mut latest = None;
        while let Ok(true) = reader.read_record(&mut record) {
            latest = latest.max(order.datetime(record.get(column).unwrap_or("").trim()));
        }
        latest
    }

    fn start_row(&mut self, at: usize) {
        self.row_start = at;
        self.row_line = self.line;
        self.field_start = at;
        self.fields = 0;
    }

    fn end_field(&mut self, at: usize) {
        if self.fields == 0 {
            self.first_field = (self.field_start, at);
        }
        if let Some((column, order)) = self.dates {
            if column == self.fields {
                // The value as the row reader has it: without its enclosing quotes, trimmed.
                let field = &self.text[self.field_start..at];
                let value = field
                    .strip_prefix('"')
                    .and_then(|inner| inner.strip_suffix('"'))
                    .unwrap_or(field);
                if value.contains('"') {
                    // An escaped quote (`""`) in a date: rare enough to unescape and parse.
                    let unescaped = value.replace("\"\"", "\"");
                    self.scan.latest = self.scan.latest.max(order.datetime(unescaped.trim()));
                } else {
                    let cell = value.trim();
                    // Dates of the 2020+ layouts sort as text: only the newest is parsed.
                    match iso_key(cell) {
                        Some(key) if self.newest_iso.is_some_and(|(newest, _)| newest >= key) => {}
                        Some(key) => self.newest_iso = Some((key, cell)),
                        None => self.scan.latest = self.scan.latest.max(order.datetime(cell)),
                    }
                }
            }
        }
        self.fields += 1;
        self.field_start = at + 1;
    }

    /// Ends the row at `at` (its line feed, or the end of the text): `Some(true)` to go on,
    /// `Some(false)` when blank lines end the file, `None` when it is not plain.
    fn end_row(&mut self, at: usize) -> Option<bool> {
        let row = &self.text[self.row_start..at];
        if row.bytes().all(|b| b == b',' || b.is_ascii_whitespace()) {
            // Blank lines end the file, or it is not plain.
            let rest_blank = self.text[self.row_start..]
                .bytes()
                .all(|b| b == b',' || b.is_ascii_whitespace());
            if rest_blank {
                self.scan.starts.push(self.row_start);
            }
            return rest_blank.then_some(false);
        }
        // polars drops a byte-order mark at the start of every chunk it is given; the row
        // reader keeps one inside a file. A first cell that spells the header's first name
        // is a repeated header (or a sender named "From"): the row reader's business.
        if self.fields != self.width
            || row.starts_with('\u{feff}')
            || self.line != self.row_line && swallowed_rows(row, self.width, b',')
            || spells(&self.text[self.first_field.0..self.first_field.1], self.header_key)
        {
            return None;
        }
        self.scan.starts.push(self.row_start);
        self.scan.lines.push(self.row_line);
        Some(true)
    }
}

/// The rows of a scanned file, read by polars a chunk at a time.
pub struct Frame<'a> {
    text: &'a str,
    scan: Scan,
    width: usize,
    chunk_rows: usize,
}

impl<'a> Frame<'a> {
    /// The table's rows as a frame, when its shape allows (see `scan`).
    pub fn of(table: &Table<'a>) -> Option<Frame<'a>> {
        let (text, data_start, first_line) = table.data_section()?;
        let header_keys: Vec<String> = table.columns.iter().map(|c| header_key(c)).collect();
        let date = table.column("date");
        let dates = date.map(|column| (column, table.date_column(Some(column))));
        let scan = scan(text, data_start, first_line, &header_keys, table.delimiter(), dates)?;
        Some(Frame {
            text,
            scan,
            width: header_keys.len(),
            chunk_rows: CHUNK_ROWS,
        })
    }

    /// Rows in the file.
    pub(crate) fn rows(&self) -> usize {
        self.scan.rows()
    }

    /// The newest date in the file's `DATE` column: its day is the one the row reader finds.
    pub(crate) fn latest(&self) -> Option<NaiveDateTime> {
        self.scan.latest
    }

    /// Where the last row ends (for progress).
    pub(crate) fn end(&self) -> u64 {
        self.scan.starts.last().map_or(0, |&end| end as u64)
    }

    /// The same frame, parsed `rows` rows at a time (at least one): small chunks put many
    /// chunk boundaries in a small file, for the tests.
    #[must_use]
    pub fn with_chunk_rows(mut self, rows: usize) -> Self {
        self.chunk_rows = rows.max(1);
        self
    }

    /// Calls `visit` for every row, in file order, until it returns false. A chunk that polars
    /// cannot read (which the scan should make impossible) is read by the CSV crate instead,
    /// with the same lines.
    pub(crate) fn for_each_row(&self, mut visit: impl FnMut(&dyn Cells) -> bool) {
        let chunks: Vec<(usize, usize)> = (0..self.scan.rows())
            .step_by(self.chunk_rows)
            .map(|first| (first, (first + self.chunk_rows).min(self.scan.rows())))
            .collect();
        let slice = |&(first, last): &(usize, usize)| &self.text[self.scan.starts[first]..self.scan.starts[last]];
        // polars parses the next chunk while the rows of this one are visited.
        std::thread::scope(|scope| {
            let parse = |chunk: &(usize, usize)| {
                let chunk = *chunk;
                scope.spawn(move || self.read(slice(&chunk), chunk.1 - chunk.0))
            };
            let mut next = chunks.first().map(parse);
            for (i, chunk) in chunks.iter().enumerate() {
                let columns = next.take().and_then(|parsing| parsing.join().ok()).flatten();
                next = chunks.get(i + 1).map(parse);
                // Each column is one array after the rechunk: its values are read directly,
                // not looked up chunk by chunk.
                let arrays: Option<Vec<&StringArray>> = columns
                    .as_ref()
                    .and_then(|columns| columns.iter().map(|column| column.downcast_iter().next()).collect());
                let (first, last) = *chunk;
                let go_on = match arrays {
                    Some(arrays) => (first..last).all(|row| {
                        visit(&FrameRow {
                            columns: &arrays,
                            index: row - first,
                            line: self.scan.lines[row],
                            offset: self.scan.starts[row] as u64,
                        })
                    }),
                    None => self.read_by_rows(slice(chunk), first, &mut visit),
                };
                if !go_on {
                    return;
                }
            }
        });
    }

    /// One chunk's columns, every value a string; `None` if polars fails or reads another
    /// number of rows than the scan found.
    fn read(&self, slice: &str, rows: usize) -> Option<Vec<StringChunked>> {
        let schema: Schema = (0..self.width)
            .map(|i| Field::new(format!("c{i}").into(), DataType::String))
            .collect();
        let parse = CsvParseOptions::default()
            .with_missing_is_null(false)
            .with_quote_char(Some(b'"'));
        let frame = CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(Arc::new(schema)))
            .with_parse_options(parse)
            .with_rechunk(true)
            .into_reader_with_file_handle(Cursor::new(slice.as_bytes()))
            .finish()
            .ok()?;
        if frame.height() != rows || frame.width() != self.width {
            return None;
        }
        frame
            .get_columns()
            .iter()
            .map(|column| Some(column.str().ok()?.rechunk().into_owned()))
            .collect()
    }

    /// The rows of one chunk read by the CSV crate; false when `visit` asked to stop.
    fn read_by_rows(&self, slice: &str, first: usize, visit: &mut impl FnMut(&dyn Cells) -> bool) -> bool {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(slice.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut index = first;
        while let Ok(true) = reader.read_record(&mut record) {
            let (Some(&line), Some(&offset)) = (self.scan.lines.get(index), self.scan.starts.get(index)) else {
                break;
            };
            if !visit(&Row {
                line,
                offset: offset as u64,
                record: &record,
            }) {
                return false;
            }
            index += 1;
        }
        true
    }
}

/// The array of strings behind a polars string column.
type StringArray = <StringType as PolarsDataType>::Array;

/// One row of a chunk.
struct FrameRow<'c> {
    columns: &'c [&'c StringArray],
    index: usize,
    line: u64,
    offset: u64,
}

impl Cells for FrameRow<'_> {
    fn raw(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.columns.get(c))
            .filter(|array| self.index < array.len())
            .map_or("", |array| array.value(self.index))
    }

    fn width(&self) -> usize {
        self.columns.len()
    }

    fn line(&self) -> u64 {
        self.line
    }

    fn offset(&self) -> u64 {
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linkedin::decode::Encoding;
    use crate::linkedin::table::{open, Recognised};

    fn cells_of(text: &str) -> Option<Vec<(u64, Vec<String>)>> {
        let Recognised::Table(table) = open("messages.csv", text, Encoding::Utf8) else {
            panic!("not recognised")
        };
        let cells = |chunk_rows: usize| -> Option<Vec<(u64, Vec<String>)>> {
            let mut out = Vec::new();
            Frame::of(&table)?.with_chunk_rows(chunk_rows).for_each_row(|row| {
                out.push((
                    row.line(),
                    (0..row.width()).map(|c| row.raw(Some(c)).to_string()).collect(),
                ));
                true
            });
            Some(out)
        };
        // Chunks of one row, of two, and the whole file: the same rows.
        let whole = cells(CHUNK_ROWS)?;
        assert_eq!(cells(1).as_ref(), Some(&whole));
        assert_eq!(cells(2).as_ref(), Some(&whole));
        Some(whole)
    }

    fn by_rows(text: &str) -> Vec<(u64, Vec<String>)> {
        let Recognised::Table(mut table) = open("messages.csv", text, Encoding::Utf8) else {
            panic!("not recognised")
        };
        let mut out = Vec::new();
        table.for_each_row(|row| {
            if !row.is_blank() {
                out.push((row.line, row.record.iter().map(str::to_string).collect()));
            }
        });
        out
    }

    const HEADER: &str = "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n";

    #[test]
    fn plain_files_read_as_the_row_reader_reads_them() {
        let cases = [
            "Ann,Me,\"10/16/18, 8:36 AM\",,hello,INCOMING,INBOX\nMe,Ann,\"10/17/18, 9:00 AM\",,\"a, \"\"b\"\"\nand c\",OUTGOING,SENT",
            "Ann,Me,\"10/16/18, 8:36 AM\",,hello,INCOMING,INBOX\n\n\n",
            "\"Ann\",\"Me\",\"2019-11-06T02:08:20\",\"\",\"line one\n\nline three\",\"INCOMING\",\"\"\n",
        ];
        for body in cases {
            let text = format!("{HEADER}{body}");
            assert_eq!(cells_of(&text).as_ref(), Some(&by_rows(&text)), "{body:?}");
        }
    }

    #[test]
    fn other_shapes_go_to_the_row_reader() {
        let cases = [
            // CRLF, a short row, a long row, a blank line between rows, a quote inside a
            // value, text after a closing quote, a repeated header, a swallowing stray quote.
            "Ann,Me,2019-11-06T02:08:20,,hi,INCOMING,INBOX\r\n",
            "Ann,Me,2019-11-06T02:08:20,,hi,INCOMING\n",
            "Ann,Me,2019-11-06T02:08:20,,hi,there,INCOMING,INBOX\n",
            "Ann,Me,2019-11-06T02:08:20,,hi,INCOMING,INBOX\n\nAnn,Me,2019-11-06T02:08:20,,hi,INCOMING,INBOX\n",
            "Ann,Me,2019-11-06T02:08:20,,say \"hi\",INCOMING,INBOX\n",
            "Ann,Me,2019-11-06T02:08:20,,\"hi\"there,INCOMING,INBOX\n",
            "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n",
            "Ann,Me,2019-11-06T02:08:20,,\"oops,INCOMING,INBOX\nAnn,Me,2019-11-07T02:08:20,,hi,INCOMING,INBOX\n\"\n",
            // A byte-order mark starting a row: polars drops it at a chunk's start.
            "Ann,Me,2019-11-06T02:08:20,,hi,INCOMING,INBOX\n\u{feff}Bob,Me,2019-11-06T02:08:20,,hi,INCOMING,INBOX\n",
        ];
        for body in cases {
            let text = format!("{HEADER}{body}");
            assert!(cells_of(&text).is_none(), "{body:?}");
        }
    }

    #[test]
    fn the_newest_date_is_the_newest_the_row_reader_reads() {
        let latest = |dates: &[&str]| {
            let body: String = dates
                .iter()
                .map(|d| format!("Ann,Me,\"{d}\",,hi,INCOMING,INBOX\n"))
                .collect::<Vec<_>>()
                .concat();
            let text = format!("{HEADER}{body}");
            let Recognised::Table(table) = open("messages.csv", &text, Encoding::Utf8) else {
                panic!("not recognised")
            };
            Frame::of(&table).expect("plain").latest().map(|t| t.to_string())
        };
        assert_eq!(
            latest(&["2019-11-06T02:08:20", "2019-11-06 03:00:00", "2019-11-05 23:59:59"]).as_deref(),
            Some("2019-11-06 03:00:00")
        );
        // The newest text is no date: every value is read.
        assert_eq!(
            latest(&["2023-02-31 10:00:00 UTC", "2023-01-02 10:00:00 UTC"]).as_deref(),
            Some("2023-01-02 10:00:00")
        );
        // A date in escaped quotes is no date to the row reader, nor to the scan.
        assert_eq!(
            latest(&["\"\"2030-01-01 00:00:00\"\"", "2019-11-06 02:08:20"]).as_deref(),
            Some("2019-11-06 02:08:20")
        );
        // Dates of other shapes count too.
        assert_eq!(
            latest(&["2023-01-02 10:00:00 UTC", "6/17/23, 6:18 AM"]).as_deref(),
            Some("2023-06-17 06:18:00")
        );
    }

    #[test]
    fn lines_count_breaks_inside_values() {
        let text = format!("Notes:\n\n{HEADER}Ann,Me,x,,\"a\nb\nc\",INCOMING,INBOX\nBob,Me,y,,d,INCOMING,INBOX\n");
        let rows = cells_of(&text).expect("plain");
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![4, 7]);
    }
}
