// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Likeness",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LikenessCore", targets: ["LikenessCore"]),
        .library(name: "LikenessAnalysis", targets: ["LikenessAnalysis"]),
        .library(name: "LikenessEngine", targets: ["LikenessEngine"]),
        .library(name: "LikenessLab", targets: ["LikenessLab"]),
        .executable(name: "likeness", targets: ["likeness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // The shared catalog's PostgreSQL client; only LikenessPostgres imports it.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // TLS for that client (already a dependency of postgres-nio; named here to configure it).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
    ],
    targets: [
        // C: libvips behind a module map and a shim of static inline wrappers.
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        // C: libjpeg-turbo directly, for JPEGs scaled in the DCT and decoded to luma alone when that is all a caller needs.
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        // C: libdeflate, for the image data of PNGs decoded directly (whole-buffer inflate) and their chunk CRCs.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // C: the ONNX Runtime C API header (from `make setup`, found through pkg-config); the library
        // is loaded at run time with dlopen.
        .systemLibrary(name: "CONNXRuntime", pkgConfig: "likeness-onnxruntime"),
        // C: OpenBLAS for exact search by matrix products.
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // C: zlib, for gzip-compressed dataset files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's mallopt, for the allocator setting of the training commands (no library to link).
        .systemLibrary(name: "CMalloc"),
        // C: Hamming distances of binary descriptors with AVX2 or AVX-512 popcounts, chosen at run
        // time (static inline functions; no library to link).
        .systemLibrary(name: "CHamming"),
        // C: BT.601 luma of 8-bit RGB, vectorised with AVX2 where the CPU has it, chosen at run time.
        .systemLibrary(name: "CLuma"),
        // C: OpenSSL libcrypto, for hardware-accelerated SHA-256 of file contents.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // C++: FAISS 1.7.3 (Debian's static libfaiss-dev, no C API of its own) behind a small C header
        // of opaque handles and status codes. FAISS calls BLAS/LAPACK (OpenBLAS) and OpenMP (libgomp,
        // whose omp.h comes from libgcc-12-dev through openmp/omp.h).
        .target(name: "CFAISS", cxxSettings: [.headerSearchPath("openmp")], linkerSettings: [
            .linkedLibrary("faiss"), .linkedLibrary("openblas"), .linkedLibrary("gomp"), .linkedLibrary("stdc++"),
        ]),

        // Core: value types and protocols. No C, no I/O.
        .target(name: "LikenessCore"),

        // Capabilities.
        .target(name: "LikenessImaging", dependencies: ["LikenessCore", "CVips", "CJPEG", "CDeflate", "CLuma"]),
        .target(name: "LikenessDigest", dependencies: ["LikenessCore", "CCrypto"]),
        .target(name: "LikenessHashing", dependencies: ["LikenessCore"]),
        // Report renders results (calibration curves, robustness tables), so it sees Analysis's value
        // types and the engine's job results; both shells render through it.
        .target(name: "LikenessReport", dependencies: ["LikenessCore", "LikenessAnalysis", "LikenessEngine"]),
        // Numerics: the one door to OpenBLAS and LAPACK (matrix products, symmetric eigenproblems).
        .target(name: "LikenessNumerics", dependencies: ["LikenessCore", "COpenBLAS"]),
        .target(name: "LikenessIndex", dependencies: ["LikenessCore", "LikenessNumerics"]),
        // Approximate search through FAISS (HNSW, IVF-Flat, IVF-PQ), measured against LikenessIndex's exact index.
        .target(name: "LikenessANN", dependencies: ["LikenessCore", "LikenessIndex", "CFAISS"]),
        .target(name: "LikenessDatasets", dependencies: ["LikenessCore", "CZlib"]),
        // Learning on frozen features: the linear probe, and a small neural-network module (dense
        // layers on BLAS, losses, optimisers, triplet mining) for learned similarity heads.
        .target(name: "LikenessLearning", dependencies: ["LikenessCore", "LikenessNumerics"]),
        .target(name: "LikenessMatching", dependencies: ["LikenessCore", "CHamming"]),
        // Pure Swift: string metrics (edit distances, Jaro–Winkler, shingle Jaccard) and MinHash LSH.
        .target(name: "LikenessText", dependencies: ["LikenessCore"]),
        .target(name: "LikenessEmbedding", dependencies: ["LikenessCore", "LikenessDigest", "CONNXRuntime"]),
        .target(name: "LikenessCatalog", dependencies: [
            "LikenessCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The shared catalog: the same catalog operations over PostgreSQL (PostgresNIO, bridged to the
        // synchronous engine in one place), and the work queue that workers on several machines share.
        .target(name: "LikenessPostgres", dependencies: [
            "LikenessCore", "LikenessCatalog",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Analysis: pure algorithms over values (grouping, calibration, clustering, projection,
        // retrieval metrics, all-pairs scans, sharpness). Swift over BLAS; no I/O, no catalog.
        // Neighbour searches go through the VectorIndex protocol (the exact index by default).
        .target(name: "LikenessAnalysis", dependencies: ["LikenessCore", "LikenessNumerics", "LikenessIndex"]),

        // Jobs: the engine every shell calls. Typed configuration in, typed Codable result out.
        .target(name: "LikenessEngine", dependencies: [
            "LikenessCore", "LikenessAnalysis", "LikenessImaging", "LikenessDigest", "LikenessHashing", "LikenessEmbedding",
            "LikenessIndex", "LikenessANN", "LikenessCatalog", "LikenessPostgres", "LikenessLearning", "LikenessMatching", "LikenessNumerics", "LikenessText",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Research: benchmarks, retrieval evaluation, linear probes. Linked by the CLI; a server
        // binary may leave it out.
        .target(name: "LikenessLab", dependencies: [
            "LikenessCore", "LikenessAnalysis", "LikenessNumerics", "LikenessEngine", "LikenessImaging", "LikenessHashing", "LikenessEmbedding",
            "LikenessIndex", "LikenessANN", "LikenessDatasets", "LikenessLearning", "LikenessMatching", "LikenessText",
        ]),

        // Shell: `likeness serve`, an HTTP API and web app over the same jobs (Hummingbird 2). Its
        // JavaScript, CSS and OpenAPI document are files in Assets/, embedded in the binary.
        .target(name: "LikenessServer", dependencies: [
            "LikenessCore", "LikenessANN", "LikenessEngine", "LikenessCatalog", "LikenessReport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.embedInCode("Assets/app.js"), .embedInCode("Assets/app.css"), .embedInCode("Assets/openapi.json")]),

        // Shell: parses options, calls one job, renders its result.
        .executableTarget(name: "likeness", dependencies: [
            "LikenessCore", "LikenessAnalysis", "LikenessANN", "LikenessEngine", "LikenessLab", "LikenessLearning", "LikenessPostgres", "LikenessReport", "LikenessServer", "LikenessText", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Fixture makers shared by the test targets.
        .target(name: "LikenessTestSupport", dependencies: ["LikenessCore", "LikenessCatalog", "LikenessImaging", "LikenessPostgres"], path: "Tests/LikenessTestSupport"),
        .testTarget(name: "LikenessCoreTests", dependencies: ["LikenessCore"]),
        .testTarget(name: "LikenessAnalysisTests", dependencies: ["LikenessAnalysis", "LikenessCore", "LikenessNumerics", "LikenessImaging", "LikenessTestSupport"]),
        .testTarget(name: "LikenessNumericsTests", dependencies: ["LikenessNumerics", "LikenessCore"]),
        .testTarget(name: "LikenessLabTests", dependencies: [
            "LikenessLab", "LikenessANN", "LikenessLearning", "LikenessEngine", "LikenessAnalysis", "LikenessImaging", "LikenessCore", "LikenessIndex", "LikenessNumerics", "LikenessTestSupport",
        ]),
        .testTarget(name: "LikenessEmbeddingTests", dependencies: [
            "LikenessEmbedding", "LikenessCore", "LikenessImaging", "LikenessTestSupport",
        ]),
        .testTarget(name: "LikenessDatasetsTests", dependencies: ["LikenessDatasets", "LikenessCore", "LikenessTestSupport"]),
        .testTarget(name: "LikenessLearningTests", dependencies: ["LikenessLearning", "LikenessCore", "LikenessNumerics"]),
        .testTarget(name: "LikenessTextTests", dependencies: ["LikenessText", "LikenessCore"]),
        .testTarget(name: "LikenessMatchingTests", dependencies: ["LikenessMatching", "LikenessCore", "LikenessImaging", "LikenessTestSupport"]),
        .testTarget(name: "LikenessANNTests", dependencies: ["LikenessANN", "LikenessIndex", "LikenessCore", "LikenessTestSupport"]),
        .testTarget(name: "LikenessIndexTests", dependencies: ["LikenessIndex", "LikenessCore", "LikenessTestSupport"]),
        .testTarget(name: "LikenessReportTests", dependencies: ["LikenessReport", "LikenessAnalysis", "LikenessCore"]),
        .testTarget(name: "LikenessDigestTests", dependencies: ["LikenessDigest", "LikenessCore"]),
        .testTarget(name: "LikenessHashingTests", dependencies: [
            "LikenessHashing", "LikenessCore", "LikenessImaging", "LikenessTestSupport",
        ]),
        .testTarget(name: "LikenessImagingTests", dependencies: ["LikenessImaging", "LikenessCore", "LikenessTestSupport"]),
        .testTarget(name: "LikenessCatalogTests", dependencies: ["LikenessCatalog", "LikenessCore", "LikenessTestSupport"]),
        // One suite over both catalog stores, the work queue, and workers killed mid-run (needs the
        // server `make test` starts: LIKENESS_TEST_POSTGRES).
        .testTarget(name: "LikenessPostgresTests", dependencies: [
            "LikenessPostgres", "LikenessCatalog", "LikenessEngine", "LikenessEmbedding", "LikenessCore", "LikenessImaging", "LikenessTestSupport",
        ]),
        .testTarget(name: "LikenessEngineTests", dependencies: [
            "LikenessEngine", "LikenessANN", "LikenessAnalysis", "LikenessImaging", "LikenessCatalog", "LikenessCore", "LikenessIndex", "LikenessLearning", "LikenessNumerics", "LikenessTestSupport", "LikenessText",
        ]),
        .testTarget(name: "LikenessServerTests", dependencies: [
            "LikenessServer", "LikenessEngine", "LikenessCatalog", "LikenessCore", "LikenessImaging", "LikenessTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "LikenessCLITests", dependencies: [
            "LikenessEngine", "LikenessCatalog", "LikenessCore", "LikenessImaging", "LikenessPostgres", "LikenessTestSupport",
        ]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
