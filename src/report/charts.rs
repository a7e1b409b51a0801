//! The charts, drawn with plotters into SVG (inline in the page) and PNG (beside it). One
//! function per chart, generic over the backend. Colours are the Okabe–Ito palette, which
//! colour-blind readers can tell apart; the font is embedded, so no system font is needed.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::output::truncate;

/// Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, grey.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
    RGBColor(240, 228, 66),
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(204, 121, 167),
    RGBColor(153, 153, 153),
];

pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 450;

static FONT: &[u8] = include_bytes!("DejaVuSans.ttf");

/// Registers the embedded font (once; later calls are harmless).
pub fn register_font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            // The font is compiled in and known to parse; a failure leaves text undrawn.
            let _ = plotters::style::register_font("sans-serif", style, FONT);
        }
    });
}

type Area<'a, DB> = DrawingArea<DB, Shift>;
pub type Drawn = Result<(), String>;

fn fail<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

fn empty<DB: DrawingBackend>(root: &Area<'_, DB>, title: &str) -> Drawn {
    root.fill(&WHITE).map_err(fail)?;
    root.draw(&Text::new(title.to_string(), (20, 20), ("sans-serif", 22).into_font()))
        .map_err(fail)?;
    root.draw(&Text::new(
        "no data yet".to_string(),
        (20, 60),
        ("sans-serif", 16).into_font().color(&PALETTE[7]),
    ))
    .map_err(fail)?;
    root.present().map_err(fail)
}

/// Names a segmented axis by index: the label at the centre of segment `i`.
fn segment_names(names: &[String]) -> impl Fn(&SegmentValue<usize>) -> String + '_ {
    move |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) => names.get(*i).cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Draws a chart's legend in the one style every chart uses.
macro_rules! legend {
    ($chart:expr) => {
        $chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .map_err(fail)?
    };
}

fn month_labels(months: &[String]) -> impl Fn(&usize) -> String + '_ {
    move |i: &usize| months.get(*i).cloned().unwrap_or_default()
}

/// 1. Connections per month (bars) and cumulative (line, right axis).
pub fn growth<DB: DrawingBackend>(root: Area<'_, DB>, months: &[(String, usize)]) -> Drawn {
    let title = "Network growth: connections per month and cumulative";
    if months.is_empty() {
        return empty(&root, title);
    }
    root.fill(&WHITE).map_err(fail)?;
    let names: Vec<String> = months.iter().map(|m| m.0.clone()).collect();
    let peak = months.iter().map(|m| m.1).max().unwrap_or(1).max(1);
    let total: usize = months.iter().map(|m| m.1).sum();
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .right_y_label_area_size(60)
        .build_cartesian_2d(0usize..months.len(), 0usize..peak + 1)
        .map_err(fail)?
        .set_secondary_coord(0usize..months.len(), 0usize..total + 1);
    chart
        .configure_mesh()
        .x_labels(8)
        .x_label_formatter(&month_labels(&names))
        .x_desc("month")
        .y_desc("new connections")
        .draw()
        .map_err(fail)?;
    chart
        .configure_secondary_axes()
        .y_desc("cumulative")
        .draw()
        .map_err(fail)?;
    chart
        .draw_series(
            months
                .iter()
                .enumerate()
                .map(|(i, m)| Rectangle::new([(i, 0), (i + 1, m.1)], PALETTE[1].filled())),
        )
        .map_err(fail)?
        .label("per month")
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], PALETTE[1].filled()));
    let mut running = 0usize;
    let cumulative: Vec<(usize, usize)> = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            running += m.1;
            (i + 1, running)
        })
        .collect();
    chart
        .draw_secondary_series(LineSeries::new(cumulative, PALETTE[5].stroke_width(2)))
        .map_err(fail)?
        .label("cumulative")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], PALETTE[5].stroke_width(2)));
    legend!(chart);
    root.present().map_err(fail)
}

