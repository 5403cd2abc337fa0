//! Work shared out over a few long-lived threads, in contiguous runs balanced by weight.
//!
//! Split's unit of work is a page (under a millisecond): handed out page by page, or with a worker woken
//! per page, the sharing costs about what the page does. So a batch of pages (lint splits about 16 at once)
//! is cut into one run per thread, each about as long as the others, and each thread splits its run in
//! order; the results come back in input order.

/// Where to cut `weights` into at most `parts` contiguous runs of about equal total weight: the runs' end
/// indices, increasing, the last one `weights.len()`; no run is empty.
pub fn balanced_ends(weights: &[usize], parts: usize) -> Vec<usize> {
    let n = weights.len();
    let parts = parts.clamp(1, n.max(1));
    let total: usize = weights.iter().sum();
    let mut ends = Vec::with_capacity(parts);
    let mut acc = 0usize;
    for (i, &w) in weights.iter().enumerate() {
        acc += w;
        let cut = ends.len() + 1;
        let left = n - (i + 1);
        if cut >= parts || left < parts - cut {
            continue; // the last run, or no item to spare for the runs after this one
        }
        // Weights scaled by `parts`: the run ends where the running total is nearest its share of the total
        // (here, or the next item would overshoot the share by more than stopping here falls short of it),
        // or where only as many items are left as runs.
        let (now, share) = (acc * parts, total * cut);
        let next = (acc + weights[i + 1]) * parts;
        if now >= share || (next > share && next - share > share - now) || left == parts - cut {
            ends.push(i + 1);
        }
    }
    if n > 0 {
        ends.push(n);
    }
    ends
}

/// `f` over `items`, in order, on `threads` threads: the calling one and `threads - 1` long-lived workers
/// (a pool built on first use).
///
/// Long-lived, not spawned per batch: each regex keeps a search cache for each thread that searches with it,
/// pooled by the thread's id, so fresh threads kept adding caches (peak RSS +25 MB over 8 MB of pages, against
/// about +5 MB with the same worker every time).
pub fn map_balanced<T: Sync, R: Send>(items: &[T], weight: impl Fn(&T) -> usize, threads: usize,
                                      f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        return items.iter().map(&f).collect();
    }
    let weights: Vec<usize> = items.iter().map(weight).collect();
    let ends = balanced_ends(&weights, threads);
    let mut runs = Vec::with_capacity(ends.len());
    let mut start = 0;
    for &end in &ends {
        runs.push(&items[start..end]);
        start = end;
    }
    // The calling thread takes the last run and the pool's threads - 1 workers the others: one thread fewer
    // holding its own regex caches than a pool of `threads`.
    let mut outs: Vec<Vec<R>> = (0..runs.len()).map(|_| Vec::new()).collect();
    let f = &f;
    pool(threads - 1).in_place_scope(|s| {
        let (last, rest) = outs.split_last_mut().expect("at least one run");
        for (run, out) in runs.iter().zip(rest.iter_mut()) {
            s.spawn(move |_| *out = run.iter().map(f).collect());
        }
        *last = runs[runs.len() - 1].iter().map(f).collect();
    });
    trim_freed_memory();
    outs.into_iter().flatten().collect()
}

/// Hand the pages that freed memory holds back to the OS (glibc: every arena's, the worker's own included).
fn trim_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only returns free memory to the OS; it may be called at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// The pool of `threads` workers, made once per size and process and kept for the process's life. A forked
/// child (Python's `multiprocessing`) inherits the parent's pools without their threads, so the pools are
/// keyed by process id too: the child makes its own instead of waiting on workers that do not exist.
fn pool(threads: usize) -> &'static rayon::ThreadPool {
    use std::sync::{Mutex, OnceLock};
    type Pools = Mutex<Vec<(u32, usize, &'static rayon::ThreadPool)>>;
    static POOLS: OnceLock<Pools> = OnceLock::new();
    let pid = std::process::id();
    let mut known = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    if let Some(&(_, _, p)) = known.iter().find(|&&(id, n, _)| id == pid && n == threads) {
        return p;
    }
    let p: &'static rayon::ThreadPool = Box::leak(Box::new(
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool starts")));
    known.push((pid, threads, p));
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_contiguous_non_empty_and_about_equal() {
        for (weights, parts, want) in [
            (vec![], 2, vec![]),
            (vec![5], 3, vec![1]),
            (vec![1, 1, 1, 1], 2, vec![2, 4]),
            (vec![10, 1, 1, 1, 1], 2, vec![1, 5]),
            (vec![1, 1, 1, 1, 10], 2, vec![4, 5]),
            (vec![3, 3, 3], 5, vec![1, 2, 3]),
            (vec![0, 0, 0], 2, vec![1, 3]),
        ] {
            assert_eq!(balanced_ends(&weights, parts), want, "{weights:?} in {parts}");
        }
    }

    #[test]
    fn results_come_back_in_input_order_on_any_number_of_threads() {
        let items: Vec<usize> = (0..37).collect();
        let serial: Vec<usize> = items.iter().map(|x| x * x).collect();
        for threads in [1, 2, 3, 8, 64] {
            assert_eq!(map_balanced(&items, |&x| x % 5 + 1, threads, |x| x * x), serial, "{threads} threads");
        }
    }
}
