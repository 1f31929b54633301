#include "core/shape.h"

namespace ml5 {

std::string Shape::ToString() const {
  return "[" + std::to_string(n) + ", " + std::to_string(h) + ", " + std::to_string(w) + ", " +
         std::to_string(c) + "]";
}

bool ShapeIsAllocatable(const Shape& shape) {
  size_t total = 1;
  for (size_t dim : {shape.n, shape.h, shape.w, shape.c}) {
    if (dim == 0) return false;
    if (dim > kMaxTensorElements / total) return false;
    total *= dim;
  }
  return true;
}

}  // namespace ml5
