import Dispatch
import Foundation
import LikenessCore
import LikenessEngine
import Synchronization

/// Runs the server's jobs one at a time, in the order they were asked for, on a thread of its own.
///
/// One queue per server (and so per catalog): a scan and an embed never write the catalog at the
/// same time, and a search waits for the job before it. A queued job can be cancelled before it
/// starts; a running one stops at its next cancellation check and keeps what it finished. Progress
/// from the engine updates the job's snapshot, which clients poll or follow as server-sent events.
public final class JobRunner: Sendable {
    /// Runs one request; the production runner calls ``JobRequest/run(in:)``.
    public typealias Executor = @Sendable (JobRequest, JobContext) throws(JobError) -> JobOutcome

    private struct Record {
        var snapshot: JobSnapshot
        let request: JobRequest
        let token: CancellationToken
        var outcome: JobOutcome?
    }

    private struct State {
        var records: [Int: Record] = [:]
        var nextID = 1
        /// Bumped on every change, so followers know when to look again.
        var version = 0
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "likeness.server.jobs")
    private let context: @Sendable (any ProgressReporter, CancellationToken) -> JobContext
    private let executor: Executor
    private let finished: @Sendable (Int, JobRequest, JobOutcome) -> Void
    /// Finished jobs kept for listing (the oldest are forgotten first).
    private let keep: Int

    /// - Parameters:
    ///   - context: builds the job context from the runner's progress reporter and the job's token.
    ///   - executor: runs a request (tests pass their own).
    ///   - finished: called on the runner's thread with every outcome, before the job shows as ended.
    public init(keep: Int = 50, context: @escaping @Sendable (any ProgressReporter, CancellationToken) -> JobContext,
                executor: @escaping Executor = { request, context throws(JobError) in try request.run(in: context) },
                finished: @escaping @Sendable (Int, JobRequest, JobOutcome) -> Void = { _, _, _ in }) {
        self.keep = keep
        self.context = context
        self.executor = executor
        self.finished = finished
    }

    /// Queues a job and returns its snapshot (queued).
    @discardableResult
    public func submit(_ request: JobRequest) -> JobSnapshot {
        let snapshot = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            let snapshot = JobSnapshot(id: id, kind: request.kind, summary: request.summary, state: .queued, created: Date())
            state.records[id] = Record(snapshot: snapshot, request: request, token: CancellationToken())
            state.version += 1
            forgetOld(&state)
            return snapshot
        }
        queue.async { self.execute(snapshot.id) }
        return snapshot
    }

    /// Asks a job to stop: a queued one is cancelled at once, a running one at its next check.
    /// Nil for an unknown id.
    public func cancel(_ id: Int) -> JobSnapshot? {
        state.withLock { state in
            guard var record = state.records[id] else { return nil }
            record.token.cancel()
            if record.snapshot.state == .queued {
                record.snapshot.state = .cancelled
                record.snapshot.ended = Date()
                record.snapshot.error = .init(code: .cancelled, message: "cancelled before it started")
            }
            state.records[id] = record
            state.version += 1
            return record.snapshot
        }
    }

    /// Cancels every queued and running job (on shutdown).
    public func cancelAll() {
        for job in jobs() where !job.state.isTerminal { _ = cancel(job.id) }
    }

    /// Cancels every job and waits until the running one has stopped at its next check (at most
    /// `limit`), so the process never exits under a job that is still writing.
    public func stop(waitingAtMost limit: Duration = .seconds(30)) async {
        cancelAll()
        let deadline = ContinuousClock.now + limit
        while jobs().contains(where: { $0.state == .running }) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    public func snapshot(_ id: Int) -> JobSnapshot? { state.withLock { $0.records[id]?.snapshot } }

    /// The outcome of a finished job, while it is kept.
    public func outcome(_ id: Int) -> JobOutcome? { state.withLock { $0.records[id]?.outcome } }

    /// Every kept job, newest first.
    public func jobs() -> [JobSnapshot] {
        state.withLock { $0.records.values.map(\.snapshot).sorted { $0.id > $1.id } }
    }

    /// A number that changes whenever any job changes.
    public var version: Int { state.withLock { $0.version } }

    /// Waits until the job has ended and returns its final snapshot (nil for an unknown id).
    public func wait(for id: Int, polling interval: Duration = .milliseconds(50)) async -> JobSnapshot? {
        while true {
            guard let snapshot = snapshot(id) else { return nil }
            if snapshot.state.isTerminal { return snapshot }
            try? await Task.sleep(for: interval)
        }
    }

    /// Runs a job on the runner's thread, unless it was cancelled while queued.
    private func execute(_ id: Int) {
        let started: (JobRequest, CancellationToken)? = state.withLock { state in
            guard var record = state.records[id], record.snapshot.state == .queued else { return nil }
            record.snapshot.state = .running
            record.snapshot.started = Date()
            state.records[id] = record
            state.version += 1
            return (record.request, record.token)
        }
        guard let (request, token) = started else { return }
        let reporter = RunnerProgress { progress in
            self.state.withLock { state in
                state.records[id]?.snapshot.progress = progress
                state.version += 1
            }
        }
        let result: Result<JobOutcome, JobError>
        do throws(JobError) { result = .success(try executor(request, context(reporter, token))) } catch { result = .failure(error) }
        if case .success(let outcome) = result { finished(id, request, outcome) }
        state.withLock { state in
            guard var record = state.records[id] else { return }
            record.snapshot.ended = Date()
            switch result {
            case .success(let outcome):
                record.outcome = outcome
                // A scan stopped on request returns what it finished; it still ended by cancellation.
                record.snapshot.state = token.isCancelled ? .cancelled : .finished
            case .failure(let error):
                let typed = APIError(error)
                record.snapshot.state = error.isCancellation ? .cancelled : .failed
                record.snapshot.error = .init(code: typed.code, message: typed.message)
            }
            state.records[id] = record
            state.version += 1
        }
    }

    private func forgetOld(_ state: inout State) {
        let ended = state.records.values.filter { $0.snapshot.state.isTerminal }.map(\.snapshot.id).sorted()
        for id in ended.dropLast(keep) { state.records[id] = nil }
    }
}

/// The reporter the runner hands to jobs: every report becomes the job's current progress.
struct RunnerProgress: ProgressReporter {
    let update: @Sendable (JobSnapshot.Progress) -> Void

    func begin(_ phase: String, total: Int?) { update(.init(phase: phase, completed: 0, total: total)) }
    func advance(_ phase: String, completed: Int, total: Int?) { update(.init(phase: phase, completed: completed, total: total)) }
    func end(_ phase: String) {}
}
