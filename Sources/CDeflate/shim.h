#ifndef LIKENESS_CDEFLATE_SHIM_H
#define LIKENESS_CDEFLATE_SHIM_H

// libdeflate, for the zlib streams inside PNG files: whole-buffer inflation, about twice as fast
// as zlib's streaming inflate on the same data (docs/benchmarks.md, issue #13).
#include <libdeflate.h>
#include <stddef.h>
#include <stdint.h>

/// Inflates a whole zlib stream into `out`, which must be filled exactly: returns 0 when the
/// stream is valid (Adler-32 included) and inflates to exactly `out_length` bytes, else -1.
static inline int lk_zlib_inflate_exact(const void *in, size_t in_length, void *out, size_t out_length) {
    struct libdeflate_decompressor *decompressor = libdeflate_alloc_decompressor();
    if (decompressor == NULL) return -1;
    size_t produced = 0;
    enum libdeflate_result result = libdeflate_zlib_decompress(decompressor, in, in_length, out, out_length, &produced);
    libdeflate_free_decompressor(decompressor);
    return (result == LIBDEFLATE_SUCCESS && produced == out_length) ? 0 : -1;
}

/// The CRC-32 of a buffer (PNG's chunk checksum).
static inline uint32_t lk_crc32(const void *data, size_t length) {
    return libdeflate_crc32(0, data, length);
}

#endif
