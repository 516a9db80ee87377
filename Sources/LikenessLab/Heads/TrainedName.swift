import LikenessEngine

/// The names a newly trained head, scorer or encoder cannot take, in one place: every built-in
/// method, every model, and the other kind's saved names (an encoder named like a head, or the
/// reverse, would make `--model NAME` ambiguous).
enum TrainedName {
    /// Built-in methods and model ids, with the saved heads' names when `heads`, the saved
    /// encoders' names when `encoders` (each store refuses its own names with its own "exists").
    static func taken(in models: ModelLocator, heads: Bool, encoders: Bool) -> [String] {
        EvalMethod.names(models: models.registry.all().manifests.map(\.id),
                         heads: (heads ? models.heads.names() : []) + (encoders ? models.encoders.names() : []))
    }
}
