// swift-tools-version:6.0
import PackageDescription

/// rbm: results-based management reconciliation for ITU workbooks.
///
/// Data flows one way: discover → read → normalise → reconcile → write → file away.
/// Only `ZipIO` and `XMLIO` import the C libraries; the domain modules never do.
let package = Package(
    name: "rbm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rbm", targets: ["rbm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        .target(name: "ZipIO", dependencies: ["CLibZip"]),
        .target(name: "XMLIO", dependencies: ["CLibXML2"]),
        .target(name: "XLSXCore"),
        .target(name: "XLSXReader", dependencies: ["XLSXCore", "ZipIO", "XMLIO"]),
        .target(name: "XLSXWriter", dependencies: ["XLSXCore", "ZipIO"]),
        .target(name: "Results"),
        .target(name: "Normalise", dependencies: ["Results", "XLSXCore", "XLSXReader"]),
        .target(name: "Reconcile", dependencies: ["Results"]),
        .target(name: "Reports", dependencies: ["Results", "XLSXWriter"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "Results", "XLSXReader", "XLSXWriter", "Normalise", "Reconcile", "Reports",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Defaults/defaults.yaml")]
        ),
        .executableTarget(
            name: "rbm",
            dependencies: [
                "Pipeline", "Reports", "Results",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "rbm-bench", dependencies: ["XLSXCore", "XLSXReader", "XLSXWriter"], path: "Sources/rbm-bench"),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ZipIOTests", dependencies: ["ZipIO", "TestSupport"]),
        .testTarget(name: "XMLIOTests", dependencies: ["XMLIO"]),
        .testTarget(name: "XLSXCoreTests", dependencies: ["XLSXCore", "TestSupport"]),
        .testTarget(name: "XLSXReaderTests", dependencies: ["XLSXReader", "XLSXCore", "TestSupport"], exclude: ["Resources"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter", "XLSXReader", "XLSXCore", "TestSupport"]),
        .testTarget(name: "ResultsTests", dependencies: ["Results"]),
        .testTarget(name: "NormaliseTests", dependencies: ["Normalise", "Results", "XLSXCore", "XLSXReader", "XLSXWriter", "TestSupport"]),
        .testTarget(name: "ReconcileTests", dependencies: ["Reconcile", "Results"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Results", "XLSXReader", "XLSXWriter", "ZipIO", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Results", "Reports", "XLSXReader", "XLSXWriter", "TestSupport"]),
    ]
)
