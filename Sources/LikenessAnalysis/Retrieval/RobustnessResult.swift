import LikenessCore
/// The outcome of the robustness benchmark: per method, the F1-max operating point over all pairs
/// and the recall of each edit there.
public struct RobustnessResult: Sendable, Codable {
    /// One method's results.
    public struct MethodResult: Sendable, Codable {
        public var method: PerceptualMethod
        /// Hash length for bit hashes; nil for continuous hashes.
        public var bits: Int?
        /// The F1-max point: pairs at distance ≤ its threshold (Hamming bits for bit hashes, the
        /// method's own distance for continuous hashes) are called the same. Rates only.
        public var best: OperatingPoint
        /// Recall at the best threshold per edit, in the order of ``RobustnessResult/edits``.
        public var recallByEdit: [Double]

        public init(method: PerceptualMethod, bits: Int?, best: OperatingPoint, recallByEdit: [Double]) {
            self.method = method
            self.bits = bits
            self.best = best
            self.recallByEdit = recallByEdit
        }
    }

    /// Photos that were edited.
    public var photos: Int
    /// Unedited unrelated images added as negatives.
    public var distractors: Int
    public var images: Int
    public var positivePairs: Int
    public var negativePairs: Int
    /// Edit names, in table order.
    public var edits: [String]
    public var methods: [MethodResult]
    /// Files that could not be used, with why.
    public var failures: [ItemFailure]

    public init(photos: Int, distractors: Int, images: Int, positivePairs: Int, negativePairs: Int,
                edits: [String], methods: [MethodResult], failures: [ItemFailure]) {
        self.photos = photos
        self.distractors = distractors
        self.images = images
        self.positivePairs = positivePairs
        self.negativePairs = negativePairs
        self.edits = edits
        self.methods = methods
        self.failures = failures
    }
}
