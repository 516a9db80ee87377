import Foundation
import LikenessCore
import LikenessEngine
import LikenessReport

/// Renders the results of `dupes` as text, JSON, CSV and HTML.
enum DupesRendering {
    static func exact(_ result: ExactDupesResult, json: Bool) throws {
        if !json { notes(scan: nil, skipped: nil, stale: result.stale) }
        if json { try Output.json(result); return }
        guard !result.groups.isEmpty else { print("no exact duplicates"); return }
        let files = result.groups.reduce(0) { $0 + $1.paths.count }
        print("\(result.groups.count) groups of exact duplicates, \(files) files (\(files - result.groups.count) redundant copies)")
        for group in result.groups {
            let size = group.size.map { ByteCountFormatter.string(fromByteCount: $0, countStyle: .file) } ?? "?"
            print("\n\(group.paths.count) × \(size)  sha256 \(group.sha256.prefix(16))…")
            for path in group.paths { Output.line("  \(path)") }
        }
    }

    static func hash(_ result: HashDupesResult, json: Bool) throws {
        for warning in result.warnings ?? [] { Output.warning(warning) }
        if !json { notes(scan: result.scan, skipped: result.skipped, stale: result.stale) }
        if json { try Output.json(result); return }
        let method = result.method
        let format = { (value: Double) in method.isBitHash ? String(Int(value)) : String(format: "%.3g", value) }
        let rule = method.isBitHash ? "Hamming ≤ \(format(result.threshold))" : "distance ≤ \(format(result.threshold))"
        guard !result.groups.isEmpty else { print("no near-duplicates by \(method.name) (\(rule))"); return }
        let files = result.groups.reduce(0) { $0 + $1.members.count }
        print("\(result.groups.count) groups by \(method.name) (\(rule)), \(files) files")
        for group in result.groups {
            print("")
            for member in group.members {
                let distance = member.distance.map(format) ?? "~"
                Output.line("  \(distance.leftAligned(10)) \(member.path)")
            }
        }
    }

    static func embedding(_ result: EmbeddingDupesResult, json: Bool, csv: Bool, html: String?) throws {
        for warning in result.warnings ?? [] { Output.warning(warning) }
        if !json { notes(scan: result.scan, skipped: result.skipped, stale: result.stale) }
        let tiers = DuplicateTier.allCases.compactMap { tier -> String? in
            let count = result.groups.filter { $0.tier == tier }.count
            return count == 0 ? nil : "\(count) \(tier.label)"
        }
        let summary = "\(result.images ?? 0) images compared with \(result.model): \(result.groups.count) groups"
            + (tiers.isEmpty ? "" : " (\(tiers.joined(separator: ", ")))") + ", \(result.redundant) copies that could go"
            + (result.sameSceneLeftOut.map { "; \($0) group\($0 == 1 ? "" : "s") of other shots of one scene left out (--include same-scene)" } ?? "")
        if !json, let left = result.sameSceneLeftOut {
            Output.note("left out \(left) group\(left == 1 ? "" : "s") of other shots of the same scene (not copies); list them with --include same-scene")
        }
        if let html {
            try write(report(result, summary: summary), to: html)
            Output.note("report: \(html)")
        }
        if json {
            try Output.json(result)
        } else if csv {
            print("group,tier,path,keep,similarity,hash_distance")
            for (number, group) in result.groups.enumerated() {
                for member in group.members {
                    print(CSV.line(["\(number + 1)", group.tier.rawValue, member.path, "\(member.path == group.keep)", String(format: "%.4f", member.similarity),
                                    member.hashDistance.map(String.init) ?? ""]))
                }
            }
        } else {
            print(summary)
            for group in result.groups {
                print("")
                Output.line(group.tier == .sameScene ? "\(group.tier.label): best \(group.keep)  (\(group.reason); none is moved)"
                            : "keep \(group.keep)  (\(group.tier.label); \(group.reason))")
                // Each line's numbers are against the centre that confirmed it, named when it is not the keeper.
                for member in group.members.dropFirst() {
                    let via = member.confirmedBy.map { $0 == group.keep ? "" : "  (confirmed by \($0))" } ?? "  (centre)"
                    Output.line(String(format: "  %.3f  ", member.similarity) + (member.hashDistance.map { "pHash \($0)  " } ?? "")
                          + (member.inliers.map { "corners \($0)  " } ?? "") + member.path + via)
                }
            }
        }
        if let run = result.moved {
            for item in run.notMoved { Output.note("not moved: \(item.reason)") }
            let folder = (run.journal as NSString).deletingLastPathComponent
            Output.note("moved \(run.moved.count) files to \(folder)" + (run.stopped ? " (stopped early)" : "")
                        + "; undo with: likeness undo \(folder)")
        }
    }

    private static func report(_ result: EmbeddingDupesResult, summary: String) throws -> String {
        let thumbnails = try Thumbnails().dataURIs(result.groups.flatMap { $0.members.map(\.path) })
        return DuplicateReport(title: "Likeness near-duplicates", summary: summary, groups: result.groups.map { group in
            // The keeper carries no numbers of its own: every other member's caption is its evidence.
            DuplicateReport.Group(reason: group.tier == .sameScene ? group.reason + "; other shots of one scene are all kept, none is moved" : group.reason,
                                  members: group.members.map { member in
                .init(path: member.path, caption: member.path == group.keep ? "" : String(format: "cosine %.3f", member.similarity)
                      + (member.hashDistance.map { " · pHash \($0)/64" } ?? "")
                      + (member.inliers.map { " · \($0) matching corners" } ?? ""))
            }, kind: group.tier.label, keeperWord: group.tier == .sameScene ? "best shot" : "keep")
        }, thumbnails: thumbnails).html()
    }

    /// The scan counts, skipped images and stale catalog entries, on stderr.
    static func notes(scan: ScanCount?, skipped: [ScannedFailure]?, stale: [ScannedFailure]? = nil) {
        if let scan { Output.note("scanned: \(scan.discovered) files, \(scan.processed) read, \(scan.failed) failed") }
        for item in skipped ?? [] { Output.note("skipped \(item.message)") }
        guard let stale, !stale.isEmpty else { return }
        Output.note("left out \(stale.count) catalogued files that changed or vanished since the last scan; run `likeness scan` on their folders again:")
        for item in stale.prefix(10) { Output.note("  \(item.path)") }
        if stale.count > 10 { Output.note("  … and \(stale.count - 10) more (see --json)") }
    }

    /// Writes a report, or fails naming the file.
    static func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
