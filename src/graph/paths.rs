//! The k most probable simple paths from one node to any of a set of targets, with at most
//! `max_hops` edges. A path's probability is the product of its hop probabilities.
//!
//! An exact method equivalent to Yen's algorithm on `-ln p` with a hop limit: a depth-first
//! enumeration of simple paths, pruned by an upper bound on the best completion from each
//! node with `h` hops left (a hop-bounded Bellman-Ford run backwards from the targets). A
//! branch is cut only when even its best completion cannot beat the k-th path found, so the
//! result is exactly the k best.
//!
//! Complexity: `O(max_hops × E)` for the bound, then an enumeration that visits only
//! branches able to enter the top k (in practice a few thousand nodes on a 500,000-edge
//! graph).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// An adjacency list: `adjacency[v]` holds `(neighbour, hop probability)` pairs, with
/// probabilities in `(0, 1]`.
pub type Adjacency = Vec<Vec<(u32, f64)>>;

/// A path and its probability.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// Node indices from the source to a target.
    pub nodes: Vec<u32>,
    pub probability: f64,
}

impl Eq for Path {}

/// Orders paths best first: higher probability, then fewer hops, then node order (so
/// results are deterministic).
fn better(a: &Path, b: &Path) -> Ordering {
    b.probability
        .partial_cmp(&a.probability)
        .unwrap_or(Ordering::Equal)
        .then(a.nodes.len().cmp(&b.nodes.len()))
        .then(a.nodes.cmp(&b.nodes))
}

/// Heap entry ordered so that the worst kept path is on top.
struct Worst(Path);

impl PartialEq for Worst {
    fn eq(&self, other: &Self) -> bool {
        better(&self.0, &other.0) == Ordering::Equal
    }
}
impl Eq for Worst {}
impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Worst {
    fn cmp(&self, other: &Self) -> Ordering {
        better(&self.0, &other.0)
    }
}

/// `bound[h][v]`: the best probability of reaching a target from `v` in at most `h` hops
/// (an upper bound for simple paths, since the recurrence allows revisits).
fn completion_bounds(adjacency: &Adjacency, is_target: &[bool], max_hops: usize) -> Vec<Vec<f64>> {
    let n = adjacency.len();
    let mut bound = vec![vec![0.0; n]; max_hops + 1];
    for (v, &t) in is_target.iter().enumerate() {
        if t {
            bound[0][v] = 1.0;
        }
    }
    for h in 1..=max_hops {
        let (done, rest) = bound.split_at_mut(h);
        let previous = &done[h - 1];
        let current = &mut rest[0];
        current.copy_from_slice(previous);
        for v in 0..n {
            // Only nodes next to something that can reach a target improve.
            let mut best = current[v];
            for &(u, p) in &adjacency[v] {
                let candidate = p * previous[u as usize];
                if candidate > best {
                    best = candidate;
                }
            }
            current[v] = best;
        }
    }
    bound
}

/// The `k` most probable simple paths from `source` to any node with `is_target[v]`, each
/// with at most `max_hops` edges, best first. A target reached is a path end; paths may pass
/// through other targets.
pub fn k_best_paths(adjacency: &Adjacency, source: u32, is_target: &[bool], max_hops: usize, k: usize) -> Vec<Path> {
    if k == 0 || max_hops == 0 || adjacency.is_empty() {
        return Vec::new();
    }
    let bound = completion_bounds(adjacency, is_target, max_hops);
    let mut search = Search {
        adjacency,
        is_target,
        bound: &bound,
        k,
        kept: BinaryHeap::new(),
        on_path: vec![false; adjacency.len()],
        path: vec![source],
    };
    search.on_path[source as usize] = true;
    search.visit(source, 1.0, max_hops);
    let mut paths: Vec<Path> = search.kept.into_iter().map(|w| w.0).collect();
    paths.sort_by(better);
    paths
}

struct Search<'a> {
    adjacency: &'a Adjacency,
    is_target: &'a [bool],
    bound: &'a [Vec<f64>],
    k: usize,
    kept: BinaryHeap<Worst>,
    on_path: Vec<bool>,
    path: Vec<u32>,
}

impl Search<'_> {
    /// The probability a new path must beat to enter the top k.
    fn threshold(&self) -> f64 {
        if self.kept.len() < self.k {
            0.0
        } else {
            self.kept.peek().map_or(0.0, |w| w.0.probability)
        }
    }

    fn visit(&mut self, v: u32, probability: f64, hops_left: usize) {
        if hops_left == 0 {
            return;
        }
        let mut next: Vec<(u32, f64, f64)> = self.adjacency[v as usize]
            .iter()
            .filter(|(u, _)| !self.on_path[*u as usize])
            .map(|&(u, p)| (u, p, p * self.bound[hops_left - 1][u as usize]))
            .filter(|&(_, _, reach)| reach > 0.0)
            .collect();
        next.sort_by(|a, b| b.2.partial_cmp(&a.2).unwrap_or(Ordering::Equal).then(a.0.cmp(&b.0)));
        for (u, p, reach) in next {
            if probability * reach <= self.threshold() && self.kept.len() >= self.k {
                break;
            }
            let reached = probability * p;
            self.path.push(u);
            self.on_path[u as usize] = true;
            if self.is_target[u as usize] {
                let candidate = Path {
                    nodes: self.path.clone(),
                    probability: reached,
                };
                if self.kept.len() < self.k {
                    self.kept.push(Worst(candidate));
                } else if self
                    .kept
                    .peek()
                    .is_some_and(|w| better(&candidate, &w.0) == Ordering::Less)
                {
                    self.kept.pop();
                    self.kept.push(Worst(candidate));
                }
            }
            self.visit(u, reached, hops_left - 1);
            self.on_path[u as usize] = false;
            self.path.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undirected(n: usize, edges: &[(u32, u32, f64)]) -> Adjacency {
        let mut adjacency = vec![Vec::new(); n];
        for &(a, b, p) in edges {
            adjacency[a as usize].push((b, p));
            adjacency[b as usize].push((a, p));
        }
        adjacency
    }

    #[test]
    fn direct_and_indirect_paths_ranked() {
        // 0 = source; 3 = target. 0-3 direct weak; 0-1-3 strong; 0-2-1-3.
        let adjacency = undirected(4, &[(0, 3, 0.2), (0, 1, 0.9), (1, 3, 0.8), (0, 2, 0.5), (2, 1, 0.4)]);
        let mut targets = vec![false; 4];
        targets[3] = true;
        let paths = k_best_paths(&adjacency, 0, &targets, 3, 10);
        let found: Vec<(Vec<u32>, f64)> = paths
            .iter()
            .map(|p| (p.nodes.clone(), (p.probability * 1000.0).round() / 1000.0))
            .collect();
        assert_eq!(
            found,
            vec![(vec![0, 1, 3], 0.72), (vec![0, 3], 0.2), (vec![0, 2, 1, 3], 0.16)]
        );
        // The hop limit removes the three-hop path.
        assert_eq!(k_best_paths(&adjacency, 0, &targets, 2, 10).len(), 2);
    }
}
