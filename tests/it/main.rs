//! kith's integration tests, in one binary: each module is the former test file of its name.
//! One binary links polars and SQLite once instead of once per file.

#[macro_use]
mod common;

mod bad_input;
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
mod synth;
mod workspace;
