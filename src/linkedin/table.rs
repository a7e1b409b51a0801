//! Finding the header of a CSV-ish file, whatever sits before it, and recognising what kind of
//! export file it is from that header. Columns are always addressed by header name.

pub use super::cells::{record_to_csv, Cells, Row};
use super::dates::{DateColumn, DateEvidence};
use super::decode::Encoding;

/// The kinds of export file kith reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Where the import reads this kind of file. The profile names the owner, positions and
    /// education describe them, connections carry the richest identities (URL, name,
    /// company), the other files add what they know of the same people, and messages come
    /// last, when everyone they name has been met.
    pub(crate) fn import_order(self) -> u8 {
        match self {
            Kind::Profile => 0,
            Kind::Positions => 1,
            Kind::Education => 2,
            Kind::Connections => 3,
            Kind::EndorsementsReceived => 4,
            Kind::EndorsementsGiven => 5,
            Kind::RecommendationsReceived => 6,
            Kind::RecommendationsGiven => 7,
            Kind::Invitations => 8,
            Kind::Messages => 9,
            Kind::CompanyFollows => 10,
        }
    }

    /// A stable name, hashed into the export fingerprints stored in workspaces: never change
    /// one, or re-importing an export already imported would stop being recognised as such.
    /// ([`Kind::label`] is for people and may change.)
    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Profile => "profile",
            Kind::Positions => "positions",
            Kind::Education => "education",
            Kind::Connections => "connections",
            Kind::EndorsementsReceived => "endorsements-received",
            Kind::EndorsementsGiven => "endorsements-given",
            Kind::RecommendationsReceived => "recommendations-received",
            Kind::RecommendationsGiven => "recommendations-given",
            Kind::Invitations => "invitations",
            Kind::Messages => "messages",
            Kind::CompanyFollows => "company-follows",
        }
    }

    /// A short label used in summaries and the rejects file.
    pub(crate) fn label(self) -> &'static str {
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

/// A header cell as written, without spacing, a byte-order mark or quotes around it.
fn header_cell(cell: &str) -> &str {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '"')
}

