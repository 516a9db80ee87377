/// What a search reads from a catalog, summed up so that a long-lived shell can tell, with one
/// cheap query, whether the vectors it loaded still hold (``CatalogStore/contentStamp()``).
///
/// Every change a search can see changes it: an image recorded (new, read again, or back from
/// gone) moves the count or the scan times; one marked gone moves ``gone``; a vector stored,
/// replaced under new weights or forgotten moves ``vectors``. Writes a search does not read
/// (signals, decisions, clusterings, the work queue) leave it as it was.
public struct ContentStamp: Equatable, Sendable {
    public var images: Int
    public var gone: Int
    /// The sum and the latest of the rows' scan times: a file read again moves both.
    public var scanTimeSum: Double
    public var latestScanTime: Double
    /// Stored vectors per model and weights, in model then fingerprint order.
    public var vectors: [VectorCount]

    public struct VectorCount: Equatable, Sendable {
        public var model: String
        public var fingerprint: String
        public var count: Int

        public init(model: String, fingerprint: String, count: Int) {
            self.model = model
            self.fingerprint = fingerprint
            self.count = count
        }
    }

    public init(images: Int, gone: Int, scanTimeSum: Double, latestScanTime: Double, vectors: [VectorCount]) {
        self.images = images
        self.gone = gone
        self.scanTimeSum = scanTimeSum
        self.latestScanTime = latestScanTime
        self.vectors = vectors
    }
}
