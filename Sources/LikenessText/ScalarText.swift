/// How every string metric in Likeness sees text: as its Unicode scalars (code points), not as
/// grapheme clusters or UTF-8 bytes.
///
/// "é" written as one scalar (U+00E9) and as "e" + U+0301 are different sequences, as they are to
/// `rapidfuzz` and `jellyfish`, which compare Python `str` code points; no normalisation is applied.
/// Counting scalars rather than bytes keeps one edit per character for non-ASCII text, and rather
/// than grapheme clusters keeps the cost linear and the results equal to the Python peers'.
public enum ScalarText {
    /// The scalar values of `text`, in order.
    @inlinable
    public static func scalars(_ text: some StringProtocol) -> [UInt32] {
        // ASCII text, the common case, is its UTF-8 bytes.
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> [UInt32]? in
            var any: UInt8 = 0
            for byte in bytes { any |= byte }
            guard any < 0x80 else { return nil }
            return [UInt32](unsafeUninitializedCapacity: bytes.count) { out, count in
                for (offset, byte) in bytes.enumerated() { out[offset] = UInt32(byte) }
                count = bytes.count
            }
        }
        if let ascii = ascii ?? nil { return ascii }
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { out.append(scalar.value) }
        return out
    }

    /// Calls `body` with the scalar values of `text` in temporary memory (on the stack when small
    /// enough), so comparing two strings allocates nothing; the buffer is valid only inside `body`.
    @inlinable
    public static func withScalars<R, E: Error>(_ text: some StringProtocol,
                                                _ body: (UnsafeBufferPointer<UInt32>) throws(E) -> R) throws(E) -> R {
        // A string has at most as many scalars as UTF-8 bytes.
        try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Swift.max(1, text.utf8.count)) { out throws(E) in
            var count = 0
            let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                var any: UInt8 = 0
                for byte in bytes { any |= byte }
                guard any < 0x80 else { return false }
                for offset in 0..<bytes.count { out[offset] = UInt32(bytes[offset]) }
                count = bytes.count
                return true
            }
            if ascii != true {
                count = 0
                for scalar in text.unicodeScalars {
                    out[count] = scalar.value
                    count += 1
                }
            }
            return try body(UnsafeBufferPointer(rebasing: out[..<count]))
        }
    }
}