/// 2. Warmth classes against Dunbar's layers (5, 15, 50, 150).
pub fn warmth<DB: DrawingBackend>(root: Area<'_, DB>, classes: &[(String, usize)]) -> Drawn {
    let title = "Warmth of your ties, against Dunbar's layers";
    if classes.iter().all(|c| c.1 == 0) {
        return empty(&root, title);
    }
    root.fill(&WHITE).map_err(fail)?;
    let peak = classes.iter().map(|c| c.1).max().unwrap_or(1).max(160);
    let names: Vec<String> = classes.iter().map(|c| c.0.clone()).collect();
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d((0usize..classes.len()).into_segmented(), 0usize..peak + peak / 10)
        .map_err(fail)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_label_formatter(&segment_names(&names))
        .x_desc("warmth")
        .y_desc("people")
        .draw()
        .map_err(fail)?;
    chart
        .draw_series(classes.iter().enumerate().map(|(i, c)| {
            let colour = [PALETTE[2], PALETTE[0], PALETTE[4], PALETTE[7]][i % 4];
            Rectangle::new(
                [(SegmentValue::Exact(i), 0), (SegmentValue::Exact(i + 1), c.1)],
                colour.filled(),
            )
        }))
        .map_err(fail)?;
    for (n, name) in [(5usize, "Dunbar 5"), (15, "15"), (50, "50"), (150, "150")] {
        chart
            .draw_series(LineSeries::new(
                vec![(SegmentValue::Exact(0), n), (SegmentValue::Exact(classes.len()), n)],
                PALETTE[5].stroke_width(1),
            ))
            .map_err(fail)?;
        chart
            .draw_series(std::iter::once(Text::new(
                name.to_string(),
                (SegmentValue::Exact(0), n),
                ("sans-serif", 12).into_font(),
            )))
            .map_err(fail)?;
    }
    root.present().map_err(fail)
}

/// 3. Top companies, with the warm share of each.
pub fn companies<DB: DrawingBackend>(root: Area<'_, DB>, top: &[(String, usize, usize)]) -> Drawn {
    let title = "Top companies in your network (warm share darker)";
    if top.is_empty() {
        return empty(&root, title);
    }
    root.fill(&WHITE).map_err(fail)?;
    let peak = top.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let names: Vec<String> = top.iter().map(|c| truncate(&c.0, 24)).collect();
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(190)
        .build_cartesian_2d(0usize..peak + 1, (0usize..top.len()).into_segmented())
        .map_err(fail)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_label_formatter(&segment_names(&names))
        .x_desc("people")
        .draw()
        .map_err(fail)?;
    chart
        .draw_series(top.iter().enumerate().map(|(i, c)| {
            Rectangle::new(
                [(0, SegmentValue::Exact(i)), (c.1, SegmentValue::Exact(i + 1))],
                PALETTE[1].filled(),
            )
        }))
        .map_err(fail)?
        .label("all ties")
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], PALETTE[1].filled()));
    chart
        .draw_series(top.iter().enumerate().map(|(i, c)| {
            Rectangle::new(
                [(0, SegmentValue::Exact(i)), (c.2, SegmentValue::Exact(i + 1))],
                PALETTE[4].filled(),
            )
        }))
        .map_err(fail)?
        .label("warm ties")
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], PALETTE[4].filled()));
    legend!(chart);
    root.present().map_err(fail)
}

/// 4. Messages per month, sent and received.
pub fn messaging<DB: DrawingBackend>(
    root: Area<'_, DB>,
    sent: &[(String, usize)],
    received: &[(String, usize)],
) -> Drawn {
    let title = "Messaging per month: sent and received";
    if sent.is_empty() {
        return empty(&root, title);
    }
    root.fill(&WHITE).map_err(fail)?;
    let names: Vec<String> = sent.iter().map(|m| m.0.clone()).collect();
    let peak = sent.iter().chain(received).map(|m| m.1).max().unwrap_or(1).max(1);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(0usize..sent.len(), 0usize..peak + 1)
        .map_err(fail)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .x_label_formatter(&month_labels(&names))
        .x_desc("month")
        .y_desc("messages")
        .draw()
        .map_err(fail)?;
    for (series, colour, name) in [(sent, PALETTE[5], "sent"), (received, PALETTE[4], "received")] {
        chart
            .draw_series(LineSeries::new(
                series.iter().enumerate().map(|(i, m)| (i, m.1)),
                colour.stroke_width(2),
            ))
            .map_err(fail)?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], colour.stroke_width(2)));
    }
    legend!(chart);
    root.present().map_err(fail)
}

/// One target's coverage.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Coverage {
    pub target: String,
    pub best: f64,
    pub warm_paths: usize,
    pub cold_paths: usize,
}

