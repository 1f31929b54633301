// clang-19 names `int main(int, char**)` __main_argc_argv, as newer Emscripten expects; the
// 3.1.6 runtime looks for `main` and, finding none, never runs the program (a threaded one then
// waits forever). This exports `main` and forwards to it. Linked into the relaxed-SIMD variant's
// command-line programs only (cmake/NodeExecutable.cmake).
int __main_argc_argv(int argc, char** argv);
int ml5_main_for_emscripten_3_1_6(int argc, char** argv) __asm__("main");
int ml5_main_for_emscripten_3_1_6(int argc, char** argv) { return __main_argc_argv(argc, argv); }
