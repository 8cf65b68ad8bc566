//! What a cell of an SoA says, in the spellings real workbooks use: control ids (`A.5.1`,
//! `5.1`, `A 05.01`, `Annex A 5.1`, `5,1` from a German CSV, 2013 ids), applicability
//! (Yes/No, Ja/Nein, Oui/Non, ✅/❌, N/A) and implementation status (words in English, German
//! and French, emoji, percentages). A cell that cannot be read gives `None`; the caller reports
//! it with its place, nothing is guessed.

use crate::catalog::{Catalog, ControlIdx};
use crate::model::soa::ImplStatus;

/// A control id at the start of a cell, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdWritten {
    /// The numbers: `[5, 1]` for `A.5.1`, `[9, 2, 3]` for the 2013 `A.9.2.3`.
    pub parts: Vec<u32>,
    /// The last number had one digit (`5.1`, not `5.10` or `5.01`): a spreadsheet that read
    /// `5.10` as a number wrote it so.
    pub one_digit_tail: bool,
    /// What followed the id in the cell (`Policies for information security`), trimmed.
    pub rest: String,
    /// What followed the id, as written (for a list or range of ids: `, A.5.2`, `–A.5.3`).
    pub after: String,
    /// Written with `A` or "Annex A" (`A.5.1`), not bare (`5.1`, which may be a clause).
    pub prefixed: bool,
    /// Said to be of the 2013 edition (`ISO 27001:2013 A.8.2.1`): two numbers are then one
    /// of its categories, no control.
    pub edition_2013: bool,
}

/// What an id names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdMeaning {
    /// An ISO/IEC 27001:2022 Annex A control.
    Control(ControlIdx),
    /// An ISO/IEC 27001:2013 control, and the 2022 controls it became.
    From2013(String, Vec<ControlIdx>),
    /// Numbers that name no control of either edition (`A.5.14.1`, `9.1`).
    Unknown(String),
}

/// The id a cell starts with: `A.5.1`, `A5.1`, `A 5.1`, `a.05.01`, `Annex A 5.1`,
/// `ISO 27001 A.5.1`, `5.1`, `5,1`, `A.9.2.3`; what follows is kept in `rest`.
pub fn id_at_start(cell: &str) -> Option<IdWritten> {
    let mut s = cell.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '`' | '[' | '(' | '#' | '"' | '\'')
    });
    let mut prefixed = false;
    let mut edition_2013 = false;
    for prefix in [
        "iso/iec 27001:2013",
        "iso 27001:2013",
        "iso/iec 27001:2022",
        "iso/iec 27001",
        "iso 27001:2022",
        "iso 27001",
        "annexe a",
        "annex a",
        "anhang a",
    ] {
        if let Some(head) = s.get(..prefix.len()) {
            if head.eq_ignore_ascii_case(prefix) {
                s = s[prefix.len()..].trim_start_matches([' ', ',', ':', '-']);
                prefixed |= prefix.ends_with(" a");
                edition_2013 |= prefix.ends_with(":2013");
            }
        }
    }
    if let Some(rest) = s.strip_prefix(['A', 'a']) {
        // `A.5.1`, `A 5.1`, `A5.1`, `A-5.1` — but not a word such as `Access`.
        let rest = rest.strip_prefix(['.', ' ', '-', '\u{a0}']).unwrap_or(rest);
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            s = rest.trim_start();
            prefixed = true;
        }
    }
    let bytes = s.as_bytes();
    let mut parts = Vec::new();
    let mut i = 0;
    let mut last_len;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 3 {
            i += 1;
        }
        if i == start || (i < bytes.len() && bytes[i].is_ascii_digit()) {
            return None;
        }
        parts.push(s[start..i].parse::<u32>().ok()?);
        last_len = i - start;
        // A separator followed by a digit continues the id; `5.1.` or `5.1, 5.2` ends it.
        let sep = bytes.get(i).copied();
        if matches!(sep, Some(b'.' | b',')) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let rest = s[i..]
        .trim_start_matches(['.', ':', '*', '_'])
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|'))
        .trim()
        .to_owned();
    // `5.1a` or `5.1/2` are not ids.
    if rest.starts_with(|c: char| c.is_alphanumeric())
        && s[i..].starts_with(|c: char| c.is_alphanumeric())
    {
        return None;
    }
    Some(IdWritten {
        parts,
        one_digit_tail: last_len == 1,
        rest,
        after: s[i..].to_owned(),
        prefixed,
        edition_2013,
    })
}

