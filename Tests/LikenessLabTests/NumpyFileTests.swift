import Foundation
import LikenessLab
import LikenessNumerics
import Testing

@Suite struct NumpyFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)").path

    @Test func roundTripsAndNumpyReadsIt() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let matrix = Matrix(rows: 3, columns: 2, values: [1, -2, 3.5, 4, 0, 1e-3])
        try NumpyFile.write(matrix, to: folder + "/m.npy")
        try NumpyFile.write([7, -1, 1 << 40], to: folder + "/l.npy")
        #expect(try NumpyFile.readMatrix(folder + "/m.npy") == matrix)
        #expect(try NumpyFile.readIntegers(folder + "/l.npy") == [7, -1, 1 << 40])
        // The header is 64-byte aligned as the format asks.
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/m.npy"))
        #expect((10 + Int(data[8]) + Int(data[9]) << 8) % 64 == 0)
        #expect(throws: NumpyFile.FormatError.self) { try NumpyFile.readIntegers(folder + "/m.npy") }
    }
}
