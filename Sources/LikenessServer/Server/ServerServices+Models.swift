import LikenessEngine

extension ServerServices {
    /// The models a search can choose from: the names `--model` takes (the models of `likeness
    /// models list` whose file is present, then the trained embedding heads), the default first.
    public var models: [String] {
        let registry = configuration.models.registry
        let absent = Set(registry.all().manifests.filter { !registry.isInstalled($0) }.map(\.id))
        let names = configuration.models.embeddingNames().filter { !absent.contains($0) }
        return names.contains(ModelDefaults.model) ? [ModelDefaults.model] + names.filter { $0 != ModelDefaults.model } : names
    }

    /// The model a request names (the default when it names none), refused when it is not one of
    /// ``models``: a 400 that lists them.
    func model(_ named: String?) throws(APIError) -> String {
        guard let named, !named.isEmpty else { return ModelDefaults.model }
        let known = models
        guard known.contains(named) else {
            throw APIError(.badRequest, .badRequest, "unknown model '\(named)'; this server has: \(known.joined(separator: ", "))")
        }
        return named
    }
}
