// A whole CVAE load from its files (manifest, model.json, shards; fuzz_parts.h), with the
// manifest's labels wired into the model's label input, then one generate().
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "core/thread_pool.h"
#include "fuzz_parts.h"
#include "models/cvae.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string_view> parts =
      ml5::SplitFuzzParts({reinterpret_cast<const char*>(data), size});
  if (parts.size() < 2) return 0;
  ml5::StatusOr<ml5::CvaeManifest> manifest = ml5::ParseCvaeManifest(parts[0], "manifest.json");
  if (!manifest.ok()) return 0;
  std::vector<std::string_view> shards(parts.begin() + 2, parts.end());
  ml5::StatusOr<ml5::Cvae> cvae =
      ml5::Cvae::Load(std::move(*manifest), parts[1], shards, "model.json");
  if (!cvae.ok()) return 0;
  std::vector<float> latent(cvae->latent_size(), 0.5f);
  std::vector<float> label(cvae->labels().size(), 0.0f);
  label[0] = 1;
  static ml5::ThreadPool pool(1);
  if (!cvae->Generate(latent.data(), label.data(), 1, pool).ok()) std::abort();
  return 0;
}
