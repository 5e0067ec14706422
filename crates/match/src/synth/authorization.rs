//! Work authorization in the synthetic pool: a minority of candidates may work somewhere besides
//! where they live. The shares are hireloop assumptions for a remote-first agency pool (no market
//! figure in FACTS.md), picked so that the allowed-countries filter meets every case: authorization
//! by country code (Canadians for the US) and by region (EU residents for western_europe).
//! Drawn from a stream of their own, so the rest of each profile is as it was without them.

use crate::profile::{Country, WorkAuthorization};
use hireloop_core::candidate::Region;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Where residents of a country may also work, and the share of them who may.
enum Grant {
    Country(&'static str),
    Region(Region),
}

const RULES: &[(&[&str], f64, Grant)] = &[
    (&["CA"], 0.20, Grant::Country("US")),
    (&["US"], 0.03, Grant::Country("CA")),
    (&["MX", "CO", "IN", "PH"], 0.04, Grant::Country("US")),
    (
        &["AR", "BR", "CL"],
        0.06,
        Grant::Region(Region::WesternEurope),
    ),
    // EU members: free movement within the EU, recorded as the western_europe region.
    (
        &["PL", "RO", "BG"],
        0.25,
        Grant::Region(Region::WesternEurope),
    ),
    (&["UA", "RS"], 0.08, Grant::Country("DE")),
    (
        &["DE", "NL", "FR", "ES", "PT", "IE"],
        0.03,
        Grant::Country("GB"),
    ),
    (&["GB"], 0.03, Grant::Country("US")),
];

/// Draws authorizations; one draw per profile whatever it lives in, so the stream stays aligned.
pub(crate) struct AuthorizationDraw(ChaCha8Rng);

impl AuthorizationDraw {
    pub fn new(seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(1);
        Self(rng)
    }

    pub fn next(&mut self, lives_in: &str) -> Vec<WorkAuthorization> {
        let u = self.0.gen::<f64>();
        let Some((_, share, grant)) = RULES.iter().find(|(from, _, _)| from.contains(&lives_in))
        else {
            return Vec::new();
        };
        if u >= *share {
            return Vec::new();
        }
        match grant {
            Grant::Country(code) => Country::parse(code)
                .map(|c| vec![WorkAuthorization::Country(c)])
                .unwrap_or_default(),
            Grant::Region(r) => vec![WorkAuthorization::Region(*r)],
        }
    }
}
