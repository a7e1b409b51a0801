//! Club cards: what one member shares with a job-search club instead of their archive. A card
//! lists the owner's contacts with only what the club needs to find a path (name, profile
//! URL, company, position, a strength class, the year of last contact), chosen by the member
//! (`--company`, `--min-strength`, `--hide-names`) and shown to them before they share it.
//! Never in a card: e-mail addresses, message text, counts or dates, notes, the ledger,
//! invitations, endorsements, recommendations, or pooled members' data.
//!
//! The file is versioned JSON (`"kith_card": 1`). A card from someone else is untrusted
//! input: [`read`] refuses anything over [`MAX_CARD_BYTES`], any other version, and any
//! malformed or oddly shaped JSON with one clear error.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::resolve::company_key;
use crate::score::constants::{CARD_CLOSE_BOND, CARD_WARM_BOND};
use crate::store::graph_data::GraphData;

/// The card format this kith writes and reads.
pub const CARD_VERSION: u32 = 1;
/// The largest card read: 30,000 contacts of generous length fit in well under this.
pub const MAX_CARD_BYTES: u64 = 32 * 1024 * 1024;

/// How strong a tie is, in three classes of its bond score (thresholds in
/// [`crate::score::constants`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Connected, little more.
    Known,
    /// A tie with some history both ways.
    Warm,
    /// One of the member's strongest ties.
    Close,
}

impl Strength {
    /// The class of a bond score.
    #[must_use]
    pub fn of_bond(bond: f64) -> Strength {
        if bond >= CARD_CLOSE_BOND {
            Strength::Close
        } else if bond >= CARD_WARM_BOND {
            Strength::Warm
        } else {
            Strength::Known
        }
    }

    /// The class in words.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Known => "known",
            Strength::Warm => "warm",
            Strength::Close => "close",
        }
    }
}

/// Whose card it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardMember {
    pub name: String,
    pub url: Option<String>,
}

/// One contact on a card. With `--hide-names`, `name` and `url` are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardContact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub company: String,
    pub position: String,
    pub strength: Strength,
    /// The year of the last contact of any kind, if there was one.
    pub last_contact: Option<i32>,
}

/// A club card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// The format's version: [`CARD_VERSION`].
    pub kith_card: u32,
    pub member: CardMember,
    /// The date of the member's newest export the card was written from.
    pub export_date: Option<NaiveDate>,
    /// The day the card was written (`--as-of`).
    pub written: NaiveDate,
    pub contacts: Vec<CardContact>,
}

/// What the member chose to share.
#[derive(Debug, Clone)]
pub struct CardOptions {
    /// Company keys to share contacts at (empty: every company).
    pub company_keys: Vec<String>,
    pub min_strength: Strength,
    pub hide_names: bool,
    pub as_of: NaiveDate,
}

/// The card of the workspace owner's own network (pooled members' ties are never on it).
/// `None` when the workspace has no owner.
#[must_use]
pub fn write(data: &GraphData, options: &CardOptions) -> Option<Card> {
    let owner = data.members.iter().find(|m| m.is_owner)?;
    let people: crate::hash::IdMap<PersonId, &crate::store::graph_data::PersonRow> =
        data.people.iter().map(|p| (p.id, p)).collect();
    let owner_row = people.get(&owner.person_id);
    let mut contacts: Vec<(f64, CardContact)> = Vec::new();
    for ((member, person), signals) in &data.ties {
        // The owner's own ties only: a pooled member's ties are theirs to share.
        if *member != owner.id || *person == owner.person_id {
            continue;
        }
        // Ties the export shows: someone known only from the ledger (or from another
        // member's card) is not the owner's to share.
        let exported = signals.connected_on.is_some()
            || signals.messages() > 0
            || signals.endorsements_given + signals.endorsements_received > 0
            || signals.recommendations_given + signals.recommendations_received > 0
            || signals.invited_by_member.is_some();
        if !exported || signals.card.is_some() {
            continue;
        }
        // The ledger stays private: strength and last contact as the export alone says.
        let signals = &crate::score::Signals {
            logged: 0,
            last_logged: None,
            last_outreach: None,
            last_asked: None,
            ..signals.clone()
        };
        let Some(p) = people.get(person) else { continue };
        let key = company_key(&p.company);
        if !options.company_keys.is_empty() && !options.company_keys.contains(&key) {
            continue;
        }
        let bond = crate::score::bond_value(signals, options.as_of);
        let strength = Strength::of_bond(bond);
        if strength < options.min_strength {
            continue;
        }
        let (name, url) = if options.hide_names {
            (None, None)
        } else {
            (Some(p.name.clone()), p.url.clone())
        };
        contacts.push((
            bond,
            CardContact {
                name,
                url,
                company: p.company.trim().to_string(),
                position: p.position.trim().to_string(),
                strength,
                last_contact: signals.last_interaction().map(|d| d.year()),
            },
        ));
    }
    // Strongest first; then by company and name, so the same workspace writes the same card.
    contacts.sort_by(|a, b| {
        b.1.strength
            .cmp(&a.1.strength)
            .then(a.1.company.cmp(&b.1.company))
            .then(a.1.name.cmp(&b.1.name))
            .then(b.0.total_cmp(&a.0))
    });
    Some(Card {
        kith_card: CARD_VERSION,
        member: CardMember {
            name: owner.name.clone(),
            url: owner_row.and_then(|p| p.url.clone()),
        },
        export_date: data.owner_horizon(),
        written: options.as_of,
        contacts: contacts.into_iter().map(|(_, c)| c).collect(),
    })
}

