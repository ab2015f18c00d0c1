# octavo_add_library(NAME SOURCES ... DEPS ...): one static library per src/ folder.
function(octavo_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(octavo_${name} STATIC ${ARG_SOURCES})
  target_include_directories(octavo_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(octavo_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  target_compile_options(octavo_${name} PRIVATE -Wall -Wextra -Wpedantic)
endfunction()

# octavo_add_test(NAME SOURCES ... DEPS ... LABELS ...): one doctest binary, one ctest test.
function(octavo_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(test_${name} ${ARG_SOURCES} ${PROJECT_SOURCE_DIR}/tests/doctest_main.cpp)
  target_link_libraries(test_${name} PRIVATE ${ARG_DEPS} doctest::doctest)
  target_compile_definitions(test_${name} PRIVATE
    OCTAVO_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    OCTAVO_TEST_DATA="${PROJECT_SOURCE_DIR}/tests")
  add_test(NAME ${name} COMMAND test_${name})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
