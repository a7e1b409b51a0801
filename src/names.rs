//! Names as people write them in prose: the greeting a person would use ("Hi Jane" for
//! "Dr. Jane Doe", "Hi John" for "JOHN SMITH"), a company without its legal form ("Acme
//! Robotics", not "Acme Robotics, Inc."), and the company cells that name no company at all
//! ("Self-employed", "Stealth Startup", "Looking for new opportunities").

use unicode_normalization::UnicodeNormalization;

/// Titles that precede a name and are not how anyone is greeted.
const HONORIFICS: &[&str] = &[
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "mx",
    "mx.",
    "miss",
    "sir",
    "dame",
    "ing",
    "ing.",
    "dipl.-ing.",
    "dott",
    "dott.",
    "dra",
    "dra.",
    "sr",
    "sr.",
    "sra",
    "sra.",
    "herr",
    "frau",
    "mme",
    "mme.",
    "m.",
    "mlle",
    "rev",
    "rev.",
    "capt",
    "capt.",
];

/// Given names that are two words, greeted whole when the export gives no first-name column.
const COMPOUND_GIVEN: &[&str] = &[
    "maría josé",
    "maria jose",
    "josé luis",
    "jose luis",
    "juan carlos",
    "juan pablo",
    "josé maría",
    "jose maria",
    "maría fernanda",
    "maria fernanda",
    "ana maría",
    "ana maria",
    "luis miguel",
    "maría teresa",
    "maria teresa",
    "juan josé",
    "juan jose",
    "miguel ángel",
    "miguel angel",
    "josé antonio",
    "jose antonio",
    "mary ann",
    "mary jane",
    "anne marie",
    "ann marie",
    "jean pierre",
    "jean paul",
    "jean marc",
    "marie claire",
    "marie france",
    "anna maria",
    "maria clara",
    "maria eduarda",
    "joão pedro",
    "joao pedro",
    "maria luisa",
    "maría luisa",
];

/// Title case for a word written all in capitals or all in lower case; other words as written
/// ("McDonald", "DeShawn" keep their inner capitals).
fn natural_case(word: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.iter().all(|c| c.is_uppercase());
    let all_lower = letters.iter().all(|c| c.is_lowercase());
    if letters.len() < 2 || !(all_upper || all_lower) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.extend(c.to_lowercase());
        }
        if c == '-' || c == '\'' {
            start = true;
        }
    }
    out
}

/// The name to greet someone by: the given name (the export's `First Name` when known),
/// without titles, credentials or emoji, in natural case.
///
/// ```
/// use kith::names::greeting;
/// assert_eq!(greeting("Dr. Jane Doe", None), "Jane");
/// assert_eq!(greeting("JOHN SMITH", None), "John");
/// assert_eq!(greeting("María José García", Some("María José")), "María José");
/// assert_eq!(greeting("María José García", None), "María José");
/// ```
#[must_use]
pub fn greeting(full_name: &str, given: Option<&str>) -> String {
    // Compatibility forms: "𝐅𝐚𝐭𝐢𝐦𝐚" is greeted as "Fatima".
    let clean = |text: &str| -> Vec<String> {
        let plain: String = text.nfkc().collect();
        let head = plain.split(',').next().unwrap_or("").to_string();
        head.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '.'))
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let strip_titles = |mut words: Vec<String>| -> Vec<String> {
        while words.len() > 1 && HONORIFICS.contains(&words[0].to_lowercase().as_str()) {
            words.remove(0);
        }
        words
    };
    if let Some(given) = given {
        let words = strip_titles(clean(given));
        if !words.is_empty() {
            return words.iter().map(|w| natural_case(w)).collect::<Vec<_>>().join(" ");
        }
    }
    // Someone known only by a profile address that spells no name (`linkedin.com/in/jsmith1`).
    if full_name.starts_with("linkedin.com/") {
        return "there".into();
    }
    let words = strip_titles(clean(full_name));
    let Some(first) = words.first() else {
        return full_name.trim().to_string();
    };
    if words.len() >= 3 {
        let pair = format!("{} {}", words[0], words[1]).to_lowercase();
        if COMPOUND_GIVEN.contains(&pair.as_str()) {
            return format!("{} {}", natural_case(&words[0]), natural_case(&words[1]));
        }
    }
    natural_case(first.trim_end_matches('.'))
}

