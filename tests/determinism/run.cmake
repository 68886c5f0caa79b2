# The whole suite gives the same JSON report (timings aside) with --threads 1 and --threads 2:
# no verdict, value or witness may depend on how checks share threads.
#   cmake -DMECHCHECK=<cli> -DSOURCE=<repo> -DWORK=<scratch dir> -P run.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
foreach(threads 1 2)
  execute_process(
    COMMAND "${MECHCHECK}" suite cases --threads ${threads} --quiet --json "${WORK}/threads${threads}.json"
    WORKING_DIRECTORY "${SOURCE}"
    RESULT_VARIABLE status
    OUTPUT_QUIET)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "mechcheck suite --threads ${threads} exited with ${status}")
  endif()
  file(READ "${WORK}/threads${threads}.json" report)
  # Timings are the one thing allowed to differ.
  string(REGEX REPLACE "\"seconds\": \"[^\"]*\"" "\"seconds\": \"-\"" report "${report}")
  set(report${threads} "${report}")
endforeach()
if(NOT report1 STREQUAL report2)
  string(REPLACE "\n" ";" lines1 "${report1}")
  string(REPLACE "\n" ";" lines2 "${report2}")
  list(LENGTH lines1 n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    list(GET lines1 ${i} a)
    list(GET lines2 ${i} b)
    if(NOT a STREQUAL b)
      math(EXPR line "${i} + 1")
      message(FATAL_ERROR "the reports differ first at line ${line}:\n  --threads 1: ${a}\n  --threads 2: ${b}")
    endif()
  endforeach()
  message(FATAL_ERROR "the reports differ in length")
endif()
list(LENGTH report1 size)
message(STATUS "--threads 1 and --threads 2 give identical reports")
