#include "models/layers_generator.h"

#include <cstring>
#include <numeric>

namespace ml5 {

StatusOr<LayersImageGenerator> LayersImageGenerator::Create(LayersGraph graph,
                                                            const std::string& file) {
  const std::string what = file +
                           ": a pix2pix model needs one [height, width, 3] input and an "
                           "output of the same shape";
  if (graph.input_count() != 1) {
    return Status::Error(what + ", got " + std::to_string(graph.input_count()) + " inputs");
  }
  const Dims& in = graph.input_dims(0);
  if (in.size() != 3 || in[2] != 3 || graph.output_dims() != in) {
    return Status::Error(what + ", got " + DimsToString(in) + " -> " +
                         DimsToString(graph.output_dims()));
  }
  ML5_ASSIGN_OR_RETURN(ChannelAffine deprocess,
                       ChannelAffine::Create({0.5f, 0.5f, 0.5f}, {0.5f, 0.5f, 0.5f}));
  return LayersImageGenerator(std::move(graph), std::move(deprocess), size_t(in[1]), size_t(in[0]));
}

size_t LayersImageGenerator::ngf() const {
  const Dims& first = graph_.first_layer_dims();
  return first.empty() ? 0 : size_t(first.back());
}

size_t LayersImageGenerator::size_unit() const { return std::gcd(width_, height_); }

StatusOr<TensorView> LayersImageGenerator::Run(const TensorView& input, ThreadPool& pool,
                                               Profile* profile) {
  const Shape& s = input.shape();
  if (s.n != 1 || s.c != 3 || s.h != height_ || s.w != width_ || !input.dense()) {
    return Status::Error("pix2pix: this model takes one " + std::to_string(width_) + "x" +
                         std::to_string(height_) + " RGB image, got " + s.ToString());
  }
  ML5_ASSIGN_OR_RETURN(std::vector<TensorView> inputs, graph_.PrepareInputs(1));
  std::memcpy(inputs[0].data(), input.data(), s.elements() * sizeof(float));
  TensorView out;
  {
    ProfileScope time(profile, "layers");
    ML5_ASSIGN_OR_RETURN(out, graph_.Run(pool));
  }
  if (output_.shape() != out.shape()) {
    ML5_ASSIGN_OR_RETURN(output_, Tensor::Create(out.shape()));
  }
  ProfileScope time(profile, "deprocess");
  ML5_RETURN_IF_ERROR(deprocess_.Run(out, output_.view(), pool));
  return output_.view();
}

uint64_t LayersImageGenerator::ActivationBytes(uint64_t height, uint64_t width) const {
  return graph_.BufferBytes(1) + height * width * 3 * sizeof(float);
}

void LayersImageGenerator::ReleaseBuffers() {
  graph_.ReleaseBuffers();
  output_ = Tensor();
}

}  // namespace ml5