/// A full name as prose writes it: credentials after a comma, emoji and decorations gone,
/// compatibility letters made plain ("Xavier O'Brien, PhD" → "Xavier O'Brien",
/// "Omar Graham 👨‍💻" → "Omar Graham", "𝐅𝐚𝐭𝐢𝐦𝐚 Brown" → "Fatima Brown").
///
/// ```
/// use kith::names::prose_name;
/// assert_eq!(prose_name("Xavier O'Brien, PhD"), "Xavier O'Brien");
/// assert_eq!(prose_name("Omar Graham 👨‍💻"), "Omar Graham");
/// ```
#[must_use]
pub fn prose_name(full: &str) -> String {
    let plain: String = full.nfkc().collect();
    let head = plain.split(',').next().unwrap_or("");
    let words: Vec<String> = head
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '.' | '’'))
                .collect::<String>()
        })
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.is_empty() {
        full.trim().to_string()
    } else {
        words.join(" ")
    }
}

/// Company cells that name no company: a way of working, a status or a secret. Compared on
/// the folded cell (lower case, accents and punctuation gone).
const PLACEHOLDERS: &[&str] = &[
    "self employed",
    "selfemployed",
    "self",
    "myself",
    "freelance",
    "freelancer",
    "freelancing",
    "free lance",
    "independent",
    "independent consultant",
    "independent contractor",
    "consultant",
    "contractor",
    "stealth",
    "stealth startup",
    "stealth mode",
    "stealth mode startup",
    "stealth company",
    "confidential",
    "confidential company",
    "undisclosed",
    "private",
    "retired",
    "student",
    "unemployed",
    "between jobs",
    "career break",
    "sabbatical",
    "open to work",
    "none",
    "n a",
    "na",
    "various",
    "tbd",
    "tba",
    "own business",
    "self employed consultant",
    "freelance consultant",
    "sole trader",
    "sole proprietor",
    // German, French, Spanish, Portuguese, Italian, Dutch.
    "selbststandig",
    "selbstandig",
    "freiberuflich",
    "freiberufler",
    "freiberuflerin",
    "rentner",
    "rentnerin",
    "im ruhestand",
    "arbeitslos",
    "arbeitssuchend",
    "studentin",
    "independant",
    "independante",
    "auto entrepreneur",
    "autoentrepreneur",
    "retraite",
    "retraitee",
    "etudiant",
    "etudiante",
    "sans emploi",
    "a la recherche d un emploi",
    "en recherche d emploi",
    "autonomo",
    "autonoma",
    "independiente",
    "jubilado",
    "jubilada",
    "estudiante",
    "desempleado",
    "desempleada",
    "en busca de empleo",
    "buscando empleo",
    "autonomo a",
    "aposentado",
    "aposentada",
    "desempregado",
    "desempregada",
    "estudante",
    "profissional liberal",
    "libero professionista",
    "lavoratore autonomo",
    "pensionato",
    "pensionata",
    "disoccupato",
    "disoccupata",
    "studente",
    "zelfstandig",
    "zelfstandige",
    "zzp",
    "zzp er",
    "gepensioneerd",
    "werkzoekend",
];

/// Beginnings of company cells that describe a search, not an employer.
const SEARCH_PREFIXES: &[&str] = &[
    "looking for",
    "seeking",
    "open to",
    "in search of",
    "searching for",
    "in transition",
    "actively looking",
    "available for",
    "en recherche",
    "a la recherche",
    "buscando",
    "en busca",
    "auf der suche",
    "op zoek",
    "alla ricerca",
    "em busca",
    "procurando",
];

/// Folds for the placeholder test: compatibility forms, accents dropped, lower case,
/// everything else a single space.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// Whether a company cell names no company ("Self-employed", "Freelance", "Stealth Startup",
/// "Looking for new opportunities", "Selbstständig", "Autónomo", ...). Such a cell stays the
/// person's position text but makes no company node, chart bar or target match.
///
/// ```
/// use kith::names::is_placeholder_company;
/// assert!(is_placeholder_company("Self-Employed"));
/// assert!(is_placeholder_company("STEALTH STARTUP"));
/// assert!(is_placeholder_company("Looking for new opportunities"));
/// assert!(is_placeholder_company("Selbstständig"));
/// assert!(!is_placeholder_company("Freelancer.com"));
/// assert!(!is_placeholder_company("Independent Bank"));
/// ```
#[must_use]
pub fn is_placeholder_company(name: &str) -> bool {
    if name.contains('.') && !name.trim_end().ends_with('.') {
        // "Freelancer.com", "Self.inc": a web address is a company.
        return false;
    }
    let folded = fold(name);
    if folded.is_empty() {
        return false;
    }
    PLACEHOLDERS.contains(&folded.as_str())
        || SEARCH_PREFIXES
            .iter()
            .any(|p| folded == *p || (folded.starts_with(p) && folded[p.len()..].starts_with(' ')))
}

