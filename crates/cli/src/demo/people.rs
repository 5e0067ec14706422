//! Demo candidates: a name and a place from a region, skills from a stack, and an expected hourly
//! rate drawn inside that region's band for their level.

use super::spec::{DemoSpec, RegionSpec, StackSpec, WorkModesSpec, YearsSpec};
use super::{bad, Rng64};
use hireloop_core::candidate::{CandidateInput, NewCandidate};
use hireloop_core::candidate_profile::SkillDetailInput;
use hireloop_core::level::Level;
use hireloop_core::money::MoneyInput;
use rand::seq::{IteratorRandom, SliceRandom};
use rand::Rng;
use std::collections::HashSet;

/// A generated candidate with what the data set knows beyond the profile.
#[derive(Debug, Clone)]
pub struct Person {
    pub candidate: NewCandidate,
    pub level: Level,
    /// Index into `DemoSpec::stacks`.
    pub stack: usize,
}

pub fn candidates(spec: &DemoSpec, rng: &mut Rng64) -> Result<Vec<Person>, crate::error::CliError> {
    let mut emails = HashSet::new();
    let mut people = Vec::new();
    for (index, stack) in spec.stacks.iter().enumerate() {
        for _ in 0..stack.candidates {
            people.push(person(spec, index, stack, rng, &mut emails)?);
        }
    }
    // Mixed, so lists and boards do not show one stack after another.
    people.shuffle(rng);
    Ok(people)
}

fn person(
    spec: &DemoSpec,
    stack_index: usize,
    stack: &StackSpec,
    rng: &mut Rng64,
    emails: &mut HashSet<String>,
) -> Result<Person, crate::error::CliError> {
    let w = stack.levels;
    let (level, _) = *[
        (Level::Junior, w.junior),
        (Level::Mid, w.mid),
        (Level::Senior, w.senior),
    ]
    .choose_weighted(rng, |(_, weight)| *weight)
    .map_err(|e| bad(format!("level weights of stack {}: {e}", stack.key)))?;
    let region: &RegionSpec = spec
        .regions
        .choose_weighted(rng, |r| r.weight)
        .map_err(|e| bad(format!("region weights: {e}")))?;
    let pick = |list: &[String], rng: &mut Rng64| list.choose(rng).cloned().unwrap_or_default();
    let first = pick(&region.first_names, rng);
    let last = pick(&region.last_names, rng);
    let email = unique_email(emails, &first, &last, &spec.email_domain);
    let (low, high) = spec
        .rates
        .band(region.region, level)
        .ok_or_else(|| bad(format!("no rate band for {}", region.region)))?;
    let [from, to] = stack.rate_position;
    let position = rng.gen_range(from.min(to)..=to.max(from)).clamp(0.0, 1.0);
    let amount = low + ((high - low) as f64 * position).round() as i64;
    let skills = skills(spec, stack, level, rng);
    let skill_details = spec
        .years
        .as_ref()
        .map(|years| skill_years(years, stack, level, &email, &skills))
        .unwrap_or_default();
    let (work_modes, open_to_relocation) = spec
        .work_modes
        .as_ref()
        .map(|w| work_modes(w, &email))
        .unwrap_or_default();
    let location = pick(&region.locations, rng);
    let (city, country) = super::contact::place(region, &location);
    let input = CandidateInput {
        name: format!("{first} {last}"),
        phone: super::contact::phone(region.region, emails.len()),
        city,
        country,
        location: Some(location),
        region: Some(region.region.as_str().to_string()),
        skills,
        expected_rate: Some(MoneyInput {
            amount,
            currency: Some(spec.rates.currency.clone()),
            period: spec.rates.period.clone(),
        }),
        stated_level: Some(level.as_str().to_string()),
        skill_details,
        work_modes,
        open_to_relocation,
        email,
        ..Default::default()
    };
    let candidate = input
        .parse()
        .map_err(|e| bad(format!("candidate {}: {e}", input.email)))?;
    Ok(Person {
        candidate,
        level,
        stack: stack_index,
    })
}

