#include "models/pix2pix_stream_load.h"

#include <utility>

namespace ml5 {

Pix2PixStreamLoad::Pix2PixStreamLoad(std::string_view file_bytes, std::string file,
                                     Pix2PixOptions options, size_t max_weights)
    : bytes_(file_bytes), file_(std::move(file)), options_(options), max_weights_(max_weights) {}

// Parse() reads only the header of the whole-size buffer (and checks the sizes it announces).
Status Pix2PixStreamLoad::Start() {
  ML5_ASSIGN_OR_RETURN(PictFile pict, PictFile::Parse(bytes_, file_, max_weights_));
  pict_.emplace(std::move(pict));
  ML5_ASSIGN_OR_RETURN(Pix2PixBuilder builder, Pix2PixBuilder::Plan(*pict_, options_, file_));
  builder_.emplace(std::move(builder));
  return Status();
}

Status Pix2PixStreamLoad::Arrived(size_t bytes, ThreadPool& pool) {
  if (bytes > bytes_.size()) {
    return Status::Error(file_ + ": " + std::to_string(bytes) + " bytes arrived for a file of " +
                         std::to_string(bytes_.size()));
  }
  if (!builder_) {
    if (!PictFile::HeaderArrived(bytes_.substr(0, bytes))) return Status();
    ML5_RETURN_IF_ERROR(Start());
  }
  return builder_->PackArrived([&](const std::string& name) { return pict_->Arrived(name, bytes); },
                               pool);
}

StatusOr<Pix2Pix> Pix2PixStreamLoad::Finish(ThreadPool& pool) {
  if (!builder_) ML5_RETURN_IF_ERROR(Start());
  return builder_->Finish(pool);
}

}  // namespace ml5
