// The models that have instance generators; the only place that lists them.
#include "mechcheck/probe/probe.hpp"

namespace mechcheck::probe {

std::unique_ptr<Generator> make_hw_generator();
std::unique_ptr<Generator> make_llm_generator();
std::unique_ptr<Generator> make_ly_generator();
std::unique_ptr<Generator> make_mat_generator();

void register_builtin_generators() {
  register_generator(make_hw_generator());
  register_generator(make_llm_generator());
  register_generator(make_ly_generator());
  register_generator(make_mat_generator());
}

}  // namespace mechcheck::probe
