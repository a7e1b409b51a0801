//! The charts' drawing kit: a canvas in pixels with one look for every chart (a title that
//! states the finding, a muted subtitle, a few light gridlines, direct labels) and text that
//! is only drawn where it fits. Every label goes through `Canvas::text`, which measures it
//! with the embedded font and leaves it out when it would overlap one already placed or run
//! off the canvas, so no chart draws text on top of text.

// Pixel arithmetic: coordinates and sizes are bounded by the canvas (a few thousand pixels),
// so rounding an f64 into an i32 or u32 neither truncates nor wraps.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

/// Text, axis labels and marks: near-black, a muted grey, and the gridlines' grey.
pub(crate) const INK: RGBColor = RGBColor(27, 27, 27);
pub(crate) const MUTED: RGBColor = RGBColor(96, 96, 96);
pub(crate) const GRID: RGBColor = RGBColor(226, 226, 226);
/// A whisper of grey behind the last, partial period.
pub(crate) const PARTIAL: RGBColor = RGBColor(244, 244, 244);

/// Okabe–Ito, which colour-blind readers can tell apart: blue, vermillion, bluish green,
/// orange, reddish purple, sky blue (its yellow is too pale on white for marks).
pub(crate) const BLUE: RGBColor = RGBColor(0, 114, 178);
pub(crate) const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub(crate) const GREEN: RGBColor = RGBColor(0, 158, 115);
pub(crate) const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub(crate) const PURPLE: RGBColor = RGBColor(204, 121, 167);
pub(crate) const SKY: RGBColor = RGBColor(86, 180, 233);
/// Grey for "everything else".
pub(crate) const OTHER: RGBColor = RGBColor(187, 187, 187);

/// Font sizes as plotters takes them; the SVG backend writes 0.806 of this as the CSS pixel
/// size, so 16 is 12.9 px: every piece of text is at least 12 px where the chart is shown
/// at its drawn size (the page shows it so, see `html.rs`).
pub(crate) const TITLE: f64 = 25.0;
pub(crate) const SUBTITLE: f64 = 18.0;
pub(crate) const LABEL: f64 = 17.0;
pub(crate) const TICK: f64 = 16.0;

/// Space kept around every label, in pixels: enough that two labels side by side read as
/// two ("2010 2011", not "20102011"), and that text drawn by a browser in a slightly wider
/// font than the embedded one still does not touch its neighbour.
const PAD: i32 = 8;

/// A rectangle in pixels, `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Bounds {
    pub(crate) fn overlaps(&self, other: &Bounds) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn grown(&self, by: i32) -> Bounds {
        Bounds {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }
}

/// Where a label's anchor point is on its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// Left edge, vertically centred.
    Left,
    /// Right edge, vertically centred.
    Right,
    /// Horizontally centred, top edge.
    Top,
    /// Horizontally centred, bottom edge.
    Bottom,
    /// Left edge, top edge.
    TopLeft,
    /// Right edge, bottom edge.
    BottomRight,
}

/// How a label looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub size: f64,
    pub colour: RGBColor,
    pub bold: bool,
}

impl Style {
    pub(crate) const fn new(size: f64, colour: RGBColor) -> Self {
        Style {
            size,
            colour,
            bold: false,
        }
    }

    pub(crate) const fn bold(self) -> Self {
        Style { bold: true, ..self }
    }
}

pub(crate) type Drawn = Result<(), String>;

fn fail<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

/// A chart's canvas: the drawing area and the labels placed on it so far.
pub(crate) struct Canvas<DB: DrawingBackend> {
    area: DrawingArea<DB, Shift>,
    pub width: i32,
    pub height: i32,
    /// Text placed so far.
    placed: Vec<Bounds>,
    /// Marks kept clear of text (the map's dots, "you").
    reserved: Vec<Bounds>,
}

impl<DB: DrawingBackend> Canvas<DB> {
    /// A white canvas over `area`.
    pub(crate) fn new(area: DrawingArea<DB, Shift>) -> Result<Self, String> {
        area.fill(&WHITE).map_err(fail)?;
        let (width, height) = area.dim_in_pixel();
        Ok(Canvas {
            area,
            width: width as i32,
            height: height as i32,
            placed: Vec::new(),
            reserved: Vec::new(),
        })
    }

