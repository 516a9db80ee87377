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
}
