//! The integration tests: the real binary run on real workspaces.

mod atomic;
mod changed;
mod check;
mod check_input;
mod codes;
mod eml;
mod harness;
mod html;
mod images;
mod import;
mod init;
mod log_injection;
mod nesting;
mod new;
mod pdf;
mod preview;
mod render;
mod sandbox;
mod sarif;
mod send;
mod site;
mod theme;
mod words;
mod workspace;
