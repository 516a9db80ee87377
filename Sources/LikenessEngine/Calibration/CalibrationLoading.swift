/// Reads `--calibration FILE` for the jobs that apply a saved cosine threshold.
enum CalibrationLoading {
    /// The saved cosine calibration at `path` when it was made with `model` (same id, same weights,
    /// centroids of its dimension), or nil without a path.
    static func cosine(_ path: String?, for model: OpenedModel) throws(JobError) -> CalibrationFile? {
        guard let path else { return nil }
        do { return try CalibrationFile.load(path).checked(for: model.model) } catch {
            throw .invalidInput(error.description)
        }
    }
}
