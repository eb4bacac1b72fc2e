# Builds TARGET in BUILD_DIR.
# With MUST_FAIL, the build must fail and its output must match every "// expect: <regex>" line of
# CASE; only then does this print the line the test's PASS_REGULAR_EXPRESSION looks for. A build
# that succeeds, or a diagnostic that differs, prints the reason and the compiler's output instead.
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}"
  OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE status)
if(NOT MUST_FAIL)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${TARGET} must compile, but:\n${output}")
  endif()
  return()
endif()
if(status EQUAL 0)
  message(FATAL_ERROR "${TARGET} compiled, but it must not")
endif()
file(STRINGS "${CASE}" expectations REGEX "^// expect: ")
set(missing "")
foreach(expectation IN LISTS expectations)
  string(REGEX REPLACE "^// expect: " "" regex "${expectation}")
  if(NOT output MATCHES "${regex}")
    string(APPEND missing "\n  ${regex}")
  endif()
endforeach()
get_filename_component(case_name "${CASE}" NAME)
if(missing)
  message(FATAL_ERROR "${case_name}: the diagnostics lack${missing}\nThe compiler said:\n${output}")
endif()
message("every expected diagnostic of ${case_name} was found")
