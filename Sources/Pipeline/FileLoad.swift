import Foundation
import Normalise
import Reports
import Results
import XLSXReader

/// The per-file unit of work: recognise, read and normalise one workbook. It either yields the
/// workbook's part of the model or refuses the file with a quarantine category and a reason.
///
/// Codable so that a worker process can hand it back to the supervisor (`reliability.md` 1.1).
public enum FileLoad: Codable, Sendable {
    case loaded(ResultsModel)
    case refused(category: String, reason: String)

    /// Runs in whichever process parses the untrusted bytes.
    ///
    /// The file is sniffed before its name is matched, and a file whose name matches no source is
    /// opened before its title rows are: an encrypted workbook, a legacy `.xls`, a truncated or
    /// hostile upload is refused with its own cause whatever it is called. `not-recognised` is
    /// left for a workbook that reads but that no source describes.
    public static func perform(path: String, loader: WorkbookLoader, pipelineName: String) -> FileLoad {
        let name = URL(fileURLWithPath: path).lastPathComponent
        do {
            try FileSniffer.check(path: path)
            guard let source = try loader.source(forFile: name) ?? loader.source(forTitleOf: path) else {
                return .refused(category: "not-recognised", reason: "neither the file name nor the title rows match a source of \(pipelineName)")
            }
            return .loaded(try loader.load(path: path, as: source))
        } catch let error as XLSXError {
            return .refused(category: error.code.rawValue, reason: error.description)
        } catch let error as OtherPeriod {
            return .refused(category: "wrong-period", reason: error.description)
        } catch let error as NoTable {
            return .refused(category: "invalid-content", reason: error.reason(rendering: \.english))
        } catch {
            return .refused(category: "invalid-content", reason: "\(name): error: \(error)")
        }
    }
}
