// Thin wrapper over zlib for reading gzip-compressed dataset files (IDX .gz).
#ifndef LIKENESS_CZLIB_SHIM_H
#define LIKENESS_CZLIB_SHIM_H

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/// Inflates a whole gzip (or zlib) buffer. On success returns 0 and a malloc'd buffer in *out
/// (free with lk_free); otherwise a zlib error code.
static inline int lk_gunzip(const unsigned char *data, size_t length, unsigned char **out, size_t *out_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    int status = inflateInit2(&stream, 15 + 32); // 32: detect gzip or zlib headers
    if (status != Z_OK) return status;
    size_t capacity = length * 4 + 1024, used = 0;
    unsigned char *buffer = malloc(capacity);
    if (!buffer) { inflateEnd(&stream); return Z_MEM_ERROR; }
    stream.next_in = (unsigned char *) data;
    stream.avail_in = (uInt) length;
    do {
        if (used == capacity) {
            capacity *= 2;
            unsigned char *grown = realloc(buffer, capacity);
            if (!grown) { free(buffer); inflateEnd(&stream); return Z_MEM_ERROR; }
            buffer = grown;
        }
        stream.next_out = buffer + used;
        stream.avail_out = (uInt) (capacity - used);
        status = inflate(&stream, Z_NO_FLUSH);
        used = capacity - stream.avail_out;
    } while (status == Z_OK);
    inflateEnd(&stream);
    if (status != Z_STREAM_END) { free(buffer); return status == Z_OK ? Z_DATA_ERROR : status; }
    *out = buffer;
    *out_length = used;
    return 0;
}

/// Inflates the start of a gzip (or zlib) buffer into `out` until `want` bytes are produced or the
/// input runs out. Returns the number of bytes produced, or -1 when the data is not gzip or zlib.
static inline long lk_gunzip_head(const unsigned char *data, size_t length, unsigned char *out, size_t want) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, 15 + 32) != Z_OK) return -1;
    stream.next_in = (unsigned char *) data;
    stream.avail_in = (uInt) length;
    stream.next_out = out;
    stream.avail_out = (uInt) want;
    int status = Z_OK;
    while (status == Z_OK && stream.avail_out > 0 && stream.avail_in > 0) status = inflate(&stream, Z_NO_FLUSH);
    long produced = (long) (want - stream.avail_out);
    inflateEnd(&stream);
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) return -1;
    return produced;
}

static inline void lk_free(void *pointer) { free(pointer); }

#endif
