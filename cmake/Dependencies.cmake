# Imports the XNNPACK + pthreadpool prefix built by scripts/build-deps.sh. The prefix's path comes
# from scripts/versions.sh, the one place that pins versions, unless ML5_DEPS_PREFIX is given.
# ml5_deps_variant also names the wasm module (bindings/CMakeLists.txt).
if(EMSCRIPTEN)
  if(NOT ML5_SIMD)
    set(ml5_deps_variant wasm-scalar)
  elseif(ML5_RELAXED_SIMD)
    set(ml5_deps_variant wasm-relaxed-simd)
  else()
    set(ml5_deps_variant wasm-simd)
  endif()
  if(ML5_THREADS)
    string(APPEND ml5_deps_variant -threads)
  endif()
else()
  set(ml5_deps_variant native)
endif()

# A new pin in versions.sh means a new prefix: re-configure when it changes.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             "${PROJECT_SOURCE_DIR}/scripts/versions.sh")
if(NOT ML5_DEPS_PREFIX)
  execute_process(
    COMMAND bash -c ". '${PROJECT_SOURCE_DIR}/scripts/versions.sh' && printf %s \"$ML5_DEPS_DIR\""
    OUTPUT_VARIABLE ml5_deps_dir COMMAND_ERROR_IS_FATAL ANY)
  set(ML5_DEPS_PREFIX "${ml5_deps_dir}/${ml5_deps_variant}")
endif()
if(NOT EXISTS "${ML5_DEPS_PREFIX}/.complete")
  message(FATAL_ERROR "XNNPACK for ${ml5_deps_variant} is not built at ${ML5_DEPS_PREFIX}.\n"
                      "Run: scripts/build-deps.sh ${ml5_deps_variant}  (npm run build does it)")
endif()
message(STATUS "XNNPACK (${ml5_deps_variant}): ${ML5_DEPS_PREFIX}")

add_library(ml5_xnnpack INTERFACE)
target_include_directories(ml5_xnnpack SYSTEM INTERFACE "${ML5_DEPS_PREFIX}/include")
target_link_libraries(ml5_xnnpack INTERFACE
  "${ML5_DEPS_PREFIX}/lib/libXNNPACK.a"
  "${ML5_DEPS_PREFIX}/lib/libmicrokernels-prod.a"
  "${ML5_DEPS_PREFIX}/lib/libpthreadpool.a")
if(NOT EMSCRIPTEN)
  # Trixie's libcpuinfo, unpacked privately by scripts/fetch-deps.sh (bookworm's is too old).
  get_filename_component(ml5_deps_dir "${ML5_DEPS_PREFIX}" DIRECTORY)
  set(ml5_cpuinfo_lib "${ml5_deps_dir}/src/cpuinfo/usr/lib/x86_64-linux-gnu")
  find_package(Threads REQUIRED)
  target_link_libraries(ml5_xnnpack INTERFACE "${ml5_cpuinfo_lib}/libcpuinfo.so.0"
                                              Threads::Threads m)
  set(CMAKE_BUILD_RPATH "${ml5_cpuinfo_lib}")
endif()
