//! Finding the header of a CSV-ish file, whatever sits before it, and recognising what kind of
//! export file it is from that header. Columns are always addressed by header name.

use super::decode::Encoding;

/// The kinds of export file kith reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Profile,
    Positions,
    Education,
    Connections,
    EndorsementsReceived,
    EndorsementsGiven,
    RecommendationsReceived,
    RecommendationsGiven,
    Invitations,
    Messages,
    CompanyFollows,
}

impl Kind {
    /// A short label used in summaries and the rejects file.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Profile => "profile",
            Kind::Positions => "positions",
            Kind::Education => "education",
            Kind::Connections => "connections",
            Kind::EndorsementsReceived => "endorsements received",
            Kind::EndorsementsGiven => "endorsements given",
            Kind::RecommendationsReceived => "recommendations received",
            Kind::RecommendationsGiven => "recommendations given",
            Kind::Invitations => "invitations",
            Kind::Messages => "messages",
            Kind::CompanyFollows => "company follows",
        }
    }
}

/// How many records may come before the header (the `Notes:` preamble is three lines; Excel
/// may add a few more).
const MAX_PREAMBLE_RECORDS: usize = 12;

/// Normalises a header cell: BOM, case, underscores and spacing do not matter.
pub fn normalise_header(cell: &str) -> String {
    let cell = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '"');
    let mut out = String::with_capacity(cell.len());
    let mut space = false;
    for c in cell.chars() {
        if c == '_' || c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn has(columns: &[String], names: &[&str]) -> bool {
    names.iter().all(|n| columns.iter().any(|c| c == n))
}

fn has_any(columns: &[String], names: &[&str]) -> bool {
    names.iter().any(|n| columns.iter().any(|c| c == n))
}

/// Recognises a header row. `file_name` only breaks the tie between the two recommendation
/// files, whose headers are identical.
pub fn recognise(columns: &[String], file_name: &str) -> Option<Kind> {
    let lower_name = file_name.to_lowercase();
    if has(columns, &["first name", "last name", "connected on"]) {
        return Some(Kind::Connections);
    }
    if has(columns, &["from", "to", "date"]) && has_any(columns, &["content", "subject", "conversation id"]) {
        return Some(Kind::Messages);
    }
    if has(columns, &["from", "to", "sent at"]) {
        return Some(Kind::Invitations);
    }
    if has(columns, &["skill name", "endorser first name"]) {
        return Some(Kind::EndorsementsReceived);
    }
    if has(columns, &["skill name", "endorsee first name"]) {
        return Some(Kind::EndorsementsGiven);
    }
    if has(columns, &["first name", "last name", "text"]) && has_any(columns, &["creation date", "status", "job title"])
    {
        return Some(if lower_name.contains("given") {
            Kind::RecommendationsGiven
        } else {
            Kind::RecommendationsReceived
        });
    }
    if has(columns, &["company name", "title"]) && has_any(columns, &["started on", "finished on"]) {
        return Some(Kind::Positions);
    }
    if has(columns, &["first name", "last name"]) && has_any(columns, &["headline", "maiden name", "summary"]) {
        return Some(Kind::Profile);
    }
    if has(columns, &["school name"]) {
        return Some(Kind::Education);
    }
    if has(columns, &["organization", "followed on"]) {
        return Some(Kind::CompanyFollows);
    }
    None
}

/// One recognised file, positioned just after its header.
pub struct Table<'a> {
    /// The file's display name (its path inside the archive or folder).
    pub name: String,
    pub kind: Kind,
    /// Normalised header names, in file order.
    pub columns: Vec<String>,
    /// The era or variant recognised, plus any quirks (encoding, delimiter, preamble).
    pub layout: String,
    reader: csv::Reader<&'a [u8]>,
}

/// What recognising a file found.
pub enum Recognised<'a> {
    Table(Table<'a>),
    /// Not a file kith uses; the reason is shown in the summary.
    Unused(String),
}

