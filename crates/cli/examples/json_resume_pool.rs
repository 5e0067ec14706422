//! Writes N JSON Resume documents as NDJSON to stdout, seeded, for timing `hireloop import`:
//! `cargo run --release -p hireloop-cli --example json_resume_pool -- 100000 7 > pool.ndjson`.
//! The generator is the one `hireloop bench import` uses.

#[path = "../src/commands/bench_import/pool.rs"]
mod pool;

use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().as_deref().unwrap_or("100000").parse()?;
    let seed: u64 = args.next().as_deref().unwrap_or("7").parse()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    pool::write_ndjson(n, seed, &mut out)?;
    out.flush()?;
    Ok(())
}
