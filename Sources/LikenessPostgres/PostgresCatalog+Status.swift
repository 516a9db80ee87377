import Foundation
import LikenessCatalog
import PostgresNIO

extension PostgresCatalog {
    /// The queue's items by task and state, and the workers that registered, most recently seen first.
    public func queueStatus() throws(CatalogError) -> QueueStatus {
        let images = try session.rows("SELECT count(*) FROM image WHERE NOT gone AND failure_kind IS NULL AND width IS NOT NULL") {
            try $0.decode(Int.self)
        }.first ?? 0
        let counts = try session.rows("""
            SELECT kind, method, version, \(unescaped: QueueStatus.ItemCounts.selectList)
            FROM work_item GROUP BY kind, method, version ORDER BY kind, method, version
            """) { try $0.decode((String, String, String, Int, Int, Int, Int, Int).self) }
        var tasks: [QueueStatus.TaskCounts] = []
        for (kind, method, version, pending, leased, expired, done, failed) in counts {
            guard let kind = WorkKind(rawValue: kind) else { continue }
            tasks.append(QueueStatus.TaskCounts(task: WorkTask(kind: kind, method: method, version: version),
                                                items: .init(pending: pending, leased: leased, expired: expired, done: done, failed: failed)))
        }
        let scans = try session.rows("""
            SELECT root, \(unescaped: QueueStatus.ItemCounts.selectList)
            FROM scan_item GROUP BY root ORDER BY root
            """) { row in
            let (root, pending, leased, expired, done, failed) = try row.decode((String, Int, Int, Int, Int, Int).self)
            return QueueStatus.ScanCounts(root: root, items: .init(pending: pending, leased: leased, expired: expired, done: done, failed: failed))
        }
        let workers = try session.rows("""
            SELECT id, host, pid, jobs, done, extract(epoch FROM now() - seen_at)::float8, extract(epoch FROM now() - started_at)::float8,
                finished_at IS NOT NULL
            FROM worker ORDER BY seen_at DESC, id
            """) { row in
            let (id, host, pid, jobs, done, seen, running, finished) = try row.decode((String, String, Int, String, Int, Double, Double, Bool).self)
            let kinds = jobs.split(separator: ",").compactMap { WorkKind(rawValue: String($0)) }
            return QueueStatus.Worker(identity: WorkerIdentity(id: id, host: host, pid: pid, jobs: kinds), done: done,
                                      secondsSinceSeen: seen, secondsRunning: running, finished: finished)
        }
        return QueueStatus(images: images, tasks: tasks, scans: scans, workers: workers)
    }
}
