//! The deterministic corpus generator, shared by the `handbook` bench and the `gen_corpus`
//! example (both include this file with `#[path]`, so there is one generator). It writes N
//! realistic documents (front matter with controls and review dates, 1-6 KB bodies with
//! headings, lists, tables, code blocks and links to other documents) plus ismsbook.toml and
//! soa.yaml. With frameworks, ismsbook.toml also declares NIST CSF 2.0 (built in) with a
//! 100-entry crosswalk to Annex A, and every fifth document lists one or two `csf:` ids. With
//! risks, the content root also holds a risk register (`risks.yaml`, 2,000 risks) and
//! `exceptions.yaml` (500 exceptions), and ismsbook.toml a `[risk]` table. With bodies, one
//! document in twenty ends with raw HTML as GitHub READMEs write it (`<div align="center">`,
//! `<details>`, `<kbd>`, a `<script>` the sanitiser removes) and another one in twenty with a
//! Mermaid diagram. [`hugo_site`] writes the same documents as a Hugo site, for comparison.

use std::fmt::Write;
use std::path::Path;

/// xorshift64*: reproducible across platforms, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const TYPES: [(&str, &str, &str); 6] = [
    ("policy", "POL", "policies"),
    ("standard", "STD", "standards"),
    ("procedure", "PRO", "procedures"),
    ("guideline", "GUI", "guidelines"),
    ("record", "REC", "records"),
    ("register", "REG", "registers"),
];
const OWNERS: [&str; 8] = [
    "CISO",
    "COO",
    "CTO",
    "Head of Engineering",
    "Head of Platform",
    "dpo@example.com",
    "people@example.com",
    "it-ops@example.com",
];
const WORDS: [&str; 24] = [
    "access",
    "asset",
    "backup",
    "control",
    "data",
    "encryption",
    "incident",
    "information",
    "logging",
    "monitoring",
    "network",
    "owner",
    "policy",
    "privileged",
    "review",
    "risk",
    "security",
    "supplier",
    "system",
    "training",
    "user",
    "vulnerability",
    "retention",
    "classification",
];
const THEMES: [(u32, u32); 4] = [(5, 37), (6, 8), (7, 14), (8, 34)];

