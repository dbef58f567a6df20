import Foundation

/// Runs a program to its end and collects what it printed: the one way tests start Python, Node,
/// LibreOffice, strace, coreutils or `rbm` itself.
public enum Subprocess {
    /// What to do with the program's standard error.
    public enum Errors: Sendable { case discard, merge, capture }

    public struct Result: Sendable {
        public var status: Int32
        /// Standard output (with standard error when merged).
        public var output: Data
        /// Standard error, when captured.
        public var errors: String
        public var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// - Parameters:
    ///   - input: bytes for the program's standard input (written while its output is read);
    ///     none means an empty input.
    ///   - environment: variables added to this process's environment.
    public static func run(_ executable: String, _ arguments: [String], directory: URL? = nil, environment: [String: String] = [:],
                           input: Data? = nil, errors: Errors = .capture) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe()
        process.standardOutput = output
        // Standard error goes to a file, not a second pipe: a program filling an unread pipe would
        // wait for ever while this side reads its output.
        let errorFile = Fixtures.scratch.appendingPathComponent("rbm-stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errorFile) }
        switch errors {
        case .discard: process.standardError = FileHandle.nullDevice
        case .merge: process.standardError = output
        case .capture:
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errorFile)
        }
        let feed = input.map { _ in Pipe() }
        process.standardInput = feed ?? FileHandle.nullDevice
        try process.run()
        if let feed, let input {
            let writer = feed.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = errors == .capture ? ((try? String(contentsOf: errorFile, encoding: .utf8)) ?? "") : ""
        return Result(status: process.terminationStatus, output: data, errors: errorText)
    }
}
