//! How many threads the model's arithmetic uses, settled once per process.
//!
//! candle asks for its thread count on every matrix product, and unless `RAYON_NUM_THREADS`
//! is set it answers by reading `/proc/cpuinfo` and the CPU capacity files under `/sys`
//! (candle-core 0.11 `utils::get_num_threads`). For a short question's dozens of small
//! products that reading costs more than the arithmetic: on the project's 2-core machine one
//! 12-token 384 × 384 product took 0.17 ms without the variable and 0.05 ms with it (p50 of
//! 2,000 `candle_nn::Linear::forward` calls in a scratch program; `docs/BENCHMARKS.md` has the
//! whole-query figures).

/// Sets `RAYON_NUM_THREADS` to the threads this process may use, unless it is already set.
/// Call it at the start of `main`, before any thread is spawned (setting the environment is
/// not safe while other threads read it); returns the count in use.
pub fn settle_thread_count() -> usize {
    let set = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    if let Some(n) = set {
        return n;
    }
    let n = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::env::set_var("RAYON_NUM_THREADS", n.to_string());
    n
}
