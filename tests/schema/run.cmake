# CTest `report_schema`: the suite's report (SUITE_REPORT, written by suite_determinism), a `check`
# report with asserted values and a probe's report, validated against docs/report.schema.json.
#   cmake -DMECHCHECK=<cli> -DSOURCE=<repo> -DWORK=<dir> -DSUITE_REPORT=<json> -P run.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(
  COMMAND "${MECHCHECK}" probe finite.monotonicity --report --budget 2 --out "${WORK}/found" --json "${WORK}/probe.json"
  WORKING_DIRECTORY "${SOURCE}" RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "mechcheck probe exited with ${status}")
endif()
execute_process(
  COMMAND "${MECHCHECK}" check finite.design "${SOURCE}/cases/finite/myerson-satterthwaite-subsidy-6x6.toml"
          "${SOURCE}/cases/finite/myerson-satterthwaite-6x4.toml" --quiet --json "${WORK}/check.json"
  WORKING_DIRECTORY "${SOURCE}" RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "mechcheck check exited with ${status}")
endif()
execute_process(
  COMMAND python3 "${SOURCE}/tests/schema/validate_reports.py" "${SOURCE}/docs/report.schema.json" "${SUITE_REPORT}"
          "${WORK}/check.json" "${WORK}/probe.json"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "a report is not valid against docs/report.schema.json (status ${status})")
endif()
