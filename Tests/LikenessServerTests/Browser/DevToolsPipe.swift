import Foundation
import LikenessTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A headless Chromium driven through the DevTools protocol over `--remote-debugging-pipe`
/// (JSON messages separated by NUL on file descriptors 3 and 4): no driver, no network port.
final class HeadlessChromium {
    private var pid: pid_t = 0
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private var nextID = 0
    private var pending: [UInt8] = []
    private var session: String?
    private let profile = TemporaryDirectory("chromium-profile")

    /// Chromium from PATH (Debian's `chromium`, installed by scripts/setup.sh).
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    init(executable: String, width: Int = 1280, height: Int = 1000) throws {
        var toPipe: [Int32] = [0, 0], fromPipe: [Int32] = [0, 0]
        guard pipe(&toPipe) == 0, pipe(&fromPipe) == 0 else { throw Failure("cannot create pipes") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toPipe[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromPipe[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
                         "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)", "about:blank"]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(toPipe[0])
        close(fromPipe[1])
        toBrowser = toPipe[1]
        fromBrowser = fromPipe[0]
        guard status == 0 else { throw Failure("cannot start \(executable): \(String(cString: strerror(status)))") }
    }

    deinit {
        close(toBrowser)
        close(fromBrowser)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Opens a page target and attaches to it; later commands go to that page.
    func openPage() throws {
        let target = try command("Target.createTarget", ["url": "about:blank"], session: nil)
        let id = try #require(target["targetId"] as? String)
        let attached = try command("Target.attachToTarget", ["targetId": id, "flatten": true], session: nil)
        session = try #require(attached["sessionId"] as? String)
        _ = try command("Page.enable")
        _ = try command("Runtime.enable")
    }

    func navigate(_ url: String) throws {
        _ = try command("Page.navigate", ["url": url])
        try waitUntil("document.readyState === 'complete' && location.href === \(quoted(url))")
    }

    /// Evaluates JavaScript in the page and returns its value.
    func evaluate(_ expression: String) throws -> Any? {
        let result = try command("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw Failure("\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Polls `condition` (JavaScript) until it is true, through navigations.
    func waitUntil(_ condition: String, seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? evaluate(condition)) as? Bool == true { return }
            usleep(100_000)
        }
        throw Failure("timed out waiting for \(condition)")
    }

    /// Presses one key as a person would: key down (with its text) and key up.
    func press(_ key: String) throws {
        let codes: [String: (code: String, keyCode: Int, text: String?)] = [
            "ArrowRight": ("ArrowRight", 39, nil), "ArrowLeft": ("ArrowLeft", 37, nil), "Enter": ("Enter", 13, "\r"), "Escape": ("Escape", 27, nil),
        ]
        let known = codes[key] ?? (key.count == 1 && key.first!.isNumber ? "Digit\(key)" : "Key\(key.uppercased())",
                                   Int(key.uppercased().unicodeScalars.first!.value), key)
        var down: [String: Any] = ["type": "keyDown", "key": key, "code": known.code, "windowsVirtualKeyCode": known.keyCode]
        if let text = known.text { down["text"] = text }
        _ = try command("Input.dispatchKeyEvent", down)
        _ = try command("Input.dispatchKeyEvent", ["type": "keyUp", "key": key, "code": known.code, "windowsVirtualKeyCode": known.keyCode])
    }

    /// Puts a file into a file input, as a person choosing it in the dialog would; the page sees
    /// its `input` and `change` events.
    func chooseFile(_ path: String, in selector: String) throws {
        _ = try command("DOM.enable")
        let document = try command("DOM.getDocument")
        let root = try #require((document["root"] as? [String: Any])?["nodeId"] as? Int)
        let node = try #require(try command("DOM.querySelector", ["nodeId": root, "selector": selector])["nodeId"] as? Int)
        guard node != 0 else { throw Failure("no element matches \(selector)") }
        _ = try command("DOM.setFileInputFiles", ["files": [path], "nodeId": node])
    }

    /// A PNG of the page as it is shown.
    func screenshot(to path: String) throws {
        let shot = try command("Page.captureScreenshot", ["format": "png"])
        let encoded = try #require(shot["data"] as? String)
        let data = try #require(Data(base64Encoded: encoded))
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Uncaught exceptions the page's scripts threw so far (from `Runtime.exceptionThrown`).
    private(set) var exceptions: [String] = []

    /// Sends one protocol command and returns its result (events in between are dropped, but
    /// for the page's uncaught exceptions, kept in `exceptions`).
    func command(_ method: String, _ params: [String: Any] = [:], session explicit: String?? = .none) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if let session = explicit ?? session { message["sessionId"] = session }
        var bytes = Array(try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure("the browser closed its pipe") }
            written += count
        }
        while true {
            let reply = try readMessage()
            if reply["method"] as? String == "Runtime.exceptionThrown",
               let details = (reply["params"] as? [String: Any])?["exceptionDetails"] as? [String: Any] {
                let exception = details["exception"] as? [String: Any]
                exceptions.append((exception?["description"] as? String) ?? (details["text"] as? String) ?? "\(details)")
            }
            guard reply["id"] as? Int == nextID else { continue }
            if let error = reply["error"] { throw Failure("\(method): \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage(timeout: Int32 = 30_000) throws -> [String: Any] {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let message = Array(pending[..<end])
                pending.removeSubrange(...end)
                return (try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any]) ?? [:]
            }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, timeout) > 0 else { throw Failure("no answer from the browser") }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let count = read(fromBrowser, &buffer, buffer.count)
            guard count > 0 else { throw Failure("the browser closed its pipe") }
            pending += buffer[..<count]
        }
    }

    private func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}
