// swift-tools-version:6.0
import PackageDescription

/// rbm: results-based management reconciliation for ITU workbooks.
///
/// Data flows one way: discover → read → normalise → reconcile → write → file away.
/// Only `ZipIO` and `XMLIO` import the C libraries (libzip and libdeflate, libxml2), and only `SystemIO` makes system calls of its
/// own (durable writes, locks, raw names, limits); the domain modules do neither.
let package = Package(
    name: "rbm",
    // Linux only (Debian 12): nothing has been built on macOS, so no Apple platform is claimed.
    products: [
        .executable(name: "rbm", targets: ["rbm"]),
        // The entry points of the libFuzzer targets, for the separate package in Fuzz/ (docs/fuzzing.md).
        .library(name: "FuzzEntryPoints", targets: ["FuzzEntryPoints"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CLibZip",
            pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]
        ),
        .systemLibrary(
            name: "CLibDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .systemLibrary(
            name: "CLibISAL",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        .target(name: "ZipIO", dependencies: ["CLibZip", "CLibDeflate", "CLibISAL"]),
        .target(name: "XMLIO", dependencies: ["CLibXML2"]),
        .target(name: "XLSXCore"),
        .target(name: "XLSXReader", dependencies: ["XLSXCore", "ZipIO", "XMLIO"]),
        .target(name: "XLSXWriter", dependencies: ["XLSXCore", "ZipIO"]),
        .target(name: "Results"),
        .target(name: "SystemIO", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        .target(name: "Normalise", dependencies: ["Results", "XLSXCore", "XLSXReader"]),
        .target(name: "Reconcile", dependencies: ["Results"]),
        .target(name: "Reports", dependencies: ["Results", "XLSXCore", "XLSXWriter"]),
        // The run history: one SQLite file per drop folder (docs/history.md). Maps typed values to rows; no rules.
        .target(name: "History", dependencies: ["Results", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Pipeline",
            dependencies: [
                "Results", "XLSXCore", "XLSXReader", "XLSXWriter", "Normalise", "Reconcile", "Reports", "SystemIO", "History",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Defaults/defaults.yaml")]
        ),
        .executableTarget(
            name: "rbm",
            dependencies: [
                "Pipeline", "Reports", "Results", "SystemIO", "History",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "rbm-bench", dependencies: ["XLSXCore", "XLSXReader", "XLSXWriter"], path: "Sources/rbm-bench"),
        .target(name: "FuzzEntryPoints", dependencies: ["XLSXCore", "XLSXReader", "XLSXWriter", "ZipIO", "Normalise", "Pipeline"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ZipIOTests", dependencies: ["ZipIO", "TestSupport"]),
        .testTarget(name: "XMLIOTests", dependencies: ["XMLIO"]),
        .testTarget(name: "XLSXCoreTests", dependencies: ["XLSXCore", "TestSupport"]),
        .testTarget(name: "XLSXReaderTests", dependencies: ["XLSXReader", "XLSXCore", "TestSupport"], exclude: ["Resources"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter", "XLSXReader", "XLSXCore", "ZipIO", "TestSupport"]),
        .testTarget(name: "ResultsTests", dependencies: ["Results", "TestSupport"]),
        .testTarget(name: "NormaliseTests", dependencies: ["Normalise", "Results", "XLSXCore", "XLSXReader", "XLSXWriter", "TestSupport"]),
        .testTarget(name: "ReconcileTests", dependencies: ["Reconcile", "Results", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Results", "XLSXReader", "XLSXWriter", "ZipIO", "TestSupport"]),
        .testTarget(name: "SystemIOTests", dependencies: ["SystemIO"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzEntryPoints"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Results", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "History", "Results", "Reports", "XLSXReader", "XLSXWriter", "TestSupport",
                                                        .product(name: "Yams", package: "Yams")]),
    ]
)
