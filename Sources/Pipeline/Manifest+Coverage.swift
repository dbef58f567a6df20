import Results

extension Manifest {
    /// One rule's entry in the `coverage` block: the scopes it evaluated, those it could not (with
    /// the reason and the findings that caused it), and those it checked only against a fallback.
    public struct RuleCoverage: Codable, Sendable, Equatable {
        public struct Gap: Codable, Sendable, Equatable {
            /// `TSB`, `RF`, `OP-TSB`, a KPI id, or `all`.
            public var scope: String
            public var reason: String
            /// Ids of the findings that caused it (`SUB-001/OP/BDT`, `DAT-003/RF/Outputs/code`).
            public var causedBy: [String]?
        }

        public var evaluated: [String]
        public var skipped: [Gap]?
        public var limited: [Gap]?

        init(_ coverage: Coverage) {
            func gaps(_ list: [Coverage.Gap]) -> [Gap]? {
                list.isEmpty ? nil : list.map { Gap(scope: $0.scope.description, reason: $0.reason.description,
                                                    causedBy: $0.causedBy.isEmpty ? nil : $0.causedBy.map(\.description)) }
            }
            evaluated = Coverage.Scope.sorted(coverage.evaluated).map(\.description)
            skipped = gaps(coverage.skipped)
            limited = gaps(coverage.limited)
        }
    }

    /// The `coverage` block: every catalogue entry by its id.
    static func coverageBlock(_ coverage: [Coverage]) -> [String: RuleCoverage] {
        Dictionary(uniqueKeysWithValues: coverage.map { ($0.rule.rawValue, RuleCoverage($0)) })
    }
}
