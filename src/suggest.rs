//! "Did you mean": the names nearest to a mistyped one.

/// The candidates nearest to `typed`, closest first, at most `limit`: the
/// same but for case, or a few typing slips away (at most two, or a third
/// of the name when it is long, and never half of it).
pub(crate) fn nearest<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let typed = typed.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&typed, &c.to_lowercase()), c))
        .filter(|&(distance, c)| {
            let len = c.chars().count();
            distance <= (len / 3).max(2) && distance < len.div_ceil(2).max(1)
        })
        .collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// "did you mean `a`?" or "did you mean one of `a`, `b`?"; `None` without
/// a suggestion.
pub(crate) fn did_you_mean<S: AsRef<str>>(suggestions: &[S]) -> Option<String> {
    let quoted: Vec<String> = suggestions
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        many => Some(format!("did you mean one of {}?", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, nearest};

    #[test]
    fn suggestions_are_phrased_as_a_question() {
        assert_eq!(did_you_mean::<&str>(&[]), None);
        assert_eq!(
            did_you_mean(&["2017-12"]).as_deref(),
            Some("did you mean `2017-12`?")
        );
        assert_eq!(
            did_you_mean(&["a", "b"]).as_deref(),
            Some("did you mean one of `a`, `b`?")
        );
    }

    #[test]
    fn slips_and_case_are_forgiven_strangers_are_not() {
        let ids = ["2017-12", "2018-01", "2018-02"];
        assert_eq!(nearest("2018-1", ids, 3), ["2018-01", "2017-12", "2018-02"]);
        assert_eq!(nearest("2018-01", ids, 1), ["2018-01"]);
        assert_eq!(
            nearest("Editorial.md", ["editorial.md", "agenda.toml"], 1),
            ["editorial.md"]
        );
        assert_eq!(
            nearest("noticia", ["nouvelles-des-cdm", "noticias"], 3),
            ["noticias"]
        );
        assert!(nearest("zz", ["ab", "cd"], 3).is_empty());
        assert!(nearest("images", ["agenda.toml"], 3).is_empty());
    }
}
