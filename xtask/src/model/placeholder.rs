//! The placeholders of a transcript: what varies from run to run, each kind
//! defined once, here. Normalisation writes them, the check and the twins read
//! them back, the book says in words what they hide, and CONTRIBUTING's table
//! is made from them ([`contributing_table`]); a new kind is one new entry of
//! [`KINDS`].

use std::sync::OnceLock;

use regex::Regex;

/// What a redacted value is, and so how it is written in a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Pid,
    Tid,
    Addr,
    Id,
    Clock,
    Secs,
    N,
    Who,
    Port,
}

/// Everything the course says about one kind of placeholder.
#[derive(Debug)]
pub struct Spec {
    pub kind: Kind,
    /// The key of a lesson's `redact` table, and the word inside a
    /// numbered placeholder (`<pid 1>`).
    pub name: &'static str,
    /// Numbered by first appearance (`<pid 1>`, `<pid 2>`), so that one
    /// value printed twice is visibly the same.
    pub numbered: bool,
    /// A pattern that finds the placeholder as a transcript writes it.
    pub written: &'static str,
    /// How CONTRIBUTING shows it, what it stands for, and how it is checked.
    pub shown: &'static str,
    pub stands_for: &'static str,
    pub checked: &'static str,
    /// What differs in another run, as a clause of the book's sentence under
    /// a sample run, in English and in Chinese.
    pub varies_en: &'static str,
    pub varies_zh: &'static str,
}

const NUMBERED_CHECK: &str = "numbered by first appearance: the same value printed twice keeps its number, a different one gets a new one";

/// Every kind, in the order CONTRIBUTING and the book name them.
pub const KINDS: [Spec; 9] = [
    Spec {
        kind: Kind::Pid,
        name: "pid",
        numbered: true,
        written: r"<pid \d+>",
        shown: "`<pid 1>`, `<pid 2>`…",
        stands_for: "process ids",
        checked: NUMBERED_CHECK,
        varies_en: "the process ids are different",
        varies_zh: "进程号不同",
    },
    Spec {
        kind: Kind::Tid,
        name: "tid",
        numbered: true,
        written: r"<tid \d+>",
        shown: "`<tid 1>`…",
        stands_for: "thread ids (`ThreadId(…)`)",
        checked: NUMBERED_CHECK,
        varies_en: "the thread ids are different",
        varies_zh: "线程 ID 不同",
    },
    Spec {
        kind: Kind::Addr,
        name: "addr",
        numbered: true,
        written: r"<addr \d+>",
        shown: "`<addr 1>`…",
        stands_for: "memory addresses",
        checked: NUMBERED_CHECK,
        varies_en: "the memory addresses are different",
        varies_zh: "内存地址不同",
    },
    Spec {
        kind: Kind::Id,
        name: "id",
        numbered: true,
        written: r"<id \d+>",
        shown: "`<id 1>`…",
        stands_for: "a number the scheduler picks (which buyer got the lock first)",
        checked: NUMBERED_CHECK,
        varies_en: "other threads or tasks can get there first, so other numbers come first",
        varies_zh: "先抢到的线程或任务可能不同，先出现的编号也随之不同",
    },
    Spec {
        kind: Kind::Clock,
        name: "clock",
        numbered: false,
        written: r"<clock(?:\+\d+ s)?>",
        shown: "`<clock>`, `<clock+3 s>`",
        stands_for: "times of day (`HH:MM:SS`)",
        checked: "the first is `<clock>`; each later one shows how many seconds after the first it is",
        varies_en: "the times of day are different (the seconds between them are not)",
        varies_zh: "时刻不同（但时刻之间相隔的秒数不变）",
    },
    Spec {
        kind: Kind::Secs,
        name: "secs",
        numbered: false,
        written: r"<≈-?\d+ s>",
        shown: "`<≈3 s>`",
        stands_for: "an elapsed time",
        checked: "rounded to whole lesson seconds: 3.02 passes, 9.0 does not",
        varies_en: "the elapsed times can be off by a fraction of a second",
        varies_zh: "耗时可能有不到一秒的出入",
    },
    Spec {
        kind: Kind::N,
        name: "n",
        numbered: false,
        written: r"<n>",
        shown: "`<n>`",
        stands_for: "a count that varies (how many updates a race lost)",
        checked: "the lesson's pattern says which counts are acceptable, for instance any but zero; any other stays in the text and fails",
        varies_en: "the counts and measured figures are different",
        varies_zh: "计数和测得的数字不同",
    },
    Spec {
        kind: Kind::Who,
        name: "who",
        numbered: false,
        written: r"<who>",
        shown: "`<who>`",
        stands_for: "which of a few threads or workers the scheduler picked",
        checked: "not numbered: the order of turns itself varies",
        varies_en: "another thread or worker can take a turn",
        varies_zh: "每一轮由哪个线程或工作进程来做可能不同",
    },
    Spec {
        kind: Kind::Port,
        name: "port",
        numbered: false,
        written: r"<port>",
        shown: "`<port>`",
        stands_for: "a TCP port the system picked (a server bound to port 0)",
        checked: "any port number; the rest of the address is compared",
        varies_en: "the system picks another port",
        varies_zh: "系统挑选的端口号不同",
    },
];

