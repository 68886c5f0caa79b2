#pragma once
// tbb::parallel_for over [begin, end) that runs every task in the numeric state of the thread
// that started the loop (numeric_state.hpp): a worker thread's own precision, left by whatever
// it ran before, never reaches the loop's arithmetic. Bodies must write only their own index's
// results, so the outcome does not depend on how TBB splits the range.
#include "mechcheck/number/numeric_state.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace mechcheck {

template <class Index, class Body>
void parallel_for(Index begin, Index end, const Body& body) {
  const NumericState state = NumericState::current();
  tbb::parallel_for(tbb::blocked_range<Index>(begin, end), [&](const tbb::blocked_range<Index>& range) {
    NumericScope scope(state);
    for (Index i = range.begin(); i != range.end(); ++i) body(i);
  });
}

}  // namespace mechcheck

#include <mutex>
#include <optional>
#include <utility>

namespace mechcheck {

// The first failure of a parallel search, deterministically: of all values offered, the one
// with the least key (e.g. the loop index, or (trader, index)) is kept, whichever thread found
// it first. A task whose key is above the kept one may stop early (`settled_below`): its
// failure could not be the one reported, so the result is the one a sequential loop finds.
template <class Key, class T>
class LeastKeyed {
 public:
  // True when a value with a key below `key` is already kept.
  bool settled_below(const Key& key) const {
    std::lock_guard lock(mutex_);
    return kept_ && kept_->first < key;
  }
  void offer(const Key& key, T value) {
    std::lock_guard lock(mutex_);
    if (!kept_ || key < kept_->first) kept_.emplace(key, std::move(value));
  }
  bool has_value() const {
    std::lock_guard lock(mutex_);
    return kept_.has_value();
  }
  // The kept value (call after the loop).
  const std::optional<std::pair<Key, T>>& kept() const { return kept_; }

 private:
  mutable std::mutex mutex_;
  std::optional<std::pair<Key, T>> kept_;
};

}  // namespace mechcheck
