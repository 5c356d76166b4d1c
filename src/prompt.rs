//! Questions asked on a terminal, behind the [`Prompter`] trait: the
//! commands hold the logic and only ever talk to the trait, so the same flow
//! runs on a real terminal ([`Terminal`], with dialoguer) and in unit tests
//! ([`Scripted`], with canned answers).

#[cfg(test)]
use std::collections::VecDeque;
#[cfg(test)]
use std::io;

use crate::error::{Error, Result};

/// Decides whether an answer is acceptable; `Err` holds the reason shown before asking again.
pub type Check<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// Something that can ask the editor questions.
pub trait Prompter {
    /// Asks for one line of text; an empty answer takes `default` when there is one.
    /// Answers that `check` refuses are asked again, with the reason.
    fn text(&mut self, question: &str, default: Option<&str>, check: Check<'_>) -> Result<String>;
    /// Asks a yes/no question.
    fn confirm(&mut self, question: &str, default: bool) -> Result<bool>;
    /// Asks to pick one item; returns its index.
    fn select(&mut self, question: &str, items: &[String], default: usize) -> Result<usize>;
    /// Asks to pick any number of items, `checked` giving the starting state; returns the indexes picked.
    fn multi_select(
        &mut self,
        question: &str,
        items: &[String],
        checked: &[bool],
    ) -> Result<Vec<usize>>;
}

/// The real prompts, drawn with dialoguer on standard error.
#[derive(Debug)]
pub struct Terminal(());

impl Terminal {
    /// Prepares the terminal for prompts: on Ctrl-C the cursor that a
    /// dialoguer menu hides is shown again before the process dies of the signal.
    pub fn new() -> Self {
        #[cfg(unix)]
        restore_cursor_on_interrupt();
        Terminal(())
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(unix)]
fn restore_cursor_on_interrupt() {
    extern "C" fn on_interrupt(signal: libc::c_int) {
        const SHOW_CURSOR: &[u8] = b"\x1b[?25h\n";
        // SAFETY: write, signal and raise are async-signal-safe; the default
        // disposition is put back first, so raising the signal again ends the
        // process the way the shell expects of a Ctrl-C.
        unsafe {
            libc::write(
                libc::STDERR_FILENO,
                SHOW_CURSOR.as_ptr().cast(),
                SHOW_CURSOR.len(),
            );
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let handler: extern "C" fn(libc::c_int) = on_interrupt;
        // SAFETY: installs a handler that only calls async-signal-safe functions.
        unsafe {
            libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        }
    });
}

fn terminal_error(error: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(error) = error;
    Error::io("read an answer from", "the terminal", error)
}

impl Prompter for Terminal {
    fn text(&mut self, question: &str, default: Option<&str>, check: Check<'_>) -> Result<String> {
        let mut input = dialoguer::Input::<String>::new()
            .with_prompt(question)
            .allow_empty(true)
            .validate_with(|answer: &String| check(answer.trim()));
        if let Some(default) = default {
            input = input.default(default.to_owned());
        }
        input
            .interact_text()
            .map(|answer| answer.trim().to_owned())
            .map_err(terminal_error)
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<bool> {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(default)
            .interact()
            .map_err(terminal_error)
    }

    fn select(&mut self, question: &str, items: &[String], default: usize) -> Result<usize> {
        dialoguer::Select::new()
            .with_prompt(question)
            .items(items)
            .default(default)
            .interact()
            .map_err(terminal_error)
    }

    fn multi_select(
        &mut self,
        question: &str,
        items: &[String],
        checked: &[bool],
    ) -> Result<Vec<usize>> {
        let prompt = format!("{question} (space toggles, enter accepts)");
        dialoguer::MultiSelect::new()
            .with_prompt(prompt)
            .items(items)
            .defaults(checked)
            .interact()
            .map_err(terminal_error)
    }
}

/// One canned answer of a [`Scripted`] prompter.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A line of text; empty takes the default.
    Text(String),
    /// A yes or a no.
    Yes(bool),
    /// The index of the item picked.
    Pick(usize),
    /// The indexes of the items picked.
    Picks(Vec<usize>),
}

/// A prompter that replays canned answers and records what it was asked and
/// what it refused, for tests that need no terminal.
#[cfg(test)]
#[derive(Debug, Default)]
pub struct Scripted {
    answers: VecDeque<Answer>,
    /// Every question asked, in order (a question asked again appears again).
    pub asked: Vec<String>,
    /// Every reason given for refusing an answer, in order.
    pub refusals: Vec<String>,
}

#[cfg(test)]
impl Scripted {
    /// A prompter that gives `answers` in order.
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Whether every answer was used.
    pub fn is_done(&self) -> bool {
        self.answers.is_empty()
    }

    fn next(&mut self, question: &str) -> Result<Answer> {
        self.asked.push(question.to_owned());
        self.answers.pop_front().ok_or_else(|| {
            let error = io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("no answer left for \"{question}\""),
            );
            Error::io("read an answer from", "the script", error)
        })
    }

    fn mismatch(question: &str, answer: &Answer) -> Error {
        let error = io::Error::new(
            io::ErrorKind::InvalidData,
            format!("answer {answer:?} does not fit \"{question}\""),
        );
        Error::io("read an answer from", "the script", error)
    }
}

#[cfg(test)]
impl Prompter for Scripted {
    fn text(&mut self, question: &str, default: Option<&str>, check: Check<'_>) -> Result<String> {
        loop {
            let answer = match self.next(question)? {
                Answer::Text(text) => text.trim().to_owned(),
                other => return Err(Self::mismatch(question, &other)),
            };
            let answer = match default {
                Some(default) if answer.is_empty() => default.to_owned(),
                _ => answer,
            };
            match check(&answer) {
                Ok(()) => return Ok(answer),
                Err(reason) => self.refusals.push(reason),
            }
        }
    }

    fn confirm(&mut self, question: &str, _default: bool) -> Result<bool> {
        match self.next(question)? {
            Answer::Yes(yes) => Ok(yes),
            other => Err(Self::mismatch(question, &other)),
        }
    }

    fn select(&mut self, question: &str, items: &[String], _default: usize) -> Result<usize> {
        match self.next(question)? {
            Answer::Pick(i) if i < items.len() => Ok(i),
            other => Err(Self::mismatch(question, &other)),
        }
    }

    fn multi_select(
        &mut self,
        question: &str,
        items: &[String],
        _checked: &[bool],
    ) -> Result<Vec<usize>> {
        match self.next(question)? {
            Answer::Picks(picks) if picks.iter().all(|&i| i < items.len()) => Ok(picks),
            other => Err(Self::mismatch(question, &other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_answer_is_asked_again_and_the_default_fills_an_empty_one() {
        let mut script = Scripted::new([Answer::Text("nope".into()), Answer::Text(String::new())]);
        let check = |s: &str| {
            if s == "nope" {
                Err("not that".to_owned())
            } else {
                Ok(())
            }
        };
        assert_eq!(script.text("Q?", Some("yes"), &check).unwrap(), "yes");
        assert_eq!(script.refusals, ["not that"]);
        assert_eq!(script.asked, ["Q?", "Q?"]);
        assert!(script.is_done());
    }

    #[test]
    fn running_out_of_answers_or_a_wrong_kind_is_an_error() {
        let mut script = Scripted::new([Answer::Yes(true)]);
        assert!(script.text("Q?", None, &|_| Ok(())).is_err());
        assert!(script.confirm("Q?", true).is_err());
    }
}