/// The ids after the first in a cell that names several controls: a list (`A.5.1, A.5.2`,
/// `5.1/5.2`, `A.8.1 & A.8.2`, one per line) or a range (`A.5.18–A.5.20`, `5.1 to 5.3`), each
/// with whether it ends a range begun by the id before it. Empty when what follows the first
/// id is not another id (`A.8.28 – Secure coding`).
pub fn more_ids(first: &IdWritten) -> Vec<(IdWritten, bool)> {
    let mut out = Vec::new();
    let mut after = first.after.clone();
    // Bounded: a cell of 50,000 characters of ids is no list to expand.
    while out.len() < 200 {
        let s = after.trim_start();
        let lower = s.to_lowercase();
        let word = |w: &str| {
            lower
                .strip_prefix(w)
                .filter(|r| r.starts_with(char::is_whitespace))
                .map(|_| w.len())
        };
        let new_line = after[..after.len() - s.len()].contains('\n');
        let (len, range) = if let Some(c) = s.chars().next().filter(|c| ",;/&+".contains(*c)) {
            (c.len_utf8(), false)
        } else if let Some(c) = s.chars().next().filter(|c| matches!(c, '-' | '–' | '—')) {
            (c.len_utf8(), true)
        } else if let Some(n) = ["and", "und", "et", "or"].iter().find_map(|w| word(w)) {
            (n, false)
        } else if let Some(n) = ["to", "bis", "à"].iter().find_map(|w| word(w)) {
            (n, true)
        } else if new_line {
            (0, false)
        } else {
            break;
        };
        let next = s.get(len..).unwrap_or("");
        // The next item starts with an id right away: `5.1, 2024 review` is no list.
        if !next
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || c == 'A' || c == 'a')
        {
            break;
        }
        let Some(id) = id_at_start(next) else {
            break;
        };
        after = id.after.clone();
        out.push((id, range));
    }
    out
}

impl IdWritten {
    /// The clause of ISO/IEC 27001 (4 to 10) this bare id is, when `title` is that clause's
    /// and not the control's (`5.1 Leadership and commitment`), or when the column lists
    /// clauses (`clauses`): a `5.1` there is the clause, never A.5.1.
    pub fn clause<'c>(
        &self,
        title: &str,
        clauses: bool,
        catalog: &'c Catalog,
    ) -> Option<&'c crate::catalog::Clause> {
        if self.prefixed {
            return None;
        }
        let nums: Vec<String> = self.parts.iter().map(u32::to_string).collect();
        let clause = catalog.clause(&nums.join("."))?;
        let t = title_key(title);
        let control_title = match self.meaning(catalog) {
            IdMeaning::Control(idx) => title_key(&catalog.control(idx).title),
            IdMeaning::From2013(..) | IdMeaning::Unknown(_) => String::new(),
        };
        // The control's own title says it is the control, even among clauses.
        if !t.is_empty() && t == control_title {
            return None;
        }
        (clauses || !t.is_empty() && t == title_key(&clause.title)).then_some(clause)
    }

    /// A bare `4.1`–`4.4`: a clause of ISO/IEC 27001 that no edition of Annex A has a control
    /// for; a column holding one lists the clauses.
    pub fn is_clause_4(&self) -> bool {
        !self.prefixed && self.parts.len() == 2 && self.parts.first() == Some(&4)
    }

    /// The canonical spelling of the numbers: `A.5.1`, `A.9.2.3`.
    pub fn canonical(&self) -> String {
        let nums: Vec<String> = self.parts.iter().map(u32::to_string).collect();
        format!("A.{}", nums.join("."))
    }

    pub fn meaning(&self, catalog: &Catalog) -> IdMeaning {
        let id = self.canonical();
        if self.parts.len() == 2 && self.edition_2013 {
            return IdMeaning::Unknown(format!("{id} (a category of the 2013 edition)"));
        }
        if self.parts.len() == 2 {
            if let Some(idx) = catalog.find(&id) {
                return IdMeaning::Control(idx);
            }
        } else if let Some(new) = catalog.successors_2013(&id) {
            let idx: Vec<ControlIdx> = new.iter().filter_map(|n| catalog.find(n)).collect();
            if !idx.is_empty() {
                return IdMeaning::From2013(id, idx);
            }
        }
        IdMeaning::Unknown(id)
    }

    /// The id with a trailing zero a spreadsheet dropped (`5.1` → `A.5.10`), when that is a
    /// control. Only for ids written with one digit after the dot.
    pub fn with_trailing_zero(&self, catalog: &Catalog) -> Option<ControlIdx> {
        if self.parts.len() != 2 || !self.one_digit_tail {
            return None;
        }
        catalog.find(&format!("A.{}.{}", self.parts[0], self.parts[1] * 10))
    }
}

