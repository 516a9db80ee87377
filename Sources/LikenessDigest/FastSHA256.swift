internal import CCrypto
import LikenessCore

/// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions where present.
///
/// The pure-Swift ``SHA256`` in the core is the reference; tests check the two agree.
public enum FastSHA256 {
    /// The digest of `bytes`. Falls back to the reference implementation if libcrypto fails.
    public static func hash(_ bytes: [UInt8]) -> ContentHash {
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = bytes.withUnsafeBytes { raw in
            digest.withUnsafeMutableBufferPointer { out in lk_sha256(raw.baseAddress, raw.count, out.baseAddress) }
        }
        return ok == 1 ? ContentHash(bytes: digest) : SHA256.hash(bytes)
    }
}
