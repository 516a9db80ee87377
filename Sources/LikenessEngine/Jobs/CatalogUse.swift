/// What a job does with the catalog, which decides how ``JobContext/openCatalog(for:)`` opens it.
public enum CatalogUse: Sendable, Equatable {
    /// The job only reads (`dupes --exact` without folders). The catalog is opened read-only, so
    /// the job works on a read-only file, folder or medium; a missing catalog is an error that
    /// says to scan first, never a new empty file.
    case reading
    /// The job reads, after filling in what is missing: it scans the folders it was given and
    /// computes missing hashes or vectors (`search`, `dupes`, `leakage`, `novelty`,
    /// `calibrate sample`). When the catalog (file and folder) can be written, or does not exist
    /// yet, it is opened writable and what the job computes is stored. When it exists but cannot
    /// be written, it is opened read-only as a ``Catalog/Access/scratch`` catalog: the job still
    /// runs, what it computes is used for this run only, and one warning says it was not stored.
    case readingAndFilling
    /// Writing is the job's purpose (`scan`, `embed`). The catalog is opened writable and created
    /// if missing; one that cannot be written is an error naming it.
    case writing
}
