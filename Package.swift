// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Likeness",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LikenessCore", targets: ["LikenessCore"]),
        .library(name: "LikenessEngine", targets: ["LikenessEngine"]),
        .executable(name: "likeness", targets: ["likeness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // C: libvips behind a module map and a shim of static inline wrappers.
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        // C: the ONNX Runtime C API header (from `make setup`, found through pkg-config); the library
        // is loaded at run time with dlopen.
        .systemLibrary(name: "CONNXRuntime", pkgConfig: "likeness-onnxruntime"),
        // C: OpenBLAS for exact search by matrix products.
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // C: zlib, for gzip-compressed dataset files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // C: OpenSSL libcrypto, for hardware-accelerated SHA-256 of file contents.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Core: value types and protocols. No C, no I/O.
        .target(name: "LikenessCore"),

        // Capabilities.
        .target(name: "LikenessImaging", dependencies: ["LikenessCore", "CVips"]),
        .target(name: "LikenessDigest", dependencies: ["LikenessCore", "CCrypto"]),
        .target(name: "LikenessHashing", dependencies: ["LikenessCore"]),
        .target(name: "LikenessReport", dependencies: ["LikenessCore"]),
        .target(name: "LikenessIndex", dependencies: ["LikenessCore", "COpenBLAS"]),
        .target(name: "LikenessDatasets", dependencies: ["LikenessCore", "CZlib"]),
        // Pure Swift: classifiers trained on frozen features (the linear probe).
        .target(name: "LikenessLearning", dependencies: ["LikenessCore"]),
        .target(name: "LikenessMatching", dependencies: ["LikenessCore"]),
        .target(name: "LikenessEmbedding", dependencies: ["LikenessCore", "LikenessDigest", "CONNXRuntime"]),
        .target(name: "LikenessCatalog", dependencies: [
            "LikenessCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // Orchestration.
        .target(name: "LikenessEngine", dependencies: [
            "LikenessCore", "LikenessImaging", "LikenessDigest", "LikenessHashing", "LikenessEmbedding", "LikenessIndex", "LikenessDatasets", "LikenessCatalog", "LikenessLearning", "LikenessMatching",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Shell.
        .executableTarget(name: "likeness", dependencies: [
            "LikenessCore", "LikenessEngine", "LikenessReport", "LikenessLearning",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Fixture makers shared by the test targets.
        .target(name: "LikenessTestSupport", dependencies: ["LikenessCore", "LikenessImaging"], path: "Tests/LikenessTestSupport"),
        .testTarget(name: "LikenessCoreTests", dependencies: ["LikenessCore"]),
        .testTarget(name: "LikenessEmbeddingTests", dependencies: [
            "LikenessEmbedding", "LikenessCore", "LikenessImaging", "LikenessTestSupport",
        ]),
        .testTarget(name: "LikenessDatasetsTests", dependencies: ["LikenessDatasets", "LikenessCore", "LikenessTestSupport"]),
        .testTarget(name: "LikenessLearningTests", dependencies: ["LikenessLearning", "LikenessCore"]),
        .testTarget(name: "LikenessMatchingTests", dependencies: ["LikenessMatching", "LikenessCore", "LikenessImaging", "LikenessTestSupport"]),
        .testTarget(name: "LikenessIndexTests", dependencies: ["LikenessIndex", "LikenessCore", "LikenessTestSupport"]),
        .testTarget(name: "LikenessReportTests", dependencies: ["LikenessReport", "LikenessCore"]),
        .testTarget(name: "LikenessDigestTests", dependencies: ["LikenessDigest", "LikenessCore"]),
        .testTarget(name: "LikenessHashingTests", dependencies: [
            "LikenessHashing", "LikenessCore", "LikenessImaging", "LikenessTestSupport",
        ]),
        .testTarget(name: "LikenessImagingTests", dependencies: ["LikenessImaging", "LikenessCore", "LikenessTestSupport"]),
        .testTarget(name: "LikenessCatalogTests", dependencies: ["LikenessCatalog", "LikenessCore", "LikenessTestSupport"]),
        .testTarget(name: "LikenessEngineTests", dependencies: [
            "LikenessEngine", "LikenessImaging", "LikenessCatalog", "LikenessCore", "LikenessIndex", "LikenessTestSupport",
        ]),
        .testTarget(name: "LikenessCLITests", dependencies: ["LikenessCatalog", "LikenessCore", "LikenessImaging", "LikenessTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