/// A card from its bytes, checked: the size, the version, and the shape (every field known,
/// every value of its type). The error names `path`.
pub fn read(path: &std::path::Path, bytes: &[u8]) -> Result<Card> {
    let bad = |why: String| Error::BadCard {
        path: path.to_path_buf(),
        why,
    };
    if bytes.len() as u64 > MAX_CARD_BYTES {
        return Err(bad(format!(
            "{} bytes, over the limit of {MAX_CARD_BYTES} for a card",
            bytes.len()
        )));
    }
    // An editor's byte-order mark is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The version first, so that a card of a later format says so rather than failing on a
    // field this kith does not know.
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not a kith card (not JSON: {e})")))?;
    match value.get("kith_card") {
        None => return Err(bad("not a kith card (no \"kith_card\" version)".into())),
        Some(v) => match v.as_u64() {
            Some(v) if v == u64::from(CARD_VERSION) => {}
            Some(v) => {
                return Err(bad(format!(
                    "a card of format version {v}; this kith reads version {CARD_VERSION}"
                )))
            }
            None => return Err(bad(format!("\"kith_card\" is {v}, not a version number"))),
        },
    }
    let mut card: Card = serde_json::from_value(value).map_err(|e| bad(format!("not a valid kith card: {e}")))?;
    clean_text(&mut card);
    if card.member.name.trim().is_empty() {
        return Err(bad("the card names no member".into()));
    }
    let plausible = |d: NaiveDate| (EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year());
    if !plausible(card.written) || card.export_date.is_some_and(|d| !plausible(d)) {
        return Err(bad(format!(
            "a card dated {} (written) and {} (export): not a date between {EARLIEST_YEAR} and {LATEST_YEAR}",
            card.written,
            card.export_date.map_or_else(|| "none".to_string(), |d| d.to_string())
        )));
    }
    // A year of last contact outside the card's own span is none.
    for c in &mut card.contacts {
        c.last_contact = c
            .last_contact
            .filter(|y| (EARLIEST_YEAR..=card.written.year()).contains(y));
    }
    Ok(card)
}

/// The years a card's dates may fall in: LinkedIn began in 2003; a card from beyond 2100 is
/// a mistake or a trick (it would outrank every later card of its member).
const EARLIEST_YEAR: i32 = 2003;
const LATEST_YEAR: i32 = 2100;

/// The longest text a card field keeps: longer is not a name, a company or a position.
const MAX_FIELD_CHARS: usize = 300;

/// Every text of a card without control characters (a terminal would obey them) and at most
/// [`MAX_FIELD_CHARS`] long.
fn clean_text(card: &mut Card) {
    // Control characters, and the invisible ones that reorder or hide text on a terminal.
    let clean = |text: &mut String| {
        *text = text
            .chars()
            .filter(|c| !c.is_control() && !crate::output::is_invisible(*c))
            .take(MAX_FIELD_CHARS)
            .collect::<String>()
            .trim()
            .to_string();
    };
    clean(&mut card.member.name);
    if let Some(url) = &mut card.member.url {
        clean(url);
    }
    for c in &mut card.contacts {
        for text in [&mut c.company, &mut c.position] {
            clean(text);
        }
        for text in [&mut c.name, &mut c.url].into_iter().flatten() {
            clean(text);
        }
    }
}

