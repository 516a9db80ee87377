// Distance kernels compiled for AVX2 and FMA inside the shim, for the indexes of avx2_flat.hpp.
// Debian's libfaiss.a is a generic x86-64 build; these give FAISS's searches the instruction set
// its PyPI wheel uses, while the binary still runs on CPUs without it: callers ask `available()`
// first, and nothing here is called when it says no.
#pragma once

#include <cstddef>

namespace likeness_faiss {
namespace avx2 {

/// Whether this CPU (and its operating system) runs AVX2 and FMA; asked once, then remembered.
bool available();

/// The inner product of two `d`-long vectors. Only when `available()`.
float inner_product(const float *a, const float *b, size_t d);

/// The squared Euclidean distance of two `d`-long vectors. Only when `available()`.
float l2_squared(const float *a, const float *b, size_t d);

}  // namespace avx2
}  // namespace likeness_faiss
