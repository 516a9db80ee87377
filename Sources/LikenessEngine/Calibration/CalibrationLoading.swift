/// Reads `--calibration FILE` for the jobs that apply a saved threshold.
enum CalibrationLoading {
    /// The saved cosine calibration of `model` at `path`, or nil without a path.
    static func cosine(_ path: String?, model: String) throws(JobError) -> CalibrationFile? {
        guard let path else { return nil }
        do { return try CalibrationFile.load(path).checked(method: model, scale: .cosine, path: path) } catch {
            throw .invalidInput(error.description)
        }
    }
}
