import Foundation
import Hummingbird

/// A job's progress as server-sent events: an `event: job` with the snapshot each time it changes,
/// and the stream ends once the job has ended (with its final snapshot).
enum ProgressEvents {
    static func stream(job id: Int, runner: JobRunner, interval: Duration = .milliseconds(200)) -> Response {
        let body = ResponseBody { writer in
            var last: JobSnapshot?
            var quiet = Duration.zero
            while let snapshot = runner.snapshot(id) {
                if snapshot != last {
                    let data = try JSONResponse.encoder().encode(snapshot)
                    try await writer.write(ByteBuffer(string: "event: job\ndata: \(String(decoding: data, as: UTF8.self))\n\n"))
                    last = snapshot
                    quiet = .zero
                } else if quiet >= .seconds(15) {
                    try await writer.write(ByteBuffer(string: ": still running\n\n"))
                    quiet = .zero
                }
                if snapshot.state.isTerminal { break }
                try await Task.sleep(for: interval)
                quiet += interval
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }
}
