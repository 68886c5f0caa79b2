# Writes OUTPUT (a header defining MECHCHECK_COMMIT) from `git describe --always --dirty` of SOURCE,
# only when its text changes, so that a build recompiles one file when the commit changes and none
# otherwise. Run at every build by the target mechcheck_commit (lib/CMakeLists.txt).
# Only SOURCE's own checkout: a source tree unpacked inside another repository is "unknown", not
# that repository's commit.
set(commit "unknown")
if(EXISTS "${SOURCE}/.git")
  execute_process(COMMAND git describe --always --dirty --tags WORKING_DIRECTORY "${SOURCE}"
                  OUTPUT_VARIABLE described OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE failed)
  if(NOT failed AND NOT described STREQUAL "")
    set(commit "${described}")
  endif()
endif()
set(text "#pragma once\n#define MECHCHECK_COMMIT \"${commit}\"\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
