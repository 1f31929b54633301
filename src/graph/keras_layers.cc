#include "graph/keras_layers.h"

#include <cmath>

#include "ops/channel_affine.h"
#include "ops/concat.h"
#include "ops/conv2d.h"
#include "ops/conv2d_transpose.h"
#include "ops/fully_connected.h"
#include "ops/unary.h"
#include "ops/upsample_nearest.h"

namespace ml5 {

std::string DimsToString(const Dims& dims) {
  std::string text = "[";
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + "]";
}

StatusOr<Shape> DimsToShape(const Dims& d, size_t batch) {
  for (int64_t v : d) {
    if (v <= 0) return Status::Error("dimension " + DimsToString(d) + " must be positive");
  }
  if (d.size() == 1) return Shape{batch, 1, 1, static_cast<size_t>(d[0])};
  if (d.size() == 2) return Shape{batch, 1, static_cast<size_t>(d[0]), static_cast<size_t>(d[1])};
  if (d.size() == 3) {
    return Shape{batch, static_cast<size_t>(d[0]), static_cast<size_t>(d[1]),
                 static_cast<size_t>(d[2])};
  }
  return Status::Error("tensors of rank " + std::to_string(d.size() + 1) + " are not supported");
}

namespace {

// Reads a layer's config with messages that name the model file and the layer.
class LayerConfig {
 public:
  LayerConfig(const tfjs::LayerSpec& layer, const std::string& file)
      : layer_(layer), where_(file + ": layer '" + layer.name + "' (" + layer.class_name + ")") {}

  const std::string& where() const { return where_; }
  Status Error(const std::string& message) const { return Status::Error(where_ + ": " + message); }

  StatusOr<int64_t> Int(const char* key) const {
    ML5_ASSIGN_OR_RETURN(const Json* v, JsonField(layer_.config, key, where_));
    return JsonInt(*v, where_ + " " + key);
  }
  StatusOr<double> Number(const char* key, double fallback) const {
    const Json* v = JsonOptionalField(layer_.config, key);
    return v ? JsonNumber(*v, where_ + " " + key) : StatusOr<double>(fallback);
  }
  StatusOr<bool> Bool(const char* key, bool fallback) const {
    const Json* v = JsonOptionalField(layer_.config, key);
    return v ? JsonBool(*v, where_ + " " + key) : StatusOr<bool>(fallback);
  }
  StatusOr<std::string> String(const char* key, const std::string& fallback) const {
    const Json* v = JsonOptionalField(layer_.config, key);
    return v ? JsonString(*v, where_ + " " + key) : StatusOr<std::string>(fallback);
  }
  // An int or a list of two ints (kernel_size, strides, size).
  StatusOr<std::pair<size_t, size_t>> Pair(const char* key, int64_t fallback) const {
    const Json* v = JsonOptionalField(layer_.config, key);
    if (v == nullptr) return std::make_pair(size_t(fallback), size_t(fallback));
    Dims dims;
    if (v->is_array()) {
      ML5_ASSIGN_OR_RETURN(dims, JsonDims(*v, where_ + " " + key));
    } else {
      ML5_ASSIGN_OR_RETURN(int64_t one, JsonInt(*v, where_ + " " + key));
      dims = {one, one};
    }
    if (dims.size() != 2 || dims[0] <= 0 || dims[1] <= 0 || dims[0] > 4096 || dims[1] > 4096) {
      return Error(std::string(key) + " must be two positive integers");
    }
    return std::make_pair(size_t(dims[0]), size_t(dims[1]));
  }
  StatusOr<Activation> ActivationFor(const char* key) const {
    ML5_ASSIGN_OR_RETURN(std::string name, String(key, "linear"));
    if (name == "linear") return Activation::Linear();
    if (name == "relu") return Activation::Relu();
    if (name == "sigmoid") return Activation::Sigmoid();
    if (name == "tanh") return Activation::Tanh();
    return Error("activation '" + name + "' is not supported (linear, relu, sigmoid, tanh)");
  }
  // Channels-last only, the Keras and tfjs default.
  Status ChannelsLast() const {
    ML5_ASSIGN_OR_RETURN(std::string format, String("data_format", "channels_last"));
    if (format != "channels_last") return Error("data_format '" + format + "' is not supported");
    return Status();
  }

