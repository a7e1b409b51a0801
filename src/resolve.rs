//! Identity: one person per real person. Profile URLs are normalised first, then e-mail, then
//! the normalised full name (with company when it helps). Also the company-name normaliser
//! that every company comparison in kith goes through.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;
use unicode_normalization::UnicodeNormalization;

/// Normalises a LinkedIn profile URL to `https://www.linkedin.com/in/<slug>`.
///
/// Scheme, `www.` or a country subdomain, trailing slash, query, fragment and case do not
/// matter, and a percent-encoded slug equals the same slug in raw Unicode. Returns `None` for
/// anything that names no profile: empty cells, the bare `https://www.linkedin.com/in`
/// that some exports write for every row, member URNs.
///
/// ```
/// use kith::resolve::normalise_url;
/// let a = normalise_url("https://www.linkedin.com/in/harika-sezgin-lalo%C4%9Flu-2822536/?trk=x");
/// let b = normalise_url("www.linkedin.com/in/Harika-Sezgin-Laloğlu-2822536");
/// assert_eq!(a, b);
/// assert_eq!(normalise_url("https://www.linkedin.com/in"), None);
/// ```
#[must_use]
pub fn normalise_url(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    let lower_prefix = s.to_ascii_lowercase();
    let without_scheme = lower_prefix.find("://").map_or(s, |i| &s[i + 3..]);
    let (host, path) = without_scheme.split_once('/')?;
    let host = host.to_ascii_lowercase();
    if !(host == "linkedin.com" || host.ends_with(".linkedin.com")) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut segments = path.split('/').filter(|p| !p.is_empty());
    let section = segments.next()?.to_ascii_lowercase();
    if section != "in" && section != "pub" {
        return None;
    }
    let rest: Vec<&str> = segments.collect();
    if rest.is_empty() {
        return None;
    }
    let slug: Vec<String> = rest
        .iter()
        .map(|segment| {
            let decoded = percent_decode_str(segment).decode_utf8_lossy();
            decoded.nfc().flat_map(char::to_lowercase).collect::<String>()
        })
        .collect();
    if section == "in" {
        Some(format!("https://www.linkedin.com/in/{}", slug[0]))
    } else {
        Some(format!("https://www.linkedin.com/pub/{}", slug.join("/")))
    }
}

/// Normalises an e-mail address (trimmed, lower-case); `None` unless it looks like one.
pub(crate) fn normalise_email(raw: &str) -> Option<String> {
    let s = raw.trim().to_lowercase();
    let (local, domain) = s.split_once('@')?;
    if local.is_empty() || !domain.contains('.') || s.contains(char::is_whitespace) {
        return None;
    }
    Some(s)
}

/// Folds text for comparison: compatibility forms (mathematical bold letters become plain
/// letters), accents removed, lower case, everything but letters and digits turned to spaces,
/// spaces collapsed.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // O'Brien and OBrien are the same name.
        } else {
            space = true;
        }
    }
    out
}

/// Credentials people put after their name (`Hafner, PhD`, `Jennifer Chavez, MBA,`).
const CREDENTIALS: &[&str] = &[
    "phd", "mba", "cpa", "pmp", "md", "jd", "msc", "ms", "ma", "bsc", "ba", "cfa", "pe", "rn", "jr", "sr", "ii", "iii",
    "iv", "esq", "shrm cp", "shrm scp", "cissp", "csm", "frsa", "mph",
];

/// The key two spellings of one person's full name share: credentials after a comma dropped,
/// then `fold`ed.
///
/// ```
/// use kith::resolve::name_key;
/// assert_eq!(name_key("Tamara", "Hafner, PhD"), name_key("tamara", "HAFNER"));
/// assert_eq!(name_key("Matt", "Graham 👨‍💻"), "matt graham");
/// assert_eq!(name_key("𝐉𝐚𝐧𝐞", "Doe"), "jane doe");
/// ```
#[must_use]
pub fn name_key(first: &str, last: &str) -> String {
    full_name_key(&format!("{} {}", first.trim(), last.trim()))
}

