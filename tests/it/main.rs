//! kith's integration tests, in one binary: each module is the former test file of its name.
//! One binary links polars and SQLite once instead of once per file.

// Tests build small numbers (lengths, versions, byte patterns) with casts that cannot lose
// anything at these sizes.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

#[macro_use]
mod common;

mod bad_input;
mod card;
mod cli;
mod evidence;
mod excel;
mod fuzz;
mod horizon;
mod identity;
mod import;
mod intro;
mod paths_props;
mod reconnect;
mod report;
mod shapes;
mod snapshots;
mod synth;
mod workspace;
