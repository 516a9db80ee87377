import Foundation
import LikenessTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Starts the real `likeness serve` binary (built next to the test bundle) and talks HTTP to it.
@Suite(.serialized) struct EndToEndTests {
    static var executable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("likeness").path
    }

    /// A running server and what it printed on stderr.
    final class Running: @unchecked Sendable {
        let process = Process()
        let errors = Pipe()
        var port = 0

        init(_ arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: EndToEndTests.executable)
            process.arguments = ["serve"] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "LIKENESS_CATALOG")
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
        }

        /// Reads stderr until the server says where it listens.
        func waitForPort() throws -> Int {
            var seen = ""
            let handle = errors.fileHandleForReading
            while !seen.contains("/ — roots") {
                let data = handle.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
            }
            let match = try #require(seen.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression), "\(seen)")
            port = try #require(Int(seen[match].dropFirst("http://127.0.0.1:".count).dropLast()))
            return port
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    /// One HTTP/1.1 request over a plain socket; returns the status and the body.
    static func request(_ port: Int, _ method: String, _ path: String, host: String = "127.0.0.1", body: String? = nil) throws -> (status: Int, body: String) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(connected == 0, "connect to \(port)")
        var text = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n"
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)" } else { text += "\r\n" }
        _ = text.withCString { send(socket, $0, strlen($0), 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let response = String(decoding: received, as: UTF8.self)
        let status = Int(response.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0
        let body = response.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }

    @Test("likeness serve starts on a free port, serves the pages, the assets and the API, scans, and stops on SIGTERM")
    func servesPages() throws {
        let folder = TemporaryDirectory("serve-e2e")
        folder.folder("root")
        try Fixtures.writePattern(to: folder.child("root/one.png"), width: 96, height: 64, seed: 1)
        try Fixtures.writePattern(to: folder.child("root/two.png"), width: 96, height: 64, seed: 2)
        let server = try Running(["--root", folder.child("root"), "--catalog", folder.child("c.sqlite"), "--port", "0"])
        defer { server.stop() }
        let port = try server.waitForPort()
        let library = try Self.request(port, "GET", "/")
        #expect(library.status == 200 && library.body.contains("<h1>Library</h1>") && library.body.contains("/assets/app.js"))
        let script = try Self.request(port, "GET", "/assets/app.js")
        #expect(script.status == 200 && script.body.contains("EventSource"))
        let style = try Self.request(port, "GET", "/assets/app.css")
        #expect(style.status == 200 && style.body.contains(".copies"))
        for page in ["/dupes", "/search", "/novelty"] {
            #expect(try Self.request(port, "GET", page).status == 200, "\(page)")
        }
        // A scan through the API, followed to its end.
        let started = try Self.request(port, "POST", "/api/v1/jobs", body: #"{"kind":"scan"}"#)
        #expect(started.status == 202, "\(started.body)")
        let events = try Self.request(port, "GET", "/api/v1/jobs/1/events")
        #expect(events.body.contains("\"state\":\"finished\""), "\(events.body)")
        let listing = try Self.request(port, "GET", "/?folder=" + folder.child("root"))
        #expect(listing.body.components(separatedBy: "class=\"thumb\"").count - 1 == 2)
        // Another Host header (a DNS name rebound to 127.0.0.1) is refused.
        let rebound = try Self.request(port, "GET", "/api/v1/library", host: "evil.example:\(port)")
        #expect(rebound.status == 403 && rebound.body.contains("cross-origin"))
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(!server.process.isRunning)
    }

    @Test("likeness serve refuses to bind off loopback without a token, and says how to make one")
    func refusesWithoutToken() throws {
        let folder = TemporaryDirectory("serve-e2e")
        folder.folder("root")
        let server = try Running(["--root", folder.child("root"), "--catalog", folder.child("c.sqlite"), "--host", "0.0.0.0", "--port", "0"])
        server.process.waitUntilExit()
        let message = String(decoding: server.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(server.process.terminationStatus == 2)
        #expect(message.contains("needs a bearer token") && message.contains("--token-file"), "\(message)")
    }

    @Test("SIGTERM while a job runs: the job stops at its next check and the server exits cleanly")
    func stopsDuringAJob() throws {
        let folder = TemporaryDirectory("serve-e2e")
        folder.folder("root")
        for seed in 0..<150 { try Fixtures.writePattern(to: folder.child("root/\(seed).png"), width: 160, height: 120, seed: UInt64(seed)) }
        let server = try Running(["--root", folder.child("root"), "--catalog", folder.child("c.sqlite"), "--port", "0"])
        defer { server.stop() }
        let port = try server.waitForPort()
        #expect(try Self.request(port, "POST", "/api/v1/jobs", body: #"{"kind":"scan"}"#).status == 202)
        for _ in 0..<200 where !(try Self.request(port, "GET", "/api/v1/jobs/1").body.contains("\"state\":\"running\"")) { usleep(10_000) }
        server.process.terminate()
        server.process.waitUntilExit()
        let errors = String(decoding: server.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0, "\(errors)")
        #expect(!errors.contains("crashed"))
    }
}
