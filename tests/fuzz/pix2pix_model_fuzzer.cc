// Model construction from a parsed .pict: every shape is wired into the U-Net, and a model
// that builds must also run.
#include <cstdint>
#include <cstdlib>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "fuzz_limits.h"
#include "models/pix2pix.h"
#include "pix2pix/pict.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ml5::StatusOr<ml5::PictFile> pict = ml5::PictFile::Parse(
      {reinterpret_cast<const char*>(data), size}, "fuzz.pict", ml5::kFuzzMaxWeights);
  if (!pict.ok()) return 0;
  static ml5::ThreadPool pool(1);
  ml5::StatusOr<ml5::Pix2Pix> model = ml5::Pix2Pix::Create(*pict, {}, "fuzz.pict", pool);
  if (!model.ok() || model->ngf() > 2) return 0;  // larger U-Nets only cost time here
  ml5::StatusOr<ml5::Tensor> input = ml5::Tensor::Create({1, 256, 256, 3});
  if (!input.ok()) std::abort();
  if (!model->Run(input->view(), pool).ok()) std::abort();  // a built model must run
  return 0;
}
