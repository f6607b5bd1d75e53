# The layering rule, checked on every build (CMakeLists.txt runs this script
# before compiling the model library): model/ includes nothing from
# heuristics/ or solver/, heuristics/ nothing from solver/. Data and calls flow
# one way, instance -> model -> search -> schedule -> checker -> report.
#   cmake -DSOURCE_DIR=... -DSTAMP=... -P cmake/check_layers.cmake
set(violations "")
foreach(layer_and_forbidden "model:heuristics|solver" "heuristics:solver")
  string(REPLACE ":" ";" parts "${layer_and_forbidden}")
  list(GET parts 0 layer)
  list(GET parts 1 forbidden)
  file(GLOB_RECURSE sources "${SOURCE_DIR}/${layer}/*.cpp" "${SOURCE_DIR}/${layer}/*.hpp")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"(${forbidden})/")
    foreach(line IN LISTS lines)
      file(RELATIVE_PATH relative "${SOURCE_DIR}" "${source}")
      string(APPEND violations "  ${relative}: ${line}\n")
    endforeach()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "layering: a lower layer includes a higher one (model -> heuristics -> solver):\n${violations}")
endif()
file(WRITE "${STAMP}" "layers ok\n")
