// The list of papers: what Papers checks when a program is built with a list, and that every
// built-in paper is reachable through it.
#include "mechcheck/papers/paper.hpp"
#include "papers.hpp"
#include "support/models.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace mechcheck;

namespace {

class NamedClaim : public Claim {
 public:
  NamedClaim(std::string id, std::string model) {
    info_.id = std::move(id);
    info_.model = std::move(model);
  }
  const ClaimInfo& info() const override { return info_; }
  Outcome check(const Case&, const CheckContext&) const override { return Outcome{}; }

 private:
  ClaimInfo info_;
};

struct NoData : ModelData {};

Paper paper_with(const std::string& id, std::vector<std::pair<std::string, std::string>> claims) {
  Paper p;
  p.id = id;
  p.short_citation = "Author (2000)";
  p.citation = "A. Author (2000)";
  p.parse_model = [](const TomlNode&) -> std::shared_ptr<const ModelData> { return std::make_shared<NoData>(); };
  p.make_claims = [claims] {
    std::vector<std::unique_ptr<Claim>> out;
    for (const auto& [claim_id, model] : claims) out.push_back(std::make_unique<NamedClaim>(claim_id, model));
    return out;
  };
  return p;
}

std::vector<Paper> one(Paper p) {
  std::vector<Paper> papers;
  papers.push_back(std::move(p));
  return papers;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_well_formed_list_is_reachable_by_claim_model_and_paper) {
  const Papers papers(one(paper_with("toy", {{"toy.lemma", "toy"}, {"toy.theorem", "toy"}})));
  BOOST_TEST(papers.all().size() == 2u);
  BOOST_REQUIRE(papers.find("toy.theorem") != nullptr);
  BOOST_TEST(papers.paper_of(*papers.find("toy.theorem"))->citation == "A. Author (2000)");
  BOOST_TEST(papers.models().count("toy") == 1u);
  BOOST_TEST(papers.generator_for("toy") == nullptr);
  BOOST_TEST(papers.find("toy.nothing") == nullptr);
}

BOOST_AUTO_TEST_CASE(malformed_lists_are_refused) {
  // A claim whose id does not start with its paper's id, or that reads another model.
  BOOST_CHECK_THROW(Papers(one(paper_with("toy", {{"other.lemma", "toy"}}))), std::logic_error);
  BOOST_CHECK_THROW(Papers(one(paper_with("toy", {{"toy.lemma", "other"}}))), std::logic_error);
  // The same claim id twice, and the same paper twice.
  BOOST_CHECK_THROW(Papers(one(paper_with("toy", {{"toy.lemma", "toy"}, {"toy.lemma", "toy"}}))), std::logic_error);
  std::vector<Paper> twice;
  twice.push_back(paper_with("toy", {{"toy.lemma", "toy"}}));
  twice.push_back(paper_with("toy", {{"toy.theorem", "toy"}}));
  BOOST_CHECK_THROW(Papers(std::move(twice)), std::logic_error);
  // A figure that belongs to no claim of its paper.
  Paper with_figure = paper_with("toy", {{"toy.lemma", "toy"}});
  with_figure.figures.push_back({"toy.figure", "a figure of no claim", {}});
  BOOST_CHECK_THROW(Papers(one(std::move(with_figure))), std::logic_error);
  // A paper without a model parser.
  Paper no_parser = paper_with("toy", {{"toy.lemma", "toy"}});
  no_parser.parse_model = nullptr;
  BOOST_CHECK_THROW(Papers(one(std::move(no_parser))), std::logic_error);
  // A paper without its short citation (what `mechcheck list` shows for its claims).
  Paper uncited = paper_with("toy", {{"toy.lemma", "toy"}});
  uncited.short_citation.clear();
  BOOST_CHECK_THROW(Papers(one(std::move(uncited))), std::logic_error);
}

BOOST_AUTO_TEST_CASE(the_builtin_papers_are_the_six_and_every_claim_is_found_through_them) {
  const Papers& papers = builtin_papers();
  std::set<std::string> ids;
  for (const Paper& p : papers.papers()) ids.insert(p.id);
  BOOST_TEST((ids == std::set<std::string>{"finite", "hw", "llm", "ly", "mat", "vickrey"}));
  BOOST_TEST(papers.all().size() == 49u);
  for (const Claim* claim : papers.all()) BOOST_TEST(papers.paper_of(*claim) != nullptr, claim->info().id);
  for (const std::string& id : ids) BOOST_TEST(papers.generator_for(id) != nullptr, id);
  std::set<std::string> figures;
  for (const FigureWriter* f : papers.figures()) figures.insert(f->id);
  BOOST_TEST((figures == std::set<std::string>{"hw.prop2", "llm.fig1", "mat.convergence"}));
}

BOOST_AUTO_TEST_CASE(the_test_models_are_the_builtin_papers_models) {
  // tests/support/models.hpp lists the models that the library-level tests and the case-reader
  // fuzzer read without linking the checkers: every paper's, so that every committed case is read
  // there too and every parser fuzzed.
  std::set<std::string> listed, built_in;
  for (const auto& [name, parser] : testing::builtin_models()) listed.insert(name);
  for (const auto& [name, parser] : builtin_papers().models()) built_in.insert(name);
  BOOST_TEST((listed == built_in));
}
