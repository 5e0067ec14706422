//! Process memory from /proc/self/status (Linux): resident set now (VmRSS) and its peak (VmHWM).
//! Elsewhere both are `None` and the report says so.

fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resident bytes now.
pub fn rss_bytes() -> Option<u64> {
    status_kib("VmRSS:").map(|k| k * 1024)
}

/// The most resident bytes the process has had.
pub fn peak_rss_bytes() -> Option<u64> {
    status_kib("VmHWM:").map(|k| k * 1024)
}

#[cfg(test)]
mod tests {
    #[test]
    fn resident_memory_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let now = super::rss_bytes().unwrap_or(0);
            let peak = super::peak_rss_bytes().unwrap_or(0);
            assert!(now > 0 && peak >= now, "rss {now}, peak {peak}");
        }
    }
}
