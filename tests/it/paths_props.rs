//! Property tests of the k-best path search against brute force on small random graphs.

use kith::graph::paths::{k_best_paths, Adjacency};
use proptest::prelude::*;

fn brute_force(adjacency: &Adjacency, source: u32, is_target: &[bool], max_hops: usize) -> Vec<f64> {
    fn walk(
        adjacency: &Adjacency,
        v: u32,
        p: f64,
        hops: usize,
        on: &mut Vec<u32>,
        is_target: &[bool],
        out: &mut Vec<f64>,
    ) {
        if hops == 0 {
            return;
        }
        for &(u, q) in &adjacency[v as usize] {
            if on.contains(&u) {
                continue;
            }
            on.push(u);
            if is_target[u as usize] {
                out.push(p * q);
            }
            walk(adjacency, u, p * q, hops - 1, on, is_target, out);
            on.pop();
        }
    }
    let mut out = Vec::new();
    walk(adjacency, source, 1.0, max_hops, &mut vec![source], is_target, &mut out);
    out.sort_by(|a, b| b.partial_cmp(a).unwrap());
    out
}

fn graph_strategy() -> impl Strategy<Value = (Adjacency, Vec<bool>)> {
    (3usize..9).prop_flat_map(|n| {
        let edges = proptest::collection::vec((0..n as u32, 0..n as u32, 0.05f64..1.0), 0..n * 3);
        let targets = proptest::collection::vec(any::<bool>(), n);
        (Just(n), edges, targets).prop_map(|(n, edges, targets)| {
            let mut adjacency: Adjacency = vec![Vec::new(); n];
            let mut seen = std::collections::HashSet::new();
            for (a, b, p) in edges {
                if a != b && seen.insert((a.min(b), a.max(b))) {
                    adjacency[a as usize].push((b, p));
                    adjacency[b as usize].push((a, p));
                }
            }
            (adjacency, targets)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn exact_top_k_simple_sorted_products((adjacency, targets) in graph_strategy(), k in 1usize..6, max_hops in 1usize..4) {
        let paths = k_best_paths(&adjacency, 0, &targets, max_hops, k);
        let expected = brute_force(&adjacency, 0, &targets, max_hops);
        prop_assert_eq!(paths.len(), expected.len().min(k));
        for (path, want) in paths.iter().zip(&expected) {
            prop_assert!((path.probability - want).abs() < 1e-12, "{} vs {}", path.probability, want);
        }
        for path in &paths {
            // Simple, within the hop limit, ending at a target.
            let mut nodes = path.nodes.clone();
            nodes.sort_unstable();
            nodes.dedup();
            prop_assert_eq!(nodes.len(), path.nodes.len());
            prop_assert!(path.nodes.len() - 1 <= max_hops);
            prop_assert!(targets[*path.nodes.last().unwrap() as usize]);
            // The probability is the product of its hops and never exceeds its best hop.
            let hops: Vec<f64> = path.nodes.windows(2).map(|w| {
                adjacency[w[0] as usize].iter().find(|(u, _)| *u == w[1]).map(|(_, p)| *p).unwrap()
            }).collect();
            let product: f64 = hops.iter().product();
            prop_assert!((product - path.probability).abs() < 1e-12);
            prop_assert!(path.probability <= hops.iter().copied().fold(0.0, f64::max) + 1e-12);
        }
        prop_assert!(paths.windows(2).all(|w| w[0].probability >= w[1].probability));
    }
}
