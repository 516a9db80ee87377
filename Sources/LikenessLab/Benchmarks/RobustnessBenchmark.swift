import LikenessEngine
import LikenessAnalysis
import Foundation
import LikenessCore
import LikenessImaging

/// Settings for ``RobustnessBenchmark``.
public struct RobustnessConfiguration: Sendable {
    /// The edits applied to every photo. Default: ``ImageEdit/standardSet``.
    public var edits: [ImageEdit]
    /// The methods measured. Default: every bit and continuous hash method.
    public var methods: [PerceptualMethod]
    /// Photos are decoded to fit this many pixels per side before editing. Default 1024.
    public var workingSize: Int
    /// Photos processed in parallel. Default: the number of active processors.
    public var workers: Int
    /// When set, every version of every photo is also written here as PNG, one folder per photo
    /// (a folder-per-class layout that `calibrate --classes` and `eval` read). Default: nil.
    public var exportDirectory: String?

    public init(edits: [ImageEdit] = ImageEdit.standardSet, methods: [PerceptualMethod] = PerceptualMethod.allCases,
                workingSize: Int = 1024, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                exportDirectory: String? = nil) {
        self.exportDirectory = exportDirectory
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

    /// Per photo: for each image (original first, then each edit) the values of every method, in
    /// the order of the computer's ``HashComputer/perceptualMethods``.
    struct PhotoHashes: Sendable {
        var hashes: [[PerceptualValue]]
    }

    /// Runs the benchmark.
    ///
    /// - Parameters:
    ///   - roots: folders of photos; each is edited in every way.
    ///   - distractors: folders of unrelated images added unedited, as extra negatives.
    ///   - cancellation: checked before each photo; a cancelled run throws ``Cancelled``.
    /// - Throws: ``ImagingError`` when libvips cannot start, ``Cancelled``.
    public func run(_ roots: [String], distractors: [String] = [], progress: any ProgressReporter = SilentProgress(),
                    cancellation: CancellationToken = CancellationToken()) throws -> RobustnessResult {
        let photoFiles = FileWalker.files(in: roots)
        let distractorFiles = distractors.isEmpty ? [] : FileWalker.files(in: distractors)
        let files = photoFiles + distractorFiles
        let editedCount = photoFiles.count
        let computer = try HashComputer(perceptual: configuration.methods)
        let decoder = try ImageDecoder()
        let editor = try ImageEditor()
        let encoder = try ImageEncoder()
        let edits = configuration.edits
        let export = configuration.exportDirectory
        let side = configuration.workingSize
        progress.begin("edit+hash", total: files.count)
        let outcomes = ParallelWork.map(Array(files.enumerated()), workers: configuration.workers,
                                        finished: { progress.advance("edit+hash", completed: $0, total: files.count) }) {
            item -> Swift.Result<PhotoHashes, ItemFailure> in
            let (index, path) = item
            guard !cancellation.isCancelled else { return .failure(ItemFailure(.unreadable, "\(path): not read (stopped)")) }
            let original: PixelBuffer
            do throws(ItemFailure) { original = try ImageSource(path: path).decode(decoder, to: .fit(width: side, height: side)) } catch { return .failure(error) }
            do throws(ImagingError) {
                // One folder per photo when exporting; distractors each get a folder of one.
                let folder = export.map { ($0 as NSString).appendingPathComponent(Self.folderName(index: index, path: path)) }
                if let folder {
                    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try encoder.write(original, to: (folder as NSString).appendingPathComponent("00-original.png"))
                }
                var hashes = [try computer.values(of: original)]
                // Distractors stay unedited: they only add negatives.
                for (number, edit) in edits.enumerated() where index < editedCount {
                    let edited = try editor.apply(edit, to: original)
                    if let folder {
                        try encoder.write(edited, to: (folder as NSString).appendingPathComponent(String(format: "%02d-", number + 1) + Self.fileSafe(edit.description) + ".png"))
                    }
                    hashes.append(try computer.values(of: edited))
                }
                return .success(PhotoHashes(hashes: hashes))
            } catch {
                return .failure(error.itemFailure)
            }
        }
        progress.end("edit+hash")
        try cancellation.check()
        var photos: [PhotoHashes] = []
        var failures: [ItemFailure] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let hashes): photos.append(hashes)
            case .failure(let failure): failures.append(failure)
            }
        }
        // Results in the order asked for; values are stored in the computer's order.
        let methods = configuration.methods.map { method in
            evaluate(method: method, index: computer.perceptualMethods.firstIndex(of: method)!, photos: photos, editCount: edits.count)
        }
        let images = photos.reduce(0) { $0 + $1.hashes.count }
        let positives = photos.reduce(0) { $0 + $1.hashes.count * ($1.hashes.count - 1) / 2 }
        let edited = photos.filter { $0.hashes.count > 1 }.count
        return RobustnessResult(photos: edited, distractors: photos.count - edited, images: images, positivePairs: positives,
                      negativePairs: images * (images - 1) / 2 - positives,
                      edits: edits.map(\.description), methods: methods, failures: failures)
    }

    /// "003-leuvenA": the input's position keeps names unique across folders.
    static func folderName(index: Int, path: String) -> String {
        String(format: "%03d-", index) + fileSafe(((path as NSString).lastPathComponent as NSString).deletingPathExtension)
    }

    /// Letters, digits, '-' and '_' kept; anything else becomes '_'.
    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }

    func evaluate(method: PerceptualMethod, index: Int, photos: [PhotoHashes], editCount: Int) -> RobustnessResult.MethodResult {
        // Flatten: every image's value of this method, with its photo number.
        let values = photos.flatMap { photo in photo.hashes.map { $0[index] } }
        let source = photos.enumerated().flatMap { p, photo in Array(repeating: p, count: photo.hashes.count) }
        let bits: Int?
        let best: OperatingPoint
        switch method {
        case .bits(let hashMethod):
            let length = hashMethod.makeHasher().bitCount
            bits = length
            best = bestBitThreshold(values, source: source, bits: length)
        case .features:
            bits = nil
            best = bestFeatureThreshold(values, source: source)
        }
        let edited = photos.filter { $0.hashes.count == editCount + 1 }
        let recall = (0..<editCount).map { e -> Double in
            guard !edited.isEmpty else { return 0 }
            let hits = edited.filter { $0.hashes[0][index].distance(to: $0.hashes[e + 1][index]) <= best.threshold }.count
            return Double(hits) / Double(edited.count)
        }
        return RobustnessResult.MethodResult(method: method, bits: bits, best: best, recallByEdit: recall)
    }

    /// Rows of the pair triangle dealt to workers in turn, so each gets a similar share.
    private func rowShares(_ count: Int) -> [[Int]] {
        let workers = configuration.workers
        return (0..<workers).map { w in Array(stride(from: w, to: count, by: workers)) }
    }

    /// F1-max over a histogram of Hamming distances (exact, O(bits) memory).
    private func bestBitThreshold(_ values: [PerceptualValue], source: [Int], bits: Int) -> OperatingPoint {
        let hashes = values.map { if case .bits(let hash) = $0 { hash } else { preconditionFailure() } }
        let parts = ParallelWork.map(rowShares(hashes.count), workers: configuration.workers) { mine -> DistanceHistogram in
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
        return histogram.bestF1().rates
    }

    /// F1-max over every distinct distance of a continuous hash (all pair distances are sorted once).
    private func bestFeatureThreshold(_ values: [PerceptualValue], source: [Int]) -> OperatingPoint {
        let parts = ParallelWork.map(rowShares(values.count), workers: configuration.workers) { mine -> (scores: [Double], labels: [Bool]) in
            var scores: [Double] = [], labels: [Bool] = []
            for i in mine {
                for j in (i + 1)..<values.count {
                    // Calibration wants "higher is more alike": negate the distance.
                    scores.append(-values[i].distance(to: values[j]))
                    labels.append(source[i] == source[j])
                }
            }
            return (scores, labels)
        }
        let calibration = ScoreCalibration(scores: parts.flatMap(\.scores), labels: parts.flatMap(\.labels))
        return calibration.bestF1.rates.converted { -$0 }
    }
}
