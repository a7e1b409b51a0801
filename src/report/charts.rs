//! The charts, drawn with plotters into SVG (inline in the page) and PNG (beside it), through
//! the kit in [`super::kit`]: one function per chart, generic over the backend. Each starts
//! with its title (the finding) and subtitle (what is drawn), worked out in
//! [`super::figures`]; text is placed only where it fits. Colours are Okabe–Ito; the font is
//! embedded, so no system font is needed, and text it has no glyph for is left out rather
//! than drawn as a box.

// Pixel arithmetic: coordinates and sizes are bounded by the canvas (a few thousand pixels),
// so rounding an f64 into an i32 or u32 neither truncates nor wraps.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use super::kit::{
    self, nice_ticks, x_grid, y_grid, Anchor, Bounds, Canvas, Drawn, Plot, Style, BLUE, GREEN, INK, LABEL, MUTED,
    ORANGE, OTHER, PARTIAL, PURPLE, SKY, TICK, VERMILLION,
};

/// Drawn size of every chart but the map: the page shows them at this size (one column, at
/// most this wide), so a pixel here is a pixel on screen.
pub(crate) const WIDTH: u32 = 960;
pub(crate) const HEIGHT: u32 = 440;
/// The map is taller.
pub(crate) const MAP_HEIGHT: u32 = 640;

static FONT: &[u8] = include_bytes!("DejaVuSans.ttf");

/// Registers the embedded font (once; later calls are harmless).
pub(crate) fn register_font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            // The font is compiled in and known to parse; a failure leaves text undrawn.
            let _ = plotters::style::register_font("sans-serif", style, FONT);
        }
    });
}

