import Foundation
import Testing

extension CLIRunner {
    /// Starts `likeness` with `arguments` and kills it with SIGKILL as soon as `reached` says so
    /// (polled every 5 ms, for at most 5 minutes); fails when the process finished first.
    static func killMidRun(_ arguments: [String], once reached: () throws -> Bool) throws {
        let victim = start(arguments)
        victim.standardOutput = FileHandle.nullDevice
        victim.standardError = FileHandle.nullDevice
        try victim.run()
        let deadline = Date().addingTimeInterval(300)
        while victim.isRunning && Date() < deadline {
            if try reached() { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        try #require(victim.isRunning, "the worker finished before it could be killed")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal && victim.terminationStatus == SIGKILL)
    }
}
