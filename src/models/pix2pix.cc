#include "models/pix2pix.h"

#include <tuple>

#include "core/dims.h"
#include "ops/copy_pixels.h"

namespace ml5 {
namespace {

constexpr size_t kEncoderWidth[Pix2Pix::kMaxLevels + 1] = {0, 1, 2, 4, 8, 8, 8, 8, 8};  // x ngf

// What the encoders after the first read (pix2pix's lrelu, alpha 0.2).
const Activation kLeakyRelu = Activation::LeakyRelu(0.2f);

std::string Scope(const char* part, int level) {
  return std::string("generator/") + part + "_" + std::to_string(level);
}

// Checks that the named weight exists with the shape this ngf needs.
Status CheckWeight(const WeightReader& weights, const std::string& name, const Dims& shape,
                   size_t ngf, const std::string& file) {
  const Dims* found = weights.Shape(name);
  if (!found) return Status::Error(file + ": entry '" + name + "' is missing");
  if (*found != shape) {
    return Status::Error(file + ": entry '" + name + "' has shape " + DimsToString(*found) +
                         ", expected " + DimsToString(shape) + " for ngf=" + std::to_string(ngf));
  }
  return Status();
}

// Which U-Net the file holds, from its metadata (pix2pix/pict.h): ml5's when it states none.
struct Network {
  bool pytorch = false;  // pytorch-CycleGAN-and-pix2pix's (see pix2pix.h)
  int levels = Pix2Pix::kMaxLevels;
  bool affine_norms = true;  // false: PyTorch's instance norm, without gamma and beta
};

StatusOr<Network> NetworkOf(const WeightReader& weights, const std::string& file) {
  Network network;
  const std::string name = weights.Attribute("network");
  if (name.empty()) return network;
  if (name != "pytorch-unet") {
    return Status::Error(file + ": the file holds network '" + name +
                         "', which this version of ml5-wasm does not run (it runs ml5's U-Net "
                         "and 'pytorch-unet')");
  }
  network.pytorch = true;
  const std::string levels = weights.Attribute("levels");
  if (levels.size() != 1 || levels[0] < '0' + Pix2Pix::kMinLevels ||
      levels[0] > '0' + Pix2Pix::kMaxLevels) {
    return Status::Error(file + ": metadata 'levels' must be " +
                         std::to_string(Pix2Pix::kMinLevels) + " to " +
                         std::to_string(Pix2Pix::kMaxLevels) + ", got '" + levels + "'");
  }
  network.levels = levels[0] - '0';
  const std::string norm = weights.Attribute("norm");
  if (norm != "batch" && norm != "instance") {
    return Status::Error(file + ": metadata 'norm' must be 'batch' or 'instance', got '" + norm +
                         "'");
  }
  network.affine_norms = norm == "batch";
  return network;
}

}  // namespace

StatusOr<Pix2Pix> Pix2Pix::Create(const WeightReader& weights, const Pix2PixOptions& options,
                                  const std::string& file, ThreadPool& pool) {
  ML5_ASSIGN_OR_RETURN(Pix2PixBuilder builder, Pix2PixBuilder::Plan(weights, options, file));
  return builder.Finish(pool);
}

StatusOr<Pix2PixBuilder> Pix2PixBuilder::Plan(const WeightReader& weights,
                                              const Pix2PixOptions& options,
                                              const std::string& file) {
  const Dims* first = weights.Shape("generator/encoder_1/conv2d/kernel");
  if (!first || first->size() != 4 || (*first)[3] <= 0) {
    return Status::Error(file +
                         ": no 'generator/encoder_1/conv2d/kernel' of shape [4, 4, 3, ngf]; "
                         "is this a pix2pix .pict file?");
  }
  ML5_ASSIGN_OR_RETURN(const Network network, NetworkOf(weights, file));
  Pix2PixBuilder builder;
  builder.weights_ = &weights;
  builder.options_ = options;
  builder.file_ = file;
  Pix2Pix& model = builder.model_;
  const size_t ngf = model.ngf_ = (*first)[3];
  if (ngf > 1024) return Status::Error(file + ": ngf=" + std::to_string(ngf) + " is too large");
  const int n = model.levels_count_ = network.levels;
  model.innermost_norm_ = !network.pytorch;
  for (int i = 1; i <= n; ++i) model.levels_[i].encoder_channels = kEncoderWidth[i] * ngf;
  for (int i = 2; i <= n; ++i) {
    model.levels_[i].decoder_channels = model.levels_[i - 1].encoder_channels;
  }
  model.levels_[1].decoder_channels = 3;

  // Every shape is checked here, before anything is decoded or packed. A job reads the entries
  // it `needs`; ml5's files must hold an encoder bias even where ml5 ignores it.
  auto require = [&](const std::string& name, const Dims& shape) {
    return CheckWeight(weights, name, shape, ngf, file);
  };
  auto use = [&](Job& job, const std::string& name, const Dims& shape) {
    job.needs.push_back(name);
    return require(name, shape);
  };
  // A bias: ml5's files have every one; a PyTorch model lacks those its convolutions did not have.
  auto bias = [&](Job& job, const std::string& name, int64_t channels, bool used) -> Status {
    if (network.pytorch && !weights.Shape(name)) return Status();
    if (!used) return require(name, {channels});
    job.bias = name;
    return use(job, name, {channels});
  };
  for (int i = 1; i <= n; ++i) {
    const Pix2Pix::Level& level = model.levels_[i];
    const std::string encoder = Scope("encoder", i), decoder = Scope("decoder", i);
    // Encoder i: 4x4 stride-2 convolution into its slice of decoder i's input.
    Job e;
    e.level = i;
    e.params.kernel_h = e.params.kernel_w = 4;
    e.params.stride_h = e.params.stride_w = 2;
    e.params.in_channels = i == 1 ? 3 : model.levels_[i - 1].encoder_channels;
    e.params.out_channels = level.encoder_channels;
    e.params.output_pixel_stride =
        i < n ? model.levels_[i + 1].decoder_channels + level.encoder_channels : 0;
    e.kernel = encoder + "/conv2d/kernel";
    const int64_t e_in = e.params.in_channels, e_out = e.params.out_channels;
    ML5_RETURN_IF_ERROR(use(e, e.kernel, {4, 4, e_in, e_out}));
    ML5_RETURN_IF_ERROR(
        bias(e, encoder + "/conv2d/bias", e_out, network.pytorch || options.encoder_bias));

    // Decoder i: 4x4 stride-2 transposed convolution of [d_{i+1} | e_i] (e_n alone).
    Job d;
    d.level = i;
    d.transposed = true;
    d.params.kernel_h = d.params.kernel_w = 4;
    d.params.stride_h = d.params.stride_w = 2;
    d.params.in_channels = i == n ? level.encoder_channels
                                  : model.levels_[i + 1].decoder_channels + level.encoder_channels;
    d.params.out_channels = level.decoder_channels;
    d.params.output_pixel_stride =
        i > 1 ? level.decoder_channels + model.levels_[i - 1].encoder_channels : 0;
    if (i == 1) d.params.activation = Activation::Tanh();
    d.kernel = decoder + "/conv2d_transpose/kernel";
    const int64_t d_in = d.params.in_channels, d_out = d.params.out_channels;
    ML5_RETURN_IF_ERROR(use(d, d.kernel, {4, 4, d_out, d_in}));
    ML5_RETURN_IF_ERROR(bias(d, decoder + "/conv2d_transpose/bias", d_out, true));

    // Norms after every convolution but the outermost ones, and, in PyTorch's U-Net, the
    // innermost encoder.
    const bool encoder_norm = i > 1 && (i < n || model.innermost_norm_);
    for (auto [job, scope, channels, normed] :
         {std::tuple{&e, encoder, e_out, encoder_norm}, {&d, decoder, d_out, i > 1}}) {
      if (!normed) continue;
      job->norm = scope + "/batch_normalization/";
      job->norm_affine = network.affine_norms;
      if (!job->norm_affine) continue;
      ML5_RETURN_IF_ERROR(use(*job, job->norm + "gamma", {channels}));
      ML5_RETURN_IF_ERROR(use(*job, job->norm + "beta", {channels}));
    }
    builder.jobs_.push_back(std::move(e));
    builder.jobs_.push_back(std::move(d));
  }
  return builder;
}

Status Pix2PixBuilder::Pack(Job& job) {
  Pix2Pix::Level& level = model_.levels_[job.level];
  std::vector<float> bias;
  if (!job.bias.empty()) {
    ML5_ASSIGN_OR_RETURN(bias, weights_->Read(job.bias));
  }
  if (!job.norm.empty()) {
    const size_t channels = job.params.out_channels;
    std::vector<float> gamma(channels, 1.0f), beta(channels, 0.0f);
    if (job.norm_affine) {
      ML5_ASSIGN_OR_RETURN(gamma, weights_->Read(job.norm + "gamma"));
      ML5_ASSIGN_OR_RETURN(beta, weights_->Read(job.norm + "beta"));
    }
    // Every normalized tensor reaches a decoder through relu (the U-Net's skip connections and
    // its up path): the norm applies it as it writes.
    ML5_ASSIGN_OR_RETURN(
        InstanceNorm norm,
        InstanceNorm::Create({channels, 1e-5f, Activation::Relu()}, gamma.data(), beta.data()));
    (job.transposed ? level.decoder_norm : level.encoder_norm).emplace(std::move(norm));
  }
  // Read undecoded where the file allows: the op decodes as it reorders the kernel.
  ML5_ASSIGN_OR_RETURN(WeightValues kernel, weights_->ReadUndecoded(job.kernel));
  std::vector<float> decoded;
  if (kernel.missing()) {
    ML5_ASSIGN_OR_RETURN(decoded, weights_->Read(job.kernel));
    kernel = decoded.data();
  }
  const float* bias_data = bias.empty() ? nullptr : bias.data();
  if (job.transposed) {
    StatusOr<Conv2DTranspose> op = Conv2DTranspose::Create(job.params, kernel, bias_data);
    if (op.ok()) level.decoder.emplace(std::move(*op));
    return op.status();
  }
  StatusOr<Conv2D> op = Conv2D::Create(job.params, kernel, bias_data);
  if (op.ok()) level.encoder.emplace(std::move(*op));
  return op.status();
}

Status Pix2PixBuilder::PackArrived(const std::function<bool(const std::string&)>& arrived,
                                   ThreadPool& pool) {
  std::vector<Job*> ready;
  for (Job& job : jobs_) {
    if (job.packed) continue;
    bool all = true;
    for (const std::string& name : job.needs) all = all && arrived(name);
    if (all) ready.push_back(&job);
  }
  std::vector<Status> status(ready.size());
  pool.ParallelFor(ready.size(), [&](size_t j) { status[j] = Pack(*ready[j]); });
  for (size_t j = 0; j < ready.size(); ++j) {
    ML5_RETURN_IF_ERROR(status[j]);
    ready[j]->packed = true;
  }
  return Status();
}

size_t Pix2PixBuilder::packed() const {
  size_t n = 0;
  for (const Job& job : jobs_) n += job.packed;
  return n;
}

StatusOr<Pix2Pix> Pix2PixBuilder::Finish(ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(PackArrived([](const std::string&) { return true; }, pool));
  ML5_ASSIGN_OR_RETURN(ChannelAffine deprocess,
                       ChannelAffine::Create({0.5f, 0.5f, 0.5f}, {0.5f, 0.5f, 0.5f}));
  model_.deprocess_.emplace(std::move(deprocess));
  return std::move(model_);
}

void Pix2Pix::ReleaseBuffers() {
  for (Level& level : levels_) {
    if (level.encoder) level.encoder->ReleaseBuffers();
    if (level.decoder) level.decoder->ReleaseBuffers();
  }
  for (Tensor& t : decoder_inputs_) t = Tensor();
  scratch_ = Tensor();
  output_ = Tensor();
  bottleneck_ = Tensor();
  height_ = width_ = 0;
  bottleneck_ready_ = false;
}

Status Pix2Pix::Allocate(size_t height, size_t width) {
  height_ = width_ = 0;
  bottleneck_ready_ = false;
  const int n = levels_count_;
  for (int i = 1; i <= n; ++i) {
    ML5_ASSIGN_OR_RETURN(DecoderInput(i),
                         Tensor::Create({1, height >> i, width >> i, DecoderInputChannels(i)}));
  }
  ML5_ASSIGN_OR_RETURN(scratch_, Tensor::Create({1, height / 2, width / 2, ngf_}));
  ML5_ASSIGN_OR_RETURN(output_, Tensor::Create({1, height, width, 3}));
  if (innermost_norm_) {
    ML5_ASSIGN_OR_RETURN(bottleneck_, Tensor::Create({1, height >> (n - 1), width >> (n - 1),
                                                      levels_[n].decoder_channels}));
  }
  height_ = height;
  width_ = width;
  return Status();
}

size_t Pix2Pix::DecoderInputChannels(int i) const {
  return i == levels_count_ ? levels_[i].encoder_channels
                            : levels_[i + 1].decoder_channels + levels_[i].encoder_channels;
}

uint64_t Pix2Pix::ActivationBytes(uint64_t height, uint64_t width) const {
  const int n = levels_count_;
  uint64_t floats = (height / 2) * (width / 2) * ngf_ + height * width * 3;
  if (innermost_norm_)
    floats += (height >> (n - 1)) * (width >> (n - 1)) * levels_[n].decoder_channels;
  uint64_t pointers = 0;
  for (int i = 1; i <= n; ++i) {
    const uint64_t encoded = (height >> i) * (width >> i);
    const uint64_t decoded = (height >> (i - 1)) * (width >> (i - 1));
    const Conv2DTranspose& decoder = *levels_[i].decoder;
    const uint64_t taps = decoder.params().kernel_h * decoder.params().kernel_w;
    floats += encoded * DecoderInputChannels(i);
    // XNNPACK's indirection buffers hold an input pointer per kernel tap and output pixel: 16
    // for an encoder. A decoder run by phases has taps / 4 per phase pixel (and stages its
    // output once more); one run by columns holds a band of its columns; XNNPACK's
    // deconvolution has all taps per output pixel.
    pointers += encoded * 16;
    switch (decoder.method()) {
      case Conv2DTransposeMethod::kPhases:
        floats += decoded * levels_[i].decoder_channels;
        pointers += decoded * taps / 4;
        break;
      case Conv2DTransposeMethod::kColumns:
        floats += decoder.ColumnFloats(height >> i, width >> i);
        break;
      default: pointers += decoded * taps;
    }
  }
  return floats * sizeof(float) + pointers * sizeof(void*);
}

TensorView Pix2Pix::EncoderOutput(int i) {
  if (i == levels_count_) return DecoderInput(i).view();
  return DecoderInput(i).view().Channels(levels_[i + 1].decoder_channels,
                                         levels_[i].encoder_channels);
}

TensorView Pix2Pix::DecoderOutput(int i) {
  if (i == 1) return output_.view();
  return DecoderInput(i - 1).view().Channels(0, levels_[i].decoder_channels);
}

StatusOr<TensorView> Pix2Pix::Run(const TensorView& input, ThreadPool& pool, Profile* profile) {
  const Shape& s = input.shape();
  const size_t unit = size_unit();
  if (s.n != 1 || s.c != 3 || !input.dense() || s.h == 0 || s.w == 0 || s.h % unit || s.w % unit) {
    return Status::Error(
        "pix2pix: the generator takes one dense RGB image whose sides are multiples of " +
        std::to_string(unit) + ", got " + s.ToString());
  }
  if (s.h != height_ || s.w != width_) {
    Status allocated = Allocate(s.h, s.w);
    if (!allocated.ok()) {
      ReleaseBuffers();  // a size that does not fit must not keep what it got
      return allocated;
    }
  }
  // With a 1x1 bottleneck, instance norm turns e_n into beta: d_n is the same for every input.
  const int n = levels_count_;
  const bool constant_bottleneck = innermost_norm_ && (s.h >> n) == 1 && (s.w >> n) == 1;
  const bool skip_bottleneck = constant_bottleneck && bottleneck_ready_;

  // Each tensor that a decoder reads is written as relu(x) by whoever makes it: the norms apply
  // it in the pass that writes them, and a level without a norm runs it in place.
  TensorView previous = input;
  for (int i = 1; i <= n; ++i) {
    if (i == n && skip_bottleneck) break;
    const TensorView out = EncoderOutput(i);
    {
      ProfileScope time(profile, "encoder conv", i,
                        ConvFlops(levels_[i].encoder->params(), out.shape(), false));
      ML5_RETURN_IF_ERROR(levels_[i].encoder->Run(previous, out, pool));
    }
    // The next encoder reads leaky_relu(e_i), the skip connection relu(e_i).
    const bool next_reads = i < n && !(i == n - 1 && skip_bottleneck);
    const TensorView next_input(scratch_.data(),
                                {1, s.h >> i, s.w >> i, levels_[i].encoder_channels});
    const ActivatedOutput leaky{next_input, kLeakyRelu};
    if (levels_[i].encoder_norm) {
      ProfileScope time(profile, "encoder instance_norm", i);
      ML5_RETURN_IF_ERROR(
          levels_[i].encoder_norm->Run(out, out, pool, next_reads ? &leaky : nullptr));
    } else {
      ProfileScope time(profile, "encoder relu", i);
      ML5_RETURN_IF_ERROR(
          Rectify(out, {out, Activation::Relu()}, next_reads ? &leaky : nullptr, pool));
    }
    if (next_reads) previous = next_input;
  }
  for (int i = n; i >= 1; --i) {
    const TensorView out = DecoderOutput(i);
    if (i == n && skip_bottleneck) {
      ProfileScope time(profile, "decoder 8 (cached)");
      ML5_RETURN_IF_ERROR(CopyPixels(bottleneck_.view(), out, pool));
      continue;
    }
    {
      ProfileScope time(profile, "decoder deconv", i,
                        ConvFlops(levels_[i].decoder->params(), out.shape(), true));
      ML5_RETURN_IF_ERROR(levels_[i].decoder->Run(DecoderInput(i).view(), out, pool));
    }
    if (levels_[i].decoder_norm) {
      ProfileScope time(profile, "decoder instance_norm", i);
      ML5_RETURN_IF_ERROR(levels_[i].decoder_norm->Run(out, out, pool));
    } else if (i > 1) {
      ProfileScope time(profile, "decoder relu", i);
      ML5_RETURN_IF_ERROR(Rectify(out, {out, Activation::Relu()}, nullptr, pool));
    }
    if (i == n && constant_bottleneck) {
      ML5_RETURN_IF_ERROR(CopyPixels(out, bottleneck_.view(), pool));
      bottleneck_ready_ = true;
    }
  }
  ProfileScope time(profile, "deprocess");
  ML5_RETURN_IF_ERROR(deprocess_->Run(output_.view(), output_.view(), pool));
  return output_.view();
}

}  // namespace ml5