/// `text` as the embedded font can draw it: compatibility forms folded (𝐅𝐚𝐭𝐢𝐦𝐚 → Fatima), and
/// anything without a glyph (emoji, scripts the font lacks) left out, spaces tidied.
pub(crate) fn drawable(text: &str) -> String {
    use ab_glyph::Font;
    use unicode_normalization::UnicodeNormalization;
    static PARSED: std::sync::OnceLock<Option<ab_glyph::FontRef<'static>>> = std::sync::OnceLock::new();
    let font = PARSED.get_or_init(|| ab_glyph::FontRef::try_from_slice(FONT).ok());
    // Joiners, variation selectors and other invisible format characters: the font has
    // glyphs for some, but they are never wanted in a label.
    let kept: String = text
        .nfkc()
        .filter(|c| !crate::output::is_invisible(*c))
        .map(|c| match font {
            Some(f) if c != ' ' && (c.is_control() || f.glyph_id(c).0 == 0) => ' ',
            _ => c,
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

type Area<'a, DB> = DrawingArea<DB, Shift>;

/// What a chart says above its plot.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// The finding, in a sentence.
    pub title: String,
    /// What is drawn, and how to read it.
    pub subtitle: String,
}

/// A chart with nothing to draw: its heading alone, which says why (drawn at
/// [`EMPTY_HEIGHT`]).
fn nothing<DB: DrawingBackend>(root: Area<'_, DB>, heading: &Heading) -> Drawn {
    let mut canvas = Canvas::new(root)?;
    canvas.header(&heading.title, &heading.subtitle)?;
    canvas.present()
}

/// The height of a chart with nothing to draw: room for its heading.
pub(crate) const EMPTY_HEIGHT: u32 = 110;

/// The height of a bar chart of `rows` rows: the heading, a band per row and the axis.
pub(crate) fn bars_height(rows: usize) -> u32 {
    (110 + 46 * rows as u32 + 50).clamp(240, HEIGHT)
}

/// `2026-03` as `Mar 2026` or `Mar`.
fn month_name(key: &str, with_year: bool) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (year, month) = key.split_once('-').unwrap_or((key, "01"));
    let name = month
        .parse::<usize>()
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        .copied()
        .unwrap_or("");
    if with_year {
        format!("{name} {year}")
    } else {
        name.to_string()
    }
}

/// The horizontal axis of a monthly series: short months with the year at January and at
/// the start for up to two years, years alone for longer spans; as many as fit.
fn month_axis<DB: DrawingBackend>(canvas: &mut Canvas<DB>, plot: Plot, months: &[String]) -> Drawn {
    let n = months.len().max(1);
    let slot = f64::from(plot.width()) / n as f64;
    let style = Style::new(TICK, MUTED);
    // Januaries (with their year) claim their place first, then the other months.
    let mut order: Vec<usize> = (0..months.len()).collect();
    order.sort_by_key(|&i| !months[i].ends_with("-01"));
    for i in order {
        let key = &months[i];
        let january = key.ends_with("-01");
        let label = if months.len() <= 24 {
            month_name(key, i == 0 || january)
        } else if january || i == 0 {
            key.split('-').next().unwrap_or(key).to_string()
        } else {
            continue;
        };
        let x = plot.left + (slot * (i as f64 + 0.5)).round() as i32;
        if canvas.text(&label, style, x, plot.bottom + 8, Anchor::Top)? {
            canvas.line(vec![(x, plot.bottom), (x, plot.bottom + 4)], MUTED, 1)?;
        }
    }
    Ok(())
}

/// Shades the last month's column when the data stop partway through it.
fn shade_partial<DB: DrawingBackend>(canvas: &mut Canvas<DB>, plot: Plot, n: usize, partial: bool) -> Drawn {
    if !partial || n == 0 {
        return Ok(());
    }
    let slot = f64::from(plot.width()) / n as f64;
    let x0 = plot.left + (slot * (n - 1) as f64).round() as i32;
    canvas.rect(
        Bounds {
            x0,
            y0: plot.top,
            x1: plot.right,
            y1: plot.bottom,
        },
        PARTIAL,
    )
}

/// 1. New connections per month, on a continuous month axis.
pub(crate) fn growth<DB: DrawingBackend>(
    root: Area<'_, DB>,
    heading: &Heading,
    months: &[(String, usize)],
    partial: bool,
) -> Drawn {
    if months.is_empty() {
        return nothing(root, heading);
    }
    let mut canvas = Canvas::new(root)?;
    let top = canvas.header(&heading.title, &heading.subtitle)?;
    let plot = Plot {
        left: 72,
        top,
        right: canvas.width - 24,
        bottom: canvas.height - 40,
    };
    let peak = months.iter().map(|m| m.1).max().unwrap_or(0) as f64;
    let (step, end) = nice_ticks(peak, 4);
    shade_partial(&mut canvas, plot, months.len(), partial)?;
    y_grid(&mut canvas, plot, step, end)?;
    bars(&mut canvas, plot, months.iter().map(|m| m.1 as f64), end, BLUE)?;
    let keys: Vec<String> = months.iter().map(|m| m.0.clone()).collect();
    month_axis(&mut canvas, plot, &keys)?;
    canvas.present()
}

/// Vertical bars, one per slot across the plot.
fn bars<DB: DrawingBackend>(
    canvas: &mut Canvas<DB>,
    plot: Plot,
    values: impl ExactSizeIterator<Item = f64>,
    end: f64,
    colour: RGBColor,
) -> Drawn {
    let n = values.len().max(1);
    let slot = f64::from(plot.width()) / n as f64;
    let gap = if slot >= 6.0 { (slot * 0.2).max(1.0) } else { 0.0 };
    for (i, value) in values.enumerate() {
        if value <= 0.0 {
            continue;
        }
        let x0 = f64::from(plot.left) + slot * i as f64 + gap / 2.0;
        let x1 = (x0 + slot - gap).max(x0 + 1.0);
        // At least two pixels tall, so a month of one still shows.
        let y = plot.y(value, end).min(plot.bottom - 2);
        canvas.rect(
            Bounds {
                x0: x0.round() as i32,
                y0: y,
                x1: x1.round() as i32,
                y1: plot.bottom,
            },
            colour,
        )?;
    }
    Ok(())
}

/// 2. Ties by warmth, against Dunbar's layers.
pub(crate) fn warmth<DB: DrawingBackend>(root: Area<'_, DB>, heading: &Heading, classes: &[(String, usize)]) -> Drawn {
    if classes.iter().all(|c| c.1 == 0) {
        return nothing(root, heading);
    }
    let mut canvas = Canvas::new(root)?;
    let top = canvas.header(&heading.title, &heading.subtitle)?;
    let plot = Plot {
        left: 170,
        top: top + 22,
        right: canvas.width - 40,
        bottom: canvas.height - 40,
    };
    let peak = classes.iter().map(|c| c.1).max().unwrap_or(0) as f64;
    // Room at the end of the longest bar for its number.
    let (step, end) = nice_ticks(peak * 1.15, 5);
    x_grid(&mut canvas, plot, step, end, &|v| kit::count(v.round() as usize))?;
    let colours = [GREEN, ORANGE, BLUE, OTHER];
    let values: Vec<(String, f64, RGBColor)> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.0.clone(), c.1 as f64, colours[i % colours.len()]))
        .collect();
    horizontal_bars(&mut canvas, plot, &values, end, &|i| kit::count(classes[i].1))?;
    // Dunbar's layers where they fall inside the axis; the largest labelled first.
    for layer in [150usize, 50, 15, 5] {
        if layer as f64 > end {
            continue;
        }
        let x = plot.x(layer as f64, end);
        canvas.dashed_vertical(x, plot.top - 4, plot.bottom, VERMILLION)?;
        canvas.text(
            &layer.to_string(),
            Style::new(TICK, VERMILLION),
            x,
            plot.top - 6,
            Anchor::Bottom,
        )?;
    }
    canvas.present()
}

