// A pix2pix model made while its .pict downloads: the caller fills a buffer of the file's size
// from the front and calls Arrived() after each chunk; the header is parsed as soon as it is in,
// and every convolution whose weights have arrived is packed at once, so packing overlaps the
// download instead of following it. Finish() once the whole file is in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/thread_pool.h"
#include "models/pix2pix.h"
#include "pix2pix/pict.h"

namespace ml5 {

class Pix2PixStreamLoad {
 public:
  // `file_bytes` (the whole file's size, not filled yet) must outlive this; `file` names it in
  // messages.
  Pix2PixStreamLoad(std::string_view file_bytes, std::string file, Pix2PixOptions options,
                    size_t max_weights = kDefaultMaxPictWeights);
  Pix2PixStreamLoad(const Pix2PixStreamLoad&) = delete;  // the builder points at pict_
  Pix2PixStreamLoad& operator=(const Pix2PixStreamLoad&) = delete;

  // The first `bytes` bytes are in. An error (a bad header, a wrong shape) ends the load.
  Status Arrived(size_t bytes, ThreadPool& pool);
  // Every byte is in: packs what is left.
  StatusOr<Pix2Pix> Finish(ThreadPool& pool);
  // How many of the 16 convolutions are packed so far.
  size_t packed() const { return builder_ ? builder_->packed() : 0; }

 private:
  Status Start();

  std::string_view bytes_;
  std::string file_;
  Pix2PixOptions options_;
  size_t max_weights_;
  std::optional<PictFile> pict_;  // once the header is in
  std::optional<Pix2PixBuilder> builder_;
};

}  // namespace ml5
