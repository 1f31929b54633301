// A pix2pix generator given as a tfjs Layers model (model.json + weights), e.g. the TensorFlow
// pix2pix tutorial's Keras U-Net exported with tensorflowjs: one RGB input of a fixed size in
// [-1, 1], a tanh RGB output of the same size, mapped to [0, 1] as ml5 does. Batch norm runs on
// each image's statistics by default (the tutorial's training=True and ml5's math), or on the
// moving ones (Keras inference).
#pragma once

#include <optional>

#include "graph/layers_graph.h"
#include "models/image_generator.h"
#include "ops/channel_affine.h"

namespace ml5 {

class LayersImageGenerator : public ImageGenerator {
 public:
  // Checks that the graph maps one [H, W, 3] input to an [H, W, 3] output. `file` names the model.
  static StatusOr<LayersImageGenerator> Create(LayersGraph graph, const std::string& file);

  size_t ngf() const override;
  size_t size_unit() const override;
  size_t fixed_width() const override { return width_; }
  size_t fixed_height() const override { return height_; }
  StatusOr<TensorView> Run(const TensorView& input, ThreadPool& pool,
                           Profile* profile = nullptr) override;
  uint64_t ActivationBytes(uint64_t height, uint64_t width) const override;
  void ReleaseBuffers() override;

 private:
  LayersImageGenerator(LayersGraph graph, ChannelAffine deprocess, size_t width, size_t height)
      : graph_(std::move(graph)),
        deprocess_(std::move(deprocess)),
        width_(width),
        height_(height) {}

  LayersGraph graph_;
  ChannelAffine deprocess_;  // (x + 1) / 2
  size_t width_, height_;
  Tensor output_;
};

}  // namespace ml5
