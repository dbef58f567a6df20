/// Which submission a finding's key names: `RF`, `FP`, `RR` or `OP-<bureau>` (the `<source>` part
/// of ids in the discrepancy log), or the financial plan's sector summary (`FP-SUMMARY`).
public struct SourceTag: Hashable, Sendable, Codable, CustomStringConvertible {
    public var kind: WorkbookKind
    public var bureau: Bureau?
    /// The financial plan's per-bureau summary table rather than its lines.
    public var isSummary: Bool

    public init(_ kind: WorkbookKind, bureau: Bureau? = nil, isSummary: Bool = false) {
        self.kind = kind
        self.bureau = bureau
        self.isSummary = isSummary
    }

    public static func operationalPlan(_ bureau: Bureau?) -> SourceTag { SourceTag(.operationalPlan, bureau: bureau) }

    public var description: String {
        if isSummary { return kind.rawValue + "-SUMMARY" }
        if kind == .operationalPlan { return "OP-\(bureau?.rawValue ?? "?")" }
        return kind.rawValue
    }
}
