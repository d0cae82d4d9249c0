//! An 8-bit sketch of the paragraph vectors, for finding a large library's nearest paragraphs
//! with a quarter of the memory traffic: each row is scaled by its largest component and
//! rounded to `i8` (symmetric scalar quantisation), and a query's approximate cosine with a
//! row is the integer dot product times the row's scale. It only picks candidates; their
//! cosines are then read from the `f32` rows, so no feature sees the rounding. Derived from
//! the vectors whenever they are built or loaded, never stored.

use rayon::prelude::*;

/// Rows scanned by one task: below this many a scan stays on the calling thread.
const SCAN_ROWS: usize = 4096;

/// Above this many rows the sketch picks the nearest rows' candidates; at or below it every
/// row's exact cosine is read.
const SKETCH_ROWS: usize = SCAN_ROWS;
/// Candidates the sketch picks for each nearest row asked for, so that its rounding cannot
/// push a near row out before the exact cosines rank them.
const OVERSAMPLE: usize = 2;

/// The paragraph vectors in 8 bits.
#[derive(Debug, Clone, Default)]
pub(super) struct Sketch {
    rows: Vec<i8>,
    /// Per row: the factor that turns its integer dot products back into cosines.
    scales: Vec<f32>,
}

/// `v` rounded to `i8` at the scale that maps its largest magnitude to 127, and that scale.
pub(super) fn quantise(v: &[f32], out: &mut Vec<i8>) -> f32 {
    let max = v.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    if max == 0.0 {
        out.extend(std::iter::repeat_n(0, v.len()));
        return 0.0;
    }
    let k = 127.0 / max;
    out.extend(v.iter().map(|x| (x * k).round().clamp(-127.0, 127.0) as i8));
    max / 127.0
}

/// The integer dot product of two `i8` rows. Thirty-two running sums, as [`crate::embed::dot`]
/// keeps, so the compiler's vector code is not bound by one accumulator.
pub(super) fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    const LANES: usize = 32;
    let n = a.len().min(b.len());
    let chunks = n / LANES * LANES;
    let mut acc = [0i32; LANES];
    for (x, y) in a[..chunks]
        .chunks_exact(LANES)
        .zip(b[..chunks].chunks_exact(LANES))
    {
        for i in 0..LANES {
            acc[i] += i32::from(x[i]) * i32::from(y[i]);
        }
    }
    let tail: i32 = a[chunks..n]
        .iter()
        .zip(&b[chunks..n])
        .map(|(x, y)| i32::from(*x) * i32::from(*y))
        .sum();
    acc.iter().sum::<i32>() + tail
}

impl Sketch {
    /// The sketch a library with these paragraph vectors searches by: none (every exact
    /// cosine is read, see [`Sketch::nearest`]) up to [`SKETCH_ROWS`] rows, so a small
    /// library spends neither the time nor the memory.
    pub(super) fn when_needed(rows: &[f32], dim: usize) -> Sketch {
        if rows.len() / dim.max(1) <= SKETCH_ROWS {
            Sketch::default()
        } else {
            Sketch::of(rows, dim)
        }
    }

    /// The sketch of `rows` (each `dim` long).
    pub(super) fn of(rows: &[f32], dim: usize) -> Sketch {
        let mut sketch = Sketch {
            rows: Vec::with_capacity(rows.len()),
            scales: Vec::with_capacity(rows.len() / dim.max(1)),
        };
        for row in rows.chunks_exact(dim.max(1)) {
            let scale = quantise(row, &mut sketch.rows);
            sketch.scales.push(scale);
        }
        sketch
    }

    /// Each row's approximate cosine with `query`, up to one positive factor common to all
    /// rows (the query's own scale), in row order.
    pub(super) fn scores(&self, dim: usize, query: &[f32]) -> Vec<f32> {
        let mut q = Vec::with_capacity(query.len());
        quantise(query, &mut q);
        scan(&self.rows, dim, |i, row| {
            self.scales[i] * dot_i8(row, &q) as f32
        })
    }

    /// The `k` rows of `rows` (the `f32` rows this sketches) nearest `query`, nearest first by
    /// exact cosine, ties by position. Up to [`SKETCH_ROWS`] rows every exact cosine is read;
    /// above, the sketch picks `k` × [`OVERSAMPLE`] candidates and their exact cosines rank
    /// them.
    pub(super) fn nearest(&self, rows: &[f32], dim: usize, query: &[f32], k: usize) -> Vec<usize> {
        let dim = dim.max(1);
        let n = rows.len() / dim;
        let exact = |g: usize| crate::embed::dot(&rows[g * dim..(g + 1) * dim], query);
        let pool: Vec<usize> = if n <= SKETCH_ROWS || self.scales.len() != n {
            (0..n).collect()
        } else {
            let approx = self.scores(dim, query);
            let mut order: Vec<usize> = (0..n).collect();
            let m = (k * OVERSAMPLE).clamp(1, n);
            if m < n {
                order.select_nth_unstable_by(m - 1, |x, y| approx[*y].total_cmp(&approx[*x]));
                order.truncate(m);
            }
            order
        };
        let mut scored: Vec<(usize, f32)> = pool.into_iter().map(|g| (g, exact(g))).collect();
        scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        scored.into_iter().take(k).map(|(g, _)| g).collect()
    }
}

