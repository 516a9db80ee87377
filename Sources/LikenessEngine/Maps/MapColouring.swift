/// What colours the points of a map.
public enum MapColouring: Sendable, Codable, Equatable {
    /// One colour per folder (the image's parent folder).
    case folder
    /// One colour per cluster of a clustering saved with `cluster --save NAME`; noise grey.
    case cluster(String)
    /// All points alike.
    case none

    /// Parses `folder`, `none` or `cluster:NAME`.
    public init(argument: String) throws(JobError) {
        switch argument {
        case "folder": self = .folder
        case "none": self = .none
        case _ where argument.hasPrefix("cluster:") && argument.count > 8: self = .cluster(String(argument.dropFirst(8)))
        default: throw .invalidInput("colouring '\(argument)' is not one of: folder, none, cluster:NAME")
        }
    }
}
