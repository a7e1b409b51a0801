//! Terminal conventions: quiet and verbose levels, colour only on a terminal and never with
//! `NO_COLOR`, errors as one line on stderr.

use std::io::IsTerminal;

/// How to talk to the person at the terminal.
pub struct Ui {
    pub quiet: bool,
    pub verbose: u8,
    color_out: bool,
    color_err: bool,
    pub stderr_terminal: bool,
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Ui {
    pub fn new(quiet: bool, verbose: u8) -> Self {
        let stderr_terminal = std::io::stderr().is_terminal();
        Ui {
            quiet,
            verbose,
            color_out: std::io::stdout().is_terminal() && !no_color(),
            color_err: stderr_terminal && !no_color(),
            stderr_terminal,
        }
    }

    fn paint(on: bool, code: &str, text: &str) -> String {
        if on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Bold, for headings on stdout.
    pub fn bold(&self, text: &str) -> String {
        Self::paint(self.color_out, "1", text)
    }

    /// Dim, for secondary detail on stdout.
    pub fn dim(&self, text: &str) -> String {
        Self::paint(self.color_out, "2", text)
    }

    /// Yellow, for warnings on stdout.
    pub fn warn_text(&self, text: &str) -> String {
        Self::paint(self.color_out, "33", text)
    }

    /// Green, for success on stdout.
    pub fn good(&self, text: &str) -> String {
        Self::paint(self.color_out, "32", text)
    }

    /// Prints an error as one line on stderr.
    pub fn error(&self, message: &str) {
        let one_line = message.replace('\n', " ");
        eprintln!("{} {one_line}", Self::paint(self.color_err, "1;31", "error:"));
    }

    /// The outcome of a command that looked for records: exit 0 when it found some, else 1
    /// with `why` on stderr unless quiet (the records, an empty list, still go to stdout).
    pub fn found(&self, count: usize, why: &str) -> std::process::ExitCode {
        if count > 0 {
            return std::process::ExitCode::SUCCESS;
        }
        if !self.quiet {
            eprintln!("{why}");
        }
        std::process::ExitCode::from(1)
    }

    /// Prints a warning on stderr unless quiet.
    pub fn warning(&self, message: &str) {
        if !self.quiet {
            eprintln!("{} {message}", Self::paint(self.color_err, "1;33", "warning:"));
        }
    }
}

/// `1,234,567`.
pub fn thousands(n: impl TryInto<i128>) -> String {
    let n: i128 = n.try_into().unwrap_or(i128::MAX);
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// `Engineer at Acme`, `Acme`, `Engineer`, or empty.
pub fn role(position: &str, company: &str) -> String {
    let (position, company) = (position.trim(), company.trim());
    // "Consultant (Self-employed)", never "Consultant at Self-employed".
    if !company.is_empty() && kith::resolve::company_key(company).is_empty() {
        return if position.is_empty() {
            company.to_string()
        } else {
            format!("{position} ({company})")
        };
    }
    [position, company]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" at ")
}

/// Greedy word wrap to `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Prints a value as pretty JSON followed by a newline (the `--format json` of every command).
pub fn print_json(out: &mut impl std::io::Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
