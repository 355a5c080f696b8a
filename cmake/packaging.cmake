# The Debian package (CPack DEB; scripts/package builds it): install() rules for what
# goes around the binary, and the CPack settings. Included from the top CMakeLists.txt,
# after GNUInstallDirs and the install rule for the gpalert executable.
#
#   /usr/bin/gpalert                                  (CMakeLists.txt)
#   /lib/systemd/system/gpalert.service               dist/gpalert.service
#   /etc/gpalert/gpalert.toml                         dist/gpalert.toml, a conffile
#   /usr/share/man/man1/gpalert.1.gz                  docs/man/gpalert.1, if present
#   /usr/share/man/man5/gpalert.toml.5.gz             docs/man/gpalert.toml.5, if present
#   /usr/share/bash-completion/completions/gpalert    dist/bash-completion/gpalert, if present
#   /usr/share/doc/gpalert/{copyright,changelog.Debian.gz,README.Debian}
#   maintainer scripts                                dist/debian/{postinst,prerm,postrm,conffiles}
#
# The paths are Debian's for the /usr prefix scripts/package configures with; other
# prefixes (cmake --install into /usr/local) get the files under that prefix, but the
# unit still names /usr/bin/gpalert and /etc/gpalert.

set(GPALERT_DIST ${CMAKE_SOURCE_DIR}/dist)

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(_gpalert_unit_dir /lib/systemd/system)  # Debian 12: units live in /lib, not /usr/lib
else()
  set(_gpalert_unit_dir ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
endif()
set(GPALERT_SYSTEMD_UNIT_DIR ${_gpalert_unit_dir} CACHE PATH
  "Where gpalert.service is installed")
set(GPALERT_DOC_DIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/gpalert)

# Every directory the install creates is 0755, whatever the umask of the build.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
  OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(_gpalert_file_mode OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

install(FILES ${GPALERT_DIST}/gpalert.service
  DESTINATION ${GPALERT_SYSTEMD_UNIT_DIR} PERMISSIONS ${_gpalert_file_mode})
install(FILES ${GPALERT_DIST}/gpalert.toml
  DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/gpalert PERMISSIONS ${_gpalert_file_mode})
install(FILES ${GPALERT_DIST}/debian/copyright ${GPALERT_DIST}/debian/README.Debian
  DESTINATION ${GPALERT_DOC_DIR} PERMISSIONS ${_gpalert_file_mode})
if(EXISTS ${GPALERT_DIST}/bash-completion/gpalert)
  install(FILES ${GPALERT_DIST}/bash-completion/gpalert
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions
    PERMISSIONS ${_gpalert_file_mode})
endif()

# Compressed docs (gzip -9n: best compression, no name or timestamp, as lintian wants),
# made by the default build so that `cpack` finds them.
find_program(GPALERT_GZIP gzip REQUIRED)
set(_gpalert_gz_dir ${CMAKE_BINARY_DIR}/packaging)
set(_gpalert_gz_outputs)
function(gpalert_gzip source output)
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_gpalert_gz_dir}
    COMMAND sh -c "\"$0\" -9nc \"$1\" > \"$2\"" ${GPALERT_GZIP} ${source} ${output}
    DEPENDS ${source} VERBATIM)
  set(_gpalert_gz_outputs ${_gpalert_gz_outputs} ${output} PARENT_SCOPE)
endfunction()

gpalert_gzip(${GPALERT_DIST}/debian/changelog ${_gpalert_gz_dir}/changelog.Debian.gz)
install(FILES ${_gpalert_gz_dir}/changelog.Debian.gz
  DESTINATION ${GPALERT_DOC_DIR} PERMISSIONS ${_gpalert_file_mode})
foreach(page gpalert.1 gpalert.toml.5)
  set(source ${CMAKE_SOURCE_DIR}/docs/man/${page})
  if(EXISTS ${source})
    string(REGEX MATCH "[0-9]$" section ${page})
    gpalert_gzip(${source} ${_gpalert_gz_dir}/${page}.gz)
    install(FILES ${_gpalert_gz_dir}/${page}.gz
      DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} PERMISSIONS ${_gpalert_file_mode})
  endif()
endforeach()
add_custom_target(gpalert_packaging_docs ALL DEPENDS ${_gpalert_gz_outputs})
# A man page or completion added to an existing docs/man/ or dist/bash-completion/ is
# picked up at the next build (a folder that does not exist yet needs cmake re-run).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/docs/man ${GPALERT_DIST}/bash-completion)

# ---------------------------------------------------------------- CPack DEB
set(GPALERT_PACKAGE_MAINTAINER "gpalert maintainers <maintainers@gpalert.invalid>"
  CACHE STRING "Maintainer field of the Debian package")
set(GPALERT_PACKAGE_REVISION 1 CACHE STRING "Debian revision of the package (0.1.0-<this>)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gpalert)
set(CPACK_PACKAGE_VENDOR "the gpalert authors")
set(CPACK_PACKAGE_CONTACT ${GPALERT_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # gpalert_0.1.0-1_amd64.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE ${GPALERT_PACKAGE_REVISION})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${GPALERT_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://github.com/gpalert/gpalert)
# Library dependencies come from dpkg-shlibdeps; these are the maintainer scripts' own.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "default-mta | mail-transport-agent")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${GPALERT_DIST}/debian/postinst ${GPALERT_DIST}/debian/prerm ${GPALERT_DIST}/debian/postrm
  ${GPALERT_DIST}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)  # scripts 0755, the rest 0644
# First line: the synopsis; the rest: the extended description (CPack indents it).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"daemon that mails digests of new articles from feeds and web pages
gpalert watches web sources (RSS, Atom and JSON feeds, and plain HTML listing
pages of sites without feeds), extracts each new article from its page chrome,
drops duplicates (the same piece under another URL or in another series) and
mails digests to subscribers on their own schedules, tags and keywords.

It runs as a sandboxed systemd service (gpalert.service) with its state in a
SQLite database under /var/lib/gpalert, and sends mail over SMTP or into a
Maildir. An optional HTTP endpoint serves health checks, Prometheus metrics and
RFC 8058 one-click unsubscribe.")

include(CPack)
