// The claim catalogue agrees with itself: the README's claims table lists every registered
// claim once with the arithmetic its ClaimInfo declares, and every named hypothesis is either
// shown necessary by a committed counterexample case or carries the reason none exists.
#include "mechcheck/cases/case.hpp"
#include "papers.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <string>

using namespace mechcheck;
namespace fs = std::filesystem;

namespace {

const std::string source_dir = MECHCHECK_SOURCE_DIR;

// README rows "| `claim.id` | what is checked | arithmetic |": id -> arithmetic cell.
std::map<std::string, std::string> readme_claim_rows() {
  std::ifstream in(source_dir + "/README.md");
  BOOST_REQUIRE(in);
  std::map<std::string, std::string> rows;
  const std::regex row(R"(^\| `([a-z]+\.[A-Za-z0-9_]+)` \|.*\| ([^|]+) \|\s*$)");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    BOOST_CHECK_MESSAGE(rows.emplace(m[1], m[2]).second, "README lists " << m[1] << " twice");
  }
  return rows;
}

const Expectation* refuting_expectation(const Case& c, const std::string& claim, const std::string& hypothesis) {
  for (const auto& e : c.expectations)
    if (e.claim == claim && e.verdict == Verdict::refuted &&
        std::find(e.dropped.begin(), e.dropped.end(), hypothesis) != e.dropped.end())
      return &e;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(readme_lists_every_claim_with_its_arithmetic) {
  const auto rows = readme_claim_rows();
  std::set<std::string> registered;
  for (const Claim* claim : builtin_papers().all()) {
    const ClaimInfo& info = claim->info();
    registered.insert(info.id);
    auto it = rows.find(info.id);
    if (it == rows.end()) {
      BOOST_ERROR("README's claims table has no row for " << info.id);
      continue;
    }
    BOOST_CHECK_MESSAGE(it->second.rfind(to_string(info.arithmetic), 0) == 0, info.id << ": README says '" << it->second
                                                                                      << "', the claim declares "
                                                                                      << to_string(info.arithmetic));
  }
  for (const auto& [id, arithmetic] : rows)
    BOOST_CHECK_MESSAGE(registered.count(id), "README lists " << id << ", which is not a registered claim");
}

BOOST_AUTO_TEST_CASE(every_hypothesis_is_shown_necessary_or_explained) {
  for (const Claim* claim : builtin_papers().all()) {
    const ClaimInfo& info = claim->info();
    for (const auto& h : info.hypotheses) {
      const std::string who = info.id + " " + h.name;
      BOOST_CHECK_MESSAGE(!h.evidence.empty(),
                          who << ": no evidence (a counterexample case or the reason none exists)");
      if (h.necessity != Necessity::counterexample) continue;
      const fs::path path = fs::path(source_dir) / h.evidence;
      if (!fs::is_regular_file(path)) {
        BOOST_ERROR(who << ": the counterexample case " << h.evidence << " does not exist");
        continue;
      }
      const Case c = builtin_papers().load_case(path.string());
      BOOST_CHECK_MESSAGE(refuting_expectation(c, info.id, h.name),
                          who << ": " << h.evidence << " has no [[expect]] claim = \"" << info.id
                              << "\", verdict = \"refuted\" with drop = [\"" << h.name << "\"]");
    }
  }
}

// A hypothesis that a committed case refutes by dropping it alone is necessary: its status
// must say so (and not, say, "vacuous").
BOOST_AUTO_TEST_CASE(committed_counterexamples_are_recorded_in_the_catalogue) {
  for (const auto& path : find_case_files({source_dir + "/cases"})) {
    const Case c = builtin_papers().load_case(path);
    for (const auto& e : c.expectations) {
      if (e.verdict != Verdict::refuted || e.dropped.size() != 1) continue;
      const Claim* claim = builtin_papers().find(e.claim);
      BOOST_REQUIRE(claim);
      for (const auto& h : claim->info().hypotheses)
        if (h.name == e.dropped.front())
          BOOST_CHECK_MESSAGE(h.necessity == Necessity::counterexample,
                              path << " refutes " << e.claim << " without " << h.name << ", but the catalogue says "
                                   << to_string(h.necessity) << ": " << h.evidence);
    }
  }
}

// docs/hypotheses.md holds the catalogue's table between markers, exactly as the claims declare
// it (`mechcheck list --hypotheses --markdown` prints it).
BOOST_AUTO_TEST_CASE(docs_hypotheses_table_is_the_claims_own) {
  std::ifstream in(source_dir + "/docs/hypotheses.md");
  BOOST_REQUIRE(in);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string begin = "<!-- hypotheses -->\n", end = "<!-- /hypotheses -->";
  const auto from = text.find(begin), to = text.find(end);
  BOOST_REQUIRE(from != std::string::npos && to != std::string::npos && from < to);
  const std::string table = text.substr(from + begin.size(), to - from - begin.size());
  BOOST_TEST(table == hypothesis_catalogue_markdown(builtin_papers().all()),
             "docs/hypotheses.md is out of date: regenerate its table with `mechcheck list --hypotheses --markdown`");
}

// A claim's tests are found from its id in one hop: PAPER.X is tested in tests/PAPER/X_test.cpp,
// and that file names the id.
BOOST_AUTO_TEST_CASE(every_claim_has_its_own_test_file) {
  for (const Claim* claim : builtin_papers().all()) {
    const std::string id = claim->info().id;
    const std::string paper = id.substr(0, id.find('.')), name = id.substr(id.find('.') + 1);
    const fs::path file = fs::path(source_dir) / "tests" / paper / (name + "_test.cpp");
    std::ifstream in(file);
    if (!in) {
      BOOST_ERROR(id << " has no test file " << file.lexically_relative(source_dir).string());
      continue;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_CHECK_MESSAGE(text.find(id) != std::string::npos, file.filename().string() << " does not name " << id);
  }
}
