import LikenessCore

/// What turns each image into the vector `cluster` and `map` work on: a model's embedding, the
/// raw pixels, or a stored perceptual bit hash.
///
/// Every method gives unit-length rows, so the Euclidean distance between two images is
/// √(2 − 2·cosine) whatever the method and `--eps` keeps one meaning:
/// - ``model(_:)``: the model's embedding (stored in the catalog, filled when missing).
/// - ``pixels``: the 16×16 grey thumbnail (``GreyThumbnail``), 256 values scaled to unit length;
///   computed from the files on every run.
/// - ``hash(_:)``: the catalog's stored hash (filled when missing), each bit as ±1/√bits, so the
///   squared distance is 4·Hamming/bits: for 64 bits, Hamming 4 is distance 0.5.
///
/// The text form (`--method`, JSON, saved settings) is the model id, `pixels`, or the hash name.
public enum ClusterMethod: Sendable, Hashable, CustomStringConvertible {
    case model(String)
    case pixels
    case hash(HashMethod)

    /// The name on the command line and in results.
    public var name: String {
        switch self {
        case .model(let id): id
        case .pixels: "pixels"
        case .hash(let method): method.rawValue
        }
    }

    /// What a summary line says: "model efficientnet-lite0", "method pixels", "method phash".
    public var summary: String {
        switch self {
        case .model(let id): "model \(id)"
        case .pixels, .hash: "method \(name)"
        }
    }

    public var description: String { name }

    /// The model id, for a model method.
    public var model: String? {
        if case .model(let id) = self { return id }
        return nil
    }

    /// Every valid name, given the ids of the known models: `pixels`, the bit hashes, the models.
    public static func names(models: [String]) -> [String] {
        ["pixels"] + HashMethod.allCases.map(\.rawValue) + models
    }

    /// Parses one name; `models` are the ids of the known models. A continuous hash (radial,
    /// colour moments) is refused: it has no vector a Euclidean clustering could take. The error
    /// lists every valid name.
    public init(parsing text: String, models: [String]) throws(JobError) {
        let name = text.trimmingCharacters(in: .whitespaces)
        if name == "pixels" {
            self = .pixels
        } else if let hash = HashMethod(rawValue: name.lowercased()) {
            self = .hash(hash)
        } else if models.contains(name) {
            self = .model(name)
        } else if let feature = FeatureMethod(rawValue: name.lowercased()) {
            throw .invalidInput("\(feature.rawValue) is a continuous hash with its own distance, not a vector to cluster; "
                                + "valid methods: \(Self.names(models: models).joined(separator: ", "))")
        } else {
            throw .invalidInput(UnknownNameError(kind: "method", given: name, valid: Self.names(models: models)).description)
        }
    }

    /// The method a run uses, from `--method` and `--model` as given (nil: left out).
    ///
    /// Without `method`, the model (default ``ModelDefaults/model``). With both, `model` must be
    /// the method itself: `--method pixels --model X` or `--method A --model B` is refused, so a
    /// run never silently ignores an option.
    public static func resolving(method: String?, model: String?, models: [String]) throws(JobError) -> ClusterMethod {
        guard let method else { return .model(model ?? ModelDefaults.model) }
        let parsed = try ClusterMethod(parsing: method, models: models)
        if let model, parsed != .model(model) {
            throw .invalidInput("--method \(parsed.name) and --model \(model) disagree; give one of them"
                                + (parsed.model == nil ? " (--method \(parsed.name) uses no model)" : ""))
        }
        return parsed
    }
}

extension ClusterMethod: Codable {
    /// Decodes the text form. A name that is neither `pixels` nor a bit hash is taken as a model id
    /// (stored settings name models that may since have been removed).
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        if name == "pixels" { self = .pixels } else if let hash = HashMethod(rawValue: name) { self = .hash(hash) } else { self = .model(name) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
