import Foundation
import LikenessEngine

/// `/dupes` (every group, paged) and `/dupes/{id}` (one group, copies side by side at full size).
enum DupesPages {
    static let perPage = 24

    static func overview(_ page: ReviewPage, roots: [String], moves: [DupesRoutes.Journal]) -> String {
        let groups = page.groups.map { (group) -> String in
            let cells = group.members.map { (member) -> String in
                let image = member.image.map { "<img loading=\"lazy\" src=\"/api/v1/images/\($0.id)/thumbnail\" alt=\"\(Layout.e($0.name))\">" } ?? "<div class=\"missing\">?</div>"
                return "<figure class=\"mini\(member.suggested ? " keeper" : "")\">\(image)<figcaption>\(Layout.e((member.path as NSString).lastPathComponent))</figcaption></figure>"
            }.joined()
            return """
                <a class="group-row" href="/dupes/\(group.id)" data-group="\(group.id)"><div class="strip">\(cells)</div>\
                <div class="meta"><strong>\(group.members.count) copies</strong> · \(Layout.e(group.tier.label)) · frees \(Layout.bytes(group.saving))<br><small>\(Layout.e(group.reason))</small></div></a>
                """
        }.joined(separator: "\n")
        let pages = (page.total + perPage - 1) / perPage, current = page.offset / perPage
        let filter = page.tier.map { "&tier=\($0.rawValue)" } ?? ""
        let pager = pages <= 1 ? "" : "<nav class=\"pager\">" + (0..<pages).map { (number) -> String in
            number == current ? "<span>\(number + 1)</span>" : "<a href=\"/dupes?page=\(number + 1)\(filter)\">\(number + 1)</a>"
        }.joined() + "</nav>"
        return Layout.page("Duplicates", section: .dupes, body: """
            <h1>Duplicates</h1>
            \((page.warnings ?? []).map { "<div class=\"problem\"><strong>warning</strong> \(Layout.e($0))</div>" }.joined())
            <section class="card" data-result="\(page.result)">
            <p class="lead"><strong>\(page.total)</strong> groups among \(page.images) images (\(Layout.e(page.model))); moving every suggested copy frees
            <strong>\(Layout.bytes(page.saving))</strong>. Ordered by \(Layout.e(page.order)).</p>
            <div class="actions">
            \(page.total > 0 ? "<a class=\"button primary\" href=\"/dupes/\(page.groups.first?.id ?? 0)\">Review one by one</a>" : "")
            \(page.total > 0 ? "<button data-move-all=\"\(page.result)\"\(page.tier.map { " data-tier=\"\($0.rawValue)\"" } ?? "")>Move every suggested copy\(page.tier == nil ? "" : " of these groups")…</button>" : "")
            </div>
            \(movesList(moves))
            </section>
            \(tierFilter(page))
            <section class="groups">\(groups)</section>
            \(pager)
            \(previewDialog)
            """)
    }

    /// Links that show every group or one tier's, each with its count; the current one is not a link.
    static func tierFilter(_ page: ReviewPage) -> String {
        let all = page.tiers.reduce(0) { $0 + $1.groups }
        let links = [(nil as DuplicateTier?, "every tier", all)] + page.tiers.map { ($0.tier, $0.tier.label, $0.groups) }
        return "<nav class=\"filter\" aria-label=\"tier\">" + links.map { tier, label, count in
            let text = "\(Layout.e(label)) (\(count))"
            return tier == page.tier ? "<span aria-current=\"true\">\(text)</span>"
                : "<a href=\"/dupes\(tier.map { "?tier=\($0.rawValue)" } ?? "")\">\(text)</a>"
        }.joined(separator: " · ") + "</nav>"
    }

    static func empty(_ problem: APIError) -> String {
        Layout.page("Duplicates", section: .dupes, body: """
            <h1>Duplicates</h1>
            <section class="card"><p class="lead">\(Layout.e(problem.message)).</p>
            \(problem.code == .badRequest ? "<p><a href=\"/dupes\">Every group</a></p>" : """
            <div class="actions"><button class="primary" data-start="dupes">Find duplicates now</button></div>
            <p class="hint">The job scans and embeds what is missing first; its progress shows on the <a href="/">library page</a>. Reload this page when it has finished.</p>
            """)</section>
            """)
    }

