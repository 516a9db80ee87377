import LikenessCore
import LikenessIndex

/// Makes the exact index the engine uses, so callers need not import the index module.
enum ExactIndexFactory {
    static func cosine(dimension: Int) -> ExactVectorIndex { ExactVectorIndex(dimension: dimension, metric: .cosine) }
}
