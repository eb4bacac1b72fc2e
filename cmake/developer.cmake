# Flags for this project's own tests, examples and tools; never put on the rnnparams target.
add_library(rnnparams_developer INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(rnnparams_developer INTERFACE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
endif()
target_link_libraries(rnnparams_developer INTERFACE rnnparams::rnnparams)

# Runs an executable and compares what it prints with a file, byte for byte.
# rnnparams_add_output_test(NAME name COMMAND target [args...] EXPECTED file)
function(rnnparams_add_output_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;EXPECTED" "COMMAND")
  add_test(NAME "${arg_NAME}"
    COMMAND "${CMAKE_COMMAND}" "-DEXPECTED=${arg_EXPECTED}" "-DCOMMAND=$<TARGET_FILE:${arg_COMMAND}>"
      -P "${PROJECT_SOURCE_DIR}/cmake/compare-output.cmake")
endfunction()
