import LikenessANN
import LikenessEngine

/// The body of `POST /api/v1/jobs`: `{"kind": "scan"|"embed"|"dupes"|"novelty"|"sample"|"calibrate"|"cluster", …}`.
///
/// Folders are optional (default: every root) and must lie inside the roots once symbolic links and
/// `..` are resolved; novelty needs `reference` and `query`; sample takes `count` (default 100);
/// calibrate uses the server's labels file. Rule values left out keep the CLI's defaults.
public struct JobStart: Codable, Sendable {
    public var kind: JobKind
    public var folders: [String]?
    /// dupes: the cosine accepted alone, the candidate cosine, the pHash radius, the minimum inliers.
    public var accept: Float?
    public var candidate: Float?
    public var hashRadius: Int?
    public var minimumInliers: Int?
    /// novelty: the two folders and the cosine below which a query image is novel.
    public var reference: String?
    public var query: String?
    public var threshold: Float?
    /// sample: how many pairs to draw.
    public var count: Int?
    /// cluster: the algorithm and its options, as `likeness cluster` takes them (default: k-means with k chosen by
    /// silhouette), with `method` (a model id, `pixels` or a bit hash; default: the default model).
    public var cluster: ClusterOptions?
    /// cluster: keep the result in the catalog under this name, as `likeness cluster --save NAME`
    /// (an existing one of that name is replaced).
    public var save: String?

    public init(kind: JobKind, folders: [String]? = nil) {
        self.kind = kind
        self.folders = folders
    }

    /// The request with every path resolved and confined, or a typed refusal; `models` names the
    /// model ids a cluster `method` may take; a dupes job proposes candidates through `index`.
    public func resolved(in confinement: RootConfinement, labels: LabelStore, models: ModelLocator,
                         index: IndexChoice = .exact) throws(APIError) -> JobRequest {
        var checked: [String] = []
        for folder in folders ?? [] { checked.append(try confinement.check(folder)) }
        if checked.isEmpty { checked = confinement.roots.map(\.path) }
        switch kind {
        case .scan: return .scan(folders: checked)
        case .embed: return .embed(folders: checked)
        case .dupes:
            var rule = DuplicateConfiguration()
            if let accept { rule.acceptCosine = accept }
            if let candidate { rule.candidateCosine = candidate }
            if let hashRadius { rule.hashRadius = hashRadius }
            if let minimumInliers { rule.minimumInliers = minimumInliers }
            guard rule.candidateCosine <= rule.acceptCosine else {
                throw APIError(.unprocessableContent, .invalidInput, "candidate \(rule.candidateCosine) is above accept \(rule.acceptCosine)")
            }
            return .dupes(folders: checked, rule: rule, index: index)
        case .novelty:
            guard let reference, let query else {
                throw APIError(.badRequest, .badRequest, "novelty needs a reference folder and a query folder")
            }
            return .novelty(reference: try confinement.check(reference), query: try confinement.check(query), threshold: threshold)
        case .sample:
            let count = self.count ?? 100
            guard (1...2000).contains(count) else { throw APIError(.unprocessableContent, .invalidInput, "count is between 1 and 2000") }
            return .sample(folders: checked, count: count)
        case .calibrate:
            return .calibrate(pairs: labels.file, save: LabelStore.calibrationFile(beside: labels.file))
        case .cluster:
            let options = cluster ?? ClusterOptions(auto: true)
            if let save, save.trimmingCharacters(in: .whitespaces).isEmpty {
                throw APIError(.unprocessableContent, .invalidInput, "save needs a name")
            }
            do throws(JobError) {
                return .cluster(folders: checked, algorithm: try options.resolved(),
                                method: try options.resolvedMethod(models: models.registry.all().manifests.map(\.id)), save: save)
            } catch {
                throw APIError(.unprocessableContent, .invalidInput, error.description)
            }
        case .search, .move, .undo, .decide:
            throw APIError(.badRequest, .badRequest, "\(kind.rawValue) is started by its own route; jobs here are "
                           + JobKind.startable.map(\.rawValue).joined(separator: ", "))
        }
    }
}
