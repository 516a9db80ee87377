extension Catalog {
    /// How a catalog is opened: whether it may be created, upgraded and written.
    public enum Access: Sendable, Equatable {
        /// Reads and writes. A missing file (and its folder) is created and an older schema upgraded;
        /// a file or folder that cannot be written is ``CatalogError/notWritable(path:)``.
        case readWrite
        /// Reads only, also from a read-only file, folder or medium; the file is never changed.
        ///
        /// Nothing is created or upgraded: a missing catalog is ``CatalogError/missing(path:)``, an
        /// older schema ``CatalogError/olderSchema(path:version:)``, and every write
        /// ``CatalogError/notWritable(path:)``.
        case readOnly
        /// Opens as ``readOnly``, but accepts writes: the first one copies the catalog into a
        /// private temporary database, and it and every later read and write go there. The file is
        /// never changed, and what was written is lost when the catalog closes; one warning is logged.
        ///
        /// For a job that fills in what is missing (a scan, hashes, vectors) on a catalog it cannot
        /// write: it works from what it computed for this run.
        case scratch
    }
}
