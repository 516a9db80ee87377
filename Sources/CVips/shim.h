// Thin, non-variadic wrappers over the libvips calls Likeness uses.
// Swift cannot call C variadic functions such as vips_thumbnail_buffer(..., NULL),
// so every such call is fixed here with its options spelled out.
#ifndef LIKENESS_CVIPS_SHIM_H
#define LIKENESS_CVIPS_SHIM_H

#include <vips/vips.h>

static inline void lk_ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void) domain; (void) level; (void) message; (void) data;
}

/// Starts libvips once per process; returns 0 on success.
static inline int lk_vips_init(void) {
    if (VIPS_INIT("likeness")) return -1;
    // Failures reach callers as typed errors; libvips' own warnings would only be noise on stderr.
    g_log_set_handler("VIPS", (GLogLevelFlags) (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE), lk_ignore_log, NULL);
    // Likeness parallelises across images itself and must see every decode:
    // no operation cache, one worker thread per image pipeline.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_concurrency_set(1);
    // No Orc: libvips 8.14 compiles Orc programs for resize and shrink per pipeline, and with
    // pipelines on several threads that crashed about one scan in ten over 1,200 JPEGs
    // (heap corruption inside liborc). Its plain C paths were no slower here.
    vips_vector_set_enabled(0);
    return 0;
}

/// Takes and clears the calling thread's view of the libvips error text (caller frees with g_free).
static inline char *lk_vips_error_take(void) {
    return vips_error_buffer_copy();
}

static inline void lk_g_free(void *p) { g_free(p); }
static inline void lk_unref(VipsImage *image) { if (image) g_object_unref(image); }

