#include "mechcheck/report/plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace mechcheck {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string number(double x, double step) {
  if (std::abs(x) < step / 1024) x = 0;  // a tick label: print "0", not "-0" or "1e-17"
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", x);
  return buffer;
}

// A "nice" tick step for a range (1, 2 or 5 times a power of ten).
double tick_step(double range) {
  double raw = range / 6;
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

}  // namespace

std::string render_svg(const LineChart& chart) {
  const double width = 720, height = 480, left = 80, right = 200, top = 50, bottom = 60;
  double x_min = 1e300, x_max = -1e300, y_min = 1e300, y_max = -1e300;
  for (const auto& s : chart.series)
    for (auto [x, y] : s.points) {
      x_min = std::min(x_min, x);
      x_max = std::max(x_max, x);
      y_min = std::min(y_min, y);
      y_max = std::max(y_max, y);
    }
  if (!(x_min < x_max)) x_max = x_min + 1;
  if (!(y_min < y_max)) y_max = y_min + 1;
  const double y_pad = (y_max - y_min) * 0.05;
  y_min -= y_pad;
  y_max += y_pad;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  auto sx = [&](double x) { return left + (x - x_min) / (x_max - x_min) * plot_w; };
  auto sy = [&](double y) { return top + (y_max - y) / (y_max - y_min) * plot_h; };

  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\" font-size=\"13\">\n";
  svg << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg << "<text x=\"" << width / 2 << "\" y=\"28\" text-anchor=\"middle\" font-size=\"15\">" << escape(chart.title)
      << "</text>\n";
  // Axes and ticks.
  svg << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << plot_w << "\" height=\"" << plot_h
      << "\" fill=\"none\" stroke=\"black\"/>\n";
  const double xs = tick_step(x_max - x_min), ys = tick_step(y_max - y_min);
  for (double x = std::ceil(x_min / xs) * xs; x <= x_max + 1e-12; x += xs)
    svg << "<line x1=\"" << sx(x) << "\" y1=\"" << top + plot_h << "\" x2=\"" << sx(x) << "\" y2=\"" << top + plot_h + 5
        << "\" stroke=\"black\"/><text x=\"" << sx(x) << "\" y=\"" << top + plot_h + 20 << "\" text-anchor=\"middle\">"
        << number(x, xs) << "</text>\n";
  for (double y = std::ceil(y_min / ys) * ys; y <= y_max + 1e-12; y += ys)
    svg << "<line x1=\"" << left - 5 << "\" y1=\"" << sy(y) << "\" x2=\"" << left << "\" y2=\"" << sy(y)
        << "\" stroke=\"black\"/><text x=\"" << left - 8 << "\" y=\"" << sy(y) + 4 << "\" text-anchor=\"end\">"
        << number(y, ys) << "</text>\n";
  svg << "<text x=\"" << left + plot_w / 2 << "\" y=\"" << height - 15 << "\" text-anchor=\"middle\">"
      << escape(chart.x_label) << "</text>\n";
  svg << "<text transform=\"translate(20," << top + plot_h / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
      << escape(chart.y_label) << "</text>\n";
  for (const auto& [x, label] : chart.x_markers)
    svg << "<line x1=\"" << sx(x) << "\" y1=\"" << top << "\" x2=\"" << sx(x) << "\" y2=\"" << top + plot_h
        << "\" stroke=\"grey\" stroke-dasharray=\"2,3\"/><text x=\"" << sx(x) + 3 << "\" y=\"" << top + 14
        << "\" fill=\"grey\">" << escape(label) << "</text>\n";
  // Series and legend.
  const char* colours[] = {"#1f4e9c", "#c0392b", "#2e7d32", "#6a1b9a"};
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const auto& s = chart.series[i];
    svg << "<polyline fill=\"none\" stroke=\"" << colours[i % 4] << "\" stroke-width=\"2\""
        << (s.dashed ? " stroke-dasharray=\"8,5\"" : "") << " points=\"";
    for (auto [x, y] : s.points) svg << sx(x) << "," << sy(y) << " ";
    svg << "\"/>\n";
    const double ly = top + 20 + 22 * static_cast<double>(i);
    svg << "<line x1=\"" << width - right + 15 << "\" y1=\"" << ly << "\" x2=\"" << width - right + 50 << "\" y2=\""
        << ly << "\" stroke=\"" << colours[i % 4] << "\" stroke-width=\"2\""
        << (s.dashed ? " stroke-dasharray=\"8,5\"" : "") << "/><text x=\"" << width - right + 56 << "\" y=\"" << ly + 4
        << "\">" << escape(s.label) << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace mechcheck
