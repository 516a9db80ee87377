import LikenessCore

/// What one scan did, for people and scripts.
public struct ScanSummary: Sendable, Codable {
    /// The absolute folders (or files) scanned.
    public var roots: [String]
    /// Regular files found by the walk.
    public var discovered = 0
    /// Files never seen before, read this scan.
    public var new = 0
    /// Files whose size or modification time changed (or that came back after being gone), read this scan.
    public var changed = 0
    /// New or changed files left unread because the scan was interrupted.
    public var remaining = 0
    /// Files skipped because their size and modification time are unchanged.
    public var unchanged = 0
    /// Catalogued files no longer found.
    public var gone = 0
    /// Files read this scan that turned out to be good images.
    public var images = 0
    /// Items that failed this scan, by reason (files and folders).
    public var failed: [FailureKind: Int] = [:]
    /// Every failure of this scan with its path and message.
    public var failures: [ScannedFailure] = []
    /// True when the scan stopped early; committed batches are kept and a re-run resumes.
    public var interrupted = false
    /// Wall time in seconds.
    public var seconds = 0.0

    public init(roots: [String]) { self.roots = roots }

    /// Files whose content was read this scan.
    public var processed: Int { new + changed }

    /// Files read per second.
    public var filesPerSecond: Double { seconds > 0 ? Double(processed) / seconds : 0 }

    /// Total failures this scan.
    public var failedCount: Int { failed.values.reduce(0, +) }

    mutating func note(_ failure: ItemFailure, path: String) {
        failed[failure.kind, default: 0] += 1
        failures.append(ScannedFailure(path: path, kind: failure.kind, message: failure.message))
    }
}

/// One failed item of a scan.
public struct ScannedFailure: Sendable, Codable, Hashable {
    public var path: String
    public var kind: FailureKind
    public var message: String
}

/// The counts of the scan that preceded a job.
public struct ScanCount: Codable, Sendable, Equatable {
    public var discovered: Int
    public var processed: Int
    public var failed: Int

    public init(_ summary: ScanSummary) {
        (discovered, processed, failed) = (summary.discovered, summary.processed, summary.failedCount)
    }
}
