/// What the drop folder holds for an expected submission (the completeness matrix).
public enum SubmissionState: String, Hashable, Sendable, Codable {
    /// Arrived in this run and reconciled.
    case received
    /// Accepted in an earlier run and reconciled again from `archive/`.
    case current
    /// Nothing accepted for it.
    case missing
}
