/// Caps applied while reading an untrusted archive (`reliability.md` 3.3).
///
/// Nothing is ever allocated from a size the archive declares; these caps count bytes actually
/// inflated.
public struct ZipLimits: Sendable, Equatable {
    /// Largest archive file accepted, in bytes.
    public var maxArchiveBytes: UInt64 = 256 << 20
    /// Most entries accepted.
    public var maxEntries: Int = 10_000
    /// Largest inflated size of one entry (worksheets may be large).
    public var maxEntryBytes: UInt64 = 2 << 30
    /// Largest inflated size of all entries read from one archive.
    public var maxTotalBytes: UInt64 = 4 << 30
    /// Largest inflated ÷ compressed ratio once past `ratioGraceBytes` (POI uses 100:1; a real
    /// 57 MB worksheet of repeated text runs at 121:1, repetitive-XML bombs at 345:1 and more).
    public var maxCompressionRatio: UInt64 = 250
    /// Bytes an entry may inflate before the ratio applies.
    public var ratioGraceBytes: UInt64 = 1 << 20

    public init() {}
}
