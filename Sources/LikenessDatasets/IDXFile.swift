internal import CZlib
import Foundation
import LikenessCore

/// A failure reading a dataset file.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case corrupt(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path): "\(path): cannot be read"
        case .corrupt(let path, let message): "\(path): \(message)"
        }
    }
}

/// Images and labels in the IDX format of MNIST and Fashion-MNIST, optionally gzip-compressed.
///
/// Format (LeCun's MNIST page): big-endian magic `0x0000 TT DD` (TT = 0x08 for unsigned bytes,
/// DD = number of dimensions), then DD 32-bit sizes, then the data.
public struct IDXDataset: Sendable {
    /// Grey images as RGB buffers (the grey value in all three channels).
    public var images: [PixelBuffer]
    public var labels: [Int]

    /// Reads an image file and its label file.
    public static func load(images imagesPath: String, labels labelsPath: String, limit: Int? = nil) throws(DatasetError) -> IDXDataset {
        let (imageDims, imageBytes) = try read(imagesPath)
        let (labelDims, labelBytes) = try read(labelsPath)
        guard imageDims.count == 3 else { throw DatasetError.corrupt(imagesPath, "expected 3 dimensions, found \(imageDims.count)") }
        guard labelDims.count == 1, labelDims[0] == imageDims[0] else {
            throw DatasetError.corrupt(labelsPath, "expected \(imageDims[0]) labels, found dimensions \(labelDims)")
        }
        let (count, height, width) = (min(imageDims[0], limit ?? Int.max), imageDims[1], imageDims[2])
        let plane = width * height
        var images: [PixelBuffer] = []
        images.reserveCapacity(count)
        for n in 0..<count {
            let grey = imageBytes[(n * plane)..<((n + 1) * plane)]
            images.append(PixelBuffer(width: width, height: height, bytes: grey.flatMap { [$0, $0, $0] }))
        }
        return IDXDataset(images: images, labels: labelBytes.prefix(count).map(Int.init))
    }

    /// Whether the file at `path` starts like an IDX file of unsigned bytes (magic `00 00 08 DD`
    /// with 1 to 4 dimensions), gzip-compressed or not. Reads at most the first 64 KiB.
    public static func isIDX(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 65_536) else { return false }
        var head = Array(data.prefix(4))
        if data.starts(with: [0x1F, 0x8B]) {
            let bytes = Array(data)
            var out = [UInt8](repeating: 0, count: 4)
            let produced = bytes.withUnsafeBufferPointer { input in
                out.withUnsafeMutableBufferPointer { lk_gunzip_head(input.baseAddress, input.count, $0.baseAddress, 4) }
            }
            guard produced == 4 else { return false }
            head = out
        }
        return head.count == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08 && (1...4).contains(head[3])
    }

    /// Dimensions and the unsigned-byte payload of one IDX file.
    static func read(_ path: String) throws(DatasetError) -> ([Int], [UInt8]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw DatasetError.unreadable(path) }
        var bytes = Array(data)
        if bytes.starts(with: [0x1F, 0x8B]) { bytes = try gunzip(bytes, path: path) }
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else { throw DatasetError.corrupt(path, "not an IDX file") }
        guard bytes[2] == 0x08 else { throw DatasetError.corrupt(path, "only unsigned-byte IDX data is supported") }
        let rank = Int(bytes[3])
        guard bytes.count >= 4 + 4 * rank else { throw DatasetError.corrupt(path, "truncated header") }
        let dims = (0..<rank).map { i in bytes[(4 + 4 * i)..<(8 + 4 * i)].reduce(0) { $0 << 8 | Int($1) } }
        let payload = dims.reduce(1, *)
        let start = 4 + 4 * rank
        guard bytes.count - start >= payload else { throw DatasetError.corrupt(path, "truncated data: \(bytes.count - start) of \(payload) bytes") }
        return (dims, Array(bytes[start..<(start + payload)]))
    }

    static func gunzip(_ bytes: [UInt8], path: String) throws(DatasetError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = bytes.withUnsafeBufferPointer { lk_gunzip($0.baseAddress, $0.count, &out, &length) }
        guard status == 0, let out else { throw DatasetError.corrupt(path, "gzip data is damaged (zlib error \(status))") }
        defer { lk_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}
