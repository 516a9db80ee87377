import Foundation

extension LocalFeatures {
    /// Bytes per feature in ``encoded()``.
    public static let encodedFeatureSize = 40

    /// A compact little-endian form for storage: width and height (UInt16 each), the feature count
    /// (UInt32), then 40 bytes per feature: x and y in 1/32 pixel (UInt16 each), level (UInt8), a
    /// zero byte, the angle in 1/10,000 radian (Int16), and the 256-bit descriptor as four UInt64.
    ///
    /// Positions are rounded to 1/32 pixel and angles to 1/10,000 radian, far below the verifier's
    /// tolerance; `LocalFeatures(encoded: features.encoded())` is the form the rule works with, so a
    /// computed and a stored copy give the same matches.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + features.count * Self.encodedFeatureSize)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        put(UInt16(clamping: width)); put(UInt16(clamping: height)); put(UInt32(features.count))
        for feature in features {
            put(UInt16(clamping: Int((feature.x * 32).rounded())))
            put(UInt16(clamping: Int((feature.y * 32).rounded())))
            put(UInt8(clamping: feature.level)); put(UInt8(0))
            put(Int16(clamping: Int((feature.angle * 10_000).rounded())))
            let w = feature.descriptor.words
            put(w.0); put(w.1); put(w.2); put(w.3)
        }
        return bytes
    }

    /// Reads ``encoded()``; nil when the bytes are not of that form.
    public init?(encoded bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        guard bytes.count >= 8 else { return nil }
        func get<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { target in
                bytes.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + MemoryLayout<T>.size])) }
            }
            return T(littleEndian: value)
        }
        let count = Int(get(UInt32.self, at: 4))
        guard bytes.count == 8 + count * Self.encodedFeatureSize else { return nil }
        var features: [LocalFeature] = []
        features.reserveCapacity(count)
        for n in 0..<count {
            let o = 8 + n * Self.encodedFeatureSize
            features.append(LocalFeature(
                x: Float(get(UInt16.self, at: o)) / 32, y: Float(get(UInt16.self, at: o + 2)) / 32,
                level: Int(get(UInt8.self, at: o + 4)), angle: Float(get(Int16.self, at: o + 6)) / 10_000,
                descriptor: BinaryDescriptor(get(UInt64.self, at: o + 8), get(UInt64.self, at: o + 16),
                                             get(UInt64.self, at: o + 24), get(UInt64.self, at: o + 32))))
        }
        self.init(width: Int(get(UInt16.self, at: 0)), height: Int(get(UInt16.self, at: 2)), features: features)
    }
}
