import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessImaging

extension EvalDataset.Layout: ExpressibleByArgument {}

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Retrieval quality of several methods side by side: P@k, R@k, mAP@k, mAP, UKBench N-S.",
        discussion: """
            Every image is a query against all others (or --queries N, sampled by whole groups with a \
            fixed seed). Methods: an embedding model id (see `likeness models list`), a hash method \
            (phash, dhash, ahash, whash, blockmean, blockmean-overlap), or `pixels` (a 16×16 grey \
            thumbnail as a 256-d vector, the raw-pixel baseline).
            """)

    @Argument(help: ArgumentHelp("Dataset folder.", valueName: "dataset")) var dataset: String
    @Option(help: "How groups are read from file names.") var layout: EvalDataset.Layout = .folders
    @Option(help: "Comma-separated methods.") var methods: String = "efficientnet-lite0,phash,pixels"
    @Option(help: "Comma-separated cut-offs k.") var k: String = "1,5,10"
    @Option(help: "Number of query images (default: all).") var queries: Int?
    @Option(help: "Use only the first N images of an IDX file.") var limit: Int?
    @Flag(help: "Print JSON on stdout.") var json = false

    enum Method {
        case embedding(String)
        case hash(HashMethod)
        case pixels
        var name: String {
            switch self {
            case .embedding(let id): id
            case .hash(let method): method.rawValue
            case .pixels: "pixels"
            }
        }
    }

    func run() throws {
        let ks = try k.split(separator: ",").map { part -> Int in
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value > 0 else { throw ValidationError("--k takes positive integers, got \(part)") }
            return value
        }
        let known = ModelRegistry(modelsDirectory: ModelOptions.modelsDirectory).all().manifests.map(\.id)
        let chosen = try methods.split(separator: ",").map { raw -> Method in
            let name = raw.trimmingCharacters(in: .whitespaces)
            if name == "pixels" { return .pixels }
            if let hash = HashMethod(rawValue: name) { return .hash(hash) }
            if known.contains(name) { return .embedding(name) }
            throw CommandFailure(UnknownNameError(kind: "method", given: name, valid: ["pixels"] + HashMethod.allCases.map(\.rawValue) + known).description)
        }
        let data: EvalDataset
        do { data = try EvalDataset.load(dataset, layout: layout, limit: limit) } catch { throw CommandFailure(error.description) }
        let evaluation = RetrievalEvaluation(dataset: data, ks: ks)
        let queryList = evaluation.sampleQueries(queries)
        var results: [RetrievalEvaluation.Scores] = []
        for method in chosen {
            let features = try self.features(method, data: data)
            results.append(evaluation.score(method: method.name, features: features, queries: queryList))
        }
        if json {
            struct Out: Encodable { var dataset: String; var layout: String; var images: Int; var groups: Int; var methods: [RetrievalEvaluation.Scores] }
            try Output.json(Out(dataset: dataset, layout: layout.rawValue, images: data.paths.count, groups: data.groupNames.count, methods: results))
            return
        }
        print("\(data.paths.count) images in \(data.groupNames.count) groups (\(layout.rawValue)); \(queryList.count) queries")
        var header = "method".padding(toLength: 22, withPad: " ", startingAt: 0)
        for k in ks { header += "P@\(k)".padding(toLength: 8, withPad: " ", startingAt: 0) }
        for k in ks { header += "mAP@\(k)".padding(toLength: 9, withPad: " ", startingAt: 0) }
        header += "mAP     N-S"
        print(header)
        for r in results {
            var line = r.method.padding(toLength: 22, withPad: " ", startingAt: 0)
            for k in ks { line += String(format: "%-8.3f", r.precision[k] ?? 0) }
            for k in ks { line += String(format: "%-9.3f", r.meanAveragePrecisionAtK[k] ?? 0) }
            line += String(format: "%-8.3f", r.meanAveragePrecision) + (r.nisterStewenius.map { String(format: "%.2f", $0) } ?? "–")
            print(line)
        }
    }

    private func features(_ method: Method, data: EvalDataset) throws -> RetrievalEvaluation.Features {
        // Each image either comes from a file (decoded with shrink-on-load) or is already in memory (IDX).
        let editor = try ImageEditor(), decoder = try ImageDecoder()
        func load(_ i: Int, _ size: TargetSize?, _ fromBytes: ([UInt8], String) throws -> PixelBuffer) -> PixelBuffer? {
            if let pixels = data.pixels?[i] { return size.flatMap { try? editor.resized(pixels, to: $0) } ?? pixels }
            return FileManager.default.contents(atPath: data.paths[i]).flatMap { try? fromBytes(Array($0), data.paths[i]) }
        }
        switch method {
        case .embedding(let id):
            let (model, input) = try ModelOptions.open(model: id, threads: 1)
            var vectors: [[Float]?] = []
            let progress = TerminalProgress()
            progress.begin("embed", total: data.paths.count)
            for start in stride(from: 0, to: data.paths.count, by: 32) {
                let batch = Array(start..<min(start + 32, data.paths.count))
                let pixels = batch.map { i -> PixelBuffer? in
                    if let memory = data.pixels?[i] { return try? input.pixels(from: memory) }
                    return load(i, nil) { bytes, path in try input.pixels(from: bytes, path: path) }
                }
                var results = try model.embed(pixels.compactMap { $0 }).makeIterator()
                for p in pixels { vectors.append(p == nil ? nil : (try? results.next()!.get())) }
                progress.advance("embed", completed: batch.last! + 1, total: data.paths.count)
            }
            progress.end("embed")
            return .vectors(vectors)
        case .hash(let hash):
            let computer = try HashComputer(methods: [hash])
            return .hashes(data.paths.indices.map { i in
                if let memory = data.pixels?[i] { return try? computer.hashes(of: memory).first }
                return FileManager.default.contents(atPath: data.paths[i]).flatMap { try? computer.hashes(of: Array($0), path: data.paths[i]).first }
            })
        case .pixels:
            return .vectors(data.paths.indices.map { i in
                load(i, .squash(width: 16, height: 16)) { bytes, path in try decoder.decode(bytes, to: .squash(width: 16, height: 16), path: path).pixels }
                    .map { GreyImage($0).values }
            })
        }
    }
}
