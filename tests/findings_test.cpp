// The papers' findings (`mechcheck findings`): every finding names a claim of its paper and a
// committed case with an [[expect]] on that claim, the descriptors refuse a malformed finding, the
// JSON lists every field, and the README's section "Findings in the papers" is the program's
// Markdown, exactly.
#include "support/cli_process.hpp"

#include "mechcheck/cases/case.hpp"
#include "papers.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>

using namespace mechcheck;
namespace fs = std::filesystem;

namespace {

const std::string source_dir = MECHCHECK_SOURCE_DIR;

struct Scratch : testing::ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-findings-test") {}
};

}  // namespace

BOOST_AUTO_TEST_SUITE(findings)

BOOST_AUTO_TEST_CASE(every_finding_is_shown_by_a_committed_case_on_its_claim) {
  const auto all = builtin_papers().findings();
  BOOST_TEST(!all.empty());
  for (const Finding* f : all) {
    BOOST_TEST_CONTEXT(f->id) {
      BOOST_TEST(builtin_papers().find(f->claim) != nullptr, "no claim " << f->claim);
      const fs::path path = fs::path(source_dir) / f->case_file;
      if (!fs::is_regular_file(path)) {
        BOOST_ERROR(f->id << ": its case " << f->case_file << " does not exist");
        continue;
      }
      const Case c = builtin_papers().load_case(path.string());  // throws InputError on a bad case
      bool asserted = false;
      for (const auto& e : c.expectations) asserted = asserted || e.claim == f->claim;
      BOOST_TEST(asserted, f->case_file << " has no [[expect]] with claim = \"" << f->claim << "\"");
    }
  }
}

BOOST_AUTO_TEST_CASE(finding_ids_are_unique_and_every_kind_is_known) {
  std::set<std::string> ids, kinds;
  for (const FindingKind& k : finding_kinds) kinds.insert(k.name);
  for (const Finding* f : builtin_papers().findings()) {
    BOOST_TEST(ids.insert(f->id).second, f->id << " twice");
    BOOST_TEST(kinds.count(f->kind) == 1u, f->id << ": kind " << f->kind);
  }
}

// The descriptors are checked when the program's papers are built: a finding of another paper's
// claim, of an unknown kind, without a text, or with a case outside the repository is refused.
BOOST_AUTO_TEST_CASE(malformed_findings_are_refused) {
  const Finding good{"llm.test-finding", "llm.prop1", "erratum", "says", "shows", "cases/llm/uniform-n3-k1.toml"};
  const auto with = [](Finding f) {
    auto list = builtin_paper_list();
    for (Paper& p : list)
      if (p.id == "llm") p.findings.push_back(f);
    return list;
  };
  BOOST_CHECK_NO_THROW(Papers{with(good)});
  auto bad = good;
  bad.claim = "hw.lemma1";  // another paper's claim
  BOOST_CHECK_THROW(Papers{with(bad)}, std::logic_error);
  bad = good, bad.claim = "llm.nonesuch";
  BOOST_CHECK_THROW(Papers{with(bad)}, std::logic_error);
  bad = good, bad.id = "hw.test-finding";  // another paper's prefix
  BOOST_CHECK_THROW(Papers{with(bad)}, std::logic_error);
  bad = good, bad.id = "llm.ties";  // listed twice
  BOOST_CHECK_THROW(Papers{with(bad)}, std::logic_error);
  bad = good, bad.kind = "typo";
  BOOST_CHECK_THROW(Papers{with(bad)}, std::logic_error);
  bad = good, bad.check_shows = "";
  BOOST_CHECK_THROW(Papers{with(bad)}, std::logic_error);
  for (const char* path : {"/x.toml", "cases/../../x.toml", "cases/llm/x.json", ""}) {
    bad = good, bad.case_file = path;
    BOOST_CHECK_THROW(Papers{with(bad)}, std::logic_error);
  }
}

BOOST_AUTO_TEST_CASE(json_has_every_field_of_every_finding) {
  Scratch s;
  const auto r = s.run("findings --json");
  BOOST_TEST_REQUIRE(r.status == 0);
  const auto array = nlohmann::json::parse(r.out);
  const auto all = builtin_papers().findings();
  BOOST_TEST_REQUIRE(array.size() == all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    BOOST_TEST(array[i].at("id") == all[i]->id);
    BOOST_TEST(array[i].at("claim") == all[i]->claim);
    BOOST_TEST(array[i].at("kind") == all[i]->kind);
    BOOST_TEST(array[i].at("paper_says") == all[i]->paper_says);
    BOOST_TEST(array[i].at("check_shows") == all[i]->check_shows);
    BOOST_TEST(array[i].at("case_file") == all[i]->case_file);
    BOOST_TEST(array[i].at("paper") == all[i]->id.substr(0, all[i]->id.find('.')));
  }
  const auto text = s.run("findings");
  BOOST_TEST(text.status == 0);
  BOOST_TEST(testing::contains(text.out, std::to_string(all.size()) + " findings ("));
  BOOST_TEST(s.run("findings --json --markdown").status == 2);
}

// README.md's section "Findings in the papers" holds, between its markers, exactly what
// `mechcheck findings --markdown` prints.
BOOST_AUTO_TEST_CASE(readme_findings_section_is_the_programs_markdown) {
  Scratch s;
  const auto r = s.run("findings --markdown");
  BOOST_TEST_REQUIRE(r.status == 0);
  BOOST_TEST(r.out == findings_markdown(builtin_papers()));
  const std::string readme = testing::read_text(source_dir + "/README.md");
  const std::string begin = "\n<!-- findings:begin -->\n", end = "\n<!-- findings:end -->\n";
  const auto from = readme.find(begin), to = readme.find(end);
  BOOST_TEST_REQUIRE((from != std::string::npos && to != std::string::npos && from < to),
                     "README.md lacks the lines <!-- findings:begin --> and <!-- findings:end -->");
  const std::string section = readme.substr(from + begin.size(), to + 1 - from - begin.size());
  BOOST_TEST(section == r.out,
             "README.md's findings section differs from `mechcheck findings --markdown`: regenerate it with "
             "scripts/findings.sh (after building mechcheck_cli)");
}

BOOST_AUTO_TEST_SUITE_END()
