//! A count of the steps of per-file work, for tests that check the work grows
//! with a file's size and not with its square. Tests compare counts for a file
//! and for one eight times as long; they never time anything, so they give the
//! same answer on any machine. Outside the crate's own tests [`step`] is empty
//! and compiles to nothing.
//!
//! Steps are counted where scans visit what a file is made of: each look at a
//! block's heading level (how nearly every scan over blocks tells sections
//! apart), each line of a block, each line number looked up, each person's key
//! (how scans over the people of a meeting compare them), each entry shifted or
//! visited while provenance and aliases are merged, and each edge listed.

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Count `n` steps of work on this thread.
#[inline(always)]
pub fn step(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

/// The steps counted on this thread since the last call, and a new count begun.
#[cfg(test)]
pub fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}

#[cfg(test)]
mod tests;
