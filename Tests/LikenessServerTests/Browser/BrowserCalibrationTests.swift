import Foundation
import LikenessTestSupport
import Testing

/// The labelling page in a real browser: pairs sampled from the page's form, then five pairs
/// labelled with the keyboard, one undone, each answer in the CLI's CSV as soon as it is given.
@Suite(.serialized) struct BrowserCalibrationTests {
    @Test("labelling in Chromium: sample from the form, answer five pairs with s, d and x, go back and undo one with u; the CSV follows every key")
    func labelFivePairs() throws {
        let chromium = try #require(HeadlessChromium.executable(), "chromium is not installed: run `make setup` (scripts/setup.sh installs Debian's chromium)")
        let fixture = try ServerFixture()
        for seed in 5...8 { try Fixtures.writePattern(to: fixture.folder.child("root/album/\(seed).png"), width: 96, height: 64, seed: UInt64(seed)) }
        let server = try EndToEndTests.Running(["--root", fixture.root, "--catalog", fixture.catalog, "--trash", fixture.trash, "--port", "0"])
        defer { server.stop() }
        let port = try server.waitForPort()
        let listing = { () throws -> [String: Any] in
            try #require(try JSONSerialization.jsonObject(with: Data(EndToEndTests.request(port, "GET", "/api/v1/calibration/pairs").body.utf8)) as? [String: Any])
        }

        let browser = try HeadlessChromium(executable: chromium)
        try browser.openPage()
        try browser.navigate("http://127.0.0.1:\(port)/calibrate")
        #expect(try browser.evaluate("document.body.textContent.includes('No pairs to label yet')") as? Bool == true)
        // Sample ten pairs of the root's seven images through the form (the job scans and embeds first).
        _ = try browser.evaluate("""
            (() => { const form = document.querySelector('#sample-form');
              form.folder.value = \(String(decoding: try JSONSerialization.data(withJSONObject: [fixture.root]), as: UTF8.self)).pop();
              form.count.value = '10'; form.requestSubmit(); })()
            """)
        try browser.waitUntil("document.querySelector('[data-pair]') !== null && document.querySelector('[data-pair]').dataset.pair === '0'", seconds: 120)
        let count = try #require(Int(try browser.evaluate("document.querySelector('[data-pair]').dataset.count") as? String ?? ""))
        #expect(count == 10, "ten pairs sampled from 21 possible")
        #expect(try browser.evaluate("document.body.textContent.includes('Cosine')") as? Bool == false, "blind by default")

        #expect(browser.exceptions.isEmpty, "\(browser.exceptions)")
        let keys = ["s", "d", "s", "d", "x"]
        for (index, key) in keys.enumerated() {
            try browser.press(key)
            try browser.waitUntil("document.readyState === 'complete' && document.querySelector('[data-pair]')?.dataset.pair === '\(index + 1)'")
        }
        try browser.waitUntil("Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)")
        try browser.screenshot(to: BrowserReviewTests.screenshots + "/calibrate-labelling.png")
        #expect(try browser.evaluate("document.querySelector('progress').value") as? Int == 5)
        var pairs = try #require(try listing()["pairs"] as? [[String: Any]])
        #expect(pairs.prefix(6).map { $0["label"] as? String } == ["same", "different", "same", "different", "skip", nil])
        let file = try #require(try listing()["file"] as? String)
        let csvLabels = { () throws -> [String] in
            try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").dropFirst().prefix(5)
                .map { String($0.split(separator: ",", omittingEmptySubsequences: false)[2]) }
        }
        #expect(try csvLabels() == ["same", "different", "same", "different", ""], "the CLI's CSV: a skipped pair has no label")

        // Back two pairs with ←, then u clears the fourth pair's answer and stays on it.
        try browser.press("ArrowLeft")
        try browser.waitUntil("document.readyState === 'complete' && document.querySelector('[data-pair]')?.dataset.pair === '4'")
        try browser.press("ArrowLeft")
        try browser.waitUntil("document.readyState === 'complete' && document.querySelector('[data-pair]')?.dataset.pair === '3'")
        #expect(try browser.evaluate("document.body.textContent.includes('This pair: different')") as? Bool == true)
        try browser.press("u")
        try browser.waitUntil("document.readyState === 'complete' && document.querySelector('progress')?.value === 4")
        #expect(try browser.evaluate("document.querySelector('[data-pair]').dataset.pair") as? String == "3")
        pairs = try #require(try listing()["pairs"] as? [[String: Any]])
        #expect(pairs[3]["label"] == nil, "undone on the server: \(pairs[3])")
        #expect(try csvLabels() == ["same", "different", "same", "", ""])
    }
}