/// A cell's words for matching: lower case, emoji and their selectors removed, punctuation
/// at the ends removed, inner spaces collapsed.
pub fn words(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for w in cell
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
    {
        let w: String = w.chars().filter(|c| !is_symbol(*c)).collect();
        let w =
            w.trim_matches(|c: char| matches!(c, '.' | ':' | ',' | ';' | '(' | ')' | '!' | '*'));
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// A title's letters and digits, lower case, for comparing titles as people spell them:
/// `User endpoint devices` is the catalog's "User end point devices".
pub fn title_key(title: &str) -> String {
    words(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Emoji, pictographs, variation selectors and joiners: what decorates a status cell.
fn is_symbol(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x21FF | 0x2300..=0x23FF | 0x2460..=0x27BF | 0x2900..=0x297F
        | 0x2B00..=0x2BFF | 0xFE00..=0xFE0F | 0x200D | 0x1F000..=0x1FAFF)
}

/// The symbols in a cell, in order (`✅`, `⚠`, `❌`), selectors removed.
fn symbols(cell: &str) -> impl Iterator<Item = char> + '_ {
    cell.chars()
        .filter(|&c| is_symbol(c) && !matches!(c as u32, 0xFE00..=0xFE0F | 0x200D))
}

/// A cell that says nothing: `-`, `—`, `N/A`, `none` — how spreadsheets leave a text cell
/// blank. Imported as text, it would replace what the repository says.
pub fn says_nothing(cell: &str) -> bool {
    if status(cell) == Some(StatusRead::Nothing) {
        return true;
    }
    let w = words(cell);
    NOT_APPLICABLE.contains(&w.as_str())
        || matches!(
            w.as_str(),
            "none" | "nil" | "keine" | "keiner" | "aucun" | "aucune" | "néant"
        )
}

/// A yes/no cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
    /// `N/A`, `not applicable`: in an applicability column a no, in a status column the
    /// sign of an excluded control.
    NotApplicable,
}

const YES: &[&str] = &[
    "yes",
    "y",
    "ja",
    "j",
    "oui",
    "o",
    "si",
    "sí",
    "true",
    "wahr",
    "vrai",
    "x",
    "1",
    "applicable",
    "anwendbar",
    "included",
    "include",
    "selected",
    "in scope",
    "relevant",
    "required",
    "erforderlich",
    "ausgewählt",
    "retenu",
    "retenue",
    "inclus",
    "incluse",
];
const NO: &[&str] = &[
    "no",
    "n",
    "nein",
    "non",
    "false",
    "falsch",
    "faux",
    "0",
    "excluded",
    "exclude",
    "not selected",
    "out of scope",
    "not relevant",
    "nicht relevant",
    "ausgeschlossen",
    "nicht ausgewählt",
    "exclu",
    "exclue",
    "non retenu",
    "non retenue",
];
const NOT_APPLICABLE: &[&str] = &[
    "n/a",
    "na",
    "n.a",
    "n.a.",
    "not applicable",
    "nicht anwendbar",
    "non applicable",
    "non-applicable",
    "not-applicable",
    "entfällt",
    "k.a",
    "sans objet",
];

/// Applicability (or any yes/no): the whole cell, or its first words when a reason follows
/// (`No – fully remote`), or its symbol (`✅`, `✔`, `❌`, `✗`).
pub fn yes_no(cell: &str) -> Option<YesNo> {
    let w = words(cell);
    if w.is_empty() {
        return symbols(cell).next().and_then(symbol_yes_no);
    }
    if let Some(v) = yes_no_words(&w) {
        return Some(v);
    }
    // The first words before a reason: `No - remote company`, `Yes (contract)`.
    let head = cell
        .split(['-', '–', '—', '(', ':', ',', ';', '\n'])
        .next()
        .map(words)
        .unwrap_or_default();
    yes_no_words(&head).or_else(|| symbols(cell).next().and_then(symbol_yes_no))
}

/// The reason written after a yes or no in the same cell (`No – fully remote company`).
pub fn reason_after_yes_no(cell: &str) -> Option<String> {
    if yes_no_words(&words(cell)).is_some() {
        return None;
    }
    let (head, rest) = cell.split_once(['-', '–', '—', '(', ':', ',', ';', '\n'])?;
    yes_no_words(&words(head))?;
    let rest = rest.trim().trim_end_matches(')').trim();
    (!rest.is_empty()).then(|| rest.to_owned())
}

fn yes_no_words(w: &str) -> Option<YesNo> {
    if NOT_APPLICABLE.contains(&w) {
        Some(YesNo::NotApplicable)
    } else if YES.contains(&w) {
        Some(YesNo::Yes)
    } else if NO.contains(&w) {
        Some(YesNo::No)
    } else {
        super::own::yes_no(w)
    }
}

fn symbol_yes_no(c: char) -> Option<YesNo> {
    match c {
        '✅' | '✔' | '✓' | '☑' | '🟢' | '👍' => Some(YesNo::Yes),
        '❌' | '✗' | '✘' | '✖' | '❎' | '⛔' | '🚫' | '👎' | '⊘' => Some(YesNo::No),
        _ => None,
    }
}

/// What a status cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusRead {
    Status(ImplStatus),
    /// `N/A`, `Not applicable`, `Excluded`: the control is not applicable.
    NotApplicable,
    /// `Applicable`, `Included`: a status column that says whether the control applies, and
    /// nothing of its implementation.
    Applicable,
    /// `—`, `-`, empty: nothing said.
    Nothing,
}

