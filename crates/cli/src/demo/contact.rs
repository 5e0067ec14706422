//! Demo contact details: city and country read from the demo location ("Belgrade, Serbia" with the
//! region's `countries` table of data/demo.toml), and phone numbers for North American candidates
//! only, from the 555-0100 to 555-0199 range that the North American Numbering Plan keeps for
//! fiction, so no demo number can ring anyone.

use super::spec::RegionSpec;
use hireloop_core::candidate::Region;

/// The city and ISO country code of a demo location, when the region's table names its country.
pub fn place(region: &RegionSpec, location: &str) -> (Option<String>, Option<String>) {
    let Some((city, rest)) = location.rsplit_once(',') else {
        return (None, None);
    };
    match region.countries.get(rest.trim()) {
        Some(code) => (Some(city.trim().to_string()), Some(code.clone())),
        None => (None, None),
    }
}

/// A fictional number for the `n`-th demo candidate, if their region has fictional numbers.
pub fn phone(region: Region, n: usize) -> Option<String> {
    const AREAS: [&str; 8] = ["512", "312", "206", "404", "303", "919", "416", "604"];
    match region {
        Region::UnitedStates | Region::Canada => Some(format!(
            "+1 {} 555 01{:02}",
            AREAS[(n / 100) % AREAS.len()],
            n % 100
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fictional_numbers_are_distinct_and_valid() {
        let a = phone(Region::UnitedStates, 7).unwrap();
        let b = phone(Region::Canada, 107).unwrap();
        assert_ne!(a, b);
        assert!(hireloop_core::phone::Phone::parse(&a).is_ok());
        assert_eq!(phone(Region::Asia, 1), None);
    }

    #[test]
    fn demo_candidates_have_a_city_and_country_and_north_americans_a_phone() {
        let spec = crate::demo::spec::DemoSpec::embedded().unwrap();
        let mut rng = <crate::demo::Rng64 as rand::SeedableRng>::seed_from_u64(spec.seed);
        let people = crate::demo::people::candidates(&spec, &mut rng).unwrap();
        let placed = people
            .iter()
            .filter(|p| p.candidate.profile.country.is_some() && p.candidate.profile.city.is_some())
            .count();
        // Everyone but the "Remote (…)" locations.
        assert!(
            placed * 10 > people.len() * 8,
            "{placed} of {}",
            people.len()
        );
        for p in &people {
            let c = &p.candidate;
            let american = matches!(c.region, Some(Region::UnitedStates | Region::Canada));
            assert_eq!(c.profile.phone.is_some(), american, "{}", c.email);
        }
    }
}
