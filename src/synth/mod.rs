//! A deterministic generator of realistic LinkedIn exports: the files, headers, date formats
//! and quirks of a chosen era (2018, 2022, 2026), for one member or a pool of members with
//! overlapping contacts. The same seed always gives the same bytes.

// Random draws below small bounds (days, counts of a few million at most) move between
// integer types and f64 without truncating or wrapping.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

mod names;
mod write;

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};

/// The era whose layout the export follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// `Messages.csv` with Direction, US dates, connections without preamble, legacy UTF-16
    /// endorsements.
    Y2018,
    /// Preamble, `14 Dec 2021` dates, conversation ids, current and legacy endorsement files.
    Y2022,
    /// URL column, recipient URLs, all-quoted messages with real newlines, draft flags.
    Y2026,
}

impl Era {
    /// Parses `2018`, `2022` or `2026`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Era> {
        match s.trim() {
            "2018" => Some(Era::Y2018),
            "2022" => Some(Era::Y2022),
            "2026" => Some(Era::Y2026),
            _ => None,
        }
    }

    fn export_date(self) -> NaiveDate {
        let (y, m, d) = match self {
            Era::Y2018 => (2018, 11, 2),
            Era::Y2022 => (2022, 11, 2),
            Era::Y2026 => (2026, 11, 2),
        };
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    pub connections: usize,
    pub messages: usize,
    pub members: usize,
    pub era: Era,
    pub seed: u64,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            connections: 300,
            messages: 2_000,
            members: 1,
            era: Era::Y2026,
            seed: 7,
        }
    }
}

/// SplitMix64: tiny, fast, and stable forever (unlike a library RNG whose stream may change).
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A synthetic person.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub first: String,
    pub last: String,
    pub slug: String,
    pub company: String,
    pub position: String,
    pub email: Option<String>,
}

impl Person {
    pub(crate) fn full_name(&self) -> String {
        format!("{} {}", self.first.trim(), self.last.trim())
    }

    pub(crate) fn url(&self) -> String {
        format!("https://www.linkedin.com/in/{}", self.slug)
    }
}

/// One message of the synthetic history.
#[derive(Debug, Clone)]
pub(crate) struct Msg {
    pub conversation: usize,
    /// Index into the member's contacts, or `None` for the member.
    pub sender: Option<usize>,
    pub at: NaiveDateTime,
    pub text: String,
}

/// A conversation: the member plus these contacts (indices into the member's contacts).
#[derive(Debug, Clone)]
pub(crate) struct Conversation {
    pub id: String,
    pub others: Vec<usize>,
    pub title: String,
}

/// One member's export, before it is written in an era's layout.
pub(crate) struct MemberExport {
    pub me: Person,
    pub contacts: Vec<Person>,
    pub connected_on: Vec<NaiveDate>,
    pub blank_rows: usize,
    pub conversations: Vec<Conversation>,
    pub messages: Vec<Msg>,
    pub export_date: NaiveDate,
}