/// Horizontal bars, one row each, with the row's name at the left and `value_label(row)`
/// after the bar.
fn horizontal_bars<DB: DrawingBackend>(
    canvas: &mut Canvas<DB>,
    plot: Plot,
    rows: &[(String, f64, RGBColor)],
    end: f64,
    value_label: &dyn Fn(usize) -> String,
) -> Drawn {
    let names = Style::new(LABEL, INK);
    for (i, (name, value, colour)) in rows.iter().enumerate() {
        let centre = row_centre(plot, rows.len(), i);
        let name = canvas.fit_width(&drawable(name), names, plot.left - 24);
        canvas.text(&name, names, plot.left - 10, centre, Anchor::Right)?;
        bar_to(canvas, plot, rows.len(), i, *value, end, *colour)?;
        let x1 = plot.x(*value, end);
        canvas.text(&value_label(i), Style::new(LABEL, INK), x1 + 6, centre, Anchor::Left)?;
    }
    Ok(())
}

/// The y of the middle of row `i` of `n` rows across the plot.
fn row_centre(plot: Plot, n: usize, i: usize) -> i32 {
    let slot = f64::from(plot.height()) / n.max(1) as f64;
    plot.top + (slot * (i as f64 + 0.5)).round() as i32
}

/// The bar of row `i` of `n` from the axis to `value` (nothing for 0; at least 2 px else).
fn bar_to<DB: DrawingBackend>(
    canvas: &mut Canvas<DB>,
    plot: Plot,
    n: usize,
    i: usize,
    value: f64,
    end: f64,
    colour: RGBColor,
) -> Drawn {
    if value <= 0.0 {
        return Ok(());
    }
    let slot = f64::from(plot.height()) / n.max(1) as f64;
    let half = ((slot * 0.7).clamp(6.0, 44.0) / 2.0) as i32;
    let centre = row_centre(plot, n, i);
    canvas.rect(
        Bounds {
            x0: plot.left,
            y0: centre - half,
            x1: plot.x(value, end).max(plot.left + 2),
            y1: centre + half,
        },
        colour,
    )
}

/// 3. Top companies: ties at each, the warm ones darker.
pub(crate) fn companies<DB: DrawingBackend>(
    root: Area<'_, DB>,
    heading: &Heading,
    top: &[(String, usize, usize)],
) -> Drawn {
    if top.is_empty() {
        return nothing(root, heading);
    }
    let mut canvas = Canvas::new(root)?;
    let header_end = canvas.header(&heading.title, &heading.subtitle)?;
    let plot = Plot {
        left: 240,
        top: header_end,
        right: canvas.width - 140,
        bottom: canvas.height - 40,
    };
    let peak = top.iter().map(|c| c.1).max().unwrap_or(0) as f64;
    let (step, end) = nice_ticks(peak, 5);
    x_grid(&mut canvas, plot, step, end, &|v| kit::count(v.round() as usize))?;
    let all: Vec<(String, f64, RGBColor)> = top
        .iter()
        .map(|c| (crate::names::company_display(&c.0), c.1 as f64, SKY))
        .collect();
    horizontal_bars(&mut canvas, plot, &all, end, &|i| {
        format!("{} · {} warm", kit::count(top[i].1), kit::count(top[i].2))
    })?;
    // The warm part over each bar.
    for (i, c) in top.iter().enumerate() {
        bar_to(&mut canvas, plot, top.len(), i, c.2 as f64, end, BLUE)?;
    }
    canvas.present()
}

