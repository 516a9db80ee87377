import Foundation
import LikenessANN
import LikenessCatalog
import LikenessCore

/// `dupes`: groups of duplicate images, by one of three rules, optionally moving the non-keepers aside.
public struct DupesJob: Job {
    /// Which rule groups the images.
    public enum Mode: Sendable, Equatable {
        /// The default: embeddings propose, the pHash over turns or local features confirm.
        case embedding(DuplicateConfiguration)
        /// Byte-identical files (same SHA-256).
        case exact
        /// One perceptual hash alone, within `threshold` (nil: the method's benchmarked default).
        case hash(PerceptualMethod, threshold: Double?)
    }

    /// Folders to scan (and embed or hash) first; empty compares the whole catalog.
    public var folders: [String]
    public var mode: Mode
    /// Embedding model id (embedding mode).
    public var model: String
    /// ONNX Runtime threads.
    public var threads: Int
    /// A file saved by `calibrate --save`: a cosine calibration sets the accept threshold, a hash
    /// calibration turns the job into hash mode at its threshold.
    public var calibration: String?
    /// Move every non-keeper into this folder (embedding mode) and write a manifest for `undo`.
    public var moveTo: String?
    /// Move even when the groups call more than ``largestCopyShare`` of the compared images copies.
    public var force: Bool
    /// Also list groups of other shots of one scene (embedding mode); they are never moved.
    public var includeSameScene: Bool
    /// How each group's keeper is chosen (embedding mode). Default ``KeeperPolicy/standard``.
    public var keeper: KeeperPolicy
    /// The index that proposes candidate pairs (embedding mode), or finds the pairs of bit hashes
    /// (hash mode: a FAISS binary index, ``NearDuplicateFinder``). Default exact; `auto` takes an
    /// inverted file from ``IndexChoice/autoExactBelow`` images (``IndexChoice/Purpose/nearDuplicates``).
    public var index: IndexChoice

    /// The largest share of the compared images a `moveTo` run moves aside without `force`: 0.5.
    /// A collection where most images are redundant copies of others is rare, while a threshold
    /// that is too loose (a calibration from unrepresentative pairs, a low `--accept`) calls most of
    /// any collection copies; moving is where such a mistake costs most, so it asks first.
    public static let largestCopyShare = 0.5

    public init(folders: [String] = [], mode: Mode = .embedding(DuplicateConfiguration()), model: String = ModelDefaults.model,
                threads: Int = 1, calibration: String? = nil, moveTo: String? = nil, force: Bool = false, includeSameScene: Bool = false,
                keeper: KeeperPolicy = .standard, index: IndexChoice = .exact) {
        self.folders = folders
        self.mode = mode
        self.model = model
        self.threads = threads
        self.calibration = calibration
        self.moveTo = moveTo
        self.force = force
        self.includeSameScene = includeSameScene
        self.keeper = keeper
        self.index = index
    }

