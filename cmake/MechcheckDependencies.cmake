# Finds the packaged libraries mechcheck builds on and makes imported targets for
# those without a CMake config (MPFI, FLINT, Arb, Calcium). Used both by the build
# and by find_package(mechcheck) from an install prefix.
include(CMakeFindDependencyMacro)
find_package(PkgConfig REQUIRED)
pkg_check_modules(GMPXX REQUIRED IMPORTED_TARGET gmpxx)
pkg_check_modules(GMP REQUIRED IMPORTED_TARGET gmp)
pkg_check_modules(MPFR REQUIRED IMPORTED_TARGET mpfr)
find_dependency(Boost 1.81)
find_dependency(TBB)
if(MECHCHECK_MPI)  # runs across processes (lib/src/run/ranks.cpp); the installed config records the setting
  find_dependency(MPI COMPONENTS CXX)
endif()

function(mechcheck_imported_library target header library)
  if(TARGET ${target})
    return()
  endif()
  find_path(${target}_INCLUDE_DIR ${header})
  find_library(${target}_LIBRARY ${library})
  if(NOT ${target}_INCLUDE_DIR OR NOT ${target}_LIBRARY)
    message(FATAL_ERROR "mechcheck: ${header} / lib${library} not found: run scripts/install-deps.sh")
  endif()
  add_library(${target} UNKNOWN IMPORTED GLOBAL)
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION "${${target}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${${target}_INCLUDE_DIR}")
endfunction()

mechcheck_imported_library(mechcheck_dep_mpfi mpfi.h mpfi)
mechcheck_imported_library(mechcheck_dep_flint flint/flint.h flint)
mechcheck_imported_library(mechcheck_dep_arb arb.h flint-arb)
mechcheck_imported_library(mechcheck_dep_calcium calcium/qqbar.h calcium)
# cddlib in GMP rational arithmetic (libcddgmp only: libcdd exports the same names for doubles).
mechcheck_imported_library(mechcheck_dep_cddgmp cddlib/cdd.h cddgmp)
# Arb's and Calcium's headers include <flint/...> and also "flint.h"-style paths.
set_property(TARGET mechcheck_dep_arb APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${mechcheck_dep_flint_INCLUDE_DIR}/flint")
