import Foundation
import Results

/// How a worker hands a file's outcome to the run: JSON, each cell of the file's own cells in
/// the compact form of ``CellSource`` (`"row column sheet"`, the file name given once by the
/// path both sides know), which makes the result several times smaller and quicker to write and
/// read than the keyed form (issue 11).
extension FileLoad {
    /// The outcome of loading `path`, as the worker writes it.
    func transferData(path: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.userInfo[CellSource.compactFile] = URL(fileURLWithPath: path).lastPathComponent
        return try encoder.encode(self)
    }

    /// The outcome a worker wrote for `path`.
    static func fromTransfer(_ data: Data, path: String) throws -> FileLoad {
        let decoder = JSONDecoder()
        decoder.userInfo[CellSource.compactFile] = URL(fileURLWithPath: path).lastPathComponent
        return try decoder.decode(FileLoad.self, from: data)
    }
}
