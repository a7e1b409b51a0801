//! kith: find your next role through the people you already know.
//!
//! kith reads the LinkedIn data export ("Get a copy of your data"), resolves everyone in it
//! to one person each, and keeps them in a private local workspace (an SQLite file) from
//! which later stages rank warm-introduction paths, reconnect suggestions and network health.
//!
//! The module map:
//!
//! - [`linkedin`]: reading LinkedIn exports: archives, folders, single files; decoding; header and layout
//!   detection; typed rows; rejected rows with file, line and reason.
//! - [`resolve`]: identity resolution (URL, e-mail, name + company) and company names.
//! - [`store`]: the SQLite workspace: schema and migrations, the import transaction, status.
//! - [`output`]: output safety shared by all printers (CSV defusing).
//! - [`synth`]: a deterministic generator of realistic exports, for the sample, tests and
//!   benchmarks.
//!
//! The library never prints and never parses command lines; the `kith` binary does both.

pub mod error;
pub mod graph;
pub mod hash;
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