/// Looks for a known header among the first records of `text`, trying comma, TAB and semicolon.
pub fn open<'a>(name: &str, text: &'a str, encoding: Encoding) -> Recognised<'a> {
    let base_name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if text.trim().is_empty() {
        return Recognised::Unused("empty file".into());
    }
    for delimiter in [b',', b'\t', b';'] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        for index in 0..MAX_PREAMBLE_RECORDS {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                _ => break,
            }
            if record.len() < 2 {
                continue;
            }
            let columns: Vec<String> = record.iter().map(normalise_header).collect();
            if let Some(kind) = recognise(&columns, base_name) {
                let layout = describe(kind, &columns, &record, index > 0, delimiter, encoding, text);
                return Recognised::Table(Table {
                    name: name.to_string(),
                    kind,
                    columns,
                    layout,
                    reader,
                });
            }
        }
    }
    let first_line = text.lines().next().unwrap_or("").trim();
    if !first_line.contains([',', '\t', ';']) {
        Recognised::Unused("not CSV".into())
    } else {
        Recognised::Unused("not a file kith uses".into())
    }
}

fn describe(
    kind: Kind,
    columns: &[String],
    raw_header: &csv::StringRecord,
    preamble: bool,
    delimiter: u8,
    encoding: Encoding,
    text: &str,
) -> String {
    let era = match kind {
        Kind::Connections if has(columns, &["url"]) => "mid 2023 – 2026 (with URL)",
        Kind::Connections if has_any(columns, &["address", "websites", "instant messengers"]) => {
            "before 2018 (9 columns)"
        }
        Kind::Connections if preamble => "late 2020 – early 2023 (preamble, 6 columns)",
        Kind::Connections => "2018 – mid 2020 (6 columns)",
        Kind::Messages if has(columns, &["recipient profile urls"]) => "mid 2023 – 2026 (recipient URLs)",
        Kind::Messages if has(columns, &["conversation id"]) => "2021 – early 2023 (conversation IDs)",
        Kind::Messages
            if raw_header
                .get(0)
                .is_some_and(|h| h.trim_start_matches('\u{feff}').trim() == "FROM") =>
        {
            "~2020 (upper-case, ISO dates)"
        }
        Kind::Messages => "2018 (From, To, Direction)",
        Kind::Invitations if has(columns, &["inviterprofileurl"]) => "late 2023+ (profile URLs)",
        Kind::Invitations if has(columns, &["inviterprofileurn"]) => "mid 2023 (member URNs)",
        Kind::Invitations => "classic (From, To, Sent At)",
        Kind::EndorsementsReceived | Kind::EndorsementsGiven
            if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) =>
        {
            "legacy UTF-16 TAB"
        }
        Kind::EndorsementsReceived | Kind::EndorsementsGiven
            if has_any(columns, &["endorser public url", "endorsee public url"]) =>
        {
            "with profile URLs"
        }
        Kind::EndorsementsReceived | Kind::EndorsementsGiven => "without profile URLs",
        Kind::Profile if columns.len() >= 15 => "2018 (15 columns)",
        _ => "standard",
    };
    let mut quirks = Vec::new();
    if encoding != Encoding::Utf8 {
        quirks.push(encoding.label().to_string());
    }
    match delimiter {
        b'\t' => quirks.push("TAB-separated".into()),
        b';' => quirks.push("semicolon-separated".into()),
        _ => {}
    }
    if preamble {
        quirks.push("preamble skipped".into());
    }
    if text.contains("\r\n") {
        quirks.push("CRLF".into());
    }
    if quirks.is_empty() {
        era.to_string()
    } else {
        format!("{era}; {}", quirks.join(", "))
    }
}

/// A record joined back into one CSV line (RFC 4180 quoting where needed), for the rejects
/// file. Cheap enough to run on every row of a file.
pub fn record_to_csv(record: &csv::StringRecord) -> String {
    let mut out = String::new();
    for (i, cell) in record.iter().enumerate() {
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

/// A data row: its 1-based line number in the file and its cells.
pub struct Row<'r> {
    pub line: u64,
    /// Byte offset of the row in the file (for progress).
    pub offset: u64,
    pub record: &'r csv::StringRecord,
}

impl Row<'_> {
    /// The trimmed cell at `column`, or `""` when the column is absent, the row is short, or
    /// the cell holds one of Excel's empty markers (`NA`, `#N/A`).
    pub fn get(&self, column: Option<usize>) -> &str {
        let cell = column.and_then(|c| self.record.get(c)).unwrap_or("").trim();
        match cell {
            "NA" | "#N/A" | "N/A" | "null" => "",
            _ => cell,
        }
    }

    /// The cell without trimming (message bodies keep their spacing).
    pub fn raw(&self, column: Option<usize>) -> &str {
        column.and_then(|c| self.record.get(c)).unwrap_or("")
    }

    /// True when every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.record.iter().all(|c| c.trim().is_empty())
    }

    /// The row re-joined as CSV, for the rejects file.
    pub fn to_csv_line(&self) -> String {
        record_to_csv(self.record)
    }
}

