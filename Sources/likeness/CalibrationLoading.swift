import LikenessEngine

/// Reads `--calibration FILE` for the jobs, turning its typed errors into command failures.
enum CalibrationLoading {
    /// The saved calibration at `path`.
    static func load(_ path: String) throws -> CalibrationFile {
        do { return try CalibrationFile.load(path) } catch { throw CommandFailure(error.description) }
    }

    /// A saved cosine calibration of `model`, or nil without a path.
    static func cosine(_ path: String?, model: String) throws -> CalibrationFile? {
        guard let path else { return nil }
        return try checkedCosine(try load(path), model: model, path: path)
    }

    /// `file` when it holds a cosine threshold of `model`.
    static func checkedCosine(_ file: CalibrationFile, model: String, path: String) throws -> CalibrationFile {
        do { return try file.checked(method: model, scale: .cosine, path: path) } catch { throw CommandFailure(error.description) }
    }
}
