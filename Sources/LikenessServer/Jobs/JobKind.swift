/// The kinds of job the server runs.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    case scan, embed, dupes, novelty, search, sample, calibrate, move, undo, decide, cluster

    /// Kinds a client may start through `POST /api/v1/jobs`; the others start from their own routes.
    public static let startable: [JobKind] = [.scan, .embed, .dupes, .novelty, .sample, .calibrate, .cluster]
}
