// Thin wrappers over libjpeg(-turbo) for decoding JPEGs straight into memory, scaled by the DCT.
// libjpeg reports errors by calling a handler that must not return; the handler here jumps back
// with longjmp, which Swift cannot express, so each entry point that may fail is a whole C function.
#ifndef LIKENESS_CJPEG_SHIM_H
#define LIKENESS_CJPEG_SHIM_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <jpeglib.h>

/// What a JPEG header says, as stored (before any EXIF orientation).
typedef struct lk_jpeg_header {
    int width;
    int height;
    /// Components in the file: 1 (grey), 3 (YCbCr or RGB) or 4 (CMYK or YCCK).
    int components;
    /// 1 when the file holds CMYK or YCCK, which only libvips converts to sRGB (with its profile).
    int is_cmyk;
} lk_jpeg_header;

/// An error manager that jumps back instead of exiting, and treats warnings (corrupt or truncated
/// data, which libjpeg would otherwise paper over with grey) as failures too.
typedef struct lk_jpeg_error {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} lk_jpeg_error;

static inline void lk_jpeg_fail(j_common_ptr info) {
    lk_jpeg_error *error = (lk_jpeg_error *) info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

static inline void lk_jpeg_emit(j_common_ptr info, int level) {
    // level -1 is a warning about the data; higher levels are trace messages.
    if (level < 0) lk_jpeg_fail(info);
}

static inline void lk_jpeg_error_init(struct jpeg_decompress_struct *info, lk_jpeg_error *error) {
    info->err = jpeg_std_error(&error->base);
    error->base.error_exit = lk_jpeg_fail;
    error->base.emit_message = lk_jpeg_emit;
    error->message[0] = 0;
}

static inline void lk_jpeg_copy_message(const lk_jpeg_error *error, char *message, size_t capacity) {
    if (!message || capacity == 0) return;
    size_t i = 0;
    for (; i + 1 < capacity && error->message[i]; i++) message[i] = error->message[i];
    message[i] = 0;
}

/// Reads the header of an in-memory JPEG. Returns 0, or -1 with libjpeg's message.
static inline int lk_jpeg_read_header(const unsigned char *data, size_t length, lk_jpeg_header *header,
                                      char *message, size_t capacity) {
    struct jpeg_decompress_struct info;
    lk_jpeg_error error;
    lk_jpeg_error_init(&info, &error);
    if (setjmp(error.jump)) {
        lk_jpeg_copy_message(&error, message, capacity);
        jpeg_destroy_decompress(&info);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long) length);
    jpeg_read_header(&info, TRUE);
    header->width = (int) info.image_width;
    header->height = (int) info.image_height;
    header->components = info.num_components;
    header->is_cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    jpeg_destroy_decompress(&info);
    return 0;
}

/// Decodes an in-memory JPEG at 1/scale_denom of its size (1, 2, 4 or 8: libjpeg scales in the
/// DCT, so entropy decoding is all that is paid at full size). grey asks for the luma channel only,
/// which skips the chroma IDCT, upsampling and colour conversion; otherwise the output is RGB.
/// Returns the pixels (free with lk_jpeg_free), rows packed, with their size and channel count;
/// NULL with libjpeg's message on any error or warning (truncated or corrupt data).
static inline unsigned char *lk_jpeg_decode(const unsigned char *data, size_t length, int scale_denom, int grey,
                                            int *width, int *height, int *channels, char *message, size_t capacity) {
    struct jpeg_decompress_struct info;
    lk_jpeg_error error;
    unsigned char *volatile pixels = NULL;
    lk_jpeg_error_init(&info, &error);
    if (setjmp(error.jump)) {
        lk_jpeg_copy_message(&error, message, capacity);
        jpeg_destroy_decompress(&info);
        free(pixels);
        return NULL;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long) length);
    jpeg_read_header(&info, TRUE);
    info.scale_num = 1;
    info.scale_denom = (unsigned int) scale_denom;
    info.out_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&info);
    size_t stride = (size_t) info.output_width * (size_t) info.output_components;
    pixels = (unsigned char *) malloc(stride * info.output_height);
    if (!pixels) {
        snprintf(error.message, sizeof error.message, "out of memory for %u×%u pixels", info.output_width, info.output_height);
        lk_jpeg_copy_message(&error, message, capacity);
        jpeg_destroy_decompress(&info);
        return NULL;
    }
    JSAMPROW rows[16];
    while (info.output_scanline < info.output_height) {
        JDIMENSION want = info.output_height - info.output_scanline;
        if (want > 16) want = 16;
        for (JDIMENSION i = 0; i < want; i++) rows[i] = pixels + stride * (info.output_scanline + i);
        jpeg_read_scanlines(&info, rows, want);
    }
    *width = (int) info.output_width;
    *height = (int) info.output_height;
    *channels = info.output_components;
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return pixels;
}

static inline void lk_jpeg_free(void *pixels) { free(pixels); }

#endif
