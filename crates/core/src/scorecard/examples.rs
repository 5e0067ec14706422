//! The example role files under `examples/roles/` and the lint outcome each is written to show.

use super::lint::testkit::ctx;
use super::{from_toml, lint, to_toml, Severity};

/// (file name, its text, the codes it must produce; empty = must be free of errors).
const EXAMPLES: &[(&str, &str, &[&str])] = &[
    (
        "senior-go-payments.toml",
        include_str!("../../../../examples/roles/senior-go-payments.toml"),
        &[],
    ),
    (
        "mid-python-django-startup.toml",
        include_str!("../../../../examples/roles/mid-python-django-startup.toml"),
        &[],
    ),
    (
        "staff-java-platform-enterprise.toml",
        include_str!("../../../../examples/roles/staff-java-platform-enterprise.toml"),
        &[],
    ),
    (
        "junior-wishlist.toml",
        include_str!("../../../../examples/roles/junior-wishlist.toml"),
        &["HL004", "HL005", "HL006", "HL008", "HL014", "HL015"],
    ),
    (
        "senior-rails-underpaid.toml",
        include_str!("../../../../examples/roles/senior-rails-underpaid.toml"),
        &["HL016", "HL020", "HL022"],
    ),
    (
        "contract-to-hire-fullstack.toml",
        include_str!("../../../../examples/roles/contract-to-hire-fullstack.toml"),
        &["HL011", "HL024", "HL025"],
    ),
    (
        "contractor-core-owner.toml",
        include_str!("../../../../examples/roles/contractor-core-owner.toml"),
        &["HL001", "HL007", "HL009", "HL013", "HL023"],
    ),
];

#[test]
fn every_example_parses_round_trips_and_lints_as_documented() {
    for (name, text, expected) in EXAMPLES {
        let card = from_toml(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            from_toml(&to_toml(&card)).unwrap(),
            card,
            "{name} round trip"
        );
        let report = lint(&card, &ctx());
        let codes = report.codes();
        if expected.is_empty() {
            let errors: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| format!("{} {}", f.code, f.message))
                .collect();
            assert!(
                errors.is_empty(),
                "{name} should be free of errors: {errors:?}"
            );
            assert!(
                !codes.contains(&"HL003"),
                "{name} uses an unknown skill: {codes:?}"
            );
        } else {
            assert!(report.has_errors(), "{name} should have errors");
            for code in *expected {
                assert!(
                    codes.contains(code),
                    "{name} should report {code}; got {codes:?}"
                );
            }
        }
    }
}

#[test]
fn the_underpaid_senior_example_names_the_classic_mismatch() {
    let card = from_toml(EXAMPLES[4].1).unwrap();
    let report = lint(&card, &ctx());
    let finding = report.findings.iter().find(|f| f.code == "HL022").unwrap();
    assert_eq!(finding.severity, Severity::Error);
    assert!(
        finding
            .message
            .contains("senior scorecard with a mid-level budget"),
        "{}",
        finding.message
    );
}
