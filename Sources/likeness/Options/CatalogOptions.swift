import ArgumentParser
import LikenessEngine

/// The `--catalog` option shared by every command that reads or writes the catalog.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalog database file, or a shared catalog's postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=CA.pem] (\(SharedCatalogCommands.commaSeparated)).", valueName: "path"))
    var catalog: String?

    /// The path in force: the flag, else $LIKENESS_CATALOG, else the XDG data folder.
    var resolvedPath: String { CatalogLocation.resolve(catalog) }
}

/// A failure that ends a command with a message on stderr and exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