    fn font(style: Style) -> TextStyle<'static> {
        let weight = if style.bold { FontStyle::Bold } else { FontStyle::Normal };
        ("sans-serif", style.size, weight).into_font().color(&style.colour)
    }

    /// The width and height `text` takes in `style` (as the PNG draws it, to the pixel).
    pub(crate) fn measure(&self, text: &str, style: Style) -> (i32, i32) {
        self.area.estimate_text_size(text, &Self::font(style)).map_or(
            (
                (text.chars().count() as f64 * style.size * 0.62) as i32,
                style.size as i32,
            ),
            |(w, h)| (w as i32, h as i32),
        )
    }

    /// The box `text` would take with its anchor at `(x, y)`.
    pub(crate) fn bounds(&self, text: &str, style: Style, x: i32, y: i32, anchor: Anchor) -> Bounds {
        let (w, h) = self.measure(text, style);
        let (x0, y0) = match anchor {
            Anchor::Left => (x, y - h / 2),
            Anchor::Right => (x - w, y - h / 2),
            Anchor::Top => (x - w / 2, y),
            Anchor::Bottom => (x - w / 2, y - h),
            Anchor::TopLeft => (x, y),
            Anchor::BottomRight => (x - w, y - h),
        };
        Bounds {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + h,
        }
    }

    /// Whether a label with these bounds fits: on the canvas and clear of every label placed.
    pub(crate) fn fits(&self, b: &Bounds) -> bool {
        b.x0 >= 0
            && b.y0 >= 0
            && b.x1 <= self.width
            && b.y1 <= self.height
            && !self.placed.iter().any(|p| p.overlaps(&b.grown(PAD)))
            && !self.reserved.iter().any(|r| r.overlaps(&b.grown(1)))
    }

    /// Keeps a region clear of labels (a marker, the "you" node).
    pub(crate) fn reserve(&mut self, b: Bounds) {
        self.reserved.push(b);
    }

    /// Draws `text` if it fits (see [`Canvas::fits`]); says whether it did.
    pub(crate) fn text(&mut self, text: &str, style: Style, x: i32, y: i32, anchor: Anchor) -> Result<bool, String> {
        if text.is_empty() {
            return Ok(false);
        }
        let b = self.bounds(text, style, x, y, anchor);
        if !self.fits(&b) {
            return Ok(false);
        }
        self.placed.push(b);
        let pos = Pos::new(HPos::Left, VPos::Top);
        self.area
            .draw(&Text::new(text.to_string(), (b.x0, b.y0), Self::font(style).pos(pos)))
            .map_err(fail)?;
        Ok(true)
    }

    /// `text`, shortened with an ellipsis until it is at most `width` pixels wide.
    pub(crate) fn fit_width(&self, text: &str, style: Style, width: i32) -> String {
        if self.measure(text, style).0 <= width {
            return text.to_string();
        }
        // No line of a chart holds more than this; a longer text is cut before measuring.
        let mut chars: Vec<char> = text.chars().take(200).collect();
        while !chars.is_empty() {
            chars.pop();
            let shorter: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if self.measure(&shorter, style).0 <= width {
                return shorter;
            }
        }
        String::new()
    }

    /// The title (the finding) and the subtitle (what is shown, on up to two lines), top
    /// left; returns the y where the plot may start.
    pub(crate) fn header(&mut self, title: &str, subtitle: &str) -> Result<i32, String> {
        let margin = 16;
        let width = self.width - 2 * margin;
        let title_style = Style::new(TITLE, INK).bold();
        let title = self.fit_width(title, title_style, width);
        self.text(&title, title_style, margin, 12, Anchor::TopLeft)?;
        let (_, title_height) = self.measure("Ag", title_style);
        let sub_style = Style::new(SUBTITLE, MUTED);
        let (_, line_height) = self.measure("Ag", sub_style);
        let mut y = 12 + title_height + PAD + 2;
        for line in self.wrap(subtitle, sub_style, width, 2) {
            self.text(&line, sub_style, margin, y, Anchor::TopLeft)?;
            y += line_height + PAD + 1;
        }
        Ok(y + 14)
    }

    /// `text` in lines at most `width` wide, at most `max_lines` of them (the last shortened
    /// with an ellipsis if need be).
    pub(crate) fn wrap(&self, text: &str, style: Style, width: i32, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || self.measure(&candidate, style).0 <= width {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        let max_lines = max_lines.max(1);
        if lines.len() > max_lines {
            let rest = lines.split_off(max_lines - 1).join(" ");
            lines.push(rest);
        }
        lines.into_iter().map(|l| self.fit_width(&l, style, width)).collect()
    }

    /// A filled rectangle.
    pub(crate) fn rect(&mut self, b: Bounds, colour: RGBColor) -> Drawn {
        self.area
            .draw(&Rectangle::new([(b.x0, b.y0), (b.x1, b.y1)], colour.filled()))
            .map_err(fail)
    }

    /// A straight line.
    pub(crate) fn line(&mut self, points: Vec<(i32, i32)>, colour: RGBColor, width: u32) -> Drawn {
        self.area
            .draw(&PathElement::new(points, colour.stroke_width(width)))
            .map_err(fail)
    }

    /// A dashed vertical line from `y0` to `y1`.
    pub(crate) fn dashed_vertical(&mut self, x: i32, y0: i32, y1: i32, colour: RGBColor) -> Drawn {
        let mut y = y0;
        while y < y1 {
            self.line(vec![(x, y), (x, (y + 5).min(y1))], colour, 1)?;
            y += 9;
        }
        Ok(())
    }

    /// A filled circle.
    pub(crate) fn dot(&mut self, x: i32, y: i32, radius: u32, colour: RGBColor) -> Drawn {
        self.area
            .draw(&Circle::new((x, y), radius, colour.filled()))
            .map_err(fail)
    }

    /// A circle's outline.
    pub(crate) fn ring(&mut self, x: i32, y: i32, radius: u32, colour: RGBColor, width: u32) -> Drawn {
        self.area
            .draw(&Circle::new((x, y), radius, colour.stroke_width(width)))
            .map_err(fail)
    }

    /// A line between two points, with transparency (the map's edges).
    pub(crate) fn faint_line(&mut self, from: (i32, i32), to: (i32, i32), colour: RGBColor, alpha: f64) -> Drawn {
        self.area
            .draw(&PathElement::new(vec![from, to], colour.mix(alpha).stroke_width(1)))
            .map_err(fail)
    }

    pub(crate) fn present(self) -> Drawn {
        self.area.present().map_err(fail)
    }
}