fn doc_path(i: usize) -> (String, String) {
    let (_, prefix, folder) = TYPES[i % TYPES.len()];
    (
        format!("{prefix}-{i:05}"),
        format!("{folder}/group-{:02}/doc-{i:05}.md", (i / TYPES.len()) % 20),
    )
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for w in 0..words {
        if w > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s
}

fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

/// The current CSF 2.0 subcategories (the controls documents list), in catalog order.
fn csf_ids() -> Vec<String> {
    let Some(catalog) = ismsbook::frameworks::catalog::builtin("nist-csf-2.0") else {
        return Vec::new();
    };
    let parents: std::collections::HashSet<usize> =
        catalog.controls.iter().filter_map(|c| c.parent).collect();
    catalog
        .controls
        .iter()
        .enumerate()
        .filter(|(i, c)| !c.withdrawn && !parents.contains(i))
        .map(|(_, c)| c.id.clone())
        .collect()
}

/// 100 crosswalk entries, CSF subcategory → Annex A, in the simple YAML mapping format, with
/// the relationships a real crosswalk mixes.
fn crosswalk(csf: &[String]) -> String {
    let mut s = String::from("# NIST CSF 2.0 to ISO/IEC 27001:2022 Annex A (generated)\n");
    for (k, id) in csf.iter().take(100).enumerate() {
        let (theme, count) = THEMES[k % THEMES.len()];
        let count = count as usize;
        let a = 1 + (k * 7) % count;
        // Another control of the same theme: an offset of 1..count-1 never lands on `a`.
        let b = 1 + (a - 1 + 1 + k % (count - 1)) % count;
        let relationship = ["equal-to", "subset-of", "intersects-with"][k % 3];
        let _ = writeln!(
            s,
            "csf:{id}: {{to: [A.{theme}.{a}, A.{theme}.{b}], relationship: {relationship}}}"
        );
    }
    s
}

fn document(i: usize, n: usize, rng: &mut Rng, csf: &[String]) -> String {
    let (id, path) = doc_path(i);
    let (kind, _, _) = TYPES[i % TYPES.len()];
    let mut s = String::with_capacity(4096);
    let status = match rng.below(20) {
        0 => "draft",
        1 => "retired",
        _ => "approved",
    };
    let year = 2025 + rng.below(2);
    let _ = writeln!(
        s,
        "---\nid: {id}\ntitle: {} {}",
        capitalised(&sentence(rng, 3)),
        kind
    );
    let _ = writeln!(
        s,
        "type: {kind}\nowner: {}\nversion: \"1.{}\"\nstatus: {status}",
        OWNERS[rng.below(OWNERS.len())],
        rng.below(9)
    );
    let _ = writeln!(
        s,
        "last_reviewed: {year}-{:02}-{:02}",
        1 + rng.below(12),
        1 + rng.below(28)
    );
    if rng.below(5) == 0 {
        let _ = writeln!(s, "review_interval: 6");
    }
    s.push_str("controls:\n");
    for _ in 0..1 + rng.below(4) {
        let (theme, count) = THEMES[rng.below(THEMES.len())];
        let _ = writeln!(s, "  - A.{theme}.{}", 1 + rng.below(count as usize));
    }
    // Not drawn from `rng`, so the rest of the corpus is byte for byte the one without.
    if !csf.is_empty() && i.is_multiple_of(5) {
        for k in 0..1 + (i / 5) % 2 {
            let _ = writeln!(s, "  - \"csf:{}\"", csf[(i * 13 + k * 29) % csf.len()]);
        }
    }
    let related = (i * 7 + 3) % n;
    let _ = writeln!(
        s,
        "related: [{}]\ntags: [{}, {}]\n---\n",
        doc_path(related).0,
        WORDS[rng.below(24)],
        WORDS[rng.below(24)]
    );
    let sections = 2 + rng.below(6);
    for sec in 0..sections {
        let _ = writeln!(s, "## {} {sec}\n", capitalised(&sentence(rng, 3)));
        for _ in 0..1 + rng.below(3) {
            let words = 25 + rng.below(40);
            let _ = writeln!(s, "{}.\n", capitalised(&sentence(rng, words)));
        }
        match rng.below(4) {
            0 => {
                for k in 0..3 + rng.below(4) {
                    let _ = writeln!(
                        s,
                        "{}. **{}** {}",
                        k + 1,
                        WORDS[rng.below(24)],
                        sentence(rng, 10)
                    );
                }
                s.push('\n');
            }
            1 => {
                s.push_str("| Item | Owner | Frequency |\n|---|---|---|\n");
                for _ in 0..3 + rng.below(5) {
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} |",
                        sentence(rng, 2),
                        OWNERS[rng.below(8)],
                        ["daily", "weekly", "monthly"][rng.below(3)]
                    );
                }
                s.push('\n');
            }
            2 if rng.below(3) == 0 => {
                let _ = writeln!(
                    s,
                    "```yaml\nretention_days: {}\nencryption: aes-256\nowners:\n  - {}\n```\n",
                    30 + rng.below(300),
                    OWNERS[rng.below(8)]
                );
            }
            _ => {}
        }
        let target = rng.below(n);
        let (tid, tpath) = doc_path(target);
        let (theme, count) = THEMES[rng.below(4)];
        let _ = writeln!(
            s,
            "See [{}]({}), [[{tid}]] and control [[A.{theme}.{}]].\n",
            sentence(rng, 2),
            relative(&path, &tpath),
            1 + rng.below(count as usize)
        );
    }
    s
}

/// Raw HTML as GitHub-flavoured READMEs and policies carry it.
fn raw_html(i: usize) -> String {
    format!(
        "\n<div align=\"center\">\n  <img src=\"https://img.shields.io/badge/review-{i}-blue\" alt=\"review badge\" width=\"120\">\n</div>\n\n\
         <details>\n<summary>Escalation contacts ({i})</summary>\n\n\
         Press <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>P</kbd> to page the on-call engineer.\n\n\
         </details>\n\n<p style=\"color: red\" onclick=\"track({i})\">Internal use only.</p>\n\
         <script>console.log({i})</script>\n"
    )
}

/// A Mermaid flowchart, as incident and change procedures draw them.
fn diagram(i: usize) -> String {
    format!(
        "\n```mermaid\nflowchart LR\n  A[Report {i}] --> B{{Triage}}\n  B -->|major| C[Incident manager]\n  \
         B -->|minor| D[Service desk]\n  C --> E[Post-incident review]\n```\n"
    )
}