/// 4. Messages per month, sent and received, on one continuous month axis.
pub(crate) fn messaging<DB: DrawingBackend>(
    root: Area<'_, DB>,
    heading: &Heading,
    sent: &[(String, usize)],
    received: &[(String, usize)],
    partial: bool,
) -> Drawn {
    if sent.is_empty() {
        return nothing(root, heading);
    }
    let mut canvas = Canvas::new(root)?;
    let top = canvas.header(&heading.title, &heading.subtitle)?;
    let plot = Plot {
        left: 72,
        top,
        right: canvas.width - 120,
        bottom: canvas.height - 40,
    };
    let peak = sent.iter().chain(received).map(|m| m.1).max().unwrap_or(0) as f64;
    let (step, end) = nice_ticks(peak, 4);
    shade_partial(&mut canvas, plot, sent.len(), partial)?;
    y_grid(&mut canvas, plot, step, end)?;
    // Both series run over the same months; should one be shorter, the rest is not drawn.
    let n = sent.len().min(received.len());
    if n == 0 {
        return canvas.present();
    }
    let slot = f64::from(plot.width()) / n as f64;
    let x = |i: usize| plot.left + (slot * (i as f64 + 0.5)).round() as i32;
    // Markers when there are few months (a single month is a point, not a line).
    let markers = n <= 36;
    // A partial last month is a point of its own, not the end of the line: a line dropping
    // into it would look like a collapse.
    let whole = if partial { n - 1 } else { n };
    let mut ends = Vec::new();
    for (series, colour, name) in [(sent, BLUE, "sent"), (received, VERMILLION, "received")] {
        let points: Vec<(i32, i32)> = series[..n]
            .iter()
            .enumerate()
            .map(|(i, m)| (x(i), plot.y(m.1 as f64, end)))
            .collect();
        if whole > 1 {
            canvas.line(points[..whole].to_vec(), colour, 2)?;
        }
        if markers || whole <= 1 {
            for &(px, py) in &points[..whole] {
                canvas.dot(px, py, 3, colour)?;
            }
        }
        if partial {
            let (px, py) = points[n - 1];
            canvas.ring(px, py, 3, colour, 2)?;
        }
        if let Some(&last) = points[..whole].last().or(points.last()) {
            ends.push((last, colour, name));
        }
    }
    // Direct labels after the last points, nudged apart when the lines end close together.
    ends.sort_by_key(|e| e.0 .1);
    let mut floor = i32::MIN;
    for ((_, py), colour, name) in ends {
        let y = py.max(floor);
        canvas.text(name, Style::new(LABEL, colour).bold(), plot.right + 10, y, Anchor::Left)?;
        floor = y + 22;
    }
    let keys: Vec<String> = sent.iter().map(|m| m.0.clone()).collect();
    month_axis(&mut canvas, plot, &keys)?;
    canvas.present()
}

/// One target's coverage.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Coverage {
    pub target: String,
    pub best: f64,
    pub warm_paths: usize,
    pub cold_paths: usize,
}

/// 5. Target coverage: the best path's probability per target, with its warm and cold paths.
pub(crate) fn coverage<DB: DrawingBackend>(root: Area<'_, DB>, heading: &Heading, targets: &[Coverage]) -> Drawn {
    if targets.is_empty() {
        return nothing(root, heading);
    }
    let mut canvas = Canvas::new(root)?;
    let top = canvas.header(&heading.title, &heading.subtitle)?;
    let plot = Plot {
        left: 240,
        top,
        right: canvas.width - 250,
        bottom: canvas.height - 40,
    };
    x_grid(&mut canvas, plot, 0.25, 1.0, &|v| format!("{:.0} %", v * 100.0))?;
    let rows: Vec<(String, f64, RGBColor)> = targets
        .iter()
        .map(|t| (t.target.clone(), t.best, if t.warm_paths > 0 { GREEN } else { ORANGE }))
        .collect();
    horizontal_bars(&mut canvas, plot, &rows, 1.0, &|i| {
        let t = &targets[i];
        if t.warm_paths + t.cold_paths == 0 {
            "no path".to_string()
        } else {
            format!("{:.0} % · {} warm, {} cold", t.best * 100.0, t.warm_paths, t.cold_paths)
        }
    })?;
    canvas.present()
}

/// The colour of an outcome of the ledger (see [`crate::store::ledger::Outcome`]); entries
/// without one are "logged". An outcome without a colour of its own is grey.
pub(crate) fn outcome_colour(name: &str) -> RGBColor {
    match name {
        "asked" => BLUE,
        "replied" => ORANGE,
        "introduced" => GREEN,
        "helped" => PURPLE,
        "thanked" => VERMILLION,
        "logged" => SKY,
        _ => OTHER,
    }
}

