#pragma once
// Line charts as SVG, for figures a person looks at (display only: the numbers plotted are
// decimal renderings of exact values; no verdict is ever read off a plot).
//
// Every label (title, axis labels, series labels, markers) may carry a small markup, rendered as
// raised or lowered smaller text: "^{...}" is a superscript and "_{...}" a subscript, nestable
// ("β^{σ_{N}}"); a '^' or '_' not followed by '{' is printed as it is. Greek letters and other
// symbols are written as UTF-8 characters.
#include <string>
#include <utility>
#include <vector>

namespace mechcheck {

struct PlotSeries {
  std::string label;
  std::vector<std::pair<double, double>> points;  // (x, y), in increasing x
  bool dashed = false;
  bool dots = false;  // a dot at each point: where the data are, when they are few
};

// A linear axis gets 1-2-5 ticks. A log axis takes the data as they are (points with a
// coordinate <= 0 are left out) and places them at log positions, with ticks at the powers of
// `base` in the range labelled with the powers' values ("2", "4", ..., "256"; "10^{-3}" when the
// value is not an integer up to 10^4); either kind leaves out every other tick (then more) until
// the tick labels no longer overlap.
struct AxisScale {
  bool log = false;
  double base = 10;
};

struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<PlotSeries> series;
  std::vector<std::pair<double, std::string>> x_markers;  // vertical guide lines with a label
  AxisScale x_scale;
  AxisScale y_scale;
};

std::string render_svg(const LineChart& chart);

}  // namespace mechcheck
