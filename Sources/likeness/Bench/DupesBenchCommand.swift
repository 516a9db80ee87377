import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab

struct DupesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes",
        abstract: "Pair precision, recall and F1 of the default dupes rule on edited photos plus distractors.",
        discussion: """
            Every photo in DIR is edited in 24 known ways; images from --distractors are added unedited. \
            All pairs are judged: same source photo = duplicate. pHash alone and the embedding alone are \
            shown at their best possible thresholds (tuned on this very set, which flatters them); the \
            default rule runs at its fixed configuration as `dupes` runs it (each image's closest \
            candidates, confirmed, grouped around centres; two images in one group count as a \
            duplicate pair), once without the local-feature check to show what it adds. The held-out tuning picks a configuration on the \
            even-numbered photos and measures it on the odd-numbered ones.

            Example: likeness bench dupes photos --distractor-idx t10k-images-idx3-ubyte.gz --distractor-count 1000
            """)

    @Argument(help: ArgumentHelp("Folders of photos.", valueName: "dir")) var folders: [String]
    @Option(name: .customLong("distractors"), help: ArgumentHelp("Folder of unrelated images added unedited; repeatable.", valueName: "dir"))
    var distractorFolders: [String] = []
    @Option(help: ArgumentHelp("An IDX image file (e.g. Fashion-MNIST) whose first --distractor-count images are added as distractors.", valueName: "file"))
    var distractorIdx: String?
    @Option(help: "How many IDX images to add.") var distractorCount: Int = 1000
    @OptionGroup var rule: RuleOptions
    @OptionGroup var modelOptions: ModelOptions
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let job = DupesBenchJob(folders: folders, distractors: distractorFolders, distractorIDX: distractorIdx, distractorCount: distractorCount,
                                configuration: rule.configuration, model: modelOptions.model, threads: modelOptions.threads)
        let result = try JobRunning.run(job)
        if json { try Output.json(result); return }
        printText(result)
    }

    /// The rules table, false pairs by kind, the held-out tuning and recall per edit.
    func printText(_ result: DuplicateBenchmark.Result) {
        for failure in result.failures { Output.note("skipped \(failure.message)") }
        print("\(result.photos) photos × \(result.edits.count + 1) versions + \(result.distractors) distractors = \(result.images) images; "
              + "\(result.positivePairs) positive and \(result.negativePairs) negative pairs\n")
        print("rule                                             threshold        precision  recall   F1")
        for rule in result.rules {
            print(rule.name.leftAligned(48) + " " + rule.threshold.leftAligned(16)
                  + String(format: " %9.3f  %6.3f  %5.3f", rule.point.precision, rule.point.recall, rule.point.f1))
        }
        for rule in result.rules {
            guard let f = rule.falsePairs else { continue }
            print("\(rule.name): false pairs between two photos \(f.photoPhoto), a photo and a distractor \(f.photoDistractor), two distractors \(f.distractorDistractor)")
        }
        if let t = result.tuning {
            print(String(format: "\nheld-out tuning (%d configurations tried on the even-numbered photos, measured on the odd ones):", t.configurationsTried))
            print(String(format: "  chosen: accept cosine ≥ %.2f, candidate ≥ %.2f confirmed by pHash ≤ %d over turns and flips",
                         t.chosen.acceptCosine, t.chosen.candidateCosine, t.chosen.hashRadius)
                  + (t.chosen.minimumInliers > 0 ? " or by \(t.chosen.minimumInliers) local-feature inliers" : ", no local features"))
            print(String(format: "  tuning F1 %.3f; held-out precision %.3f, recall %.3f, F1 %.3f (the run's configuration: held-out F1 %.3f)",
                         t.tuneF1, t.heldOutPrecision, t.heldOutRecall, t.heldOutF1, t.currentHeldOutF1))
        }
        if let keeper = result.keeper { printKeeper(keeper) }
        print("\nrecall per edit")
        print("edit".leftAligned(46) + "phash   embed   +phash  default")
        for (e, edit) in result.edits.enumerated() {
            print(edit.leftAligned(46) + result.rules.map { String(format: "%-8.2f", $0.recallByEdit[e]) }.joined())
        }
    }

    /// Keeper accuracy per chain, and one to one against every competitor, with equal file times and with newer copies.
    func printKeeper(_ keeper: KeeperAccuracy) {
        print("\ncentrality: the original's mean cosine to its group's copies minus that of the most central copy, closest 10 of \(keeper.centralLeads.count) groups")
        print("  " + keeper.centralLeads.prefix(10).map { String(format: "%+.4f (%@)", $0.lead, $0.rival) }.joined(separator: ", "))
        for (title, chains) in [("every version with the same file time", keeper.chains), ("copies newer than the original", keeper.copiesNewer)] {
            print("\nkeeper, \(title): groups of the default rule holding one original, whose keeper is that original")
            for chain in chains {
                let instead = chain.keptInstead.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(4).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                print("  " + chain.rules.leftAligned(52) + String(format: " %3d / %3d = %.3f", chain.correct, chain.groups, chain.share)
                      + (instead.isEmpty ? "" : "   kept instead: " + instead))
            }
            print("one to one: share of photos where the original is kept over that copy")
            print("competitor".leftAligned(42) + chains.map { String($0.rules.prefix(11)).leftAligned(12) }.joined())
            for name in keeper.competitors {
                print(name.leftAligned(42)
                      + chains.map { $0.oneToOne[name].map { String(format: "%-12.2f", $0) } ?? "-           " }.joined())
            }
        }
    }
}
