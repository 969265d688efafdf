// swift-tools-version: 6.0
import PackageDescription

// Data flows one way: schedule → fetch → parse → match → store → output.
// One target per stage, so the compiler keeps the boundaries: only FeedwatchFetch sees
// libcurl, only FeedwatchParse sees libxml2, only FeedwatchStore sees SQLite
// (and FeedwatchModel only libcrypto's SHA-256).
let package = Package(
    name: "feedwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "feedwatch", targets: ["feedwatch"]),
        .executable(name: "Benchmarks", targets: ["Benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // System libraries, each wrapped in a shim header.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Plain Sendable value types shared by every stage.
        .target(name: "FeedwatchModel", dependencies: ["CCrypto"]),

        // The stages.
        .target(name: "FeedwatchFetch", dependencies: ["CCurl", "FeedwatchModel"]),
        .target(
            name: "FeedwatchParse", dependencies: ["CLibXML2", "FeedwatchModel"],
            // The SAX callbacks touch the reader's state per element and text node; dynamic
            // exclusivity checks on it measured as a few percent of the parse.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "FeedwatchMatch", dependencies: ["FeedwatchModel"]),
        .target(name: "FeedwatchStore", dependencies: ["CSQLite", "FeedwatchModel"]),
        .target(name: "FeedwatchOutput", dependencies: ["FeedwatchModel"]),

        // Config, watchlist loading, the cycle and the service around it.
        .target(
            name: "FeedwatchDaemon",
            dependencies: [
                "FeedwatchModel", "FeedwatchFetch", "FeedwatchParse", "FeedwatchMatch",
                "FeedwatchStore", "FeedwatchOutput",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The thin command line.
        .executableTarget(
            name: "feedwatch",
            dependencies: [
                "FeedwatchDaemon", "FeedwatchModel", "FeedwatchParse", "FeedwatchStore", "FeedwatchOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test support: a real HTTP server on 127.0.0.1, fixtures, a manual clock.
        .target(name: "FeedwatchTesting", dependencies: ["FeedwatchModel"]),

        // Figures, not assertions: run with `swift run -c release Benchmarks`.
        .executableTarget(
            name: "Benchmarks",
            dependencies: [
                "FeedwatchDaemon", "FeedwatchParse", "FeedwatchMatch", "FeedwatchTesting", "CLibXML2",
            ],
            exclude: ["peers.sh", "README.md"]
        ),

        .testTarget(name: "FeedwatchModelTests", dependencies: ["FeedwatchModel"]),
        .testTarget(name: "FeedwatchFetchTests", dependencies: ["FeedwatchFetch", "FeedwatchTesting"]),
        .testTarget(
            name: "FeedwatchParseTests", dependencies: ["FeedwatchParse", "FeedwatchOutput", "FeedwatchTesting"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "FeedwatchMatchTests", dependencies: ["FeedwatchMatch", "FeedwatchTesting"]),
        .testTarget(name: "FeedwatchStoreTests", dependencies: ["FeedwatchStore", "FeedwatchTesting"]),
        .testTarget(name: "FeedwatchOutputTests", dependencies: ["FeedwatchOutput", "FeedwatchTesting"]),
        .testTarget(
            name: "FeedwatchDaemonTests", dependencies: ["FeedwatchDaemon", "FeedwatchParse", "FeedwatchTesting"]),
        .testTarget(name: "FeedwatchCLITests", dependencies: ["FeedwatchTesting", "FeedwatchStore"]),
    ],
    swiftLanguageModes: [.v6]
)
