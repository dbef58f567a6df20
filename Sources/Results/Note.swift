/// Something a run tells its reader that is not a finding: how a column was read, what was passed
/// over, what no rule could compare. Notes go to `manifest.json`; they never change a finding.
///
/// A note is typed so that code and tests ask what it is about (`kind`) rather than how its line
/// begins; the manifest's line (`info: …`, `unit: …`, `not reconciled: …`) is rendered from it in
/// Pipeline, at the edge.
public struct Note: Hashable, Sendable, Codable {
    /// What the note is about; one case per situation that raises one.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The unit an amount column is read in and where it came from (header, title rows, pipeline).
        case amountUnit
        /// An amount no rule compared: its bureau sent no operational plan.
        case notReconciled
        /// A header ignored: it names several years, or a biennium other than the plan's.
        case ignoredColumn
        /// A header that matched no alias but resembles one of its table's fields (or a year column
        /// outside the biennium): the column was not read; the note names the field it probably is
        /// and the pipeline line that maps it.
        case unmappedColumn
        /// Fields some rule needs that no column of a loaded sheet provided: those rules cannot check it.
        case missingFields
        /// A code typed as a number (its text is the number's, which may have lost a digit).
        case codeTypedAsNumber
        /// A row of a table without amounts that could not be loaded (amount tables raise DAT-002).
        case rowNotLoaded
        /// A total row's cell that holds no number, so the total is not checked.
        case uncheckedTotal
        /// A KPI unit or risk category that no alias names, kept as typed.
        case unknownValue
        /// A percentage outside 0-100.
        case percentOutOfRange
        /// A workbook read as `.xlsx` although named otherwise (`.xls`, no extension).
        case fileExtension
        /// Excel table definitions that could not be read; headers were found by their words.
        case unreadableExcelTables
        /// Hidden worksheets passed over, or read because every worksheet is hidden.
        case hiddenSheet
        /// An envelope beyond any plausible budget, not used.
        case implausibleEnvelope
        /// A file renamed on arrival (its name was not UTF-8).
        case renamedFile
        /// Files with the same content under different names.
        case duplicateContent
        /// An arrival that is an earlier version of the workbook an earlier run made current: archived
        /// as superseded, the current one stays.
        case earlierVersion
        /// `archive/current.json` could not be read; the current workbooks were recovered.
        case currentSetRecovered
        /// An acknowledgement that no longer holds (expired, or the finding's delta past its cap):
        /// the finding is open again.
        case acknowledgementReopened
        /// An acknowledgement whose id no finding of the run has.
        case acknowledgementUnmatched
        /// `processing/`, `archive/` or `quarantine/` lies on another file system than the inbox:
        /// files are moved there by a durable copy, not by one atomic rename.
        case separateFileSystems
        /// An arrival while whose reading an earlier run stopped: read by itself this time, after
        /// the others (a file with two such stops is quarantined unread instead).
        case stoppedWhileReading
    }

    /// How much the note matters to a reader of the manifest.
    public enum Severity: String, Hashable, Sendable, Codable, CaseIterable {
        /// How something was read, what was passed over or not compared; worth knowing, in the manifest.
        case info
        /// The drop folder itself needs a person's eye (a recovered current set, a late older
        /// version): also written to standard error by `rbm run`.
        case warning
    }

    public var kind: Kind
    public var severity: Severity
    /// The file, sheet or cell the note is about (a folder, `inbox`, for notes about arrivals).
    public var source: SourceRef?
    /// The sentence after the location: `'Planned cost 2022' read in kCHF (from the header)`.
    public var text: String

    /// A note of `kind`; its severity is the kind's unless given.
    public init(_ kind: Kind, severity: Severity? = nil, source: SourceRef?, _ text: String) {
        self.kind = kind
        self.severity = severity ?? kind.severity
        self.source = source
        self.text = text
    }
}

extension Note.Kind {
    /// The severity a note of this kind has unless its producer says otherwise.
    public var severity: Note.Severity {
        switch self {
        case .earlierVersion, .currentSetRecovered, .unmappedColumn, .acknowledgementReopened, .separateFileSystems, .stoppedWhileReading: .warning
        default: .info
        }
    }
}
