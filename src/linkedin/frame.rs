//! The message history read column-wise by polars' multi-threaded CSV reader.
//!
//! A quote-aware scan of the text first finds where each row starts and on which line, and
//! checks that the file has the plain shape that polars reads exactly as the row reader
//! ([`Table::for_each_row`]) does: comma-separated, LF line ends, every row the header's
//! width, quotes only around whole values, no blank line between rows, no value spanning
//! lines that swallowed rows (a stray quote), no repeated header. Every export LinkedIn wrote
//! has that shape; a file of any other shape (an Excel re-save, an edit) is read row by row.
//!
//! The rows are then parsed by polars a chunk at a time, so the columns of a million
//! messages never sit in memory all at once, and each row keeps its file line for rejects.

use std::io::Cursor;
use std::sync::Arc;

use polars::prelude::*;

use super::table::{header_key, swallowed_rows, Cells, Row, Table};

/// Rows parsed by polars at a time: large enough for its threads to share, small enough that
/// the columns of one chunk stay a few tens of megabytes.
const CHUNK_ROWS: usize = 1 << 17;

/// Where every data row of a file starts, and on which line.
#[derive(Debug)]
pub struct Scan {
    /// Byte offset in the text of each row's start, and one more: the end of the last row.
    starts: Vec<usize>,
    /// The 1-based file line of each row.
    lines: Vec<u64>,
}

impl Scan {
    /// Rows found.
    pub fn rows(&self) -> usize {
        self.lines.len()
    }
}

/// Scans the data rows of `text` from `data_start` (the start of the line after the header),
/// which is line `first_line`. `None` when the file's shape needs the row reader (see the
/// module docs).
pub fn scan(text: &str, data_start: usize, first_line: u64, header_keys: &[String], delimiter: u8) -> Option<Scan> {
    let width = header_keys.len();
    if delimiter != b',' || width < 2 {
        return None;
    }
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut lines = Vec::new();
    let mut at = data_start;
    let mut line = first_line;
    while at < bytes.len() {
        let row_start = at;
        let row_line = line;
        let mut fields = 1;
        let mut first_field_end = None;
        loop {
            if bytes.get(at) == Some(&b'"') {
                // A quoted value: up to the closing quote (`""` is an escaped quote).
                at += 1;
                loop {
                    let next = memchr::memchr2(b'"', b'\n', &bytes[at..])? + at;
                    if bytes[next] == b'\n' {
                        line += 1;
                        at = next + 1;
                        continue;
                    }
                    if bytes.get(next + 1) == Some(&b'"') {
                        at = next + 2;
                        continue;
                    }
                    at = next + 1;
                    break;
                }
                match bytes.get(at) {
                    Some(&b',') | Some(&b'\n') | None => {}
                    // Text after a closing quote: the row reader's business.
                    Some(_) => return None,
                }
            } else {
                let next = memchr::memchr3(b',', b'\n', b'"', &bytes[at..]).map_or(bytes.len(), |n| n + at);
                // A quote inside an unquoted value, or a CR before the line end.
                if bytes.get(next) == Some(&b'"') || bytes[at..next].contains(&b'\r') {
                    return None;
                }
                at = next;
            }
            first_field_end.get_or_insert(at);
            match bytes.get(at) {
                Some(&b',') => {
                    fields += 1;
                    at += 1;
                }
                _ => break,
            }
        }
        let row_end = at;
        let blank = text[row_start..row_end].trim().is_empty() || text[row_start..row_end].bytes().all(|b| b == b',');
        if blank {
            // Blank lines end the file, or it is not plain.
            return text[row_start..]
                .trim_matches(|c: char| c.is_whitespace() || c == ',')
                .is_empty()
                .then(|| {
                    starts.push(row_start);
                    Scan { starts, lines }
                });
        }
        if fields != width || line != row_line && swallowed_rows(&text[row_start..row_end], width, delimiter) {
            return None;
        }
        let first = &text[row_start..first_field_end.unwrap_or(row_start)];
        if is_header_cell(first, &header_keys[0]) {
            return None;
        }
        starts.push(row_start);
        lines.push(row_line);
        if at < bytes.len() {
            // The line end.
            at += 1;
            line += 1;
        }
    }
    starts.push(at);
    Some(Scan { starts, lines })
}

