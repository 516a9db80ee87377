import ArgumentParser
import Foundation
import LikenessEngine

struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute deep embeddings for every catalogued image (incremental).",
        discussion: """
            Folders given are scanned first. Vectors are stored in the catalog under the model's id \
            and the SHA-256 of its weights: a changed model file makes old vectors stale, and they \
            are recomputed. While the model runs on one batch, the next batch is decoded.

            Example: likeness embed ~/Pictures --model efficientnet-lite0
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
        let job = EmbedJob(folders: folders, model: modelOptions.model, threads: modelOptions.threads, batchSize: batch, decodeWorkers: decodeWorkers)
        let summary = try JobRunning.run(job, catalog: catalogOptions)
        if json { try Output.json(summary); return }
        if let scan = summary.scan { Output.note("scanned: \(scan.discovered) files, \(scan.processed) read, \(scan.failed) failed") }
        print("\(summary.model): embedded \(summary.embedded) images" + String(format: " in %.2f s (%.1f images/s)", summary.seconds, summary.imagesPerSecond))
        print(String(format: "  decode %.2f s, model %.2f s", summary.decodeSeconds, summary.inferenceSeconds))
        if summary.staleBefore > 0 { print("  \(summary.staleBefore) vectors from other weights of \(summary.model) were stale") }
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
            let registry = ModelLocator.fromEnvironment().registry
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
        @Argument var id: String = ModelDefaults.model
        func run() throws {
            do { print(try ModelLocator.fromEnvironment().registry.manifest(id).json()) } catch {
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
                let manifest = try ModelLocator.fromEnvironment().registry.add(manifestAt: path)
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
        @Argument var id: String = ModelDefaults.model
        func run() throws {
            let result = try JobRunning.run(ModelCheckJob(model: id))
            print("\(result.model): ok — \(result.dimension)-d, finite, SHA-256 \(result.fingerprint.prefix(16))…, ONNX Runtime at \(result.runtimeLibrary)")
        }
    }
}
