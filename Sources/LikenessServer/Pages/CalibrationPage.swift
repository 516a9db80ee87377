import Foundation
import LikenessReport

/// `/calibrate`: the sampled pairs one at a time, labelled with the keyboard, then a calibration
/// from the labels, saved as the file the CLI's `--calibration` reads.
enum CalibrationPage {
    static func html(listing: CalibrationRoutes.Listing, index: Int?, folders: [String], roots: [String],
                     calibration: (job: JobSnapshot, outcome: JobOutcome?)?, reveal: Bool) -> String {
        let counts = listing.counts
        let options = folders.map { (folder) -> String in
            "<option value=\"\(Layout.e(folder))\">\(Layout.e(Layout.relative(folder, roots: roots)))</option>"
        }.joined()
        let sample = """
            <form id="sample-form" class="inline">
            <label>Folder <select name="folder">\(options)</select></label>
            <label>Pairs <input name="count" type="number" min="10" max="2000" value="100"></label>
            <button type="submit"\(listing.pairs.isEmpty ? " class=\"primary\"" : "")>Sample new pairs</button>
            </form>
            <p class="hint">Pairs are spread evenly over the similarity range (nearest neighbours pooled with random pairs). A new sample replaces the pairs and their labels.</p>
            """
        guard !listing.pairs.isEmpty else {
            return Layout.page("Labels", section: .calibrate, body: """
                <h1>Label pairs</h1><section class="card"><p class="lead">No pairs to label yet.</p>\(sample)</section>
                """)
        }
        let current = min(max(0, index ?? listing.pairs.firstIndex { $0.label == nil } ?? 0), listing.pairs.count - 1)
        let pair = listing.pairs[current]
        let picture = { (image: ImageSummary?) -> String in
            image.map { """
                <figure class="label-side"><div class="zoom"><img src="/api/v1/images/\($0.id)/file" alt="\(Layout.e($0.name))"></div>\
                <figcaption title="\(Layout.e($0.path))">\(Layout.e($0.name)) · \($0.width ?? 0)×\($0.height ?? 0)</figcaption></figure>
                """ } ?? "<figure class=\"label-side\"><div class=\"zoom missing\">not available (outside the roots, or no longer catalogued)</div></figure>"
        }
        let labelled = counts.same + counts.different + counts.skipped
        return Layout.page("Labels", section: .calibrate, body: """
            <div class="compare-head" data-pair="\(current)" data-count="\(listing.pairs.count)">
            <div><h1>Pair \(current + 1) of \(listing.pairs.count)</h1>
            <p><progress value="\(labelled)" max="\(listing.pairs.count)"></progress>\(labelled) answered: \(counts.same) same, \(counts.different) different, \(counts.skipped) skipped.
            \(pair.label.map { "This pair: <strong>\($0.rawValue)</strong>." } ?? "")
            \(reveal ? String(format: " Cosine %.3f.", pair.similarity ?? 0) : "")</p></div>
            <div class="actions">
            \(current > 0 ? "<a class=\"button\" id=\"previous\" href=\"/calibrate?pair=\(current - 1)\">← Previous</a>" : "")
            \(current + 1 < listing.pairs.count ? "<a class=\"button\" id=\"next\" href=\"/calibrate?pair=\(current + 1)\">Next →</a>" : "")
            <a class="button" href="/calibrate?pair=\(current)\(reveal ? "" : "&amp;reveal=true")">\(reveal ? "Hide" : "Show") the score</a>
            </div></div>
            <div class="toolbar">
            <button class="primary" data-label="same">Same picture <kbd>s</kbd></button>
            <button data-label="different">Different <kbd>d</kbd></button>
            <button data-label="skip">Skip <kbd>x</kbd></button>
            <button id="unlabel">Undo <kbd>u</kbd></button>
            <span class="hint">Blind by default: the score is hidden so it cannot sway the answer. <kbd>←</kbd>/<kbd>→</kbd> move between pairs.</span>
            </div>
            <section class="copies n2 labelling">\(picture(pair.a))\(picture(pair.b))</section>
            <section class="card"><h2>Calibrate</h2>
            <p>Labels are saved as you go to <code>\(Layout.e(listing.file))</code> (the CSV <code>likeness calibrate --pairs</code> reads).
            A calibration needs at least \(LabelStore.minimumPerKind) same and \(LabelStore.minimumPerKind) different pairs.</p>
            <div class="actions"><button data-start="calibrate"\(counts.enough ? " class=\"primary\"" : " disabled")>Calibrate from \(counts.same + counts.different) labels</button></div>
            \(calibration.map(result) ?? "")
            </section>
            <section class="card">\(sample)</section>
            """)
    }

    /// The latest calibration: its chosen threshold, quality and where it was saved; or its failure.
    static func result(_ calibration: (job: JobSnapshot, outcome: JobOutcome?)) -> String {
        if let error = calibration.job.error {
            return "<div class=\"problem\"><strong>\(Layout.e(error.code.rawValue))</strong> \(Layout.e(error.message))</div>"
        }
        guard case .calibrate(let result)? = calibration.outcome else { return "<p class=\"hint\">Calibration job \(calibration.job.id): \(calibration.job.state.rawValue).</p>" }
        let outcome = result.calibration
        let choices = outcome.choices.map { (choice) -> String in
            "<tr><td>\(Layout.e(choice.rule.rawValue))</td>"
                + String(format: "<td class=\"num\">%.3f</td><td class=\"num\">%.3f</td><td class=\"num\">%.3f</td></tr>",
                         choice.point.threshold, choice.point.precision, choice.point.recall)
        }.joined()
        return """
            <p class="lead">\(outcome.positives) same and \(outcome.negatives) different pairs: ROC AUC <strong>\(String(format: "%.3f", outcome.rocAUC))</strong>,
            average precision \(String(format: "%.3f", outcome.averagePrecision)), equal error rate \(String(format: "%.3f", outcome.equalErrorRate)).
            Saved threshold <strong>\(String(format: "%.3f", outcome.file.threshold))</strong>\(result.savedTo.map { " to <code>\(Layout.e($0))</code>" } ?? "").</p>
            \(outcome.warnings.map { "<div class=\"problem\"><strong>warning</strong> \(Layout.e($0))</div>" }.joined())
            <table><thead><tr><th>Rule</th><th class="num">Threshold</th><th class="num">Precision</th><th class="num">Recall</th></tr></thead><tbody>\(choices)</tbody></table>
            <div class="charts">\(CalibrationReport(outcome: outcome)?.charts() ?? "")</div>
            """
    }
}
