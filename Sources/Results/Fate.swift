/// What became of an input in a run: the `fate` of each entry of `manifest.json` (docs/manifest.md).
public enum Fate: String, Codable, Sendable, CaseIterable {
    /// Accepted: read, reconciled, then moved to `archive/` and recorded as its kind and bureau's
    /// current workbook.
    case archived
    /// Refused: moved to `quarantine/` with `<file>.reason.txt` (the manifest's `reason` says why);
    /// never reconciled, never current.
    case quarantined
    /// Read but replaced by a later version of the same kind and bureau (in this batch, or the
    /// current one from an earlier run when this one arrived late and older); moved to `archive/`,
    /// not reconciled.
    case superseded
    /// Not a new arrival: the workbook accepted in an earlier run for a kind and bureau that sent
    /// nothing new, read again from `archive/` and reconciled; it stays where it is.
    case current
    /// As `current`, but it can no longer be read (its kind and bureau count as missing).
    case currentUnreadable = "current-unreadable"

    /// Whether the run moves the file out of the inbox after the manifest is written.
    public var isFiledAway: Bool { self == .archived || self == .superseded || self == .quarantined }
    /// Whether the file's kind and bureau count as not received (SUB-001 names it).
    public var isMissed: Bool { self == .quarantined || self == .currentUnreadable }
    /// Whether its workbook was reconciled in the run (a new arrival or a current one).
    public var isReconciled: Bool { self == .archived || self == .current }
}
