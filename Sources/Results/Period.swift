/// The time a finding is about: one year of the biennium, the biennium, or none (a code, a link).
public enum Period: Hashable, Sendable, Codable, CustomStringConvertible {
    case none
    case year(Int)
    case biennium(Biennium)

    /// The log's `period` column: `2022`, `2022-2023`, or empty.
    public var description: String {
        switch self {
        case .none: ""
        case .year(let year): String(year)
        case .biennium(let biennium): biennium.description
        }
    }

    public var year: Int? {
        if case .year(let year) = self { year } else { nil }
    }
}
