//! Splits a document into its YAML front matter and Markdown body, keeping positions.
//!
//! gray_matter's engine parses the YAML (see `yaml::load`), but gray_matter's own splitter trims
//! the block and rebuilds the body (CRLF, blank lines), so the split is done here, by the same
//! rules, to keep file lines exact.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the delimiters (untrimmed), if the file opens with `---`.
    pub yaml: Option<&'a str>,
    /// 1-based file line of the first YAML line.
    pub yaml_line: u32,
    /// The opening `---` was never closed: the whole file is treated as body.
    pub unclosed: bool,
    pub body: &'a str,
    /// Byte offset of the body in the text, and its first file line (1-based).
    pub body_offset: usize,
    pub body_line: u32,
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` (BOM already removed). Front matter opens with a `---` first line and closes
/// at the next `---` (or `...`) line.
pub fn split(text: &str) -> Split<'_> {
    let no_front = Split {
        yaml: None,
        yaml_line: 1,
        unclosed: false,
        body: text,
        body_offset: 0,
        body_line: 1,
    };
    let Some(first_end) = text.find('\n') else {
        return no_front;
    };
    if !is_delimiter(&text[..first_end]) {
        return no_front;
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for (line_no, line) in (2u32..).zip(text[yaml_start..].split_inclusive('\n')) {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let body_offset = offset + line.len();
            return Split {
                yaml: Some(&text[yaml_start..offset]),
                yaml_line: 2,
                unclosed: false,
                body: &text[body_offset..],
                body_offset,
                body_line: line_no + 1,
            };
        }
        offset += line.len();
    }
    Split {
        unclosed: true,
        ..no_front
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_lines() {
        let s = split("---\nid: A\ntitle: T\n---\n# Body\n");
        assert_eq!(s.yaml, Some("id: A\ntitle: T\n"));
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(
            &"---\nid: A\ntitle: T\n---\n# Body\n"[s.body_offset..],
            "# Body\n"
        );
    }

    #[test]
    fn crlf_and_trailing_spaces() {
        let s = split("--- \r\nid: A\r\n---\r\nbody\r\n");
        assert_eq!(s.yaml, Some("id: A\r\n"));
        assert_eq!(s.body, "body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter_or_unclosed() {
        let s = split("# Title\n---\n");
        assert_eq!(s.yaml, None);
        assert!(!s.unclosed);
        let s = split("---\nid: A\n");
        assert!(s.unclosed);
        assert_eq!(s.body, "---\nid: A\n");
        assert_eq!(split("").yaml, None);
    }
}
