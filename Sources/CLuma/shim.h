// BT.601 luma of packed 8-bit RGB, for the grey inputs of pHashes and local features: the same
// loop compiled for the x86-64 baseline and for AVX2 (chosen at run time), since the release build
// targets the baseline, where the compiler cannot vectorise the three interleaved channels.
#ifndef LIKENESS_CLUMA_SHIM_H
#define LIKENESS_CLUMA_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// The kernels, widest first; `lk_luma_level` says which this CPU runs.
enum { LK_LUMA_PORTABLE = 0, LK_LUMA_AVX2 = 1 };

/// `grey[i]` = round(0.299 R + 0.587 G + 0.114 B) of pixel i, in 16-bit fixed point (the weights
/// 19595, 38470 and 7471 sum to 65536, so white stays 255); any CPU.
static inline void lk_luma_rgb8_portable(const uint8_t *restrict rgb, uint8_t *restrict grey, size_t count) {
    for (size_t i = 0; i < count; i++) {
        grey[i] = (uint8_t) ((19595u * rgb[3 * i] + 38470u * rgb[3 * i + 1] + 7471u * rgb[3 * i + 2] + 32768u) >> 16);
    }
}

#if defined(__x86_64__)
/// The same loop, which the compiler vectorises with AVX2's shuffles.
__attribute__((target("avx2"))) static inline void lk_luma_rgb8_avx2(const uint8_t *restrict rgb, uint8_t *restrict grey, size_t count) {
    for (size_t i = 0; i < count; i++) {
        grey[i] = (uint8_t) ((19595u * rgb[3 * i] + 38470u * rgb[3 * i + 1] + 7471u * rgb[3 * i + 2] + 32768u) >> 16);
    }
}
#endif

/// The widest kernel this CPU runs.
static inline int lk_luma_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return LK_LUMA_AVX2;
#endif
    return LK_LUMA_PORTABLE;
}

/// Luma of `count` pixels with the kernel of `level` (one `lk_luma_level` gave).
static inline void lk_luma_rgb8(int level, const uint8_t *rgb, uint8_t *grey, size_t count) {
#if defined(__x86_64__)
    if (level == LK_LUMA_AVX2) { lk_luma_rgb8_avx2(rgb, grey, count); return; }
#endif
    lk_luma_rgb8_portable(rgb, grey, count);
}

#endif