/// [`name_key`] for a name already joined (`FROM` in messages).
pub(crate) fn full_name_key(full: &str) -> String {
    let mut parts = full.split(',');
    let head = parts.next().unwrap_or("");
    let mut key = fold(head);
    // A comma followed by something that is not a credential is part of the name
    // ("Doe, Jane" is rare in exports, but "Smith, Jr." and "Lee, MBA" are common).
    for part in parts {
        let folded = fold(part);
        if folded.is_empty()
            || CREDENTIALS.contains(&folded.as_str())
            || folded.split(' ').all(|w| CREDENTIALS.contains(&w))
        {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&folded);
    }
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let keep = words.len()
        - words
            .iter()
            .rev()
            .take_while(|w| CREDENTIALS.contains(w) && words.len() > 2)
            .count();
    words[..keep].join(" ")
}

/// A readable name from an e-mail address, for people known only by one:
/// `jane.doe@example.com` → `Jane Doe`; the address itself when its local part spells nothing.
///
/// ```
/// assert_eq!(kith::resolve::name_from_email("jane.doe@example.com"), "Jane Doe");
/// assert_eq!(kith::resolve::name_from_email("j4@example.com"), "j4@example.com");
/// ```
#[must_use]
pub fn name_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or("");
    let words: Vec<String> = local
        .split(['.', '_', '-', '+'])
        .filter(|w| w.chars().count() > 1 && w.chars().all(char::is_alphabetic))
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
        })
        .collect();
    if words.is_empty() {
        email.to_string()
    } else {
        words.join(" ")
    }
}

/// True for "LinkedIn Member", in any case and spacing: the name LinkedIn writes for a
/// member whose name it hides (who left, restricted their profile or is out of network). It
/// names nobody: no person is ever called that.
///
/// ```
/// assert!(kith::resolve::is_hidden_name(" linkedin  member "));
/// assert!(!kith::resolve::is_hidden_name("LinkedIn Memberships Team"));
/// ```
#[must_use]
pub fn is_hidden_name(name: &str) -> bool {
    let mut words = name.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(a), Some(b), None) if a.eq_ignore_ascii_case("linkedin") && b.eq_ignore_ascii_case("member")
    )
}

/// A display name: spacing collapsed, otherwise as written.
pub(crate) fn display_name(first: &str, last: &str) -> String {
    let joined = format!("{} {}", first.trim(), last.trim());
    let name = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    // "Jennifer Chavez, MBA," ends with a comma that belongs to nothing.
    name.trim_end_matches([',', ' ']).to_string()
}

/// A readable name from a URL slug, for people known only by URL: `jane-doe-12ab3` → `Jane Doe`.
pub(crate) fn name_from_url(url: &str) -> String {
    let slug = url.rsplit('/').next().unwrap_or("");
    let name = slug
        .split('-')
        .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()))
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    // A slug that spells no name (`jsmith1`, a member id) is still better than no name; one
    // that spells the hidden name (`linkedin-member-1a2b`) names nobody.
    if name.is_empty() || is_hidden_name(&name) {
        format!("linkedin.com/in/{slug}")
    } else {
        name
    }
}

/// Legal-form words dropped from the end of a company name.
pub(crate) const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "corp",
    "corporation",
    "co",
    "plc",
    "sa",
    "ag",
    "bv",
    "nv",
    "srl",
    "sas",
    "sarl",
    "spa",
    "pty",
    "lp",
    "llp",
    "oy",
    "ab",
    "as",
    "kg",
    "se",
];

/// The key under which two spellings of one company compare equal: case, punctuation, accents,
/// a leading "The" and trailing legal forms (Inc, LLC, Ltd, GmbH, Corp, Co, PLC, SA, AG, BV, ...)
/// do not matter. Companies are compared for *equality* of keys, never by substring.
///
/// ```
/// use kith::resolve::company_key;
/// assert_eq!(company_key("Acme Robotics, Inc."), company_key("ACME Robotics Inc"));
/// assert_ne!(company_key("Meta"), company_key("Metadata Inc"));
/// assert_eq!(company_key("Self-employed"), "");
/// assert_eq!(company_key("Aetna, a CVS Health Company"), company_key("Aetna"));
/// ```
pub fn company_key(name: &str) -> String {
    // "Self-employed", "Stealth Startup", "Looking for new opportunities": no company.
    if crate::names::is_placeholder_company(name) {
        return String::new();
    }
    // "Aetna, a CVS Health Company" is Aetna.
    let name = crate::names::without_descriptor(name);
    let replaced = name.replace(['&', '+'], " and ");
    // "S.A." and "B.V." fold to "s a"; join single letters back so the suffix list sees "sa".
    let folded = fold(&replaced);
    let mut words: Vec<String> = Vec::new();
    let mut letters = String::new();
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
            letters.push_str(w);
        } else {
            if !letters.is_empty() {
                words.push(std::mem::take(&mut letters));
            }
            words.push(w.to_string());
        }
    }
    if !letters.is_empty() {
        words.push(letters);
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_SUFFIXES.contains(&w.as_str())) {
        words.pop();
    }
    words.join(" ")
}

