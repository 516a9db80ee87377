// Thin wrapper over OpenSSL libcrypto's one-shot SHA-256 (uses SHA-NI/AVX2 where the CPU has them).
#ifndef LIKENESS_CCRYPTO_SHIM_H
#define LIKENESS_CCRYPTO_SHIM_H

#include <stddef.h>
#include <openssl/evp.h>

/// Writes the 32-byte SHA-256 of data into digest; returns 1 on success, 0 on failure.
static inline int lk_sha256(const void *data, size_t length, unsigned char digest[32]) {
    unsigned int written = 0;
    return EVP_Digest(data, length, digest, &written, EVP_sha256(), NULL) == 1 && written == 32;
}

#endif
