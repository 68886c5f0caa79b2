// The hostile-input catalogue (docs/hostile-input.md): malformed and nonsensical case files and
// command lines, each with the exact position (or the argument) and the rule the error must
// name. Every entry must exit with status 2, print nothing on stdout, and leave every file as it
// was: reports that existed before are untouched, and no output, half-written or not, appears.
// Interrupted runs (SIGINT, SIGTERM) leave no temporary behind and no partial report.
#include "support/cli_process.hpp"
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;

namespace {

const std::string source_dir = MECHCHECK_SOURCE_DIR;
const std::string hostile_dir = source_dir + "/tests/data/hostile";

// ---- the catalogue: case files -------------------------------------------------------------

struct CaseEntry {
  const char* file;       // under tests/data/hostile/, without .toml; line 1 says what is wrong
  const char* claim;      // checked on it with `mechcheck check CLAIM FILE --json ... --junit ...`
  unsigned line, column;  // where the error must point
  const char* rule;       // the start of the rule broken, as printed
};

const std::vector<CaseEntry> case_entries = {
    // llm
    {"llm/syntax-unclosed-array", "llm.prop1", 8, 1, "TOML syntax error: missing array separator `,` after a value"},
    {"llm/syntax-missing-equals", "llm.prop1", 8, 9, "TOML syntax error: missing key-value separator `=`"},
    {"llm/type-string-for-table", "llm.prop1", 12, 7, "a CDF is \"uniform\" or a table, found integer"},
    {"llm/type-bool-for-rational", "llm.prop1", 11, 5,
     "expected a rational number (integer or string \"p/q\"), found boolean"},
    {"llm/type-date-for-rational", "llm.prop1", 11, 5,
     "expected a rational number (integer or string \"p/q\"), found local_date"},
    {"llm/float-k", "llm.prop1", 11, 5, "a TOML float is not exact"},
    {"llm/zero-denominator", "llm.prop1", 11, 5, "'1/0' is not a rational number: zero denominator"},
    {"llm/missing-denominator", "llm.prop1", 11, 5,
     "'2/' is not a rational number: a fraction is written p/q with decimal integers p and q"},
    {"llm/hex-string", "llm.prop1", 11, 5, "'0x10' is not a rational number: not a number"},
    {"llm/exponent-out-of-range", "llm.prop1", 11, 5, "k_i must lie in (0, 1], but k = 100000"},
    {"llm/nan-string", "llm.prop1", 11, 5, "'nan' is not a rational number: not a number"},
    {"llm/two-slashes", "llm.prop1", 11, 5,
     "'1/2/3' is not a rational number: a fraction is written p/q with decimal integers p and q"},
    {"llm/integer-beyond-64-bits", "llm.prop1", 13, 9,
     "the integer 18446744073709551618 lies outside TOML's 64-bit range [-2^63, 2^63 - 1]"},
    {"llm/huge-rational", "llm.prop1", 7, 17, "a number of 10003 characters"},
    {"llm/huge-exponent", "llm.prop1", 7, 17, "'1e-999999' has 1000000 digits"},
    {"llm/support-reversed", "llm.prop1", 7, 11, "the support [lo, hi] needs lo < hi"},
    {"llm/support-one-number", "llm.prop1", 7, 11, "support must be [lo, hi]"},
    {"llm/count-zero", "llm.prop1", 13, 9, "count must be an integer in [1, 64]"},
    {"llm/count-absurd", "llm.prop1", 13, 9, "count must be an integer in [1, 64]"},
    {"llm/one-agent", "llm.prop1", 10, 1, "the llm model needs at least two agents"},
    {"llm/no-agents", "llm.prop1", 10, 9, "the llm model needs at least two agents"},
    {"llm/histogram-negative", "llm.prop1", 12, 29, "a histogram bin's probability must be nonnegative"},
    {"llm/histogram-not-summing", "llm.prop1", 12, 21, "histogram probabilities must sum to 1, but they sum to 3/4"},
    {"llm/histogram-empty", "llm.prop1", 12, 21, "a histogram needs at least one bin"},
    {"llm/histogram-on-one-long-line", "llm.prop1", 13, 16385, "this line is longer than 16384 characters"},
    {"llm/holdings-not-summing", "llm.prop1", 8, 12, "holdings must sum to the total supply 1, but they sum to 3/2"},
    {"llm/holdings-negative", "llm.prop1", 8, 20, "holdings must be nonnegative"},
    {"llm/holdings-misspelled", "llm.prop1", 8, 12, "holdings are \"r_star\" or an array of n rationals"},
    {"llm/unknown-cdf", "llm.prop1", 12, 7, "unknown CDF 'normal'"},
    {"llm/power-zero", "llm.prop1", 12, 17, "the power a of F(t) = ((t-lo)/(hi-lo))^a must be an integer in [1, 64]"},
    {"llm/misspelled-key", "llm.prop1", 12, 7, "unknown key 'cfd' in (top level).llm.agent[0]"},
    {"llm/misspelled-table", "llm.prop1", 10, 1, "unknown key 'agnet' in (top level).llm"},
    {"llm/duplicate-key", "llm.prop1", 14, 9, "TOML syntax error: value (\"count\") already exists."},
    {"llm/duplicate-table", "llm.prop1", 19, 1, "TOML syntax error: table (\"llm\") already exists."},
    {"llm/unknown-model", "llm.prop1", 4, 9, "unknown model 'LLM'"},
    {"llm/missing-case", "llm.prop1", 1, 1, "missing key 'case' in (top level)"},
    {"llm/empty-name", "llm.prop1", 3, 8, "the case's name must not be empty or blank"},
    {"llm/control-character-name", "llm.prop1", 3, 8,
     "the case's name must not contain control characters (found U+001B at character 8)"},
    {"llm/unknown-claim", "llm.prop1", 16, 9, "unknown claim 'llm.prop99'"},
    {"llm/unknown-verdict", "llm.prop1", 17, 11, "unknown verdict 'hold'"},
    {"llm/value-huge-degree", "llm.prop1", 18, 39, "polynomial: degree 9999 is above 64"},
    {"llm/value-two-roots", "llm.prop1", 18, 61, "the interval holds more than one root of x^2 - 2"},
    {"llm/value-bad-key", "llm.prop1", 18, 26, "value key 'hat theta': a value is named by its machine key"},
    {"llm/claim-of-another-model", "llm.prop1", 16, 9,
     "claim 'mat.theorem1' reads cases of model 'mat', but this case's model is 'llm'"},
    {"llm/unknown-drop", "llm.prop1", 16, 9, "[[expect]] drop: llm.prop1 declares no hypothesis named 'regularity'"},
    {"llm/type-grid-absurd", "llm.prop1", 9, 13, "type_grid must be an integer in [1, 1000]"},
    {"llm/aggregate-not-summing", "llm.prop1", 9, 24, "state probabilities must sum to 1, but they sum to 1/2"},
    {"llm/endowments-count", "llm.prop1", 9, 14, "endowments must list one e_i per agent: 2 expected, 3 given"},
    {"llm/deep-nesting", "llm.prop1", 7, 41,
     "nested more than 32 levels deep (table headers, dotted keys, arrays and inline tables together)"},
    {"llm/deep-inline-tables", "llm.prop1", 12, 80,
     "nested more than 32 levels deep (table headers, dotted keys, arrays and inline tables together)"},
    {"llm/piece-degree-200", "llm.prop1", 12, 40, "a piece has at most 65 coefficients (degree 64, as for power)"},
    {"llm/empty-file", "llm.prop1", 1, 1, "missing key 'case' in (top level)"},
    {"llm/binary-garbage", "llm.prop1", 2, 1, "TOML syntax error: an invalid key appeared."},
    {"llm/nul-in-name", "llm.prop1", 3, 8,
     "the case's name must not contain control characters (found U+0000 at character 8)"},
    // mat
    {"mat/goods-zero", "mat.feasibility", 7, 9, "goods = k must lie in 1..4, but it is 0"},
    {"mat/bound-one", "mat.feasibility", 8, 9, "bound = l must lie in 2..64"},
    {"mat/grid-absurd", "mat.feasibility", 7, 9, "the grid is too large: the number of bundles (l+1)^k exceeds 10^6"},
    {"mat/groups-one", "mat.feasibility", 10, 10, "groups = r must lie in 2..1000"},
    {"mat/epsilon-too-large", "mat.feasibility", 11, 11, "epsilon must lie in [0, 1/3)"},
    {"mat/epsilon-negative", "mat.feasibility", 11, 11, "epsilon must lie in [0, 1/3)"},
    {"mat/epsilon-float", "mat.feasibility", 11, 11, "a TOML float is not exact"},
    {"mat/endowment-too-large", "mat.feasibility", 14, 14,
     "trader type 1: an endowment e_i(h) must lie in {0..l-1} = {0..1}, but it is 2"},
    {"mat/values-count", "mat.feasibility", 15, 10,
     "trader type 1: values lists v_i(x) for all (l+1)^k = 3 bundles in lexicographic order, found 2"},
    {"mat/groups-not-filled", "mat.feasibility", 13, 1,
     "the traders (5 of them) must fill r = 2 groups of n >= 2 traders each"},
    {"mat/count-absurd", "mat.feasibility", 16, 9, "trader type 1: count must lie in 1..100000, but it is 1000000"},
    {"mat/tie-break-unknown", "mat.feasibility", 12, 19,
     "price_tie_break must be one of \"lowest\", \"highest\", found \"middle\""},
    {"mat/money-piece", "mat.feasibility", 21, 10, "each money piece is [slope, intercept], two numbers, found 3"},
    {"mat/misspelled-key", "mat.feasibility", 9, 13, "unknown key 'price_grd' in (top level).mat"},
    {"mat/no-traders", "mat.feasibility", 13, 10, "[[mat.trader]] needs at least one trader"},
    {"mat/dominance-trader-range", "mat.feasibility", 24, 12, "a trader number must lie in 1..4, but it is 5"},
    {"mat/wrong-model-claim", "mat.feasibility", 24, 9,
     "claim 'llm.prop1' reads cases of model 'llm', but this case's model is 'mat'"},
    // hw
    {"hw/qbar-zero", "hw.prop1", 7, 8, "the endowment qbar must be > 0, but qbar = 0"},
    {"hw/epsilon-three-numbers", "hw.prop1", 9, 11, "epsilon = [eps_q, eps_r] needs exactly two numbers, found 3"},
    {"hw/epsilon-negative", "hw.prop1", 9, 12, "eps_q must be >= 0"},
    {"hw/prior-not-summing", "hw.prop1", 12, 9, "prior (kappa): the probabilities must sum to 1, but they sum to 3/4"},
    {"hw/prior-zero", "hw.prop1", 12, 10, "prior (kappa): every probability must be > 0, found 0"},
    {"hw/mu-rows", "hw.prop1", 13, 6, "mu needs one row per state (2), found 1"},
    {"hw/mu-negative", "hw.prop1", 13, 15, "mu row of state 'bad': every probability must be >= 0, found -1/3"},
    {"hw/type-never-occurs", "hw.prop1", 13, 6, "type 'hi' has probability 0 in every state: tau_x (L43) is undefined"},
    {"hw/duplicate-type-names", "hw.prop1", 10, 16, "types: the name 'lo' appears twice"},
    {"hw/no-states", "hw.prop1", 11, 10, "states needs at least one name"},
    {"hw/unknown-family", "hw.prop1", 18, 10,
     "family is \"cobb_douglas\" (a ln q + b ln r) or \"ces\" ((a q^rho + b r^rho)/rho), not 'leontief'"},
    {"hw/utility-uncovered", "hw.prop1", 17, 1, "no [[hw.utility]] entry covers u(.; hi, bad)"},
    {"hw/utility-twice", "hw.prop1", 23, 1, "u(.; lo, bad) is given twice"},
    {"hw/eta-one", "hw.prop1", 14, 7, "eta, the inactive fraction, must be a rational in (0, 1) (L47)"},
    {"hw/n-absurd", "hw.prop1", 15, 5, "N, the number of agents, must be an integer in [1, 1000000]"},
    {"hw/n-beyond-64-bits", "hw.prop1", 15, 5,
     "the integer 100000000000000000000 lies outside TOML's 64-bit range [-2^63, 2^63 - 1]"},
    {"hw/n-float", "hw.prop1", 15, 5, "expected an integer, found floating"},
    {"hw/stage2-others-count", "hw.prop1", 19, 10,
     "others must list the offers of the M - 1 = 0 other active agents, but 2 are given"},
    {"hw/misspelled-key", "hw.prop1", 9, 11, "unknown key 'epsilom' in (top level).hw"},
    {"hw/unknown-verdict", "hw.prop1", 31, 11, "unknown verdict 'true'"},
    // ly
    {"ly/prior-not-summing", "ly.implementability", 7, 9, "the prior must sum to 1, but it sums to 5/6"},
    {"ly/prior-zero", "ly.implementability", 7, 10,
     "the prior mu0(v) must lie in (0, 1) for both qualities, but it is 0"},
    {"ly/cost-scale-zero", "ly.implementability", 10, 14, "the cost scale kappa must be positive, but it is 0"},
    {"ly/alpha-negative", "ly.implementability", 11, 21, "alpha entries are probabilities: they must be nonnegative"},
    {"ly/alpha-not-bayes-plausible", "ly.implementability", 11, 12,
     "Bayes plausibility (marg_V alpha = mu0): the entries of alpha_lo must sum to mu0(v_lo) = 1/2, but they sum to 1"},
    {"ly/alpha-ragged", "ly.implementability", 12, 31,
     "alpha_hi must have one entry per seller signal in every row: 2 expected, 1 given"},
    {"ly/signal-never-sent", "ly.implementability", 11, 29,
     "buyer signal s^b_2 has probability 0 in both alpha_lo and alpha_hi: drop it (its posterior is undefined)"},
    {"ly/too-many-signals", "ly.implementability", 11, 12,
     "alpha_lo has 9 rows: at most 8 buyer signals are supported"},
    {"ly/no-signals", "ly.implementability", 11, 12, "alpha_lo needs at least one row (one per buyer signal)"},
    {"ly/q-above-one", "ly.implementability", 13, 7, "a trade probability q_ij must lie in [0, 1], but it is 3/2"},
    {"ly/mechanism-incomplete", "ly.implementability", 6, 1,
     "the mechanism needs q, t_buyer and t_seller together: 't_seller' is missing"},
    {"ly/values-three", "ly.implementability", 8, 15, "buyer_value must list two numbers: [v_lo, v_hi]"},
    {"ly/misspelled-key", "ly.implementability", 11, 13, "unknown key 'alpha_low' in (top level).ly"},
    {"ly/claim-of-another-model", "ly.implementability", 18, 9,
     "claim 'hw.prop1' reads cases of model 'hw', but this case's model is 'ly'"},
};

// ---- the catalogue: command lines ----------------------------------------------------------
// Placeholders: {dir} the scratch directory (its fixtures are made by Fixtures below), {input} a
// good llm case there, {mat} a committed mat case, {report} a report that exists before the run,
// {device} a character device like /dev/null made in the scratch directory (only root may make
// one). Outputs are never pointed at /dev/null itself: run as root, a regression that renamed a
// report over it would replace the machine's /dev/null with a regular file.

struct CommandEntry {
  std::string arguments;
  std::string named;            // what the message must begin with after "mechcheck: error: "
  std::string rule;             // a fragment of the rule broken
  bool needs_non_root = false;  // chmod 000 does not stop root from reading
};

const std::vector<CommandEntry> command_entries = {
    // case files that are not regular files, or not there
    {"check llm.prop1 /dev/null", "/dev/null", "is a character device, not a case file"},
    {"check llm.prop1 {dir}/fifo.toml", "{dir}/fifo.toml", "is a FIFO (named pipe), not a case file"},
    {"suite {dir}/cases-with-fifo", "{dir}/cases-with-fifo/fifo.toml", "is a FIFO (named pipe), not a case file"},
    {"check llm.prop1 {dir}/dangling.toml", "{dir}/dangling.toml", "is a symbolic link to a file that does not exist"},
    {"check llm.prop1 {dir}/missing.toml", "{dir}/missing.toml", "no such case file"},
    {"check llm.prop1 {dir}/unreadable.toml", "{dir}/unreadable.toml", "cannot read: Permission denied", true},
    {"check llm.prop1 {dir}/empty", "argument CASE '{dir}/empty'", "a directory without case files (*.toml)"},
    {"check llm.prop1 {dir}/directory.toml", "argument CASE '{dir}/directory.toml'", "a directory without case files"},
    {"suite {dir}/empty", "no case files (*.toml) under {dir}/empty", ""},
    {"suite {dir}/missing", "argument DIR '{dir}/missing'", "no such directory"},
    {"suite {dir}/fifo.toml", "argument DIR '{dir}/fifo.toml'",
     "is a FIFO (named pipe), not a directory or a case file"},
    // commands, claims, figures
    {"frobnicate {input}", "unknown command 'frobnicate'",
     "(commands: list, help, explain, check, suite, figure, export, probe, findings)"},
    {"check llm.prop99 {input}", "argument CLAIM", "unknown claim 'llm.prop99'"},
    {"explain llm.prop99", "argument CLAIM", "unknown claim 'llm.prop99'"},
    {"check mat.theorem1 {input}", "{input}",
     "claim 'mat.theorem1' reads cases of model 'mat', but this case's model is 'llm'"},
    {"figure llm.nope {input} --out {dir}/figure", "argument FIGURE", "no figure 'llm.nope'"},
    {"figure llm.fig1 {mat} --out {dir}/figure", "{mat}", "figure llm.fig1 needs a case of model 'llm', not 'mat'"},
    {"export mat.nfg {input} --set trader=1 --out {dir}/game.nfg", "{input}",
     "export mat.nfg reads cases of model 'mat', but this case's model is 'llm'"},
    // numbers and other options
    {"check llm.prop1 --limit -1 {input}", "option --limit", "must be a whole number in [1, 1000000000000000000]"},
    {"check llm.prop1 --limit 1e9 {input}", "option --limit", "but it is '1e9'"},
    {"check llm.prop1 --threads 0 {input}", "option --threads", "must be a whole number in [1, 1024]"},
    {"check llm.prop1 --threads 99999999999999999999999 {input}", "option --threads", "(too large)"},
    {"check llm.prop1 --drop no_such_hypothesis {input}", "option --drop",
     "declares a hypothesis named 'no_such_hypothesis'"},
    {"probe llm.prop1 --seed -1", "option --seed", "must be a whole number in [0, 18446744073709551615]"},
    {"probe llm.prop1 --seed 100000000000000000000000000", "option --seed", "(too large)"},
    {"probe llm.prop1 --budget -3", "option --budget", "seconds in (0, 86400]"},
    {"probe llm.prop1 --budget inf", "option --budget", "seconds in (0, 86400]"},
    {"probe llm.prop1 --set nonsense", "option --set 'nonsense'", "write NAME=VALUE"},
    {"probe llm.prop1 --drop no_such_hypothesis", "option --drop",
     "llm.prop1 declares no hypothesis named 'no_such_hypothesis'"},
    {"probe llm.prop1 --report --drop common_worst_off", "option --drop", "--report drops each hypothesis in turn"},
    {"probe llm.prop1 --json {dir}/probe.json", "option --json", "the probe writes JSON with --report only"},
    {"export mat.nfg {mat} --out {dir}/game.nfg", "option --set trader", "required for one trader's view"},
    {"export mat.nfg {mat} --set trader=99 --out {dir}/game.nfg", "option --set trader",
     "must be a trader of the case, 1..6, but it is 99"},
    {"export mat.nfg {mat} --set trader=1 --set whole=yes --set reduced=yes --out {dir}/game.nfg",
     "options --set whole=yes and --set reduced=yes", "use one of them"},
    // outputs: onto an input, onto each other, not writable, not a regular file
    {"check llm.prop1 --json {input} {input}", "option --json '{input}'",
     "is the case file '{input}' that this run reads"},
    {"check llm.prop1 --junit {dir}/./input.toml {input}", "option --junit '{dir}/./input.toml'",
     "is the case file '{input}'"},
    {"suite --json {dir}/cases/good.toml {dir}/cases", "option --json '{dir}/cases/good.toml'", "that this run reads"},
    {"export mat.nfg {mat} --set trader=1 --out {mat}", "option --out '{mat}'",
     "is the case file '{mat}' that this run reads"},
    {"check llm.prop1 --json {dir}/r --junit {dir}/empty/../r {input}",
     "options --json '{dir}/r' and --junit '{dir}/empty/../r'", "name the same file"},
    {"check llm.prop1 --json {report} --junit {report} {input}", "options --json '{report}' and --junit '{report}'",
     "name the same file"},
    {"check llm.prop1 --json /proc/mechcheck.json {input}", "option --json '/proc/mechcheck.json'",
     "cannot create files in directory '/proc'"},
    {"check llm.prop1 --json {dir}/missing/r.json {input}", "option --json '{dir}/missing/r.json'",
     "directory '{dir}/missing' does not exist"},
    {"check llm.prop1 --json {input}/r.json {input}", "option --json '{input}/r.json'",
     "'{input}' is a regular file, not a directory"},
    {"check llm.prop1 --junit {device} {input}", "option --junit '{device}'", "is a character device"},
    {"check llm.prop1 --json {dir}/fifo.toml {input}", "option --json '{dir}/fifo.toml'", "is a FIFO (named pipe)"},
    {"check llm.prop1 --json {dir}/empty {input}", "option --json '{dir}/empty'", "is a directory; name a file"},
    {"check llm.prop1 --json {dir}/readonly.json {input}", "option --json '{dir}/readonly.json'", "is read-only", true},
    {"figure llm.fig1 {input} --out {input}", "option --out '{input}'", "is a regular file, not a directory"},
    {"figure llm.fig1 {input} --out /proc/mechcheck-figure", "option --out '/proc/mechcheck-figure'",
     "cannot be created in '/proc'"},
    {"probe llm.prop1 --drop common_worst_off --out {input}", "option --out '{input}'",
     "is a regular file, not a directory"},
    {"probe llm.prop1 --report --json /proc/r.json", "option --json '/proc/r.json'",
     "cannot create files in directory '/proc'"},
    {"export mat.nfg {mat} --set trader=1 --set reduced=yes --out {device}", "option --out '{device}'",
     "is a character device"},
};

// ---- running mechcheck ---------------------------------------------------------------------

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

using Result = mechcheck::testing::CliResult;
using mechcheck::testing::contains;
using mechcheck::testing::read_text;
using mechcheck::testing::shell_quoted;

// Every file under `dir` with its type and content: what must not change.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    const auto status = it->symlink_status();
    const std::string name = fs::relative(it->path(), dir).string();
    if (fs::is_regular_file(status))
      files[name] = (::access(it->path().c_str(), R_OK) == 0) ? "file: " + read_text(it->path()) : "unreadable file";
    else if (fs::is_directory(status)) files[name] = "directory";
    else if (fs::is_fifo(status)) files[name] = "fifo";
    else if (fs::is_symlink(status)) files[name] = "link to " + fs::read_symlink(it->path()).string();
    else files[name] = "other";
  }
  return files;
}

