import Foundation
import LikenessCore
import LikenessImaging

/// Settings for ``RobustnessBenchmark``.
public struct RobustnessConfiguration: Sendable {
    /// The edits applied to every photo. Default: ``ImageEdit/standardSet``.
    public var edits: [ImageEdit]
    /// The methods measured. Default: every hash method.
    public var methods: [HashMethod]
    /// Photos are decoded to fit this many pixels per side before editing. Default 1024.
    public var workingSize: Int
    /// Photos processed in parallel. Default: the number of active processors.
    public var workers: Int

    public init(edits: [ImageEdit] = ImageEdit.standardSet, methods: [HashMethod] = HashMethod.allCases,
                workingSize: Int = 1024, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.edits = edits
        self.methods = methods
        self.workingSize = workingSize
        self.workers = max(1, workers)
    }
}

/// The honest map of which edits break which hash.
///
/// Every photo is edited in every way; all pairs of images are compared. Pairs from the same photo
/// are positives, all others negatives (so different photos of the same scene count against a
/// method). For each method the F1-max threshold over all pairs is found, and at that threshold the
/// recall of each edit: the share of (original, edited) pairs called the same.
public struct RobustnessBenchmark: Sendable {
    public let configuration: RobustnessConfiguration

    public init(configuration: RobustnessConfiguration = RobustnessConfiguration()) {
        self.configuration = configuration
    }

    /// Per photo: for each image (original first, then each edit) the hashes of every method.
    struct PhotoHashes: Sendable {
        var hashes: [[BitHash]]
    }

    /// Runs the benchmark.
    ///
    /// - Parameters:
    ///   - roots: folders of photos; each is edited in every way.
    ///   - distractors: folders of unrelated images added unedited, as extra negatives.
    public func run(_ roots: [String], distractors: [String] = [],
                    progress: any ProgressReporter = SilentProgress()) throws(ImagingError) -> RobustnessResult {
        let photoFiles = FileWalker.files(in: roots)
        let distractorFiles = distractors.isEmpty ? [] : FileWalker.files(in: distractors)
        let files = photoFiles + distractorFiles
        let editedCount = photoFiles.count
        let computer = try HashComputer(methods: configuration.methods)
        let decoder = try ImageDecoder()
        let editor = try ImageEditor()
        let edits = configuration.edits
        let side = configuration.workingSize
        progress.begin("edit+hash", total: files.count)
        let outcomes = ParallelWork.map(Array(files.enumerated()), workers: configuration.workers,
                                        finished: { progress.advance("edit+hash", completed: $0, total: files.count) }) {
            item -> Swift.Result<PhotoHashes, ItemFailure> in
            let (index, path) = item
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(ItemFailure(.unreadable, "\(path): cannot be read"))
            }
            do throws(ImagingError) {
                let original = try decoder.decode(Array(data), to: .fit(width: side, height: side), path: path).pixels
                var hashes = [try computer.hashes(of: original)]
                // Distractors stay unedited: they only add negatives.
                for edit in edits where index < editedCount { hashes.append(try computer.hashes(of: try editor.apply(edit, to: original))) }
                return .success(PhotoHashes(hashes: hashes))
            } catch {
                return .failure(error.itemFailure)
            }
        }
        progress.end("edit+hash")
        var photos: [PhotoHashes] = []
        var failures: [ItemFailure] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let hashes): photos.append(hashes)
            case .failure(let failure): failures.append(failure)
            }
        }
        let methods = configuration.methods.enumerated().map { index, method in
            evaluate(method: method, index: index, photos: photos, editCount: edits.count)
        }
        let images = photos.reduce(0) { $0 + $1.hashes.count }
        let positives = photos.reduce(0) { $0 + $1.hashes.count * ($1.hashes.count - 1) / 2 }
        let edited = photos.filter { $0.hashes.count > 1 }.count
        return RobustnessResult(photos: edited, distractors: photos.count - edited, images: images, positivePairs: positives,
                      negativePairs: images * (images - 1) / 2 - positives,
                      edits: edits.map(\.description), methods: methods, failures: failures)
    }

    func evaluate(method: HashMethod, index: Int, photos: [PhotoHashes], editCount: Int) -> RobustnessResult.MethodResult {
        let bits = method.makeHasher().bitCount
        // Flatten: every image's hash of this method, with its photo number.
        let hashes = photos.flatMap { photo in photo.hashes.map { $0[index] } }
        let source = photos.enumerated().flatMap { p, photo in Array(repeating: p, count: photo.hashes.count) }
        let rows = Array(0..<hashes.count)
        let parts = ParallelWork.map((0..<configuration.workers).map { w in rows.filter { $0 % configuration.workers == w } },
                                     workers: configuration.workers) { mine -> DistanceHistogram in
            var histogram = DistanceHistogram(maximum: bits)
            for i in mine {
                for j in (i + 1)..<hashes.count {
                    histogram.add(distance: hashes[i].hammingDistance(to: hashes[j]), positive: source[i] == source[j])
                }
            }
            return histogram
        }
        var histogram = DistanceHistogram(maximum: bits)
        for part in parts { histogram.merge(part) }
        let best = histogram.bestF1()
        let edited = photos.filter { $0.hashes.count == editCount + 1 }
        let recall = (0..<editCount).map { e -> Double in
            guard !edited.isEmpty else { return 0 }
            let hits = edited.filter { $0.hashes[0][index].hammingDistance(to: $0.hashes[e + 1][index]) <= best.threshold }.count
            return Double(hits) / Double(edited.count)
        }
        return RobustnessResult.MethodResult(method: method, bits: bits, best: best, recallByEdit: recall)
    }
}
