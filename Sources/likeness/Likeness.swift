import ArgumentParser

@main
struct Likeness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "likeness",
        abstract: "Find which images are alike, how alike, and which are new.",
        discussion: """
            Likeness keeps an embedded SQLite catalog of the images it has seen.
            Catalog location: --catalog PATH, else $LIKENESS_CATALOG, else
            $XDG_DATA_HOME/likeness/catalog.sqlite (~/.local/share/likeness/catalog.sqlite).
            """,
        subcommands: [Scan.self, Dupes.self, Bench.self])
}