 private:
  const tfjs::LayerSpec& layer_;
  std::string where_;
};

// Takes "<layer>/<role>" (or ".../<layer>/<role>") out of the map, checking its shape.
StatusOr<std::vector<float>> TakeWeight(WeightMap& weights, const tfjs::LayerSpec& layer,
                                        const char* role, const Dims& expected,
                                        const LayerConfig& config) {
  const std::string suffix = layer.name + "/" + role;
  auto it = weights.find(suffix);
  if (it == weights.end()) {
    for (auto candidate = weights.begin(); candidate != weights.end(); ++candidate) {
      const std::string& name = candidate->first;
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          name[name.size() - suffix.size() - 1] == '/') {
        it = candidate;
        break;
      }
    }
  }
  if (it == weights.end()) return config.Error(std::string("weight '") + role + "' is missing");
  if (it->second.shape != expected) {
    return config.Error(std::string("weight '") + role + "' has shape " +
                        DimsToString(it->second.shape) + ", expected " + DimsToString(expected));
  }
  std::vector<float> values = std::move(it->second.values);
  weights.erase(it);
  return values;
}

Status ExpectInputs(const LayerConfig& config, const std::vector<Dims>& inputs, size_t count) {
  if (inputs.size() != count) {
    return config.Error("expected " + std::to_string(count) + " input(s), got " +
                        std::to_string(inputs.size()));
  }
  return Status();
}

// A layer that runs one op on its single input.
template <typename Op>
class SingleOpLayer : public KerasLayer {
 public:
  SingleOpLayer(Op op, Dims output_dims) : op_(std::move(op)) {
    output_dims_ = std::move(output_dims);
  }
  Status Run(const std::vector<TensorView>& in, const TensorView& out, ThreadPool& pool) override {
    return op_.Run(in[0], out, pool);
  }