/// The implementation status a cell states: the words (English, German, French), else a
/// percentage, else the symbol (`✅` implemented, `⚠️`/`🟡` partial, `📅`/`⏳` planned, `❌`/`🔴`
/// not implemented). `None` when it says something else (`❓`, `tbd`, `see notes`).
pub fn status(cell: &str) -> Option<StatusRead> {
    let trimmed = cell.trim();
    if trimmed.is_empty() || matches!(trimmed, "-" | "–" | "—" | "/") {
        return Some(StatusRead::Nothing);
    }
    let w = words(cell);
    if let Some(s) = status_words(&w) {
        return Some(s);
    }
    if let Some(p) = percent(&w) {
        return Some(StatusRead::Status(match p {
            0 => ImplStatus::NotImplemented,
            100.. => ImplStatus::Implemented,
            _ => ImplStatus::Partial,
        }));
    }
    // The ticks of an "Implemented?" column (not `1`, which may be a maturity level; not
    // `applicable`, which says nothing of the implementation).
    match w.as_str() {
        "y" | "j" | "true" | "wahr" | "vrai" | "x" => {
            return Some(StatusRead::Status(ImplStatus::Implemented))
        }
        "n" | "false" | "falsch" | "faux" => {
            return Some(StatusRead::Status(ImplStatus::NotImplemented))
        }
        _ => {}
    }
    // A reason may follow the status: `Partial - training in Q3`; or a status that says what
    // the first word meant: `Yes, partially`, `No – planned for Q3`.
    let separators = ['-', '–', '—', '(', ':', ',', ';', '\n'];
    let (head, tail) = cell.split_once(separators).unwrap_or((cell, ""));
    if let Some(head) = status_words(&words(head)) {
        return qualified(head, tail);
    }
    if !w.is_empty() && w.chars().any(char::is_alphanumeric) {
        return None;
    }
    symbols(cell).next().and_then(|c| match c {
        '✅' | '✔' | '✓' | '☑' | '🟢' => Some(StatusRead::Status(ImplStatus::Implemented)),
        '⚠' | '🟡' | '🟠' | '🔶' | '🚧' | '◐' => {
            Some(StatusRead::Status(ImplStatus::Partial))
        }
        '📅' | '⏳' | '🗓' | '🔵' | '🕐' | '⏱' => {
            Some(StatusRead::Status(ImplStatus::Planned))
        }
        '❌' | '🔴' | '✗' | '✘' | '✖' | '⛔' => {
            Some(StatusRead::Status(ImplStatus::NotImplemented))
        }
        _ => None,
    })
}

