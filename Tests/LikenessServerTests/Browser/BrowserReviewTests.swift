import Foundation
import LikenessTestSupport
import Testing

/// The review page in a real browser: Debian's Chromium, headless, driven by the keyboard as a
/// person would, against the real `likeness serve` binary. Screenshots of each step are kept in
/// `.build/screenshots/` for a developer to look at.
@Suite(.serialized) struct BrowserReviewTests {
    static var screenshots: String {
        let folder = FileManager.default.currentDirectoryPath + "/.build/screenshots"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `likeness serve` over the fixture on a free port, with its dupes job (job 1) finished.
    static func serveDupes(_ fixture: ServerFixture) throws -> (EndToEndTests.Running, Int) {
        let server = try EndToEndTests.Running(["--root", fixture.root, "--catalog", fixture.catalog, "--trash", fixture.trash, "--port", "0"])
        let port: Int
        do { port = try server.waitForPort() } catch { server.stop(); throw error }
        let start = String(decoding: try JSONSerialization.data(withJSONObject: DupesRouteTests.strict(fixture)), as: UTF8.self)
        #expect(try EndToEndTests.request(port, "POST", "/api/v1/jobs", body: start).status == 202)
        #expect(try EndToEndTests.request(port, "GET", "/api/v1/jobs/1/events").body.contains("\"state\":\"finished\""))
        return (server, port)
    }

    @Test("keyboard review in Chromium: 2 chooses the second copy, m previews, Enter moves the others, u puts them back byte for byte")
    func keyboardReview() throws {
        let chromium = try #require(HeadlessChromium.executable(), "chromium is not installed: run `make setup` (scripts/setup.sh installs Debian's chromium)")
        let fixture = try ServerFixture()
        try DupesRouteTests.makeSet(in: fixture)
        let before = DupesRouteTests.snapshot(fixture.root)
        let (server, port) = try Self.serveDupes(fixture)
        defer { server.stop() }
        let page = try #require(try JSONSerialization.jsonObject(with: Data(EndToEndTests.request(port, "GET", "/api/v1/dupes").body.utf8)) as? [String: Any])
        let group = try #require((page["groups"] as? [[String: Any]])?.first)
        let id = try #require(group["id"] as? Int)
        let paths = try #require((group["members"] as? [[String: Any]])?.compactMap { $0["path"] as? String })
        #expect(paths.count == 3)

        let browser = try HeadlessChromium(executable: chromium)
        try browser.openPage()
        try browser.navigate("http://127.0.0.1:\(port)/dupes/\(id)")
        #expect(try browser.evaluate("document.querySelectorAll('article.copy').length") as? Int == 3)
        #expect(try browser.evaluate("document.querySelectorAll('article.copy')[0].classList.contains('chosen')") as? Bool == true)
        try browser.press("2")
        #expect(try browser.evaluate("document.querySelectorAll('article.copy')[1].classList.contains('chosen')") as? Bool == true)
        #expect(try browser.evaluate("document.querySelectorAll('article.copy.chosen').length") as? Int == 1)
        try browser.waitUntil("Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)")
        try browser.screenshot(to: Self.screenshots + "/review-compare.png")
        // f: the two other copies drawn as their difference from the chosen one, which is not black.
        try browser.press("f")
        try browser.waitUntil("document.querySelectorAll('.copies.difference canvas.diff').length === 2")
        let lit = try browser.evaluate("""
            Array.from(document.querySelectorAll('canvas.diff')).map(canvas => { const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;             let sum = 0; for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2]; return sum > 0; })
            """) as? [Bool]
        #expect(lit == [true, true], "a resized or re-encoded copy differs somewhere")
        try browser.screenshot(to: Self.screenshots + "/review-difference.png")
        try browser.press("f")

        try browser.press("m")
        try browser.waitUntil("document.querySelector('#preview').open && document.querySelectorAll('#preview-list li').length === 2")
        let listed = try #require(try browser.evaluate("Array.from(document.querySelectorAll('#preview-list code')).map(code => code.textContent)") as? [String])
        #expect(Set(listed) == [paths[0], paths[2]], "the suggested keeper and the third copy go; the copy chosen with 2 stays")
        try browser.screenshot(to: Self.screenshots + "/review-preview.png")
        #expect(DupesRouteTests.snapshot(fixture.root) == before, "the preview moves nothing")

        try browser.press("Enter")
        try browser.waitUntil("location.pathname !== '/dupes/\(id)' && document.readyState === 'complete'")
        #expect(!FileManager.default.fileExists(atPath: paths[0]) && !FileManager.default.fileExists(atPath: paths[2]))
        #expect(FileManager.default.fileExists(atPath: paths[1]), "the copy chosen with 2 stays")
        try browser.screenshot(to: Self.screenshots + "/review-after-move.png")

        try browser.press("u")
        try browser.waitUntil("location.pathname === '/dupes/\(id)' && document.readyState === 'complete'")
        #expect(DupesRouteTests.snapshot(fixture.root) == before, "undo puts every file back, byte for byte")
        try browser.screenshot(to: Self.screenshots + "/review-after-undo.png")
        #expect(browser.exceptions.isEmpty, "\(browser.exceptions)")
    }

    @Test("keyboard decisions in Chromium: n then 3 marks the third copy not a duplicate, stored in the catalog; u takes the decision back")
    func keyboardDecision() throws {
        let chromium = try #require(HeadlessChromium.executable(), "chromium is not installed: run `make setup` (scripts/setup.sh installs Debian's chromium)")
        let fixture = try ServerFixture()
        try DupesRouteTests.makeSet(in: fixture)
        let (server, port) = try Self.serveDupes(fixture)
        defer { server.stop() }
        let page = try #require(try JSONSerialization.jsonObject(with: Data(EndToEndTests.request(port, "GET", "/api/v1/dupes").body.utf8)) as? [String: Any])
        let id = try #require((page["groups"] as? [[String: Any]])?.first?["id"] as? Int)
        let members = { () throws -> Int in
            let listed = try JSONSerialization.jsonObject(with: Data(EndToEndTests.request(port, "GET", "/api/v1/dupes/groups/\(id)").body.utf8)) as? [String: Any]
            return ((listed?["group"] as? [String: Any])?["members"] as? [Any])?.count ?? -1
        }

        let browser = try HeadlessChromium(executable: chromium)
        try browser.openPage()
        try browser.navigate("http://127.0.0.1:\(port)/dupes/\(id)")
        let third = try #require(try browser.evaluate("document.querySelectorAll('article.copy')[2].dataset.id") as? String)
        try browser.press("n")
        try browser.waitUntil("/Press its number/.test(document.querySelector('#toast').textContent)")
        try browser.press("3")
        try browser.waitUntil("document.readyState === 'complete' && document.querySelectorAll('article.copy').length === 2")
        #expect(try browser.evaluate("Array.from(document.querySelectorAll('article.copy')).some(copy => copy.dataset.id === '\(third)')") as? Bool == false)
        #expect(try members() == 2, "the marked copy left the group on the server too")
        try browser.screenshot(to: Self.screenshots + "/review-after-decision.png")
        // Reloaded, the page reads the decision back from the catalog.
        try browser.navigate("http://127.0.0.1:\(port)/dupes/\(id)?reloaded=1")
        #expect(try browser.evaluate("document.querySelectorAll('article.copy').length") as? Int == 2, "the decision is kept across a reload")

        try browser.press("u")
        try browser.waitUntil("document.readyState === 'complete' && document.querySelectorAll('article.copy').length === 3")
        #expect(try members() == 3, "undo brought the copy back")
        #expect(try EndToEndTests.request(port, "POST", "/api/v1/dupes/decisions/undo", body: "{\"result\":1,\"group\":\(id)}").status == 404,
                "nothing left to undo: the page's undo reached the server")
        #expect(browser.exceptions.isEmpty, "\(browser.exceptions)")
    }
}