/// A first cell that spells the header's first name: the header repeated (two files pasted).
fn is_header_cell(cell: &str, key: &str) -> bool {
    let cell = cell.trim().trim_matches('"');
    cell.len() <= key.len() * 2 + 8 && header_key(cell) == key
}

/// The rows of a scanned file, read by polars a chunk at a time.
pub struct Frame<'a> {
    text: &'a str,
    scan: Scan,
    width: usize,
}

impl<'a> Frame<'a> {
    /// The table's rows as a frame, when its shape allows (see [`scan`]).
    pub fn of(table: &Table<'a>) -> Option<Frame<'a>> {
        let (text, data_start, first_line) = table.data_section()?;
        let header_keys: Vec<String> = table.columns.iter().map(|c| header_key(c)).collect();
        let scan = scan(text, data_start, first_line, &header_keys, table.delimiter())?;
        Some(Frame {
            text,
            scan,
            width: header_keys.len(),
        })
    }

    /// Rows in the file.
    pub fn rows(&self) -> usize {
        self.scan.rows()
    }

    /// Calls `visit` for every row, in file order. A chunk that polars cannot read (which the
    /// scan should make impossible) is read by the CSV crate instead, with the same lines.
    pub fn for_each_row(&self, mut visit: impl FnMut(&dyn Cells)) {
        let mut first = 0;
        while first < self.scan.rows() {
            let last = (first + CHUNK_ROWS).min(self.scan.rows());
            let slice = &self.text[self.scan.starts[first]..self.scan.starts[last]];
            match self.read(slice, last - first) {
                Some(columns) => {
                    for i in 0..last - first {
                        visit(&FrameRow {
                            columns: &columns,
                            index: i,
                            line: self.scan.lines[first + i],
                            offset: self.scan.starts[first + i] as u64,
                        });
                    }
                }
                None => self.read_by_rows(slice, first, &mut visit),
            }
            first = last;
        }
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

    fn read_by_rows(&self, slice: &str, first: usize, visit: &mut impl FnMut(&dyn Cells)) {
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
            visit(&Row {
                line,
                offset: offset as u64,
                record: &record,
            });
            index += 1;
        }
    }
}

/// One row of a chunk.
struct FrameRow<'c> {
    columns: &'c [StringChunked],
    index: usize,
    line: u64,
    offset: u64,
}

impl Cells for FrameRow<'_> {
    fn raw(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.columns.get(c))
            .and_then(|strings| strings.get(self.index))
            .unwrap_or("")
    }

    fn len(&self) -> usize {
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
        let frame = Frame::of(&table)?;
        let mut out = Vec::new();
        frame.for_each_row(|row| {
            out.push((
                row.line(),
                (0..row.len()).map(|c| row.raw(Some(c)).to_string()).collect(),
            ))
        });
        Some(out)
    }

    fn by_rows(text: &str) -> Vec<(u64, Vec<String>)> {
        let Recognised::Table(mut table) = open("messages.csv", text, Encoding::Utf8) else {
            panic!("not recognised")
        };
        let mut out = Vec::new();
        table.for_each_row(|row| {
            if !row.is_blank() {
                out.push((row.line, row.record.iter().map(str::to_string).collect()))
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
        ];
        for body in cases {
            let text = format!("{HEADER}{body}");
            assert!(cells_of(&text).is_none(), "{body:?}");
        }
    }

    #[test]
    fn lines_count_breaks_inside_values() {
        let text = format!("Notes:\n\n{HEADER}Ann,Me,x,,\"a\nb\nc\",INCOMING,INBOX\nBob,Me,y,,d,INCOMING,INBOX\n");
        let rows = cells_of(&text).expect("plain");
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![4, 7]);
    }
}
