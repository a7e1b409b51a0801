//! Output safety shared by every printer: CSV cells defused against formula injection.

use std::borrow::Cow;

/// Defuses a CSV cell that a spreadsheet would run as a formula: cells starting with `=`,
/// `+`, `-`, `@` (and TAB or CR, which some spreadsheets strip first) get a leading `'`.
///
/// ```
/// use kith::output::defuse;
/// assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(defuse("Acme"), "Acme");
/// ```
#[must_use]
pub fn defuse(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Characters that change how text shows without being seen: zero-width spaces and joiners,
/// bidirectional overrides and isolates, variation selectors, the byte-order mark. Labels and
/// cards leave them out.
#[must_use]
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
    )
}

/// Text safe to show in one line of a table or chart: control characters removed, at most
/// `max` characters (an ellipsis marks a cut).
///
/// ```
/// assert_eq!(kith::output::truncate("Acme\u{1} Robotics", 7), "Acme R…");
/// ```
#[must_use]
pub fn truncate(text: &str, max: usize) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= max {
        clean
    } else {
        format!("{}…", clean.chars().take(max.saturating_sub(1)).collect::<String>())
    }
}

/// Writes rows as CSV with every cell defused.
pub fn write_csv<W: std::io::Write>(
    out: W,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header).map_err(std::io::Error::other)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|c| defuse(c).into_owned()))
            .map_err(std::io::Error::other)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuses_formula_starts() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=x"] {
            assert!(defuse(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(defuse(""), "");
        assert_eq!(defuse("José"), "José");
    }

    #[test]
    fn csv_rows_are_defused() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &["a", "b"],
            vec![vec!["=cmd".to_string(), "ok, fine".to_string()]],
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a,b\n'=cmd,\"ok, fine\"\n");
    }
}
