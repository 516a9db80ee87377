import ArgumentParser
import LikenessEngine

/// The near-duplicate rule's thresholds, shared by `dupes` and `leakage`.
struct RuleOptions: ParsableArguments {
    @Option(help: "Cosine similarity at or above which a pair is a duplicate on its own.")
    var accept: Float = DuplicateConfiguration().acceptCosine

    @Option(help: "Cosine similarity at or above which a pair is confirmed by the hash.")
    var candidate: Float = DuplicateConfiguration().candidateCosine

    @Option(help: "Largest pHash distance (of 64 bits, any turn or flip) that confirms a candidate.")
    var hashRadius: Int = DuplicateConfiguration().hashRadius

    @Option(help: "How many of its closest candidates each image keeps; bounds time and memory on dense sets.")
    var neighbours: Int = DuplicateConfiguration().neighbours

    @Option(help: "Fewest local-feature matches in one geometry that confirm a candidate; 0 turns the check off.")
    var minimumInliers: Int = DuplicateConfiguration().minimumInliers

    func validate() throws {
        guard (-1...1).contains(accept), (-1...1).contains(candidate) else { throw ValidationError("--accept and --candidate are cosines in [-1, 1]") }
        // `DuplicateConfiguration` lowers a candidate cut above the accept cut (a calibrated
        // accept threshold may be set below the default candidate cut); typed flags are refused.
        guard candidate <= accept else {
            throw ValidationError(String(format: "--candidate %g is above --accept %g. --accept is the higher cosine, at which a pair is a duplicate on its own; "
                                         + "--candidate is the lower one, from which the pHash or local features must confirm it. Give --candidate ≤ --accept",
                                         Double(candidate), Double(accept)))
        }
        guard hashRadius >= 0 else { throw ValidationError("--hash-radius must be 0 or more") }
        guard neighbours >= 1 else { throw ValidationError("--neighbours must be 1 or more") }
        guard minimumInliers >= 0 else { throw ValidationError("--minimum-inliers must be 0 or more") }
    }

    var configuration: DuplicateConfiguration {
        DuplicateConfiguration(acceptCosine: accept, candidateCosine: candidate, hashRadius: hashRadius, neighbours: neighbours,
                               minimumInliers: minimumInliers)
    }
}