/// [`company_key`] memoised: company spellings repeat (a few thousand for hundreds of
/// thousands of people), so each is normalised once.
#[derive(Debug, Default)]
pub(crate) struct CompanyKeys(HashMap<String, String>);

impl CompanyKeys {
    /// The key of `name`.
    pub(crate) fn key(&mut self, name: &str) -> String {
        if let Some(k) = self.0.get(name) {
            return k.clone();
        }
        let k = company_key(name);
        self.0.insert(name.to_string(), k.clone());
        k
    }
}

/// What one row says about a person.
#[derive(Debug, Clone, Default)]
pub(crate) struct Identity {
    /// Display name as written.
    pub name: String,
    /// Normalised profile URL, if any.
    pub url: Option<String>,
    /// Normalised e-mail, if any.
    pub email: Option<String>,
    /// Company as written, when the row gives one.
    pub company: Option<String>,
}

/// A person known to the resolver.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// The workspace id (assigned on creation, stable).
    pub id: i64,
    pub name: String,
    pub name_key: String,
    pub url: Option<String>,
    pub email: Option<String>,
    pub company_key: Option<String>,
    /// Known by a bare name alone: no URL, no e-mail and nobody's connection. Where namesakes
    /// make a name ambiguous, one such person stands for "someone of that name" and gathers
    /// what cannot be attributed, instead of a new person per row.
    pub loose: bool,
    /// True when created or changed since loading, so the store must write it.
    pub dirty: bool,
    pub created: bool,
}

/// Resolves identities to people, creating them as needed. In memory; the store loads it
/// from the workspace before an import and writes back what is `dirty`.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    people: Vec<Person>,
    by_id: HashMap<i64, usize>,
    by_url: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    next_id: i64,
}

impl Resolver {
    /// An empty resolver whose new people get ids from `next_id` on.
    pub(crate) fn new(next_id: i64) -> Self {
        Resolver {
            next_id: next_id.max(1),
            ..Resolver::default()
        }
    }

    /// Adds a person loaded from the workspace.
    pub(crate) fn load(&mut self, person: Person) {
        let index = self.people.len();
        self.next_id = self.next_id.max(person.id + 1);
        self.index(index, &person);
        self.by_id.insert(person.id, index);
        self.people.push(person);
    }

    fn index(&mut self, index: usize, person: &Person) {
        if let Some(url) = &person.url {
            self.by_url.insert(url.clone(), index);
        }
        if let Some(email) = &person.email {
            self.by_email.insert(email.clone(), index);
        }
        if !person.name_key.is_empty() {
            let entry = self.by_name.entry(person.name_key.clone()).or_default();
            if !entry.contains(&index) {
                entry.push(index);
            }
        }
    }

    /// The person with this workspace id.
    pub(crate) fn get(&self, id: i64) -> Option<&Person> {
        self.by_id.get(&id).map(|&i| &self.people[i])
    }

    /// The people created or changed since the last call, as they are now; clears the marks.
    pub(crate) fn drain_changes(&mut self) -> Vec<Person> {
        let changed: Vec<Person> = self.people.iter().filter(|p| p.dirty).cloned().collect();
        for person in &mut self.people {
            person.dirty = false;
            person.created = false;
        }
        changed
    }

    /// All people, in creation order.
    pub(crate) fn people(&self) -> &[Person] {
        &self.people
    }

    /// The id of a person already known by this URL, without creating anyone.
    pub(crate) fn find_url(&self, url: &str) -> Option<i64> {
        self.by_url.get(url).map(|&i| self.people[i].id)
    }

    /// The id of a person already known by this (normalised) e-mail, without creating anyone.
    pub(crate) fn find_email(&self, email: &str) -> Option<i64> {
        self.by_email.get(email).map(|&i| self.people[i].id)
    }

    /// People already known under this name key.
    pub(crate) fn find_name(&self, key: &str) -> Vec<i64> {
        self.by_name
            .get(key)
            .map(|v| v.iter().map(|&i| self.people[i].id).collect())
            .unwrap_or_default()
    }

