import ArgumentParser
import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessReport

struct Dupes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List groups of duplicate images.",
        discussion: """
            By default: each image's --neighbours closest images by embedding with cosine ≥ \
            --candidate are its candidates. A pair at or above --accept is a duplicate; a pair in \
            between is confirmed when its pHashes lie within --hash-radius bits for any turn or \
            flip, or when at least --minimum-inliers local features (corners) match in one \
            consistent scale, turn and shift. Groups form around centres, so every member is a \
            confirmed duplicate of its group's centre and look-alikes do not chain. Each group names \
            the copy to keep (largest pixel count, then sharpest, then largest file, then oldest) \
            and every member's similarity to it. --exact groups byte-identical files; --method M groups \
            by one perceptual hash alone (bit hashes by Hamming distance; radial and colormoments \
            by their own distance), with the F1-max threshold of the robustness benchmark as default. Folders given are scanned (and embedded or hashed) first; \
            without folders the whole catalog is used. Nothing is ever deleted: --move-to moves the \
            non-keepers and writes a manifest that `likeness undo` reverses.
            """)

    @Argument(help: ArgumentHelp("Folders to scan and compare (default: everything in the catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions

    @Flag(help: "Group byte-identical files (same SHA-256).")
    var exact = false

    @Option(help: "Group by this perceptual hash alone.")
    var method: PerceptualMethod?

    @Option(help: "With --method: the largest distance counted as a duplicate (Hamming bits, or the continuous hash's distance; default: the method's benchmarked threshold).")
    var threshold: Double?

    @Option(help: "Parallel workers (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var rule: RuleOptions

    @Option(help: ArgumentHelp("A threshold saved by `likeness calibrate --save`: a cosine calibration sets --accept, a hash calibration runs --method with its threshold.", valueName: "file"))
    var calibration: String?

    @Flag(help: "Print the groups as JSON on stdout.")
    var json = false

    @Flag(help: "Print the groups as CSV on stdout (group, path, keep, similarity, hash distance).")
    var csv = false

    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Move every non-keeper into this folder and write a manifest for `likeness undo`.", valueName: "dir"))
    var moveTo: String?

    func validate() throws {
        if exact && method != nil { throw ValidationError("choose --exact or --method, not both") }
        if let threshold, threshold < 0 || !threshold.isFinite { throw ValidationError("--threshold must be 0 or more") }
        if threshold != nil && method == nil { throw ValidationError("--threshold goes with --method (the default mode uses --accept and --candidate)") }
        if json && csv { throw ValidationError("choose --json or --csv, not both") }
        if calibration != nil && (exact || threshold != nil) { throw ValidationError("--calibration sets the threshold; drop --exact and --threshold") }
        if (html != nil || moveTo != nil || csv) && (exact || method != nil) {
            throw ValidationError("--html, --csv and --move-to go with the default (embedding) mode")
        }
    }

    func run() throws {
        let catalog = try catalogOptions.open()
        let roots = folders.isEmpty ? nil : folders
        let calibrated = try calibration.map(CalibrationLoading.load)
        do {
            if let roots {
                let summary = try CatalogScanner(catalog: catalog, configuration: ScanConfiguration(workers: workers))
                    .scan(roots, progress: TerminalProgress())
                if !json { Output.note("scanned: \(summary.discovered) files, \(summary.processed) read, \(summary.failedCount) failed") }
            }
            if let calibrated, calibrated.scale == .distance {
                let hash = try PerceptualMethod(parsing: calibrated.method)
                if let method, method != hash { throw CommandFailure("\(calibration!): calibrated for \(hash.name), but --method is \(method.name)") }
                try runNear(hash, limit: calibrated.threshold, catalog: catalog, roots: roots)
            } else if let method {
                if calibrated != nil { throw CommandFailure("\(calibration!) holds a cosine threshold for a model; it cannot set a --method hash threshold") }
                try runNear(method, limit: threshold ?? method.defaultThreshold, catalog: catalog, roots: roots)
            } else if exact {
                try runExact(catalog: catalog, roots: roots)
            } else {
                var configuration = rule.configuration
                if let calibrated, let path = calibration {
                    _ = try CalibrationLoading.checkedCosine(calibrated, model: modelOptions.model, path: path)
                    configuration.acceptCosine = Float(calibrated.threshold)
                    configuration.candidateCosine = min(configuration.candidateCosine, configuration.acceptCosine)
                }
                try runEmbedding(configuration, catalog: catalog, roots: roots)
            }
        } catch let error as CatalogError {
            throw CommandFailure(error.description)
        }
    }

    private func runEmbedding(_ configuration: DuplicateConfiguration, catalog: Catalog, roots: [String]?) throws {
        let (model, input) = try modelOptions.open()
        let groups: [DuplicateGroup]
        let space: EmbeddingSpace
        do {
            let filled = try EmbeddingSpace.filled(catalog: catalog, model: model, input: input, under: roots, progress: TerminalProgress())
            for skipped in filled.skipped { Output.note("skipped \(skipped.message)") }
            space = filled.space
            groups = try NearDuplicateGrouper(configuration: configuration).groups(in: space, progress: TerminalProgress())
        } catch let error as CustomStringConvertible & Error {
            throw CommandFailure(error.description)
        }
        let redundant = groups.reduce(0) { $0 + $1.members.count - 1 }
        let summary = "\(space.images.count) images compared with \(model.id): \(groups.count) groups, \(redundant) copies that could go"
        if let html {
            let thumbnails = try Thumbnails().dataURIs(groups.flatMap { $0.members.map(\.path) })
            let report = DuplicateReport(title: "Likeness near-duplicates", summary: summary, groups: groups.map { group in
                DuplicateReport.Group(reason: group.reason, members: group.members.map { member in
                    .init(path: member.path, caption: String(format: "cosine %.3f", member.similarity)
                          + (member.hashDistance.map { " · pHash \($0)/64" } ?? "")
                          + (member.inliers.map { " · \($0) matching corners" } ?? ""))
                })
            }, thumbnails: thumbnails)
            do { try report.html().write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(html): \(error.localizedDescription)")
            }
            Output.note("report: \(html)")
        }
        if json {
            try Output.json(DupesOutput(model: model.id, configuration: configuration, groups: groups))
        } else if csv {
            print("group,path,keep,similarity,hash_distance")
            for (number, group) in groups.enumerated() {
                for member in group.members {
                    print("\(number + 1),\(CSV.field(member.path)),\(member.path == group.keep),\(String(format: "%.4f", member.similarity)),\(member.hashDistance.map(String.init) ?? "")")
                }
            }
        } else {
            print(summary)
            for group in groups {
                print("\nkeep \(group.keep)  (\(group.reason))")
                for member in group.members.dropFirst() {
                    print(String(format: "  %.3f  ", member.similarity) + (member.hashDistance.map { "pHash \($0)  " } ?? "")
                          + (member.inliers.map { "corners \($0)  " } ?? "") + member.path)
                }
            }
        }
        if let moveTo {
            let losers = groups.flatMap { $0.members.dropFirst().map(\.path) }
            let (manifest, moves) = try DuplicateMover().move(losers, to: moveTo)
            Output.note("moved \(moves.count) files to \(moveTo); undo with: likeness undo \(manifest)")
        }
    }

    private func runNear(_ method: PerceptualMethod, limit: Double, catalog: Catalog, roots: [String]?) throws {
        let indexer = HashIndexer(catalog: catalog, workers: workers)
        let filled = try indexer.fill([method], under: roots, progress: TerminalProgress())
        for skipped in filled.skipped { Output.note("skipped \(skipped.message)") }
        let groups = try NearDuplicateFinder(catalog: catalog, workers: workers)
            .groups(method: method, threshold: limit, under: roots.map { $0.map { URL(fileURLWithPath: $0).standardizedFileURL.path } })
        if json {
            try Output.json(NearDupesOutput(method: method, threshold: limit, groups: groups))
            return
        }
        let format = { (value: Double) in method.isBitHash ? String(Int(value)) : String(format: "%.3g", value) }
        let rule = method.isBitHash ? "Hamming ≤ \(format(limit))" : "distance ≤ \(format(limit))"
        guard !groups.isEmpty else { print("no near-duplicates by \(method.name) (\(rule))"); return }
        let files = groups.reduce(0) { $0 + $1.members.count }
        print("\(groups.count) groups by \(method.name) (\(rule)), \(files) files")
        for group in groups {
            print("")
            for member in group.members {
                let distance = member.distance.map(format) ?? "~"
                print("  \(distance.padding(toLength: max(10, distance.count), withPad: " ", startingAt: 0)) \(member.path)")
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
    var method: PerceptualMethod
    var threshold: Double
    var groups: [HashDuplicateGroup]
}

/// JSON shape of the default `dupes`.
struct DupesOutput: Encodable {
    var model: String
    var configuration: DuplicateConfiguration
    var groups: [DuplicateGroup]
}

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Move files back as recorded by `dupes --move-to`.")

    @Argument(help: ArgumentHelp("The likeness-moves.json manifest.", valueName: "manifest"))
    var manifest: String

    func run() throws {
        let result: (restored: [DuplicateMover.Move], skipped: [(DuplicateMover.Move, String)])
        do { result = try DuplicateMover().undo(manifestAt: manifest) } catch {
            throw CommandFailure("cannot undo \(manifest): \(error.localizedDescription)")
        }
        print("restored \(result.restored.count) files")
        for (_, reason) in result.skipped { print("  left in place: \(reason)") }
        if !result.skipped.isEmpty { throw ExitCode(1) }
    }
}