/// A generator of its own per candidate, seeded by the email and `salt`, so a new kind of draw
/// leaves every other demo draw (names, rates, stages) as it was.
fn own_rng(email: &str, salt: u64) -> Rng64 {
    use rand::SeedableRng;
    let seed = email
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64 ^ salt, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
    Rng64::seed_from_u64(seed)
}

/// Where the candidate is willing to work (one weighted choice) and their answer on relocation.
fn work_modes(spec: &WorkModesSpec, email: &str) -> (Vec<String>, Option<bool>) {
    let mut rng = own_rng(email, 0x776f_726b);
    let modes = spec
        .choices
        .choose_weighted(&mut rng, |c| c.weight)
        .map(|c| c.modes.clone())
        .unwrap_or_default();
    let u = rng.gen::<f64>();
    let relocation = if u < spec.relocation_yes {
        Some(true)
    } else if u < spec.relocation_yes + spec.relocation_no {
        Some(false)
    } else {
        None
    };
    (modes, relocation)
}

/// Years per skill: the core skills inside the level's band, the others up to the core's years.
/// Drawn from a generator seeded by the email, not the shared one, so adding years left every
/// other demo draw (names, rates, stages) as it was.
fn skill_years(
    years: &YearsSpec,
    stack: &StackSpec,
    level: Level,
    email: &str,
    skills: &[String],
) -> Vec<SkillDetailInput> {
    let mut rng = own_rng(email, 0);
    let [low, high] = years.band(level);
    let half = |y: f32| (y * 2.0).round() / 2.0;
    let core = half(rng.gen_range(low.min(high)..=high.max(low)));
    let mut seen = HashSet::new();
    skills
        .iter()
        // One detail per tag, as the core rule wants: a skill listed twice is described once.
        .filter(|skill| seen.insert(skill.trim().to_lowercase()))
        .map(|skill| {
            let y = if stack.core.contains(skill) {
                core
            } else {
                half(rng.gen_range(0.5..=core.max(0.5)))
            };
            SkillDetailInput {
                skill: skill.clone(),
                years: Some(y),
                last_used_year: None,
            }
        })
        .collect()
}

/// The stack's core skills, then more of its skills the more senior, then a few general ones.
fn skills(spec: &DemoSpec, stack: &StackSpec, level: Level, rng: &mut Rng64) -> Vec<String> {
    let from_stack = match level {
        Level::Junior => rng.gen_range(2..=3),
        Level::Mid => rng.gen_range(3..=5),
        Level::Senior => rng.gen_range(4..=6),
    };
    let general = rng.gen_range(1..=3);
    let mut skills = stack.core.clone();
    skills.extend(
        stack
            .skills
            .iter()
            .cloned()
            .choose_multiple(rng, from_stack),
    );
    skills.extend(
        spec.common_skills
            .iter()
            .cloned()
            .choose_multiple(rng, general),
    );
    skills
}

/// first.last@domain, numbered when taken, in plain ASCII.
fn unique_email(taken: &mut HashSet<String>, first: &str, last: &str, domain: &str) -> String {
    let base = format!("{}.{}", ascii_slug(first), ascii_slug(last));
    let mut email = format!("{base}@{domain}");
    let mut n = 2;
    while taken.contains(&email) {
        email = format!("{base}{n}@{domain}");
        n += 1;
    }
    taken.insert(email.clone());
    email
}

/// Lower case ASCII letters and digits, folding the accented letters the demo names use.
fn ascii_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let folded = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ñ' | 'ń' => "n",
            'ç' | 'ć' | 'č' => "c",
            'š' | 'ś' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'đ' => "d",
            'ł' => "l",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "",
        };
        slug.push_str(folded);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_ascii_and_unique() {
        assert_eq!(ascii_slug("Wiśniewska"), "wisniewska");
        assert_eq!(ascii_slug("de Vries"), "devries");
        let mut taken = HashSet::new();
        let a = unique_email(&mut taken, "João", "Petrović", "demo.hireloop.test");
        let b = unique_email(&mut taken, "João", "Petrović", "demo.hireloop.test");
        assert_eq!(a, "joao.petrovic@demo.hireloop.test");
        assert_eq!(b, "joao.petrovic2@demo.hireloop.test");
    }
}
