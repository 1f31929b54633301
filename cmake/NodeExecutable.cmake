# Link options for a wasm program that runs under Node from the command line (tests, benches).
# Synchronous compilation reads the .wasm from disk: the 3.1.6 glue's async path would fetch() a
# file path, which Node 18+ rejects. NODERAWFS gives the program the real file system.
function(ml5_node_executable target)
  if(NOT EMSCRIPTEN)
    return()
  endif()
  target_link_options(${target} PRIVATE -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
                      -sWASM_ASYNC_COMPILATION=0 -sNODERAWFS=1 -sENVIRONMENT=node
                      -Wno-pthreads-mem-growth)
  if(ML5_THREADS)
    # Threads must be started before main() blocks on them (spec: toolchain.md).
    target_link_options(${target} PRIVATE -sPTHREAD_POOL_SIZE=2)
  endif()
  if(ML5_RELAXED_SIMD)
    target_sources(${target} PRIVATE "${PROJECT_SOURCE_DIR}/cmake/main_for_emscripten_3_1_6.c")
  endif()
endfunction()
