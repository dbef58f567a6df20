import Results

/// One expected submission (a kind, and for operational plans a bureau) and what the drop folder
/// holds for it: the completeness matrix, shown by the page and the workbook.
public struct ExpectedSubmission: Sendable {
    public var slot: String
    public var state: SubmissionState
    public var file: String?
    public var since: String?
    public var late: Bool
    public var notes: [String]

    public init(slot: String, state: SubmissionState, file: String?, since: String?, late: Bool, notes: [String]) {
        self.slot = slot
        self.state = state
        self.file = file
        self.since = since
        self.late = late
        self.notes = notes
    }
}
