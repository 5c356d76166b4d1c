//! infolettre: newsletters kept as plain text in git, checked and rendered.
//!
//! The pipeline: [`workspace`] finds the settings, [`issue`] loads an issue
//! tolerantly (every problem becomes a [`diag::Diagnostic`]), [`check`] runs
//! the rules, [`document`] turns a checked issue into one model, and each
//! module of [`render`] writes one output from that model.

pub(crate) mod check;
pub(crate) mod cli;
pub(crate) mod cmd;
pub(crate) mod diag;
pub(crate) mod document;
pub(crate) mod email;
pub(crate) mod error;
pub(crate) mod fsutil;
pub(crate) mod git;
pub(crate) mod hash;
pub(crate) mod import;
pub mod issue;
pub(crate) mod layouts;
pub(crate) mod links;
pub mod markup;
pub(crate) mod names;
pub(crate) mod parallel;
pub(crate) mod paths;
pub(crate) mod preview;
pub(crate) mod prompt;
pub(crate) mod render;
pub(crate) mod scaffold;
pub(crate) mod site;
pub mod source;
pub(crate) mod suggest;
pub(crate) mod theme;
pub(crate) mod tomlfile;
pub(crate) mod typeset;
pub(crate) mod typography;
pub(crate) mod workspace;

pub use cmd::run;
