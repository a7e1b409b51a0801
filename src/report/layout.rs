//! A force-directed layout (Fruchterman–Reingold) for the network map: small graphs only
//! (the map shows at most a few hundred people), deterministic for a given input.

// Pixel arithmetic: coordinates and sizes are bounded by the canvas (a few thousand pixels),
// so rounding an f64 into an i32 or u32 neither truncates nor wraps.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

/// The radius kept clear around a pinned node, in the unit square.
const CLEAR: f64 = 0.07;

/// Positions in `[0, 1]²` for `n` nodes joined by `edges` (weights in `(0, 1]`). A `pinned`
/// node stays at the centre (the map's "you"): it pushes the others away but is not pulled.
pub(crate) fn layout(
    n: usize,
    edges: &[(usize, usize, f64)],
    iterations: usize,
    pinned: Option<usize>,
) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    // Start on a golden-angle spiral: spread out and deterministic.
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = ((i as f64 + 0.5) / n as f64).sqrt() * 0.5;
            let a = i as f64 * 2.399_963_229_728_653;
            (0.5 + r * a.cos(), 0.5 + r * a.sin())
        })
        .collect();
    if let Some(p) = pinned.and_then(|c| pos.get_mut(c)) {
        *p = (0.5, 0.5);
    }
    let k = (1.0 / n as f64).sqrt();
    let mut temperature = 0.1;
    for _ in 0..iterations {
        let mut shift = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(1e-6);
                let force = k * k / d2;
                shift[i].0 += dx * force;
                shift[i].1 += dy * force;
                shift[j].0 -= dx * force;
                shift[j].1 -= dy * force;
            }
        }
        for &(a, b, w) in edges {
            if a >= n || b >= n || a == b {
                continue;
            }
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-6);
            let force = d * w.clamp(0.05, 1.0) / k;
            shift[a].0 -= dx * force;
            shift[a].1 -= dy * force;
            shift[b].0 += dx * force;
            shift[b].1 += dy * force;
        }
        for (i, (p, s)) in pos.iter_mut().zip(&shift).enumerate() {
            if Some(i) == pinned {
                *p = (0.5, 0.5);
                continue;
            }
            let len = (s.0 * s.0 + s.1 * s.1).sqrt().max(1e-9);
            let step = len.min(temperature);
            p.0 += s.0 / len * step;
            p.1 += s.1 / len * step;
        }
        temperature *= 0.95;
    }
    if let Some(centre) = pinned.filter(|&c| c < n) {
        // Fit around the pinned node, which stays in the middle.
        let (cx, cy) = pos[centre];
        let reach = |f: fn(&(f64, f64)) -> f64, c: f64| pos.iter().map(|p| (f(p) - c).abs()).fold(1e-9, f64::max);
        let (rx, ry) = (reach(|p| p.0, cx), reach(|p| p.1, cy));
        return pos
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (mut dx, mut dy) = ((p.0 - cx) / (2.0 * rx), (p.1 - cy) / (2.0 * ry));
                // A clear ring around the pinned node: nobody sits on top of it.
                let d = (dx * dx + dy * dy).sqrt();
                if i != centre && d < CLEAR {
                    let (ux, uy) = if d > 1e-9 { (dx / d, dy / d) } else { (1.0, 0.0) };
                    dx = ux * CLEAR;
                    dy = uy * CLEAR;
                }
                (0.5 + dx, 0.5 + dy)
            })
            .collect();
    }
    // Fit into the unit square.
    let (min_x, max_x) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.0), a.1.max(p.0)));
    let (min_y, max_y) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.1), a.1.max(p.1)));
    let (w, h) = ((max_x - min_x).max(1e-9), (max_y - min_y).max(1e-9));
    pos.iter().map(|p| ((p.0 - min_x) / w, (p.1 - min_y) / h)).collect()
}

/// Moves every point but the centre's to a distance from the centre set by its place in
/// `points`' order (earlier: nearer), keeping its direction: the map's warmer ties sit nearer
/// you, and people who know each other, pulled together by [`layout`], stay side by side.
/// Distances grow with the square root of the place, so the rings are evenly filled.
pub(crate) fn by_rank(points: &[(f64, f64)], centre: usize) -> Vec<(f64, f64)> {
    let Some(&(cx, cy)) = points.get(centre) else {
        return points.to_vec();
    };
    let others = points.len().saturating_sub(1).max(1) as f64;
    let mut place = 0usize;
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == centre {
                return (0.5, 0.5);
            }
            place += 1;
            let (dx, dy) = (p.0 - cx, p.1 - cy);
            let d = (dx * dx + dy * dy).sqrt();
            let (ux, uy) = if d > 1e-9 { (dx / d, dy / d) } else { (1.0, 0.0) };
            let r = CLEAR + (0.5 - CLEAR) * (place as f64 / others).sqrt();
            (0.5 + ux * r, 0.5 + uy * r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connected_nodes_end_closer_than_unconnected_ones() {
        let edges = vec![(0, 1, 1.0), (2, 3, 1.0)];
        let p = layout(4, &edges, 200, None);
        let d = |a: usize, b: usize| ((p[a].0 - p[b].0).powi(2) + (p[a].1 - p[b].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(0, 2) && d(2, 3) < d(1, 3), "{p:?}");
        assert!(p
            .iter()
            .all(|q| (0.0..=1.0).contains(&q.0) && (0.0..=1.0).contains(&q.1)));
        assert_eq!(layout(4, &edges, 200, None), p, "deterministic");
    }

    #[test]
    fn earlier_points_end_nearer_the_centre() {
        let points = vec![(0.5, 0.5), (0.9, 0.5), (0.5, 0.1), (0.1, 0.5)];
        let placed = by_rank(&points, 0);
        let d = |p: (f64, f64)| ((p.0 - 0.5).powi(2) + (p.1 - 0.5).powi(2)).sqrt();
        assert_eq!(placed[0], (0.5, 0.5));
        assert!(d(placed[1]) < d(placed[2]) && d(placed[2]) < d(placed[3]));
        assert!((d(placed[3]) - 0.5).abs() < 1e-9, "the last on the outer ring");
        assert!(placed[1].0 > 0.5 && placed[2].1 < 0.5, "directions kept");
    }

    #[test]
    fn a_pinned_node_stays_in_the_middle() {
        let edges = vec![(1, 2, 1.0), (3, 4, 1.0)];
        let p = layout(5, &edges, 100, Some(0));
        assert_eq!(p[0], (0.5, 0.5));
        assert!(p[1..]
            .iter()
            .all(|q| ((q.0 - 0.5).powi(2) + (q.1 - 0.5).powi(2)).sqrt() >= CLEAR - 1e-9));
        assert!(p
            .iter()
            .all(|q| (0.0..=1.0).contains(&q.0) && (0.0..=1.0).contains(&q.1)));
    }
}
