/// The two years of a plan period's budget, e.g. 2022-2023: the one representation of a biennium
/// (settings, finding periods, header years and ids all use it).
public struct Biennium: Hashable, Sendable, Codable, CustomStringConvertible {
    public let first: Int
    public let second: Int

    public init(_ first: Int, _ second: Int) {
        self.first = first
        self.second = second
    }

    /// `2022-2023`; nil for anything else (two years, the second after the first).
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), b > a else { return nil }
        self.init(a, b)
    }

    /// Both years, first first.
    public var years: [Int] { [first, second] }

    public func contains(_ year: Int) -> Bool { year == first || year == second }

    /// `2022-2023`, as ids, periods and messages write it.
    public var description: String { "\(first)-\(second)" }

    // Encoded as its two years, the form the pipeline settings have always had.
    public init(from decoder: any Decoder) throws {
        let years = try [Int](from: decoder)
        guard years.count == 2 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a biennium is two years"))
        }
        self.init(years[0], years[1])
    }

    public func encode(to encoder: any Encoder) throws { try years.encode(to: encoder) }
}
