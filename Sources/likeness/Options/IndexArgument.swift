import ArgumentParser
import LikenessANN
import LikenessEngine

/// `--index exact|auto|hnsw[:…]|ivf[:…]|ivfpq[:…]`: parsed by ``IndexChoice/init(parsing:)``, the one
/// parser of index strings, so an unknown kind, key or value is refused with the library's message.
enum IndexArgument {
    /// The transform every `--index` option uses.
    static func parse(_ text: String) throws -> IndexChoice {
        do { return try IndexChoice(parsing: text) } catch { throw ValidationError(error.description) }
    }

    /// The transform of options that take one approximate kind (`bench ann --index`).
    static func parseKind(_ text: String) throws -> ApproximateIndexKind {
        do { return try ApproximateIndexKind(parsing: text) } catch { throw ValidationError(error.description) }
    }

    /// Help shared by every command with `--index`.
    static let help = ArgumentHelp(
        "exact, auto (exact below \(IndexChoice.autoExactBelow) images, else ivf, probing 8 cells for near-duplicates and 32 for search), or an approximate index: "
            + "hnsw[:m=32,efConstruction=64,ef=64], ivf[:nlist=1024,nprobe=32,train=N], ivfpq[:nlist=1024,nprobe=32,m=64,nbits=8,train=N].",
        valueName: "kind")

    /// Tells the user on stderr which index was searched (what `auto` chose, or the settings in
    /// full), and whether it was read from the copy saved next to the catalog.
    static func note(_ used: String?, asked: IndexChoice, origin: IndexOrigin? = nil) {
        guard let used, asked != .exact else { return }
        let saved = switch origin {
        case .loaded(let added)?: "; read from the index saved next to the catalog" + (added > 0 ? ", \(added) new images added" : "")
        case .built?: "; built, and saved next to the catalog for the next run"
        case nil: ""
        }
        Output.note("index: \(used)\(asked == .auto ? " (chosen by --index auto)" : "")\(saved)")
    }
}
