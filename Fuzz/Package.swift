// swift-tools-version:6.0
import Foundation
import PackageDescription

/// rbm's libFuzzer targets (docs/fuzzing.md). A package of its own so that `swift build` and
/// `make test` in the main package never see the sanitizer flags; built with
///
///     swift build -c release --sanitize=fuzzer --sanitize=address
///
/// Each target's `main.swift` holds only `LLVMFuzzerTestOneInput`, which calls the entry point of
/// the same name in the main package's `FuzzEntryPoints` (so the regression tests run the same code).
let targets = [
    "FuzzCellReference", "FuzzNumberGrammar", "FuzzDateGrammar", "FuzzCodeGrammar", "FuzzAmountGrammar",
    "FuzzWorkbookPart", "FuzzSharedStringsPart", "FuzzStylesPart", "FuzzWorksheetPart", "FuzzTablePart",
    "FuzzRelationshipsPart", "FuzzReader", "FuzzPipelineFile", "FuzzWriterRoundTrip",
]

/// A path dependency's identity is its folder's name, which depends on where rbm was cloned.
let rbm = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "rbm-fuzz",
    dependencies: [.package(path: "..")],
    targets: targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "FuzzEntryPoints", package: rbm)],
            path: "Targets/\(name)"
        )
    }
)