 private:
  Op op_;
};

template <typename Op>
StatusOr<std::unique_ptr<KerasLayer>> SingleOp(Op op, Dims output_dims) {
  return std::unique_ptr<KerasLayer>(new SingleOpLayer<Op>(std::move(op), std::move(output_dims)));
}

StatusOr<std::unique_ptr<KerasLayer>> BuildDense(const tfjs::LayerSpec& layer,
                                                 const std::vector<Dims>& in, WeightMap& weights,
                                                 const LayerConfig& config) {
  ML5_RETURN_IF_ERROR(ExpectInputs(config, in, 1));
  ML5_ASSIGN_OR_RETURN(int64_t units, config.Int("units"));
  if (units <= 0) return config.Error("units must be positive");
  ML5_ASSIGN_OR_RETURN(bool use_bias, config.Bool("use_bias", true));
  FullyConnectedParams p;
  ML5_ASSIGN_OR_RETURN(p.activation, config.ActivationFor("activation"));
  p.in_channels = in[0].back();
  p.out_channels = units;
  ML5_ASSIGN_OR_RETURN(std::vector<float> kernel,
                       TakeWeight(weights, layer, "kernel", {in[0].back(), units}, config));
  std::vector<float> bias;
  if (use_bias) {
    ML5_ASSIGN_OR_RETURN(bias, TakeWeight(weights, layer, "bias", {units}, config));
  }
  ML5_ASSIGN_OR_RETURN(FullyConnected op,
                       FullyConnected::Create(p, kernel.data(), use_bias ? bias.data() : nullptr));
  Dims out_dims = in[0];
  out_dims.back() = units;
  return SingleOp(std::move(op), std::move(out_dims));
}

// Conv2D and Conv2DTranspose: the same config, different kernel layouts and ops.
template <typename Op, bool kTranspose>
StatusOr<std::unique_ptr<KerasLayer>> BuildConv(const tfjs::LayerSpec& layer,
                                                const std::vector<Dims>& in, WeightMap& weights,
                                                const LayerConfig& config) {
  ML5_RETURN_IF_ERROR(ExpectInputs(config, in, 1));
  if (in[0].size() != 3) return config.Error("expects [height, width, channels] inputs");
  ML5_RETURN_IF_ERROR(config.ChannelsLast());
  ML5_ASSIGN_OR_RETURN(int64_t filters, config.Int("filters"));
  if (filters <= 0) return config.Error("filters must be positive");
  ML5_ASSIGN_OR_RETURN(auto kernel_size, config.Pair("kernel_size", 1));
  ML5_ASSIGN_OR_RETURN(auto strides, config.Pair("strides", 1));
  ML5_ASSIGN_OR_RETURN(auto dilation, config.Pair("dilation_rate", 1));
  if (dilation.first != 1 || dilation.second != 1) return config.Error("dilation is not supported");
  if (kTranspose && JsonOptionalField(layer.config, "output_padding") != nullptr) {
    return config.Error("output_padding is not supported");
  }
  ML5_ASSIGN_OR_RETURN(std::string padding, config.String("padding", "valid"));
  if (padding != "same" && padding != "valid") {
    return config.Error("padding '" + padding + "' is not supported (same, valid)");
  }
  ML5_ASSIGN_OR_RETURN(bool use_bias, config.Bool("use_bias", true));
  ConvParams p;
  p.kernel_h = kernel_size.first;
  p.kernel_w = kernel_size.second;
  p.stride_h = strides.first;
  p.stride_w = strides.second;
  p.in_channels = in[0][2];
  p.out_channels = filters;
  p.padding = padding == "same" ? Padding::kSame : Padding::kValid;
  ML5_ASSIGN_OR_RETURN(p.activation, config.ActivationFor("activation"));
  Dims kernel_dims = {int64_t(p.kernel_h), int64_t(p.kernel_w), kTranspose ? filters : in[0][2],
                      kTranspose ? in[0][2] : filters};
  ML5_ASSIGN_OR_RETURN(std::vector<float> kernel,
                       TakeWeight(weights, layer, "kernel", kernel_dims, config));
  std::vector<float> bias;
  if (use_bias) {
    ML5_ASSIGN_OR_RETURN(bias, TakeWeight(weights, layer, "bias", {filters}, config));
  }
  ML5_ASSIGN_OR_RETURN(Op op, Op::Create(p, kernel.data(), use_bias ? bias.data() : nullptr));
  ML5_ASSIGN_OR_RETURN(
      Shape out, op.OutputShape(Shape{1, size_t(in[0][0]), size_t(in[0][1]), size_t(in[0][2])}));
  return SingleOp(std::move(op), Dims{int64_t(out.h), int64_t(out.w), int64_t(out.c)});
}

class ConcatenateLayer : public KerasLayer {
 public:
  static StatusOr<std::unique_ptr<KerasLayer>> Build(const std::vector<Dims>& in,
                                                     const LayerConfig& config) {
    if (in.size() < 2) return config.Error("needs at least two inputs");
    ML5_ASSIGN_OR_RETURN(double axis, config.Number("axis", -1));
    const int64_t rank = in[0].size();
    if (axis != -1 && axis != rank) {
      return config.Error("only the last axis can be concatenated");
    }
    Dims out = in[0];
    out.back() = 0;
    for (const Dims& d : in) {
      if (d.size() != in[0].size() || !std::equal(d.begin(), d.end() - 1, in[0].begin())) {
        return config.Error("inputs " + DimsToString(in[0]) + " and " + DimsToString(d) +
                            " differ outside the last axis");
      }
      out.back() += d.back();
    }
    ML5_ASSIGN_OR_RETURN(ConcatChannels op, ConcatChannels::Create());
    auto result = std::unique_ptr<ConcatenateLayer>(new ConcatenateLayer(std::move(op)));
    result->output_dims_ = out;
    return std::unique_ptr<KerasLayer>(std::move(result));
  }
  Status Run(const std::vector<TensorView>& in, const TensorView& out, ThreadPool& pool) override {
    return op_.Run(in, out, pool);
  }

