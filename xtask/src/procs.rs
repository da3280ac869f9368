//! What Linux's `/proc` says of the processes a program left: which are in
//! its process group, in what state, and whose child each is.

/// Every process whose process group is `group`, with its state letter.
/// Reads `/proc`; where there is none, reports nothing.
pub fn group_members(group: i32) -> Vec<(i32, char)> {
    let mut members: Vec<(i32, char)> = proc_entries()
        .filter(|p| p.group == group)
        .map(|p| (p.pid, p.state))
        .collect();
    members.sort();
    members
}

/// What `/proc/<pid>/stat` says of one process.
#[derive(Debug, Clone)]
pub struct ProcEntry {
    pub pid: i32,
    pub state: char,
    pub parent: i32,
    pub group: i32,
    pub start_ticks: u64,
}

/// Every process in `/proc` (none where there is no `/proc`).
pub fn proc_entries() -> impl Iterator<Item = ProcEntry> {
    let entries = std::fs::read_dir("/proc").into_iter().flatten().flatten();
    entries.filter_map(|entry| {
        let pid = entry.file_name().to_str()?.parse::<i32>().ok()?;
        let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
        // `pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt
        // majflt cmajflt utime stime cutime cstime priority nice threads
        // itrealvalue starttime ...`; comm may hold spaces and parentheses.
        let after = &stat[stat.rfind(')')? + 1..];
        let fields: Vec<&str> = after.split_whitespace().collect();
        Some(ProcEntry {
            pid,
            state: fields.first()?.chars().next()?,
            parent: fields.get(1)?.parse().ok()?,
            group: fields.get(2)?.parse().ok()?,
            start_ticks: fields.get(19)?.parse().ok()?,
        })
    })
}
