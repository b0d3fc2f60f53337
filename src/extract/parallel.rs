//! A long file's parts (blocks, agenda items) read on all cores, their
//! results kept in order: the same results as one after another, for any
//! number of threads. A short file's are read one after another, where
//! sharing the work out would cost more than it saves.

use rayon::prelude::*;

/// Files with at least this many parts have them read on several cores.
const PARALLEL: usize = 2048;

/// Parts handed to a thread at a time.
const SHARE: usize = PARALLEL / 4;

/// `read` of each part `0..n`, in order.
pub fn map<T: Send>(n: usize, read: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    if n < PARALLEL {
        (0..n).map(read).collect()
    } else {
        (0..n)
            .into_par_iter()
            .with_min_len(SHARE)
            .map(read)
            .collect()
    }
}

/// What `read` gives for each part `0..n`, one part's after another's.
pub fn flat_map<T: Send, I: IntoIterator<Item = T>>(
    n: usize,
    read: impl Fn(usize) -> I + Sync + Send,
) -> Vec<T> {
    if n < PARALLEL {
        (0..n).flat_map(read).collect()
    } else {
        (0..n)
            .into_par_iter()
            .with_min_len(SHARE)
            .flat_map_iter(read)
            .collect()
    }
}

/// The parts `0..n` that `keep` holds for, in order.
pub fn filter(n: usize, keep: impl Fn(usize) -> bool + Sync + Send) -> Vec<usize> {
    flat_map(n, |i| keep(i).then_some(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_short_inputs_keep_their_order_on_any_number_of_threads() {
        for n in [0, 5, PARALLEL - 1, PARALLEL, 3 * PARALLEL + 7] {
            let expected: Vec<usize> = (0..n).map(|i| i * 3).collect();
            for threads in [1, 2, 4] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                pool.install(|| {
                    assert_eq!(map(n, |i| i * 3), expected);
                    let pairs = flat_map(n, |i| [i * 3, i * 3 + 1]);
                    assert_eq!(pairs.len(), 2 * n);
                    assert!(pairs.chunks(2).map(|p| p[0]).eq(expected.iter().copied()));
                    let odd = filter(n, |i| i % 2 == 1);
                    assert!(odd.iter().copied().eq((0..n).filter(|i| i % 2 == 1)));
                });
            }
        }
    }
}