    /// Resolves an identity to a person id, creating the person when nobody matches.
    /// Returns `None` only when the identity names nobody (no URL, e-mail or name).
    pub(crate) fn resolve(&mut self, identity: &Identity) -> Option<i64> {
        if is_hidden_name(&identity.name) {
            return self.resolve(&Identity {
                name: String::new(),
                ..identity.clone()
            });
        }
        let name_key = full_name_key(&identity.name);
        let company_key = identity.company.as_deref().map(company_key).filter(|k| !k.is_empty());
        if identity.url.is_none() && identity.email.is_none() && name_key.is_empty() {
            return None;
        }
        let found = self.find(identity, &name_key, company_key.as_deref());
        let index = if let Some(index) = found {
            self.enrich(index, identity, &name_key, company_key);
            index
        } else {
            let name = if identity.name.trim().is_empty() {
                identity
                    .url
                    .as_deref()
                    .map_or_else(|| identity.email.clone().unwrap_or_default(), name_from_url)
            } else {
                identity.name.clone()
            };
            // An e-mail already used by someone else (a namesake with another URL) stays
            // with them: an address belongs to one person.
            let name_key = if name_key.is_empty() {
                full_name_key(&name)
            } else {
                name_key
            };
            let id = self.add_new(
                name,
                name_key,
                identity.url.clone(),
                identity.email.clone(),
                company_key,
            );
            let index = self.by_id[&id];
            let person = &mut self.people[index];
            person.loose = person.url.is_none() && person.email.is_none();
            index
        };
        Some(self.people[index].id)
    }

    /// Records that `identity` describes the person `id`, chosen by the caller (a connection
    /// matched to someone already known): their URL, e-mail and company are filled in where
    /// missing (a URL or e-mail that is someone else's stays theirs), and they are no longer
    /// [`Person::loose`].
    pub(crate) fn attach(&mut self, id: i64, identity: &Identity) {
        let Some(&index) = self.by_id.get(&id) else {
            return;
        };
        let identity = Identity {
            url: identity
                .url
                .clone()
                .filter(|u| self.by_url.get(u).is_none_or(|&i| i == index)),
            ..identity.clone()
        };
        let name_key = full_name_key(&identity.name);
        let company_key = identity.company.as_deref().map(company_key).filter(|k| !k.is_empty());
        self.enrich(index, &identity, &name_key, company_key);
        // Nothing to write: looseness is derived from the stored facts when loading.
        self.people[index].loose = false;
    }

    /// Creates a new person for `identity` without looking for a match: two rows of one
    /// connections file are two people even when only their names are known and equal.
    pub(crate) fn create(&mut self, identity: &Identity) -> i64 {
        if is_hidden_name(&identity.name) {
            // `name_from_url` never gives the hidden name back, so this does not recurse again.
            return self.create(&Identity {
                name: identity.url.as_deref().map(name_from_url).unwrap_or_default(),
                ..identity.clone()
            });
        }
        let url = identity.url.clone().filter(|u| !self.by_url.contains_key(u));
        let company = identity.company.as_deref().map(company_key).filter(|k| !k.is_empty());
        self.add_new(
            identity.name.clone(),
            full_name_key(&identity.name),
            url,
            identity.email.clone(),
            company,
        )
    }

    /// Adds a new person and indexes them; an e-mail already used by someone else is dropped.
    fn add_new(
        &mut self,
        name: String,
        name_key: String,
        url: Option<String>,
        email: Option<String>,
        company_key: Option<String>,
    ) -> i64 {
        let person = Person {
            id: self.next_id,
            name_key,
            name,
            url,
            email: email.filter(|e| !self.by_email.contains_key(e)),
            company_key,
            loose: false,
            dirty: true,
            created: true,
        };
        self.next_id += 1;
        let index = self.people.len();
        self.index(index, &person);
        self.by_id.insert(person.id, index);
        let id = person.id;
        self.people.push(person);
        id
    }

    /// Renames a person (the owner, once their profile names them).
    pub(crate) fn rename(&mut self, id: i64, name: &str) {
        if let Some(&index) = self.by_id.get(&id) {
            let key = full_name_key(name);
            let person = &mut self.people[index];
            if person.name != name && !key.is_empty() {
                let old_key = std::mem::replace(&mut person.name_key, key);
                person.name = name.to_string();
                person.dirty = true;
                if let Some(list) = self.by_name.get_mut(&old_key) {
                    list.retain(|&i| i != index);
                }
                let snapshot = self.people[index].clone();
                self.index(index, &snapshot);
            }
        }
    }

