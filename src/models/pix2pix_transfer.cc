#include "models/pix2pix_transfer.h"

#include <algorithm>
#include <string>

#include "core/heap_room.h"
#include "image/pixels.h"

namespace ml5 {
namespace {

// The nearest multiple of `unit` (the generator's, 256 for ml5's models), at least one unit.
size_t NearestMultiple(size_t size, size_t unit) {
  return std::max<size_t>(unit, (size + unit / 2) / unit * unit);
}

Status OutOfMemory(size_t width, size_t height) {
  return Status::Error("pix2pix: out of memory for a " + std::to_string(width) + "x" +
                       std::to_string(height) + " image");
}

}  // namespace

Status Pix2PixTransfer::Reserve(Tensor& tensor, const Shape& shape) {
  if (tensor.shape() == shape) return Status();
  ML5_ASSIGN_OR_RETURN(tensor, Tensor::Create(shape));
  return Status();
}

StatusOr<TransferResult> Pix2PixTransfer::Transfer(const uint8_t* rgba, size_t width, size_t height,
                                                   const TransferOptions& options,
                                                   ThreadPool& pool) {
  StatusOr<TransferResult> result = Run(rgba, width, height, options, pool);
  if (result.ok()) return result;
  // A failure (out of memory, most likely) must not keep the buffers sized for that image.
  ReleaseBuffers();
  const std::string& message = result.status().message();
  if (message.rfind("pix2pix:", 0) == 0) return result;
  return Status::Error("pix2pix: a " + std::to_string(width) + "x" + std::to_string(height) +
                       " input: " + message);  // an op's error, named by the input
}

uint64_t Pix2PixTransfer::WorkingBytes(uint64_t width, uint64_t height, uint64_t work_w,
                                       uint64_t work_h, bool background) const {
  const uint64_t pixels = width * height;
  uint64_t bytes = pixels * 3 * sizeof(float) + pixels * 4 + (background ? pixels * 4 : 0);
  if (work_w != width || work_h != height) {
    bytes += work_w * work_h * 3 * sizeof(float) + pixels * 3 * sizeof(float) +
             ResizeBilinear::BufferBytes(work_w * work_h) + ResizeBilinear::BufferBytes(pixels);
  }
  return bytes + model_->ActivationBytes(work_h, work_w);
}

void Pix2PixTransfer::ReleaseLargeBuffers() {
  if (working_bytes_ > kKeptWorkingBytes) ReleaseBuffers();
}

Status Pix2PixTransfer::CheckRoom(uint64_t needed, size_t width, size_t height, size_t work_w,
                                  size_t work_h) {
  if (needed <= HeapRoomBytes()) return Status();
  ReleaseBuffers();  // what this model holds counts as in use: free it and look again
  const uint64_t room = HeapRoomBytes();
  if (needed <= room) return Status();
  const uint64_t generator = model_->ActivationBytes(work_h, work_w);
  const std::string input = std::to_string(width) + "x" + std::to_string(height);
  return Status::Error(
      "pix2pix: a " + input + " input at the working size " + std::to_string(work_w) + "x" +
      std::to_string(work_h) + " needs about " + ByteSize(needed) +
      " of working memory, and the wasm heap has " + ByteSize(room) + " left: " +
      (generator * 2 > needed ? "pass a smaller options.size" : "make the input smaller first"));
}

void Pix2PixTransfer::ReleaseBuffers() {
  working_bytes_ = 0;
  model_->ReleaseBuffers();
  input_ = Tensor();
  work_in_ = Tensor();
  output_ = Tensor();
  composited_.Release();
  rgba_.Release();
  resize_in_.Release();
  resize_out_.Release();
}

StatusOr<TransferResult> Pix2PixTransfer::Run(const uint8_t* rgba, size_t width, size_t height,
                                              const TransferOptions& options, ThreadPool& pool) {
  const size_t max_pixels = options.max_pixels;
  if (width == 0 || height == 0) {
    return Status::Error("pix2pix: the input image is empty (" + std::to_string(width) + "x" +
                         std::to_string(height) + ")");
  }
  if (width > max_pixels / height) {
    return Status::Error("pix2pix: a " + std::to_string(width) + "x" + std::to_string(height) +
                         " input exceeds the limit of " + std::to_string(max_pixels) + " pixels");
  }
  const size_t unit = model_->size_unit();
  size_t work_w = options.work_width ? options.work_width : NearestMultiple(width, unit);
  size_t work_h = options.work_height ? options.work_height : NearestMultiple(height, unit);
  if (model_->fixed_width()) {  // a network built for one size: every input goes through it
    const size_t fixed_w = model_->fixed_width(), fixed_h = model_->fixed_height();
    if ((options.work_width && options.work_width != fixed_w) ||
        (options.work_height && options.work_height != fixed_h)) {
      return Status::Error("pix2pix: this model runs at " + std::to_string(fixed_w) + "x" +
                           std::to_string(fixed_h) + " only, got the working size " +
                           std::to_string(work_w) + "x" + std::to_string(work_h));
    }
    work_w = fixed_w;
    work_h = fixed_h;
  }
  if (work_w % unit || work_h % unit || work_w > max_pixels / work_h) {
    return Status::Error("pix2pix: the working size " + std::to_string(work_w) + "x" +
                         std::to_string(work_h) + " must be multiples of " + std::to_string(unit) +
                         " within the limit");
  }
  const bool background = options.background.has_value();
  const uint64_t needed = WorkingBytes(width, height, work_w, work_h, background);
  if (needed != working_bytes_) {  // a new size (checking walks the heap: not every frame)
    ML5_RETURN_IF_ERROR(CheckRoom(needed, width, height, work_w, work_h));
    working_bytes_ = needed;
  }
  ML5_RETURN_IF_ERROR(Reserve(input_, {1, height, width, 3}));
  {
    ProfileScope time(options.profile, "input from rgba");
    if (options.background) {
      // Kept between calls: no allocation per call once sized.
      auto* composited = static_cast<uint8_t*>(composited_.Reserve(width * height * 4, 0));
      if (!composited) return OutOfMemory(width, height);
      const auto& bg = *options.background;
      for (size_t i = 0; i < width * height; ++i) {
        const uint8_t* p = rgba + i * 4;
        for (int c = 0; c < 3; ++c) {
          composited[i * 4 + c] =
              static_cast<uint8_t>((p[c] * p[3] + bg[c] * (255 - p[3]) + 127) / 255);
        }
        composited[i * 4 + 3] = 255;
      }
      ML5_RETURN_IF_ERROR(RgbaToSigned(composited, input_.view()));
    } else {
      ML5_RETURN_IF_ERROR(RgbaToSigned(rgba, input_.view()));
    }
  }
  const bool resized = work_w != width || work_h != height;
  TensorView work = input_.view();
  if (resized) {
    ML5_RETURN_IF_ERROR(Reserve(work_in_, {1, work_h, work_w, 3}));
    ML5_RETURN_IF_ERROR(resize_in_.Run(input_.view(), work_in_.view(), pool));
    work = work_in_.view();
  }
  ML5_ASSIGN_OR_RETURN(TensorView generated, model_->Run(work, pool, options.profile));
  TensorView result = generated;
  if (resized) {
    ML5_RETURN_IF_ERROR(Reserve(output_, {1, height, width, 3}));
    ML5_RETURN_IF_ERROR(resize_out_.Run(generated, output_.view(), pool));
    result = output_.view();
  }
  auto* bytes = static_cast<uint8_t*>(rgba_.Reserve(width * height * 4, 0));
  if (!bytes) return OutOfMemory(width, height);
  ProfileScope time(options.profile, "output to rgba");
  ML5_RETURN_IF_ERROR(ToRgbaFloor256(result, 0, bytes));
  return TransferResult{result, bytes};
}

}  // namespace ml5
