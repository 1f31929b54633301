// Model construction from a parsed .pict: every shape is wired into the U-Net, and a model
// that builds must also run. The same bytes streamed in chunks (Pix2PixStreamLoad, as a download
// fills wasm memory) must give the same verdict, with the same message.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "fuzz_limits.h"
#include "models/pix2pix.h"
#include "models/pix2pix_stream_load.h"
#include "pix2pix/pict.h"

namespace {

ml5::Status WholeFile(std::string_view bytes, ml5::ThreadPool& pool,
                      ml5::StatusOr<ml5::Pix2Pix>* model) {
  ml5::StatusOr<ml5::PictFile> pict =
      ml5::PictFile::Parse(bytes, "fuzz.pict", ml5::kFuzzMaxWeights);
  if (!pict.ok()) return pict.status();
  *model = ml5::Pix2Pix::Create(*pict, {}, "fuzz.pict", pool);
  return model->status();
}

// Chunks of a size the input picks (its last byte), into a buffer whose tail is garbage.
ml5::Status Streamed(std::string_view bytes, ml5::ThreadPool& pool) {
  std::string buffer(bytes.size(), '\xee');
  ml5::Pix2PixStreamLoad load(buffer, "fuzz.pict", {}, ml5::kFuzzMaxWeights);
  const size_t chunk = bytes.empty() ? 1 : 1 + size_t(uint8_t(bytes.back())) * 37;
  for (size_t at = 0; at < bytes.size();) {
    const size_t n = std::min(chunk, bytes.size() - at);
    std::memcpy(&buffer[at], bytes.data() + at, n);
    at += n;
    ml5::Status status = load.Arrived(at, pool);
    if (!status.ok()) return status;
  }
  return load.Finish(pool).status();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static ml5::ThreadPool pool(1);
  ml5::StatusOr<ml5::Pix2Pix> model = ml5::Status::Error("not parsed");
  const ml5::Status whole = WholeFile(bytes, pool, &model);
  const ml5::Status streamed = Streamed(bytes, pool);
  if (whole.ok() != streamed.ok() || whole.message() != streamed.message()) std::abort();
  if (!model.ok() || model->ngf() > 2) return 0;  // larger U-Nets only cost time here
  ml5::StatusOr<ml5::Tensor> input = ml5::Tensor::Create({1, 256, 256, 3});
  if (!input.ok()) std::abort();
  if (!model->Run(input->view(), pool).ok()) std::abort();  // a built model must run
  return 0;
}