/// The documents under `root` (as [`generate_with`] wrote them) as a Hugo site under `dst`:
/// the same Markdown and front matter in `content/`, and a minimal theme of a page per
/// document and a list per folder with the site's navigation. Hugo leaves out pages whose
/// front matter says `draft: true` only, so it publishes every document (as `--drafts` does).
pub fn hugo_site(root: &Path, paths: &[String], dst: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dst.join("layouts/_default"))?;
    std::fs::write(
        dst.join("hugo.toml"),
        "baseURL = \"https://isms.example.com/\"\ntitle = \"Generated ISMS\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n\
         [markup.highlight]\nnoClasses = false\n",
    )?;
    std::fs::write(
        dst.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ site.Title }}</title></head>\n\
         <body>\n<header><a href=\"{{ \"/\" | relURL }}\">{{ site.Title }}</a>\n<nav>{{ range site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</nav></header>\n\
         <main>{{ block \"main\" . }}{{ end }}</main>\n</body>\n</html>\n",
    )?;
    std::fs::write(
        dst.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<dl><dt>Owner</dt><dd>{{ .Params.owner }}</dd>\
         <dt>Status</dt><dd>{{ .Params.status }}</dd><dt>Version</dt><dd>{{ .Params.version }}</dd></dl>\n\
         {{ .TableOfContents }}\n{{ .Content }}{{ end }}\n",
    )?;
    std::fs::write(
        dst.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    )?;
    for rel in paths {
        let to = dst.join("content").join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(root.join(rel), to)?;
    }
    Ok(())
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Risks in the register a corpus with risks holds.
pub const RISKS: usize = 2_000;
/// Exceptions in its `exceptions.yaml`.
pub const EXCEPTIONS: usize = 500;

const THREATS: [&str; 16] = [
    "Ransomware encrypts",
    "Phishing compromises",
    "An insider exfiltrates",
    "A misconfiguration exposes",
    "A supplier breach leaks",
    "A power loss takes down",
    "An unpatched vulnerability opens",
    "Credential stuffing reaches",
    "A lost laptop holds a copy of",
    "A DDoS attack overwhelms",
    "A failed backup loses",
    "Privileged misuse alters",
    "A cloud outage stops",
    "Shadow IT copies",
    "An expired certificate breaks",
    "A fire destroys",
];
const ASSETS: [&str; 12] = [
    "the production database",
    "customer records",
    "the payroll system",
    "source code",
    "the billing platform",
    "HR files",
    "the CRM",
    "e-mail",
    "the data warehouse",
    "the VPN",
    "the office network",
    "the mobile app's backend",
];
/// Deviations an exception register typically holds, with the controls each deviates from.
const DEVIATIONS: [(&str, &str); 8] = [
    ("Endpoint without malware protection", "A.8.7"),
    ("Shared administrator account", "A.5.16, A.8.2"),
    ("No multi-factor authentication", "A.8.5"),
    ("Backups not encrypted", "A.8.13, A.8.24"),
    ("Log retention below policy", "A.8.15"),
    ("Operating system out of vendor support", "A.8.8"),
    ("Supplier remote access without review", "A.5.19, A.5.20"),
    ("Patching outside the monthly cycle", "A.8.8, A.8.32"),
];
const SYSTEMS: [&str; 8] = ["billing", "crm", "build", "hr", "dwh", "vpn", "mail", "pos"];
const COMPENSATING: [&str; 5] = ["A.8.16", "A.8.20", "A.8.22", "A.5.15", "A.8.12"];

/// A day `back` months before November 2026 (the benchmark's today is 2026-11-29).
fn months_before(rng: &mut Rng, back: usize) -> String {
    let total = 2026 * 12 + 10 - back;
    format!(
        "{}-{:02}-{:02}",
        total / 12,
        total % 12 + 1,
        1 + rng.below(28)
    )
}

/// An Annex A control for a risk's treatment; never A.7.4, which the corpus's `soa.yaml`
/// excludes (the few risks that rely on it are chosen on purpose).
fn annex_a(rng: &mut Rng) -> String {
    loop {
        let (theme, count) = THEMES[rng.below(THEMES.len())];
        let n = 1 + rng.below(count as usize);
        if (theme, n) != (7, 4) {
            return format!("A.{theme}.{n}");
        }
    }
}

