//! What the role-as-code commands (`lint`, `jd`, `role import`) share: reading a role file, its
//! problems as the core parser reports them, and the shipped skill taxonomy as the skill catalog.

use crate::error::CliError;
use hireloop_core::scorecard::{from_toml, Problem, Scorecard};
use hireloop_match::Taxonomy;
use std::path::Path;

/// A role file's text, or a problem saying why it cannot be read.
pub fn read(path: &Path) -> Result<String, Problem> {
    std::fs::read_to_string(path).map_err(|e| Problem {
        path: "(file)".into(),
        message: format!("cannot read {}: {e}", path.display()),
        line: None,
        column: None,
    })
}

/// Reads and parses a role file, or every problem in it.
pub fn load(path: &Path) -> Result<(String, Scorecard), Vec<Problem>> {
    let text = read(path).map_err(|p| vec![p])?;
    let card = from_toml(&text).map_err(|e| e.problems)?;
    Ok((text, card))
}

/// Like [`load`], for commands that stop at the first bad file: the error lists each problem.
pub fn load_or_fail(path: &Path) -> Result<(String, Scorecard), CliError> {
    load(path).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        CliError::Failed(format!(
            "{} does not parse:\n{}",
            path.display(),
            lines.join("\n")
        ))
    })
}

/// The shipped skill taxonomy, against which skills are resolved and near misses suggested.
pub fn catalog() -> Result<Taxonomy, CliError> {
    Taxonomy::shipped()
        .map_err(|e| CliError::Failed(format!("the shipped skill taxonomy does not load: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_and_a_broken_one_name_the_file_and_the_place() {
        let missing = load_or_fail(Path::new("/nonexistent/role.toml")).unwrap_err();
        assert!(
            missing
                .report()
                .contains("cannot read /nonexistent/role.toml"),
            "{}",
            missing.report()
        );
        let dir = std::env::temp_dir().join(format!("hireloop-role-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("broken.toml");
        std::fs::write(&file, "title = \"Senior Go Engineer\"\nlevel = senior\n").unwrap();
        let report = load_or_fail(&file).unwrap_err().report();
        assert!(report.contains("broken.toml does not parse"), "{report}");
        assert!(report.contains("line 2, column"), "{report}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
