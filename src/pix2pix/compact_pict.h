// Writes the compact .pict (docs/formats.md 3.7): each kernel's weights as codes of fewer bits
// into a table of its own, so that the file is smaller to download. A .pict already holds one
// byte per weight; at 6 bits a kernel takes three quarters of that.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "pix2pix/pict.h"

namespace ml5 {

struct CompactPictOptions {
  // Bits per weight of the 4-D kernels, which hold nearly all the weights; their values are
  // clustered into 2^kernel_bits levels. Every other entry keeps its values exactly.
  int kernel_bits = 6;
  // Kernels holding less than this fraction of the model's weights keep their values exactly:
  // the outermost layers, which hold few weights but set the output's colours. For the default
  // model on a photo, 0 gave 36.1 dB PSNR and 0.01 42.5 dB, for 1.2% more bytes
  // (ml5_codebook_fidelity).
  double exact_below_fraction = 0.01;
};

// The entries of `pict` (a .pict or a compact .pict), metadata included, as a compact .pict;
// batch norm's moving statistics, which ml5's network never reads, are left out. Each entry is
// stored as codes into a table or, where that would take more bytes, as float32 values.
StatusOr<std::string> WriteCompactPict(const PictFile& pict, const CompactPictOptions& options);

// The `levels` values that 1-D k-means (Lloyd's, on the histogram of `values`) settles on,
// ascending; the distinct values themselves where there are no more than `levels`.
std::vector<float> KMeansLevels(const std::vector<float>& values, size_t levels);

// Index of the level nearest to v in an ascending, non-empty table (the lower on ties).
size_t NearestLevel(const std::vector<float>& table, float v);

}  // namespace ml5
