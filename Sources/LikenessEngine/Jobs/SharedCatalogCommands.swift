/// The commands that take a shared catalog's `postgres://` URL as `--catalog`: the one list that
/// the CLI's `--catalog` help and the refusal of ``JobContext/openCatalog(for:)`` (the SQLite-only
/// opener, which no command calls directly any more) name.
public enum SharedCatalogCommands {
    /// The commands, in the order the README introduces them: every command with `--catalog`.
    public static let names = [
        "scan", "embed", "search", "dupes", "decisions", "leakage", "novelty", "cluster", "map", "quality", "inspect",
        "calibrate sample", "serve", "train autoencoder", "train contrastive", "worker", "status",
    ]

    /// The names in backticks, as a sentence lists them: "`scan`, `embed`, … and `status`".
    public static var sentence: String {
        let quoted = names.map { "`\($0)`" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
    }

    /// The names separated by commas, for a one-line help text.
    public static var commaSeparated: String { names.joined(separator: ", ") }
}