impl<'a> Table<'a> {
    /// The index of a column by its normalised name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The first of several alternative names that is present.
    pub fn column_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.column(n))
    }

    /// Calls `visit` for every data row, reusing one record buffer. Stops at the end of the
    /// file; a read error (which in-memory input cannot produce) also ends the table.
    pub fn for_each_row(&mut self, mut visit: impl FnMut(Row<'_>)) {
        let mut record = csv::StringRecord::new();
        // A read error (which in-memory input cannot produce) ends the table like its end.
        while let Ok(true) = self.reader.read_record(&mut record) {
            let (line, offset) = record.position().map(|p| (p.line(), p.byte())).unwrap_or((0, 0));
            if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) {
                continue;
            }
            visit(Row {
                line,
                offset,
                record: &record,
            });
        }
    }

    /// The byte offset reached so far (for progress).
    pub fn position(&self) -> u64 {
        self.reader.position().byte()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(text: &str, name: &str) -> Result<(Kind, String), String> {
        match open(name, text, Encoding::Utf8) {
            Recognised::Table(t) => Ok((t.kind, t.layout)),
            Recognised::Unused(why) => Err(why),
        }
    }

    #[test]
    fn connections_every_era() {
        let pre2018 =
            "First Name,Last Name,Address,Email Address,Company,Position,Connected On,Websites,Instant Messengers\n";
        assert_eq!(
            kind_of(pre2018, "Connections.csv").unwrap().1,
            "before 2018 (9 columns)"
        );
        let y2018 = "First Name,Last Name,Email Address,Company,Position,Connected On\n";
        assert_eq!(
            kind_of(y2018, "Connections.csv").unwrap().1,
            "2018 – mid 2020 (6 columns)"
        );
        let y2021 = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On\n";
        assert_eq!(
            kind_of(y2021, "Connections.csv").unwrap().1,
            "late 2020 – early 2023 (preamble, 6 columns); preamble skipped"
        );
        let excel = "Notes:,,,,,,\r\n\"When exporting, some emails are missing.\",,,,,,\r\n,,,,,,\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n";
        let (kind, layout) = kind_of(excel, "x.csv").unwrap();
        assert_eq!(kind, Kind::Connections);
        assert!(layout.contains("CRLF") && layout.contains("with URL"), "{layout}");
        let semicolons = "First Name;Last Name;URL;Email Address;Company;Position;Connected On\n";
        assert!(kind_of(semicolons, "c.csv").unwrap().1.contains("semicolon"));
    }

    #[test]
    fn recognised_by_header_not_name() {
        let messages = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n";
        assert_eq!(kind_of(messages, "renamed.csv").unwrap().0, Kind::Messages);
        assert_eq!(
            kind_of("No conversations found\n", "LearningCoachMessages.csv").unwrap_err(),
            "not CSV"
        );
        assert_eq!(
            kind_of("Title,Url,Saved At,\n", "Learning.csv").unwrap_err(),
            "not a file kith uses"
        );
        assert_eq!(
            kind_of(
                "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n",
                "Recommendations_Given.csv"
            )
            .unwrap()
            .0,
            Kind::RecommendationsGiven
        );
    }

    #[test]
    fn header_normalisation() {
        assert_eq!(normalise_header("\u{feff}First_Name "), "first name");
        assert_eq!(normalise_header("CONVERSATION  ID"), "conversation id");
        assert_eq!(normalise_header("inviterProfileUrl"), "inviterprofileurl");
    }

    #[test]
    fn records_join_back_into_csv() {
        let record = csv::StringRecord::from(vec!["Tamara", "Hafner, PhD", "say \"hi\"", "two\nlines", ""]);
        let line = record_to_csv(&record);
        assert_eq!(line, "Tamara,\"Hafner, PhD\",\"say \"\"hi\"\"\",\"two\nlines\",");
        let back = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(back, record);
    }
}
