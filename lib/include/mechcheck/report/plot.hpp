#pragma once
// Line charts as SVG, for figures a person looks at (display only: the numbers plotted are
// decimal renderings of exact values; no verdict is ever read off a plot).
#include <string>
#include <utility>
#include <vector>

namespace mechcheck {

struct PlotSeries {
  std::string label;
  std::vector<std::pair<double, double>> points;  // (x, y), in increasing x
  bool dashed = false;
};

struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<PlotSeries> series;
  std::vector<std::pair<double, std::string>> x_markers;  // vertical guide lines with a label
};

std::string render_svg(const LineChart& chart);

}  // namespace mechcheck