impl Kind {
    /// Everything said about this kind.
    pub fn spec(self) -> &'static Spec {
        KINDS
            .iter()
            .find(|s| s.kind == self)
            .expect("every kind has its entry in KINDS")
    }

    /// The kind a `redact` table names, if any.
    pub fn from_name(name: &str) -> Option<Kind> {
        KINDS.iter().find(|s| s.name == name).map(|s| s.kind)
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn is_numbered(self) -> bool {
        self.spec().numbered
    }

    /// The placeholder before numbering: what alignment compares, and what
    /// an unnumbered kind writes.
    pub fn mask(self, raw: &str) -> String {
        match self {
            Kind::Secs => match raw.parse::<f64>() {
                Ok(secs) => format!("<≈{} s>", secs.round()),
                // The patterns capture digits, so this is only reached by a
                // pattern that captures something else: keep it visible.
                Err(_) => raw.to_string(),
            },
            kind => format!("<{}>", kind.name()),
        }
    }

    /// The placeholder numbered: `<pid 2>`.
    pub fn numbered(self, n: usize) -> String {
        format!("<{} {n}>", self.name())
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Finds any placeholder, of any kind, as a transcript writes it.
pub fn any_placeholder() -> &'static Regex {
    static ANY: OnceLock<Regex> = OnceLock::new();
    ANY.get_or_init(|| {
        let all: Vec<&str> = KINDS.iter().map(|s| s.written).collect();
        Regex::new(&all.join("|")).expect("the placeholders' patterns are valid")
    })
}

/// Finds a numbered placeholder and captures its kind's name: `<pid 2>` → `pid`.
pub fn numbered_placeholder() -> &'static Regex {
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    NUMBERED.get_or_init(|| {
        let names: Vec<&str> = KINDS
            .iter()
            .filter(|s| s.numbered)
            .map(|s| s.name)
            .collect();
        Regex::new(&format!(r"<({}) \d+>", names.join("|"))).expect("a valid pattern")
    })
}

/// `text` with the numbers its placeholders carry taken out: `<pid 2>` →
/// `<pid>`, `<≈3 s>` → `<≈? s>`, `<clock+4 s>` → `<clock+? s>`. What is left
/// says which kinds stand where, not which values they stood for.
pub fn without_values(text: &str) -> String {
    static TIMES: OnceLock<Regex> = OnceLock::new();
    let times = TIMES.get_or_init(|| Regex::new(r"<(≈|clock\+)-?\d+ s>").expect("a valid pattern"));
    let text = numbered_placeholder().replace_all(text, "<$1>");
    times.replace_all(&text, "<${1}? s>").into_owned()
}

/// Whether `text` holds a placeholder of this kind.
pub fn holds(kind: Kind, text: &str) -> bool {
    Regex::new(kind.spec().written).is_ok_and(|r| r.is_match(text))
}

/// Patterns that read numbered placeholders back as values (`<pid 2>` as a
/// pid), so that text already normalised can be numbered again.
pub fn read_back() -> Vec<Redaction> {
    KINDS
        .iter()
        .filter(|s| s.numbered)
        .map(|s| Redaction::new(s.kind, &format!("({})", s.written)).expect("a valid pattern"))
        .collect()
}

/// CONTRIBUTING's table of placeholders, made from [`KINDS`].
pub fn contributing_table() -> String {
    let mut table = String::from(
        "| placeholder | `redact` key | stands for | how it is checked |\n|---|---|---|---|\n",
    );
    for s in &KINDS {
        table.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            s.shown, s.name, s.stands_for, s.checked
        ));
    }
    table
}

/// The markers around that table in CONTRIBUTING.md.
pub const TABLE_START: &str = "<!-- placeholders: made from xtask/src/model/placeholder.rs -->";
pub const TABLE_END: &str = "<!-- end of placeholders -->";

/// One pattern of a lesson's `redact` table.
#[derive(Debug, Clone)]
pub struct Redaction {
    pub kind: Kind,
    pub pattern: Regex,
}

impl Redaction {
    /// Compiles `pattern`, which must have exactly one capture group: the part
    /// that varies. Everything outside the group is still compared.
    pub fn new(kind: Kind, pattern: &str) -> Result<Self, String> {
        let regex =
            Regex::new(pattern).map_err(|e| format!("bad {kind} pattern {pattern:?}: {e}"))?;
        if regex.captures_len() != 2 {
            return Err(format!(
                "{kind} pattern {pattern:?} must have exactly one capture group (the part that varies)"
            ));
        }
        Ok(Self {
            kind,
            pattern: regex,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_entry_and_its_mask_is_what_its_pattern_finds() {
        for s in &KINDS {
            assert_eq!(KINDS.iter().filter(|t| t.kind == s.kind).count(), 1);
            assert_eq!(Kind::from_name(s.name), Some(s.kind));
            let written = if s.numbered {
                s.kind.numbered(3)
            } else {
                s.kind.mask("2.9")
            };
            assert!(
                holds(s.kind, &written),
                "{written} is not found as {}",
                s.name
            );
            assert!(any_placeholder().is_match(&written));
            assert_eq!(numbered_placeholder().is_match(&written), s.numbered);
        }
        assert!(holds(Kind::Clock, "<clock+3 s>"));
        assert!(!any_placeholder().is_match("pid 3, 3 s, clock"));
        assert_eq!(
            without_values("<pid 2> <≈3 s> <clock+4 s> <clock> <n>"),
            "<pid> <≈? s> <clock+? s> <clock> <n>"
        );
    }
}