/// Normalises a header cell: BOM, case, underscores and spacing do not matter.
pub(crate) fn normalise_header(cell: &str) -> String {
    let cell = header_cell(cell);
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

/// The form two spellings of one header share: letters and digits only, lower-case, without
/// the `.1` pandas appends to a repeated name. `First Name`, `FirstName`, `first_name` and
/// `Connected on` match `first name` and `connected on`; `E-mail Address` matches
/// `email address`.
pub(crate) fn header_key(cell: &str) -> String {
    let cell = header_cell(cell);
    let cell = match cell.rsplit_once('.') {
        Some((head, tail)) if !head.is_empty() && !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => cell,
    };
    cell.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn has(columns: &[String], names: &[&str]) -> bool {
    names
        .iter()
        .all(|n| columns.iter().any(|c| header_key(c) == header_key(n)))
}

fn has_any(columns: &[String], names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| columns.iter().any(|c| header_key(c) == header_key(n)))
}

/// When an invitation was sent, under the names edited files give it.
pub(crate) const SENT_COLUMNS: [&str; 3] = ["sent at", "sent", "sent on"];

/// A connection's first name, under the names edited files give it (`First` is the pre-2016
/// Yahoo export's). This, the last name, the whole name or the URL: one of them is needed to
/// know who a row is.
pub(crate) const FIRST_NAME_COLUMNS: [&str; 3] = ["first name", "given name", "first"];
/// A connection's last name, under the names edited files give it.
pub(crate) const LAST_NAME_COLUMNS: [&str; 4] = ["last name", "surname", "family name", "last"];
/// A connection's whole name in one column.
pub(crate) const FULL_NAME_COLUMNS: [&str; 2] = ["name", "full name"];
/// A connection's profile URL.
pub(crate) const URL_COLUMNS: [&str; 6] = [
    "url",
    "profile url",
    "linkedin url",
    "public profile url",
    "linkedin profile",
    "profile",
];

/// True when a header has a column that names a person: a name or a profile URL.
fn has_person_column(columns: &[String]) -> bool {
    [
        &FIRST_NAME_COLUMNS[..],
        &LAST_NAME_COLUMNS,
        &FULL_NAME_COLUMNS,
        &URL_COLUMNS,
    ]
    .iter()
    .any(|names| has_any(columns, names))
}

/// The date a connection was made, under the names edited files give it.
pub(crate) const CONNECTED_COLUMNS: [&str; 6] = [
    "connected on",
    "connected at",
    "connection date",
    "date connected",
    "connected date",
    "connected",
];

/// Columns besides the name that only a connections file has together with one.
const CONNECTION_DETAIL_COLUMNS: [&str; 8] = [
    "connected on",
    "connected at",
    "connection date",
    "date connected",
    "company",
    "position",
    "email address",
    "job title",
];

/// Columns of the member's other files that also have a `Name` (organisations,
/// certifications, publications...): a file with one of them is not a connections file.
const NOT_CONNECTION_COLUMNS: [&str; 7] = [
    "started on",
    "finished on",
    "description",
    "authority",
    "proficiency",
    "skill name",
    "organization",
];

/// File names of the member's address book (e-mail addresses and phone numbers of contacts
/// imported from elsewhere), which are not LinkedIn connections.
fn is_address_book(base_name: &str, columns: &[String]) -> bool {
    let stem = base_name.rsplit_once('.').map_or(base_name, |(stem, _)| stem);
    matches!(header_key(stem).as_str(), "contacts" | "importedcontacts")
        || has_any(columns, &["phone numbers", "emails"]) && !has_any(columns, &CONNECTED_COLUMNS)
}

/// Recognises a header row. `file_name` only breaks the tie between the two recommendation
/// files, whose headers are identical.
pub(crate) fn recognise(columns: &[String], file_name: &str) -> Option<Kind> {
    let lower_name = file_name.to_lowercase();
    if has(columns, &["first name", "last name", "connected on"]) {
        return Some(Kind::Connections);
    }
    if is_address_book(file_name, columns) {
        return None;
    }
    if has(columns, &["from", "to", "date"]) && has_any(columns, &["content", "subject", "conversation id"]) {
        return Some(Kind::Messages);
    }
    if has(columns, &["from", "to"])
        && (has(columns, &["sent at"]) || has_any(columns, &["sent", "sent on"]) && has(columns, &["direction"]))
    {
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
    // Edited connections files: a name or a profile URL, and something only a connection
    // row has beside it (`First Name;Company;Position;Connected On`, `Name,URL,Company`).
    // A file named for connections needs only a name or URL.
    let named_connections = lower_name.contains("connection");
    if has_person_column(columns)
        && (named_connections || has_any(columns, &CONNECTION_DETAIL_COLUMNS))
        && !has_any(columns, &NOT_CONNECTION_COLUMNS)
    {
        return Some(Kind::Connections);
    }
    None
}

/// Why a file that is not recognised cannot be used, when it looks meant as connections (by
/// its name or a connection-date column) but has no column that names a person: edited or
/// anonymised with the names removed.
fn why_unusable(columns: &[String], raw_header: &csv::StringRecord, base_name: &str) -> Option<String> {
    let found = || found_columns(raw_header);
    let missing = |needed: &[&str]| -> String {
        let absent: Vec<&str> = needed.iter().copied().filter(|n| !has(columns, &[n])).collect();
        absent.join(", ")
    };
    // Messages, invitations and endorsements with a column they need dropped or renamed.
    if has_any(columns, &["conversation id", "content", "sender profile url"]) && has_any(columns, &["from", "to"]) {
        return Some(format!(
            "looks like messages, but has no {} column (found: {})",
            missing(&["FROM", "TO", "DATE"]),
            found()
        ));
    }
    if has_any(columns, &["direction", "inviterprofileurl", "inviterprofileurn"]) && has_any(columns, &["from", "to"]) {
        return Some(format!(
            "looks like invitations, but has no {} column (found: {})",
            missing(&["From", "To", "Sent At"]),
            found()
        ));
    }
    if has(columns, &["skill name"]) || has(columns, &["skill"]) && base_name.to_lowercase().contains("endorse") {
        return Some(format!(
            "looks like endorsements, but has no endorser or endorsee name column (found: {})",
            found()
        ));
    }
    let named_connections = base_name.to_lowercase().contains("connection");
    // Only a header with a connection's columns is worth describing (not a data row).
    if !(named_connections || has_any(columns, &CONNECTED_COLUMNS))
        || has_person_column(columns)
        || !has_any(columns, &CONNECTION_DETAIL_COLUMNS)
    {
        return None;
    }
    if has_any(columns, &NOT_CONNECTION_COLUMNS) && !named_connections {
        return None;
    }
    Some(format!(
        "no name or profile URL column, so no row can be linked to a person (found: {})",
        found()
    ))
}

/// The header's cells as written, for messages: `Company, Position, Connected On`.
fn found_columns(raw_header: &csv::StringRecord) -> String {
    let cells: Vec<&str> = raw_header.iter().map(header_cell).filter(|c| !c.is_empty()).collect();
    cells.join(", ")
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
    /// The file's text, where its data rows start in it, and its delimiter: for scanning a
    /// column before the rows are read ([`Table::date_column`]).
    text: &'a str,
    data_start: usize,
    /// Where in `text` the reader starts (0, or the first row of a header-less file).
    base: usize,
    delimiter: u8,
    /// Rows that repeat the header (two exports pasted into one file), skipped.
    pub repeated_headers: usize,
    /// Day orders already decided, by column (see [`Table::date_column`]).
    date_columns: std::cell::RefCell<Vec<(usize, DateColumn)>>,
}

/// What recognising a file found.
pub enum Recognised<'a> {
    Table(Box<Table<'a>>),
    /// Not a file kith uses; the reason is shown in the summary.
    Unused(String),
}

/// Looks for a known header among the first records of `text`, trying comma, TAB and semicolon.
pub fn open<'a>(name: &str, text: &'a str, encoding: Encoding) -> Recognised<'a> {
    let base_name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if is_address_book(base_name, &[]) {
        return Recognised::Unused(ADDRESS_BOOK.into());
    }
    if text.trim().is_empty() {
        return Recognised::Unused("empty file".into());
    }
    let mut unusable: Option<String> = None;
    for delimiter in [b',', b'\t', b';'] {
        let mut reader = reader(text, delimiter);
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
            let Some(kind) = recognise(&columns, base_name) else {
                if unusable.is_none() {
                    unusable = if is_address_book(base_name, &columns) {
                        Some(ADDRESS_BOOK.into())
                    } else {
                        why_unusable(&columns, &record, base_name)
                    };
                }
                continue;
            };
            let layout = describe(kind, &columns, &record, index > 0, delimiter, encoding, text);
            let data_start = byte_offset(reader.position());
            return Recognised::Table(Box::new(Table {
                name: name.to_string(),
                kind,
                columns,
                layout,
                reader,
                text,
                data_start,
                base: 0,
                delimiter,
                repeated_headers: 0,
                date_columns: std::cell::RefCell::default(),
            }));
        }
    }
    if let Some(table) = headerless_connections(name, text, encoding) {
        return Recognised::Table(Box::new(table));
    }
    if let Some(why) = unusable {
        return Recognised::Unused(why);
    }
    let first_line = text.lines().next().unwrap_or("").trim();
    if first_line.contains([',', '\t', ';']) {
        Recognised::Unused("not a file kith uses".into())
    } else {
        Recognised::Unused("not CSV".into())
    }
}

