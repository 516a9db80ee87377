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
    /// Edge of the small thumbnail decoded to prove a file's pixels are readable. Default 64.
    public var validationSize: Int

    public init(batchSize: Int = 64,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                decode: DecodeConfiguration = DecodeConfiguration(),
                validationSize: Int = 64) {
        self.batchSize = max(1, batchSize)
        self.workers = max(1, workers)
        self.decode = decode
        self.validationSize = max(1, validationSize)
    }

    /// The same with only the pixel cap changed from the decoder's default.
    public init(batchSize: Int = 64, workers: Int = ProcessInfo.processInfo.activeProcessorCount, maxPixels: Int) {
        self.init(batchSize: batchSize, workers: workers, decode: DecodeConfiguration(maxPixels: maxPixels))
    }

    /// Largest accepted image in pixels (width × height × pages); larger files are refused as
    /// decompression bombs before any pixel is decoded.
    public var maxPixels: Int { decode.maxPixels }
}
