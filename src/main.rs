use std::process::ExitCode;

/// mimalloc rather than the system's allocator: typst's layout allocates
/// many small, short-lived values (docs/benchmarks.md has the figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    infolettre::run(std::env::args_os())
}