/// What the summary says of an address book.
const ADDRESS_BOOK: &str = "address book of e-mail and phone contacts, not LinkedIn connections";

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    reader_quoting(text, delimiter, true)
}

/// [`reader`], with quotes read as text when `quoting` is false.
fn reader_quoting(text: &str, delimiter: u8, quoting: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// The headers of the connections layouts, as LinkedIn writes them.
const CONNECTIONS_BEFORE_2018: [&str; 9] = [
    "First Name",
    "Last Name",
    "Address",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
    "Websites",
    "Instant Messengers",
];
const CONNECTIONS_2018: [&str; 6] = [
    "First Name",
    "Last Name",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
];
const CONNECTIONS_2023: [&str; 7] = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
];

/// Records sampled to recognise a connections file without a header.
const HEADERLESS_SAMPLE: usize = 50;

/// A connections file whose header was deleted: most of its first rows have the width of a
/// known layout, with a readable date where that layout has it (the last column, or the
/// seventh of the nine-column layout), and a name or URL.
fn headerless_connections<'a>(name: &str, text: &'a str, encoding: Encoding) -> Option<Table<'a>> {
    for delimiter in [b',', b'\t', b';'] {
        let mut sample = reader(text, delimiter);
        // Per known width: rows with a name (or URL) and, of those, rows with a date where
        // the layout has it. Rows blank but for the date and preamble lines do not count.
        let mut widths: std::collections::HashMap<usize, (usize, usize)> = std::collections::HashMap::new();
        let (mut rows, mut data_start) = (0usize, None);
        for record in sample.records().take(HEADERLESS_SAMPLE) {
            let Ok(record) = record else { break };
            if record.len() < 2 {
                continue;
            }
            let dated_at = match record.len() {
                6 => record.get(5),
                7 | 9 => record.get(6),
                _ => None,
            };
            // Rows start at the first with a date where its layout has one: a line before it
            // (an unrecognised header, a preamble) is not a connection.
            if data_start.is_none() && dated_at.and_then(super::dates::parse_date).is_some() {
                data_start = record.position().map(byte_offset);
            }
            let named = record.iter().take(3).any(|c| c.chars().any(char::is_alphabetic));
            if !named {
                continue;
            }
            rows += 1;
            let (header, date_at): (&[&str], usize) = match record.len() {
                6 => (&CONNECTIONS_2018, 5),
                7 => (&CONNECTIONS_2023, 6),
                9 => (&CONNECTIONS_BEFORE_2018, 6),
                _ => continue,
            };
            let entry = widths.entry(header.len()).or_default();
            entry.0 += 1;
            let url_fits = header.len() != 7
                || record
                    .get(2)
                    .is_some_and(|u| u.trim().is_empty() || u.contains("linkedin.com/"));
            if url_fits && record.get(date_at).and_then(super::dates::parse_date).is_some() {
                entry.1 += 1;
            }
        }
        let best = widths.iter().max_by_key(|(_, (_, dated))| *dated);
        let Some((&width, &(count, dated))) = best else {
            continue;
        };
        if rows == 0 || dated == 0 || count * 10 < rows * 8 || dated * 10 < count * 8 {
            continue;
        }
        let (header, era): (&[&str], &str) = match width {
            6 => (&CONNECTIONS_2018, "2018 – 2023 (6 columns)"),
            7 => (&CONNECTIONS_2023, "mid 2023 – 2026 (7 columns, with URL)"),
            _ => (&CONNECTIONS_BEFORE_2018, "before 2018 (9 columns)"),
        };
        let columns = header.iter().map(|h| normalise_header(h)).collect();
        let data_start = data_start.unwrap_or(0).min(text.len());
        let mut quirks = quirks(delimiter, encoding, data_start > 0, text);
        quirks.insert(0, format!("no header: rows read as the {era} layout"));
        return Some(Table {
            name: name.to_string(),
            kind: Kind::Connections,
            columns,
            layout: quirks.join("; "),
            reader: reader(&text[data_start..], delimiter),
            text,
            data_start,
            base: data_start,
            delimiter,
            repeated_headers: 0,
            date_columns: std::cell::RefCell::default(),
        });
    }
    None
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
    let mut header: Vec<&str> = raw_header.iter().map(header_cell).collect();
    // Spreadsheets pad rows with empty cells; those are not edits.
    while header.last().is_some_and(|c| c.is_empty()) {
        header.pop();
    }
    let edited;
    let era = match kind {
        Kind::Connections if header == CONNECTIONS_2023 => "mid 2023 – 2026 (with URL)",
        Kind::Connections if header == CONNECTIONS_BEFORE_2018 => "before 2018 (9 columns)",
        Kind::Connections if header == CONNECTIONS_2018 && preamble => "late 2020 – early 2023 (preamble, 6 columns)",
        Kind::Connections if header == CONNECTIONS_2018 => "2018 – mid 2020 (6 columns)",
        Kind::Connections if has(columns, &["middle name", "e-mail address", "job title"]) => {
            "pre-2016 Outlook export (no connection dates)"
        }
        Kind::Connections if has(columns, &["first", "last", "nickname"]) => {
            "pre-2016 Yahoo export (no connection dates)"
        }
        Kind::Connections => {
            edited = format!("edited: columns found {}", found_columns(raw_header));
            &edited
        }
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
    let quirks = quirks(delimiter, encoding, preamble, text);
    if quirks.is_empty() {
        era.to_string()
    } else {
        format!("{era}; {}", quirks.join(", "))
    }
}

