# The relaxed-SIMD (FMA) variant: Debian's Emscripten 3.1.6 with bookworm's clang-19, because its
# own clang 14 emits the relaxed instructions' pre-standard opcodes, which browsers reject.
# - EM_LLVM_ROOT names a folder of links: clang, clang++ and wasm-ld from LLVM 19 (also under
#   the -14 names emcc looks for), the other LLVM tools from LLVM 14.
# - EMCC_READ_METADATA=python: emcc reads the module's metadata itself instead of running
#   binaryen 108's wasm-emscripten-finalize, which rejects the final opcodes. With -sWASM_BIGINT
#   and a -O1 link (ml5_relaxed_link_options) nothing else runs binaryen on the module; LLVM's
#   -O3 has optimized the code already.
# Both go to every compile and link through the launchers, so this must be included before the
# targets are made.
set(ml5_llvm19 /usr/lib/llvm-19/bin)
if(NOT EXISTS "${ml5_llvm19}/clang")
  message(FATAL_ERROR "the relaxed-SIMD variant needs clang-19 and lld-19 (scripts/setup.sh installs them)")
endif()
set(ml5_em_llvm_root "${CMAKE_BINARY_DIR}/llvm19-for-emscripten")
file(MAKE_DIRECTORY "${ml5_em_llvm_root}")
foreach(tool clang clang++ wasm-ld)
  foreach(name ${tool} ${tool}-14)
    file(CREATE_LINK "${ml5_llvm19}/${tool}" "${ml5_em_llvm_root}/${name}" SYMBOLIC)
  endforeach()
endforeach()
foreach(tool llvm-ar llvm-nm llvm-ranlib llvm-objcopy llvm-dwarfdump)
  foreach(name ${tool} ${tool}-14)
    file(CREATE_LINK "/usr/lib/llvm-14/bin/${tool}" "${ml5_em_llvm_root}/${name}" SYMBOLIC)
  endforeach()
endforeach()
set(ml5_relaxed_launcher "${CMAKE_COMMAND}" -E env "EM_LLVM_ROOT=${ml5_em_llvm_root}"
    EMCC_READ_METADATA=python)
foreach(lang C CXX)
  set(CMAKE_${lang}_COMPILER_LAUNCHER ${ml5_relaxed_launcher})
  set(CMAKE_${lang}_LINKER_LAUNCHER ${ml5_relaxed_launcher})
endforeach()
set(ml5_relaxed_link_options -O1 -sWASM_BIGINT=1)
