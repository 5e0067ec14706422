use super::*;

fn shipped() -> Taxonomy {
    Taxonomy::shipped().unwrap()
}

fn id(t: &Taxonomy, name: &str) -> SkillId {
    t.resolve(name)
        .unwrap_or_else(|| panic!("no skill for {name}"))
}

fn text_id(t: &Taxonomy, s: SkillId) -> &str {
    &t.get(s).unwrap().id
}

fn one(file: &str, body: &str) -> Vec<(String, String)> {
    vec![(file.to_string(), body.to_string())]
}

#[test]
fn shipped_taxonomy_is_large_and_covers_every_backend_area() {
    let t = shipped();
    assert!(t.len() >= 300, "only {} skills", t.len());
    for category in [
        "language",
        "framework",
        "database",
        "messaging",
        "cloud",
        "infrastructure",
        "api",
        "testing",
        "observability",
        "security",
    ] {
        assert!(
            t.iter().any(|(_, s)| s.category == category),
            "no skill in category {category}"
        );
    }
}

#[test]
fn aliases_resolve_whatever_the_case_spacing_or_punctuation() {
    let t = shipped();
    for (raw, want) in [
        ("Postgres", "postgresql"),
        ("psql", "postgresql"),
        ("PostgreSQL", "postgresql"),
        ("k8s", "kubernetes"),
        ("K8S", "kubernetes"),
        ("Node", "nodejs"),
        ("node.js", "nodejs"),
        (" Node JS ", "nodejs"),
        ("golang", "go"),
        ("Spring-Boot", "spring-boot"),
        ("C++", "cpp"),
        ("c#", "csharp"),
        ("C", "c"),
        (".NET", "dotnet"),
    ] {
        assert_eq!(text_id(&t, id(&t, raw)), want, "{raw}");
    }
    assert_eq!(t.resolve("cobolx"), None);
}

#[test]
fn frameworks_imply_their_language_transitively() {
    let t = shipped();
    for (framework, language) in [
        ("django", "python"),
        ("spring-boot", "java"),
        ("laravel", "php"),
        ("rails", "ruby"),
        ("nestjs", "nodejs"),
        ("express", "nodejs"),
        ("fastapi", "python"),
        ("nestjs", "javascript"),
        ("django-rest-framework", "python"),
    ] {
        let implied: Vec<&str> = t
            .implied(id(&t, framework))
            .iter()
            .map(|s| text_id(&t, *s))
            .collect();
        assert!(
            implied.contains(&language),
            "{framework} implies {implied:?}"
        );
    }
    assert!(t.implied(id(&t, "python")).is_empty());
}

#[test]
fn normalising_keeps_unknown_tags_and_drops_only_duplicates() {
    let t = shipped();
    let n = t.normalise(&[
        "Postgres",
        "psql",
        "Django",
        "",
        "Quantum Basket Weaving",
        "quantum basket-weaving",
    ]);
    let ids: Vec<&str> = n.skills.iter().map(|s| text_id(&t, *s)).collect();
    assert_eq!(ids, ["postgresql", "django"]);
    assert_eq!(n.unknown, ["Quantum Basket Weaving"]);
}

#[test]
fn text_detection_finds_whole_words_only() {
    let t = shipped();
    let text = "Built payment APIs in Golang and Django on PostgreSQL, deployed to k8s; \
                some JavaScript. Ready to go to market. Also C++ and C#.";
    let found: Vec<&str> = t
        .detect(text)
        .iter()
        .map(|d| text_id(&t, d.skill))
        .collect();
    assert_eq!(
        found,
        [
            "go",
            "django",
            "postgresql",
            "kubernetes",
            "javascript",
            "cpp",
            "csharp"
        ]
    );
    // Not Java inside JavaScript, not SQL inside PostgreSQL, not Go in "go to market".
    let d = t.detect("JavaScript and PostgreSQL");
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].text, "JavaScript");
    assert_eq!(d[1].start, "JavaScript and ".len());
    assert!(t
        .detect("Go and Rust")
        .iter()
        .any(|d| text_id(&t, d.skill) == "go"));
}

#[test]
fn user_files_add_skills_and_replace_same_named_files() {
    let extra = one(
        "ours.toml",
        r#"skill = [{ id = "acme-rpc", name = "Acme RPC", aliases = ["arpc"], category = "api", implies = ["go"] }]"#,
    );
    let t = Taxonomy::with_user_files(extra).unwrap();
    let acme = id(&t, "ARPC");
    assert_eq!(t.implied(acme).len(), 1);
    assert_eq!(t.len(), shipped().len() + 1);

    // A replacing file must keep what other files imply: Amazon Bedrock implies LLM APIs.
    let err = Taxonomy::with_user_files(one(
        "practices.toml",
        r#"category = "practice"
           skill = [{ id = "pairing", name = "Pair programming" }]"#,
    ))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cloud.toml: skill 'amazon-bedrock' implies 'llm-apis', which no skill file defines"
    );
    let replaced = Taxonomy::with_user_files(one(
        "practices.toml",
        r#"category = "practice"
           skill = [{ id = "pairing", name = "Pair programming" }, { id = "llm-apis", name = "LLM APIs" }]"#,
    ))
    .unwrap();
    assert!(replaced.resolve("pairing").is_some());
    assert!(replaced.resolve("graphql").is_none());
}

#[test]
fn bad_files_fail_with_the_file_and_skill_named() {
    let cases = [
        (
            r#"category = "x"
               skill = [{ id = "a", name = "A" }, { id = "a", name = "A2" }]"#,
            "bad.toml: skill id 'a' is already defined in bad.toml",
        ),
        (
            r#"category = "x"
               skill = [{ id = "a", name = "A", aliases = ["shared"] }, { id = "b", name = "B", aliases = ["Shared!"] }]"#,
            "bad.toml: skill 'b': alias 'Shared!' already names skill 'a' (bad.toml)",
        ),
        (
            r#"category = "x"
               skill = [{ id = "a", name = "A", implies = ["nope"] }]"#,
            "bad.toml: skill 'a' implies 'nope', which no skill file defines",
        ),
        (
            r#"category = "x"
               skill = [{ id = "a", name = "A", implies = ["b"] }, { id = "b", name = "B", implies = ["a"] }]"#,
            "bad.toml: skill 'a' implies itself through a -> b -> a",
        ),
        (
            r#"skill = [{ id = "A B", name = "A" }]"#,
            "bad.toml: skill 'A B': an id is 1-40 characters",
        ),
        (
            r#"skill = [{ id = "a", name = "A" }]"#,
            "bad.toml: skill 'a': no category",
        ),
        (
            r#"skill = [{ id = "a" }]"#,
            "bad.toml: missing field `name`",
        ),
    ];
    for (body, want) in cases {
        let err = Taxonomy::from_files(one("bad.toml", body))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(want), "{err}\n  wanted: {want}");
    }
}
