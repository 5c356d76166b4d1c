//! The last page, filled: when the issue would end on a page that holds
//! less than a third of a page, the layout is set again a little tighter
//! (to save the page) or a little looser (to fill it), as a compositor
//! would. The layout reads how tightly to set as the virtual file
//! `/fit.json` (a whole number, 0 as designed; `print/theme.typ` turns it
//! into the body size, the leading and the paragraph spacing).

use typst::layout::{Abs, Frame, FrameItem, Point};
use typst_layout::PagedDocument;

/// How tightly an issue is set: negative is tighter, positive looser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fit(pub i8);

impl Fit {
    /// As designed.
    pub const NATURAL: Fit = Fit(0);

    /// The most steps either way: three keep the type within 0.4 pt and
    /// the leading within 10 % of the design.
    pub const MAX_STEPS: i8 = 3;

    /// What to try after a natural setting of `pages` pages whose last
    /// page is `last_fill` full, in order: the fewest steps tighter that
    /// should save the last page, and one more; then the fewest steps
    /// looser that should fill it to [`LEAST_LAST_PAGE`], and one more.
    /// Each step moves about [`GAIN_PER_STEP`] of every page's content, so
    /// most issues take one more layout, and a hopeless one none.
    pub fn tries(pages: usize, last_fill: f64) -> Vec<Fit> {
        let full_pages = pages.saturating_sub(1).max(1) as f64;
        let steps = |share: f64| (share / (GAIN_PER_STEP * full_pages)).ceil().max(1.0);
        let mut tries = Vec::new();
        let tighter = steps(last_fill);
        if tighter <= f64::from(Self::MAX_STEPS) {
            let k = tighter as i8;
            tries.extend((k..=(k + 1).min(Self::MAX_STEPS)).map(|k| Fit(-k)));
        }
        let looser = steps(LEAST_LAST_PAGE - last_fill);
        if looser <= f64::from(Self::MAX_STEPS) {
            let k = looser as i8;
            tries.extend((k..=(k + 1).min(Self::MAX_STEPS)).map(Fit));
        }
        tries
    }

    /// The bytes of `/fit.json`.
    pub fn json(self) -> Vec<u8> {
        self.0.to_string().into_bytes()
    }
}

/// The least share of a page the last page should hold.
pub const LEAST_LAST_PAGE: f64 = 1.0 / 3.0;

/// About the share of a full page that one step moves: measured on the
/// seed, whose 3.55 pages of content become 3.44 at -1 and 3.67 at +1.
const GAIN_PER_STEP: f64 = 0.03;

/// Lines of one run of text stand closer than this; a blank line is more.
const SAME_RUN_PT: f64 = 9.0;

/// The share of the body area of the last page (between the margins, both
/// columns) that content covers: the union of what each column's items
/// cover from top to bottom, lines of a run joined across their leading,
/// so that a full column is close to 1 and a band at the foot counts as
/// its own height, not as the whole column above it.
pub fn last_page_fill(paged: &PagedDocument, margin_top: Abs, margin_bottom: Abs) -> f64 {
    let Some(page) = paged.pages().last() else {
        return 1.0;
    };
    let frame = &page.frame;
    let (top, bottom) = (margin_top, frame.height() - margin_bottom);
    let middle = frame.width() / 2.0;
    let mut columns: [Vec<(Abs, Abs)>; 2] = [Vec::new(), Vec::new()];
    visit(frame, Point::zero(), &mut |x, y0, y1| {
        let (y0, y1) = (y0.max(top), y1.min(bottom));
        if y1 > y0 {
            columns[usize::from(x >= middle)].push((y0, y1));
        }
    });
    let covered: f64 = columns.iter_mut().map(|spans| union_length(spans)).sum();
    covered / (2.0 * (bottom - top).to_pt())
}

/// Calls `mark(x, top, bottom)` for every leaf item of `frame`, at its
/// place on the page. Group transforms are taken as translations: the
/// layout rotates nothing but the draft mark.
fn visit(frame: &Frame, origin: Point, mark: &mut impl FnMut(Abs, Abs, Abs)) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                let shifted = at + Point::new(group.transform.tx, group.transform.ty);
                visit(&group.frame, shifted, mark);
            }
            // The position of text is its baseline.
            FrameItem::Text(text) => mark(at.x, at.y - text.size * 0.8, at.y + text.size * 0.25),
            FrameItem::Shape(shape, _) => {
                let bbox = shape.bbox(true);
                mark(at.x + bbox.min.x, at.y + bbox.min.y, at.y + bbox.max.y);
            }
            FrameItem::Image(_, size, _) => mark(at.x, at.y, at.y + size.y),
            FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
}

/// The length, in points, that the spans cover together.
fn union_length(spans: &mut [(Abs, Abs)]) -> f64 {
    spans.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    let mut total = 0.0;
    let mut current: Option<(Abs, Abs)> = None;
    for &(start, end) in spans.iter() {
        current = match current {
            Some((s, e)) if (start - e).to_pt() < SAME_RUN_PT => Some((s, e.max(end))),
            Some((s, e)) => {
                total += (e - s).to_pt();
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((s, e)) = current {
        total += (e - s).to_pt();
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_close_spans_count_once() {
        let pt = Abs::pt;
        let mut spans = vec![
            (pt(10.0), pt(20.0)),
            (pt(0.0), pt(5.0)),
            (pt(15.0), pt(30.0)),
            (pt(50.0), pt(60.0)),
        ];
        // 0–5 and 10–30 are one run (a gap of 5 pt); 50–60 stands apart.
        assert_eq!(union_length(&mut spans), 30.0 + 10.0);
        assert_eq!(union_length(&mut []), 0.0);
    }

    #[test]
    fn a_nearly_empty_last_page_tries_one_step_tighter_first() {
        // The seed: five pages, the fifth 7 % full.
        assert_eq!(Fit::tries(5, 0.07), [Fit(-1), Fit(-2), Fit(3)]);
        // A last page 30 % full is not saved by three steps: only filled.
        assert_eq!(Fit::tries(3, 0.30), [Fit(1), Fit(2)]);
        // Too far either way: nothing is tried.
        assert!(Fit::tries(2, 0.2).is_empty());
    }
}
