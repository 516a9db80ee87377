/// A 2-D map of a collection: every image's coordinates and its colour group.
public struct MapResult: Codable, Sendable {
    /// One image on the map.
    public struct Point: Codable, Sendable, Equatable {
        public var path: String
        public var x: Float
        public var y: Float
        /// Index into ``MapResult/groups``; nil when uncoloured or in no group (cluster noise).
        public var group: Int?

        public init(path: String, x: Float, y: Float, group: Int?) {
            self.path = path
            self.x = x
            self.y = y
            self.group = group
        }
    }

    public var projection: MapProjection
    public var reduction: Reduction
    public var colouring: MapColouring
    /// What made the vectors: a model id, `pixels` or a hash name.
    public var method: ClusterMethod
    /// The model's id for a model method (nil otherwise).
    public var model: String?
    /// Names of the colour groups (folders, or "cluster 0", …).
    public var groups: [String]
    public var points: [Point]
    public var scan: ScanCount?
    public var skipped: [ScannedFailure]?
    public var stale: [ScannedFailure]?
}
