import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessHashing
import LikenessImaging

/// Computes several perceptual hashes of one image from a single decode.
///
/// The file is decoded once, squashed to the largest input size any chosen method needs (in luma
/// alone when no method reads colour), and each method's own input is resampled from that buffer.
public struct HashComputer: Sendable {
    public let methods: [HashMethod]
    public let featureMethods: [FeatureMethod]
    private let hashers: [any ImageHasher]
    private let featureHashers: [any FeatureHasher]
    private let decoder: ImageDecoder
    private let editor: ImageEditor

    public init(methods: [HashMethod], features: [FeatureMethod] = [],
                decode: DecodeConfiguration = DecodeConfiguration()) throws(ImagingError) {
        self.methods = methods
        self.featureMethods = features
        self.hashers = methods.map { $0.makeHasher() }
        self.featureHashers = features.map { $0.makeHasher() }
        self.decoder = try ImageDecoder(configuration: decode)
        self.editor = try ImageEditor()
    }

    /// The bit hashes of an encoded image, in the order of `methods`.
    public func hashes(of bytes: [UInt8], path: String? = nil) throws(ImagingError) -> [BitHash] {
        try all(of: bytes, path: path).bits
    }

    /// Splits a list of methods of both kinds; values come back bit hashes first, then continuous ones.
    public init(perceptual: [PerceptualMethod], decode: DecodeConfiguration = DecodeConfiguration()) throws(ImagingError) {
        try self.init(methods: perceptual.compactMap { if case .bits(let m) = $0 { m } else { nil } },
                      features: perceptual.compactMap { if case .features(let m) = $0 { m } else { nil } },
                      decode: decode)
    }

    /// Luma alone when no chosen method reads colour (JPEGs then skip decoding chroma), else colour.
    private var channels: DecodeChannels {
        hashers.contains(where: \.readsColour) || featureHashers.contains(where: \.readsColour) ? .colour : .luma
    }

    /// Every method, in the order ``values(of:path:)`` returns their values.
    public var perceptualMethods: [PerceptualMethod] {
        methods.map(PerceptualMethod.bits) + featureMethods.map(PerceptualMethod.features)
    }

    /// Bit hashes and feature hashes of an encoded image from one decode, in the order given at init.
    public func all(of bytes: [UInt8], path: String? = nil) throws(ImagingError) -> (bits: [BitHash], features: [FeatureHash]) {
        let sizes = hashers.map(\.inputSize) + featureHashers.map(\.inputSize)
        guard let largest = sizes.max(by: { $0.width * $0.height < $1.width * $1.height }) else { return ([], []) }
        let master = try decoder.decode(bytes, to: .squash(width: largest.width, height: largest.height), channels: channels, path: path).pixels
        return try all(of: master)
    }

    /// Bit hashes and feature hashes of pixels already decoded (any size).
    public func all(of pixels: PixelBuffer) throws(ImagingError) -> (bits: [BitHash], features: [FeatureHash]) {
        var features: [FeatureHash] = []
        for hasher in featureHashers { features.append(hasher.features(try input(pixels, hasher.inputSize))) }
        return (try hashes(of: pixels), features)
    }

    /// The values of every method of an encoded image, in the order of ``perceptualMethods``.
    public func values(of bytes: [UInt8], path: String? = nil) throws(ImagingError) -> [PerceptualValue] {
        let (bits, features) = try all(of: bytes, path: path)
        return bits.map(PerceptualValue.bits) + features.map(PerceptualValue.features)
    }

    /// The values of every method of decoded pixels, in the order of ``perceptualMethods``.
    public func values(of pixels: PixelBuffer) throws(ImagingError) -> [PerceptualValue] {
        let (bits, features) = try all(of: pixels)
        return bits.map(PerceptualValue.bits) + features.map(PerceptualValue.features)
    }

    private func input(_ pixels: PixelBuffer, _ size: (width: Int, height: Int)) throws(ImagingError) -> PixelBuffer {
        (pixels.width, pixels.height) == size ? pixels : try editor.resized(pixels, to: .squash(width: size.width, height: size.height))
    }

    /// The bit hashes of pixels already decoded (any size).
    public func hashes(of pixels: PixelBuffer) throws(ImagingError) -> [BitHash] {
        var result: [BitHash] = []
        for hasher in hashers { result.append(hasher.hash(try input(pixels, hasher.inputSize))) }
        return result
    }
}

/// Hashes files on worker threads: the one path behind `likeness hash`, hash filling and the hash benchmark.
public enum ParallelHashing {
    /// Reads each file once and computes every method of `computer`, on `workers` threads, in input
    /// order; stops handing out files once `cancellation` is cancelled (the rest fail as cancelled).
    public static func values(of sources: [ImageSource], computer: HashComputer, workers: Int, cancellation: CancellationToken? = nil,
                              finished: @Sendable (Int) -> Void = { _ in }) -> [Result<(bits: [BitHash], features: [FeatureHash]), ItemFailure>] {
        ParallelWork.map(sources, workers: workers, finished: finished) { source in
            if cancellation?.isCancelled == true { return .failure(ItemFailure(.unreadable, "\(source.path): not hashed, stopped on request")) }
            let bytes: [UInt8]
            do throws(ItemFailure) { bytes = try source.bytes() } catch { return .failure(error) }
            do throws(ImagingError) { return .success(try computer.all(of: bytes, path: source.path)) } catch { return .failure(error.itemFailure) }
        }
    }

    /// As ``values(of:computer:workers:cancellation:finished:)``, each file's values paired with
    /// their methods (``HashComputer/perceptualMethods``), as the catalog stores them.
    public static func perceptualValues(of sources: [ImageSource], computer: HashComputer, workers: Int, cancellation: CancellationToken? = nil,
                                        finished: @Sendable (Int) -> Void = { _ in })
        -> [Result<[(method: PerceptualMethod, value: PerceptualValue)], ItemFailure>] {
        values(of: sources, computer: computer, workers: workers, cancellation: cancellation, finished: finished).map { result in
            result.map { values in
                zip(computer.perceptualMethods, values.bits.map(PerceptualValue.bits) + values.features.map(PerceptualValue.features))
                    .map { (method: $0, value: $1) }
            }
        }
    }
}
