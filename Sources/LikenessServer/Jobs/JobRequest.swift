import LikenessANN
import LikenessEngine

/// A job a client may start, with every path already checked against the roots.
///
/// The closed set of what the server runs: each case maps to one engine job in ``JobRequest/run(in:)``.
public enum JobRequest: Sendable, Equatable {
    /// `scan` of folders inside the roots.
    case scan(folders: [String])
    /// `embed` of folders inside the roots (scanned first).
    case embed(folders: [String])
    /// The default `dupes` over folders inside the roots.
    case dupes(folders: [String], rule: DuplicateConfiguration, index: IndexChoice = .exact)
    /// `novelty` of a query folder against a reference folder, both inside the roots.
    case novelty(reference: String, query: String, threshold: Float?)
    /// `search` for the nearest catalogued images of image files (a catalogued image or an upload).
    case search(queries: [String], k: Int, model: String, index: IndexChoice = .exact)
    /// `calibrate sample`: pairs for a person to label, from folders inside the roots.
    case sample(folders: [String], count: Int)
    /// `calibrate` from the labelled pairs file, saving the chosen threshold.
    case calibrate(pairs: String, save: String)
    /// Move chosen copies into the trash, journalled.
    case move(paths: [String], destination: String, roots: [String])
    /// Undo the moves of one journal.
    case undo(journal: String)
    /// Record or forget "not duplicates" decisions (the engine's decisions store).
    case decide(DecisionsJob.Action)
    /// `cluster` of folders inside the roots by the method's vectors, with a map of the result.
    case cluster(folders: [String], algorithm: ClusterAlgorithm, method: ClusterMethod, save: String?)

    /// The kind, for listings.
    public var kind: JobKind {
        switch self {
        case .scan: .scan
        case .embed: .embed
        case .dupes: .dupes
        case .novelty: .novelty
        case .search: .search
        case .sample: .sample
        case .calibrate: .calibrate
        case .move: .move
        case .undo: .undo
        case .decide: .decide
        case .cluster: .cluster
        }
    }

    /// " through INDEX" for an index other than exact.
    private static func through(_ index: IndexChoice) -> String { index == .exact ? "" : " through \(index)" }

    /// One line for people: what runs on what.
    public var summary: String {
        switch self {
        case .scan(let folders): "scan " + folders.joined(separator: ", ")
        case .embed(let folders): "embed " + folders.joined(separator: ", ")
        case .dupes(let folders, _, let index): "dupes " + folders.joined(separator: ", ") + Self.through(index)
        case .novelty(let reference, let query, _): "novelty of \(query) against \(reference)"
        case .search(let queries, _, let model, let index): "search " + queries.joined(separator: ", ") + " (\(model))" + Self.through(index)
        case .sample(let folders, let count): "sample \(count) pairs to label from " + folders.joined(separator: ", ")
        case .calibrate(let pairs, _): "calibrate from " + pairs
        case .move(let paths, _, _): "move \(paths.count) copies aside"
        case .undo(let journal): "undo \(journal)"
        case .decide(.keepAll(let paths)): "keep all of \(paths.count) images"
        case .decide(.forget(let paths)): "forget the decisions about \(paths.count) images"
        case .decide(.list): "list decisions"
        case .cluster(let folders, let algorithm, let method, let save):
            "cluster " + folders.joined(separator: ", ") + " (\(algorithm.summary), \(method.summary))" + (save.map { ", saved as '\($0)'" } ?? "")
        }
    }

    /// Runs the matching engine job.
    public func run(in context: JobContext) throws(JobError) -> JobOutcome {
        switch self {
        case .scan(let folders):
            return .scan(try ScanJob(roots: folders).run(in: context))
        case .embed(let folders):
            return .embed(try EmbedJob(folders: folders).run(in: context))
        case .dupes(let folders, let rule, let index):
            return .dupes(try DupesJob(folders: folders, mode: .embedding(rule), index: index).run(in: context))
        case .novelty(let reference, let query, let threshold):
            return .novelty(try NoveltyJob(reference: reference, query: query, threshold: threshold).run(in: context))
        case .search(let queries, let k, let model, let index):
            return .search(try SearchJob(queries: queries, model: model, k: k, index: index).run(in: context))
        case .sample(let folders, let count):
            return .sample(try SamplePairsJob(folders: folders, count: count).run(in: context))
        case .calibrate(let pairs, let save):
            return .calibrate(try CalibrateJob(source: .pairs(file: pairs), save: save).run(in: context))
        case .move(let paths, let destination, let roots):
            return .move(try MoveJob(paths: paths, destination: destination, roots: roots).run(in: context))
        case .undo(let journal):
            return .undo(try UndoJob(path: journal).run(in: context))
        case .decide(let action):
            return .decide(try DecisionsJob(action).run(in: context))
        case .cluster(let folders, let algorithm, let method, let save):
            return .cluster(try ClusterJob(folders: folders, algorithm: algorithm, method: method, save: save, withMap: true).run(in: context))
        }
    }
}
