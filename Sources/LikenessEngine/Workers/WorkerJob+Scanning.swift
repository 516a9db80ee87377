import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessPostgres
#if canImport(Glibc)
import Glibc
#endif

/// `worker --jobs scan --root DIR`: `likeness scan` shared by several workers.
///
/// Each worker lists the folder with the walker `scan` uses (cheap: names, sizes, times) and adds
/// the files that are new, changed or back from gone to the root's queue (``PostgresScanQueue``);
/// files whose size and modification time match their catalogued row are not queued, so they are
/// never read again. Every worker may list: adding is idempotent. Workers then claim a few paths at
/// a time under a lease and examine each exactly as ``CatalogScanner`` does (SHA-256, header, test
/// decode, the same typed failures), and record the rows with the items marked done in one
/// transaction.
///
/// Marking gone happens once the root's queue is drained (nothing to claim, no lease held by
/// another worker), by each worker that gets there, never after Ctrl-C. It is safe for several
/// workers to do it, and safe against files that appear meanwhile: a row is marked gone only when
/// its file was not in this worker's listing (or vanished before it could be read) and does not
/// exist at the moment of marking, outside any folder the listing could not enter. Marking keeps
/// the row (as `scan` does: decisions and clusterings refer to it) and a later listing that finds
/// the file again brings it back; a path another worker marked first is not counted twice.
extension WorkerJob {
    /// Refuses scanning without a folder, a folder without scanning, and scanning over a SQLite file.
    func checkScanning(in context: JobContext) throws(JobError) {
        guard jobs.contains(.scan) else {
            if !roots.isEmpty { throw .invalidInput("--root names the folder of --jobs scan; add scan to --jobs (for example --jobs scan,embed)") }
            return
        }
        guard CatalogLocation.isShared(context.catalogPath) else {
            throw .invalidInput("`worker --jobs scan` shares a folder's scanning among workers through a shared catalog's queue "
                                + "(--catalog postgres://USER@HOST[:PORT]/DATABASE); over the catalog file \(context.catalogPath) "
                                + "run `likeness scan DIR --catalog \(context.catalogPath)`, which does the same on this machine")
        }
        guard !roots.isEmpty else { throw .invalidInput("give --root DIR, the folder to scan, for --jobs scan") }
        try InputPaths.requireExisting(roots)
    }

    /// Lists `root` into its scan queue, reads what the queue holds until it is drained, then marks
    /// the files that left the folder gone.
    func scan(_ root: String, catalog: PostgresCatalog, worker: WorkerIdentity, summary: inout WorkerSummary, context: JobContext) throws {
        let queue = PostgresScanQueue(catalog: catalog, root: root, worker: worker, leaseSeconds: leaseSeconds)
        context.progress.begin("walk", total: nil)
        let walk = FileWalker().walk([root])
        context.progress.end("walk")
        for problem in walk.problems { summary.noteScan(problem.failure, path: problem.path) }
        let stored = try catalog.storedStates(under: [root])
        let todo = walk.files.filter { file in stored[file.path].map { $0.isGone || $0.fingerprint != file.fingerprint } ?? true }
        summary.listed += try queue.list(todo.map { ListedFile(path: $0.path, hasValidName: $0.hasValidName, fingerprint: $0.fingerprint) })

        let scanner = try CatalogScanner(catalog: catalog, configuration: ScanConfiguration(workers: context.workers))
        var vanished: [String] = []
        context.progress.begin("scan", total: nil)
        defer { context.progress.end("scan") }
        try drain(queue, summary: &summary, context: context, refill: { 0 }) { items, summary in
            let results = ParallelWork.map(items, workers: context.workers) { Self.examine($0, with: scanner) }
            // A file left unread because of Ctrl-C is handed back, not failed.
            try context.cancellation.check()
            let completed = try queue.complete(results)
            for result in results {
                guard completed.contains(result.path) else { summary.lost += 1; continue }
                if let failure = result.failure {
                    summary.noteScan(failure, path: result.path)
                    if result.entry == nil { vanished.append(result.path) }
                } else if result.entry == nil {
                    summary.unchanged += 1
                } else {
                    summary.scanned += 1
                }
            }
            context.progress.advance("scan", completed: summary.scanned + summary.unchanged + summary.scanFailed, total: nil)
        }
        try markGone(under: root, walk: walk, vanished: vanished, queue: queue, catalog: catalog, summary: &summary)
    }

    /// Examines one claimed path as ``CatalogScanner`` does, with the size and time it has now; a
    /// file that still has its catalogued size and time is done without being read, and one that
    /// no longer exists fails without a row.
    static func examine(_ item: ScanItem, with scanner: CatalogScanner) -> ScanResult {
        let raw = DisplayPath.rawBytes(item.path)
        var info = stat()
        guard raw.withCString({ stat($0, &info) }) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                return ScanResult(path: item.path, fingerprint: nil, entry: nil,
                                  failure: ItemFailure(.unreadable, "\(item.path): vanished between listing and reading"))
            }
            // Any other error: the scanner's read names it as `scan` does.
            let listed = item.listed ?? FileFingerprint(size: 0, modifiedNanoseconds: 0)
            return ScanResult(entry: scanner.examine(WalkedFile(path: item.path, rawPath: raw, fingerprint: listed, hasValidName: item.hasValidName)))
        }
        let fingerprint = FileWalker.fingerprint(info)
        if item.hasValidName, item.catalogued == fingerprint {
            return ScanResult(path: item.path, fingerprint: fingerprint, entry: nil, failure: nil)
        }
        return ScanResult(entry: scanner.examine(WalkedFile(path: item.path, rawPath: raw, fingerprint: fingerprint, hasValidName: item.hasValidName)))
    }

    /// Marks gone the present rows under `root` that the listing did not find (or that vanished
    /// before they could be read) and whose file is not there now; folders the listing could not
    /// enter are left alone, as `scan` leaves them.
    private func markGone(under root: String, walk: WalkResult, vanished: [String], queue: PostgresScanQueue, catalog: PostgresCatalog,
                          summary: inout WorkerSummary) throws {
        let seen = Set(walk.files.map(\.path)).subtracting(vanished)
        let unwalked = walk.problems.map { FolderScope($0.path) }
        let candidates = try catalog.storedStates(under: [root]).filter { path, state in
            !state.isGone && !seen.contains(path) && !unwalked.contains { $0.contains(path) }
        }.keys.sorted()
        summary.gone += try queue.markGone(candidates.filter(Self.isAbsent)).count
    }

    /// True when nothing is at `path`, or something that is not a file: what `scan` would no longer list.
    static func isAbsent(_ path: String) -> Bool {
        var info = stat()
        guard DisplayPath.rawBytes(path).withCString({ stat($0, &info) }) == 0 else { return errno == ENOENT || errno == ENOTDIR }
        return info.st_mode & S_IFMT != S_IFREG
    }
}