 private:
  explicit ConcatenateLayer(ConcatChannels op) : op_(std::move(op)) {}
  ConcatChannels op_;
};

// Reshape and Flatten: row-major memory is unchanged, only the dims change.
class ReshapeLayer : public KerasLayer {
 public:
  static StatusOr<std::unique_ptr<KerasLayer>> Build(const tfjs::LayerSpec& layer,
                                                     const std::vector<Dims>& in,
                                                     const LayerConfig& config) {
    ML5_RETURN_IF_ERROR(ExpectInputs(config, in, 1));
    int64_t total = 1;
    for (int64_t d : in[0]) total *= d;
    Dims out;
    if (layer.class_name == "Flatten") {
      out = {total};
    } else {
      ML5_ASSIGN_OR_RETURN(const Json* target,
                           JsonField(layer.config, "target_shape", config.where()));
      ML5_ASSIGN_OR_RETURN(out, JsonDims(*target, config.where() + " target_shape"));
      int64_t known = 1, unknown = -1;
      for (size_t i = 0; i < out.size(); ++i) {
        if (out[i] < 0) {
          if (unknown >= 0) return config.Error("target_shape has two unknown dimensions");
          unknown = i;
        } else if (out[i] == 0) {
          return config.Error("target_shape has a zero dimension");
        } else {
          known *= out[i];
        }
      }
      if (unknown >= 0 && known > 0 && total % known == 0) out[unknown] = total / known;
      int64_t product = 1;
      for (int64_t d : out) product *= d;
      if (product != total) {
        return config.Error("cannot reshape " + DimsToString(in[0]) + " to " + DimsToString(out));
      }
    }
    auto result = std::unique_ptr<ReshapeLayer>(new ReshapeLayer());
    result->output_dims_ = out;
    return std::unique_ptr<KerasLayer>(std::move(result));
  }
  bool aliases_input() const override { return true; }
  Status Run(const std::vector<TensorView>&, const TensorView&, ThreadPool&) override {
    return Status();
  }
};

StatusOr<std::unique_ptr<KerasLayer>> BuildUpSampling(const std::vector<Dims>& in,
                                                      const LayerConfig& config) {
  ML5_RETURN_IF_ERROR(ExpectInputs(config, in, 1));
  if (in[0].size() != 3) return config.Error("expects [height, width, channels] inputs");
  ML5_RETURN_IF_ERROR(config.ChannelsLast());
  ML5_ASSIGN_OR_RETURN(std::string interpolation, config.String("interpolation", "nearest"));
  if (interpolation != "nearest") {
    return config.Error("interpolation '" + interpolation + "' is not supported (nearest)");
  }
  ML5_ASSIGN_OR_RETURN(auto size, config.Pair("size", 2));
  ML5_ASSIGN_OR_RETURN(UpsampleNearest op, UpsampleNearest::Create({size.first, size.second}));
  return SingleOp(std::move(op),
                  Dims{in[0][0] * int64_t(size.first), in[0][1] * int64_t(size.second), in[0][2]});
}

StatusOr<std::unique_ptr<KerasLayer>> BuildBatchNorm(const tfjs::LayerSpec& layer,
                                                     const std::vector<Dims>& in,
                                                     WeightMap& weights,
                                                     const LayerConfig& config) {
  ML5_RETURN_IF_ERROR(ExpectInputs(config, in, 1));
  ML5_ASSIGN_OR_RETURN(double axis, config.Number("axis", -1));
  if (axis != -1 && axis != static_cast<double>(in[0].size())) {
    return config.Error("only the last axis can be normalized");
  }
  ML5_ASSIGN_OR_RETURN(double epsilon, config.Number("epsilon", 1e-3));
  ML5_ASSIGN_OR_RETURN(bool center, config.Bool("center", true));
  ML5_ASSIGN_OR_RETURN(bool scale, config.Bool("scale", true));
  const int64_t c = in[0].back();
  std::vector<float> gamma(c, 1.0f), beta(c, 0.0f);
  if (scale) {
    ML5_ASSIGN_OR_RETURN(gamma, TakeWeight(weights, layer, "gamma", {c}, config));
  }
  if (center) {
    ML5_ASSIGN_OR_RETURN(beta, TakeWeight(weights, layer, "beta", {c}, config));
  }
  ML5_ASSIGN_OR_RETURN(std::vector<float> mean,
                       TakeWeight(weights, layer, "moving_mean", {c}, config));
  ML5_ASSIGN_OR_RETURN(std::vector<float> var,
                       TakeWeight(weights, layer, "moving_variance", {c}, config));
  // y = (x - mean) / sqrt(var + eps) * gamma + beta = x * s + (beta - mean * s)
  std::vector<float> s(c), shift(c);
  for (int64_t i = 0; i < c; ++i) {
    if (var[i] + epsilon <= 0) return config.Error("moving_variance + epsilon must be positive");
    double si = gamma[i] / std::sqrt(double(var[i]) + epsilon);
    s[i] = static_cast<float>(si);
    shift[i] = static_cast<float>(beta[i] - mean[i] * si);
  }
  ML5_ASSIGN_OR_RETURN(ChannelAffine op, ChannelAffine::Create(std::move(s), std::move(shift)));
  return SingleOp(std::move(op), in[0]);
}

// Activation and LeakyReLU layers.
StatusOr<std::unique_ptr<KerasLayer>> BuildActivation(const tfjs::LayerSpec& layer,
                                                      const std::vector<Dims>& in,
                                                      const LayerConfig& config) {
  ML5_RETURN_IF_ERROR(ExpectInputs(config, in, 1));
  Activation activation;
  if (layer.class_name == "LeakyReLU") {
    ML5_ASSIGN_OR_RETURN(double alpha, config.Number("alpha", 0.3));
    if (JsonOptionalField(layer.config, "negative_slope")) {  // Keras 3 spelling
      ML5_ASSIGN_OR_RETURN(alpha, config.Number("negative_slope", 0.3));
    }
    activation = Activation::LeakyRelu(static_cast<float>(alpha));
  } else {
    ML5_ASSIGN_OR_RETURN(activation, config.ActivationFor("activation"));
  }
  ML5_ASSIGN_OR_RETURN(Unary op, Unary::Create(activation));
  return SingleOp(std::move(op), in[0]);
}

}  // namespace