    /// What `dupes` found, in the shape of its mode.
    public enum Output: Codable, Sendable {
        case exact(ExactDupesResult)
        case hash(HashDupesResult)
        case embedding(EmbeddingDupesResult)

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .exact(let result): try result.encode(to: encoder)
            case .hash(let result): try result.encode(to: encoder)
            case .embedding(let result): try result.encode(to: encoder)
            }
        }

        /// Keys that tell the shapes apart: only the embedding result names a model, only the
        /// hash result a method.
        private enum Shape: String, CodingKey { case model, method }

        public init(from decoder: any Decoder) throws {
            let keys = try decoder.container(keyedBy: Shape.self)
            if keys.contains(.model) { self = .embedding(try EmbeddingDupesResult(from: decoder)) }
            else if keys.contains(.method) { self = .hash(try HashDupesResult(from: decoder)) }
            else { self = .exact(try ExactDupesResult(from: decoder)) }
        }
    }

    public func run(in context: JobContext) throws(JobError) -> Output {
        try InputPaths.requireExisting(folders)
        let file = try loadedCalibration()
        let mode = try resolvedMode(file)
        if moveTo != nil, case .embedding = mode {} else if moveTo != nil {
            throw .invalidInput("--move-to goes with the default (embedding) mode")
        }
        let catalog = try context.openStore(for: catalogUse(mode))
        if let moveTo { try Self.checkDestination(moveTo, roots: folders, catalog: catalog) }
        let roots = folders.isEmpty ? nil : folders.map(FileWalker.absolute)
        let scan = try context.scanFirst(folders, into: catalog, pixels: Self.pixelCheck(for: mode))
        do {
            let distinct = try catalog.distinctPairs()
            switch mode {
            case .exact:
                let found = try DuplicateFinder(catalog: catalog).exactGroups(under: roots, distinct: distinct)
                return .exact(ExactDupesResult(groups: found.groups, stale: found.stale))
            case .hash(let method, let threshold):
                let limit = threshold ?? method.defaultThreshold
                let filled = try HashIndexer(catalog: catalog, workers: context.workers).fill([method], under: roots, progress: context.progress, cancellation: context.cancellation)
                try context.checkCancellation()
                let found = try NearDuplicateFinder(catalog: catalog, workers: context.workers, index: index)
                    .groups(method: method, threshold: limit, under: roots, distinct: distinct)
                var result = HashDupesResult(method: method, threshold: limit, groups: found.groups, scan: scan.map(ScanCount.init),
                                             skipped: filled.skipped.isEmpty ? nil : filled.skipped, stale: found.stale.isEmpty ? nil : found.stale,
                                             warnings: file?.smallSampleWarning.map { [$0] })
                result.index = found.index == .exact ? nil : found.index.description
                return .hash(result)
            case .embedding(let configuration):
                return .embedding(try embeddingGroups(configuration, catalog: catalog, distinct: distinct, roots: roots, scan: scan, context: context,
                                                      warnings: file?.smallSampleWarning.map { [$0] } ?? []))
            }
        } catch {
            throw .wrapping(error)
        }
    }

    private func embeddingGroups(_ configuration: DuplicateConfiguration, catalog: any CatalogStore, distinct: DistinctPairs, roots: [String]?, scan: ScanSummary?,
                                 context: JobContext, warnings: [String]) throws -> EmbeddingDupesResult {
        let opened = try context.models.open(model, threads: threads)
        _ = try CalibrationLoading.cosine(calibration, for: opened)
        let filled = try EmbeddingSpace.filled(catalog: catalog, model: opened, under: roots, signals: configuration.minimumInliers > 0,
                                                index: index, context: context)
        try context.checkCancellation()
        let found = try NearDuplicateGrouper(configuration: configuration, keeper: keeper)
            .groups(in: filled.space, catalog: catalog, distinct: distinct, progress: context.progress, cancellation: context.cancellation)
        try context.checkCancellation()
        let groups = includeSameScene ? found : found.filter { $0.tier != .sameScene }
        var result = EmbeddingDupesResult(model: opened.id, configuration: configuration, groups: groups, images: filled.space.images.count,
                                          scan: scan.map(ScanCount.init), skipped: filled.skipped.isEmpty ? nil : filled.skipped,
                                          stale: filled.space.stale.isEmpty ? nil : filled.space.stale)
        result.index = filled.space.indexUsed.description
        result.indexOrigin = filled.space.indexUsed == .exact ? nil : filled.space.indexOrigin
        result.covered = groups.reduce(0) { $0 + $1.members.count }
        if found.count > groups.count { result.sameSceneLeftOut = found.count - groups.count }
        result.warnings = try warnings + uncalibratedModelWarning(opened, configuration: configuration)
            + copyShareCheck(result, accept: configuration.acceptCosine)
        if result.warnings?.isEmpty == true { result.warnings = nil }
        if let moveTo {
            try context.checkCancellation()
            let known = Dictionary(filled.space.images.map { ($0.path, $0.fingerprint) }, uniquingKeysWith: { first, _ in first })
            // Other shots of a scene are different photos: never moved.
            let items = groups.filter { $0.tier != .sameScene }.flatMap { $0.members.dropFirst().map { DuplicateMover.Item(path: $0.path, expected: known[$0.path] ?? nil) } }
            result.moved = try DuplicateMover().move(items, to: moveTo, cancellation: context.cancellation)
        }
        return result
    }

    /// How the scan checks new files' pixels: the embedding and hash modes decode every new image
    /// right after the scan and record the ones that fail, so their scan reads headers only; exact
    /// grouping decodes nothing, so its scan keeps its own check.
    static func pixelCheck(for mode: Mode) -> PixelCheck {
        if case .exact = mode { return .standard }
        return .deferred
    }

    /// Only exact grouping of what is already catalogued is a pure read; with folders the job scans
    /// them first, and the other modes fill in missing hashes or vectors.
    func catalogUse(_ mode: Mode) -> CatalogUse {
        if case .exact = mode, folders.isEmpty { return .reading }
        return .readingAndFilling
    }

    /// Refuses a `--move-to` folder inside a folder being compared (or, for the whole catalog,
    /// one that holds catalogued images): a second run would find the moved files and move them again.
    static func checkDestination(_ destination: String, roots: [String], catalog: any CatalogStore) throws(JobError) {
        let target = FolderScope(FileWalker.absolute(destination))
        for root in roots.map(FileWalker.absolute) where FolderScope(root).contains(target.path) || target.contains(root) {
            throw .invalidInput("--move-to \(destination) lies inside \(root), which is being compared (or contains it); choose a folder outside it")
        }
        if roots.isEmpty {
            let inside: [CatalogImage]
            do { inside = try catalog.usableImages(under: [target.path]) } catch { throw .catalog(error) }
            if let first = inside.first {
                throw .invalidInput("--move-to \(destination) holds catalogued images (\(first.path)); choose a folder outside the collection")
            }
        }
    }

    /// A warning when a head or encoder trained here groups by the default thresholds: those were
    /// measured on the default model's cosines, and a trained model's sit elsewhere (an MNIST
    /// encoder puts most digits above 0.95).
    func uncalibratedModelWarning(_ opened: OpenedModel, configuration: DuplicateConfiguration) -> [String] {
        let trained = opened.head != nil || opened.base is AutoencoderEmbeddingModel
        guard trained, calibration == nil, configuration.acceptCosine == DuplicateConfiguration().acceptCosine else { return [] }
        return [String(format: "%@ was trained here, but the thresholds (accept cosine %.3g) are those measured for %@; its cosines sit "
                       + "elsewhere: calibrate it on labelled pairs (likeness calibrate --pairs FILE --method %@ --save FILE, then "
                       + "--calibration FILE) or set --accept", opened.id, Double(configuration.acceptCosine), ModelDefaults.model, opened.id)]
    }

    /// Refuses a `moveTo` run whose groups call more than ``largestCopyShare`` of the compared
    /// images copies, unless `force`; otherwise returns the warning such groups deserve (if any).
    func copyShareCheck(_ result: EmbeddingDupesResult, accept: Float) throws(JobError) -> [String] {
        let images = result.images ?? 0
        guard images > 0, Double(result.redundant) > Self.largestCopyShare * Double(images) else { return [] }
        let source = calibration.map { " from \($0)" } ?? ""
        let share = String(format: "these groups call %d of %d compared images (%.0f %%) copies, more than %.0f %% of the collection "
                           + "(accept threshold %.3g%@); a threshold that does this is more often too loose than right",
                           result.redundant, images, 100 * Double(result.redundant) / Double(images), 100 * Self.largestCopyShare,
                           Double(accept), source)
        if moveTo != nil && !force {
            throw .invalidInput(share + ". Nothing was moved: look at the groups first (without --move-to, or with --html), "
                                + "then add --force to move them anyway")
        }
        return [share + (moveTo != nil ? " (moved anyway: --force)" : "; --move-to will ask for --force")]
    }

    /// The saved calibration named by `calibration`, validated; nil without one.
    func loadedCalibration() throws(JobError) -> CalibrationFile? {
        guard let calibration else { return nil }
        do { return try CalibrationFile.load(calibration) } catch { throw .invalidInput(error.description) }
    }

    /// The mode after a saved calibration has had its say.
    func resolvedMode(_ file: CalibrationFile?) throws(JobError) -> Mode {
        guard let calibration, let file else { return mode }
        switch (file.scale, mode) {
        case (_, .exact):
            throw .invalidInput("--calibration sets the threshold; drop --exact and --threshold")
        case (.distance, .hash(let method, let threshold)):
            let hash = try Self.parseHash(file.method)
            if threshold != nil { throw .invalidInput("--calibration sets the threshold; drop --exact and --threshold") }
            if method != hash { throw .invalidInput("\(calibration): calibrated for \(hash.name), but --method is \(method.name)") }
            return .hash(hash, threshold: file.threshold)
        case (.distance, .embedding):
            return .hash(try Self.parseHash(file.method), threshold: file.threshold)
        case (.cosine, .hash):
            throw .invalidInput("\(calibration) holds a cosine threshold for a model; it cannot set a --method hash threshold")
        case (.cosine, .embedding(var configuration)):
            // Checked against the opened model (id, weights, dimension) in `embeddingGroups`.
            configuration.acceptCosine = Float(file.threshold)
            configuration.candidateCosine = min(configuration.candidateCosine, configuration.acceptCosine)
            return .embedding(configuration)
        case (.probability, _):
            throw .invalidInput("\(calibration) holds a pair scorer's probability threshold (\(file.method)); dupes needs a model's cosine or a hash's distance")
        }
    }

    private static func parseHash(_ name: String) throws(JobError) -> PerceptualMethod {
        do { return try PerceptualMethod(parsing: name) } catch { throw .invalidInput(error.description) }
    }
}
