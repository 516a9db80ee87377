import LikenessEngine
import LikenessLearning

extension JobError {
    /// A trainer's error as a job's: cancelled, unusable data or settings (invalid input), or anything else.
    static func training(_ error: any Error) -> JobError {
        switch error {
        case is CancellationError: .cancelled
        case let error as TrainingError: .invalidInput(error.description)
        default: .failed(String(describing: error))
        }
    }
}