/// What is unusual about how a file is written: encoding, delimiter, preamble, line ends.
fn quirks(delimiter: u8, encoding: Encoding, preamble: bool, text: &str) -> Vec<String> {
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
    // A vectorised search for CR, which most files never have.
    let bytes = text.as_bytes();
    if memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) == Some(&b'\n')) {
        quirks.push("CRLF".into());
    }
    quirks
}

impl<'a> Table<'a> {
    /// The index of a column by its name, however the file spells it (see [`header_key`]).
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        let key = header_key(name);
        self.columns.iter().position(|c| header_key(c) == key)
    }

    /// The first of several alternative names that is present.
    pub(crate) fn column_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.column(n))
    }

    /// How the dates of a column are read, decided from all its values (day first or month
    /// first: see [`DateColumn`]). Reads the column ahead without moving the table.
    pub(crate) fn date_column(&self, column: Option<usize>) -> DateColumn {
        let Some(column) = column else {
            return DateColumn::default();
        };
        // Decided once per column: the summary's note and the row parser both ask.
        if let Some(&(_, known)) = self.date_columns.borrow().iter().find(|(c, _)| *c == column) {
            return known;
        }
        let mut scan = reader(&self.text[self.data_start.min(self.text.len())..], self.delimiter);
        let mut record = csv::StringRecord::new();
        let mut evidence = DateEvidence::default();
        while !evidence.settled() {
            match scan.read_record(&mut record) {
                Ok(true) => evidence.see(record.get(column).unwrap_or("")),
                _ => break,
            }
        }
        let decided = evidence.column();
        self.date_columns.borrow_mut().push((column, decided));
        decided
    }

    /// The first value of a column that `wanted` accepts, read ahead without moving the table.
    pub(crate) fn first_value(&self, column: usize, wanted: impl Fn(&str) -> bool) -> Option<String> {
        let mut scan = reader(&self.text[self.data_start.min(self.text.len())..], self.delimiter);
        let mut record = csv::StringRecord::new();
        while let Ok(true) = scan.read_record(&mut record) {
            if let Some(value) = record.get(column).map(str::trim).filter(|v| wanted(v)) {
                return Some(value.to_string());
            }
        }
        None
    }

    /// The file's text, where its data rows start (the start of the line after the header)
    /// and that line's number; `None` for a file read without its header or whose header
    /// does not end with a plain line feed.
    pub(crate) fn data_section(&self) -> Option<(&'a str, usize, u64)> {
        let before = self.text.get(..self.data_start)?;
        (self.base == 0 && before.ends_with('\n') && !before.ends_with("\r\n"))
            .then(|| (self.text, self.data_start, before.matches('\n').count() as u64 + 1))
    }

    /// The file's delimiter (comma, TAB or semicolon).
    pub(crate) fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Calls `visit` for every data row, reusing one record buffer. Stops at the end of the
    /// file; a read error (which in-memory input cannot produce) also ends the table.
    ///
    /// Line numbers are counted from the text (the CSV reader's count is off by one in CRLF
    /// files). Rows that repeat the header are skipped and counted. A value spanning lines
    /// that holds whole rows is a stray quote that swallowed them: its lines are read one by
    /// one instead.
    pub(crate) fn for_each_row(&mut self, mut visit: impl FnMut(Row<'_>)) {
        self.for_each_row_while(|row| {
            visit(row);
            true
        });
    }

    /// [`Table::for_each_row`], until `visit` returns false.
    pub(crate) fn for_each_row_while(&mut self, mut visit: impl FnMut(Row<'_>) -> bool) {
        let header_keys: Vec<String> = self.columns.iter().map(|c| header_key(c)).collect();
        let mut lines = LineCounter::default();
        let mut record = csv::StringRecord::new();
        while let Ok(true) = self.reader.read_record(&mut record) {
            let mut start = self.base + record.position().map_or(0, byte_offset);
            // After a CRLF the reader's position is the LF, which belongs to the line before.
            while matches!(self.text.as_bytes().get(start), Some(b'\n' | b'\r')) {
                start += 1;
            }
            let line = lines.line_at(self.text, start);
            if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) {
                continue;
            }
            if is_header(&record, &header_keys) {
                self.repeated_headers += 1;
                continue;
            }
            let end = (self.base + byte_offset(self.reader.position())).min(self.text.len());
            let span = self.text.get(start..end).unwrap_or("");
            // The newlines up to the row's end are counted anyway (for the next row's line):
            // more than its own terminator means a value spans lines.
            let spans_lines = lines.line_at(self.text, end) > line + 1;
            if spans_lines && swallowed_rows(span, header_keys.len(), self.delimiter) {
                for (i, piece) in span.lines().enumerate() {
                    // The line with the stray quote is read as if quotes were text.
                    let quoting = piece.matches('"').count() % 2 == 0;
                    let mut one = reader_quoting(piece, self.delimiter, quoting);
                    let mut cells = csv::StringRecord::new();
                    if !matches!(one.read_record(&mut cells), Ok(true)) || cells.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    if is_header(&cells, &header_keys) {
                        self.repeated_headers += 1;
                        continue;
                    }
                    if !visit(Row {
                        line: line + i as u64,
                        offset: start as u64,
                        record: &cells,
                    }) {
                        return;
                    }
                }
                continue;
            }
            if !visit(Row {
                line,
                offset: start as u64,
                record: &record,
            }) {
                return;
            }
        }
    }

    /// The byte offset reached so far (for progress).
    pub(crate) fn position(&self) -> u64 {
        (self.base as u64) + self.reader.position().byte()
    }
}

