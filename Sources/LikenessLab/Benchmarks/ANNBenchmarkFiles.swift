import Foundation

/// The files `likeness bench ann --data DIR` writes for the Python peers: the stored vectors and
/// the queries in `.fvecs` (each vector: its length as a little-endian int32, then its float32
/// values) and the exact top 10 of each query in `.ivecs` (the same with int32 ids), the formats
/// of the common ANN benchmark sets.
enum ANNBenchmarkFiles {
    static func write(stored: [[Float]], queries: [[Float]], truth: [[Int]], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try fvecs(stored).write(to: URL(fileURLWithPath: directory).appendingPathComponent("base.fvecs"))
        try fvecs(queries).write(to: URL(fileURLWithPath: directory).appendingPathComponent("query.fvecs"))
        try ivecs(truth).write(to: URL(fileURLWithPath: directory).appendingPathComponent("groundtruth.ivecs"))
    }

    static func fvecs(_ vectors: [[Float]]) -> Data {
        var data = Data()
        data.reserveCapacity(vectors.count * ((vectors.first?.count ?? 0) + 1) * 4)
        for vector in vectors {
            append(Int32(vector.count).littleEndian, to: &data)
            // This machine is little-endian (x86-64, arm64), so the floats are written as they lie.
            vector.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    static func ivecs(_ lists: [[Int]]) -> Data {
        var data = Data()
        for list in lists {
            append(Int32(list.count).littleEndian, to: &data)
            for id in list { append(Int32(id).littleEndian, to: &data) }
        }
        return data
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value) { data.append(contentsOf: $0) }
    }

    /// The stored vectors, queries and exact top 10 that ``write(stored:queries:truth:to:)`` wrote.
    static func read(from directory: String) throws -> (stored: [[Float]], queries: [[Float]], truth: [[Int]]) {
        let url = URL(fileURLWithPath: directory)
        func vectors<T>(_ name: String, _ type: T.Type) throws -> [[T]] {
            // Mapped, so a file of gigabytes is not held twice while it is split into rows.
            let data = try Data(contentsOf: url.appendingPathComponent(name), options: .alwaysMapped)
            return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> [[T]] in
                var rows: [[T]] = []
                var offset = 0
                while offset + 4 <= raw.count {
                    let length = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
                    guard length > 0, offset + 4 + length * 4 <= raw.count else { throw CocoaError(.fileReadCorruptFile) }
                    rows.append((0..<length).map { raw.loadUnaligned(fromByteOffset: offset + 4 + $0 * 4, as: T.self) })
                    offset += 4 + length * 4
                }
                return rows
            }
        }
        let truth = try vectors("groundtruth.ivecs", Int32.self).map { $0.map { Int(Int32(littleEndian: $0)) } }
        return (try vectors("base.fvecs", Float.self), try vectors("query.fvecs", Float.self), truth)
    }
}
