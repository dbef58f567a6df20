import Foundation
import Results

extension DiscrepancyHTML {
    /// What the page reports beside the findings: the run's facts and the model's figures the
    /// charts draw. Every field is a value of the run's inputs (no clock), so the same inputs give
    /// the same page, byte for byte.
    public struct Context: Sendable {
        /// The run's facts as the manifest records them.
        public var run: RunFacts?
        /// Each bureau's regular-budget total per year on both sides (FIN-004's comparison).
        public var bureauTotals: [BureauTotal]
        /// The results framework's KPIs (their status is drawn from them and the KPI findings).
        public var kpis: [KPI]
        /// The risk register (its heat map: likelihood × impact).
        public var risks: [Risk]
        /// The tolerances the rules ran with: rule descriptions and the heat map's bands quote them.
        public var tolerances: Tolerances
        /// Goal → objective → output with both plans' money, KPIs, risks and findings.
        public var chain: ResultsChain?
        /// One line per scope a rule could not check (`Summary.notChecked`): listed under "Not
        /// checked"; nothing when coverage is complete.
        public var notChecked: [String] = []
        /// What changed since the previous run (nil without a run history).
        public var changes: Changes?
        /// Every expected submission and what arrived for it.
        public var expected: [ExpectedSubmission] = []
        /// The page's language: its labels, messages, rule titles and number forms.
        public var language: Language

        public init(run: RunFacts? = nil, bureauTotals: [BureauTotal] = [], kpis: [KPI] = [], risks: [Risk] = [],
                    tolerances: Tolerances = Tolerances(), chain: ResultsChain? = nil, language: Language = .en) {
            self.chain = chain
            self.language = language
            self.run = run
            self.bureauTotals = bureauTotals
            self.kpis = kpis
            self.risks = risks
            self.tolerances = tolerances
        }
    }

    /// The facts of one run a reader of the page needs to trust it: which rbm, which pipeline, and
    /// which inputs (with what became of each and their SHA-256).
    public struct RunFacts: Sendable {
        public var rbmVersion: String
        /// The pipeline file's name (`itu-2022-2023.yaml`).
        public var pipeline: String
        /// The newest modification time among the inputs read: the date the page states, so that
        /// the same inputs give the same page.
        public var newestInput: Date?
        public var inputs: [Input]

        public init(rbmVersion: String, pipeline: String, newestInput: Date?, inputs: [Input]) {
            self.rbmVersion = rbmVersion
            self.pipeline = pipeline
            self.newestInput = newestInput
            self.inputs = inputs
        }
    }

    /// One input of the run, as the manifest lists it.
    public struct Input: Sendable {
        public var file: String
        /// `FP`, `OP`, `RF`, `RR`, when the file was recognised.
        public var kind: String?
        public var bureau: String?
        /// `archived`, `current`, `superseded`, `quarantined`, `current-unreadable`.
        public var fate: Fate
        public var reason: String?
        /// Hex SHA-256 of the bytes read; empty for a file not opened.
        public var sha256: String
        public var size: Int
        /// True when the run was told to move nothing (`--keep-inputs`) and the fate is what it
        /// decided but did not carry out: the file is still in the inbox.
        public var keptInInbox: Bool

        public init(file: String, kind: String? = nil, bureau: String? = nil, fate: Fate, reason: String? = nil, sha256: String, size: Int,
                    keptInInbox: Bool = false) {
            self.keptInInbox = keptInInbox
            self.file = file
            self.kind = kind
            self.bureau = bureau
            self.fate = fate
            self.reason = reason
            self.sha256 = sha256
            self.size = size
        }
    }
}
