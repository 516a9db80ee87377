import Foundation
import LikenessEngine
import LikenessTestSupport
import Testing

/// The search page in a real browser: a file chosen in the page's file input is uploaded and its
/// nearest catalogued images are shown with their scores; another model searches it again.
@Suite(.serialized) struct BrowserSearchTests {
    @Test("search in Chromium: choosing a catalogued picture's file shows that picture first, at similarity 1, then the others; another model searches again")
    func uploadAndSearch() throws {
        let chromium = try #require(HeadlessChromium.executable(), "chromium is not installed: run `make setup` (scripts/setup.sh installs Debian's chromium)")
        let fixture = try ServerFixture()
        try SearchRouteTests.embed(fixture)
        // The query is a copy outside the roots: the browser reads it, the server only sees bytes.
        let query = fixture.outside + "/query.png"
        try FileManager.default.copyItem(atPath: fixture.root + "/album/b.png", toPath: query)
        let server = try EndToEndTests.Running(["--root", fixture.root, "--catalog", fixture.catalog, "--trash", fixture.trash, "--port", "0"])
        defer { server.stop() }
        let port = try server.waitForPort()

        let browser = try HeadlessChromium(executable: chromium)
        try browser.openPage()
        try browser.navigate("http://127.0.0.1:\(port)/search")
        #expect(try browser.evaluate("document.querySelectorAll('#results figure').length") as? Int == 0)
        try browser.chooseFile(query, in: "#upload")
        try browser.waitUntil("document.querySelectorAll('#results figure.thumb').length > 0 && Array.from(document.images).every(image => image.complete)")
        let names = try #require(try browser.evaluate("Array.from(document.querySelectorAll('#results figure.thumb img')).map(image => image.alt)") as? [String])
        let scores = try #require(try browser.evaluate("Array.from(document.querySelectorAll('#results .score')).map(score => Number(score.textContent))") as? [Double])
        #expect(names.sorted() == ["a.png", "b.png", "c.png"], "every catalogued image, none from outside the roots: \(names)")
        #expect(names.first == "b.png" && (scores.first ?? 0) > 0.999, "the picture itself first: \(names) \(scores)")
        #expect(scores == scores.sorted(by: >) && scores.dropFirst().allSatisfy { $0 < 0.999 }, "\(scores)")
        #expect(try browser.evaluate("document.querySelector('#query-preview figcaption').textContent") as? String == "query.png")
        #expect(try browser.evaluate("Array.from(document.querySelectorAll('#results figure.thumb img')).every(image => image.naturalWidth > 0)") as? Bool == true,
                "every thumbnail loaded")
        try browser.screenshot(to: BrowserReviewTests.screenshots + "/search.png")

        // Another installed model: the same file searched again, the links carry the model.
        let other = try #require(try browser.evaluate("Array.from(document.querySelectorAll('#model option')).map(option => option.value).find(value => value !== '\(ModelDefaults.model)')") as? String,
                                 "setup installs a second model (the int8 copy of the default)")
        _ = try browser.evaluate("(() => { const select = document.querySelector('#model'); select.value = '\(other)'; select.dispatchEvent(new Event('change')); })()")
        try browser.waitUntil("Array.from(document.querySelectorAll('#results figure.thumb a')).some(link => link.href.includes('model=\(other)'))")
        #expect(try browser.evaluate("document.querySelector('#results figure.thumb img').alt") as? String == "b.png")
        #expect(browser.exceptions.isEmpty, "\(browser.exceptions)")
    }

    @Test("every page of the app runs its script without an uncaught exception")
    func pagesRunTheirScript() throws {
        let chromium = try #require(HeadlessChromium.executable(), "chromium is not installed: run `make setup` (scripts/setup.sh installs Debian's chromium)")
        let fixture = try ServerFixture()
        try DupesRouteTests.makeSet(in: fixture)
        let (server, port) = try BrowserReviewTests.serveDupes(fixture)
        defer { server.stop() }
        let page = try #require(try JSONSerialization.jsonObject(with: Data(EndToEndTests.request(port, "GET", "/api/v1/dupes").body.utf8)) as? [String: Any])
        let group = try #require((page["groups"] as? [[String: Any]])?.first?["id"] as? Int)
        let browser = try HeadlessChromium(executable: chromium)
        try browser.openPage()
        for path in ["/", "/dupes", "/dupes/\(group)", "/search", "/novelty", "/calibrate", "/clusters", "/login"] {
            try browser.navigate("http://127.0.0.1:\(port)\(path)")
            #expect(try browser.evaluate("document.querySelector('main, body') !== null && document.title.length > 0") as? Bool == true, "\(path)")
            #expect(browser.exceptions.isEmpty, "\(path): \(browser.exceptions)")
        }
    }
}
