// BT.601 luma of packed 8-bit RGB, for the grey inputs of pHashes and local features: a plain loop
// for any CPU and an AVX2 kernel chosen at run time (the release build targets the x86-64
// baseline, and the plain loop is not vectorised there).
#ifndef LIKENESS_CLUMA_SHIM_H
#define LIKENESS_CLUMA_SHIM_H

#include <stddef.h>
#include <stdint.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

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
/// The same with AVX2, 16 pixels at a time: three 16-byte loads split into R, G and B by byte
/// shuffles, widened to 32 bits for the exact fixed-point sum, packed back to bytes.
__attribute__((target("avx2"))) static inline void lk_luma_rgb8_avx2(const uint8_t *restrict rgb, uint8_t *restrict grey, size_t count) {
    const __m128i ra = _mm_setr_epi8(0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i rb = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, 2, 5, 8, 11, 14, -1, -1, -1, -1, -1);
    const __m128i rc = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 4, 7, 10, 13);
    const __m128i ga = _mm_setr_epi8(1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i gb = _mm_setr_epi8(-1, -1, -1, -1, -1, 0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1);
    const __m128i gc = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 2, 5, 8, 11, 14);
    const __m128i ba = _mm_setr_epi8(2, 5, 8, 11, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i bb = _mm_setr_epi8(-1, -1, -1, -1, -1, 1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1);
    const __m128i bc = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 3, 6, 9, 12, 15);
    const __m256i wr = _mm256_set1_epi32(19595), wg = _mm256_set1_epi32(38470), wb = _mm256_set1_epi32(7471);
    const __m256i half = _mm256_set1_epi32(32768);
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        const uint8_t *p = rgb + 3 * i;
        const __m128i a = _mm_loadu_si128((const __m128i *) p);
        const __m128i b = _mm_loadu_si128((const __m128i *) (p + 16));
        const __m128i c = _mm_loadu_si128((const __m128i *) (p + 32));
        const __m128i r = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(a, ra), _mm_shuffle_epi8(b, rb)), _mm_shuffle_epi8(c, rc));
        const __m128i g = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(a, ga), _mm_shuffle_epi8(b, gb)), _mm_shuffle_epi8(c, gc));
        const __m128i bl = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(a, ba), _mm_shuffle_epi8(b, bb)), _mm_shuffle_epi8(c, bc));
        __m256i sums[2];
        for (int part = 0; part < 2; part++) {
            const __m128i rp = part ? _mm_srli_si128(r, 8) : r, gp = part ? _mm_srli_si128(g, 8) : g, bp = part ? _mm_srli_si128(bl, 8) : bl;
            __m256i sum = _mm256_add_epi32(_mm256_mullo_epi32(_mm256_cvtepu8_epi32(rp), wr), _mm256_mullo_epi32(_mm256_cvtepu8_epi32(gp), wg));
            sum = _mm256_add_epi32(sum, _mm256_add_epi32(_mm256_mullo_epi32(_mm256_cvtepu8_epi32(bp), wb), half));
            sums[part] = _mm256_srli_epi32(sum, 16);
        }
        // packus works within 128-bit lanes; the permute puts the 16 values back in order.
        const __m256i words = _mm256_permute4x64_epi64(_mm256_packus_epi32(sums[0], sums[1]), 0xD8);
        _mm_storeu_si128((__m128i *) (grey + i), _mm_packus_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1)));
    }
    lk_luma_rgb8_portable(rgb + 3 * i, grey + i, count - i);
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
