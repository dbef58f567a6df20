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
    /// The outcome in a worker's result; a result that does not decode (another version of rbm
    /// wrote it, or it is damaged) refuses the file with the cause rather than guessing.
    static func received(_ data: Data) -> FileLoad {
        do {
            return try fromTransfer(data)
        } catch {
            return .refused(category: "reader-crash", reason: "the worker's result could not be read: \(error)")
        }
    }
}
