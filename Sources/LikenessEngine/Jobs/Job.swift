/// One unit of work a shell can run: a typed configuration in, a typed `Codable` result out.
///
/// The CLI parses options into a job, runs it and renders the result as text, JSON, CSV or HTML;
/// the server runs the same job and returns the same result as JSON. Jobs never print: progress
/// goes to the context's reporter, and they stop early when its cancellation token is cancelled.
public protocol Job: Sendable {
    associatedtype Output: Codable & Sendable
    /// Runs the job to completion, or until the context's token is cancelled.
    func run(in context: JobContext) throws(JobError) -> Output
}
