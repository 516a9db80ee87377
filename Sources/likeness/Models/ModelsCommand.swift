import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab

struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, add and verify embedding models.",
        subcommands: [List.self, Show.self, Add.self, Verify.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The known models, then the trained heads and encoders (likeness train).", discussion: "Example: likeness models list")
        func run() throws {
            let registry = ModelLocator.fromEnvironment().registry
            let (manifests, problems) = registry.all()
            for manifest in manifests {
                let path = manifest.path(in: registry.modelsDirectory)
                let present = FileManager.default.fileExists(atPath: path) ? "" : "  (file missing: \(path))"
                print("\(manifest.id)\t\(manifest.dimension)-d\t\(manifest.input.width)×\(manifest.input.height)\(present)")
            }
            let heads = HeadStore(modelsDirectory: registry.modelsDirectory).all()
            for head in heads.manifests {
                switch head.kind {
                case .embedding:
                    print("\(head.name)\t\(head.architecture.outputWidth)-d\thead: \(head.training.loss) on \(head.base.method)"
                          + String(format: ", validation P@%d %.3f (base %.3f)", head.validation.k, head.validation.bestPrecision, head.validation.basePrecision))
                case .scorer:
                    print("\(head.name)\tpairs\tscorer: siamese on \(head.base.method)"
                          + String(format: ", validation accuracy %.3f (base cosine %.3f)", head.validation.bestPrecision, head.validation.basePrecision))
                }
            }
            let encoders = EncoderStore(modelsDirectory: registry.modelsDirectory).all()
            for encoder in encoders.manifests {
                print("\(encoder.name)\t\(encoder.architecture.code)-d\t\(encoder.inputDescription)\tencoder: \(encoder.kind.rawValue), \(encoder.training.configuration.loss.rawValue)"
                      + String(format: ", validation MSE %.5f (epoch %d of %d)", encoder.validation.loss, encoder.validation.bestEpoch, encoder.validation.epochs.count))
            }
            for problem in problems + heads.problems + encoders.problems { Output.note("ignored: \(problem)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a model's manifest as JSON.", discussion: "Example: likeness models show efficientnet-lite0")
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
            discussion: "A relative \"file\" in the manifest is taken relative to the manifest's folder. Run `likeness models verify ID` next.\n\nExample: likeness models add dinov2-s14.json")
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
            discussion: "Checks the SHA-256, that the manifest's input and output match the graph, and that the output on a probe image has the declared dimension and finite values.\n\nExample: likeness models verify efficientnet-lite0")
        @Argument var id: String = ModelDefaults.model
        func run() throws {
            let result = try JobRunning.run(ModelCheckJob(model: id))
            print("\(result.model): ok — \(result.dimension)-d, finite, SHA-256 \(result.fingerprint.prefix(16))…, ONNX Runtime at \(result.runtimeLibrary)")
        }
    }
}
