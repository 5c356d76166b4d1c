//! infolettre: newsletters kept as plain text in git, checked and rendered.
//!
//! The pipeline: [`workspace`] finds the settings, [`issue`] loads an issue
//! tolerantly (every problem becomes a [`diag::Diagnostic`]), [`check`] runs
//! the rules, [`document`] turns a checked issue into one model, and each
//! module of [`render`] writes one output from that model.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod document;
pub mod email;
pub mod error;
pub mod fsutil;
pub mod issue;
pub mod layouts;
pub mod links;
pub mod markup;
pub mod names;
pub mod paths;
pub mod prompt;
pub mod render;
pub mod scaffold;
pub mod source;
pub mod tomlfile;
pub mod typeset;
pub mod typography;
pub mod workspace;

pub use cmd::run;
