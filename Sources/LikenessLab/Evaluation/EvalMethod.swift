import LikenessEngine
import Foundation
import LikenessCore

/// A way of describing images in `eval` and the linear probe: each turns an image into a feature.
public enum EvalMethod: Sendable, Hashable, CustomStringConvertible {
    /// A deep embedding from the model with this id (cosine).
    case embedding(String)
    /// A perceptual bit hash (Hamming distance; ±1 bits for the probe).
    case hash(HashMethod)
    /// The raw-pixel baseline: a 16×16 grey (BT.601 luma) thumbnail as a 256-d vector (cosine).
    case pixels
    /// An 88-bin HSV/grey histogram, see ``LikenessHashing/ColorHistogram`` (cosine of its Hellinger vector).
    case histogram
    /// A learned head (``HeadStore``) applied to its base method's features (cosine).
    case head(String)

    /// The name used on the command line and in results.
    public var name: String {
        switch self {
        case .embedding(let id): id
        case .hash(let method): method.rawValue
        case .pixels: "pixels"
        case .histogram: "histogram"
        case .head(let name): name
        }
    }

    public var description: String { name }

    /// Every valid name, given the ids of the known models and the names of the trained heads.
    public static func names(models: [String], heads: [String] = []) -> [String] {
        ["pixels", "histogram"] + HashMethod.allCases.map(\.rawValue) + models + heads
    }

    /// Parses one name; `models` are the ids of the known models, `heads` the names of the trained
    /// heads (a model id wins over a head of the same name). The error lists every valid name.
    public init(parsing text: String, models: [String], heads: [String] = []) throws(UnknownNameError) {
        let name = text.trimmingCharacters(in: .whitespaces)
        if name == "pixels" {
            self = .pixels
        } else if name == "histogram" {
            self = .histogram
        } else if let hash = HashMethod(rawValue: name.lowercased()) {
            self = .hash(hash)
        } else if models.contains(name) {
            self = .embedding(name)
        } else if heads.contains(name) {
            self = .head(name)
        } else {
            throw UnknownNameError(kind: "method", given: name, valid: Self.names(models: models, heads: heads))
        }
    }

    /// Parses a comma-separated list, keeping its order.
    public static func list(_ text: String, models: [String], heads: [String] = []) throws(UnknownNameError) -> [EvalMethod] {
        var methods: [EvalMethod] = []
        for part in text.split(separator: ",") { methods.append(try EvalMethod(parsing: String(part), models: models, heads: heads)) }
        return methods
    }
}
