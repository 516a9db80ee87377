import Foundation
import LikenessImaging

/// Settings for ``CatalogScanner``.
public struct ScanConfiguration: Sendable {
    /// Files processed and committed together; an interruption loses at most one batch of work.
    /// Default 64.
    public var batchSize: Int
    /// Files decoded in parallel. Default: the number of active processors.
    public var workers: Int
    /// Decoder settings, including the pixel cap against decompression bombs.
    public var decode: DecodeConfiguration
    /// How a file's pixels are proven decodable. Default: a 64-pixel thumbnail
    /// (``PixelCheck/standard``).
    public var pixelCheck: PixelCheck

    public init(batchSize: Int = 64,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                decode: DecodeConfiguration = DecodeConfiguration(),
                pixelCheck: PixelCheck = .standard) {
        self.batchSize = max(1, batchSize)
        self.workers = max(1, workers)
        self.decode = decode
        if case .thumbnail(let edge) = pixelCheck { self.pixelCheck = .thumbnail(edge: max(1, edge)) } else { self.pixelCheck = pixelCheck }
    }

    /// The same with only the pixel cap changed from the decoder's default.
    public init(batchSize: Int = 64, workers: Int = ProcessInfo.processInfo.activeProcessorCount, maxPixels: Int) {
        self.init(batchSize: batchSize, workers: workers, decode: DecodeConfiguration(maxPixels: maxPixels))
    }

    /// Largest accepted image in pixels (width × height × pages); larger files are refused as
    /// decompression bombs before any pixel is decoded.
    public var maxPixels: Int { decode.maxPixels }
}
