import ArgumentParser
import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine

struct Dupes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List groups of duplicate images.",
        discussion: "With --exact: groups of byte-identical files (same SHA-256) among catalogued files, largest groups first.")

    @Argument(help: ArgumentHelp("Only consider files at or below these folders (default: the whole catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions

    @Flag(help: "Group byte-identical files (same SHA-256).")
    var exact = false

    @Flag(help: "Print the groups as JSON on stdout.")
    var json = false

    func validate() throws {
        guard exact else {
            throw ValidationError("only --exact is available so far; near-duplicate methods come with hashing and embeddings")
        }
    }

    func run() throws {
        let catalog = try catalogOptions.open()
        let groups: [ExactDuplicateGroup]
        do {
            groups = try DuplicateFinder(catalog: catalog).exactGroups(under: folders.isEmpty ? nil : folders)
        } catch {
            throw CommandFailure(error.description)
        }
        if json {
            try Output.json(ExactDupesOutput(groups: groups.map(ExactDupesOutput.Group.init)))
            return
        }
        if groups.isEmpty {
            print("no exact duplicates")
            return
        }
        let files = groups.reduce(0) { $0 + $1.members.count }
        print("\(groups.count) groups of exact duplicates, \(files) files (\(files - groups.count) redundant copies)")
        for group in groups {
            let size = group.members.first?.fingerprint.map { ByteCountFormatter.string(fromByteCount: $0.size, countStyle: .file) } ?? "?"
            print("\n\(group.members.count) × \(size)  sha256 \(group.contentHash.hex.prefix(16))…")
            for member in group.members { print("  \(member.path)") }
        }
    }
}

/// JSON shape of `dupes --exact`.
struct ExactDupesOutput: Encodable {
    struct Group: Encodable {
        var sha256: String
        var size: Int64?
        var paths: [String]
        init(_ group: ExactDuplicateGroup) {
            sha256 = group.contentHash.hex
            size = group.members.first?.fingerprint?.size
            paths = group.members.map(\.path)
        }
    }
    var groups: [Group]
}
