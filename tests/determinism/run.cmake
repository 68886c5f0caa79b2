# The same JSON report (timings aside) however the work is shared: the whole suite with --threads 1,
# with --threads 2 and, in a build with MPI, across 2 processes of mpirun (which share the checks
# out); and single checks whose enumerations are split among threads and, under mpirun, among the
# processes of one check (claims/team.hpp). No verdict, value or witness may depend on how the work is
# shared.
#   cmake -DMECHCHECK=<cli> -DSOURCE=<repo> -DWORK=<scratch dir> [-DMPIEXEC=<mpirun> -DMPIEXEC_FLAGS=<list>] -P run.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# Runs `command` (a list) with --quiet --json WORK/name.json; sets report_<name> to the report with
# its timings blanked.
function(report_of name)
  execute_process(
    COMMAND ${ARGN} --quiet --json "${WORK}/${name}.json"
    WORKING_DIRECTORY "${SOURCE}"
    RESULT_VARIABLE status
    OUTPUT_QUIET)
  if(NOT status EQUAL 0)
    list(JOIN ARGN " " shown)
    message(FATAL_ERROR "${shown} exited with ${status}")
  endif()
  file(READ "${WORK}/${name}.json" report)
  # The results only (the report's head names the command line and the date), and timings are the
  # one thing in them allowed to differ.
  string(FIND "${report}" "\"results\":" results_at)
  if(results_at EQUAL -1)
    message(FATAL_ERROR "${WORK}/${name}.json has no results")
  endif()
  string(SUBSTRING "${report}" ${results_at} -1 report)
  string(REGEX REPLACE "\"seconds\": [-+.0-9eE]+" "\"seconds\": -" report "${report}")
  set(report_${name} "${report}" PARENT_SCOPE)
endfunction()

# Fails with the first differing line unless report_<name> equals report_<first>.
function(expect_same first name)
  if(report_${name} STREQUAL report_${first})
    return()
  endif()
  string(REPLACE "\n" ";" lines1 "${report_${first}}")
  string(REPLACE "\n" ";" lines2 "${report_${name}}")
  list(LENGTH lines1 n1)
  list(LENGTH lines2 n2)
  if(n2 LESS n1)
    set(n1 ${n2})
  endif()
  math(EXPR last "${n1} - 1")
  foreach(i RANGE ${last})
    list(GET lines1 ${i} a)
    list(GET lines2 ${i} b)
    if(NOT a STREQUAL b)
      math(EXPR line "${i} + 1")
      message(FATAL_ERROR "the reports differ first at line ${line}:\n  ${first}: ${a}\n  ${name}: ${b}")
    endif()
  endforeach()
  message(FATAL_ERROR "the reports of ${first} and ${name} differ in length")
endfunction()

set(compared "")
report_of(threads1 "${MECHCHECK}" suite cases --threads 1)
report_of(threads2 "${MECHCHECK}" suite cases --threads 2)
expect_same(threads1 threads2)
list(APPEND compared "suite: --threads 1, --threads 2")
if(MPIEXEC)
  report_of(ranks2 "${MPIEXEC}" ${MPIEXEC_FLAGS} -np 2 "${MECHCHECK}" suite cases --threads 1)
  expect_same(threads1 ranks2)
  list(APPEND compared "suite: 2 ranks")
endif()

# Single checks that split their enumeration (every rank of an MPI run runs the check, each a block).
set(single_checks "llm.prop1 cases/llm/prop1-heterogeneous-n8.toml" "mat.theorem1 cases/mat/theorem1-no-symmetry.toml"
    "hw.theorem1 cases/hw/theorem1-cobb-douglas.toml")
set(k 0)
foreach(single ${single_checks})
  separate_arguments(claim_and_case UNIX_COMMAND "${single}")
  report_of(one${k}_threads1 "${MECHCHECK}" check ${claim_and_case} --threads 1)
  report_of(one${k}_threads2 "${MECHCHECK}" check ${claim_and_case} --threads 2)
  expect_same(one${k}_threads1 one${k}_threads2)
  list(APPEND compared "${single}: --threads 1, --threads 2")
  if(MPIEXEC)
    report_of(one${k}_ranks2 "${MPIEXEC}" ${MPIEXEC_FLAGS} -np 2 "${MECHCHECK}" check ${claim_and_case} --threads 1)
    expect_same(one${k}_threads1 one${k}_ranks2)
    list(APPEND compared "${single}: 2 ranks")
  endif()
  math(EXPR k "${k} + 1")
endforeach()
list(JOIN compared "; " shown)
message(STATUS "identical reports: ${shown}")