/// A status read from the first words of a cell, with what follows them: a status there that
/// says more (`Yes, partially` is partial, `No – planned for Q3` planned) is taken; one that
/// contradicts it (`Implemented – not implemented on legacy systems`) leaves the cell unread.
fn qualified(head: StatusRead, tail: &str) -> Option<StatusRead> {
    use ImplStatus::*;
    let StatusRead::Status(h) = head else {
        return Some(head);
    };
    let tail = words(tail);
    let ws: Vec<&str> = tail.split(' ').take(4).collect();
    // The longest run of first words that is a status; a bare yes or no there is no
    // qualifier (`Implemented (no gaps)`).
    let t = (1..=ws.len()).rev().find_map(|n| {
        let w = ws.get(..n)?.join(" ");
        if yes_no_words(&w).is_some() {
            return None;
        }
        match status_words(&w)? {
            StatusRead::Status(t) => Some(t),
            StatusRead::NotApplicable | StatusRead::Applicable | StatusRead::Nothing => None,
        }
    });
    let status = match (h, t) {
        (h, None) => h,
        (h, Some(t)) if h == t => h,
        (Implemented | NotImplemented, Some(Partial)) => Partial,
        (NotImplemented, Some(Planned)) => Planned,
        (Partial, Some(Planned)) => Partial,
        _ => return None,
    };
    Some(StatusRead::Status(status))
}

fn status_words(w: &str) -> Option<StatusRead> {
    use ImplStatus::*;
    let s = |st| Some(StatusRead::Status(st));
    match w {
        "implemented"
        | "fully implemented"
        | "done"
        | "complete"
        | "completed"
        | "in place"
        | "yes"
        | "effective"
        | "operational"
        | "in operation"
        | "established"
        | "compliant"
        | "umgesetzt"
        | "vollständig umgesetzt"
        | "implementiert"
        | "eingeführt"
        | "erledigt"
        | "ja"
        | "mis en œuvre"
        | "mis en oeuvre"
        | "mise en œuvre"
        | "mise en oeuvre"
        | "implémenté"
        | "implémentée"
        | "en place"
        | "oui"
        | "conforme" => s(Implemented),
        "partial"
        | "partially"
        | "partially implemented"
        | "partly implemented"
        | "partly"
        | "in progress"
        | "ongoing"
        | "in implementation"
        | "being implemented"
        | "partially compliant"
        | "teilweise"
        | "teilweise umgesetzt"
        | "in umsetzung"
        | "in bearbeitung"
        | "in arbeit"
        | "partiel"
        | "partielle"
        | "partiellement"
        | "partiellement mis en œuvre"
        | "partiellement mis en oeuvre"
        | "en cours" => s(Partial),
        "planned" | "scheduled" | "to do" | "todo" | "to be implemented" | "geplant" | "offen"
        | "prévu" | "prévue" | "planifié" | "planifiée" | "à faire" => s(Planned),
        // Not started: nothing done, and nothing says a plan exists.
        "not implemented" | "not-implemented" | "not started" | "no" | "none" | "missing"
        | "gap" | "not compliant" | "non-compliant" | "nicht umgesetzt" | "nein" | "fehlt"
        | "non mis en œuvre" | "non mis en oeuvre" | "non implémenté" | "non" | "absent" => {
            s(NotImplemented)
        }
        "excluded" | "exclu" | "exclue" | "ausgeschlossen" | "out of scope" => {
            Some(StatusRead::NotApplicable)
        }
        "applicable" | "included" | "selected" | "in scope" | "anwendbar" | "retenu"
        | "retenue" => Some(StatusRead::Applicable),
        _ if NOT_APPLICABLE.contains(&w) => Some(StatusRead::NotApplicable),
        // ismsbook's own export, in any shipped language: `Teilweise umgesetzt`, `計画中`.
        _ => super::own::status(w).map(StatusRead::Status),
    }
}

