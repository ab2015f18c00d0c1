# Every third-party library octavo uses, found once, each as an imported target.
# The Debian packages that provide them are listed in scripts/packages.txt.
find_package(PkgConfig REQUIRED)
# libzip's CMake config names its command-line tools, which Debian ships apart: use pkg-config.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
find_package(tinyxml2 REQUIRED CONFIG)
find_package(tomlplusplus REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(Threads REQUIRED)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
# The subsetter, apart: only the EPUB links it (its fonts cut to the book's characters).
pkg_check_modules(HARFBUZZ_SUBSET REQUIRED IMPORTED_TARGET harfbuzz-subset)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(LIBPNG REQUIRED IMPORTED_TARGET libpng)

# libharu, libhyphen and the cmark-gfm extensions ship no CMake or pkg-config files.
function(octavo_import_library target header library)
  find_path(${target}_INCLUDE_DIR ${header} REQUIRED)
  find_library(${target}_LIBRARY ${library} REQUIRED)
  add_library(${target} UNKNOWN IMPORTED)
  set_target_properties(${target} PROPERTIES IMPORTED_LOCATION ${${target}_LIBRARY}
                        INTERFACE_INCLUDE_DIRECTORIES ${${target}_INCLUDE_DIR})
endfunction()
octavo_import_library(octavo::hpdf hpdf.h hpdf)
octavo_import_library(octavo::hyphen hyphen.h hyphen)
octavo_import_library(octavo::cmark_gfm_extensions cmark-gfm-core-extensions.h cmark-gfm-extensions)

if(OCTAVO_BUILD_TESTS)
  find_package(doctest REQUIRED CONFIG)
endif()
