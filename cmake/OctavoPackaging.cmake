# A Debian package of the installed tree (`cpack -G DEB` in the build folder): the
# binary in /usr/bin, the styles and fonts in /usr/share/octavo, where the binary finds
# them relative to itself. Library dependencies come from dpkg-shlibdeps; the
# hyphenation dictionary, which is read at run time, is named by hand.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "octavo")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "octavo turns one book manuscript (book.toml and Markdown chapters) into a valid\nEPUB 3 and a print-ready PDF, with the typography set in style files.")
set(CPACK_PACKAGE_CONTACT "octavo developers <octavo@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "text")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hyphen-en-us | hyphen-hyphenation-patterns")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM "SHA256")
include(CPack)
