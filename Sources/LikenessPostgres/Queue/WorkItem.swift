import LikenessCore

/// One item a worker has leased from the queue: the image to work on, until its lease expires.
public struct WorkItem: Sendable, Hashable {
    /// The item's id in the queue.
    public var id: Int64
    public var image: CatalogImage

    public init(id: Int64, image: CatalogImage) {
        self.id = id
        self.image = image
    }
}
