// Stands in for XNNPACK's microkernel sources when the library of a twin variant is reused
// (third_party/CMakeLists.txt, ML5_SHARED_MICROKERNELS).
typedef int ml5_no_microkernels;
