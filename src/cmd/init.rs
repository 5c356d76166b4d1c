//! `infolettre init`: a new workspace with the newsletter's own settings
//! (from flags or prompts), an empty `issues/`, the default layouts to adapt,
//! a `.gitignore` and a CI workflow.

mod settings;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::Env;
use crate::cli::InitArgs;
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::layouts::Layouts;
use crate::paths::shown;
use crate::prompt::{Prompter, Terminal};
use crate::workspace::{CONFIG_FILE, ISSUES_DIR, LAYOUTS_DIR};
use settings::Given;

const WORKFLOW: &str = ".github/workflows/infolettre.yml";

const LAYOUTS_README: &str = "\
# layouts/

These files are copies of the layout built into infolettre: the email template
and its CSS, the print layout (Typst), the fonts and the words of each language.
Each file here replaces the built-in file of the same name, file by file.

Edit the ones you want to change and delete the others: a deleted file means
the built-in one is used, and that one improves when infolettre is upgraded.
";

/// The CI workflow: every push and pull request checks every issue; the
/// findings appear as annotations on the files and in code scanning.
const WORKFLOW_YML: &str = "\
# Checks every issue of the newsletter on each push and pull request;
# each finding appears as an annotation on the file and line concerned.
name: infolettre

on:
  push:
  pull_request:

jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      # To upload the findings to code scanning (the Security tab).
      security-events: write
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      # Building infolettre takes a few minutes: keep the binary between runs.
      # Change the key to pick up a new release.
      - uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/infolettre
          key: infolettre-${{ runner.os }}-1
      # infolettre is not published on crates.io: it is installed from its
      # repository. Replace OWNER with the account that hosts it (or point
      # --git at your own fork); `--tag` or `--rev` pins a version.
      - name: Install infolettre
        run: command -v infolettre || cargo install --locked --git https://github.com/OWNER/infolettre
      # A workspace with no issue yet has nothing to check.
      - name: Check the issues
        run: |
          if ls -d issues/*/ > /dev/null 2>&1; then
            # The SARIF log for code scanning, whatever the verdict ...
            infolettre check --format sarif > infolettre.sarif || true
            # ... and the annotations, which fail the job on an error.
            infolettre check --format github
          else
            echo \"no issue yet: nothing to check\"
          fi
      # Code scanning keeps every finding across runs (annotations show at
      # most ten errors and ten warnings per step). A private repository
      # needs GitHub Advanced Security for it: without, this step is skipped
      # over and the annotations above still tell.
      - name: Upload the findings to code scanning
        if: always() && hashFiles('infolettre.sarif') != ''
        continue-on-error: true
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: infolettre.sarif
          category: infolettre
";

/// Runs `infolettre init`: checks the flags, refuses an existing workspace,
/// asks what the flags left open, then writes every file.
pub fn run(env: &Env, args: InitArgs) -> Result<()> {
    // `init` is the one command that needs no workspace: it makes one, in
    // DIR, else in `-C DIR`, else here.
    let base = env
        .root_flag
        .as_ref()
        .map_or_else(|| env.cwd.clone(), |root| env.cwd.join(root));
    let dir = match &args.dir {
        Some(dir) => base.join(dir),
        None => base,
    };
    // Step: refuse bad flags and existing workspaces before asking or writing anything.
    let given = Given {
        title: args.title,
        publisher: args.publisher,
        language: args.language,
        website: args.website,
        contact: args.contact,
    };
    settings::check_given(&given)?;
    for name in [CONFIG_FILE, ISSUES_DIR] {
        if dir.join(name).symlink_metadata().is_ok() {
            return Err(Error::Exists {
                path: dir.join(name),
                why: Some("the folder is a workspace already".into()),
            });
        }
    }
    let layouts = Layouts::embedded();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for name in Layouts::embedded_names() {
        let bytes = layouts
            .bytes(&name.to_string_lossy())
            .map_err(|e| Error::Layout(e.into()))?;
        files.push((Path::new(LAYOUTS_DIR).join(name), bytes.into_owned()));
    }
    files.push((
        Path::new(LAYOUTS_DIR).join("README.md"),
        LAYOUTS_README.into(),
    ));
    files.push((PathBuf::from(WORKFLOW), WORKFLOW_YML.into()));
    if let Some((taken, _)) = files
        .iter()
        .find(|(rel, _)| dir.join(rel).symlink_metadata().is_ok())
    {
        return Err(Error::Exists {
            path: dir.join(taken),
            why: None,
        });
    }
    let gitignore = gitignore(&dir)?;

    // Step: the settings. Prompts need a keyboard (stdin) and a screen (stderr, where dialoguer draws).
    let interactive =
        !args.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut terminal = interactive.then(Terminal::new);
    let prompter = terminal.as_mut().map(|t| t as &mut dyn Prompter);
    let answers = settings::resolve(&given, &dir_name(&dir), prompter)?;
    files.push((Path::new(ISSUES_DIR).join(".gitkeep"), Vec::new()));
    // The settings come last: until they are written, the directory is not a workspace.
    files.push((
        PathBuf::from(CONFIG_FILE),
        settings::config_toml(&answers).into(),
    ));

    // Step: write.
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    if let Some(text) = gitignore {
        write_atomic(&dir.join(".gitignore"), text.as_bytes())?;
    }
    for (rel, bytes) in &files {
        write_atomic(&dir.join(rel), bytes)?;
    }
    for shown_path in [CONFIG_FILE, "issues/", "layouts/", ".gitignore", WORKFLOW] {
        super::meta::print_line(&shown(&dir.join(shown_path)))?;
    }
    let root = if dir == Path::new(".") {
        String::new()
    } else {
        format!("-C {} ", shown(&dir))
    };
    eprintln!(
        "next: adapt {CONFIG_FILE}, then run `infolettre {root}new` to start the first issue"
    );
    Ok(())
}

/// The `.gitignore` to write: `dist/` added to the existing one, if it lacks
/// it; `None` when there is nothing to change.
fn gitignore(dir: &Path) -> Result<Option<String>> {
    let path = dir.join(".gitignore");
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    if existing
        .lines()
        .any(|l| matches!(l.trim(), "dist" | "dist/" | "/dist" | "/dist/"))
    {
        return Ok(None);
    }
    let separator = if existing.is_empty() || existing.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Ok(Some(format!(
        "{existing}{separator}# The rendered issues (infolettre render).\ndist/\n"
    )))
}

/// The last component of `dir` once made absolute ("." becomes the current
/// folder's name): the source of the default title.
fn dir_name(dir: &Path) -> String {
    std::path::absolute(dir)
        .ok()
        .and_then(|abs| abs.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
}