StatusOr<Dims> InputLayerDims(const tfjs::LayerSpec& layer, const std::string& file) {
  LayerConfig config(layer, file);
  const Json* shape = JsonOptionalField(layer.config, "batch_input_shape");
  if (shape == nullptr) shape = JsonOptionalField(layer.config, "batch_shape");
  if (shape == nullptr) return config.Error("has no batch_input_shape");
  ML5_ASSIGN_OR_RETURN(Dims dims, JsonDims(*shape, config.where() + " batch_input_shape"));
  if (dims.size() < 2) return config.Error("batch_input_shape needs a batch and a feature axis");
  dims.erase(dims.begin());
  for (int64_t d : dims) {
    if (d <= 0)
      return config.Error("input dimensions must be known and positive, got " + DimsToString(dims));
  }
  ML5_RETURN_IF_ERROR(DimsToShape(dims, 1).status());
  return dims;
}

StatusOr<std::unique_ptr<KerasLayer>> BuildKerasLayer(const tfjs::LayerSpec& layer,
                                                      const std::vector<Dims>& in,
                                                      WeightMap& weights, const std::string& file) {
  LayerConfig config(layer, file);
  const std::string& kind = layer.class_name;
  if (kind == "Dense") return BuildDense(layer, in, weights, config);
  if (kind == "Conv2D") return BuildConv<Conv2D, false>(layer, in, weights, config);
  if (kind == "Conv2DTranspose") {
    return BuildConv<Conv2DTranspose, true>(layer, in, weights, config);
  }
  if (kind == "Concatenate") return ConcatenateLayer::Build(in, config);
  if (kind == "Reshape" || kind == "Flatten") return ReshapeLayer::Build(layer, in, config);
  if (kind == "UpSampling2D") return BuildUpSampling(in, config);
  if (kind == "BatchNormalization") return BuildBatchNorm(layer, in, weights, config);
  if (kind == "Activation" || kind == "LeakyReLU") return BuildActivation(layer, in, config);
  return Status::Error(file + ": layer '" + layer.name + "' has class " + kind +
                       ", which is not supported (supported: InputLayer, Concatenate, Dense, "
                       "Reshape, Flatten, Conv2D, Conv2DTranspose, UpSampling2D, "
                       "BatchNormalization, Activation, LeakyReLU)");
}

}  // namespace ml5
