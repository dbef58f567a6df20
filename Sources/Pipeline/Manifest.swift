import Foundation
import Results

/// `manifest.json`: what a run took in, what became of each file, and what it found.
///
/// Written after the outputs and before any input is moved: it is the run's commit point.
public struct Manifest: Codable, Sendable {
    public struct InputFile: Codable, Sendable {
        public var file: String
        public var sha256: String
        public var size: Int
        public var kind: WorkbookKind?
        public var bureau: Bureau?
        public var fate: Fate
        /// Why it was quarantined or superseded, or where the current workbook was accepted.
        public var reason: String?
        public var sheets: [SheetAccount]
        /// `true` when a `--keep-inputs` run left the file where it was: its `fate` says what the run
        /// decided (accepted, refused, superseded), but nothing was moved to `archive/` or
        /// `quarantine/` and no workbook was made current. Absent when the file was filed away as
        /// its fate says (and for a `current` workbook, which stays in `archive/` anyway).
        public var keptInInbox: Bool?
        /// For a file whose worker crashed or was stopped: the side file beside it in `quarantine/`
        /// holding the worker's standard error (`<file>.stderr.txt`).
        public var stderr: String?

        public init(file: String, sha256: String, size: Int, kind: WorkbookKind? = nil, bureau: Bureau? = nil, fate: Fate,
                    reason: String? = nil, sheets: [SheetAccount] = [], keptInInbox: Bool? = nil, stderr: String? = nil) {
            self.file = file
            self.sha256 = sha256
            self.size = size
            self.kind = kind
            self.bureau = bureau
            self.fate = fate
            self.reason = reason
            self.sheets = sheets
            self.keptInInbox = keptInInbox
            self.stderr = stderr
        }
    }

    public var rbmVersion: String
    public var pipeline: String
    public var pipelineSHA256: String
    /// Every tolerance the rules ran with, by its pipeline-file name (`amount.abs`), defaults
    /// included, as exact decimal text.
    public var tolerances: [String: String]
    /// The rule choices the run made (`costRecoveryOverrun`).
    public var rules: [String: String]
    public var startedAt: String
    /// The run's batch id (`2026-12-05T173000Z-ab12`): its inputs were claimed into
    /// `processing/<batch>/` and are filed into `archive/<batch>/` and `quarantine/<batch>/`
    /// (absent for a `--keep-inputs` run and in manifests of older versions).
    public var batch: String? = nil
    public var inputs: [InputFile]
    /// Files still being written when the run looked (size or time moving, or empty), or open in an
    /// editor (its lock file beside it): left in the
    /// inbox for the next run.
    public var leftInInbox: [String]
    public var findings: [String: [String: Int]]
    public var findingsBySeverity: [String: Int]
    public var rootCauses: Int
    /// What each rule evaluated and could not (absent from manifests written before rbm reported it).
    public var coverage: [String: RuleCoverage]?
    public var notes: [String]
    /// Seconds per stage.
    public var stages: [String: Double]
    public var outputs: [String]
    /// Outputs that could not be rendered, with the error (absent when every output was written).
    /// The others were written and published; the previous copy of a failed one was removed so the
    /// output folder never mixes two runs.
    public var failedOutputs: [String: String]?
    /// What changed since the previous committed run of the pipeline (absent for a `--keep-inputs`
    /// run on a folder without history): docs/history.md.
    public var changes: Changes? = nil
    /// The previous run's findings that this run no longer has, with why.
    public var resolved: [ResolvedFinding]? = nil
    /// Every expected submission against what arrived (`Completeness.swift`).
    public var completeness: [Submission]? = nil

    public struct Changes: Codable, Sendable {
        /// The run compared with (its id in `history.sqlite`), absent for the first run.
        public var previousRun: Int64?
        public var previousRunStartedAt: String?
        public var new: Int
        public var persisting: Int
        public var regressed: Int
        public var resolved: Int
        public var acknowledged: Int
    }

    public struct ResolvedFinding: Codable, Sendable {
        public var id: String
        public var severity: String
        /// Its delta in the previous run.
        public var delta: String
        /// `input-changed: …`, `superseded: …` or `rule-no-longer-fires`.
        public var why: String
    }
}
