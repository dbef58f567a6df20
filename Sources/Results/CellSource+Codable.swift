import Foundation

/// A cell's source in a worker's result (issue 11). Every cell of a partial model names the one
/// file the worker read, so the file name and three keyed containers per cell made the result 20
/// to 60 times the workbook's size and its JSON a quarter of a run's CPU. With
/// ``compactFile`` set to that file's name in the encoder's and the decoder's `userInfo`, a cell
/// of that file is the string `"row column sheet"`; any other cell, and every cell without the
/// key, keeps the keyed form `{"file", "sheet", "position"}`.
extension CellSource {
    /// `userInfo` key: the name of the file whose cells are written in the compact form.
    public static let compactFile = CodingUserInfoKey(rawValue: "rbm.compactCellFile")!

    enum CodingKeys: String, CodingKey { case file, sheet, position }

    public init(from decoder: Decoder) throws {
        if let file = decoder.userInfo[Self.compactFile] as? String,
           let text = try? decoder.singleValueContainer().decode(String.self) {
            let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let row = Int(parts[0]), let column = Int(parts[1]) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a compact cell: \(text)"))
            }
            self.init(file: file, sheet: String(parts[2]), position: CellPosition(row: row, column: column))
            return
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try keyed.decode(String.self, forKey: .file), sheet: try keyed.decode(String.self, forKey: .sheet),
                  position: try keyed.decode(CellPosition.self, forKey: .position))
    }

    public func encode(to encoder: Encoder) throws {
        if let compact = encoder.userInfo[Self.compactFile] as? String, compact == file {
            var single = encoder.singleValueContainer()
            try single.encode("\(position.row) \(position.column) \(sheet)")
            return
        }
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(file, forKey: .file)
        try keyed.encode(sheet, forKey: .sheet)
        try keyed.encode(position, forKey: .position)
    }
}