    fn find(&self, identity: &Identity, name_key: &str, company_key: Option<&str>) -> Option<usize> {
        if let Some(&i) = identity.url.as_ref().and_then(|u| self.by_url.get(u)) {
            return Some(i);
        }
        if let Some(&i) = identity.email.as_ref().and_then(|e| self.by_email.get(e)) {
            // An e-mail match with a different URL is still the same person only if the
            // stored person has no URL of their own.
            let person = &self.people[i];
            if identity.url.is_none() || person.url.is_none() {
                return Some(i);
            }
        }
        if name_key.is_empty() {
            return None;
        }
        // Namesakes with two different URLs are two people; a candidate without URL can be
        // either, so it matches.
        let candidates: Vec<usize> = self
            .by_name
            .get(name_key)?
            .iter()
            .copied()
            .filter(|&i| identity.url.is_none() || self.people[i].url.is_none())
            .collect();
        match candidates.as_slice() {
            [] => None,
            [only] => Some(*only),
            many => {
                let same_company: Vec<usize> = many
                    .iter()
                    .copied()
                    .filter(|&i| company_key.is_some() && self.people[i].company_key.as_deref() == company_key)
                    .collect();
                if let [only] = same_company.as_slice() {
                    return Some(*only);
                }
                // Namesakes and nothing to tell them apart: no guess. A bare name goes to the
                // one loose person of that name (created on first need), never to a connection.
                if identity.url.is_some() || identity.email.is_some() {
                    return None;
                }
                let loose: Vec<usize> = many.iter().copied().filter(|&i| self.people[i].loose).collect();
                match loose.as_slice() {
                    [only] => Some(*only),
                    _ => None,
                }
            }
        }
    }

    fn enrich(&mut self, index: usize, identity: &Identity, name_key: &str, company_key: Option<String>) {
        let mut changed = false;
        let email_free = identity.email.as_ref().is_some_and(|e| !self.by_email.contains_key(e));
        let person = &mut self.people[index];
        let mut new_url = None;
        let mut new_email = None;
        if person.url.is_none() && identity.url.is_some() {
            person.url.clone_from(&identity.url);
            new_url.clone_from(&identity.url);
            person.loose = false;
            changed = true;
        }
        if person.email.is_none() && email_free {
            person.email.clone_from(&identity.email);
            new_email.clone_from(&identity.email);
            person.loose = false;
            changed = true;
        }
        if (person.name.trim().is_empty() || person.name_key.is_empty()) && !identity.name.trim().is_empty() {
            person.name.clone_from(&identity.name);
            person.name_key = name_key.to_string();
            changed = true;
        }
        if person.company_key.is_none() && company_key.is_some() {
            person.company_key = company_key;
        }
        if changed {
            person.dirty = true;
            let snapshot = person.clone();
            if let Some(url) = new_url {
                self.by_url.insert(url, index);
            }
            if let Some(email) = new_email {
                self.by_email.insert(email, index);
            }
            self.index(index, &snapshot);
        }
    }
}

