// The models natively, the near-physical reference for the wasm builds (npm run bench):
//   ml5_model_bench pix2pix <model.pict> [runs] [threads] [profile runs]
//                                       ready, then transfer() at 256x256, then a per-stage profile
//   ml5_model_bench cvae <manifest folder> [runs] [threads]   ready, then generate() + PNG
// Prints one JSON line: medians after warm-up, as bench/run.mjs records them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "bench_util.h"
#include "core/thread_pool.h"
#include "image/pixels.h"
#include "image/png.h"
#include "models/cvae.h"
#include "models/pix2pix_transfer.h"
#include "pix2pix/pict.h"
#include "tfjs/model_json.h"

namespace {

using ml5::bench::Check;
using ml5::bench::ReadFile;

using Clock = std::chrono::steady_clock;

double MedianMs(int runs, int warmups, const std::function<void()>& run) {
  for (int i = 0; i < warmups; ++i) run();
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    run();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

void BenchPix2Pix(const std::string& path, int runs, int profile_runs, ml5::ThreadPool& pool) {
  const std::string bytes = ReadFile(path);  // "after download": the file is in memory
  auto load = [&] {
    ml5::PictFile pict = Check(ml5::PictFile::Parse(bytes, path));
    return ml5::Pix2PixTransfer(Check(ml5::Pix2Pix::Create(pict, {}, path, pool)));
  };
  const double ready = MedianMs(7, 1, [&] { load(); });
  ml5::Pix2PixTransfer model = load();
  std::vector<uint8_t> rgba(256 * 256 * 4);
  for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = i % 4 == 3 ? 255 : (i * 7) % 256;
  const double ms =
      MedianMs(runs, 3, [&] { Check(model.Transfer(rgba.data(), 256, 256, {}, pool)); });
  std::printf("{\"median_ms\": %.3f, \"runs\": %d, \"ready_ms\": %.3f, \"threads\": %zu", ms, runs,
              ready, pool.threads());
  if (profile_runs > 0) {  // per stage, averaged over separate runs (timing them costs a little)
    ml5::Profile profile;
    ml5::TransferOptions options;
    options.profile = &profile;
    for (int i = 0; i < profile_runs; ++i) {
      Check(model.Transfer(rgba.data(), 256, 256, options, pool));
    }
    std::printf(", \"profile_ms\": {");
    const char* separator = "";
    for (const auto& [stage, s] : profile.stages()) {
      std::printf("%s\"%s\": %.3f", separator, stage.c_str(), s.total_ms / profile_runs);
      separator = ", ";
    }
    std::printf("}, \"profile_mflop\": {");
    separator = "";
    for (const auto& [stage, s] : profile.stages()) {
      if (s.total_flops == 0) continue;
      std::printf("%s\"%s\": %.3f", separator, stage.c_str(), s.total_flops / 1e6 / profile_runs);
      separator = ", ";
    }
    std::printf("}");
  }
  std::printf("}\n");
}

void BenchCvae(const std::string& folder, int runs, ml5::ThreadPool& pool) {
  const std::string manifest_text = ReadFile(folder + "/manifest.json");
  const ml5::CvaeManifest manifest = Check(ml5::ParseCvaeManifest(manifest_text, "manifest.json"));
  const std::string model_json = ReadFile(folder + "/" + manifest.model);
  const std::string model_dir = manifest.model.substr(0, manifest.model.rfind('/') + 1);
  const ml5::tfjs::ModelSpec spec = Check(ml5::tfjs::ParseModelJson(model_json, manifest.model));
  std::vector<std::string> shards;
  for (const std::string& shard : spec.ShardPaths())
    shards.push_back(ReadFile(folder + "/" + model_dir + shard));
  const std::vector<std::string_view> views(shards.begin(), shards.end());
  auto load = [&] { return Check(ml5::Cvae::Load(manifest, model_json, views, manifest.model)); };
  const double ready = MedianMs(15, 1, [&] { load(); });
  ml5::Cvae cvae = load();
  std::vector<float> latent(cvae.latent_size(), 0.5f), label(cvae.labels().size(), 0.0f);
  label[0] = 1;
  const double ms = MedianMs(runs, 20, [&] {
    ml5::TensorView image = Check(cvae.Generate(latent.data(), label.data(), 1, pool));
    const ml5::Shape& s = image.shape();
    std::vector<uint8_t> rgba(s.h * s.w * 4);
    if (!ml5::ToRgbaRound255(image, 0, rgba.data()).ok()) std::exit(1);
    Check(ml5::EncodePng(rgba.data(), s.w, s.h));  // the PNG Blob of ml5's result
  });
  std::printf("{\"median_ms\": %.4f, \"runs\": %d, \"ready_ms\": %.3f, \"threads\": %zu}\n", ms,
              runs, ready, pool.threads());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: ml5_model_bench pix2pix|cvae <model> [runs] [threads]\n");
    return 2;
  }
  const std::string kind = argv[1];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 21;
  ml5::ThreadPool pool(argc > 4 ? std::atoi(argv[4]) : 2);
  if (kind == "pix2pix")
    BenchPix2Pix(argv[2], runs, argc > 5 ? std::atoi(argv[5]) : 0, pool);
  else if (kind == "cvae")
    BenchCvae(argv[2], runs, pool);
  else
    return 2;
  return 0;
}
