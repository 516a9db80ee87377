import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessImaging
import LikenessMatching

extension FeatureExtraction {
    /// The tf-idf bags of visual words (``VisualVocabulary``) of every image, the codebook of
    /// `words` words trained on these same images' descriptors (seed 1), so the vocabulary is
    /// fitted to the evaluated set, as in the classic retrieval benchmarks.
    ///
    /// Local features are those `dupes` verifies with: oriented FAST corners and BRIEF descriptors
    /// (``LocalFeatureExtractor``, up to 400 per image) of the image fitted into
    /// ``ImageSignals/featureSide`` pixels; smaller images (Fashion-MNIST's 28 × 28) are scaled up
    /// to it. An image that cannot be read gets nil; one without corners, the zero bag.
    func bagsOfWords(_ words: Int, of data: EvalDataset, progress: any ProgressReporter,
                     cancellation: CancellationToken) throws -> [[Float]?] {
        let side = ImageSignals.featureSide
        let size = TargetSize.fit(width: side, height: side)
        let (decoder, editor, extractor) = (try ImageDecoder(), try ImageEditor(), LocalFeatureExtractor())
        let descriptors: [[BinaryDescriptor]?] = perImage(data, phase: "bovw features", progress: progress, cancellation: cancellation) { image in
            let grey: PixelBuffer? = switch image {
            case .pixels(let pixels): Self.oneAtATime { try? editor.resized(pixels, to: size) }
            case .file(let bytes, let path): try? decoder.decode(bytes, to: size, path: path).pixels
            }
            return grey.map { extractor.features(of: GreyImage($0)).features.map(\.descriptor) }
        }
        if cancellation.isCancelled { throw Cancelled() }
        let phase = "bovw codebook (\(words) words)"
        progress.begin(phase, total: 1)
        let trained: (vocabulary: VisualVocabulary, words: [[Int]?])
        do {
            trained = try VisualVocabulary.train(words: words, on: descriptors, cancellation: cancellation)
        } catch {
            if error == .cancelled { throw Cancelled() }
            throw error
        }
        progress.end(phase)
        return trained.words.map { $0.map(trained.vocabulary.bag(ofWords:)) }
    }
}
