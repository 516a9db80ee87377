import ArgumentParser
import Foundation
import LikenessCatalog

/// The `--catalog` option shared by every command that reads or writes the catalog.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalog database file.", valueName: "path"))
    var catalog: String?

    /// The path in force: the flag, else $LIKENESS_CATALOG, else the XDG data folder.
    var resolvedPath: String {
        if let catalog { return catalog }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["LIKENESS_CATALOG"], !path.isEmpty { return path }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("likeness/catalog.sqlite")
    }

    /// Opens the catalog, or exits with the catalog's own clear message.
    func open() throws -> Catalog {
        do {
            return try Catalog(path: resolvedPath)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

/// A failure that ends a command with a message on stderr and exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
