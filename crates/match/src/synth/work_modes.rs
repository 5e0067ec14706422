//! Work modes and relocation in the synthetic pool, so the on-site and hybrid filter meets every
//! case: stated on-site or hybrid, remote only but open to relocation, and nothing stated. The
//! shares are hireloop assumptions for a remote-first agency pool (FACTS.md has no figure):
//! of the pool's base draw (90 % remote, on-site for the rest and for 35 % of the remote),
//! 6 % state no work mode (imports often leave it out); of those stating one, 50 % of on-site
//! people and 25 % of remote-only people also state hybrid; 15 % are open to relocation.
//! Drawn from a stream of their own, so the rest of each profile is as it was without them.

use crate::profile::WorkMode;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const UNSTATED: f64 = 0.06;
const HYBRID_IF_ONSITE: f64 = 0.50;
const HYBRID_IF_REMOTE_ONLY: f64 = 0.25;
const RELOCATION: f64 = 0.15;

/// Draws the additions; three draws per profile whatever it states, so the stream stays aligned.
pub(crate) struct WorkModeDraw(ChaCha8Rng);

impl WorkModeDraw {
    pub fn new(seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(2);
        Self(rng)
    }

    /// The final modes (in `WorkMode::ALL` order) and relocation, from the base draw.
    pub fn next(&mut self, base: &[WorkMode]) -> (Vec<WorkMode>, bool) {
        let (unstated, hybrid, relocation) = (
            self.0.gen::<f64>(),
            self.0.gen::<f64>(),
            self.0.gen::<f64>(),
        );
        let relocation = relocation < RELOCATION;
        if unstated < UNSTATED {
            return (Vec::new(), relocation);
        }
        let onsite = base.contains(&WorkMode::Onsite);
        let share = if onsite {
            HYBRID_IF_ONSITE
        } else {
            HYBRID_IF_REMOTE_ONLY
        };
        let with_hybrid = hybrid < share;
        let modes = WorkMode::ALL
            .into_iter()
            .filter(|m| base.contains(m) || (with_hybrid && *m == WorkMode::Hybrid))
            .collect();
        (modes, relocation)
    }
}
