import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine

/// What the routes share: the configuration, the catalog reader, the job runner, the review, and
/// the image delivery. One per server.
public struct ServerServices: Sendable {
    public let configuration: ServerConfiguration
    public let reader: CatalogReader
    public let runner: JobRunner
    public let review: ReviewStore
    public let delivery: ImageDelivery
    public let labels: LabelStore
    let session: Session

    /// - Parameter executor: runs the engine jobs; tests may pass their own.
    public init(configuration: ServerConfiguration, executor: JobRunner.Executor? = nil) {
        self.configuration = configuration
        let reader = CatalogReader(catalogPath: configuration.catalogPath, confinement: configuration.confinement)
        let review = ReviewStore()
        let labels = LabelStore(file: (CatalogLocation.localFolder(of: configuration.catalogPath) as NSString)
            .appendingPathComponent("likeness-labels.csv"))
        self.labels = labels
        self.reader = reader
        self.review = review
        delivery = ImageDelivery()
        session = Session()
        // Searches reuse the loaded model and vectors while the catalog is unchanged.
        let searches = SearchSessions()
        let context: @Sendable (any ProgressReporter, CancellationToken) -> JobContext = { progress, token in
            JobContext(catalogPath: configuration.catalogPath, models: configuration.models, progress: progress,
                       cancellation: token, workers: configuration.workers, searchSessions: searches)
        }
        let finished: @Sendable (Int, JobRequest, JobOutcome) -> Void = { id, _, outcome in
            Self.record(outcome, of: id, review: review, reader: reader, labels: labels)
        }
        if let executor {
            runner = JobRunner(context: context, executor: executor, finished: finished)
        } else {
            runner = JobRunner(context: context, finished: finished)
        }
    }

    /// What a finished job changes: a dupes result replaces the review, a move removes the moved
    /// copies (the undo route puts them back, as it knows the journal), a sample replaces the pairs to label.
    private static func record(_ outcome: JobOutcome, of id: Int, review: ReviewStore, reader: CatalogReader, labels: LabelStore) {
        switch outcome {
        case .dupes(.embedding(let result)):
            let images = (try? reader.images(at: result.groups.flatMap { $0.members.map(\.path) })) ?? [:]
            review.install(job: id, result: result, images: images)
        case .move(let run):
            review.applied(run)
        case .sample(let result):
            try? labels.install(result.pairs)
        default:
            break
        }
    }

    /// Runs a job through the queue and waits for it: the outcome, or the job's typed failure.
    func runAndWait(_ request: JobRequest) async throws(APIError) -> JobOutcome {
        let submitted = runner.submit(request)
        guard let ended = await runner.wait(for: submitted.id) else { throw APIError(.internalServerError, .failed, "the job vanished") }
        if let outcome = runner.outcome(ended.id), ended.state == .finished { return outcome }
        let failure = ended.error ?? .init(code: .cancelled, message: "stopped")
        throw APIError(failure.code == .invalidInput ? .unprocessableContent : failure.code == .cancelled ? .conflict : .internalServerError,
                       failure.code, failure.message)
    }
}
