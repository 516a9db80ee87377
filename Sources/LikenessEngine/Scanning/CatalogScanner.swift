import Foundation
import LikenessCatalog
import LikenessAnalysis
import LikenessCore
import LikenessDigest
import LikenessImaging
import Logging

/// Walks folders into the catalog: new and changed files are read, hashed and decoded; unchanged
/// files are skipped by size and modification time; vanished files are marked gone.
public struct CatalogScanner: Sendable {
    /// The SQLite catalog or a shared PostgreSQL one.
    public let catalog: any CatalogStore
    public let configuration: ScanConfiguration
    private let decoder: ImageDecoder
    private let logger: Logger

    public init(catalog: any CatalogStore, configuration: ScanConfiguration = ScanConfiguration(),
                logger: Logger = Logger(label: "likeness.scan")) throws(ImagingError) {
        self.catalog = catalog
        self.configuration = configuration
        self.logger = logger
        self.decoder = try ImageDecoder(configuration: configuration.decode)
    }

    /// Scans the given folders or files.
    ///
    /// - Parameters:
    ///   - progress: receives one `scan` phase with the number of files to read.
    ///   - shouldStop: polled between batches; when it returns true the scan commits what it has and stops.
    /// - Throws: ``CatalogError`` only for failures of the catalog itself; per-file problems are in the summary.
    public func scan(_ roots: [String], progress: any ProgressReporter = SilentProgress(),
                     shouldStop: @Sendable () -> Bool = { false }) throws(CatalogError) -> ScanSummary {
        let started = Date()
        let absoluteRoots = roots.map(FileWalker.absolute)
        var summary = ScanSummary(roots: absoluteRoots)
        progress.begin("walk", total: nil)
        let walk = FileWalker().walk(absoluteRoots)
        progress.end("walk")
        for problem in walk.problems { summary.note(problem.failure, path: problem.path) }
        summary.discovered = walk.files.count

        let stored = try catalog.storedStates(under: absoluteRoots)
        var todo: [WalkedFile] = []
        var known = Set<String>()
        for file in walk.files {
            switch stored[file.path] {
            case .none:
                todo.append(file)
            case .some(let state) where state.isGone || state.fingerprint != file.fingerprint:
                known.insert(file.path)
                todo.append(file)
            case .some:
                summary.unchanged += 1
            }
        }

        progress.begin("scan", total: todo.count)
        var done = 0
        var start = 0
        while start < todo.count {
            if shouldStop() { summary.interrupted = true; break }
            let batch = Array(todo[start..<min(start + configuration.batchSize, todo.count)])
            let (before, total) = (done, todo.count)
            let entries = ParallelWork.map(batch, workers: configuration.workers, finished: { count in
                progress.advance("scan", completed: before + count, total: total)
            }) { examine($0) }
            try catalog.record(entries)
            logger.debug("committed batch", metadata: ["files": "\(entries.count)", "done": "\(done + batch.count)"])
            for entry in entries {
                if known.contains(entry.path) { summary.changed += 1 } else { summary.new += 1 }
                if let failure = entry.failure {
                    logger.info("skipped file", metadata: ["path": "\(entry.path)", "reason": "\(failure.kind.rawValue)"])
                    summary.note(failure, path: entry.path)
                } else {
                    summary.images += 1
                }
            }
            done += batch.count
            start += batch.count
        }
        progress.end("scan")
        summary.remaining = todo.count - done

        if !summary.interrupted {
            let seen = Set(walk.files.map(\.path))
            let unwalked = walk.problems.map { FolderScope($0.path) }
            let vanished = stored.filter { path, state in
                !state.isGone && !seen.contains(path) && !unwalked.contains { $0.contains(path) }
            }.keys.sorted()
            try catalog.markGone(vanished)
            summary.gone = vanished.count
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Reads, hashes and test-decodes one file (or reads its header, with ``PixelCheck/deferred``).
    /// Never throws: failures become part of the entry.
    func examine(_ file: WalkedFile) -> CatalogEntry {
        guard file.hasValidName else {
            return CatalogEntry(path: file.path, fingerprint: file.fingerprint,
                                failure: ItemFailure(.nonUTF8Name, "\(file.path): file name is not valid UTF-8; rename it to catalogue it"))
        }
        let bytes: [UInt8], fingerprint: FileFingerprint
        do {
            (bytes, fingerprint) = try ImageSource(file).read()
        } catch {
            // A file that moved under us is stored without a fingerprint so the next scan retries it.
            let keep = error.kind == .changedDuringScan ? nil : file.fingerprint
            return CatalogEntry(path: file.path, fingerprint: keep, failure: error)
        }
        let hash = FastSHA256.hash(bytes)
        do {
            let info: ImageInfo
            switch configuration.pixelCheck {
            case .thumbnail(let edge):
                info = try decoder.decode(bytes, to: .fit(width: edge, height: edge), path: file.path).info
            case .deferred:
                info = try decoder.probe(bytes, path: file.path)
            }
            return CatalogEntry(path: file.path, fingerprint: fingerprint, contentHash: hash, info: info)
        } catch {
            return CatalogEntry(path: file.path, fingerprint: fingerprint, contentHash: hash, failure: error.itemFailure)
        }
    }
}