// A scratch directory with the fixtures the catalogue names; mechcheck's stdout and stderr are
// captured outside it, so that the directory's contents are exactly the fixtures.
struct Fixtures {
  fs::path root, dir;
  std::string input, report, mat, device;
  Fixtures() {
    static std::atomic<int> counter{0};
    root = fs::temp_directory_path() /
           ("mechcheck-hostile-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root);
    dir = root / "d";
    fs::create_directories(dir);
    input = (dir / "input.toml").string();
    fs::copy_file(source_dir + "/tests/data/cli/good/uniform-n3-k1.toml", input);
    report = (dir / "report.json").string();
    std::ofstream(report) << "a report from an earlier run\n";
    mat = source_dir + "/cases/mat/theorem2-smallest.toml";
    ::mkfifo((dir / "fifo.toml").c_str(), 0600);
    fs::create_directories(dir / "cases-with-fifo");
    fs::copy_file(input, dir / "cases-with-fifo" / "good.toml");
    ::mkfifo((dir / "cases-with-fifo" / "fifo.toml").c_str(), 0600);
    fs::create_symlink(dir / "nowhere.toml", dir / "dangling.toml");
    fs::create_directories(dir / "empty");
    fs::create_directories(dir / "directory.toml");
    fs::create_directories(dir / "cases");
    fs::copy_file(input, dir / "cases" / "good.toml");
    std::ofstream(dir / "unreadable.toml") << read_text(input);
    fs::permissions(dir / "unreadable.toml", fs::perms::none);
    if (::mknod((dir / "null-device").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0)
      device = (dir / "null-device").string();
    std::ofstream(dir / "readonly.json") << "read-only\n";
    fs::permissions(dir / "readonly.json", fs::perms::owner_read);
  }
  ~Fixtures() {
    std::error_code ignored;
    fs::permissions(dir / "unreadable.toml", fs::perms::owner_all, ignored);
    fs::remove_all(root, ignored);
  }
  std::string expand(const std::string& text) const {
    return replace_all(
        replace_all(replace_all(replace_all(replace_all(text, "{input}", input), "{report}", report), "{mat}", mat),
                    "{device}", device),
        "{dir}", dir.string());
  }
  // Output captured under `root`, outside the directory whose files must stay as they were.
  Result run(const std::string& arguments) const { return mechcheck::testing::run_mechcheck(arguments, root, 120); }
};

// Status 2, nothing on stdout, the message, and every file as it was.
void expect_rejected(const Fixtures& f, const std::string& arguments, const std::string& named,
                     const std::string& rule) {
  const auto before = snapshot(f.dir);
  const Result r = f.run(arguments);
  BOOST_TEST_CONTEXT("mechcheck " << arguments << "\n-> " << r.status << "\n" << r.err) {
    BOOST_TEST(r.status == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(contains(r.err, "mechcheck: error: " + named), "expected 'mechcheck: error: " << named << "'");
    BOOST_TEST(contains(r.err, rule), "expected '" << rule << "'");
    BOOST_TEST((snapshot(f.dir) == before), "a file was created, changed or removed");
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_input)

BOOST_AUTO_TEST_CASE(every_case_file_of_the_catalogue_is_rejected_at_its_position) {
  Fixtures f;
  for (const auto& e : case_entries) {
    const std::string file = hostile_dir + "/" + e.file + ".toml";
    const std::string position = file + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": ";
    expect_rejected(f,
                    std::string("check ") + e.claim + " " + shell_quoted(file) + " --json " + shell_quoted(f.report) +
                        " --junit " + shell_quoted((f.dir / "report.xml").string()),
                    position, e.rule);
  }
}

// All of them at once: a suite lists every error (one line per file) and runs nothing.
BOOST_AUTO_TEST_CASE(a_suite_of_the_whole_catalogue_lists_every_error) {
  Fixtures f;
  const auto before = snapshot(f.dir);
  const Result r = f.run("suite " + shell_quoted(hostile_dir) + " --json " + shell_quoted(f.report));
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty());
  for (const auto& e : case_entries)
    BOOST_TEST(contains(r.err, hostile_dir + "/" + e.file + ".toml:" + std::to_string(e.line) + ":" +
                                   std::to_string(e.column) + ": " + e.rule),
               e.file);
  std::istringstream lines(r.err);
  std::size_t errors = 0;
  for (std::string line; std::getline(lines, line);) errors += line.rfind("mechcheck: error: ", 0) == 0;
  BOOST_TEST(errors == case_entries.size());
  BOOST_TEST((snapshot(f.dir) == before));
}

// The catalogue covers every file under tests/data/hostile/, each file says on its first line
// what is wrong with it, and docs/hostile-input.md lists every entry.
BOOST_AUTO_TEST_CASE(the_catalogue_lists_every_file_and_the_document_every_entry) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(hostile_dir))
    if (entry.path().extension() == ".toml")
      files.push_back(fs::relative(entry.path(), hostile_dir).replace_extension().string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> listed;
  for (const auto& e : case_entries) listed.push_back(e.file);
  std::sort(listed.begin(), listed.end());
  BOOST_TEST(files == listed, boost::test_tools::per_element());
  const std::string document = read_text(source_dir + "/docs/hostile-input.md");
  for (const auto& e : case_entries) {
    BOOST_TEST(read_text(hostile_dir + "/" + e.file + ".toml").rfind("# hostile: ", 0) == 0u, e.file);
    BOOST_TEST(contains(document, std::string("`") + e.file + ".toml`"), e.file << " is not in docs/hostile-input.md");
  }
  for (const auto& e : command_entries)
    BOOST_TEST(contains(document, "`mechcheck " + e.arguments + "`"),
               e.arguments << " is not in docs/hostile-input.md");
  BOOST_TEST(case_entries.size() + command_entries.size() >= 50u);
}

BOOST_AUTO_TEST_CASE(every_command_line_of_the_catalogue_is_rejected) {
  Fixtures f;
  for (const auto& e : command_entries) {
    if (e.needs_non_root && ::geteuid() == 0) {
      BOOST_TEST_MESSAGE("skipped as root (permissions do not stop root): mechcheck " << e.arguments);
      continue;
    }
    if (contains(e.arguments, "{device}") && f.device.empty()) {
      BOOST_TEST_MESSAGE("skipped: only root can make a device node: mechcheck " << e.arguments);
      continue;
    }
    expect_rejected(f, f.expand(e.arguments), f.expand(e.named), f.expand(e.rule));
  }
}

// ---- interrupted runs ------------------------------------------------------------------------

namespace {

// Starts mechcheck with TMPDIR set, stdout and stderr into files; returns its pid.
pid_t spawn(const std::vector<std::string>& arguments, const fs::path& tmpdir, const fs::path& output) {
  std::vector<std::string> args{MECHCHECK_CLI};
  args.insert(args.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings{"TMPDIR=" + tmpdir.string()};
  for (char** e = environ; *e; ++e)
    if (std::string(*e).rfind("TMPDIR=", 0) != 0) env_strings.push_back(*e);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (output.string() + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, (output.string() + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int failed = posix_spawn(&pid, MECHCHECK_CLI, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  BOOST_TEST_REQUIRE(failed == 0);
  return pid;
}

// Waits until `ready` holds (or `seconds` pass), then sends `signal_number` and reaps the process.
int interrupt_when(pid_t pid, int signal_number, const std::function<bool()>& ready, double seconds) {
  const auto start = std::chrono::steady_clock::now();
  while (!ready() && std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < seconds)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::kill(pid, signal_number);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

bool has_entry_starting_with(const fs::path& dir, const std::string& prefix) {
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

// A suite interrupted while it runs writes no report: the reports that existed are untouched
// and no temporary or partial file is left.
BOOST_AUTO_TEST_CASE(an_interrupted_suite_leaves_the_old_reports_and_nothing_else) {
  for (int signal_number : {SIGINT, SIGTERM}) {
    Fixtures f;
    const fs::path tmp = f.root / "tmp";
    fs::create_directories(tmp);
    const auto before = snapshot(f.dir);
    const pid_t pid =
        spawn({"suite", source_dir + "/cases", "--json", f.report, "--junit", (f.dir / "report.xml").string()}, tmp,
              f.root / "suite");
    // Running: give it a moment past loading every case file.
    const int status = interrupt_when(
        pid, signal_number, [] { return false; }, 1.5);
    BOOST_TEST_CONTEXT("signal " << signal_number << ": " << read_text(f.root / "suite.err")) {
      BOOST_TEST(WIFSIGNALED(status));
      BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == signal_number));
      BOOST_TEST((snapshot(f.dir) == before));
      BOOST_TEST(fs::is_empty(tmp));
    }
  }
}

// Regression: an interrupted probe left its scratch directory (TMPDIR/mechcheck-probe-PID) and
// candidate file behind.
BOOST_AUTO_TEST_CASE(an_interrupted_probe_leaves_no_scratch_directory) {
  for (int signal_number : {SIGINT, SIGTERM}) {
    Fixtures f;
    const fs::path tmp = f.root / "tmp";
    fs::create_directories(tmp);
    const auto before = snapshot(f.dir);
    // llm.prop1 with its hypothesis holds on every economy: the search runs its whole budget.
    const pid_t pid =
        spawn({"probe", "llm.prop1", "--budget", "60", "--out", (f.dir / "found").string()}, tmp, f.root / "probe");
    bool started = false;
    const int status = interrupt_when(
        pid, signal_number, [&] { return started = started || has_entry_starting_with(tmp, "mechcheck-probe-"); }, 30);
    BOOST_TEST_CONTEXT("signal " << signal_number << ": " << read_text(f.root / "probe.err")) {
      BOOST_TEST(started, "the probe never created its scratch directory");
      BOOST_TEST(WIFSIGNALED(status));
      BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == signal_number));
      BOOST_TEST(fs::is_empty(tmp),
                 "left in TMPDIR: " << (fs::is_empty(tmp) ? "" : fs::directory_iterator(tmp)->path().string()));
      BOOST_TEST((snapshot(f.dir) == before));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
