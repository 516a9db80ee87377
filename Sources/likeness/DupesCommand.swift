import ArgumentParser
import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine

struct Dupes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List groups of duplicate images.",
        discussion: """
            --exact groups byte-identical files (same SHA-256). --method M groups images whose \
            perceptual hashes lie within a Hamming radius (default 10 % of the hash's bits), \
            joined transitively. Folders given are scanned and hashed first; without folders the \
            whole catalog is used. Nothing is ever deleted.
            """)

    @Argument(help: ArgumentHelp("Folders to scan and compare (default: everything in the catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions

    @Flag(help: "Group byte-identical files (same SHA-256).")
    var exact = false

    @Option(help: "Group by this perceptual hash.")
    var method: HashMethod?

    @Option(help: "Largest Hamming distance counted as a duplicate (default: 10 % of the hash's bits).")
    var threshold: Int?

    @Option(help: "Parallel workers (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print the groups as JSON on stdout.")
    var json = false

    func validate() throws {
        guard exact != (method != nil) else {
            throw ValidationError("choose one of --exact or --method (\(HashMethod.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let threshold, threshold < 0 { throw ValidationError("--threshold must be 0 or more") }
    }

    func run() throws {
        let catalog = try catalogOptions.open()
        let roots = folders.isEmpty ? nil : folders
        do {
            if let roots {
                let summary = try CatalogScanner(catalog: catalog, configuration: ScanConfiguration(workers: workers))
                    .scan(roots, progress: TerminalProgress())
                if !json { Output.note("scanned: \(summary.discovered) files, \(summary.processed) read, \(summary.failedCount) failed") }
            }
            if let method {
                try runNear(method, catalog: catalog, roots: roots)
            } else {
                try runExact(catalog: catalog, roots: roots)
            }
        } catch let error as CatalogError {
            throw CommandFailure(error.description)
        }
    }

    private func runNear(_ method: HashMethod, catalog: Catalog, roots: [String]?) throws {
        let indexer = HashIndexer(catalog: catalog, workers: workers)
        let filled = try indexer.fill([method], under: roots, progress: TerminalProgress())
        for skipped in filled.skipped { Output.note("skipped \(skipped.message)") }
        let radius = threshold ?? NearDuplicateFinder.defaultRadius(for: method)
        let groups = try NearDuplicateFinder(catalog: catalog, workers: workers)
            .groups(method: method, radius: radius, under: roots.map { $0.map { URL(fileURLWithPath: $0).standardizedFileURL.path } })
        if json {
            try Output.json(NearDupesOutput(method: method.rawValue, threshold: radius, groups: groups))
            return
        }
        guard !groups.isEmpty else { print("no near-duplicates by \(method.rawValue) within \(radius) bits"); return }
        let files = groups.reduce(0) { $0 + $1.members.count }
        print("\(groups.count) groups by \(method.rawValue) (Hamming ≤ \(radius)), \(files) files")
        for group in groups {
            print("")
            for member in group.members {
                let distance = member.distance.map { String($0) } ?? "~"
                print("  \(distance.padding(toLength: 4, withPad: " ", startingAt: 0)) \(member.path)")
            }
        }
    }

    private func runExact(catalog: Catalog, roots: [String]?) throws {
        let groups = try DuplicateFinder(catalog: catalog).exactGroups(under: roots)
        if json {
            try Output.json(ExactDupesOutput(groups: groups.map(ExactDupesOutput.Group.init)))
            return
        }
        guard !groups.isEmpty else { print("no exact duplicates"); return }
        let files = groups.reduce(0) { $0 + $1.members.count }
        print("\(groups.count) groups of exact duplicates, \(files) files (\(files - groups.count) redundant copies)")
        for group in groups {
            let size = group.members.first?.fingerprint.map { ByteCountFormatter.string(fromByteCount: $0.size, countStyle: .file) } ?? "?"
            print("\n\(group.members.count) × \(size)  sha256 \(group.contentHash.hex.prefix(16))…")
            for member in group.members { print("  \(member.path)") }
        }
    }
}

/// JSON shape of `dupes --exact`.
struct ExactDupesOutput: Encodable {
    struct Group: Encodable {
        var sha256: String
        var size: Int64?
        var paths: [String]
        init(_ group: ExactDuplicateGroup) {
            sha256 = group.contentHash.hex
            size = group.members.first?.fingerprint?.size
            paths = group.members.map(\.path)
        }
    }
    var groups: [Group]
}

/// JSON shape of `dupes --method`.
struct NearDupesOutput: Encodable {
    var method: String
    var threshold: Int
    var groups: [HashDuplicateGroup]
}