/// A company name without a trailing descriptor: "Aetna, a CVS Health Company" → "Aetna",
/// "Initech, an IBM company" → "Initech". The part before the comma is the company.
pub(crate) fn without_descriptor(name: &str) -> &str {
    // The markers are ASCII: compare bytes without changing case, so offsets stay the name's.
    let bytes = name.as_bytes();
    for marker in [", a ", ", an ", " - a ", ", part of ", " (a "] {
        let at = bytes
            .windows(marker.len())
            .position(|w| w.eq_ignore_ascii_case(marker.as_bytes()));
        if let Some(at) = at.filter(|&at| at > 0) {
            return name[..at].trim_end();
        }
    }
    name
}

/// A company as written in prose: trimmed, trailing legal forms and their commas dropped
/// ("Acme Robotics, Inc." → "Acme Robotics", "Globex GmbH" → "Globex").
///
/// ```
/// use kith::names::company_display;
/// assert_eq!(company_display("Acme Robotics, Inc."), "Acme Robotics");
/// assert_eq!(company_display("  Initech S.A. "), "Initech");
/// assert_eq!(company_display("Aetna, a CVS Health Company"), "Aetna");
/// assert_eq!(company_display("Inc"), "Inc");
/// ```
pub fn company_display(name: &str) -> String {
    let mut words: Vec<&str> = without_descriptor(name).split_whitespace().collect();
    while words.len() > 1 {
        let last = words[words.len() - 1];
        let key: String = last
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        // Whole words ("Corporation", "Limited") are part of how people say some names
        // ("Tyrell Corporation"); after a comma they are only the legal form.
        let after_comma = words[words.len() - 2].ends_with(',');
        let legal = crate::resolve::LEGAL_SUFFIXES.contains(&key.as_str());
        if legal && (key.len() <= 4 || after_comma) {
            words.pop();
        } else {
            break;
        }
    }
    let joined = words.join(" ");
    joined.trim_end_matches([',', ' ']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_as_people_write_them() {
        assert_eq!(greeting("Dr. Jane Doe", None), "Jane");
        assert_eq!(greeting("Prof Dr. Hans Weber", None), "Hans");
        assert_eq!(greeting("JOHN SMITH", None), "John");
        assert_eq!(greeting("JOHN", Some("JOHN")), "John");
        assert_eq!(greeting("jean-luc picard", None), "Jean-Luc");
        assert_eq!(greeting("DeShawn Jones", None), "DeShawn");
        assert_eq!(greeting("Tamara Hafner, PhD", Some("Tamara")), "Tamara");
        assert_eq!(greeting("𝐅𝐚𝐭𝐢𝐦𝐚 Khan", None), "Fatima");
        assert_eq!(greeting("Matt 👨‍💻 Graham", None), "Matt");
        assert_eq!(greeting("Mary Ann Lee", None), "Mary Ann");
        assert_eq!(greeting("Dr. María José García", Some("Dr. María José")), "María José");
        assert_eq!(greeting("Dr.", None), "Dr");
    }

    #[test]
    fn placeholders_in_any_case_and_language() {
        for cell in [
            "Self-employed",
            "self employed",
            "Freelance",
            "FREELANCER",
            "Independent",
            "Stealth",
            "Stealth Startup",
            "Confidential",
            "Retired",
            "Student",
            "Unemployed",
            "Looking for new opportunities",
            "Seeking new opportunities",
            "Open to work",
            "Autónomo",
            "Indépendant",
            "Freiberuflich",
            "Jubilado",
            "Retraité",
            "En recherche d'emploi",
            "Buscando empleo",
        ] {
            assert!(is_placeholder_company(cell), "{cell}");
        }
        for cell in [
            "Acme Robotics",
            "Independent Bank",
            "Student Loans Company",
            "Stealthy Games",
            "Retirement Plus",
        ] {
            assert!(!is_placeholder_company(cell), "{cell}");
        }
    }

    #[test]
    fn legal_forms_dropped_in_prose() {
        assert_eq!(company_display("Acme Robotics, Inc."), "Acme Robotics");
        assert_eq!(company_display("Hooli LLC"), "Hooli");
        assert_eq!(company_display("Tyrell Corporation"), "Tyrell Corporation");
        assert_eq!(company_display("Globex, Limited"), "Globex");
        assert_eq!(company_display("Acme"), "Acme");
    }
}
