import Foundation
import LikenessCore

extension CalibrationFile {
    /// Why a calibration file cannot be used. Every case names the file; mismatches give the value
    /// this run expects and the value found in the file.
    public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(path: String)
        case malformed(path: String, reason: String)
        case newerVersion(path: String, version: Int)
        /// A number that must be finite is not (`field` names it, e.g. `threshold`, `clusters[2].threshold`).
        case notFinite(path: String, field: String)
        /// A cluster's centroid has another length than expected: the model's dimension, or (on
        /// load) the first centroid's length. `cluster` counts from 1.
        case centroidLength(path: String, cluster: Int, expected: Int, found: Int)
        /// The file was calibrated on other weights of the same model id.
        case wrongFingerprint(path: String, expected: String, found: String)
        case wrongMethod(path: String, calibrated: String, requested: String)
        case wrongScale(path: String, scale: Scale, needed: Scale)

        public var description: String {
            switch self {
            case .unreadable(let path): "\(path): cannot read the calibration file"
            case .malformed(let path, let reason): "\(path): not a Likeness calibration (\(reason))"
            case .newerVersion(let path, let version): "\(path): calibration format \(version) is newer than this Likeness reads (\(CalibrationFile.currentVersion))"
            case .notFinite(let path, let field): "\(path): \(field) is not a finite number; calibrate again"
            case .centroidLength(let path, let cluster, let expected, let found):
                "\(path): cluster \(cluster) has a centroid of \(found) values, expected \(expected); calibrate again with the model in use"
            case .wrongFingerprint(let path, let expected, let found):
                "\(path): calibrated on model weights \(found.prefix(12)), but the model in use has weights \(expected.prefix(12)); calibrate again with these weights"
            case .wrongMethod(let path, let calibrated, let requested):
                "\(path): calibrated for \(calibrated), but this run uses \(requested); calibrate again with the same method"
            case .wrongScale(let path, let scale, let needed):
                "\(path): holds a \(scale.rawValue) threshold, but this job needs a \(needed.rawValue) threshold"
            }
        }
    }

    /// Reads a saved calibration and checks what the file can say about itself: a version this
    /// build reads, finite thresholds and scores, and centroids of one length with finite values.
    public static func load(_ path: String) throws(LoadError) -> CalibrationFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        struct Versioned: Decodable { var version: Int }
        guard let versioned = try? JSONDecoder().decode(Versioned.self, from: data) else {
            throw .malformed(path: path, reason: "no version field")
        }
        guard versioned.version <= currentVersion else { throw .newerVersion(path: path, version: versioned.version) }
        guard versioned.version >= 1 else { throw .malformed(path: path, reason: "version \(versioned.version)") }
        var file: CalibrationFile
        do { file = try JSONDecoder().decode(CalibrationFile.self, from: data) } catch {
            throw .malformed(path: path, reason: "\(error)")
        }
        file.path = path
        try file.validate()
        return file
    }

    /// The checks of ``load(_:)`` on a calibration in memory.
    public func validate() throws(LoadError) {
        let path = self.path ?? "calibration"
        for (field, value) in [("threshold", point.threshold), ("precision", point.precision), ("recall", point.recall), ("f1", point.f1)]
        where !value.isFinite {
            throw .notFinite(path: path, field: field)
        }
        guard let clusters else { return }
        guard let length = clusters.first?.centroid.count else { throw .malformed(path: path, reason: "an empty list of clusters") }
        for (number, cluster) in clusters.enumerated() {
            guard cluster.threshold.isFinite else { throw .notFinite(path: path, field: "clusters[\(number + 1)].threshold") }
            guard cluster.centroid.count == length, length > 0 else {
                throw .centroidLength(path: path, cluster: number + 1, expected: length, found: cluster.centroid.count)
            }
            guard cluster.centroid.allSatisfy(\.isFinite) else { throw .notFinite(path: path, field: "clusters[\(number + 1)].centroid") }
        }
    }

    /// Checks this calibration fits a job that scores with `method` on `scale` (hash calibrations).
    public func checked(method requested: String, scale needed: Scale, path: String) throws(LoadError) -> CalibrationFile {
        guard scale == needed else { throw .wrongScale(path: path, scale: scale, needed: needed) }
        guard method == requested else { throw .wrongMethod(path: path, calibrated: method, requested: requested) }
        return self
    }

    /// Checks this calibration is a cosine threshold of exactly `model`: the same id, the same
    /// weights (when the file recorded them) and centroids of the model's dimension. Jobs call it
    /// with the model they opened before using any threshold.
    public func checked(for model: any EmbeddingModel) throws(LoadError) -> CalibrationFile {
        let path = self.path ?? "calibration"
        _ = try checked(method: model.id, scale: .cosine, path: path)
        if let modelFingerprint, modelFingerprint != model.fingerprint {
            throw .wrongFingerprint(path: path, expected: model.fingerprint, found: modelFingerprint)
        }
        for (number, cluster) in (clusters ?? []).enumerated() where cluster.centroid.count != model.dimension {
            throw .centroidLength(path: path, cluster: number + 1, expected: model.dimension, found: cluster.centroid.count)
        }
        return self
    }
}
