// The tfjs Layers loader: model.json, then its weight shards (parts joined as fuzz_parts.h
// says), then the graph built from them and run once.
#include <cstdint>
#include <cstring>

#include "core/thread_pool.h"
#include "fuzz_limits.h"
#include "fuzz_parts.h"
#include "graph/layers_graph.h"
#include "tfjs/model_json.h"
#include "tfjs/weights.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string_view> parts =
      ml5::SplitFuzzParts({reinterpret_cast<const char*>(data), size});
  ml5::StatusOr<ml5::tfjs::ModelSpec> spec = ml5::tfjs::ParseModelJson(parts[0], "model.json");
  if (!spec.ok()) return 0;
  std::vector<std::string_view> shards(parts.begin() + 1, parts.end());
  ml5::StatusOr<ml5::WeightMap> weights =
      ml5::tfjs::DecodeWeights(*spec, shards, ml5::kFuzzMaxWeights);
  if (!weights.ok()) return 0;
  ml5::StatusOr<ml5::LayersGraph> graph = ml5::LayersGraph::Build(*spec, std::move(*weights));
  if (!graph.ok()) return 0;
  ml5::StatusOr<std::vector<ml5::TensorView>> inputs = graph->PrepareInputs(1);
  if (!inputs.ok()) return 0;
  for (const ml5::TensorView& input : *inputs) {
    std::memset(input.data(), 0, input.shape().elements() * sizeof(float));
  }
  static ml5::ThreadPool pool(1);
  (void)graph->Run(pool);
  return 0;
}
