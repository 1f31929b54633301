#include "core/dims.h"

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

}  // namespace ml5