/// Reads only the header of an in-memory image; pixels are decoded lazily and never here.
static inline VipsImage *lk_header_from_buffer(const void *data, size_t length) {
    return vips_image_new_from_buffer(data, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

/// Name of the loader libvips would use for these bytes, or NULL when none matches.
static inline const char *lk_find_loader(const void *data, size_t length) {
    return vips_foreign_find_load_buffer(data, length);
}

static inline int lk_width(VipsImage *image) { return vips_image_get_width(image); }
static inline int lk_height(VipsImage *image) { return vips_image_get_height(image); }
static inline int lk_bands(VipsImage *image) { return vips_image_get_bands(image); }
/// True when EXIF orientation turns the stored image by 90° or 270° for display.
static inline int lk_orientation_swaps(VipsImage *image) { return vips_image_get_orientation_swap(image); }
static inline int lk_has_alpha(VipsImage *image) { return vips_image_hasalpha(image); }

/// Number of pages (frames) the loader reports, 1 when the format has none.
static inline int lk_pages(VipsImage *image) {
    int pages = 1;
    if (vips_image_get_typeof(image, "n-pages") && vips_image_get_int(image, "n-pages", &pages) == 0 && pages > 0)
        return pages;
    return 1;
}

/// Opens an in-memory image for one sequential read. jpeg_shrink (1, 2, 4 or 8) makes libjpeg
/// scale while decoding (shrink-on-load). Truncated or corrupt data fails instead of yielding grey pixels.
static inline VipsImage *lk_load_buffer(const void *data, size_t length, int jpeg_shrink) {
    const char *options = "fail_on=truncated";
    if (jpeg_shrink == 2) options = "fail_on=truncated,shrink=2";
    if (jpeg_shrink == 4) options = "fail_on=truncated,shrink=4";
    if (jpeg_shrink == 8) options = "fail_on=truncated,shrink=8";
    return vips_image_new_from_buffer(data, length, options, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

/// Renders an image into memory once, so later pipelines read its pixels instead of decoding the file again.
static inline VipsImage *lk_copy_memory(VipsImage *in) {
    return vips_image_copy_memory(in);
}

/// Turns the pixels upright as the EXIF orientation tag says.
static inline int lk_autorot(VipsImage *in, VipsImage **out) {
    return vips_autorot(in, out, NULL);
}

/// Resamples by separate horizontal and vertical factors: box shrink for large factors, then a bicubic kernel.
static inline int lk_resize(VipsImage *in, double hscale, double vscale, VipsImage **out) {
    return vips_resize(in, out, hscale, "vscale", vscale, "kernel", VIPS_KERNEL_CUBIC, NULL);
}

/// Rotates by any angle in degrees (counter-clockwise), growing the canvas; new corners are black.
static inline int lk_rotate(VipsImage *in, double angle, VipsImage **out) {
    return vips_rotate(in, out, angle, NULL);
}

/// Moves the content by (dx, dy) on a canvas of the same size, mirroring the edges into the gap.
static inline int lk_shift_mirror(VipsImage *in, int dx, int dy, VipsImage **out) {
    return vips_embed(in, out, dx, dy, vips_image_get_width(in), vips_image_get_height(in),
                      "extend", VIPS_EXTEND_MIRROR, NULL);
}

/// Mirrors left to right.
static inline int lk_flip_horizontal(VipsImage *in, VipsImage **out) {
    return vips_flip(in, out, VIPS_DIRECTION_HORIZONTAL, NULL);
}

/// Turns by a multiple of 90°: quarter_turns 1 = 90° clockwise, 2 = 180°, 3 = 270°.
static inline int lk_rot_quarter(VipsImage *in, int quarter_turns, VipsImage **out) {
    VipsAngle angle = quarter_turns == 1 ? VIPS_ANGLE_D90 : quarter_turns == 2 ? VIPS_ANGLE_D180 : VIPS_ANGLE_D270;
    return vips_rot(in, out, angle, NULL);
}

/// Gaussian blur with standard deviation sigma, in pixels.
static inline int lk_gaussblur(VipsImage *in, double sigma, VipsImage **out) {
    return vips_gaussblur(in, out, sigma, NULL);
}

/// Encodes to an in-memory file whose format the suffix picks, e.g. ".jpg[Q=30]" (caller frees with g_free).
static inline int lk_write_to_buffer(VipsImage *in, const char *suffix, void **data, size_t *length) {
    return vips_image_write_to_buffer(in, suffix, data, length, NULL);
}

/// Cuts out a rectangle.
static inline int lk_extract_area(VipsImage *in, int left, int top, int width, int height, VipsImage **out) {
    return vips_extract_area(in, out, left, top, width, height, NULL);
}

/// Composites any alpha over white so RGBA is not four channels of meaning.
static inline int lk_flatten_white(VipsImage *in, VipsImage **out) {
    double white[3] = {255.0, 255.0, 255.0};
    VipsArrayDouble *background = vips_array_double_new(white, 3);
    int status = vips_flatten(in, out, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return status;
}

/// Converts grey, CMYK, 16-bit and other interpretations to 8-bit sRGB.
static inline int lk_to_srgb(VipsImage *in, VipsImage **out) {
    return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, NULL);
}

static inline int lk_cast_uchar(VipsImage *in, VipsImage **out) {
    return vips_cast_uchar(in, out, NULL);
}

/// Keeps the first n bands (drops extras such as a second alpha).
static inline int lk_extract_bands(VipsImage *in, int first, int n, VipsImage **out) {
    return vips_extract_band(in, out, first, "n", n, NULL);
}

/// Renders the whole pipeline into a freshly allocated buffer (caller frees with g_free).
static inline void *lk_write_to_memory(VipsImage *image, size_t *length) {
    return vips_image_write_to_memory(image, length);
}

/// Writes an image to a file chosen by suffix, e.g. "x.jpg[Q=90]". Used to make fixtures.
static inline int lk_write_to_file(VipsImage *image, const char *path) {
    return vips_image_write_to_file(image, path, NULL);
}

/// Wraps a packed buffer (copied) as an image; sixteen_bit selects ushort samples instead of uchar.
static inline VipsImage *lk_image_from_memory_copy(const void *data, size_t length, int width, int height, int bands, int sixteen_bit) {
    VipsImage *image = vips_image_new_from_memory_copy(data, length, width, height, bands,
                                           sixteen_bit ? VIPS_FORMAT_USHORT : VIPS_FORMAT_UCHAR);
    // Marked sequential, as lk_image_new_uchar marks its images, so resizes cache their shrink.
    if (image != NULL) vips_image_set_int(image, VIPS_META_SEQUENTIAL, 1);
    return image;
}

/// A new 8-bit image in memory, its pixels allocated (uninitialised) for the caller to fill through
/// `lk_image_pixels`; tagged with `interpretation`, and sequential. NULL when memory runs out.
static inline VipsImage *lk_image_new_uchar(int width, int height, int bands, int interpretation) {
    VipsImage *image = vips_image_new_memory();
    vips_image_init_fields(image, width, height, bands, VIPS_FORMAT_UCHAR, VIPS_CODING_NONE,
                           (VipsInterpretation) interpretation, 1.0, 1.0);
    if (vips_image_write_prepare(image) != 0) {
        g_object_unref(image);
        return NULL;
    }
    // Marked as read top to bottom, as libvips' loaders mark an image opened for sequential access
    // (and its memory copies keep): vips_resize then caches the rows of its shrink for the reduce
    // after it, where unmarked it computes overlapping rows again (measured 1.7× the time at 128 px).
    vips_image_set_int(image, VIPS_META_SEQUENTIAL, 1);
    return image;
}

/// The first pixel of an image made by `lk_image_new_uchar` (rows packed, top to bottom).
static inline unsigned char *lk_image_pixels(VipsImage *image) { return VIPS_IMAGE_ADDR(image, 0, 0); }

/// The first pixel of any image, rendered into memory first if it is not there yet (rows packed,
/// top to bottom); NULL when rendering fails.
static inline const unsigned char *lk_image_rendered_pixels(VipsImage *image) {
    if (vips_image_wio_input(image) != 0) return NULL;
    return VIPS_IMAGE_ADDR(image, 0, 0);
}

/// A copy of the image tagged with another interpretation (for example CMYK or 16-bit RGB).
static inline int lk_copy_with_interpretation(VipsImage *in, int interpretation, VipsImage **out) {
    return vips_copy(in, out, "interpretation", (VipsInterpretation) interpretation, NULL);
}

static inline int lk_format_uchar(void) { return VIPS_FORMAT_UCHAR; }
static inline int lk_interpretation_cmyk(void) { return VIPS_INTERPRETATION_CMYK; }
static inline int lk_interpretation_srgb(void) { return VIPS_INTERPRETATION_sRGB; }
static inline int lk_interpretation_bw(void) { return VIPS_INTERPRETATION_B_W; }
static inline int lk_interpretation_rgb16(void) { return VIPS_INTERPRETATION_RGB16; }
static inline int lk_interpretation_grey16(void) { return VIPS_INTERPRETATION_GREY16; }

/// Sets the EXIF orientation tag (1–8) that savers write out.
static inline void lk_set_orientation(VipsImage *image, int orientation) {
    vips_image_set_int(image, VIPS_META_ORIENTATION, orientation);
}

static inline int lk_interpretation(VipsImage *image) { return (int) vips_image_get_interpretation(image); }
static inline int lk_band_format(VipsImage *image) { return (int) vips_image_get_format(image); }

#endif
