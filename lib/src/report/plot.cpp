#include "mechcheck/report/plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace mechcheck {
namespace {

constexpr double font_size = 13, title_size = 15;
// A sans-serif glyph's average advance in ems: only to estimate how wide a tick label is, so that
// neighbouring labels keep apart (a real width would need the font).
constexpr double glyph_em = 0.62;
// Raised (superscript) and lowered (subscript) text: its size and baseline shift, in parts of
// the surrounding text's size.
constexpr double script_scale = 0.75, raise = 0.38, lower = 0.22;
constexpr const char* minus = "\u2212";  // U+2212, the minus sign of a negative exponent

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

std::string fixed(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", x);
  return buffer;
}

bool opens_script(const std::string& s, std::size_t i) {
  return (s[i] == '^' || s[i] == '_') && i + 1 < s.size() && s[i + 1] == '{';
}

// A label's markup (plot.hpp) as SVG text content: each raised or lowered run a <tspan> whose dy
// moves the baseline and whose font-size shrinks it; the run after it moves the baseline back.
// dy, not baseline-shift, because every SVG renderer honours dy. A label without markup is only
// escaped. The text around it must keep its spaces (xml:space="preserve", which render_svg sets
// on the whole drawing): some renderers trim the space at either end of each text node, so " to"
// after a superscript would lose its space.
std::string rich_text(const std::string& s, double size) {
  if (s.find("^{") == std::string::npos && s.find("_{") == std::string::npos) return escape(s);
  struct Level {
    double shift, size;  // the baseline shift it applied; the size around it
  };
  std::vector<Level> open;
  double current = size, pending = 0;  // pending: dy still to apply to the next run
  std::string out, run;
  auto flush = [&] {
    if (run.empty()) return;
    const std::string text = escape(run);
    if (pending == 0 && current == size) {
      out += text;
    } else {
      out += "<tspan";
      if (pending != 0) {
        out += " dy=\"";
        out += fixed(pending);
        out += '"';
      }
      if (current != size) {
        out += " font-size=\"";
        out += fixed(current);
        out += '"';
      }
      out += '>';
      out += text;
      out += "</tspan>";
    }
    run.clear();
    pending = 0;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (opens_script(s, i)) {
      flush();
      const Level level{s[i] == '^' ? -raise * current : lower * current, current};
      pending += level.shift;
      open.push_back(level);
      current *= script_scale;
      ++i;
    } else if (s[i] == '}' && !open.empty()) {
      flush();
      pending -= open.back().shift;
      current = open.back().size;
      open.pop_back();
    } else {
      run += s[i];
    }
  }
  flush();
  return out;
}

// The width of a label in pixels, estimated: its visible characters (markup left out, a UTF-8
// character counted once, raised or lowered ones at their smaller size).
double label_width(const std::string& s, double size) {
  double width = 0, current = size;
  std::vector<double> sizes;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (opens_script(s, i)) {
      sizes.push_back(current);
      current *= script_scale;
      ++i;
    } else if (s[i] == '}' && !sizes.empty()) {
      current = sizes.back();
      sizes.pop_back();
    } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      width += glyph_em * current;
    }
  }
  return width;
}

std::string number(double x, double step) {
  if (std::abs(x) < step / 1024) x = 0;  // a tick label: print "0", not "-0" or "1e-17"
  return fixed(x);
}

