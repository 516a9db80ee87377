import Foundation
import LikenessCore
import LikenessImaging
import LikenessNumerics

/// `likeness reconstruct NAME FILE --out recon.png`: what an autoencoder keeps of an image. The image
/// is prepared as the encoder's training images were (squashed to its side, grey or RGB), encoded,
/// decoded, and the reconstruction written beside the input as the encoder sees it.
public struct ReconstructJob: Job {
    /// The encoder's name.
    public var encoder: String
    public var file: String
    /// Where the reconstruction goes (PNG, JPEG, … by its suffix). Never overwritten.
    public var output: String
    /// Where the input as the encoder sees it goes, if anywhere. Never overwritten.
    public var prepared: String?

    public init(encoder: String, file: String, output: String, prepared: String? = nil) {
        self.encoder = encoder
        self.file = file
        self.output = output
        self.prepared = prepared
    }

    public struct Result: Sendable, Codable {
        public var encoder: String
        public var file: String
        public var output: String
        public var prepared: String?
        /// "64×64 grey" or "64×64 RGB".
        public var input: String
        /// Mean squared error per value between the prepared input and the reconstruction (pixels in [0, 1]).
        public var meanSquaredError: Double
        /// The encoder's validation MSE, for comparison.
        public var validationError: Double
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        try InputPaths.requireExisting([file])
        for path in [output] + (prepared.map { [$0] } ?? []) where FileManager.default.fileExists(atPath: path) {
            throw .invalidInput("\(path) exists; reconstruct never overwrites a file: choose another --out")
        }
        let opened = try context.models.openEncoder(encoder)
        guard let model = opened.base as? AutoencoderEmbeddingModel else { throw .invalidInput("\(encoder) is not an encoder") }
        let architecture = model.manifest.architecture
        let pixels: PixelBuffer
        do { pixels = try ImageSource(path: file).pixels(for: opened.input) } catch { throw .file(path: file, message: error.description) }
        let row: [Float]
        do { row = try model.row(pixels) } catch { throw .encoder(error) }
        let images = Matrix(rows: 1, columns: architecture.inputWidth, values: row)
        let reconstruction = model.autoencoder.reconstruct(images)
        let error = zip(reconstruction.values, row).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(row.count)
        do {
            let encoder = try ImageEncoder()
            try encoder.write(AutoencoderEmbeddingModel.pixels(reconstruction.values, channels: architecture.channels, side: architecture.side), to: output)
            if let prepared {
                try encoder.write(AutoencoderEmbeddingModel.pixels(row, channels: architecture.channels, side: architecture.side), to: prepared)
            }
        } catch {
            throw .file(path: output, message: error.description)
        }
        return Result(encoder: encoder, file: file, output: output, prepared: prepared, input: model.manifest.inputDescription,
                      meanSquaredError: error, validationError: model.manifest.validation.loss)
    }
}