    static func compare(_ detail: DupesRoutes.GroupDetail, roots: [String]) -> String {
        let group = detail.group
        let columns = group.members.enumerated().map { (index, member) -> String in
            let image = member.image
            let picture = image.map { """
                <div class="zoom" tabindex="-1"><img src="/api/v1/images/\($0.id)/file" alt="\(Layout.e($0.name))" \
                data-width="\($0.width ?? 0)" data-height="\($0.height ?? 0)"></div>
                """ } ?? "<div class=\"zoom missing\">not in the catalog</div>"
            let role = member.suggested
                ? "<span class=\"badge keep\">suggested keeper</span><p class=\"why\">Kept because: \(Layout.e(group.reason))</p>"
                : "<span class=\"badge copy\">copy</span><p class=\"why\">\(Layout.e(member.evidence))\(member.confirmedBy.map { " — confirmed against \(Layout.e(($0 as NSString).lastPathComponent))" } ?? "")</p>"
            return """
                <article class="copy\(member.suggested ? " chosen" : "")" data-id="\(image?.id ?? -1)" data-size="\(image?.size ?? 0)" data-suggested="\(member.suggested)">
                <header><kbd>\(index + 1)</kbd> <strong title="\(Layout.e(member.path))">\(Layout.e((member.path as NSString).lastPathComponent))</strong>\(role)</header>
                \(picture)
                <dl>
                <dt>Folder</dt><dd title="\(Layout.e(member.path))">\(Layout.e(Layout.relative((member.path as NSString).deletingLastPathComponent, roots: roots)))</dd>
                <dt>Pixels</dt><dd>\(image.map { "\($0.width ?? 0) × \($0.height ?? 0)" } ?? "?")</dd>
                <dt>File</dt><dd>\(Layout.bytes(image?.size)) · \(Layout.e(image?.format ?? "?"))</dd>
                <dt>Modified</dt><dd>\(Layout.date(image?.modified))</dd>
                </dl>
                <div class="copy-actions"><button class="keep-this" data-keep="\(image?.id ?? -1)">Keep this one</button>\
                <button class="not-duplicate small" title="never group this copy with the kept one again">Not a duplicate</button></div>
                </article>
                """
        }.joined(separator: "\n")
        let previous = detail.previous.map { "<a class=\"button\" id=\"previous\" href=\"/dupes/\($0)\">← Previous</a>" } ?? "<span class=\"button disabled\">← Previous</span>"
        let next = detail.next.map { "<a class=\"button\" id=\"next\" href=\"/dupes/\($0)\">Next →</a>" } ?? "<span class=\"button disabled\">Next →</span>"
        return Layout.page("Group \(detail.position + 1) of \(detail.count)", section: .dupes, body: """
            <div class="compare-head" data-result="\(detail.result)" data-group="\(group.id)">
            <div><h1>Group \(detail.position + 1) of \(detail.count)</h1>
            <p>\(group.members.count) copies · moving the copies not kept frees <strong id="saving">\(Layout.bytes(group.saving))</strong></p></div>
            <div class="actions">\(previous)\(next)
            <a class="button" href="/dupes">All groups</a></div>
            </div>
            <div class="toolbar">
            <button class="primary" id="move-others" title="m">Move the others… <kbd>m</kbd></button>
            <button id="not-duplicates" title="n">Not duplicates <kbd>n</kbd></button>
            <button id="keep-all" title="a">Keep all <kbd>a</kbd></button>
            <button id="zoom" title="z">Actual pixels <kbd>z</kbd></button>
            <button id="difference" title="f">Difference <kbd>f</kbd></button>
            <button id="undo" title="u" hidden>Undo <kbd>u</kbd></button>
            <span class="hint">Keys: <kbd>→</kbd> or <kbd>j</kbd> next group, <kbd>←</kbd> or <kbd>k</kbd> previous · <kbd>1</kbd>–<kbd>9</kbd> choose the copy to keep · <kbd>n</kbd> then a number: that copy is not a duplicate · <kbd>u</kbd> undo the last move or decision</span>
            </div>
            <section class="copies n\(min(group.members.count, 4))">\(columns)</section>
            \(previewDialog)
            """)
    }

    static func movesList(_ moves: [DupesRoutes.Journal]) -> String {
        guard !moves.isEmpty else { return "" }
        let rows = moves.prefix(5).map { (journal) -> String in
            "<li>\(journal.moved) files · <code>\(Layout.e((journal.journal as NSString).lastPathComponent))</code> <button class=\"small\" data-undo=\"\(Layout.e(journal.journal))\">Undo</button></li>"
        }.joined()
        return "<details class=\"moves\"><summary>Earlier moves (\(moves.count))</summary><ul>\(rows)</ul></details>"
    }

    /// The dialog that lists what will move before anything moves.
    static let previewDialog = """
        <dialog id="preview"><form method="dialog">
        <h2>Move these copies?</h2>
        <p id="preview-summary"></p>
        <ul id="preview-list"></ul>
        <p class="hint">Nothing is deleted: each file moves into the trash folder and the move is journalled; Undo puts it back.</p>
        <div class="actions"><button value="cancel">Cancel <kbd>Esc</kbd></button><button class="primary" id="preview-confirm" value="confirm">Move <kbd>Enter</kbd></button></div>
        </form></dialog>
        """
}
