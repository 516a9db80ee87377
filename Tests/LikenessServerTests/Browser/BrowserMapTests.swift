import Foundation
import LikenessTestSupport
import Testing

/// The map page `likeness map --html` writes, in a real browser: the script draws the canvas, the
/// legend highlights a group, and moving the mouse over a point shows its image and path.
@Suite(.serialized) struct BrowserMapTests {
    @Test("the offline map draws, highlights a folder from its legend, and shows a point's path on hover")
    func mapInteraction() throws {
        let chromium = try #require(HeadlessChromium.executable(), "chromium is not installed: run `make setup` (scripts/setup.sh installs Debian's chromium)")
        let folder = TemporaryDirectory("browser-map")
        let root = folder.folder("classes")
        try Fixtures.writeColourClasses(in: root, classes: [("red", (220, 30, 30)), ("green", (30, 200, 40)), ("blue", (30, 40, 220))],
                                        perClass: 4, size: 48)
        let page = folder.child("map.html")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: EndToEndTests.executable)
        process.arguments = ["map", root, "--catalog", folder.child("c.sqlite"), "--html", page]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let browser = try HeadlessChromium(executable: chromium)
        try browser.openPage()
        try browser.navigate("file://" + page)
        // The script sized the canvas to its box (a canvas left alone is 300 wide) and drew points.
        try browser.waitUntil("document.getElementById('lk-canvas').width > 300")
        let painted = try browser.evaluate("""
            (() => { const c = document.getElementById('lk-canvas'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()
            """) as? Int
        #expect(painted ?? 0 > 100)
        #expect(try browser.evaluate("document.querySelectorAll('.lk-legend span').length") as? Int == 3)
        _ = try browser.evaluate("document.querySelector('.lk-legend span[data-g=\"1\"]').click()")
        #expect(try browser.evaluate("document.querySelectorAll('.lk-legend span.off').length") as? Int == 2)
        // Sweep the mouse over the canvas until the tooltip opens, then read it.
        let shown = try browser.evaluate("""
            (() => { const c = document.getElementById('lk-canvas'), b = c.getBoundingClientRect(), tip = document.getElementById('lk-tip');
              for (let y = 0; y < b.height; y += 3) for (let x = 0; x < b.width; x += 3) {
                c.dispatchEvent(new MouseEvent('mousemove', { clientX: b.left + x, clientY: b.top + y, bubbles: true }));
                if (tip.style.display === 'block') return tip.textContent; }
              return ''; })()
            """) as? String
        #expect(shown?.contains(root) == true, "\(shown ?? "nil")")
        #expect(try browser.evaluate("document.querySelector('#lk-tip img').src.startsWith('data:image/jpeg')") as? Bool == true)
        try browser.screenshot(to: BrowserReviewTests.screenshots + "/map.png")
    }
}