/// Round steps for an axis from 0 to at least `max`: the step and the axis's end, with about
/// `count` gridlines.
pub(crate) fn nice_ticks(max: f64, count: usize) -> (f64, f64) {
    let max = if max > 0.0 { max } else { 1.0 };
    let raw = max / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    let end = (max / step).ceil() * step;
    (step, end)
}

/// A count with thousands separated: `30,000`.
pub(crate) fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The plot region inside the canvas, in pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plot {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl Plot {
    pub(crate) fn width(&self) -> i32 {
        self.right - self.left
    }

    pub(crate) fn height(&self) -> i32 {
        self.bottom - self.top
    }

    /// The y of `value` on a vertical axis from 0 to `end`.
    pub(crate) fn y(&self, value: f64, end: f64) -> i32 {
        self.bottom - ((value / end.max(f64::MIN_POSITIVE)) * f64::from(self.height())).round() as i32
    }

    /// The x of `value` on a horizontal axis from 0 to `end`.
    pub(crate) fn x(&self, value: f64, end: f64) -> i32 {
        self.left + ((value / end.max(f64::MIN_POSITIVE)) * f64::from(self.width())).round() as i32
    }
}

/// Light horizontal gridlines with their values at the left, just above each line (clear of
/// the labels under the plot), for an axis from 0 to `end`.
pub(crate) fn y_grid<DB: DrawingBackend>(canvas: &mut Canvas<DB>, plot: Plot, step: f64, end: f64) -> Drawn {
    let mut value = 0.0;
    while value <= end + step / 2.0 {
        let y = plot.y(value, end);
        let colour = if value == 0.0 { MUTED } else { GRID };
        canvas.line(vec![(plot.left, y), (plot.right, y)], colour, 1)?;
        canvas.text(
            &count(value.round() as usize),
            Style::new(TICK, MUTED),
            plot.left - 8,
            y + 4,
            Anchor::BottomRight,
        )?;
        value += step;
    }
    Ok(())
}

/// Light vertical gridlines with their values below, for an axis from 0 to `end`; `format`
/// writes a value.
pub(crate) fn x_grid<DB: DrawingBackend>(
    canvas: &mut Canvas<DB>,
    plot: Plot,
    step: f64,
    end: f64,
    format: &dyn Fn(f64) -> String,
) -> Drawn {
    let mut value = 0.0;
    while value <= end + step / 2.0 {
        let x = plot.x(value, end);
        let colour = if value == 0.0 { MUTED } else { GRID };
        canvas.line(vec![(x, plot.top), (x, plot.bottom)], colour, 1)?;
        canvas.text(&format(value), Style::new(TICK, MUTED), x, plot.bottom + 6, Anchor::Top)?;
        value += step;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_data() {
        assert_eq!(nice_ticks(76.0, 5), (20.0, 80.0));
        assert_eq!(nice_ticks(29_000.0, 5), (10_000.0, 30_000.0));
        assert_eq!(nice_ticks(1.0, 5), (1.0, 1.0));
        assert_eq!(nice_ticks(0.0, 5), (1.0, 1.0));
        assert_eq!(nice_ticks(7.0, 4), (2.0, 8.0));
        assert_eq!(count(30_000), "30,000");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn a_label_that_would_overlap_is_left_out() {
        crate::report::charts::register_font();
        let mut pixels = vec![0u8; 300 * 100 * 3];
        let area = BitMapBackend::with_buffer(&mut pixels, (300, 100)).into_drawing_area();
        let mut canvas = Canvas::new(area).unwrap();
        let style = Style::new(LABEL, INK);
        assert!(canvas.text("first", style, 10, 10, Anchor::TopLeft).unwrap());
        assert!(!canvas.text("second", style, 20, 12, Anchor::TopLeft).unwrap());
        assert!(canvas.text("third", style, 10, 60, Anchor::TopLeft).unwrap());
        assert!(!canvas.text("off the edge", style, 290, 60, Anchor::Left).unwrap());
    }
}
