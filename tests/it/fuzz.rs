//! Property tests: random and mutated CSV and zip bytes never make the readers panic, and a
//! whole import of mutated files either succeeds or fails with an error, never a panic.

use crate::common::*;
use kith::linkedin::decode::decode;
use kith::linkedin::frame::Frame;
use kith::linkedin::table::{open, Kind, Recognised};
use kith::linkedin::{archive, messages, rows, Limits, Rejects, SourceFile};
use proptest::prelude::*;

/// What a reader made of one message: enough to tell two readers apart.
fn seen(m: &messages::Message<'_>) -> (u64, String, String, String, Option<String>, usize, String, Option<bool>) {
    (
        m.line,
        m.conversation_id.to_string(),
        m.title.to_string(),
        m.sender.name.clone(),
        m.sender.url.clone(),
        m.recipients.list.len(),
        m.content.to_string(),
        m.outgoing,
    )
}

/// Runs every reader that applies to `bytes` named `name`.
fn read_everything(name: &str, bytes: &[u8]) {
    let (text, encoding) = decode(bytes);
    let Recognised::Table(mut table) = open(name, &text, encoding) else {
        return;
    };
    let mut rejects = Rejects::new(name);
    match table.kind {
        Kind::Connections => {
            let mut notes = rows::Notes::default();
            rows::connections(&mut table, &mut rejects, &mut notes);
        }
        Kind::Messages => {
            let mut by_rows = Vec::new();
            messages::for_each(&mut table, None, &mut rejects, |m| {
                by_rows.push(seen(&m));
                true
            });
            if let Recognised::Table(mut again) = open(name, &text, encoding) {
                messages::detect_owner(&mut again, Some("Ana Owner"));
            }
            // Where polars can read the file, it reads what the row reader reads.
            if let Recognised::Table(mut again) = open(name, &text, encoding) {
                if let Some(frame) = Frame::of(&again).map(|frame| frame.with_chunk_rows(1 + name.len() % 2)) {
                    let mut by_frame = Vec::new();
                    let mut frame_rejects = Rejects::new(name);
                    messages::for_each(&mut again, Some(&frame), &mut frame_rejects, |m| {
                        by_frame.push(seen(&m));
                        true
                    });
                    assert_eq!(by_rows, by_frame);
                    let lines = |r: &Rejects<'_>| {
                        r.list
                            .iter()
                            .map(|r| (r.line, r.reason, r.raw.clone()))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(lines(&rejects), lines(&frame_rejects));
                }
            }
        }
        Kind::Invitations => {
            rows::invitations(&mut table, &mut rejects, &mut rows::Notes::default());
        }
        Kind::EndorsementsReceived => {
            rows::endorsements(&mut table, false, &mut rejects);
        }
        Kind::EndorsementsGiven => {
            rows::endorsements(&mut table, true, &mut rejects);
        }
        Kind::RecommendationsReceived | Kind::RecommendationsGiven => {
            rows::recommendations(&mut table, &mut rejects, &mut rows::Notes::default());
        }
        Kind::Positions => {
            rows::positions(&mut table, &mut rejects);
        }
        Kind::Profile => {
            rows::profile(&mut table);
        }
        Kind::Education => {
            rows::education(&mut table, &mut rejects);
        }
        Kind::CompanyFollows => {
            rows::follows(&mut table, &mut rejects);
        }
    }
}

fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let mut seeds = export_2026();
    seeds.push((
        "Invitations.csv",
        b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nA B,C D,\"6/17/23, 6:18 AM\",hi,INCOMING,https://www.linkedin.com/in/a,https://www.linkedin.com/in/c\n".to_vec(),
    ));
    seeds.push((
        "Positions.csv",
        b"Company Name,Title,Description,Location,Started On,Finished On\nAcme,Eng,,,Jun 2018,\n".to_vec(),
    ));
    seeds.push(("Endorsement Received Info.csv", utf16le("\"Endorsement Date\"\t\"Skill Name\"\t\"Endorser First Name\"\t\"Endorser Last Name\"\r\n\"2021/08/11 11:00:31 UTC\"\t\"Rust\"\t\"A\"\t\"B\"\r\n")));
    seeds
}

/// A mutation: overwrite, insert or delete bytes at positions chosen by the strategy.
fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, op, value) in edits {
        if bytes.is_empty() {
            bytes.push(value);
            continue;
        }
        let i = at % bytes.len();
        match op % 4 {
            0 => bytes[i] = value,
            1 => bytes.insert(i, value),
            2 => {
                bytes.remove(i);
            }
            _ => bytes.insert(i, [b'"', b',', b'\n', b'\r', b'\t', b';'][value as usize % 6]),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), name_index in 0usize..4) {
        let name = ["Connections.csv", "messages.csv", "x.csv", "Recommendations_Given.csv"][name_index];
        read_everything(name, &bytes);
        let _ = archive::read_zip(std::path::Path::new("r.zip"), &bytes, Limits::default());
    }

    #[test]
    fn mutated_exports_never_panic(seed in 0usize..7, edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..24)) {
        let seeds = seeds();
        let (name, bytes) = &seeds[seed % seeds.len()];
        let mutated = mutate(bytes.clone(), &edits);
        read_everything(name, &mutated);
    }

    #[test]
    fn mutated_zips_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)) {
        let export = export_2026();
        let zip = zip_bytes(&files(&export));
        let mutated = mutate(zip, &edits);
        if let Ok(entries) = archive::read_zip(std::path::Path::new("m.zip"), &mutated, Limits::default()) {
            for entry in entries {
                read_everything(&entry.name, &entry.bytes);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// The whole import, through the workspace, on mutated files: Ok or Err, never a panic,
    /// and the workspace stays usable.
    #[test]
    fn mutated_imports_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..16), which in 0usize..4) {
        let dir = tempfile::tempdir().unwrap();
        let mut workspace = kith::store::Workspace::open(&dir.path().join("w.db")).unwrap();
        let mut files: Vec<SourceFile> = export_2026().into_iter().map(|(n, b)| SourceFile { name: n.to_string(), bytes: b }).collect();
        let target = which % files.len();
        files[target].bytes = mutate(std::mem::take(&mut files[target].bytes), &edits);
        let source = kith::linkedin::Source { files, export_date: None, paths: vec![dir.path().to_path_buf()], too_deep: Vec::new() };
        let _ = kith::store::import::import(&mut workspace, &source, &kith::store::import::ImportOptions::default(), &kith::store::import::NoProgress);
        prop_assert!(workspace.status().is_ok());
    }
}