/// `risks.yaml` with [`RISKS`] risks: every treatment, scores across the scale, some residual
/// scores above the appetite (8) with and without an acceptance, some reviews overdue, a few
/// never reviewed, a few relying on the excluded A.7.4. With `csf` (frameworks declared),
/// every fourth mitigated risk also names a CSF subcategory. Drawn from a generator of its own,
/// so the documents are the same bytes with and without the register.
fn risk_register(csf: &[String]) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut s = String::with_capacity(RISKS * 360);
    s.push_str("# Risk register (generated); scores on [risk] scale = 5\n");
    for i in 1..=RISKS {
        let (likelihood, impact) = (1 + rng.below(5), 1 + rng.below(5));
        let treatment = match rng.below(20) {
            0..=13 => "mitigate",
            14..=16 => "accept",
            17..=18 => "transfer",
            _ => "avoid",
        };
        let _ = writeln!(
            s,
            "- id: R-{i:04}\n  title: {} {}\n  owner: {}\n  likelihood: {likelihood}\n  impact: {impact}\n  treatment: {treatment}",
            THREATS[rng.below(THREATS.len())],
            ASSETS[rng.below(ASSETS.len())],
            OWNERS[rng.below(OWNERS.len())],
        );
        let mut controls: Vec<String> = Vec::new();
        let wanted = match treatment {
            "mitigate" => 1 + rng.below(4),
            "transfer" => 1,
            _ => 0,
        };
        for _ in 0..wanted {
            let c = annex_a(&mut rng);
            if !controls.contains(&c) {
                controls.push(c);
            }
        }
        if treatment == "mitigate" {
            if i % 250 == 0 {
                controls.push("A.7.4".into());
            }
            // Not drawn from `rng`, so the risks are the same with and without frameworks.
            if !csf.is_empty() && i % 4 == 0 {
                controls.push(format!("\"csf:{}\"", csf[(i * 17) % csf.len()]));
            }
        }
        if !controls.is_empty() {
            // Registers mix both list styles.
            if i % 2 == 0 {
                let _ = writeln!(s, "  controls: [{}]", controls.join(", "));
            } else {
                s.push_str("  controls:\n");
                for c in &controls {
                    let _ = writeln!(s, "    - {c}");
                }
            }
        }
        let residual = match treatment {
            "mitigate" => Some((
                likelihood.saturating_sub(1 + rng.below(3)).max(1),
                impact.saturating_sub(rng.below(2)).max(1),
            )),
            "transfer" => Some((likelihood, impact.saturating_sub(1 + rng.below(2)).max(1))),
            "avoid" => Some((1, impact)),
            _ => None,
        };
        if let Some((l, m)) = residual {
            let _ = writeln!(s, "  residual_likelihood: {l}\n  residual_impact: {m}");
        }
        let (l, m) = residual.unwrap_or((likelihood, impact));
        // One in five risks that need an acceptance lacks it.
        if (l * m > 8 || treatment == "accept") && rng.below(5) != 0 {
            let by = ["CEO", "CFO", "COO"][rng.below(3)];
            let back = rng.below(12);
            let on = months_before(&mut rng, back);
            let _ = writeln!(s, "  accepted_by: {by}\n  accepted_on: {on}");
        }
        // One in a hundred has never been reviewed; reviews up to 15 months back leave about
        // a fifth overdue.
        if rng.below(100) != 0 {
            let back = rng.below(15);
            let _ = writeln!(s, "  last_reviewed: {}", months_before(&mut rng, back));
        }
        match rng.below(16) {
            0 | 1 => s.push_str("  review_interval: 6\n"),
            2 => s.push_str("  review_interval: 24\n"),
            3..=7 => s.push_str("  review_interval: 12\n"),
            _ => {}
        }
    }
    s
}

/// `exceptions.yaml` with [`EXCEPTIONS`] exceptions: most active until some day in 2027, one
/// in ten expired, one in ten expiring within `[review] warn_days` (30) of the benchmark's
/// today, one in twenty unapproved; most name the risk they carry.
fn exceptions() -> String {
    let mut rng = Rng(0x4f6c_dd1d_9e37_79b9);
    let mut s = String::with_capacity(EXCEPTIONS * 330);
    s.push_str("# Approved deviations (generated)\n");
    for i in 1..=EXCEPTIONS {
        let (what, controls) = DEVIATIONS[rng.below(DEVIATIONS.len())];
        let system = SYSTEMS[rng.below(SYSTEMS.len())];
        let host = 1 + rng.below(40);
        let _ = writeln!(
            s,
            "- id: EX-{i:04}\n  title: {what} on {system}-{host:02}\n  controls: [{controls}]\n  scope: {system}-{host:02}\n  reason: {}.",
            capitalised(&sentence(&mut rng, 12))
        );
        let compensating: Vec<&str> = (0..rng.below(3))
            .map(|_| COMPENSATING[rng.below(COMPENSATING.len())])
            .collect();
        if !compensating.is_empty() {
            let _ = writeln!(s, "  compensating: [{}]", compensating.join(", "));
        }
        if rng.below(10) != 0 {
            let _ = writeln!(s, "  risk: R-{:04}", 1 + rng.below(RISKS));
        }
        // Expired (the day after its last day is past), expiring within 30 days of
        // 2026-11-29 (today included), or valid into 2027; approved months before.
        let (expires, approved_back) = match rng.below(10) {
            0 => {
                let back = 1 + rng.below(8);
                (months_before(&mut rng, back), back + 1 + rng.below(6))
            }
            1 => (
                match rng.below(30) {
                    k @ 0..=1 => format!("2026-11-{}", 29 + k),
                    k => format!("2026-12-{:02}", k - 1),
                },
                1 + rng.below(11),
            ),
            _ => (
                format!("2027-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
                1 + rng.below(11),
            ),
        };
        if rng.below(20) != 0 {
            let by = ["CISO", "COO", "CTO"][rng.below(3)];
            let on = months_before(&mut rng, approved_back);
            let _ = writeln!(s, "  approver: {by}\n  approved_on: {on}");
        }
        let _ = writeln!(s, "  expires: {expires}");
    }
    s
}

/// What [`generate`] wrote.
pub struct Corpus {
    /// Document paths relative to the root, in generation order.
    pub paths: Vec<String>,
    /// Total size of the documents.
    pub bytes: usize,
}

/// What a corpus holds besides its documents.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    /// NIST CSF 2.0 declared with a 100-entry crosswalk to Annex A; every fifth document lists
    /// `csf:` ids.
    pub frameworks: bool,
    /// A risk register of [`RISKS`] risks and [`EXCEPTIONS`] exceptions, and `[risk]`.
    pub risks: bool,
    /// Raw HTML in 5% of bodies and a Mermaid diagram in another 5%.
    pub bodies: bool,
}

