// Concatenate: joins two or more inputs along the last axis.
#include <algorithm>

#include "graph/layers/layers.h"
#include "ops/concat.h"

namespace ml5::layers {
namespace {

class ConcatenateLayer : public KerasLayer {
 public:
  ConcatenateLayer(ConcatChannels op, Dims output_dims) : op_(std::move(op)) {
    output_dims_ = std::move(output_dims);
  }
  Status Run(const std::vector<TensorView>& in, const TensorView& out, ThreadPool& pool) override {
    return op_.Run(in, out, pool);
  }

 private:
  ConcatChannels op_;
};

}  // namespace

StatusOr<std::unique_ptr<KerasLayer>> BuildConcatenate(const LayerBuildContext& context) {
  const std::vector<Dims>& in = context.inputs();
  if (in.size() < 2) return context.Error("needs at least two inputs");
  ML5_ASSIGN_OR_RETURN(double axis, context.Number("axis", -1));
  const int64_t rank = in[0].size();
  if (axis != -1 && axis != rank) return context.Error("only the last axis can be concatenated");
  Dims out = in[0];
  out.back() = 0;
  for (const Dims& d : in) {
    if (d.size() != in[0].size() || !std::equal(d.begin(), d.end() - 1, in[0].begin())) {
      return context.Error("inputs " + DimsToString(in[0]) + " and " + DimsToString(d) +
                           " differ outside the last axis");
    }
    out.back() += d.back();
  }
  ML5_ASSIGN_OR_RETURN(ConcatChannels op, ConcatChannels::Create());
  return std::unique_ptr<KerasLayer>(new ConcatenateLayer(std::move(op), std::move(out)));
}

}  // namespace ml5::layers
