// The one place C++ exceptions become status codes: every entry point of likeness_faiss.h runs
// its body through `guarded`, which records the message for `lk_faiss_last_error`.
#pragma once

#include "likeness_faiss.h"

#include <faiss/impl/FaissException.h>

#include <exception>
#include <new>
#include <string>

namespace likeness_faiss {

/// The last error message of this thread.
std::string &last_error();

/// Records `message` and returns `status`.
inline int fail(int status, const std::string &message) {
    last_error() = message;
    return status;
}

/// Runs `body` (which returns a status), turning any exception into a status and a message.
template <typename Body>
int guarded(Body &&body) noexcept {
    try {
        last_error().clear();
        return body();
    } catch (const faiss::FaissException &error) {
        return fail(LK_FAISS_LIBRARY_ERROR, error.what());
    } catch (const std::bad_alloc &) {
        return fail(LK_FAISS_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception &error) {
        return fail(LK_FAISS_UNKNOWN_ERROR, error.what());
    } catch (...) {
        return fail(LK_FAISS_UNKNOWN_ERROR, "unknown C++ exception");
    }
}

}  // namespace likeness_faiss
