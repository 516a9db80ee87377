import Foundation
import LikenessNumerics

/// Writes and reads NumPy `.npy` files (format version 1.0, little-endian, C order), the way
/// benchmarks hand the same vectors to the Python peers and read their answers back.
///
/// Reference: the NPY format description in NumPy's `numpy.lib.format` documentation.
public enum NumpyFile {
    /// Why a file is not an array this reader takes.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let reason: String
        public var description: String { "\(path): not a float32/int64 .npy array this reader takes (\(reason))" }
    }

    /// Writes a float32 matrix (rows × columns).
    public static func write(_ matrix: Matrix, to path: String) throws {
        var data = header(descr: "<f4", shape: "(\(matrix.rows), \(matrix.columns))")
        matrix.values.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Writes a vector of integers as int64.
    public static func write(_ values: [Int], to path: String) throws {
        var data = header(descr: "<i8", shape: "(\(values.count),)")
        values.map { Int64($0).littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Reads a 2-D float32 array (a 1-D one is read as one column).
    public static func readMatrix(_ path: String) throws -> Matrix {
        let (descr, shape, body) = try parse(path)
        guard descr == "<f4" else { throw FormatError(path: path, reason: "dtype \(descr)") }
        let rows = shape.first ?? 0, columns = shape.count > 1 ? shape[1] : 1
        guard body.count == rows * columns * 4 else { throw FormatError(path: path, reason: "size") }
        var values = [Float](repeating: 0, count: rows * columns)
        _ = values.withUnsafeMutableBytes { body.copyBytes(to: $0) }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    /// Reads a 1-D int64 array.
    public static func readIntegers(_ path: String) throws -> [Int] {
        let (descr, shape, body) = try parse(path)
        guard descr == "<i8", shape.count == 1 else { throw FormatError(path: path, reason: "dtype \(descr), shape \(shape)") }
        var values = [Int64](repeating: 0, count: shape[0])
        guard body.count == shape[0] * 8 else { throw FormatError(path: path, reason: "size") }
        _ = values.withUnsafeMutableBytes { body.copyBytes(to: $0) }
        return values.map { Int(Int64(littleEndian: $0)) }
    }

    private static func header(descr: String, shape: String) -> Data {
        var text = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        // Magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
        while (10 + text.utf8.count + 1) % 64 != 0 { text += " " }
        text += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(text.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(text.utf8))
        return data
    }

    private static func parse(_ path: String) throws -> (descr: String, shape: [Int], body: Data) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count >= 10, data.prefix(6) == Data([0x93] + Array("NUMPY".utf8)) else { throw FormatError(path: path, reason: "no NPY magic") }
        let major = data[data.startIndex + 6]
        let (lengthSize, start) = major == 1 ? (2, 8) : (4, 8)
        var length = 0
        for i in 0..<lengthSize { length |= Int(data[data.startIndex + start + i]) << (8 * i) }
        let headerStart = start + lengthSize
        guard data.count >= headerStart + length,
              let text = String(data: data.subdata(in: (data.startIndex + headerStart)..<(data.startIndex + headerStart + length)), encoding: .ascii)
        else { throw FormatError(path: path, reason: "header") }
        guard !text.contains("'fortran_order': True") else { throw FormatError(path: path, reason: "Fortran order") }
        guard let descrRange = text.range(of: "'descr': '"), let descrEnd = text[descrRange.upperBound...].firstIndex(of: "'"),
              let shapeOpen = text.range(of: "'shape': ("), let shapeClose = text[shapeOpen.upperBound...].firstIndex(of: ")")
        else { throw FormatError(path: path, reason: "header fields") }
        let descr = String(text[descrRange.upperBound..<descrEnd])
        let shape = text[shapeOpen.upperBound..<shapeClose].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (descr, shape, data.subdata(in: (data.startIndex + headerStart + length)..<data.endIndex))
    }
}
