/// The EXIF orientation tag (1–8) of a JPEG, read from its APP1 segment without decoding anything.
///
/// Values follow the EXIF standard (and libvips' `autorot`): 1 upright, 2 mirrored, 3 turned 180°,
/// 4 mirrored top to bottom, 5 transposed, 6 needs 90° clockwise, 7 transversed, 8 needs 270° clockwise.
/// A missing, unreadable or out-of-range tag reads as 1, as libvips reads it.
struct ExifOrientation: Equatable {
    let value: Int

    static let upright = ExifOrientation(value: 1)

    init(value: Int) {
        self.value = (1...8).contains(value) ? value : 1
    }

    /// True when display turns the stored image by 90° or 270°, so its width and height swap.
    var swapsAxes: Bool { value >= 5 }

    /// Scans the segments before the first scan (start-of-scan ends the header) for an `Exif` APP1
    /// and reads tag 0x0112 of its first IFD. The last such segment wins, as in libvips.
    init(jpeg bytes: UnsafeRawBufferPointer) {
        var found = 1
        var at = 2 // after the start-of-image marker
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { break }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue } // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { at += 2; continue }
            if marker == 0xDA || marker == 0xD9 { break } // start of scan, end of image: no more header
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard length >= 2, at + 2 + length <= bytes.count else { break }
            if marker == 0xE1, let value = Self.orientation(inAPP1: UnsafeRawBufferPointer(rebasing: bytes[(at + 4)..<(at + 2 + length)])) {
                found = value
            }
            at += 2 + length
        }
        self.init(value: found)
    }

    /// The orientation in one APP1 payload, or nil when it is not EXIF or holds no such tag.
    private static func orientation(inAPP1 payload: UnsafeRawBufferPointer) -> Int? {
        let signature: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0] // "Exif\0\0"
        guard payload.count >= signature.count + 8, zip(payload, signature).allSatisfy({ $0 == $1 }) else { return nil }
        let tiff = UnsafeRawBufferPointer(rebasing: payload[signature.count...])
        let bigEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x4D, 0x4D): bigEndian = true  // "MM"
        case (0x49, 0x49): bigEndian = false // "II"
        default: return nil
        }
        func read(_ offset: Int, _ size: Int) -> Int? {
            guard offset >= 0, offset + size <= tiff.count else { return nil }
            var value = 0
            for i in 0..<size { value |= Int(tiff[offset + (bigEndian ? i : size - 1 - i)]) << (8 * (size - 1 - i)) }
            return value
        }
        guard read(2, 2) == 42, let ifd = read(4, 4), let count = read(ifd, 2) else { return nil }
        for entry in 0..<count {
            let base = ifd + 2 + 12 * entry
            guard let tag = read(base, 2), let type = read(base + 2, 2) else { return nil }
            guard tag == 0x0112 else { continue }
            switch type {
            case 3: return read(base + 8, 2)  // SHORT, left-justified in the value field
            case 4: return read(base + 8, 4)  // LONG, from writers that use the wrong type
            default: return nil
            }
        }
        return nil
    }
}