// A "nice" tick step for a range (1, 2 or 5 times a power of ten).
double tick_step(double range) {
  double raw = range / 6;
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

// Where a value goes on an axis, before scaling to pixels: the value, or its log to the base.
double place(double v, const AxisScale& scale) { return scale.log ? std::log(v) / std::log(scale.base) : v; }
bool placeable(double v, const AxisScale& scale) { return std::isfinite(v) && (!scale.log || v > 0); }

struct Tick {
  double at;          // placed (place())
  long long ordinal;  // k of base^k (log) or of k step (linear): thinning keeps the multiples of a stride
  std::string label;
};

// Whether base^k is printed as its integer value (k >= 0, below 10^4) rather than "base^{k}".
bool plain_power(double base, long long k) {
  const double v = std::pow(base, static_cast<double>(k));
  return k >= 0 && v < 1e4 && v == std::round(v);  // fixed() prints 10^4 as "1e+04"
}

// The ticks of [lo, hi] (placed), every one of them. A log axis labels all its powers alike: all
// as integers when each is one, else all as "base^{k}".
std::vector<Tick> all_ticks(double lo, double hi, const AxisScale& scale) {
  std::vector<Tick> ticks;
  if (scale.log) {
    const auto first = static_cast<long long>(std::ceil(lo - 1e-9));
    const auto last = static_cast<long long>(std::floor(hi + 1e-9));
    const bool plain = plain_power(scale.base, first) && plain_power(scale.base, last);
    for (long long k = first; k <= last; ++k)
      ticks.push_back({static_cast<double>(k), k,
                       plain ? fixed(std::pow(scale.base, static_cast<double>(k)))
                             : fixed(scale.base) + "^{" + (k < 0 ? minus : "") + std::to_string(std::abs(k)) + "}"});
    if (ticks.size() < 2) {  // within one power of the base: the two ends, as decimals
      ticks.clear();
      ticks.push_back({lo, 0, fixed(std::pow(scale.base, lo))});
      ticks.push_back({hi, 1, fixed(std::pow(scale.base, hi))});
    }
    return ticks;
  }
  const double step = tick_step(hi - lo);
  // A range no step divides into a few ticks (an overflowing one, say) gets no ticks, not an endless loop.
  if (!(step > 0) || !std::isfinite(step) || !std::isfinite(lo) || !std::isfinite(hi) || (hi - lo) / step > 1000)
    return ticks;
  for (auto k = static_cast<long long>(std::ceil(lo / step - 1e-9)); k * step <= hi + 1e-12 * std::abs(hi) + 1e-300;
       ++k)
    ticks.push_back({static_cast<double>(k) * step, k, number(static_cast<double>(k) * step, step)});
  return ticks;
}

// The ticks kept: those whose ordinal is a multiple of the smallest stride at which at least two
// are kept and no two kept labels come closer than `apart(a, b)` pixels (`pixel` places a tick);
// the first tick alone when no stride gives that.
template <class Pixel, class Apart>
std::vector<Tick> spaced_ticks(const std::vector<Tick>& ticks, Pixel pixel, Apart apart) {
  for (long long stride = 1; stride <= static_cast<long long>(ticks.size()); ++stride) {
    std::vector<Tick> kept;
    for (const Tick& t : ticks)
      if (t.ordinal % stride == 0) kept.push_back(t);
    bool fits = kept.size() >= 2;
    for (std::size_t i = 1; i < kept.size() && fits; ++i)
      fits = std::abs(pixel(kept[i].at) - pixel(kept[i - 1].at)) >= apart(kept[i - 1], kept[i]);
    if (fits) return kept;
  }
  return ticks.empty() ? ticks : std::vector<Tick>{ticks.front()};
}

}  // namespace

