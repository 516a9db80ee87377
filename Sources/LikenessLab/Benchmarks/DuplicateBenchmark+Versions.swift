import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessImaging
import LikenessMatching
import Synchronization

extension DuplicateBenchmark {
    /// Makes the benchmark's items: every edit of a photo, its model input and its hashes and local
    /// features, embedded through ``BatchEmbedder`` (edits of the next batch are made while the
    /// model runs on this one).
    struct VersionMaker: Sendable {
        let edits: [ImageEdit]
        let input: EmbeddingInput
        let editor: ImageEditor
        let signals: ImageSignals
        let files: VersionFiles
        let measurer: QualityMeasurer
        let decoder: ImageDecoder

        init(edits: [ImageEdit], input: EmbeddingInput) throws {
            self.edits = edits
            self.input = input
            self.editor = try ImageEditor()
            self.signals = try ImageSignals()
            self.files = try VersionFiles()
            self.measurer = try QualityMeasurer()
            self.decoder = try ImageDecoder()
        }

        /// The keeper's view of one version saved as a file: its pixels, format, bytes and quality.
        /// Every version has the same modification time, and the original's path sorts last, so
        /// neither age nor a tie broken by path can hand the original the win.
        func candidate(_ bytes: [UInt8], source: Int, name: String) throws(ImagingError) -> KeeperCandidate {
            let scores = try measurer.scores(of: bytes)
            return KeeperCandidate(path: "/bench/\(source)/\(name)", width: scores.width, height: scores.height, format: scores.format,
                                   fileSize: Int64(bytes.count), modified: 0, quality: scores)
        }

        /// Copies that change only the file, for a JPEG original: a lossless PNG re-encode, a PNG
        /// reduced to a 256-colour palette, and a re-save at the same JPEG quality.
        func fileCopies(of originalBytes: [UInt8], width: Int, height: Int, source: Int) throws(ImagingError) -> [String: KeeperCandidate] {
            let pixels = try decoder.decode(originalBytes, to: .fit(width: width, height: height)).pixels
            return [
                "png re-encode": try candidate(try editor.encoded(pixels, suffix: ".png"), source: source, name: "png re-encode"),
                "palette png (256 colours)": try candidate(try editor.encoded(pixels, suffix: ".png[palette,bitdepth=8]"), source: source, name: "palette png"),
                "jpeg re-save q\(VersionFiles.savedQuality)": try candidate(try editor.encoded(pixels, suffix: ".jpg[Q=\(VersionFiles.savedQuality)]"),
                                                                          source: source, name: "jpeg re-save"),
            ]
        }

        /// Hashes over turns and flips of the 32×32 thumbnail, whether `dupes` would use them (the
        /// image is not too small), and local features.
        func describe(_ pixels: PixelBuffer) throws(ImagingError) -> Description {
            Description(hashes: try signals.dihedralHashes(of: pixels, editor: editor),
                        hashable: ImageSignals.hashable(width: pixels.width, height: pixels.height),
                        features: try signals.features(of: pixels, editor: editor))
        }

        /// The original and (when `edited`) every edit of one photo.
        ///
        /// - Throws: ``ItemFailure`` when any version fails (the photo is left out); the model's own
        ///   errors and ``Cancelled`` as they are.
        /// With `format` (the original file's), each version is also saved as a file and measured for the keeper.
        func items(of original: PixelBuffer, source: Int, edited: Bool, format: ImageFormat? = nil, model: any EmbeddingModel, workers: Int,
                   cancellation: CancellationToken) throws -> [Item] {
            let steps: [ImageEdit?] = [nil] + (edited ? edits.map(Optional.some) : [])
            let table = DescriptionTable()
            var vectors: [Int: [Float]] = [:]
            var failure: ItemFailure?
            _ = try BatchEmbedder(model: model, batchSize: 8, decodeWorkers: workers)
                .embed(count: steps.count, cancellation: cancellation, prepare: { [editor, input] step throws(ItemFailure) in
                    do throws(ImagingError) {
                        let pixels = try steps[step].map { edit throws(ImagingError) in try editor.apply(edit, to: original) } ?? original
                        var described = try describe(pixels)
                        if let format {
                            let bytes = try files.bytes(of: original, edit: steps[step], format: format)
                            described.keeper = try candidate(bytes, source: source, name: steps[step].map(\.description) ?? "~original")
                            if steps[step] == nil, format == .jpeg { described.copies = try fileCopies(of: bytes, width: original.width, height: original.height, source: source) }
                        }
                        table.set(step, described)
                        return try input.pixels(from: pixels)
                    } catch {
                        throw error.itemFailure
                    }
                }) { outcomes in
                    for (step, result) in outcomes {
                        switch result {
                        case .success(let vector): vectors[step] = vector
                        case .failure(let error): failure = failure ?? error
                        }
                    }
                }
            if let failure { throw failure }
            return steps.indices.map { step in
                let found = table.get(step)!
                return Item(source: source, edit: step - 1, vector: vectors[step]!, hashes: found.hashes, hashable: found.hashable, features: found.features,
                            keeper: found.keeper, fileCopies: found.copies)
            }
        }

        /// In-memory distractors, one source each, on one decode thread; images that fail are left out.
        func distractors(_ images: [PixelBuffer], firstSource: Int, model: any EmbeddingModel,
                         cancellation: CancellationToken) throws -> [Item] {
            let table = DescriptionTable()
            var items: [Item] = []
            _ = try BatchEmbedder(model: model, batchSize: 64, decodeWorkers: 1)
                .embed(count: images.count, cancellation: cancellation, prepare: { [input] index throws(ItemFailure) in
                    do throws(ImagingError) {
                        table.set(index, try describe(images[index]))
                        return try input.pixels(from: images[index])
                    } catch {
                        throw error.itemFailure
                    }
                }) { outcomes in
                    for (index, result) in outcomes {
                        guard case .success(let vector) = result, let found = table.get(index) else { continue }
                        items.append(Item(source: firstSource + index, edit: -1, vector: vector, hashes: found.hashes, hashable: found.hashable, features: found.features))
                    }
                }
            return items
        }
    }

    /// What a decode thread finds out about one version besides its model input.
    struct Description: Sendable {
        var hashes: [BitHash]
        /// Whether `dupes` confirms with its pHashes (false for an image too small for them).
        var hashable: Bool
        var features: LocalFeatures?
        var keeper: KeeperCandidate?
        var copies: [String: KeeperCandidate]?
    }

    /// Descriptions made on decode threads, read back once the batch is embedded.
    final class DescriptionTable: Sendable {
        private let values = Mutex<[Int: Description]>([:])

        func set(_ index: Int, _ value: Description) { values.withLock { $0[index] = value } }

        func get(_ index: Int) -> Description? { values.withLock { $0[index] } }
    }
}