/// `75%`, `75 %`, `0.75` is not one.
fn percent(w: &str) -> Option<u32> {
    let n = w.strip_suffix('%')?.trim();
    n.parse::<f64>()
        .ok()
        .filter(|p| (0.0..=100.0).contains(p))
        .map(|p| p.round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Option<String> {
        id_at_start(s).map(|i| i.canonical())
    }

    #[test]
    fn ids_in_the_spellings_workbooks_use() {
        for (cell, want) in [
            ("A.5.1", "A.5.1"),
            ("5.1", "A.5.1"),
            ("A 5.1", "A.5.1"),
            ("A5.1", "A.5.1"),
            ("a.05.01", "A.5.1"),
            ("**A.5.10**", "A.5.10"),
            ("Annex A 5.15", "A.5.15"),
            ("ISO 27001 A.8.2", "A.8.2"),
            ("5,1", "A.5.1"),
            ("A.9.2.3", "A.9.2.3"),
            ("5.1 Policies for information security", "A.5.1"),
            ("A.5.1: Policies", "A.5.1"),
            ("A.8.28 – Secure coding", "A.8.28"),
        ] {
            assert_eq!(id(cell).as_deref(), Some(want), "{cell}");
        }
        for cell in [
            "Access control",
            "5",
            "A.5",
            "2024-01-01",
            "5.1a",
            "Version 2.1.3.4",
            "",
        ] {
            assert_eq!(id(cell), None, "{cell}");
        }
        let w = id_at_start("5.1 Policies for information security").unwrap();
        assert_eq!(w.rest, "Policies for information security");
        assert!(w.one_digit_tail);
        assert!(!id_at_start("5.10").unwrap().one_digit_tail);
    }

    #[test]
    fn lists_and_ranges_of_ids_in_one_cell() {
        let more = |s: &str| -> Vec<(String, bool)> {
            more_ids(&id_at_start(s).unwrap())
                .into_iter()
                .map(|(id, range)| (id.canonical(), range))
                .collect()
        };
        let list = |ids: &[&str]| -> Vec<(String, bool)> {
            ids.iter().map(|i| ((*i).to_owned(), false)).collect()
        };
        assert_eq!(more("A.5.1, A.5.2"), list(&["A.5.2"]));
        assert_eq!(more("A.5.1,A.5.2;A.5.3"), list(&["A.5.2", "A.5.3"]));
        assert_eq!(more("5.1/5.2"), list(&["A.5.2"]));
        assert_eq!(more("A.8.1 & A.8.2"), list(&["A.8.2"]));
        assert_eq!(more("A.8.1 and Annex A 8.2"), list(&["A.8.2"]));
        assert_eq!(more("A.5.1\nA.5.2"), list(&["A.5.2"]));
        assert_eq!(more("A.5.18–A.5.20"), [("A.5.20".to_owned(), true)]);
        assert_eq!(more("5.1 - 5.3"), [("A.5.3".to_owned(), true)]);
        assert_eq!(more("A.5.1 to A.5.3"), [("A.5.3".to_owned(), true)]);
        for one in [
            "A.8.28 – Secure coding",
            "5.1 Policies for information security",
            "A.5.1 (A.5.2)",
            "5.1, 2024 review",
            "A.5.1 / policies",
        ] {
            assert_eq!(more(one), [], "{one}");
        }
    }

    #[test]
    fn bare_ids_of_clauses_are_no_controls() {
        let c = Catalog::iso27001_2022();
        let clause = |s: &str, title: &str, column: bool| {
            id_at_start(s)
                .unwrap()
                .clause(title, column, c)
                .map(|cl| cl.id.clone())
        };
        assert_eq!(
            clause("5.1", "Leadership and commitment", false).as_deref(),
            Some("5.1")
        );
        assert_eq!(
            clause("5.1", "Policies for information security", false),
            None
        );
        assert_eq!(clause("5.1", "", false), None);
        assert_eq!(clause("8.1", "", true).as_deref(), Some("8.1"));
        assert_eq!(clause("8.1", "User end point devices", true), None);
        assert_eq!(clause("A.8.1", "", true), None);
        assert_eq!(clause("Annex A 8.1", "", true), None);
        assert_eq!(clause("5.15", "", true), None);
        assert!(id_at_start("4.2").unwrap().is_clause_4());
        assert!(!id_at_start("A.4.2").unwrap().is_clause_4());
    }

    #[test]
    fn ids_mean_2022_controls_2013_controls_or_nothing() {
        let c = Catalog::iso27001_2022();
        let m = |s: &str| id_at_start(s).unwrap().meaning(c);
        assert_eq!(m("5.15"), IdMeaning::Control(c.find("A.5.15").unwrap()));
        assert!(
            matches!(m("A.9.2.3"), IdMeaning::From2013(ref id, ref new) if id == "A.9.2.3" && new == &[c.find("A.8.2").unwrap()])
        );
        assert_eq!(m("A.5.14.1"), IdMeaning::Unknown("A.5.14.1".into()));
        assert_eq!(m("9.1"), IdMeaning::Unknown("A.9.1".into()));
        // Said to be 2013: three numbers are its control, two one of its categories.
        assert!(matches!(
            m("ISO 27001:2013 A.9.2.3"),
            IdMeaning::From2013(..)
        ));
        assert!(
            matches!(m("ISO/IEC 27001:2013 A.8.2"), IdMeaning::Unknown(ref s) if s.contains("2013"))
        );
        let lost_zero = id_at_start("5.1").unwrap();
        assert_eq!(lost_zero.with_trailing_zero(c), c.find("A.5.10"));
        assert_eq!(id_at_start("6.1").unwrap().with_trailing_zero(c), None);
        assert_eq!(id_at_start("5.10").unwrap().with_trailing_zero(c), None);
    }

    #[test]
    fn placeholders_say_nothing() {
        for cell in ["", "-", "—", " – ", "N/A", "n/a", "None", "keine", "Néant"] {
            assert!(says_nothing(cell), "{cell}");
        }
        for cell in ["No premises", "Not applicable - remote", "Nonexistent"] {
            assert!(!says_nothing(cell), "{cell}");
        }
    }

    #[test]
    fn applicability_in_three_languages_and_symbols() {
        use YesNo::*;
        for (cell, want) in [
            ("Yes", Yes),
            ("ja", Yes),
            ("Oui", Yes),
            ("✅", Yes),
            ("✔️", Yes),
            ("X", Yes),
            ("Applicable", Yes),
            ("No", No),
            ("Nein", No),
            ("❌", No),
            ("Excluded", No),
            ("No – fully remote company", No),
            ("Yes (contractual)", Yes),
            ("N/A", NotApplicable),
            ("Not applicable", NotApplicable),
            ("nicht anwendbar", NotApplicable),
            ("non applicable", NotApplicable),
        ] {
            assert_eq!(yes_no(cell), Some(want), "{cell}");
        }
        for cell in ["tbc", "❓", "maybe", "see row 4"] {
            assert_eq!(yes_no(cell), None, "{cell}");
        }
        assert_eq!(
            reason_after_yes_no("No – fully remote company").as_deref(),
            Some("fully remote company")
        );
        assert_eq!(
            reason_after_yes_no("Yes (contract)").as_deref(),
            Some("contract")
        );
        assert_eq!(reason_after_yes_no("Not applicable"), None);
    }

    #[test]
    fn statuses_in_three_languages_symbols_and_percentages() {
        use ImplStatus::*;
        use StatusRead::*;
        for (cell, want) in [
            ("Implemented", Status(Implemented)),
            ("✅ Implemented", Status(Implemented)),
            ("✅", Status(Implemented)),
            ("Partially implemented", Status(Partial)),
            ("⚠️ Partial", Status(Partial)),
            ("⚠️", Status(Partial)),
            ("In progress", Status(Partial)),
            ("teilweise umgesetzt", Status(Partial)),
            ("Umgesetzt", Status(Implemented)),
            ("geplant", Status(Planned)),
            ("Prévu", Status(Planned)),
            ("Mis en œuvre", Status(Implemented)),
            ("Not implemented", Status(NotImplemented)),
            ("❌", Status(NotImplemented)),
            ("100%", Status(Implemented)),
            ("60 %", Status(Partial)),
            ("0%", Status(NotImplemented)),
            ("Partial - training in Q3", Status(Partial)),
            ("Yes, partially", Status(Partial)),
            ("Ja, teilweise", Status(Partial)),
            ("No – planned for Q3", Status(Planned)),
            ("Not implemented - planned Q3", Status(Planned)),
            ("Partial - planned completion Q3", Status(Partial)),
            ("Implemented (no gaps)", Status(Implemented)),
            ("Implemented - see policy", Status(Implemented)),
            ("Not started", Status(NotImplemented)),
            ("Y", Status(Implemented)),
            ("FALSE", Status(NotImplemented)),
            ("Applicable", Applicable),
            ("N/A", NotApplicable),
            ("Not applicable", NotApplicable),
            ("—", Nothing),
            ("", Nothing),
        ] {
            assert_eq!(status(cell), Some(want), "{cell}");
        }
        for cell in [
            "❓",
            "tbd",
            "see notes",
            "Implemented?!?? maybe",
            "Implemented - not implemented on legacy systems",
            "1",
        ] {
            assert_eq!(status(cell), None, "{cell}");
        }
    }
}
