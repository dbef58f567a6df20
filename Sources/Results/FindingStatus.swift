/// Where a finding stands against the previous committed run of the same pipeline (the run
/// history, docs/history.md).
///
/// A finding that an acknowledgement in force covers is `acknowledged` whatever its history; it
/// does not set the exit code. Resolved findings are not in a run's log (they are in the manifest's
/// `resolved` and in `rbm diff`), so there is no `resolved` status on a finding.
public enum FindingStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Not in the previous run, nor in any earlier one (or there is no previous run).
    case new
    /// In the previous run too.
    case persisting
    /// Not in the previous run but in an earlier one: resolved once, back now.
    case regressed
    /// Covered by an acknowledgement in force (`<pipeline>.acks.yaml`).
    case acknowledged
}