/// What a card reveals, in words, for the member to review before sharing it.
#[must_use]
pub fn describe(card: &Card) -> Vec<String> {
    let n = card.contacts.len();
    // A "name" of punctuation alone names no one (the import keeps such a contact hidden).
    let named = card
        .contacts
        .iter()
        .filter(|c| c.name.as_deref().is_some_and(|n| n.chars().any(char::is_alphanumeric)) || c.url.is_some())
        .count();
    let with_url = card.contacts.iter().filter(|c| c.url.is_some()).count();
    let count = |s: Strength| card.contacts.iter().filter(|c| c.strength == s).count();
    // Companies as kith tells them apart ("ACME Robotics Inc" is "Acme Robotics").
    let mut companies: Vec<String> = card.contacts.iter().map(|c| company_key(&c.company)).collect();
    companies.sort_unstable();
    companies.dedup();
    let companies = companies.iter().filter(|c| !c.is_empty()).count();
    let export = card.export_date.map_or_else(
        || "an export of unknown date".to_string(),
        |d| format!("the export of {}", crate::words::long_date(d)),
    );
    let mut out = vec![
        format!(
            "{}'s card{}, written {} from {export}.",
            card.member.name,
            card.member
                .url
                .as_deref()
                .map(|u| format!(" ({u})"))
                .unwrap_or_default(),
            crate::words::long_date(card.written)
        ),
        format!(
            "It shares {} at {} {}: {} close, {} warm, {} known.",
            crate::words::plural(n, "contact"),
            companies,
            if companies == 1 { "company" } else { "companies" },
            count(Strength::Close),
            count(Strength::Warm),
            count(Strength::Known)
        ),
    ];
    out.push(if n == 0 {
        "It names no one.".into()
    } else if named == 0 {
        "No names: the club sees each contact's company, position, strength and the year you were last in \
         touch, and asks you who."
            .into()
    } else {
        format!(
            "For {named} of them the club sees the name{}, with company, position, strength and the year you were last in touch.",
            if with_url > 0 {
                format!(" ({with_url} with a profile URL)")
            } else {
                String::new()
            }
        )
    });
    out.push(
        "It holds no e-mail addresses, messages, message counts or dates, notes, outreach ledger, invitations, \
         endorsements or recommendations."
            .into(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn card_json(version: &str, extra: &str) -> String {
        format!(
            r#"{{"kith_card": {version}, "member": {{"name": "Maria", "url": null}}, "export_date": "2026-11-02",
               "written": "2026-11-05", "contacts": [{{"company": "Acme", "position": "VP Product",
               "strength": "warm", "last_contact": 2024{extra}}}]}}"#
        )
    }

    #[test]
    fn a_card_reads_back_and_strength_classes_order() {
        let card = read(Path::new("c.json"), card_json("1", "").as_bytes()).unwrap();
        assert_eq!(card.contacts[0].strength, Strength::Warm);
        assert!(card.contacts[0].name.is_none());
        assert!(Strength::Close > Strength::Warm && Strength::Warm > Strength::Known);
        assert_eq!(Strength::of_bond(CARD_CLOSE_BOND), Strength::Close);
        assert_eq!(Strength::of_bond(CARD_WARM_BOND - 1e-9), Strength::Known);
    }

    #[test]
    fn control_characters_and_overlong_text_are_cleaned() {
        let json = card_json("1", "")
            .replace("\"Acme\"", "\"Ac\\u001b[2Jme\"")
            .replace("\"VP Product\"", &format!("\"{}\"", "x".repeat(1000)));
        let card = read(Path::new("c.json"), json.as_bytes()).unwrap();
        assert_eq!(card.contacts[0].company, "Ac[2Jme");
        assert_eq!(card.contacts[0].position.chars().count(), MAX_FIELD_CHARS);
    }

    #[test]
    fn wrong_versions_and_shapes_are_refused_in_one_line() {
        let path = Path::new("c.json");
        let err = |bytes: &[u8]| read(path, bytes).unwrap_err().to_string();
        assert!(err(card_json("2", "").as_bytes()).contains("format version 2"));
        assert!(err(b"{}").contains("no \"kith_card\""));
        assert!(err(b"not json").contains("not JSON"));
        assert!(err(card_json("1", r#", "email": "a@b.c""#).as_bytes()).contains("not a valid kith card"));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(err(deep.as_bytes()).contains("not JSON"));
        for e in [err(b"{}"), err(card_json("2", "").as_bytes())] {
            assert!(e.starts_with("c.json: ") && !e.contains('\n'), "{e}");
        }
    }
}
