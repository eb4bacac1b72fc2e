# Builds TARGET in BUILD_DIR. With MUST_FAIL, a successful build prints only a complaint (so the
# test's PASS_REGULAR_EXPRESSION cannot match) and a failed one prints the compiler's diagnostics.
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}"
  OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE status)
if(MUST_FAIL)
  if(status EQUAL 0)
    message(FATAL_ERROR "${TARGET} compiled, but it must not")
  endif()
  message("${output}")
elseif(NOT status EQUAL 0)
  message(FATAL_ERROR "${TARGET} must compile, but:\n${output}")
endif()
