import Foundation

/// A clustering kept in the catalog under a name (`likeness cluster --save NAME`), to list, show,
/// colour a map by, and compare with another run.
public struct SavedClustering: Sendable, Codable, Equatable {
    public var name: String
    public var createdAt: Date
    /// How it was made, as the JSON of the job's settings (algorithm, model, reduction).
    public var settings: String
    /// Points clustered, clusters found, and points left as noise.
    public var points: Int
    public var clusters: Int
    public var noise: Int

    public init(name: String, createdAt: Date, settings: String, points: Int, clusters: Int, noise: Int) {
        self.name = name
        self.createdAt = createdAt
        self.settings = settings
        self.points = points
        self.clusters = clusters
        self.noise = noise
    }
}

/// One image's place in a saved clustering: its cluster, or −1 for noise.
public struct ClusterMembership: Sendable, Codable, Equatable {
    public var imageID: Int64
    public var path: String
    public var label: Int

    public init(imageID: Int64, path: String, label: Int) {
        self.imageID = imageID
        self.path = path
        self.label = label
    }
}
