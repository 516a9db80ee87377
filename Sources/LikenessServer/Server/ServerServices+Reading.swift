import LikenessCore
import LikenessEngine

extension ServerServices {
    /// Runs a short read-only engine job at once, beside the job queue, so a page that lists
    /// saved clusterings does not wait behind a long clustering or embedding.
    func read<J: Job>(_ job: J) async throws(APIError) -> J.Output {
        let context = JobContext(catalogPath: configuration.catalogPath, models: configuration.models, progress: SilentProgress(),
                                 cancellation: CancellationToken(), workers: 1)
        let outcome: Result<J.Output, JobError> = await Task.detached {
            do throws(JobError) { return .success(try job.run(in: context)) } catch { return .failure(error) }
        }.value
        switch outcome {
        case .success(let output): return output
        case .failure(let error): throw APIError(error)
        }
    }

    /// Whether `path` lies inside the roots this server serves (after resolving links).
    func serves(_ path: String) -> Bool {
        RootConfinement.realPath(path).map(configuration.confinement.contains(resolved:)) ?? false
    }
}
