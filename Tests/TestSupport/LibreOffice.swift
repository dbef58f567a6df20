import Foundation

/// LibreOffice as an independent reader for interop checks (`make interop`).
public enum LibreOffice {
    public static let soffice: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    public static let isEnabled = ProcessInfo.processInfo.environment["RBM_INTEROP"] == "1" && soffice != nil

    /// Where the workbooks and their conversions go.
    public static let folder: URL = {
        if let kept = ProcessInfo.processInfo.environment["RBM_INTEROP_DIR"], !kept.isEmpty {
            return URL(fileURLWithPath: kept)
        }
        return Fixtures.temporaryDirectory("rbm-interop")
    }()

    /// A LibreOffice profile of its own, so that a running LibreOffice does not take the job.
    private static let profile = Fixtures.temporaryDirectory("rbm-interop-profile")

    /// Runs `soffice --headless` with `arguments`; returns its status and combined output.
    public static func soffice(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try Subprocess.run(soffice ?? "/usr/bin/soffice",
                                        ["--headless", "--norestore", "-env:UserInstallation=\(profile.absoluteString)"] + arguments, errors: .merge)
        return (result.status, result.text)
    }
}
