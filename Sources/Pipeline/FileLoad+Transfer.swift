import Foundation
import Results

/// How a worker hands a file's outcome to the run: the binary transfer format
/// (``TransferFormat``: strings written once, numbers, decimals and cells as binary), several times
/// cheaper than the JSON it replaced on both sides of the pipe (issue 11).
extension FileLoad {
    /// The outcome, as the worker writes it.
    func transferData() throws -> Data {
        try TransferEncoder().encode(self)
    }

    /// The outcome a worker wrote.
    /// - Throws: ``TransferError`` for a result of another format version, or not a result at all.
    static func fromTransfer(_ data: Data) throws -> FileLoad {
        try TransferDecoder().decode(FileLoad.self, from: data)
    }
}

extension FileLoad {
    /// The outcome in a worker's result. A damaged result refuses the file with the cause rather
    /// than guessing. A result of another format version is not the file's fault: the worker is
    /// another version of rbm (the executable was replaced while the run was under way), so the
    /// batch stops before anything is moved and the file waits for the next run (the catalogue
    /// never quarantines a good input for a fault of its surroundings).
    /// - Throws: ``EnvironmentFault`` for a result of another version.
    static func received(_ data: Data, executable: String) throws -> FileLoad {
        do {
            return try fromTransfer(data)
        } catch let error as TransferError {
            if case .version = error.code {
                throw EnvironmentFault(folder: executable, action: "read a worker's result", cause: error.description,
                                       consequence: "the batch was stopped before anything was moved; run it again once rbm is installed")
            }
            return .refused(category: "reader-crash", reason: "the worker's result could not be read: \(error)")
        } catch {
            return .refused(category: "reader-crash", reason: "the worker's result could not be read: \(error)")
        }
    }
}
