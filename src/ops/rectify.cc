#include "ops/rectify.h"

#include <string>

namespace ml5 {
namespace {

Status CheckOutput(const TensorView& input, const ActivatedOutput& output, const char* which) {
  if (output.view.shape() != input.shape()) {
    return Status::Error(std::string("rectify: the ") + which + " output is " +
                         output.view.shape().ToString() + ", expected the input's shape " +
                         input.shape().ToString());
  }
  return CheckRectifier(output.activation,
                        std::string("rectify: the ") + which + " output's activation");
}

// Each row's pixels through a (to `out`) and, with kTwo, b (to `second`). A template, so that
// the one-output loop tests nothing per vector.
template <bool kTwo>
void RectifyRows(const TensorView& input, const TensorView& out, const TensorView* second,
                 const Rectifier& a, const Rectifier& b, ThreadPool& pool) {
  const Shape& s = input.shape();
  const size_t channels = s.c, full = channels / kFloat4Lanes * kFloat4Lanes;
  pool.ParallelFor(
      s.n * s.h,
      [&](size_t row) {
        const size_t n = row / s.h, y = row % s.h;
        const float* p = &input.at(n, y, 0, 0);
        float* q = &out.at(n, y, 0, 0);
        float* r = kTwo ? &second->at(n, y, 0, 0) : nullptr;
        for (size_t x = 0; x < s.w; ++x) {
          // v is read before either store: an output may be the input.
          for (size_t c = 0; c < full; c += kFloat4Lanes) {
            const Float4 v = LoadFloat4(p + c);
            if (kTwo) StoreFloat4(r + c, b(v));
            StoreFloat4(q + c, a(v));
          }
          for (size_t c = full; c < channels; ++c) {
            const float v = p[c];
            if (kTwo) r[c] = b(v);
            q[c] = a(v);
          }
          p += input.pixel_stride();
          q += out.pixel_stride();
          if (kTwo) r += second->pixel_stride();
        }
      },
      s.elements());
}

}  // namespace

Status Rectify(const TensorView& input, const ActivatedOutput& first, const ActivatedOutput* second,
               ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckOutput(input, first, "first"));
  if (second) ML5_RETURN_IF_ERROR(CheckOutput(input, *second, "second"));
  const Rectifier a(first.activation);
  if (second) {
    RectifyRows<true>(input, first.view, &second->view, a, Rectifier(second->activation), pool);
  } else {
    RectifyRows<false>(input, first.view, nullptr, a, a, pool);
  }
  return Status();
}

}  // namespace ml5
