//! hireloop-match: the matching engine. For now it compares free skill tags; the shipped skill
//! taxonomy (aliases, framework→language links), the candidate index and explainable scoring come
//! with the talent-pool issue.

use hireloop_core::candidate::SkillTag;

/// The share of `wanted` skills that `have` covers, 0.0-1.0; 1.0 when nothing is wanted.
pub fn skill_coverage(wanted: &[SkillTag], have: &[SkillTag]) -> f64 {
    if wanted.is_empty() {
        return 1.0;
    }
    let covered = wanted.iter().filter(|w| have.contains(w)).count();
    covered as f64 / wanted.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(raw: &[&str]) -> Vec<SkillTag> {
        raw.iter().map(|s| SkillTag::parse(s).unwrap()).collect()
    }

    #[test]
    fn coverage_counts_wanted_skills_found() {
        assert_eq!(
            skill_coverage(&tags(&["go", "postgresql"]), &tags(&["Go", "kafka"])),
            0.5
        );
        assert_eq!(skill_coverage(&[], &tags(&["go"])), 1.0);
        assert_eq!(skill_coverage(&tags(&["rust"]), &[]), 0.0);
    }
}