impl Extras {
    /// Every feature on: what the performance targets are measured with.
    pub fn all() -> Extras {
        Extras {
            frameworks: true,
            risks: true,
            bodies: true,
        }
    }
}

/// Writes `n` documents plus ismsbook.toml and soa.yaml under `dir`. The same `n` always gives
/// the same bytes, so timings from different runs and machines compare like for like.
/// Whatever `extras` adds, the rest is the very same corpus, so runs with and without compare.
pub fn generate_with(n: usize, dir: &Path, extras: Extras) -> std::io::Result<Corpus> {
    std::fs::create_dir_all(dir)?;
    let mut config = String::from("title = \"Generated ISMS\"\norganisation = \"Bench Ltd\"\n");
    let frameworks = extras.frameworks;
    let csf = if frameworks { csf_ids() } else { Vec::new() };
    if frameworks {
        config.push_str(
            "\n[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n\n[[mappings]]\nfrom = \"csf\"\nto = \"iso27001\"\nfile = \"frameworks/csf-to-iso27001.yaml\"\n",
        );
        std::fs::create_dir_all(dir.join("frameworks"))?;
        std::fs::write(dir.join("frameworks/csf-to-iso27001.yaml"), crosswalk(&csf))?;
    }
    if extras.risks {
        config.push_str("\n[risk]\nscale = 5\nappetite = 8\n");
        std::fs::write(dir.join("risks.yaml"), risk_register(&csf))?;
        std::fs::write(dir.join("exceptions.yaml"), exceptions())?;
    }
    std::fs::write(dir.join("ismsbook.toml"), config)?;
    std::fs::write(
        dir.join("soa.yaml"),
        "A.7.4:\n  applicable: false\n  justification: No premises.\n",
    )?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut corpus = Corpus {
        paths: Vec::with_capacity(n),
        bytes: 0,
    };
    for i in 0..n {
        let (_, path) = doc_path(i);
        let mut text = document(i, n, &mut rng, &csf);
        // Appended, and not drawn from `rng`: every other document stays byte for byte the same.
        if extras.bodies {
            match i % 20 {
                3 => text.push_str(&raw_html(i)),
                13 => text.push_str(&diagram(i)),
                _ => {}
            }
        }
        corpus.bytes += text.len();
        let file = dir.join(&path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(file, text)?;
        corpus.paths.push(path);
    }
    Ok(corpus)
}

/// A content folder with one approved document holding `n` broken links: a `[text](file.md)`
/// per line, or `[[ID]]` references all on one line (a generated table row, a minified export).
pub fn links_document(dir: &Path, n: usize, one_line: bool) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut body = String::with_capacity(n * 28);
    for i in 0..n {
        if one_line {
            body.push_str(&format!("[[MISSING-{i}]] "));
        } else {
            body.push_str(&format!("See [record {i}](records/missing-{i}.md).\n"));
        }
    }
    body.push('\n');
    std::fs::write(
        dir.join("links.md"),
        format!(
            "---\nid: REG-1\ntitle: Generated register\ntype: register\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-06-01\n---\n# Register\n\n{body}"
        ),
    )
}
