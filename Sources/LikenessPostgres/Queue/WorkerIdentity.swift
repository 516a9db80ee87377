import Foundation

/// Who a worker is, as the queue records it: a fresh id per run, its machine and process.
public struct WorkerIdentity: Sendable, Hashable, Codable {
    public var id: String
    public var host: String
    public var pid: Int
    public var jobs: [WorkKind]

    public init(id: String = UUID().uuidString.lowercased(), host: String = ProcessInfo.processInfo.hostName,
                pid: Int = Int(ProcessInfo.processInfo.processIdentifier), jobs: [WorkKind]) {
        self.id = id
        self.host = host
        self.pid = pid
        self.jobs = jobs
    }
}
