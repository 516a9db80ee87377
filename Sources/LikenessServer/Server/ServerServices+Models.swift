import LikenessEngine

extension ServerServices {
    /// The models a search can choose from: those of `likeness models list` whose file is present,
    /// the default first.
    public var models: [String] {
        let registry = configuration.models.registry
        let ids = registry.all().manifests.filter { registry.isInstalled($0) }.map(\.id)
        return ids.contains(ModelDefaults.model) ? [ModelDefaults.model] + ids.filter { $0 != ModelDefaults.model } : ids
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
