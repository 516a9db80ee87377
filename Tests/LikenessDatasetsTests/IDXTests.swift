import Foundation
@testable import LikenessDatasets
import LikenessTestSupport
import Testing

@Suite struct IDXTests {
    let folder = TemporaryDirectory("idx")

    /// An IDX file of unsigned bytes with the given dimensions.
    func idx(_ dims: [Int], _ payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dims.count)]
        for d in dims { bytes += withUnsafeBytes(of: UInt32(d).bigEndian, Array.init) }
        return bytes + payload
    }

    @Test("reads images and labels; grey becomes three equal channels")
    func plain() throws {
        let images = folder.file("img.idx", bytes: idx([2, 2, 3], Array(0..<12)))
        let labels = folder.file("lab.idx", bytes: idx([2], [7, 3]))
        let data = try IDXDataset.load(images: images, labels: labels)
        #expect(data.labels == [7, 3])
        #expect((data.images[1].width, data.images[1].height) == (3, 2))
        #expect(data.images[1][2, 1] == (11, 11, 11))
    }

    @Test("gzip files are inflated (made by the system's gzip)")
    func gzipped() throws {
        let images = folder.file("img.idx", bytes: idx([1, 2, 2], [1, 2, 3, 4]))
        let labels = folder.file("lab.idx", bytes: idx([1], [5]))
        for path in [images, labels] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/gzip")
            process.arguments = ["-k", path]
            try process.run()
            process.waitUntilExit()
        }
        let data = try IDXDataset.load(images: images + ".gz", labels: labels + ".gz")
        #expect(data.images[0].bytes == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4] && data.labels == [5])
    }

    @Test("isIDX reads the magic number, through gzip, and nothing else")
    func magic() throws {
        let images = try Fixtures.writeIDXPair(in: folder.folder("magic"), prefix: "m", gzip: true)
        #expect(IDXDataset.isIDX(images))
        #expect(IDXDataset.isIDX(folder.file("raw.bin", bytes: idx([2], [1, 2]))))
        let text = folder.file("text.txt", bytes: Array("0000 not idx".utf8))
        #expect(!IDXDataset.isIDX(text))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-k", text]
        try process.run()
        process.waitUntilExit()
        #expect(!IDXDataset.isIDX(text + ".gz"), "a gzip file whose content is not IDX")
        #expect(!IDXDataset.isIDX(folder.file("float.idx", bytes: [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0])), "only unsigned bytes")
        #expect(!IDXDataset.isIDX(folder.child("missing")))
    }

    @Test("damaged files give typed errors")
    func damaged() {
        let notIDX = folder.file("x.idx", bytes: Array("hello".utf8))
        let labels = folder.file("l.idx", bytes: idx([1], [1]))
        #expect(throws: DatasetError.self) { try IDXDataset.load(images: notIDX, labels: labels) }
        let truncated = folder.file("t.idx", bytes: Array(idx([2, 2, 2], [1, 2, 3]).prefix(20)))
        #expect(throws: DatasetError.self) { try IDXDataset.load(images: truncated, labels: labels) }
        let badGzip = folder.file("g.idx.gz", bytes: [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3])
        #expect(throws: DatasetError.self) { try IDXDataset.load(images: badGzip, labels: labels) }
        #expect(throws: DatasetError.unreadable(folder.child("none"))) { try IDXDataset.load(images: folder.child("none"), labels: labels) }
    }
}