/// 6. The outreach ledger by week: one stacked bar per week, a colour per outcome.
pub(crate) fn funnel<DB: DrawingBackend>(
    root: Area<'_, DB>,
    heading: &Heading,
    weeks: &[String],
    series: &[(String, Vec<usize>)],
) -> Drawn {
    let total: usize = series.iter().flat_map(|s| s.1.iter()).sum();
    if weeks.is_empty() || total == 0 {
        return nothing(root, heading);
    }
    let mut canvas = Canvas::new(root)?;
    let top = canvas.header(&heading.title, &heading.subtitle)?;
    // A key of the outcomes that occur, in one row.
    let mut x = 72;
    let key_y = top + 4;
    for (name, values) in series {
        if values.iter().sum::<usize>() == 0 {
            continue;
        }
        let colour = outcome_colour(name);
        canvas.rect(
            Bounds {
                x0: x,
                y0: key_y - 6,
                x1: x + 12,
                y1: key_y + 6,
            },
            colour,
        )?;
        let style = Style::new(LABEL, INK);
        canvas.text(name, style, x + 18, key_y, Anchor::Left)?;
        x += 18 + canvas.measure(name, style).0 + 24;
    }
    let plot = Plot {
        left: 72,
        top: top + 30,
        right: canvas.width - 24,
        bottom: canvas.height - 40,
    };
    let stacked: Vec<usize> = (0..weeks.len())
        .map(|w| series.iter().map(|s| s.1.get(w).copied().unwrap_or(0)).sum())
        .collect();
    let peak = stacked.iter().copied().max().unwrap_or(0) as f64;
    let (step, end) = nice_ticks(peak, 4);
    y_grid(&mut canvas, plot, step, end)?;
    let slot = f64::from(plot.width()) / weeks.len() as f64;
    let gap = (slot * 0.2).max(1.0);
    for w in 0..weeks.len() {
        let x0 = (f64::from(plot.left) + slot * w as f64 + gap / 2.0).round() as i32;
        let x1 = (f64::from(plot.left) + slot * (w + 1) as f64 - gap / 2.0).round() as i32;
        let mut below = 0usize;
        for (name, values) in series {
            let v = values.get(w).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let (y0, y1) = (plot.y((below + v) as f64, end), plot.y(below as f64, end));
            // One pixel of white between stacked parts keeps them apart.
            canvas.rect(
                Bounds {
                    x0,
                    y0: y0 + 1,
                    x1: x1.max(x0 + 1),
                    y1,
                },
                outcome_colour(name),
            )?;
            below += v;
        }
    }
    // Week labels: the Monday's date, as many as fit.
    for (w, label) in weeks.iter().enumerate() {
        let x = plot.left + (slot * (w as f64 + 0.5)).round() as i32;
        canvas.text(label, Style::new(TICK, MUTED), x, plot.bottom + 8, Anchor::Top)?;
    }
    canvas.present()
}

/// A node of the network map, already laid out in `[0, 1]²`.
#[derive(Debug, Clone)]
pub(crate) struct MapNode {
    pub x: f64,
    pub y: f64,
    /// Index into the map's legend, or `None` for "other".
    pub group: Option<usize>,
    pub label: Option<String>,
    pub owner: bool,
    pub member: bool,
}

/// One colour group of the map.
#[derive(Debug, Clone)]
pub(crate) struct MapGroup {
    pub name: String,
    pub target: bool,
}

/// The map's colours for its groups: targets first, in vermillion, then the top companies.
pub(crate) fn group_colour(groups: &[MapGroup], index: usize) -> RGBColor {
    const COMPANIES: [RGBColor; 5] = [BLUE, GREEN, ORANGE, PURPLE, SKY];
    match groups.get(index) {
        Some(g) if g.target => VERMILLION,
        Some(_) => {
            let rank = groups[..index].iter().filter(|g| !g.target).count();
            COMPANIES[rank % COMPANIES.len()]
        }
        None => OTHER,
    }
}

