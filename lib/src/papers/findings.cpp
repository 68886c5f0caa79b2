// The findings of the papers as Markdown (the README's section "Findings in the papers").
#include "mechcheck/papers/paper.hpp"

#include <sstream>

namespace mechcheck {

namespace {

// `text` wrapped at `width` columns at spaces (a word longer than the width stays whole), the first
// line after `first`, the others after `indent`.
std::string wrapped(const std::string& text, const std::string& first, const std::string& indent,
                    std::size_t width = 100) {
  std::istringstream words(text);
  std::string word, line = first, out;
  bool empty = true;  // no word on `line` yet
  while (words >> word) {
    if (!empty && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = indent, empty = true;
    }
    line += (empty ? "" : " ") + word;
    empty = false;
  }
  return out + line + "\n";
}

}  // namespace

std::string findings_markdown(const Papers& papers) {
  std::string out;
  for (const Paper& p : papers.papers()) {
    if (p.findings.empty()) continue;
    if (!out.empty()) out += "\n";
    out += "### " + p.id + ": " + p.short_citation + "\n\n";
    for (const Finding& f : p.findings)
      out += wrapped("**`" + f.id + "`** (" + f.kind + ", claim `" + f.claim + "`). **Paper:** " + f.paper_says +
                         " **Check:** " + f.check_shows + " **Case:** [`" + f.case_file + "`](" + f.case_file + ").",
                     "- ", "  ");
  }
  return out;
}

}  // namespace mechcheck