fn slug_for(rng: &mut Rng, first: &str, last: &str) -> String {
    let base: String = format!("{first}-{last}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    format!("{base}-{:x}", rng.next_u64() % 0xfffff)
}

fn make_person(rng: &mut Rng) -> Person {
    let mut first = rng.pick(names::FIRST).to_string();
    let mut last = rng.pick(names::LAST).to_string();
    let slug = slug_for(rng, &first, &last);
    // Quirks of real name fields.
    match rng.below(100) {
        0..=1 => last.push_str(", PhD"),
        2 => last.push_str(", MBA"),
        3 => last.push_str(" 👨‍💻"),
        4 => first = format!(" {first} "),
        5 => first = first.chars().map(math_bold).collect(),
        _ => {}
    }
    Person {
        first,
        last,
        slug,
        company: rng.pick(names::COMPANIES).to_string(),
        position: rng.pick(names::POSITIONS).to_string(),
        email: rng
            .chance(0.08)
            .then(|| format!("contact{}@example.com", rng.next_u64() % 1_000_000)),
    }
}

/// Mathematical bold letters, as some people use in their display names.
fn math_bold(c: char) -> char {
    match c {
        'A'..='Z' => char::from_u32(0x1D400 + (c as u32 - 'A' as u32)).unwrap_or(c),
        'a'..='z' => char::from_u32(0x1D41A + (c as u32 - 'a' as u32)).unwrap_or(c),
        _ => c,
    }
}

fn member_export(rng: &mut Rng, me: Person, contacts: Vec<Person>, options: &SynthOptions) -> MemberExport {
    let export_date = options.era.export_date();
    let start = export_date - Duration::days(365 * 9);
    let span = (export_date - start).num_days().max(1) as usize;
    let connected_on: Vec<NaiveDate> = contacts
        .iter()
        .map(|_| start + Duration::days(rng.below(span) as i64))
        .collect();
    let blank_rows = (contacts.len() / 50).max(usize::from(!contacts.is_empty()));
    let mut conversations = Vec::new();
    let mut messages = Vec::new();
    if !contacts.is_empty() && options.messages > 0 {
        // Heavy-tailed: a few close ties carry most messages; many ties have a single
        // unanswered note; some go quiet years before the export.
        let talkative = (contacts.len() / 4).max(1);
        let weights: Vec<f64> = (0..talkative).map(|i| 1.0 / (i as f64 + 1.0).powf(0.9)).collect();
        let total: f64 = weights.iter().sum();
        let mut remaining = options.messages;
        for (i, w) in weights.iter().enumerate() {
            if remaining == 0 {
                break;
            }
            let contact = (i * 7919) % contacts.len();
            let share = ((w / total) * options.messages as f64).round().max(1.0) as usize;
            let n = share.min(remaining);
            remaining -= n;
            let group = rng.chance(0.06) && contacts.len() > 3;
            let mut others = vec![contact];
            if group {
                while others.len() < 3 {
                    let extra = rng.below(contacts.len());
                    if !others.contains(&extra) {
                        others.push(extra);
                    }
                }
            }
            let conversation = conversations.len();
            let id = format!("2-{:016x}", rng.next_u64());
            let title = if group {
                "Project sync".to_string()
            } else {
                String::new()
            };
            conversations.push(Conversation {
                id,
                others: others.clone(),
                title,
            });
            // Dormant ties stop years before the export; active ones run up to it.
            let dormant = rng.chance(0.35);
            let end = if dormant {
                export_date - Duration::days(400 + rng.below(1500) as i64)
            } else {
                export_date
            };
            let begin = (connected_on[contact].max(start)).min(end - Duration::days(30));
            let window = (end - begin).num_seconds().max(3600);
            let one_way = n <= 2 && rng.chance(0.5);
            let mut times: Vec<i64> = (0..n).map(|_| (rng.next_u64() % window as u64) as i64).collect();
            times.sort_unstable();
            for (k, offset) in times.into_iter().enumerate() {
                let from_me = if one_way { true } else { k % 2 == 0 || rng.chance(0.2) };
                let sender = if from_me { None } else { Some(*rng.pick(&others)) };
                let mut text = rng.pick(names::LINES).to_string();
                if rng.chance(0.3) {
                    text.push(' ');
                    text.push_str(rng.pick::<&str>(names::LINES));
                }
                if rng.chance(0.02) {
                    text.clear();
                }
                messages.push(Msg {
                    conversation,
                    sender,
                    at: begin.and_hms_opt(9, 0, 0).unwrap_or_default() + Duration::seconds(offset),
                    text,
                });
            }
        }
    }
    messages.sort_by_key(|m| (m.conversation, m.at));
    MemberExport {
        me,
        contacts,
        connected_on,
        blank_rows,
        conversations,
        messages,
        export_date,
    }
}

/// Writes the export(s) under `out`. One member: the files directly in `out`. A pool: one
/// folder per member (`01-owner-name`, `02-...`), the first being the owner's. Returns the
/// folders written, with each member's display name.
pub fn generate(out: &Path, options: &SynthOptions) -> Result<Vec<(PathBuf, String)>> {
    if options.members == 0 {
        return Err(Error::NoMembers);
    }
    let mut rng = Rng::new(options.seed);
    let members: Vec<Person> = (0..options.members)
        .map(|_| {
            let mut p = make_person(&mut rng);
            // Members' own names stay plain: they are typed on the command line.
            p.first = rng.pick(names::FIRST).to_string();
            p.last = rng.pick(&names::LAST[..10]).to_string();
            // Members work outside the Acme and Meta families, so those make good targets.
            p.company = rng.pick(&names::COMPANIES[6..]).to_string();
            p.slug = slug_for(&mut rng, &p.first, &p.last);
            p
        })
        .collect();
    // A shared pool of people, so members' networks overlap.
    let universe_size = (options.connections as f64 * (1.0 + 0.6 * (options.members as f64 - 1.0))).ceil() as usize;
    let universe: Vec<Person> = (0..universe_size.max(1)).map(|_| make_person(&mut rng)).collect();
    let mut written = Vec::new();
    for (index, me) in members.iter().enumerate() {
        let mut contacts: Vec<Person> = Vec::with_capacity(options.connections);
        let mut taken = std::collections::HashSet::new();
        // Members know each other: a chain, so every member reaches every other.
        for (other_index, other) in members.iter().enumerate() {
            if other_index + 1 == index || index + 1 == other_index {
                contacts.push(other.clone());
            }
        }
        let offset = index * universe_size / (options.members + 1);
        while contacts.len() < options.connections && taken.len() < universe.len() {
            let pick = if rng.chance(0.5) {
                (offset + rng.below(options.connections.max(1))) % universe.len()
            } else {
                rng.below(universe.len())
            };
            if taken.insert(pick) {
                contacts.push(universe[pick].clone());
            }
        }
        let export = member_export(&mut rng, me.clone(), contacts, options);
        let dir = if options.members == 1 {
            out.to_path_buf()
        } else {
            let folder = crate::resolve::full_name_key(&me.full_name()).replace(' ', "-");
            out.join(format!("{:02}-{folder}", index + 1))
        };
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        write::write_export(&dir, &export, options.era, &mut rng)?;
        written.push((dir, me.full_name()));
    }
    Ok(written)
}
