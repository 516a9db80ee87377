/// The version of Likeness, printed by `likeness --version` and reported by the server.
public enum EngineVersion {
    /// Semantic version; raise the minor version when a command or a result type gains something.
    public static let current = "0.7.0"
}
