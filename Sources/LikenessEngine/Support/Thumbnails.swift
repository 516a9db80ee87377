import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessImaging

/// Small JPEG thumbnails for reports, as data URIs.
public struct Thumbnails: Sendable {
    private let decoder: ImageDecoder
    private let editor: ImageEditor
    public let size: Int

    public init(size: Int = 160) throws(ImagingError) {
        decoder = try ImageDecoder()
        editor = try ImageEditor()
        self.size = size
    }

    /// `data:image/jpeg;base64,…` for each path that decodes, keyed by path.
    public func dataURIs(_ paths: [String], workers: Int = 2) -> [String: String] {
        let uris = ParallelWork.map(paths, workers: workers) { path -> String? in
            guard let pixels = try? ImageSource(path: path).decode(decoder, to: .fit(width: size, height: size)),
                  let jpeg = try? editor.encoded(pixels, suffix: ".jpg[Q=70,strip]") else { return nil }
            return "data:image/jpeg;base64," + Data(jpeg).base64EncodedString()
        }
        var result: [String: String] = [:]
        for (path, uri) in zip(paths, uris) { if let uri { result[path] = uri } }
        return result
    }
}
