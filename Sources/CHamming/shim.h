// Hamming distances between 256-bit binary descriptors (four 64-bit words each), for local-feature
// matching: one descriptor against a run of others, with the widest popcount the CPU has, chosen
// at run time (the release build targets the x86-64 baseline, which has no popcount instruction).
#ifndef LIKENESS_CHAMMING_SHIM_H
#define LIKENESS_CHAMMING_SHIM_H

#include <stddef.h>
#include <stdint.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// The kernels, widest first; `lk_hamming_level` says which this CPU runs.
enum { LK_HAMMING_PORTABLE = 0, LK_HAMMING_AVX2 = 1, LK_HAMMING_AVX512 = 2 };

/// Bits set in one word, by halving fields (no popcount instruction needed).
static inline int lk_hamming_word(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (int) ((x * 0x0101010101010101ULL) >> 56);
}

/// `out[j]` = distance from `a` to descriptor j of `b`, for j < count; any CPU.
static inline void lk_hamming_row_portable(const uint64_t *a, const uint64_t *b, size_t count, int16_t *out) {
    for (size_t j = 0; j < count; j++, b += 4) {
        out[j] = (int16_t) (lk_hamming_word(a[0] ^ b[0]) + lk_hamming_word(a[1] ^ b[1])
                            + lk_hamming_word(a[2] ^ b[2]) + lk_hamming_word(a[3] ^ b[3]));
    }
}

#if defined(__x86_64__)
/// The same with AVX2: a nibble table looked up 32 bytes at a time, bytes summed by `vpsadbw`.
__attribute__((target("avx2"))) static inline void lk_hamming_row_avx2(const uint64_t *a, const uint64_t *b, size_t count, int16_t *out) {
    const __m256i table = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
                                           0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
    const __m256i low = _mm256_set1_epi8(0x0F);
    const __m256i va = _mm256_loadu_si256((const __m256i *) a);
    for (size_t j = 0; j < count; j++) {
        __m256i x = _mm256_xor_si256(va, _mm256_loadu_si256((const __m256i *) (b + 4 * j)));
        __m256i bytes = _mm256_add_epi8(_mm256_shuffle_epi8(table, _mm256_and_si256(x, low)),
                                        _mm256_shuffle_epi8(table, _mm256_and_si256(_mm256_srli_epi16(x, 4), low)));
        __m256i sums = _mm256_sad_epu8(bytes, _mm256_setzero_si256());
        __m128i half = _mm_add_epi64(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
        out[j] = (int16_t) (_mm_cvtsi128_si64(half) + _mm_extract_epi64(half, 1));
    }
}

/// The same with AVX-512 VPOPCNTDQ: eight descriptors per step, two per 512-bit popcount; each
/// descriptor's four word counts are summed by two in-register shuffles, and the eight sums are
/// gathered into one register and narrowed to 16 bits together, with no scalar extracts.
__attribute__((target("avx512f,avx512vpopcntdq"))) static inline void lk_hamming_row_avx512(const uint64_t *a, const uint64_t *b, size_t count, int16_t *out) {
    const __m512i va = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *) a));
    // Word 0 of each descriptor's sum (words 0 and 4 of each register) from two registers.
    const __m512i firsts = _mm512_setr_epi64(0, 4, 8, 12, 0, 4, 8, 12);
    size_t j = 0;
    for (; j + 8 <= count; j += 8) {
        __m512i sums[4];
        for (int k = 0; k < 4; k++) {
            __m512i c = _mm512_popcnt_epi64(_mm512_xor_si512(va, _mm512_loadu_si512((const void *) (b + 4 * (j + 2 * k)))));
            // Words 0+1 and 2+3 within each 128-bit lane, then the two lanes of each descriptor.
            c = _mm512_add_epi64(c, _mm512_shuffle_epi32(c, _MM_PERM_BADC));
            sums[k] = _mm512_add_epi64(c, _mm512_shuffle_i64x2(c, c, _MM_SHUFFLE(2, 3, 0, 1)));
        }
        const __m512i low = _mm512_permutex2var_epi64(sums[0], firsts, sums[1]);
        const __m512i high = _mm512_permutex2var_epi64(sums[2], firsts, sums[3]);
        const __m512i all = _mm512_shuffle_i64x2(low, high, _MM_SHUFFLE(1, 0, 1, 0));
        _mm_storeu_si128((__m128i *) (out + j), _mm512_cvtepi64_epi16(all));
    }
    if (j < count) lk_hamming_row_portable(a, b + 4 * j, count - j, out + j);
}
#endif

/// The widest kernel this CPU runs.
static inline int lk_hamming_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512vpopcntdq") && __builtin_cpu_supports("avx512f")) return LK_HAMMING_AVX512;
    if (__builtin_cpu_supports("avx2")) return LK_HAMMING_AVX2;
#endif
    return LK_HAMMING_PORTABLE;
}

/// Distances from `a` to `count` descriptors at `b` with the kernel of `level` (one `lk_hamming_level` gave).
static inline void lk_hamming_row(int level, const uint64_t *a, const uint64_t *b, size_t count, int16_t *out) {
#if defined(__x86_64__)
    if (level == LK_HAMMING_AVX512) { lk_hamming_row_avx512(a, b, count, out); return; }
    if (level == LK_HAMMING_AVX2) { lk_hamming_row_avx2(a, b, count, out); return; }
#endif
    lk_hamming_row_portable(a, b, count, out);
}

#endif
