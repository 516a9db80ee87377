import Foundation

/// What a client sees of one job: its state, its latest progress and, when it failed, why.
public struct JobSnapshot: Codable, Sendable, Equatable {
    /// Where a job is in its life.
    public enum State: String, Codable, Sendable {
        case queued, running, finished, failed, cancelled

        /// True once the job will not change again.
        public var isTerminal: Bool { self == .finished || self == .failed || self == .cancelled }
    }

    /// The progress of the current phase, as the engine reports it.
    public struct Progress: Codable, Sendable, Equatable {
        public var phase: String
        public var completed: Int
        /// Nil when the phase does not know its size.
        public var total: Int?
    }

    /// The typed failure of a job: the code of its ``LikenessEngine/JobError`` case and its message.
    public struct Failure: Codable, Sendable, Equatable {
        public var code: APIError.Code
        public var message: String
    }

    public var id: Int
    public var kind: JobKind
    public var summary: String
    public var state: State
    public var progress: Progress?
    public var error: Failure?
    public var created: Date
    public var started: Date?
    public var ended: Date?
}
