import ArgumentParser
import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessEmbedding

struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute deep embeddings for every catalogued image (incremental).",
        discussion: """
            Folders given are scanned first. Vectors are stored in the catalog under the model's id \
            and the SHA-256 of its weights: a changed model file makes old vectors stale, and they \
            are recomputed. While the model runs on one batch, the next batch is decoded.
            """)

    @Argument(help: ArgumentHelp("Folders to scan and embed (default: everything in the catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Images per model run.")
    var batch: Int = 16

    @Option(help: "Threads that read and decode images.")
    var decodeWorkers: Int = 1

    @Flag(help: "Print a machine-readable summary on stdout.")
    var json = false

    func run() throws {
        let catalog = try catalogOptions.open()
        let (model, input) = try modelOptions.open()
        let roots = folders.isEmpty ? nil : folders
        let summary: EmbeddingIndexer.Summary
        do {
            if let roots {
                let scan = try CatalogScanner(catalog: catalog).scan(roots, progress: TerminalProgress())
                if !json { Output.note("scanned: \(scan.discovered) files, \(scan.processed) read, \(scan.failedCount) failed") }
            }
            summary = try EmbeddingIndexer(catalog: catalog, model: model, input: input, batchSize: batch, decodeWorkers: decodeWorkers)
                .fill(under: roots.map { $0.map { URL(fileURLWithPath: $0).standardizedFileURL.path } }, progress: TerminalProgress())
        } catch let error as CustomStringConvertible & Error {
            throw CommandFailure(error.description)
        }
        if json { try Output.json(summary); return }
        print("\(model.id): embedded \(summary.embedded) images" + String(format: " in %.2f s (%.1f images/s)", summary.seconds, summary.imagesPerSecond))
        print(String(format: "  decode %.2f s, model %.2f s", summary.decodeSeconds, summary.inferenceSeconds))
        if summary.staleBefore > 0 { print("  \(summary.staleBefore) vectors from other weights of \(model.id) were stale") }
        for skipped in summary.skipped { print("  skipped \(skipped.message)") }
    }
}

struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, add and verify embedding models.",
        subcommands: [List.self, Show.self, Add.self, Verify.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The known models.")
        func run() throws {
            let registry = ModelRegistry(modelsDirectory: ModelOptions.modelsDirectory)
            let (manifests, problems) = registry.all()
            for manifest in manifests {
                let path = manifest.file.hasPrefix("/") ? manifest.file : (registry.modelsDirectory as NSString).appendingPathComponent(manifest.file)
                let present = FileManager.default.fileExists(atPath: path) ? "" : "  (file missing: \(path))"
                print("\(manifest.id)\t\(manifest.dimension)-d\t\(manifest.input.width)×\(manifest.input.height)\(present)")
            }
            for problem in problems { Output.note("ignored: \(problem)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a model's manifest as JSON.")
        @Argument var id: String = ModelManifest.efficientNetLite0.id
        func run() throws {
            do { print(try ModelRegistry(modelsDirectory: ModelOptions.modelsDirectory).manifest(id).json()) } catch {
                throw CommandFailure(error.description)
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a manifest JSON file and add it.",
            discussion: "A relative \"file\" in the manifest is taken relative to the manifest's folder. Run `likeness models verify ID` next.")
        @Argument(help: ArgumentHelp("Manifest JSON file.", valueName: "manifest")) var path: String
        func run() throws {
            do {
                let manifest = try ModelRegistry(modelsDirectory: ModelOptions.modelsDirectory).add(manifestAt: path)
                print("added \(manifest.id) (\(manifest.file))")
            } catch {
                throw CommandFailure(error.description)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a model, check its file and manifest, and run it on a probe image.",
            discussion: "Checks the SHA-256, that the manifest's input and output match the graph, and that the output on a probe image has the declared dimension and finite values.")
        @Argument var id: String = ModelManifest.efficientNetLite0.id
        func run() throws {
            let (model, _) = try ModelOptions.open(model: id, threads: 1)
            // A probe: a smooth colour ramp at the model's input size.
            let (w, h) = model.inputSize
            var bytes = [UInt8](repeating: 0, count: w * h * 3)
            for y in 0..<h { for x in 0..<w { bytes[(y * w + x) * 3] = UInt8(x * 255 / max(w - 1, 1)); bytes[(y * w + x) * 3 + 1] = UInt8(y * 255 / max(h - 1, 1)); bytes[(y * w + x) * 3 + 2] = 128 } }
            let result: [Result<[Float], ItemFailure>]
            do { result = try model.embed([PixelBuffer(width: w, height: h, bytes: bytes)]) } catch let error as CustomStringConvertible & Error {
                throw CommandFailure(error.description)
            }
            switch result.first {
            case .success(let vector)?:
                print("\(model.id): ok — \(vector.count)-d, finite, SHA-256 \(model.fingerprint.prefix(16))…, ONNX Runtime at \(ModelOptions.runtimeLibrary)")
            case .failure(let failure)?:
                throw CommandFailure("\(model.id): \(failure.message)")
            case nil:
                throw CommandFailure("\(model.id): no output")
            }
        }
    }
}
