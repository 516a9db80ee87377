/// The quantisation tables of a JPEG file and the IJG quality they correspond to.
///
/// Every JPEG encoder writes its tables in DQT segments; libjpeg, libvips, Pillow, GIMP and most
/// cameras' firmware scale the two tables of the JPEG standard (Annex K) by the IJG quality
/// formula, so the luminance table names the quality the file was saved at. Encoders with their
/// own tables (some cameras, Photoshop) get the nearest IJG quality, marked as not standard.
public struct JPEGQuantization: Sendable, Hashable {
    /// Tables by id (0–3), each 64 steps in natural (row-major) order.
    public var tables: [Int: [Int]]

    /// The IJG quality (1–100) whose luminance table is nearest to table 0; nil without table 0.
    public var quality: Int? { estimate?.quality }
    /// Whether table 0 (and table 1 when present) is exactly an IJG table at ``quality``.
    public var isStandard: Bool { estimate?.exact ?? false }

    private var estimate: (quality: Int, exact: Bool)? {
        guard let luma = tables[0] else { return nil }
        return Self.nearestQuality(luma: luma, chroma: tables[1])
    }

    /// Reads the DQT segments before the first scan; nil when `bytes` is not a JPEG or holds no table.
    public init?(jpeg bytes: [UInt8]) {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var tables: [Int: [Int]] = [:]
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { break }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }        // fill byte
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { at += 2; continue }
            if marker == 0xDA || marker == 0xD9 { break }   // start of scan or end of image: tables come before
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard length >= 2, at + 2 + length <= bytes.count else { break }
            if marker == 0xDB {
                var p = at + 4
                let end = at + 2 + length
                while p < end {
                    let precision = Int(bytes[p] >> 4), id = Int(bytes[p] & 0x0F)
                    let width = precision == 0 ? 1 : 2
                    guard p + 1 + 64 * width <= end, id < 4 else { break }
                    var natural = [Int](repeating: 0, count: 64)
                    for k in 0..<64 {
                        let q = width == 1 ? Int(bytes[p + 1 + k]) : Int(bytes[p + 1 + 2 * k]) << 8 | Int(bytes[p + 2 + 2 * k])
                        natural[Self.zigzag[k]] = q
                    }
                    tables[id] = natural
                    p += 1 + 64 * width
                }
            }
            at += 2 + length
        }
        guard !tables.isEmpty else { return nil }
        self.tables = tables
    }

    public init(tables: [Int: [Int]]) { self.tables = tables }

    /// The IJG quality whose scaled tables are nearest to `luma` (and `chroma`, when given), by the
    /// sum of absolute step differences; `exact` when they match step for step.
    public static func nearestQuality(luma: [Int], chroma: [Int]? = nil) -> (quality: Int, exact: Bool) {
        var best = (quality: 50, error: Int.max)
        for q in 1...100 {
            var error = zip(scaled(standardLuma, quality: q), luma).reduce(0) { $0 + abs($1.0 - $1.1) }
            if let chroma { error += zip(scaled(standardChroma, quality: q), chroma).reduce(0) { $0 + abs($1.0 - $1.1) } }
            if error < best.error { best = (q, error) }
        }
        return (best.quality, best.error == 0)
    }

    /// The IJG quality whose luminance table agrees with most of the steps known at some positions
    /// (natural order), as ``JPEGGhost`` recovers them from pixels: a step agrees when within 10 %
    /// (at least 1) of the table's; ties go to the higher quality. Robust to a few wrong steps.
    public static func nearestQuality(steps: [Int: Int]) -> Int? {
        guard !steps.isEmpty else { return nil }
        func agreeing(_ quality: Int) -> Int {
            let table = scaled(standardLuma, quality: quality)
            return steps.filter { abs(table[$0.key] - $0.value) <= max(1, table[$0.key] / 10) }.count
        }
        return (1...100).reversed().max { agreeing($0) < agreeing($1) }
    }

    /// An Annex K table scaled to an IJG quality (1–100), steps clamped to 1…255 as baseline JPEG does.
    public static func scaled(_ table: [Int], quality: Int) -> [Int] {
        let q = max(1, min(100, quality))
        let scale = q < 50 ? 5000 / q : 200 - 2 * q
        return table.map { max(1, min(255, ($0 * scale + 50) / 100)) }
    }

    /// The JPEG standard's luminance table (Annex K.1), natural order.
    public static let standardLuma = [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ]

    /// The JPEG standard's chrominance table (Annex K.2), natural order.
    public static let standardChroma: [Int] = (0..<64).map { i in
        let (row, column) = (i / 8, i % 8)
        let top = [[17, 18, 24, 47], [18, 21, 26, 66], [24, 26, 56, 99], [47, 66, 99, 99]]
        return row < 4 && column < 4 ? top[row][column] : 99
    }

    /// Natural position of the k-th coefficient in zigzag order.
    public static let zigzag = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ]
}
