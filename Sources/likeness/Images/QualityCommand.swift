import ArgumentParser
import Foundation
import LikenessAnalysis
import LikenessEngine
import LikenessReport

struct Quality: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score every image's quality and list the worst first.",
        discussion: """
            Measures each image once and keeps the scores in the catalog (a changed file is measured \
            again after its re-scan): sharpness of the sharpest half of an 8×8 grid of tiles (also \
            relative to their contrast), motion blur (detail lost along one direction), noise, mean luminance, contrast, clipped shadows and \
            highlights, tone gaps, entropy, colourfulness (Hasler–Süsstrunk), solid areas (overlays, \
            borders), the JPEG quality read from the file's tables, a JPEG's trace in a lossless \
            re-encode, palette reduction, resolution and, with the model setup installs, the BRISQUE \
            naturalness score (lower BRISQUE is better; naturalness = 100 − BRISQUE). The overall score adds these up in points; \
            only differences mean something. Issues are named by stated thresholds (see README). \
            Folders given are scanned first; without folders the whole catalog is measured.

            Example: likeness quality ~/Pictures --html quality.html
            """)

    @Argument(help: ArgumentHelp("Folders to scan and measure (default: everything in the catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: "Parallel workers (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "How many images the text listing shows (worst first); JSON, CSV and HTML have all.")
    var limit: Int = 20

    @Flag(help: "Print the scores as JSON on stdout.")
    var json = false

    @Flag(help: "Print the scores as CSV on stdout (one line per image, worst first).")
    var csv = false

    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file"))
    var html: String?

    func validate() throws {
        if json && csv { throw ValidationError("choose --json or --csv, not both") }
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let result = try JobRunning.run(QualityJob(folders: folders), catalog: catalogOptions, workers: workers)
        DupesRendering.notes(scan: result.scan, skipped: result.skipped, stale: result.stale)
        if let reason = result.naturalnessUnavailable { Output.note("no BRISQUE scores: \(reason)") }
        if let html {
            let thumbnails = try Thumbnails().dataURIs(result.images.map(\.path))
            let report = QualityReport(title: "Likeness image quality", summary: Self.summary(result),
                                       entries: result.images.map { .init(path: $0.path, scores: $0.scores) }, thumbnails: thumbnails)
            try DupesRendering.write(report.html(), to: html)
            Output.note("report: \(html)")
        }
        if json { try Output.json(result) } else if csv { print(Self.csv(result), terminator: "") } else { printText(result) }
    }

    static func summary(_ result: QualityResult) -> String {
        "\(result.images.count) images measured (\(result.computed) now, \(result.reused) read back from the catalog)"
            + (result.skipped.map { ", \($0.count) skipped" } ?? "")
    }

    /// The CSV header and one line per image.
    static func csv(_ result: QualityResult) -> String {
        var text = CSV.line(["path", "overall", "issues", "width", "height", "format", "sharpness", "relative_sharpness", "motion_blur", "noise",
                             "mean_luminance", "contrast", "shadow_clipping", "highlight_clipping", "entropy", "tone_gaps", "tone_spikes",
                             "colourfulness", "solid_area", "border_fill", "jpeg_quality", "reencoded_jpeg_quality", "distinct_colours",
                             "brisque", "naturalness"]) + "\n"
        for entry in result.images {
            let s = entry.scores
            text += CSV.line([entry.path, String(format: "%.3f", s.overall), entry.issues.map(\.rawValue).joined(separator: " "),
                              String(s.width), String(s.height), s.format?.rawValue ?? "",
                              String(format: "%.2f", s.sharpness), String(format: "%.4f", s.relativeSharpness), String(format: "%.4f", s.motionBlur),
                              String(format: "%.3f", s.noise),
                              String(format: "%.2f", s.meanLuminance), String(format: "%.2f", s.contrast),
                              String(format: "%.5f", s.shadowClipping), String(format: "%.5f", s.highlightClipping),
                              String(format: "%.4f", s.entropy), String(format: "%.5f", s.toneGaps), String(format: "%.5f", s.toneSpikes), String(format: "%.3f", s.colourfulness),
                              String(format: "%.4f", s.solidArea), String(format: "%.4f", s.borderFill), s.jpegQuality.map(String.init) ?? "",
                              s.reencodedJPEGQuality.map(String.init) ?? "", s.distinctColours.map(String.init) ?? "",
                              s.brisque.map { String(format: "%.3f", $0) } ?? "", s.naturalness.map { String(format: "%.3f", $0) } ?? ""]) + "\n"
        }
        return text
    }

    func printText(_ result: QualityResult) {
        print(Self.summary(result) + "; worst first:")
        print("overall  size         sharp  motion  noise  mean  contr  clip%  jpeg  brisque  issues / path")
        for entry in result.images.prefix(limit) {
            let s = entry.scores
            print(String(format: "%7.2f  ", s.overall) + "\(s.width)×\(s.height)".leftAligned(11)
                  + String(format: "  %5.2f  %6.2f  %5.1f  %4.0f  %5.1f  %5.1f  ", s.relativeSharpness, s.motionBlur, s.noise, s.meanLuminance,
                           s.contrast, 100 * (s.shadowClipping + s.highlightClipping))
                  + (s.effectiveJPEGQuality.map { "q\($0)" } ?? "-").rightAligned(4) + "  "
                  + (s.brisque.map { String(format: "%.1f", $0) } ?? "-").rightAligned(7) + "  "
                  + (entry.issues.isEmpty ? "" : "[" + entry.issues.map(\.rawValue).joined(separator: ", ") + "] ")
                  + DisplayPath.line(entry.path))
        }
        if result.images.count > limit { print("… and \(result.images.count - limit) more (see --json, --csv or --html)") }
        if !result.issueCounts.isEmpty {
            print("issues: " + result.issueCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }
}