/// `score(i, row)` for each `dim`-long row of `rows`, in order. Large scans are split over the
/// machine's threads: at 100,000 paragraphs even the sketch is 38 MB, more than one core's
/// share of memory bandwidth.
pub(super) fn scan<T: Sync>(
    rows: &[T],
    dim: usize,
    score: impl Fn(usize, &[T]) -> f32 + Sync,
) -> Vec<f32> {
    let dim = dim.max(1);
    let mut out = vec![0.0; rows.len() / dim];
    let fill = |first: usize, out: &mut [f32], rows: &[T]| {
        for (j, (s, row)) in out.iter_mut().zip(rows.chunks_exact(dim)).enumerate() {
            *s = score(first + j, row);
        }
    };
    if out.len() <= SCAN_ROWS {
        fill(0, &mut out, rows);
    } else {
        out.par_chunks_mut(SCAN_ROWS)
            .zip(rows.par_chunks(SCAN_ROWS * dim))
            .enumerate()
            .for_each(|(c, (out, rows))| fill(c * SCAN_ROWS, out, rows));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic unit vectors (a linear congruential generator).
    fn unit_rows(n: usize, dim: usize, seed: u64) -> Vec<f32> {
        let mut state = seed;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as f32 / (1u64 << 31) as f32) - 0.5
        };
        let mut rows = Vec::with_capacity(n * dim);
        for _ in 0..n {
            let v: Vec<f32> = (0..dim).map(|_| next()).collect();
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            rows.extend(v.iter().map(|x| x / norm));
        }
        rows
    }

    #[test]
    fn a_scan_split_over_threads_scores_every_row_in_order() {
        let dim = 3;
        let n = SCAN_ROWS * 2 + 17;
        let rows: Vec<f32> = (0..n * dim).map(|i| (i % 7) as f32 - 3.0).collect();
        let query = [0.5, -1.0, 2.0];
        let got = scan(&rows, dim, |_, r| crate::embed::dot(r, &query));
        assert_eq!(got.len(), n);
        for (i, row) in rows.chunks_exact(dim).enumerate() {
            assert_eq!(got[i], crate::embed::dot(row, &query), "row {i}");
        }
        let indices = scan(&rows, dim, |i, _| i as f32);
        assert!(indices.iter().enumerate().all(|(i, &x)| x == i as f32));
    }

    #[test]
    fn the_sketch_keeps_cosines_to_within_a_hundredth() {
        let dim = 384;
        let rows = unit_rows(300, dim, 7);
        let query = &unit_rows(1, dim, 11)[..];
        let sketch = Sketch::of(&rows, dim);
        let approx = sketch.scores(dim, query);
        // Undo the query's common factor, as a caller comparing rows never needs to.
        let q_scale = query.iter().fold(0.0f32, |m, x| m.max(x.abs())) / 127.0;
        for (i, row) in rows.chunks_exact(dim).enumerate() {
            let exact = crate::embed::dot(row, query);
            let got = approx[i] * q_scale;
            assert!((got - exact).abs() < 0.01, "row {i}: {got} against {exact}");
        }
    }

    #[test]
    fn the_nearest_rows_through_the_sketch_are_the_exact_nearest() {
        let dim = 64;
        let n = SKETCH_ROWS * 2 + 5;
        let rows = unit_rows(n, dim, 3);
        let sketch = Sketch::of(&rows, dim);
        for (seed, near) in [(5u64, 1234usize), (9, 7000), (13, 17)] {
            // A query near one row, as a question is near its answer, with noise.
            let noise = unit_rows(1, dim, seed);
            let mut query: Vec<f32> = rows[near * dim..(near + 1) * dim]
                .iter()
                .zip(&noise)
                .map(|(r, e)| r + 0.6 * e)
                .collect();
            let norm = query.iter().map(|x| x * x).sum::<f32>().sqrt();
            query.iter_mut().for_each(|x| *x /= norm);
            let mut exact: Vec<(usize, f32)> = rows
                .chunks_exact(dim)
                .map(|r| crate::embed::dot(r, &query))
                .enumerate()
                .collect();
            exact.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            let want: Vec<usize> = exact.iter().take(10).map(|(g, _)| *g).collect();
            assert_eq!(want[0], near);
            assert_eq!(
                sketch.nearest(&rows, dim, &query, 10),
                want,
                "query near {near}"
            );
        }
        // Small: no sketch is made, every row read exactly, all of them when more are asked for.
        let few = &rows[..20 * dim];
        let small = Sketch::when_needed(few, dim);
        assert!(small.scales.is_empty());
        assert_eq!(Sketch::when_needed(&rows, dim).scales.len(), n);
        assert_eq!(small.nearest(few, dim, &rows[..dim], 50).len(), 20);
        assert_eq!(small.nearest(few, dim, &rows[..dim], 3)[0], 0);
    }

    #[test]
    fn a_zero_row_scores_zero() {
        let sketch = Sketch::of(&[0.0, 0.0, 0.0, 1.0, 0.0, 0.0], 3);
        assert_eq!(sketch.scores(3, &[1.0, 0.0, 0.0]), vec![0.0, 127.0]);
    }
}