std::string render_svg(const LineChart& chart) {
  const double width = 720, height = 480, left = 80, right = 200, top = 50, bottom = 60;
  double x_min = 1e300, x_max = -1e300, y_min = 1e300, y_max = -1e300;
  for (const auto& s : chart.series)
    for (auto [x, y] : s.points) {
      if (!placeable(x, chart.x_scale) || !placeable(y, chart.y_scale)) continue;
      x_min = std::min(x_min, place(x, chart.x_scale));
      x_max = std::max(x_max, place(x, chart.x_scale));
      y_min = std::min(y_min, place(y, chart.y_scale));
      y_max = std::max(y_max, place(y, chart.y_scale));
    }
  if (x_min > x_max) x_min = x_max = 0;  // nothing to plot
  if (y_min > y_max) y_min = y_max = 0;
  // A flat range is widened by 1, or relatively where 1 is lost in rounding (|v| >= 2^53).
  if (!(x_min < x_max)) x_max = x_min + std::max(1.0, std::abs(x_min) * 1e-9);
  if (!(y_min < y_max)) y_max = y_min + std::max(1.0, std::abs(y_min) * 1e-9);
  const double y_pad = (y_max - y_min) * 0.05;
  y_min -= y_pad;
  y_max += y_pad;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  // Pixels of placed coordinates (place()).
  auto px = [&](double x) { return left + (x - x_min) / (x_max - x_min) * plot_w; };
  auto py = [&](double y) { return top + (y_max - y) / (y_max - y_min) * plot_h; };

  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" xml:space=\"preserve\" width=\"" << width << "\" height=\""
      << height << "\" font-family=\"sans-serif\" font-size=\"" << font_size << "\">\n";
  svg << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg << "<text x=\"" << width / 2 << "\" y=\"28\" text-anchor=\"middle\" font-size=\"" << title_size << "\">"
      << rich_text(chart.title, title_size) << "</text>\n";
  // Axes and ticks: x labels at least 8 px apart between their (estimated) extents, y labels a line apart.
  svg << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << plot_w << "\" height=\"" << plot_h
      << "\" fill=\"none\" stroke=\"black\"/>\n";
  const auto x_ticks = spaced_ticks(all_ticks(x_min, x_max, chart.x_scale), px, [](const Tick& a, const Tick& b) {
    return (label_width(a.label, font_size) + label_width(b.label, font_size)) / 2 + 8;
  });
  const auto y_ticks =
      spaced_ticks(all_ticks(y_min, y_max, chart.y_scale), py, [](const Tick&, const Tick&) { return font_size + 4; });
  for (const Tick& t : x_ticks)
    svg << "<line x1=\"" << px(t.at) << "\" y1=\"" << top + plot_h << "\" x2=\"" << px(t.at) << "\" y2=\""
        << top + plot_h + 5 << "\" stroke=\"black\"/><text x=\"" << px(t.at) << "\" y=\"" << top + plot_h + 20
        << "\" text-anchor=\"middle\">" << rich_text(t.label, font_size) << "</text>\n";
  for (const Tick& t : y_ticks)
    svg << "<line x1=\"" << left - 5 << "\" y1=\"" << py(t.at) << "\" x2=\"" << left << "\" y2=\"" << py(t.at)
        << "\" stroke=\"black\"/><text x=\"" << left - 8 << "\" y=\"" << py(t.at) + 4 << "\" text-anchor=\"end\">"
        << rich_text(t.label, font_size) << "</text>\n";
  svg << "<text x=\"" << left + plot_w / 2 << "\" y=\"" << height - 15 << "\" text-anchor=\"middle\">"
      << rich_text(chart.x_label, font_size) << "</text>\n";
  svg << "<text transform=\"translate(20," << top + plot_h / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
      << rich_text(chart.y_label, font_size) << "</text>\n";
  // Markers: a label that would run into the one before it goes a line lower (up to three lines).
  std::vector<double> row_end;
  for (const auto& [x, label] : chart.x_markers) {
    if (!placeable(x, chart.x_scale)) continue;
    const double at = px(place(x, chart.x_scale)), w = label_width(label, font_size);
    std::size_t row = 0;
    while (row < row_end.size() && row_end[row] > at && row < 2) ++row;
    if (row == row_end.size()) row_end.push_back(0);
    row_end[row] = at + 3 + w + 4;
    svg << "<line x1=\"" << at << "\" y1=\"" << top << "\" x2=\"" << at << "\" y2=\"" << top + plot_h
        << "\" stroke=\"grey\" stroke-dasharray=\"2,3\"/><text x=\"" << at + 3 << "\" y=\""
        << top + 14 + 15 * static_cast<double>(row) << "\" fill=\"grey\">" << rich_text(label, font_size)
        << "</text>\n";
  }
  // Series and legend.
  const char* colours[] = {"#1f4e9c", "#c0392b", "#2e7d32", "#6a1b9a"};
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const auto& s = chart.series[i];
    svg << "<polyline fill=\"none\" stroke=\"" << colours[i % 4] << "\" stroke-width=\"2\""
        << (s.dashed ? " stroke-dasharray=\"8,5\"" : "") << " points=\"";
    for (auto [x, y] : s.points)
      if (placeable(x, chart.x_scale) && placeable(y, chart.y_scale))
        svg << px(place(x, chart.x_scale)) << "," << py(place(y, chart.y_scale)) << " ";
    svg << "\"/>\n";
    if (s.dots)
      for (auto [x, y] : s.points)
        if (placeable(x, chart.x_scale) && placeable(y, chart.y_scale))
          svg << "<circle cx=\"" << px(place(x, chart.x_scale)) << "\" cy=\"" << py(place(y, chart.y_scale))
              << "\" r=\"3\" fill=\"" << colours[i % 4] << "\"/>\n";
    const double ly = top + 20 + 22 * static_cast<double>(i);
    svg << "<line x1=\"" << width - right + 15 << "\" y1=\"" << ly << "\" x2=\"" << width - right + 50 << "\" y2=\""
        << ly << "\" stroke=\"" << colours[i % 4] << "\" stroke-width=\"2\""
        << (s.dashed ? " stroke-dasharray=\"8,5\"" : "") << "/><text x=\"" << width - right + 56 << "\" y=\"" << ly + 4
        << "\">" << rich_text(s.label, font_size) << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace mechcheck
