//! "Did you mean" suggestions for misspelt field names, codes and ids.

/// The closest candidate within a small edit distance, if any is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lc = word.to_lowercase();
    let len = word_lc.chars().count();
    let limit = (len / 3).clamp(1, 3);
    candidates
        .into_iter()
        // Lengths further apart than the limit cannot be within it: skip the distance.
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (edit_distance(&word_lc, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        // Ties go to the smallest candidate, so the hint never depends on hash order.
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("onwer").
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let fields = ["owner", "title", "last_reviewed", "next_review"];
        assert_eq!(did_you_mean("onwer", fields), Some("owner"));
        assert_eq!(did_you_mean("last_review", fields), Some("last_reviewed"));
        assert_eq!(did_you_mean("Title", fields), Some("title"));
        assert_eq!(did_you_mean("department", fields), None);
    }
}
