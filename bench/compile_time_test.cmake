# bench/compile_time --quick as the CTest test bench.compile_time.quick (label bench): each TU compiled
# once at -O0 with the project's compiler. No timing is checked; a TU that does not compile fails it.
# Included by bench/CMakeLists.txt and tests/CMakeLists.txt; include_guard registers it once.
include_guard(GLOBAL)
find_package(Python3 3.9 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME bench.compile_time.quick
    COMMAND "${Python3_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/bench/compile_time" --quick
      --compilers "${CMAKE_CXX_COMPILER}" --out-dir "${PROJECT_BINARY_DIR}/bench/compile_time_quick")
  set_tests_properties(bench.compile_time.quick PROPERTIES LABELS bench)
else()
  message(WARNING "rnnparams: no Python 3 interpreter; bench.compile_time.quick is not registered")
endif()
