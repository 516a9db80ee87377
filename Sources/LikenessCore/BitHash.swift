/// A fixed-length string of bits, as perceptual hashes produce; compared by Hamming distance.
///
/// Bits are stored most-significant-first in 64-bit words, so the hex form reads in bit order
/// (bit 0 is the top bit of the first hex digit), the same convention as ImageHash's hex strings.
public struct BitHash: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Number of meaningful bits.
    public let count: Int
    /// Packed bits; unused low bits of the last word are zero.
    public let words: [UInt64]

    /// Packs booleans, first element first.
    public init(bits: [Bool]) {
        count = bits.count
        var words = [UInt64](repeating: 0, count: (bits.count + 63) / 64)
        for (i, bit) in bits.enumerated() where bit {
            words[i / 64] |= 1 << UInt64(63 - i % 64)
        }
        self.words = words
    }

    /// Parses the hex form for a hash of `count` bits; nil if the text is not exactly that.
    public init?(hex: String, count: Int) {
        let digits = Array(hex.utf8)
        guard count > 0, digits.count == (count + 3) / 4 else { return nil }
        var bits: [Bool] = []
        bits.reserveCapacity(digits.count * 4)
        for digit in digits {
            guard let value = Hex.nibble(digit) else { return nil }
            for shift in (0..<4).reversed() { bits.append((value >> shift) & 1 == 1) }
        }
        // Padding bits beyond `count` must be zero for the text to be canonical.
        guard !bits[count...].contains(true) else { return nil }
        self.init(bits: Array(bits.prefix(count)))
    }

    /// The bit at `index` (0 = first).
    public subscript(index: Int) -> Bool {
        precondition(index >= 0 && index < count, "bit index out of range")
        return (words[index / 64] >> UInt64(63 - index % 64)) & 1 == 1
    }

    /// Lower-case hex, four bits per digit, zero-padded at the end.
    public var hex: String {
        let table = Hex.digits
        var out: [UInt8] = []
        let digits = (count + 3) / 4
        out.reserveCapacity(digits)
        for d in 0..<digits {
            let bitIndex = d * 4
            let word = words[bitIndex / 64]
            let value = Int((word >> UInt64(60 - bitIndex % 64)) & 0xF)
            out.append(table[value])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    /// Number of differing bits. Both hashes must have the same length.
    public func hammingDistance(to other: BitHash) -> Int {
        precondition(count == other.count, "Hamming distance needs hashes of equal length (\(count) vs \(other.count))")
        var total = 0
        for i in 0..<words.count { total &+= (words[i] ^ other.words[i]).nonzeroBitCount }
        return total
    }

    /// Hamming distance divided by the length: 0 for identical, about 0.5 for unrelated hashes.
    public func normalizedDistance(to other: BitHash) -> Double {
        Double(hammingDistance(to: other)) / Double(count)
    }
}
