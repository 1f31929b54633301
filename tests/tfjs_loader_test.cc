// The tfjs Layers loader on small models made here: both model.json formats, several shards,
// quantized weights, every supported layer class, and the errors for files that lie.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "fuzz/fuzz_parts.h"
#include "graph/layers_graph.h"
#include "io/json.h"
#include "tfjs/model_json.h"
#include "tfjs/weights.h"

namespace ml5 {
namespace {

Json Layer(const std::string& name, const std::string& cls, Json config,
           const std::vector<std::string>& inbound) {
  config["name"] = name;
  Json node = Json::array();
  for (const std::string& from : inbound) node.push_back(Json::array({from, 0, 0, Json::object()}));
  Json nodes = inbound.empty() ? Json::array() : Json::array({node});
  return {{"name", name}, {"class_name", cls}, {"config", config}, {"inbound_nodes", nodes}};
}

Json Input(const std::string& name, std::vector<int> dims) {
  Json shape = Json::array({nullptr});
  for (int d : dims) shape.push_back(d);
  return Layer(name, "InputLayer", {{"batch_input_shape", shape}, {"dtype", "float32"}}, {});
}

Json Ends(const std::vector<std::string>& names) {
  Json list = Json::array();
  for (const std::string& n : names) list.push_back(Json::array({n, 0, 0}));
  return list;
}

// Keras 2 converter layout when `old_format`, else tfjs' "layers-model".
std::string ModelJson(bool old_format, Json layers, const std::vector<std::string>& inputs,
                      const std::vector<std::string>& outputs, Json manifest) {
  Json model = {{"class_name", old_format ? "Model" : "Functional"},
                {"config",
                 {{"name", "m"},
                  {"layers", layers},
                  {"input_layers", Ends(inputs)},
                  {"output_layers", Ends(outputs)}}}};
  Json root;
  if (old_format) {
    root["modelTopology"] = {{"keras_version", "2.2.2"}, {"model_config", model}};
  } else {
    root["format"] = "layers-model";
    root["modelTopology"] = model;
  }
  root["weightsManifest"] = manifest;
  return root.dump();
}

Json Weight(const std::string& name, std::vector<int> shape) {
  return {{"name", name}, {"shape", shape}, {"dtype", "float32"}};
}

std::string Floats(const std::vector<float>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * 4);
}

StatusOr<LayersGraph> Load(const std::string& model_json, const std::vector<std::string>& shards) {
  ML5_ASSIGN_OR_RETURN(tfjs::ModelSpec spec, tfjs::ParseModelJson(model_json, "test/model.json"));
  std::vector<std::string_view> views(shards.begin(), shards.end());
  ML5_ASSIGN_OR_RETURN(WeightMap weights, tfjs::DecodeWeights(spec, views));
  ML5_ASSIGN_OR_RETURN(LayersGraph graph, LayersGraph::Build(spec, std::move(weights)));
  views.insert(views.begin(), model_json);
  SaveFuzzSeed("tfjs_model_fuzzer", views);
  return graph;
}

std::vector<float> RunGraph(LayersGraph& graph, const std::vector<std::vector<float>>& inputs) {
  ThreadPool pool(1);
  StatusOr<std::vector<TensorView>> views = graph.PrepareInputs(1);
  EXPECT_TRUE(views.ok()) << views.status().message();
  for (size_t i = 0; i < inputs.size(); ++i)
    std::memcpy((*views)[i].data(), inputs[i].data(), inputs[i].size() * 4);
  StatusOr<TensorView> out = graph.Run(pool);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return std::vector<float>(out->data(), out->data() + out->shape().elements());
}

// [a (2), b (1)] -> concat -> Dense(3): y = [a, b] K + bias.
Json ConcatDenseLayers() {
  return Json::array({Input("a", {2}), Input("b", {1}),
                      Layer("cat", "Concatenate", {{"axis", -1}}, {"a", "b"}),
                      Layer("dense", "Dense", {{"units", 3}, {"activation", "linear"}}, {"cat"})});
}
const std::vector<float> kKernel = {1, 2, 3, 4, 5, 6, 7, 8, 9};  // [3 in, 3 out]
const std::vector<float> kBias = {0.5f, -1, 0};
// [1, 2, 3] K + bias
const std::vector<float> kExpected = {1 + 8 + 21 + 0.5f, 2 + 10 + 24 - 1.0f, 3 + 12 + 27};

TEST(TfjsLoader, OldConverterFormatWithWeightsAcrossTwoShards) {
  Json manifest = Json::array(
      {{{"paths", {"s1", "s2"}},
        {"weights", Json::array({Weight("dense/kernel", {3, 3}), Weight("dense/bias", {3})})}}});
  std::string bytes = Floats(kKernel) + Floats(kBias);
  StatusOr<LayersGraph> graph =
      Load(ModelJson(true, ConcatDenseLayers(), {"a", "b"}, {"dense"}, manifest),
           {bytes.substr(0, 17), bytes.substr(17)});  // split inside a float
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  EXPECT_EQ(RunGraph(*graph, {{1, 2}, {3}}), kExpected);
}

TEST(TfjsLoader, LayersModelFormatWithQuantizedWeights) {
  for (const char* dtype : {"uint8", "uint16"}) {
    const double scale = 0.5, min = -1.0;
    // q = (v - min) / scale for every weight; all of kKernel and kBias are on that grid.
    std::string bytes;
    auto put = [&](float v) {
      uint32_t q = static_cast<uint32_t>(std::lround((v - min) / scale));
      bytes.push_back(char(q & 0xff));
      if (std::string(dtype) == "uint16") bytes.push_back(char(q >> 8));
    };
    for (float v : kKernel) put(v);
    for (float v : kBias) put(v);
    Json q = {{"dtype", dtype}, {"scale", scale}, {"min", min}};
    Json kernel = Weight("model/dense/kernel", {3, 3}), bias = Weight("model/dense/bias", {3});
    kernel["quantization"] = q;
    bias["quantization"] = q;
    Json manifest = Json::array({{{"paths", {"w.bin"}}, {"weights", {kernel, bias}}}});
    StatusOr<LayersGraph> graph =
        Load(ModelJson(false, ConcatDenseLayers(), {"a", "b"}, {"dense"}, manifest), {bytes});
    ASSERT_TRUE(graph.ok()) << dtype << ": " << graph.status().message();
    EXPECT_EQ(RunGraph(*graph, {{1, 2}, {3}}), kExpected) << dtype;
  }
}

// tfjs-converter --quantize_float16: IEEE half floats, no scale or min. Every value of kKernel
// and kBias is a half exactly; a subnormal, -0, a large value and infinity check the decoder.
TEST(TfjsLoader, Float16Weights) {
  auto half = [](uint16_t bits) { return std::string{char(bits & 0xff), char(bits >> 8)}; };
  // 1..9 as halves: sign 0, exponent 15 + floor(log2 v), mantissa.
  const uint16_t kernel[9] = {0x3c00, 0x4000, 0x4200, 0x4400, 0x4500,
                              0x4600, 0x4700, 0x4800, 0x4880};
  const uint16_t bias[3] = {0x3800, 0xbc00, 0x8000};  // 0.5, -1, -0
  std::string bytes;
  for (uint16_t h : kernel) bytes += half(h);
  for (uint16_t h : bias) bytes += half(h);
  Json q = {{"dtype", "float16"}};
  Json k = Weight("dense/kernel", {3, 3}), b = Weight("dense/bias", {3});
  k["quantization"] = q;
  b["quantization"] = q;
  Json manifest = Json::array({{{"paths", {"w.bin"}}, {"weights", {k, b}}}});
  StatusOr<LayersGraph> graph =
      Load(ModelJson(false, ConcatDenseLayers(), {"a", "b"}, {"dense"}, manifest), {bytes});
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  EXPECT_EQ(RunGraph(*graph, {{1, 2}, {3}}), kExpected);

  // The decoder's edge cases, through a one-weight Dense: y = x * w.
  for (auto [bits, expected] : std::vector<std::pair<uint16_t, float>>{
           {0x0001, 5.9604645e-8f},  // the smallest subnormal, 2^-24
           {0x03ff, 6.0975552e-5f},  // the largest subnormal
           {0x7bff, 65504.0f},       // the largest finite half
           {0xc000, -2.0f}}) {
    Json layers =
        Json::array({Input("x", {1}),
                     Layer("d", "Dense",
                           {{"units", 1}, {"activation", "linear"}, {"use_bias", false}}, {"x"})});
    Json w = Weight("d/kernel", {1, 1});
    w["quantization"] = q;
    Json one = Json::array({{{"paths", {"w.bin"}}, {"weights", {w}}}});
    StatusOr<LayersGraph> g = Load(ModelJson(false, layers, {"x"}, {"d"}, one), {half(bits)});
    ASSERT_TRUE(g.ok()) << g.status().message();
    EXPECT_EQ(RunGraph(*g, {{1}})[0], expected) << std::hex << bits;
  }
}

TEST(TfjsLoader, SequentialModelWithActivationsAndBatchNorm) {
  // Dense(2, relu) -> BatchNormalization -> LeakyReLU(0.1) -> Activation(tanh)
  Json dense = Layer("d", "Dense",
                     {{"units", 2},
                      {"activation", "relu"},
                      {"use_bias", false},
                      {"batch_input_shape", {nullptr, 2}}},
                     {});
  Json layers = Json::array({dense, Layer("bn", "BatchNormalization", {{"epsilon", 0.0}}, {}),
                             Layer("lrelu", "LeakyReLU", {{"alpha", 0.1}}, {}),
                             Layer("act", "Activation", {{"activation", "tanh"}}, {})});
  Json root = {
      {"modelTopology", {{"class_name", "Sequential"}, {"config", {{"layers", layers}}}}},
      {"weightsManifest",
       Json::array({{{"paths", {"w"}},
                     {"weights",
                      {Weight("d/kernel", {2, 2}), Weight("bn/gamma", {2}), Weight("bn/beta", {2}),
                       Weight("bn/moving_mean", {2}), Weight("bn/moving_variance", {2})}}}})}};
  std::string bytes =
      Floats({1, 0, 0, 1}) + Floats({2, 1}) + Floats({0, 0}) + Floats({1, 0}) + Floats({4, 1});
  StatusOr<LayersGraph> graph = Load(root.dump(), {bytes});
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  std::vector<float> out = RunGraph(*graph, {{3, -5}});
  // relu -> [3, 0]; bn -> [(3-1)/2*2, (0-0)/1*1] = [2, 0]; leaky -> same; tanh.
  EXPECT_NEAR(out[0], std::tanh(2.0f), 1e-6);
  EXPECT_NEAR(out[1], 0.0f, 1e-6);
}

std::string ErrorFor(const std::string& model_json, const std::vector<std::string>& shards) {
  StatusOr<LayersGraph> graph = Load(model_json, shards);
  EXPECT_FALSE(graph.ok());
  return graph.ok() ? "" : graph.status().message();
}

// A functional model whose middle is a Sequential block (as Keras nests them): the block's
// layers, InputLayer and all, take its place; ReLU and Dropout run as at inference.
TEST(TfjsLoader, NestedSequentialBlocksAreFlattened) {
  Json inner = Json::array({Input("block_input", {2}),
                            Layer("dense", "Dense", {{"units", 3}, {"activation", "linear"}}, {}),
                            Layer("drop", "Dropout", {{"rate", 0.5}}, {}),
                            Layer("relu", "ReLU", {{"max_value", nullptr}}, {})});
  Json block = Layer("block", "Sequential", {{"layers", inner}}, {"a"});
  Json layers = Json::array({Input("a", {2}), block,
                             Layer("after", "Activation", {{"activation", "linear"}}, {"block"})});
  Json manifest = Json::array({{{"paths", {"w"}},
                                {"weights", Json::array({Weight("block/dense/kernel", {2, 3}),
                                                         Weight("block/dense/bias", {3})})}}});
  const std::string bytes = Floats({1, 2, 3, 4, 5, 6}) + Floats({0.5f, -100, 0});
  for (const std::string& output : {"block", "after"}) {
    StatusOr<LayersGraph> graph =
        Load(ModelJson(false, layers, {"a"}, {output}, manifest), {bytes});
    ASSERT_TRUE(graph.ok()) << graph.status().message();
    // [1, 1] K + bias = [5.5, -93, 9] -> relu
    EXPECT_EQ(RunGraph(*graph, {{1, 1}}), (std::vector<float>{5.5f, 0, 9})) << output;
  }
  Json capped = inner;
  capped[3] = Layer("relu", "ReLU", {{"max_value", 6}}, {});
  std::string e = ErrorFor(
      ModelJson(
          false,
          Json::array({Input("a", {2}), Layer("block", "Sequential", {{"layers", capped}}, {"a"})}),
          {"a"}, {"block"}, manifest),
      {bytes});
  EXPECT_NE(e.find("layer 'relu' (ReLU): max_value, negative_slope and threshold are not "
                   "supported"),
            std::string::npos)
      << e;
}

TEST(TfjsLoader, ConvolutionsUpsamplingReshapeAndFlatten) {
  // [4] -> Reshape [2,2,1] -> Conv2D(1, 1x1, x2) -> UpSampling2D 2 -> Conv2DTranspose(1, 1x1, x1)
  // -> Flatten: every value doubled, upsampled, plus the transposed conv's bias 1.
  Json layers = Json::array(
      {Input("x", {4}), Layer("r", "Reshape", {{"target_shape", {2, 2, -1}}}, {"x"}),
       Layer("c", "Conv2D",
             {{"filters", 1}, {"kernel_size", {1, 1}}, {"padding", "same"}, {"use_bias", false}},
             {"r"}),
       Layer("u", "UpSampling2D", {{"size", {2, 2}}}, {"c"}),
       Layer("t", "Conv2DTranspose",
             {{"filters", 1}, {"kernel_size", 1}, {"strides", 1}, {"padding", "valid"}}, {"u"}),
       Layer("f", "Flatten", Json::object(), {"t"})});
  Json manifest = Json::array({{{"paths", {"w"}},
                                {"weights",
                                 {Weight("c/kernel", {1, 1, 1, 1}),
                                  Weight("t/kernel", {1, 1, 1, 1}), Weight("t/bias", {1})}}}});
  StatusOr<LayersGraph> graph =
      Load(ModelJson(false, layers, {"x"}, {"f"}, manifest), {Floats({2, 1, 1})});
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  EXPECT_EQ(graph->output_dims(), (Dims{16}));
  std::vector<float> out = RunGraph(*graph, {{1, 2, 3, 4}});
  const std::vector<float> expected = {3, 3, 5, 5, 3, 3, 5, 5, 7, 7, 9, 9, 7, 7, 9, 9};
  EXPECT_EQ(out, expected);
}

// Bad files: each gets an error that names the problem and the file.

Json DenseManifest(const char* dtype = "float32", std::vector<int> kernel_shape = {3, 3}) {
  Json kernel = Weight("dense/kernel", kernel_shape);
  kernel["dtype"] = dtype;
  return Json::array({{{"paths", {"w"}}, {"weights", {kernel, Weight("dense/bias", {3})}}}});
}

TEST(TfjsLoaderErrors, NameTheProblemAndTheFile) {
  const std::string weights = Floats(kKernel) + Floats(kBias);
  auto model = [&](Json layers, Json manifest) {
    return ModelJson(false, layers, {"a", "b"}, {"dense"}, manifest);
  };
  Json unsupported = ConcatDenseLayers();
  unsupported.push_back(Layer("lstm", "LSTM", {{"units", 4}}, {"dense"}));
  std::string e = ErrorFor(model(unsupported, DenseManifest()), {weights});
  EXPECT_NE(e.find("test/model.json: layer 'lstm' has class LSTM"), std::string::npos) << e;

  e = ErrorFor(model(ConcatDenseLayers(), DenseManifest()), {weights.substr(0, 20)});
  EXPECT_NE(e.find("hold 20 bytes but the manifest needs 48"), std::string::npos) << e;

  e = ErrorFor(model(ConcatDenseLayers(), DenseManifest("int32")), {weights});
  EXPECT_NE(e.find("dtype 'int32' is not supported"), std::string::npos) << e;

  e = ErrorFor(model(ConcatDenseLayers(), DenseManifest("float32", {3, 2})),
               {Floats({1, 2, 3, 4, 5, 6}) + Floats(kBias)});
  EXPECT_NE(e.find("layer 'dense' (Dense): weight 'kernel' has shape [3, 2], expected [3, 3]"),
            std::string::npos)
      << e;

  e = ErrorFor(model(ConcatDenseLayers(), DenseManifest("float32", {1 << 30, 1 << 30})), {weights});
  EXPECT_NE(e.find("larger than the limit"), std::string::npos) << e;

  std::vector<float> nan_kernel = kKernel;
  nan_kernel[4] = NAN;
  e = ErrorFor(model(ConcatDenseLayers(), DenseManifest()), {Floats(nan_kernel) + Floats(kBias)});
  EXPECT_NE(e.find("'dense/kernel' holds NaN"), std::string::npos) << e;

  Json softmax = ConcatDenseLayers();
  softmax[3]["config"]["activation"] = "softmax";
  e = ErrorFor(model(softmax, DenseManifest()), {weights});
  EXPECT_NE(e.find("activation 'softmax' is not supported"), std::string::npos) << e;

  e = ErrorFor("{\"modelTopology\": ", {});
  EXPECT_NE(e.find("test/model.json: not valid JSON"), std::string::npos) << e;
  e = ErrorFor("[1, 2]", {});
  EXPECT_NE(e.find("test/model.json: no \"modelTopology\"; this is not a tfjs Layers model.json"),
            std::string::npos)
      << e;
  e = ErrorFor(R"({"modelTopology": {"class_name": "Model", "config": {"layers": 3}}})", {});
  EXPECT_NE(e.find("layers: expected an array"), std::string::npos) << e;

  Json manifest = DenseManifest();
  manifest[0]["paths"] = {"../../etc/passwd"};
  e = ErrorFor(model(ConcatDenseLayers(), manifest), {weights});
  EXPECT_NE(e.find("must stay next to the model"), std::string::npos) << e;

  Json reshape = Json::array({Input("a", {2}), Input("b", {1}),
                              Layer("cat", "Concatenate", {{"axis", -1}}, {"a", "b"}),
                              Layer("dense", "Reshape", {{"target_shape", {2, 2}}}, {"cat"})});
  e = ErrorFor(model(reshape, Json::array()), {});
  EXPECT_NE(e.find("cannot reshape [3] to [2, 2]"), std::string::npos) << e;
}

}  // namespace
}  // namespace ml5