/// True when a value spanning lines holds whole rows: a stray quote opened a value and the
/// rows after it became its text. A value that merely has line breaks (a message body, an
/// Outlook note) has no line, after its first, that reads as a row of the header's width.
pub(super) fn swallowed_rows(span: &str, width: usize, delimiter: u8) -> bool {
    span.lines().skip(1).take(SWALLOW_CHECK_LINES).any(|line| {
        // Most lines of a body have too few delimiters to be a row: no reader needed.
        if width < 3 || line.bytes().filter(|&b| b == delimiter).count() + 1 < width {
            return false;
        }
        // A row of the file, not prose with commas: the header's width and a date in it.
        let mut one = reader(line, delimiter);
        let mut cells = csv::StringRecord::new();
        matches!(one.read_record(&mut cells), Ok(true))
            && cells.len() == width
            && cells.iter().any(|cell| super::dates::parse_datetime(cell).is_some())
    })
}

/// Lines of a multi-line value looked at for a swallowed row.
const SWALLOW_CHECK_LINES: usize = 200;

/// True when a row repeats the header (two exports pasted into one file). Runs on every row:
/// the first cell is compared without allocating, and almost every row stops there.
fn is_header(record: &csv::StringRecord, header_keys: &[String]) -> bool {
    record.len() == header_keys.len()
        && record.len() > 1
        && record
            .get(0)
            .zip(header_keys.first())
            .is_some_and(|(cell, key)| spells(cell, key))
        && record
            .iter()
            .zip(header_keys)
            .all(|(cell, key)| header_key(cell) == *key)
}

