import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessImaging

/// Small JPEG thumbnails, for reports (as data URIs) and for the server (as bytes).
public struct Thumbnails: Sendable {
    private let decoder: ImageDecoder
    private let editor: ImageEditor
    public let size: Int

    public init(size: Int = 160) throws(ImagingError) {
        decoder = try ImageDecoder()
        editor = try ImageEditor()
        self.size = size
    }

    /// The JPEG thumbnail of one image, fitted into `size × size` (shrunk on load).
    public func jpeg(_ source: ImageSource) throws(ItemFailure) -> [UInt8] {
        try jpeg(source.decode(decoder, to: .fit(width: size, height: size)), path: source.path)
    }

    /// The image at its full pixel size as JPEG, for formats a browser cannot show (TIFF, HEIF, …).
    public func fullSizeJPEG(_ source: ImageSource, width: Int, height: Int) throws(ItemFailure) -> [UInt8] {
        try jpeg(source.decode(decoder, to: .fit(width: width, height: height)), path: source.path, quality: 90)
    }

    private func jpeg(_ pixels: PixelBuffer, path: String, quality: Int = 70) throws(ItemFailure) -> [UInt8] {
        do { return try editor.encoded(pixels, suffix: ".jpg[Q=\(quality),strip]") } catch {
            throw ItemFailure(.corruptImage, "\(path): cannot encode a JPEG: \(error)")
        }
    }

    /// `data:image/png;base64,…` of pixels made in memory (an autoencoder's reconstruction), at their
    /// own size; nil when they cannot be encoded.
    public func pngDataURI(_ pixels: PixelBuffer) -> String? {
        (try? editor.encoded(pixels, suffix: ".png")).map { "data:image/png;base64," + Data($0).base64EncodedString() }
    }

    /// `data:image/jpeg;base64,…` for each path that decodes, keyed by path.
    public func dataURIs(_ paths: [String], workers: Int = 2) -> [String: String] {
        let uris = ParallelWork.map(paths, workers: workers) { path -> String? in
            guard let jpeg = try? jpeg(ImageSource(path: path)) else { return nil }
            return "data:image/jpeg;base64," + Data(jpeg).base64EncodedString()
        }
        var result: [String: String] = [:]
        for (path, uri) in zip(paths, uris) { if let uri { result[path] = uri } }
        return result
    }
}
