import ArgumentParser
import Foundation
import LikenessEngine

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset's health: dark, bright, blurry, grey, odd, outlying and duplicate images.",
        discussion: """
            Flags each image by stated rules: dark (mean luma < 50), bright (> 205), blurry (relative \
            sharpness < 0.25), low-information (entropy < 4 bits), greyscale (colourfulness < 3, only in \
            a set mostly in colour), odd aspect ratio and odd size (outside Tukey's fences on the set's \
            logarithms, and at least 2× or 4× from its median), outlier (cosine distance to the k-th \
            nearest neighbour in the model's embedding space above a percentile of the set's), exact \
            duplicates (same SHA-256) and near-duplicates (cosine ≥ 0.95; `likeness dupes` groups them). \
            Quality scores and embeddings are computed once and kept in the catalog, so a second run \
            reads them back. Folders given are scanned first; without folders the whole catalog is inspected. \
            The fixed thresholds above are defaults: --dark-below, --bright-above, --blurry-below, \
            --low-information-below, --greyscale-below and --near-duplicate-cosine change them (the \
            stored scores are read back; only the rules run again).

            Example: likeness inspect ~/datasets/train --html health.html
            """)

    @Argument(help: ArgumentHelp("Folders to scan and inspect (default: everything in the catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Parallel workers for reading and measuring (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Outliers: images whose k-th neighbour distance is above this percentile of the set's (0–100).")
    var outlierPercentile: Double = InspectOptions().outlierPercentile

    @Option(help: "Outliers: the neighbour whose distance is the outlier score.")
    var k: Int = InspectOptions().k

    @Option(help: "Dark: mean luma (0–255) below this.")
    var darkBelow: Double = InspectOptions().darkBelow

    @Option(help: "Bright: mean luma (0–255) above this.")
    var brightAbove: Double = InspectOptions().brightAbove

    @Option(help: "Blurry: relative sharpness below this (0 turns the rule off; a macro shot's soft background can read as blur).")
    var blurryBelow: Double = InspectOptions().blurryBelow

    @Option(help: "Low information: luma entropy (bits, 0–8) below this.")
    var lowInformationBelow: Double = InspectOptions().lowInformationBelow

    @Option(help: "Greyscale: colourfulness below this (in a set mostly in colour).")
    var greyscaleBelow: Double = InspectOptions().greyscaleBelow

    @Option(help: "Near-duplicate: cosine at or above this.")
    var nearDuplicateCosine: Float = InspectOptions().nearDuplicateCosine

    @Option(help: "How many images per issue type the text listing shows (worst first); JSON, CSV and HTML have all.")
    var limit: Int = 5

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    @Flag(help: "Print one CSV line per flagged image and issue on stdout.")
    var csv = false

    @Option(help: ArgumentHelp("Write a self-contained HTML report with a gallery per issue type here.", valueName: "file"))
    var html: String?

    func validate() throws {
        if json && csv { throw ValidationError("choose --json or --csv, not both") }
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let options = InspectOptions(k: k, outlierPercentile: outlierPercentile, darkBelow: darkBelow, brightAbove: brightAbove,
                                     blurryBelow: blurryBelow, lowInformationBelow: lowInformationBelow, greyscaleBelow: greyscaleBelow,
                                     nearDuplicateCosine: nearDuplicateCosine)
        let job = InspectJob(folders: folders, options: options, model: modelOptions.model, threads: modelOptions.threads)
        let result = try JobRunning.run(job, catalog: catalogOptions, workers: workers)
        DupesRendering.notes(scan: result.scan, skipped: result.skipped, stale: result.stale)
        for item in result.unreadable ?? [] { Output.note("not an image: \(item.message)") }
        if let html {
            try DupesRendering.write(InspectRendering.report(result), to: html)
            Output.note("report: \(html)")
        }
        if json { try Output.json(result) } else if csv { print(InspectRendering.csv(result), terminator: "") } else { InspectRendering.text(result, limit: limit) }
    }
}
