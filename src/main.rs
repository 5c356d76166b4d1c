use std::process::ExitCode;

fn main() -> ExitCode {
    infolettre::run(std::env::args_os())
}