/// 5. Target coverage: best path probability, and warm and cold paths, per target.
pub fn coverage<DB: DrawingBackend>(root: Area<'_, DB>, targets: &[Coverage]) -> Drawn {
    let title = "Target coverage: best path probability (warm / cold paths)";
    if targets.is_empty() {
        return empty(&root, title);
    }
    root.fill(&WHITE).map_err(fail)?;
    let names: Vec<String> = targets.iter().map(|t| truncate(&t.target, 24)).collect();
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(190)
        .build_cartesian_2d(0f64..1.0, (0usize..targets.len()).into_segmented())
        .map_err(fail)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_label_formatter(&segment_names(&names))
        .x_desc("probability that the best path works")
        .draw()
        .map_err(fail)?;
    chart
        .draw_series(targets.iter().enumerate().map(|(i, t)| {
            Rectangle::new(
                [(0.0, SegmentValue::Exact(i)), (t.best, SegmentValue::Exact(i + 1))],
                PALETTE[2].filled(),
            )
        }))
        .map_err(fail)?;
    chart
        .draw_series(targets.iter().enumerate().map(|(i, t)| {
            Text::new(
                format!(
                    "{:.0}%  ({} warm / {} cold)",
                    t.best * 100.0,
                    t.warm_paths,
                    t.cold_paths
                ),
                (t.best.min(0.6) + 0.01, SegmentValue::CenterOf(i)),
                ("sans-serif", 13).into_font(),
            )
        }))
        .map_err(fail)?;
    root.present().map_err(fail)
}

/// 6. The outreach funnel from the ledger, by week.
pub fn funnel<DB: DrawingBackend>(root: Area<'_, DB>, weeks: &[String], series: &[(String, Vec<usize>)]) -> Drawn {
    let title = "Outreach by week: asked, replied, introduced, helped, thanked";
    if weeks.is_empty() {
        return empty(&root, title);
    }
    root.fill(&WHITE).map_err(fail)?;
    let peak = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(0usize..weeks.len().max(2), 0usize..peak + 1)
        .map_err(fail)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .x_label_formatter(&month_labels(weeks))
        .x_desc("week")
        .y_desc("entries")
        .draw()
        .map_err(fail)?;
    for (i, (name, values)) in series.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        chart
            .draw_series(LineSeries::new(
                values.iter().enumerate().map(|(x, v)| (x, *v)),
                colour.stroke_width(2),
            ))
            .map_err(fail)?
            .label(name.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], colour.stroke_width(2)));
    }
    legend!(chart);
    root.present().map_err(fail)
}

/// A node of the network map, already laid out in `[0, 1]²`.
#[derive(Debug, Clone)]
pub struct MapNode {
    pub x: f64,
    pub y: f64,
    pub group: usize,
    pub label: Option<String>,
    pub size: u32,
}

/// 7. The network map: force-directed, coloured by company, strongest people labelled.
pub fn map<DB: DrawingBackend>(
    root: Area<'_, DB>,
    nodes: &[MapNode],
    edges: &[(usize, usize)],
    legend: &[String],
) -> Drawn {
    let title = "Your network (force-directed; colour = company; strongest ties labelled)";
    if nodes.is_empty() {
        return empty(&root, title);
    }
    root.fill(&WHITE).map_err(fail)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 18))
        .margin(12)
        .build_cartesian_2d(-0.05f64..1.25, -0.05f64..1.05)
        .map_err(fail)?;
    chart
        .draw_series(edges.iter().filter_map(|&(a, b)| {
            let (p, q) = (nodes.get(a)?, nodes.get(b)?);
            Some(PathElement::new(vec![(p.x, p.y), (q.x, q.y)], PALETTE[7].mix(0.35)))
        }))
        .map_err(fail)?;
    chart
        .draw_series(
            nodes
                .iter()
                .map(|n| Circle::new((n.x, n.y), n.size, PALETTE[n.group % PALETTE.len()].filled())),
        )
        .map_err(fail)?;
    chart
        .draw_series(nodes.iter().filter_map(|n| {
            n.label
                .as_ref()
                .map(|l| Text::new(truncate(l, 22), (n.x + 0.012, n.y), ("sans-serif", 11).into_font()))
        }))
        .map_err(fail)?;
    for (i, name) in legend.iter().enumerate() {
        let y = 1.0 - i as f64 * 0.05;
        chart
            .draw_series(std::iter::once(Circle::new(
                (1.03, y),
                5,
                PALETTE[i % PALETTE.len()].filled(),
            )))
            .map_err(fail)?;
        chart
            .draw_series(std::iter::once(Text::new(
                truncate(name, 16),
                (1.05, y),
                ("sans-serif", 11).into_font(),
            )))
            .map_err(fail)?;
    }
    root.present().map_err(fail)
}
