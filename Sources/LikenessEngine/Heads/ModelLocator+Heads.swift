import LikenessCore
import LikenessEmbedding

extension ModelLocator {
    /// The trained heads saved beside the models, in `<models>/heads`.
    public var heads: HeadStore { HeadStore(modelsDirectory: modelsDirectory) }

    /// The names `--model` takes: every model id, then every embedding head on a model, then every
    /// encoder (a head or encoder of the same name as a model is shadowed by it, an encoder by a head).
    public func embeddingNames() -> [String] {
        let models = registry.all().manifests.map(\.id)
        let heads = self.heads.all().manifests.filter { $0.kind == .embedding && models.contains($0.base.method) && !models.contains($0.name) }
        let encoders = self.encoders.names().filter { !models.contains($0) && !heads.map(\.name).contains($0) }
        return models + heads.map(\.name) + encoders
    }

    /// Opens saved head `name` over its base model: the weights checked against their SHA-256, the
    /// base opened, and the head refused when the base model's weights or width are not the ones it
    /// was trained on.
    ///
    /// - Throws: ``JobError/head(_:)`` with ``HeadError/wrongKind(head:kind:needed:)`` for a pair
    ///   scorer, ``HeadError/baseNotAModel(head:base:models:)`` for a head on pixels or another fixed
    ///   computation, ``HeadError/wrongFingerprint(head:base:trainedOn:given:)`` or
    ///   ``HeadError/wrongDimension(head:expected:given:)`` for a changed base; the base model's own errors.
    public func openHead(_ name: String, threads: Int = 1) throws(JobError) -> OpenedModel {
        let (manifest, base) = try openBase(of: name, kind: .embedding, threads: threads)
        do throws(HeadError) {
            let (_, head) = try heads.load(name)
            return OpenedModel(base: base.base, input: base.input, head: OpenedHead(name: name, manifest: manifest, head: head), threads: base.threads)
        } catch {
            throw .head(error)
        }
    }

    /// Opens saved pair scorer `name` (`train siamese`) with its base model, checked as ``openHead(_:threads:)`` checks a head.
    ///
    /// - Throws: ``JobError/head(_:)`` with ``HeadError/notFound(name:known:)``, ``HeadError/wrongKind(head:kind:needed:)``
    ///   for an embedding head, and the base checks of ``openHead(_:threads:)``.
    public func openScorer(_ name: String, threads: Int = 1) throws(JobError) -> OpenedScorer {
        let (manifest, base) = try openBase(of: name, kind: .scorer, threads: threads)
        do throws(HeadError) {
            return OpenedScorer(name: name, manifest: manifest, scorer: try heads.loadScorer(name).scorer, base: base)
        } catch {
            throw .head(error)
        }
    }

    /// A head's manifest, checked to be of `kind` and on a model, and that model opened and checked
    /// to be the one the head was trained on.
    private func openBase(of name: String, kind: HeadManifest.Kind, threads: Int) throws(JobError) -> (HeadManifest, OpenedModel) {
        let manifest: HeadManifest
        do throws(HeadError) {
            manifest = try heads.manifest(name)
            guard manifest.kind == kind else { throw .wrongKind(head: name, kind: manifest.kind, needed: kind) }
            let models = registry.all().manifests.map(\.id)
            guard models.contains(manifest.base.method) else { throw .baseNotAModel(head: name, base: manifest.base.method, models: models) }
        } catch {
            throw .head(error)
        }
        let base = try open(manifest.base.method, threads: threads)
        do throws(HeadError) { try Self.check(manifest, named: name, against: base.base) } catch { throw .head(error) }
        return (manifest, base)
    }

    /// Checks that `model` is the base a head was trained on: the same weights and width.
    static func check(_ manifest: HeadManifest, named name: String, against model: any EmbeddingModel) throws(HeadError) {
        guard model.fingerprint == manifest.base.fingerprint else {
            throw .wrongFingerprint(head: name, base: model.id, trainedOn: manifest.base.fingerprint, given: model.fingerprint)
        }
        guard model.dimension == manifest.base.dimension, manifest.architecture.inputWidth == model.dimension else {
            throw .wrongDimension(head: name, expected: manifest.architecture.inputWidth, given: model.dimension)
        }
    }
}
