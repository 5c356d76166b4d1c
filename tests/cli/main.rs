//! The integration tests: the real binary run on real workspaces.

mod check;
mod check_input;
mod harness;
mod html;
mod log_injection;
mod nesting;
mod new;
mod pdf;
mod render;
mod words;
