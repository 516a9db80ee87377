// Thin wrappers over the ONNX Runtime C API (header from Debian's libonnxruntime-dev, API 21).
// The library itself is loaded at run time with dlopen, so Likeness builds without it and a user
// can point ORT_HOME at their own build. Every wrapper takes the OrtApi table explicitly and
// returns the OrtStatus (NULL on success) for the Swift side to turn into a typed error.
#ifndef LIKENESS_CONNXRUNTIME_SHIM_H
#define LIKENESS_CONNXRUNTIME_SHIM_H

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <onnxruntime_c_api.h>

/// Loads the library at `path` and returns its API table, or NULL with a reason in `error`.
static inline const OrtApi *lk_ort_load(const char *path, char *error, size_t error_length) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) { snprintf(error, error_length, "%s", dlerror()); return NULL; }
    typedef const OrtApiBase *(*GetApiBase)(void);
    GetApiBase get_base = (GetApiBase) dlsym(handle, "OrtGetApiBase");
    if (!get_base) { snprintf(error, error_length, "OrtGetApiBase not found in %s", path); return NULL; }
    const OrtApiBase *base = get_base();
    const OrtApi *api = base->GetApi(ORT_API_VERSION);
    if (!api) {
        snprintf(error, error_length, "ONNX Runtime %s does not offer C API version %d", base->GetVersionString(), ORT_API_VERSION);
        return NULL;
    }
    return api;
}

/// The loaded library's version string, e.g. "1.22.1".
static inline const char *lk_ort_version(const char *path) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
    if (!handle) return "unknown";
    typedef const OrtApiBase *(*GetApiBase)(void);
    GetApiBase get_base = (GetApiBase) dlsym(handle, "OrtGetApiBase");
    return get_base ? get_base()->GetVersionString() : "unknown";
}

static inline const char *lk_ort_status_message(const OrtApi *api, OrtStatus *status) { return api->GetErrorMessage(status); }
static inline int lk_ort_status_code(const OrtApi *api, OrtStatus *status) { return (int) api->GetErrorCode(status); }
static inline void lk_ort_release_status(const OrtApi *api, OrtStatus *status) { api->ReleaseStatus(status); }

static inline OrtStatus *lk_ort_create_env(const OrtApi *api, OrtEnv **out) {
    return api->CreateEnv(ORT_LOGGING_LEVEL_ERROR, "likeness", out);
}
static inline void lk_ort_release_env(const OrtApi *api, OrtEnv *env) { api->ReleaseEnv(env); }

/// Opens a model with `threads` intra-op threads, one inter-op thread and all graph optimisations.
static inline OrtStatus *lk_ort_create_session(const OrtApi *api, OrtEnv *env, const char *path, int threads, OrtSession **out) {
    OrtSessionOptions *options = NULL;
    OrtStatus *status = api->CreateSessionOptions(&options);
    if (status) return status;
    status = api->SetIntraOpNumThreads(options, threads);
    if (!status) status = api->SetInterOpNumThreads(options, 1);
    if (!status) status = api->SetSessionGraphOptimizationLevel(options, ORT_ENABLE_ALL);
    if (!status) status = api->CreateSession(env, path, options, out);
    api->ReleaseSessionOptions(options);
    return status;
}
static inline void lk_ort_release_session(const OrtApi *api, OrtSession *session) { api->ReleaseSession(session); }

/// Number of inputs (is_output = 0) or outputs (is_output = 1).
static inline OrtStatus *lk_ort_io_count(const OrtApi *api, OrtSession *session, int is_output, size_t *count) {
    return is_output ? api->SessionGetOutputCount(session, count) : api->SessionGetInputCount(session, count);
}

/// Copies the name of input or output `index` into `buffer`.
static inline OrtStatus *lk_ort_io_name(const OrtApi *api, OrtSession *session, int is_output, size_t index,
                                        char *buffer, size_t length) {
    OrtAllocator *allocator = NULL;
    OrtStatus *status = api->GetAllocatorWithDefaultOptions(&allocator);
    if (status) return status;
    char *name = NULL;
    status = is_output ? api->SessionGetOutputName(session, index, allocator, &name)
                       : api->SessionGetInputName(session, index, allocator, &name);
    if (status) return status;
    snprintf(buffer, length, "%s", name);
    return api->AllocatorFree(allocator, name);
}

/// Element type (ONNXTensorElementDataType) and dimensions (-1 for symbolic) of input or output `index`.
static inline OrtStatus *lk_ort_io_shape(const OrtApi *api, OrtSession *session, int is_output, size_t index,
                                         int *element_type, int64_t *dims, size_t max_dims, size_t *dim_count) {
    OrtTypeInfo *type_info = NULL;
    OrtStatus *status = is_output ? api->SessionGetOutputTypeInfo(session, index, &type_info)
                                  : api->SessionGetInputTypeInfo(session, index, &type_info);
    if (status) return status;
    const OrtTensorTypeAndShapeInfo *tensor = NULL;
    status = api->CastTypeInfoToTensorInfo(type_info, &tensor);
    if (!status && !tensor) { *element_type = 0; *dim_count = 0; api->ReleaseTypeInfo(type_info); return NULL; }
    enum ONNXTensorElementDataType type = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
    if (!status) status = api->GetTensorElementType(tensor, &type);
    if (!status) status = api->GetDimensionsCount(tensor, dim_count);
    if (!status && *dim_count > max_dims) *dim_count = max_dims;
    if (!status) status = api->GetDimensions(tensor, dims, *dim_count);
    *element_type = (int) type;
    api->ReleaseTypeInfo(type_info);
    return status;
}

static inline int lk_ort_type_float(void) { return ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT; }
static inline int lk_ort_type_uint8(void) { return ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8; }

/// Runs one input through the session and returns the named output (release with lk_ort_release_value).
static inline OrtStatus *lk_ort_run(const OrtApi *api, OrtSession *session, const char *input_name, void *data,
                                    size_t byte_count, const int64_t *shape, size_t rank, int element_type,
                                    const char *output_name, OrtValue **output) {
    OrtMemoryInfo *memory = NULL;
    OrtStatus *status = api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &memory);
    if (status) return status;
    OrtValue *input = NULL;
    status = api->CreateTensorWithDataAsOrtValue(memory, data, byte_count, shape, rank,
                                                 (enum ONNXTensorElementDataType) element_type, &input);
    if (!status) {
        const OrtValue *inputs[1] = {input};
        status = api->Run(session, NULL, &input_name, inputs, 1, &output_name, 1, output);
    }
    if (input) api->ReleaseValue(input);
    api->ReleaseMemoryInfo(memory);
    return status;
}

/// Dimensions of a float tensor and a pointer to its data (owned by the value).
static inline OrtStatus *lk_ort_value_floats(const OrtApi *api, OrtValue *value, int64_t *dims, size_t max_dims,
                                             size_t *dim_count, float **data) {
    OrtTensorTypeAndShapeInfo *info = NULL;
    OrtStatus *status = api->GetTensorTypeAndShape(value, &info);
    if (status) return status;
    status = api->GetDimensionsCount(info, dim_count);
    if (!status && *dim_count > max_dims) *dim_count = max_dims;
    if (!status) status = api->GetDimensions(info, dims, *dim_count);
    api->ReleaseTensorTypeAndShapeInfo(info);
    if (!status) status = api->GetTensorMutableData(value, (void **) data);
    return status;
}
static inline void lk_ort_release_value(const OrtApi *api, OrtValue *value) { api->ReleaseValue(value); }

#endif