/// The network map (chart 7): you at the centre, your warmest ties laid out by whom they
/// know, coloured by target and top company; names where they fit.
pub(crate) fn map<DB: DrawingBackend>(
    root: Area<'_, DB>,
    heading: &Heading,
    nodes: &[MapNode],
    edges: &[(usize, usize)],
    groups: &[MapGroup],
) -> Drawn {
    if nodes.iter().all(|n| n.owner) {
        return nothing(root, heading);
    }
    let mut canvas = Canvas::new(root)?;
    let top = canvas.header(&heading.title, &heading.subtitle)?;
    let legend_left = canvas.width - 230;
    let plot = Plot {
        left: 24,
        top: top + 8,
        right: legend_left - 40,
        bottom: canvas.height - 20,
    };
    let at = |n: &MapNode| {
        (
            plot.x(n.x, 1.0),
            plot.bottom - (n.y * f64::from(plot.height())).round() as i32,
        )
    };
    for &(a, b) in edges {
        if let (Some(p), Some(q)) = (nodes.get(a), nodes.get(b)) {
            canvas.faint_line(at(p), at(q), MUTED, 0.18)?;
        }
    }
    // You, at the centre, labelled first so nothing covers it.
    if let Some(owner) = nodes.iter().find(|n| n.owner) {
        let (x, y) = at(owner);
        canvas.reserve(Bounds {
            x0: x - 12,
            y0: y - 12,
            x1: x + 12,
            y1: y + 12,
        });
        canvas.text("you", Style::new(LABEL, INK).bold(), x, y + 17, Anchor::Top)?;
    }
    // Others first, so coloured nodes sit on top.
    let mut order: Vec<&MapNode> = nodes.iter().filter(|n| !n.owner).collect();
    order.sort_by_key(|n| n.group.is_some());
    for n in order {
        let (x, y) = at(n);
        let colour = n.group.map_or(OTHER, |g| group_colour(groups, g));
        let radius = if n.member { 7 } else { 5 };
        canvas.dot(x, y, radius, colour)?;
        if n.member {
            canvas.ring(x, y, radius + 3, INK, 2)?;
        }
        let r = radius as i32;
        canvas.reserve(Bounds {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        });
    }
    if let Some(owner) = nodes.iter().find(|n| n.owner) {
        let (x, y) = at(owner);
        canvas.dot(x, y, 10, INK)?;
    }
    // The key, on the right, before any name can take its place.
    let mut y = plot.top + 8;
    let key = Style::new(TICK, INK);
    let mut entries: Vec<(String, RGBColor)> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let name = drawable(&g.name);
            let name = if g.target { format!("{name} (target)") } else { name };
            (name, group_colour(groups, i))
        })
        .collect();
    entries.push(("elsewhere".to_string(), OTHER));
    for (name, colour) in entries {
        canvas.dot(legend_left + 6, y, 6, colour)?;
        let name = canvas.fit_width(&name, key, 200);
        canvas.text(&name, key, legend_left + 18, y, Anchor::Left)?;
        y += 24;
    }
    if nodes.iter().any(|n| n.member && !n.owner) {
        canvas.dot(legend_left + 6, y, 5, OTHER)?;
        canvas.ring(legend_left + 6, y, 8, INK, 2)?;
        canvas.text("a pooled member", key, legend_left + 18, y, Anchor::Left)?;
    }
    // Names of nodes stay out of the key's column.
    canvas.reserve(Bounds {
        x0: legend_left - 8,
        y0: plot.top,
        x1: canvas.width,
        y1: canvas.height,
    });
    // Names, pooled members first then by warmth (the order given), where they fit.
    let mut labelled: Vec<&MapNode> = nodes.iter().filter(|n| !n.owner && n.label.is_some()).collect();
    labelled.sort_by_key(|n| !n.member);
    for n in labelled {
        let Some(label) = &n.label else { continue };
        let text = canvas.fit_width(&drawable(label), Style::new(TICK, INK), 170);
        let (x, y) = at(n);
        let r = if n.member { 10 } else { 5 };
        if !canvas.text(&text, Style::new(TICK, INK), x + r + 4, y, Anchor::Left)? {
            canvas.text(&text, Style::new(TICK, INK), x - r - 4, y, Anchor::Right)?;
        }
    }
    canvas.present()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_glyphs_is_left_out_not_boxed() {
        assert_eq!(drawable("𝐅𝐚𝐭𝐢𝐦𝐚 Brown"), "Fatima Brown");
        assert_eq!(drawable("Ana 🚀 Lee"), "Ana Lee");
        assert_eq!(drawable("Zoë Ångström"), "Zoë Ångström");
        assert_eq!(drawable("Jo\u{1}ao"), "Jo ao");
        assert_eq!(drawable("Isabel Petrović \u{200d}"), "Isabel Petrović");
        assert_eq!(drawable("Ana ❤\u{fe0f}"), "Ana ❤");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name("2026-03", true), "Mar 2026");
        assert_eq!(month_name("2026-12", false), "Dec");
    }
}