#[cfg(test)]
impl Identity {
    /// An identity from a display name and an optional raw URL (tests build them so).
    pub(crate) fn named(name: &str, raw_url: &str) -> Self {
        Identity {
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            url: normalise_url(raw_url),
            ..Identity::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_variants_are_one_person() {
        let canonical = Some("https://www.linkedin.com/in/jane-doe-1a2b".to_string());
        for variant in [
            "https://www.linkedin.com/in/jane-doe-1a2b",
            "http://linkedin.com/in/jane-doe-1a2b/",
            "linkedin.com/in/Jane-Doe-1A2B?miniProfileUrn=x",
            "  www.linkedin.com/in/jane-doe-1a2b#top ",
            "HTTPS://UK.LINKEDIN.COM/IN/JANE-DOE-1A2B",
        ] {
            assert_eq!(normalise_url(variant), canonical, "{variant}");
        }
        assert_eq!(
            normalise_url("https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller"),
            normalise_url("www.linkedin.com/in/jürgen-müller")
        );
        for nothing in [
            "",
            "https://www.linkedin.com/in",
            "https://www.linkedin.com/in/",
            "urn:li:member:123",
            "https://example.com/in/x",
        ] {
            assert_eq!(normalise_url(nothing), None, "{nothing}");
        }
    }

    #[test]
    fn names_with_credentials_and_symbols() {
        assert_eq!(name_key("Tamara", "Hafner, PhD"), "tamara hafner");
        assert_eq!(full_name_key("Jennifer Chavez, MBA,"), "jennifer chavez");
        assert_eq!(name_key(" José ", "Muñoz"), "jose munoz");
        assert_eq!(name_key("Sean", "O'Brien"), "sean obrien");
        assert_eq!(full_name_key("Mary Smith, Jr."), "mary smith");
    }

    #[test]
    fn company_keys() {
        assert_eq!(company_key("Acme Robotics, Inc."), "acme robotics");
        assert_eq!(company_key("ACME Robotics Inc"), "acme robotics");
        assert_eq!(company_key("The Acme Company"), "acme company");
        assert_eq!(company_key("Siemens AG"), "siemens");
        assert_eq!(company_key("Nestlé S.A."), "nestle");
        assert_eq!(company_key("Procter & Gamble Co."), "procter and gamble");
        assert_ne!(company_key("Acme Robotics"), company_key("Acmeville Foods"));
        assert_eq!(company_key("Co"), "co");
    }

    #[test]
    fn resolution_order() {
        let mut r = Resolver::new(1);
        let jane = r
            .resolve(&Identity::named("Jane Doe", "https://www.linkedin.com/in/jane-doe"))
            .unwrap();
        // Same URL, different spelling: same person.
        assert_eq!(
            r.resolve(&Identity::named("Jane Q. Doe", "linkedin.com/in/JANE-DOE/")),
            Some(jane)
        );
        // Name only: same person.
        assert_eq!(r.resolve(&Identity::named("jane doe", "")), Some(jane));
        // Namesake with another URL: another person.
        let other = r
            .resolve(&Identity::named("Jane Doe", "https://www.linkedin.com/in/jane-doe-2"))
            .unwrap();
        assert_ne!(other, jane);
        // Name only, now ambiguous and no company to break the tie: a new person.
        let ambiguous = r.resolve(&Identity::named("Jane Doe", "")).unwrap();
        assert!(ambiguous != jane && ambiguous != other);
        // Name first, URL later: the URL is attached to the name-only person.
        let bob = r.resolve(&Identity::named("Bob Roe", "")).unwrap();
        assert_eq!(
            r.resolve(&Identity::named("Bob Roe", "https://www.linkedin.com/in/bob")),
            Some(bob)
        );
        assert_eq!(r.find_url("https://www.linkedin.com/in/bob"), Some(bob));
        assert_eq!(r.resolve(&Identity::default()), None);
    }

    #[test]
    fn a_bare_name_shared_by_namesakes_goes_to_one_loose_person() {
        let mut r = Resolver::new(1);
        let a = r.create(&Identity::named("John Smith", ""));
        let b = r.create(&Identity::named("John Smith", ""));
        let loose = r.resolve(&Identity::named("John Smith", "")).unwrap();
        assert!(loose != a && loose != b);
        assert!(r.get(loose).is_some_and(|p| p.loose));
        // Every later bare mention is the same stand-in, not one more person each time.
        assert_eq!(r.resolve(&Identity::named("john smith", "")), Some(loose));
        assert_eq!(r.people().len(), 3);
        // A URL is a real person: never the stand-in.
        let known = r
            .resolve(&Identity::named("John Smith", "https://www.linkedin.com/in/js"))
            .unwrap();
        assert!(![a, b, loose].contains(&known));
    }

    #[test]
    fn company_breaks_name_ties() {
        let mut r = Resolver::new(1);
        let a = r
            .resolve(&Identity {
                company: Some("Acme Inc".into()),
                ..Identity::named("Sam Lee", "https://www.linkedin.com/in/sam-a")
            })
            .unwrap();
        let _b = r
            .resolve(&Identity {
                company: Some("Globex".into()),
                ..Identity::named("Sam Lee", "https://www.linkedin.com/in/sam-b")
            })
            .unwrap();
        let by_company = r.resolve(&Identity {
            company: Some("ACME, Inc.".into()),
            ..Identity::named("Sam Lee", "")
        });
        assert_eq!(by_company, Some(a));
    }
}
