//! kith: find your next role through the people you already know.
//!
//! kith reads the LinkedIn data export ("Get a copy of your data"), resolves everyone in it
//! to one person each, and keeps them in a private local workspace (an SQLite file) from
//! which later stages rank warm-introduction paths, reconnect suggestions and network health.
//!
//! The module map (see ARCHITECTURE.md for the data flow and the layers):
//!
//! - [`linkedin`]: reading LinkedIn exports: archives, folders, single files; decoding;
//!   header and layout detection; typed rows; the message history through polars; rejected
//!   rows with file, line and reason.
//! - [`resolve`]: identity resolution (URL, e-mail, name + company) and company names.
//! - [`store`]: the SQLite workspace: schema and migrations, the import, the graph's data,
//!   targets, the outreach ledger, status.
//! - [`score`]: tie strength, warmth and hop probability with their evidence; every constant
//!   with its source in `score::constants`.
//! - [`graph`]: the petgraph graph of people and companies, the k best introduction paths,
//!   and graph files for other tools.
//! - [`reconnect`]: dormant ties worth a message, with reasons and a first message.
//! - [`report`]: network-health metrics, charts and the HTML page.
//! - [`card`]: club cards, what a member shares with a job-search club instead of their
//!   archive.
//! - [`synth`]: a deterministic generator of realistic exports, for the sample, tests and
//!   benchmarks.
//! - [`names`], [`words`], [`output`], [`hash`], [`ids`], [`error`]: company and person
//!   names in prose, dates and plurals in words, output safety (CSV defusing), stable
//!   fingerprints, person and member ids as types, and the library's error type.
//!
//! The library never prints and never parses command lines; the `kith` binary does both.

pub mod card;
pub mod error;
pub mod graph;
pub mod hash;
pub mod ids;
pub mod linkedin;
pub mod names;
pub mod output;
pub mod reconnect;
pub mod report;
pub mod resolve;
pub mod score;
pub mod store;
pub mod synth;
pub mod words;

pub use error::{Error, Result};