/// True when `cell` spells the header key `key` ([`header_key`] of it), compared without
/// allocating: it runs on the first cell of every row.
pub(super) fn spells(cell: &str, key: &str) -> bool {
    let letters = cell
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase);
    letters.eq(key.chars())
}

/// Line numbers of byte offsets met in increasing order: newlines are counted once.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    newlines: u64,
}

impl LineCounter {
    /// The 1-based line of the byte at `offset`.
    fn line_at(&mut self, text: &str, offset: usize) -> u64 {
        let offset = offset.min(text.len());
        if offset > self.offset {
            // A memchr search: rows are a few hundred bytes apart.
            self.newlines += text.get(self.offset..offset).map_or(0, |s| s.matches('\n').count()) as u64;
            self.offset = offset;
        }
        self.newlines + 1
    }
}

/// A CSV reader's position as an offset into the text it reads, which is in memory and so
/// within `usize`.
fn byte_offset(position: &csv::Position) -> usize {
    usize::try_from(position.byte()).unwrap_or(usize::MAX)
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
    fn connections_by_the_columns_they_have() {
        for header in [
            "FirstName,LastName,EmailAddress,Company,Position,ConnectedOn",
            "Name,URL,Company,Position,Connected on",
            "First Name;Company;Position;Connected On",
            ",First Name,Last Name,Company",
            "\"Title\",\"First Name\",\"Middle Name\",\"Last Name\",\"E-mail Address\",\"Company\",\"Job Title\"",
        ] {
            let (kind, layout) = kind_of(&format!("{header}\n"), "x.csv").unwrap_or_else(|e| panic!("{header}: {e}"));
            assert_eq!(kind, Kind::Connections, "{header}");
            assert!(
                layout.starts_with("edited") || layout.contains("Outlook"),
                "{header}: {layout}"
            );
        }
        // The member's other files with a name column are not connections.
        for (header, name) in [
            ("Name,Description,Position,Started On,Finished On", "Organizations.csv"),
            (
                "Name,Url,Authority,Started On,Finished On,License Number",
                "Certifications.csv",
            ),
            ("Name", "Skills.csv"),
            ("Name,Proficiency", "Languages.csv"),
            ("Date,FullName,Status", "Member_Follows.csv"),
        ] {
            assert!(kind_of(&format!("{header}\n"), name).is_err(), "{name}");
        }
    }

    #[test]
    fn unusable_files_say_why() {
        assert_eq!(
            kind_of("Company,Position,Connected On\nAcme,CTO,04 Jul 2023\n", "Connections.csv").unwrap_err(),
            "no name or profile URL column, so no row can be linked to a person (found: Company, Position, Connected On)"
        );
        for (text, name) in [
            (
                "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers\n",
                "Contacts.csv",
            ),
            ("First Name,Last Name,Emails\n", "ImportedContacts.csv"),
            (
                "First Name,Last Name,Companies,Emails,Phone Numbers\n",
                "Imported Contacts.csv",
            ),
            ("First Name,Last Name,Companies,Emails,Phone Numbers\n", "book.csv"),
        ] {
            assert!(kind_of(text, name).unwrap_err().starts_with("address book"), "{name}");
        }
    }

    #[test]
    fn headerless_connections_need_dates_where_the_layout_has_them() {
        let rows = "Hana,Sato,https://www.linkedin.com/in/hana,,Sony,Producer,04 Jul 2023\nKoji,Ito,,,Honda,Engineer,05 Jul 2023\n";
        let (kind, layout) = kind_of(rows, "c.csv").unwrap();
        assert_eq!(kind, Kind::Connections);
        assert!(layout.starts_with("no header"), "{layout}");
        // Seven cells without a date last are something else.
        assert!(kind_of("a,b,c,d,e,f,g\nh,i,j,k,l,m,n\n", "c.csv").is_err());
    }

    #[test]
    fn an_unrecognised_header_above_headerless_rows_is_not_a_row() {
        let text = "Vorname,Nachname,URL,E-Mail,Firma,Position,Verbunden am\n\
Hana,Sato,https://www.linkedin.com/in/hana,,Sony,Producer,04 Jul 2023\n\
Koji,Ito,,,Honda,Engineer,05 Jul 2023\n";
        let Recognised::Table(mut table) = open("Kontakte.csv", text, Encoding::Utf8) else {
            panic!("not recognised")
        };
        let mut lines = Vec::new();
        table.for_each_row(|row| lines.push((row.line, row.record.get(0).unwrap_or("").to_string())));
        assert_eq!(lines, [(2, "Hana".to_string()), (3, "Koji".to_string())]);
    }

    #[test]
    fn prose_with_commas_is_not_a_swallowed_row() {
        let body = "\"Dear Ann, thanks, truly, for all of it,\nyou were great, kind, sharp, funny, and fair,\nBest\"";
        assert!(!swallowed_rows(body, 7, b','));
        let stray =
            "\"edited by hand,INBOX\n2-a,,Ann,https://www.linkedin.com/in/ann,Olga,2023-01-02 10:00:00 UTC,hi\n";
        assert!(swallowed_rows(stray, 7, b','));
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
