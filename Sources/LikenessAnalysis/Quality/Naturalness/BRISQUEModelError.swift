/// Why the BRISQUE model could not be loaded. Quality is still measured without it; only
/// ``QualityScores/naturalness`` is left nil.
public enum BRISQUEModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file at the path: `make setup` (scripts/setup.sh) writes it.
    case missing(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file was read but is not a model this code can use.
    case corrupt(path: String?, reason: String)
    /// Not loaded because the job reads no BRISQUE score (the keeper of a duplicate group, whose
    /// ``QualityScores/overall`` does not include it).
    case notNeeded

    public var description: String {
        switch self {
        case .missing(let path): "BRISQUE model not found at \(path) (run scripts/setup.sh to install it)"
        case .unreadable(let path, let reason): "BRISQUE model at \(path) could not be read: \(reason)"
        case .corrupt(let path, let reason): "BRISQUE model\(path.map { " at \($0)" } ?? "") is corrupt: \(reason)"
        case .notNeeded: "BRISQUE not measured: this job does not read it"
        }
    }
}
