// pix2pix-tensorflow's U-Net generator as ml5 computes it (docs/formats.md 3.4): eight 4x4 stride-2
// encoders (leaky relu 0.2, instance norm), eight decoders (relu, transposed conv, instance norm)
// with skip concatenations [decoder, encoder], tanh, then (x + 1) / 2.
//
// A .pict converted from pytorch-CycleGAN-and-pix2pix (metadata network "pytorch-unet") holds that
// repository's U-Net instead, which differs in three ways: `levels` of 5 to 8 (unet_128 has 7),
// every encoder adds its bias, and the innermost encoder has no norm. Its norms are batch norm
// (gamma, beta) or instance norm without either ("norm": "batch" | "instance"), and a bias it
// lacks is zero. The converter reorders the skip channels into ml5's [decoder, encoder] order.
//
// Concatenations cost nothing: every encoder writes into its slice of the buffer its decoder
// reads, and every decoder into the next one's. At 256x256 the bottleneck is 1x1, so instance
// norm makes encoder 8 a constant and decoder 8's output is computed once (docs/formats.md 3.5-3).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/profile.h"
#include "core/tensor.h"
#include "core/thread_pool.h"
#include "io/weight_map.h"
#include "models/image_generator.h"
#include "ops/channel_affine.h"
#include "ops/conv2d.h"
#include "ops/conv2d_transpose.h"
#include "ops/instance_norm.h"
#include "ops/rectify.h"

namespace ml5 {

struct Pix2PixOptions {
  // ml5 drops the encoders' conv bias (docs/formats.md 3.5-1); true gives pix2pix-tensorflow's
  // math.
  bool encoder_bias = false;
};

class Pix2Pix : public ImageGenerator {
 public:
  static constexpr int kMaxLevels = 8;
  static constexpr int kMinLevels = 5;

  // `weights` from a PictFile; every shape is checked against the U-Net for the file's ngf.
  // The weights are packed for XNNPACK on `pool`'s threads (Pix2PixBuilder::Plan + Finish).
  static StatusOr<Pix2Pix> Create(const WeightReader& weights, const Pix2PixOptions& options,
                                  const std::string& file, ThreadPool& pool);

  size_t ngf() const override { return ngf_; }
  // The encoder-decoder levels: 8 for ml5's models, 7 for a converted unet_128.
  int levels() const { return levels_count_; }
  // Input sides must be multiples of this: 2^levels (256 for ml5's models).
  size_t size_unit() const override { return size_t{1} << levels_count_; }
  // `input` is [1, H, W, 3] in [-1, 1] (ml5's preprocess), H and W multiples of size_unit().
  // Returns the image in [0, 1], valid until the next call. `profile`, when given, gets the time of
  // every stage (benchmarks).
  StatusOr<TensorView> Run(const TensorView& input, ThreadPool& pool,
                           Profile* profile = nullptr) override;
  // Frees the activation buffers (Run() allocates them again for the size it gets).
  void ReleaseBuffers() override;
  // About the bytes of the buffers Run() makes for a height x width input, the transposed
  // convolutions' phase buffers included: to check before they are made.
  // 64-bit, so that sizes past wasm's 4 GB address space still compare as too large.
  uint64_t ActivationBytes(uint64_t height, uint64_t width) const override;

 private:
  struct Level {  // encoder i and decoder i, i = 1..8
    std::optional<Conv2D> encoder;
    std::optional<Conv2DTranspose> decoder;
    std::optional<InstanceNorm> encoder_norm;  // levels 2..8 (ml5), 2..levels-1 (PyTorch)
    std::optional<InstanceNorm> decoder_norm;  // levels 2..levels
    size_t encoder_channels = 0;               // e_i
    size_t decoder_channels = 0;               // d_i
  };

  friend class Pix2PixBuilder;
  Pix2Pix() = default;
  Status Allocate(size_t height, size_t width);
  // Channels of the buffer decoder i reads: d_{i+1} + e_i, or e_n for the innermost i = n.
  size_t DecoderInputChannels(int i) const;
  // The buffer decoder i reads: [d_{i+1} | e_i] for i < n, e_n for i = n.
  Tensor& DecoderInput(int i) { return decoder_inputs_[i - 1]; }
  TensorView EncoderOutput(int i);
  TensorView DecoderOutput(int i);

  size_t ngf_ = 0;
  int levels_count_ = kMaxLevels;
  Level levels_[kMaxLevels + 1];  // 1-based
  std::optional<ChannelAffine> deprocess_;

  size_t height_ = 0, width_ = 0;
  Tensor decoder_inputs_[kMaxLevels];
  Tensor scratch_;  // leaky relu of an encoder output, the next encoder's input
  Tensor output_;
  // Whether instance norm follows the innermost encoder (ml5): then a 1x1 bottleneck makes e_n
  // and d_n constant, and d_n is kept in bottleneck_.
  bool innermost_norm_ = true;
  Tensor bottleneck_;
  bool bottleneck_ready_ = false;
};

// Builds a Pix2Pix from weights that may still be arriving (a .pict streaming in): Plan() checks
// every shape, PackArrived() packs the convolutions (with their norms) whose weights are all in,
// Finish() packs the rest and returns the model. Each convolution decodes its kernel just before
// packing it, so the float kernels never all exist at once. `weights` must outlive the builder.
class Pix2PixBuilder {
 public:
  static StatusOr<Pix2PixBuilder> Plan(const WeightReader& weights, const Pix2PixOptions& options,
                                       const std::string& file);

  // arrived(name): whether the entry's values can be read now. Ready convolutions are packed
  // in parallel on `pool`.
  Status PackArrived(const std::function<bool(const std::string&)>& arrived, ThreadPool& pool);
  StatusOr<Pix2Pix> Finish(ThreadPool& pool);
  // How many of the 16 convolutions are packed.
  size_t packed() const;

 private:
  // The encoder or decoder convolution of one level, and the instance norm after it.
  struct Job {
    int level = 0;
    bool transposed = false;
    ConvParams params;
    std::string kernel, bias;        // entry names; bias empty: none (zero)
    std::string norm;                // the norm's scope; empty: none (level 1)
    bool norm_affine = true;         // false: instance norm without gamma and beta
    std::vector<std::string> needs;  // every entry the job reads
    bool packed = false;
  };
  Pix2PixBuilder() = default;
  Status Pack(Job& job);

  const WeightReader* weights_ = nullptr;
  Pix2PixOptions options_;
  std::string file_;
  Pix2Pix model_;
  std::vector<Job> jobs_;
};

}  // namespace ml5
