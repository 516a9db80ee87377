import LikenessCore

/// `models verify`: loads a model, checks its file and manifest, and runs it on a probe image.
public struct ModelCheckJob: Job {
    public var model: String

    public init(model: String = ModelDefaults.model) { self.model = model }

    public struct Check: Codable, Sendable {
        public var model: String
        public var dimension: Int
        /// SHA-256 of the model file.
        public var fingerprint: String
        public var runtimeLibrary: String
    }

    public func run(in context: JobContext) throws(JobError) -> Check {
        let opened = try context.models.open(model)
        // A probe: a smooth colour ramp at the model's input size.
        let (w, h) = opened.model.inputSize
        var bytes = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                bytes[(y * w + x) * 3] = UInt8(x * 255 / max(w - 1, 1))
                bytes[(y * w + x) * 3 + 1] = UInt8(y * 255 / max(h - 1, 1))
                bytes[(y * w + x) * 3 + 2] = 128
            }
        }
        let outcome: Result<[Float], ItemFailure>?
        do { outcome = try opened.model.embed([PixelBuffer(width: w, height: h, bytes: bytes)]).first } catch { throw .wrapping(error) }
        switch outcome {
        case .success(let vector)?:
            return Check(model: opened.id, dimension: vector.count, fingerprint: opened.model.fingerprint, runtimeLibrary: context.models.runtimeLibrary)
        case .failure(let failure)?:
            throw .model("\(opened.id): \(failure.message)")
        case nil:
            throw .model("\(opened.id): no output")
        }
    }
}
