import Foundation

/// The files `likeness bench ann --data DIR` writes for the Python peers: the stored vectors and
/// the queries in `.fvecs` (each vector: its length as a little-endian int32, then its float32
/// values) and the exact top 10 of each query in `.ivecs` (the same with int32 ids), the formats
/// of the common ANN benchmark sets.
enum ANNBenchmarkFiles {
    static func write(stored: [[Float]], queries: [[Float]], truth: [[Int]], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: directory)
        try writeFvecs(stored, to: url.appendingPathComponent("base.fvecs"))
        try writeFvecs(queries, to: url.appendingPathComponent("query.fvecs"))
        try ivecs(truth).write(to: url.appendingPathComponent("groundtruth.ivecs"))
    }

    /// Writes vectors as `.fvecs` in blocks of 4,096, never as one `Data`: one `Data` of more than
    /// 2 GiB came out scrambled past its first 2^31 bytes here (1M × 1280-d, 5.1 GB).
    static func writeFvecs(_ vectors: [[Float]], to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        for start in stride(from: 0, to: vectors.count, by: 4_096) {
            try handle.write(contentsOf: fvecs(Array(vectors[start..<Swift.min(start + 4_096, vectors.count)])))
        }
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
            // Mapped, so a file of gigabytes is not held twice while it is split into rows (Foundation's
            // Data(contentsOf:) read a 5 GB file short here).
            let path = url.appendingPathComponent(name).path
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_size > 0,
                  let base = mmap(nil, Int(status.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
            }
            defer { munmap(base, Int(status.st_size)) }
            let raw = UnsafeRawBufferPointer(start: base, count: Int(status.st_size))
            var rows: [[T]] = []
            var offset = 0
            while offset + 4 <= raw.count {
                let length = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
                guard length > 0, offset + 4 + length * 4 <= raw.count else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path]) }
                rows.append((0..<length).map { raw.loadUnaligned(fromByteOffset: offset + 4 + $0 * 4, as: T.self) })
                offset += 4 + length * 4
            }
            return rows
        }
        let truth = try vectors("groundtruth.ivecs", Int32.self).map { $0.map { Int(Int32(littleEndian: $0)) } }
        return (try vectors("base.fvecs", Float.self), try vectors("query.fvecs", Float.self), truth)
    }
}
