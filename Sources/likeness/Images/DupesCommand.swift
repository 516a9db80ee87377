import ArgumentParser
import LikenessANN
import Foundation
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
            confirmed duplicate of its group's centre and look-alikes do not chain. Each group says \
            how alike its members are: identical files, or the same picture (edits, re-encodes, \
            resizes, crops, turns). Pairs whose local features show another shot of the same scene \
            (an object inside a larger scene, another viewpoint, a panorama neighbour) are not \
            copies: they are left out, or listed as their own groups with --include same-scene, and \
            never moved. `likeness decisions keep-all A B` records that a pair is not a duplicate; \
            later runs respect it. Each group names \
            the copy to keep and why, by the --keep chain of rules (default padding,pixels,central,quality,oldest,size: \
            no filled border (a rotation's flat corners, a letterbox's bars), then the most pixels, then the copy most like the others of its group (an original sits \
            between the copies made from it), then the best quality score, so an edited copy loses \
            to its original, then the oldest file, then the largest; --prefer jpeg,png adds a format preference), \
            and every member's similarity to it. --exact groups byte-identical files; --method M groups \
            by one perceptual hash alone (bit hashes by Hamming distance; radial and colormoments \
            by their own distance), with the F1-max threshold of the robustness benchmark as default. Folders given are scanned (and embedded or hashed) first; \
            without folders the whole catalog is used. Nothing is ever deleted: --move-to moves the \
            non-keepers, journalling every move, and `likeness undo DIR` reverses them.

            Refused: a folder that does not exist; --candidate above --accept. When the groups call \
            more than half of the compared images copies (a threshold that is more often too loose \
            than right), a listing warns and --move-to stops before moving anything unless --force is \
            given. A calibration made with --allow-small is applied with a warning.

            --index hnsw (or auto on large collections) proposes candidate pairs from an approximate \
            HNSW graph instead of the exact all-pairs scan; the result names the index used. With a bit \
            hash (--method phash, dhash, …), --index hnsw or ivf finds the pairs within --threshold \
            through a FAISS binary index (Hamming distance) instead of the exhaustive Hamming scan.

            Example: likeness dupes ~/Pictures --html dupes.html --move-to ~/dupes-aside
            Example: likeness dupes ~/Pictures --index auto
            Example: likeness dupes ~/Pictures --method phash --index hnsw
            """)

    @Argument(help: ArgumentHelp("Folders to scan and compare (default: everything in the catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: IndexArgument.help, transform: IndexArgument.parse)
    var index: IndexChoice = .exact

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

    @Flag(help: "With --move-to: move even when the groups call more than half of the compared images copies.")
    var force = false

    @Option(help: ArgumentHelp("Also list groups of this tier: same-scene (other shots of one scene; never moved).", valueName: "tier"))
    var include: [IncludedTier] = []

    /// Tiers that are left out unless asked for.
    enum IncludedTier: String, ExpressibleByArgument, CaseIterable {
        case sameScene = "same-scene"
    }

    @Option(help: ArgumentHelp("The keeper's rules in order, comma-separated: pixels, central, quality, format, size, oldest (sharpness: the old rule).", valueName: "rules"))
    var keep: String?

    @Option(help: ArgumentHelp("Formats to keep first, comma-separated (e.g. jpeg,png); adds the format rule after pixels unless --keep places it.", valueName: "formats"))
    var prefer: String?

    func validate() throws {
        if exact && method != nil { throw ValidationError("choose --exact or --method, not both") }
        if let threshold, threshold < 0 || !threshold.isFinite { throw ValidationError("--threshold must be 0 or more") }
        if threshold != nil && method == nil { throw ValidationError("--threshold goes with --method (the default mode uses --accept and --candidate)") }
        if json && csv { throw ValidationError("choose --json or --csv, not both") }
        if calibration != nil && (exact || threshold != nil) { throw ValidationError("--calibration sets the threshold; drop --exact and --threshold") }
        if force && moveTo == nil { throw ValidationError("--force goes with --move-to") }
        do { _ = try keeperPolicy() } catch { throw ValidationError(error.description) }
        if (keep != nil || prefer != nil) && (exact || method != nil) { throw ValidationError("--keep and --prefer go with the default (embedding) mode") }
        if (html != nil || moveTo != nil || csv || !include.isEmpty) && (exact || method != nil) {
            throw ValidationError("--html, --csv, --include and --move-to go with the default (embedding) mode")
        }
    }

    func keeperPolicy() throws(KeeperPolicyError) -> KeeperPolicy { try KeeperPolicy(keep: keep, prefer: prefer) }

    func run() throws {
        let mode: DupesJob.Mode = exact ? .exact : method.map { .hash($0, threshold: threshold) } ?? .embedding(rule.configuration)
        let job = DupesJob(folders: folders, mode: mode, model: modelOptions.model, threads: modelOptions.threads,
                           calibration: calibration, moveTo: moveTo, force: force, includeSameScene: include.contains(.sameScene),
                           keeper: try keeperPolicy(), index: index)
        switch try JobRunning.run(job, catalog: catalogOptions, workers: workers) {
        case .exact(let result): try DupesRendering.exact(result, json: json)
        case .hash(let result):
            IndexArgument.note(result.index ?? IndexChoice.exact.description, asked: index)
            try DupesRendering.hash(result, json: json)
        case .embedding(let result):
            IndexArgument.note(result.index, asked: index, origin: result.indexOrigin)
            try DupesRendering.embedding(result, json: json, csv: csv, html: html)
            // A move run that stopped or left files behind is not a success: say so in the status.
            if let run = result.moved, run.stopped || !run.notMoved.isEmpty {
                throw ExitCode(JobRunning.cancellation.isCancelled ? 130 : 1)
            }
        }
    }
}

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move files back as recorded by `dupes --move-to`.",
        discussion: """
            Reads the journal each `--move-to` run writes into its folder (or every journal in the \
            folder) and moves each file back where it came from, whatever state an interruption left: a \
            move that was about to happen is checked on disk. Running it again is harmless. Exit status \
            1 when any file could not be put back; each is listed with the reason.

            Example: likeness undo ~/dupes-aside
            """)

    @Argument(help: ArgumentHelp("A likeness-moves journal, or the folder the files were moved into.", valueName: "journal-or-folder"))
    var path: String

    @Flag(help: "Print JSON on stdout.")
    var json = false

    func run() throws {
        let result = try JobRunning.run(UndoJob(path: path))
        if json {
            try Output.json(result)
        } else {
            print("restored \(result.restored) files" + (result.inPlace > 0 ? " (\(result.inPlace) were already in place)" : ""))
            for item in result.moves where item.outcome == .inPlace { if let note = item.reason { Output.line("  note: \(note)") } }
            for item in result.leftInPlace { Output.line("  left in place: \(item.reason ?? item.move.to)") }
        }
        if !result.leftInPlace.isEmpty { throw ExitCode(1) }
    }
}
