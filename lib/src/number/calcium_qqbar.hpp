#pragma once
// Calcium's qqbar.h for C++ (private to lib/src). Calcium 0.4's headers are C: a few of their
// inline functions assign flint_malloc's or flint_realloc's void* to a typed pointer, which C++
// rejects. g++ accepts that under -fpermissive, clang has no such switch (and the libFuzzer
// build is clang). So, while those headers are read, the two allocators return an object that
// converts to any pointer type; FLINT's own headers are read first, without the change, so their
// declarations of the allocators stay as they are.
#include <cstdio>
#include <cstring>
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpz.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_mpoly.h>
#include <flint/fmpz_poly.h>
#include <acb.h>

namespace mechcheck::calcium_detail {
struct Allocation {
  void* memory;
  template <class T>
  operator T*() const {
    return static_cast<T*>(memory);
  }
};
}  // namespace mechcheck::calcium_detail

// Inside its own expansion a macro's name is not expanded again: these call FLINT's functions.
#define flint_malloc(size) (::mechcheck::calcium_detail::Allocation{flint_malloc(size)})
#define flint_realloc(memory, size) (::mechcheck::calcium_detail::Allocation{flint_realloc(memory, size)})
#include <calcium/qqbar.h>
#undef flint_malloc
#undef flint_realloc
