extension Finding {
    /// A finding's stable id, `<rule>/<key>`: the rule and the typed parts of its natural key (an
    /// output and a year, a bureau, a submission…), and an occurrence number when the same key
    /// repeats in one run (`#2`). Rules compare ids and their parts, never their text.
    public struct ID: Hashable, Sendable, Codable, CustomStringConvertible {
        /// One part of a natural key.
        public enum Part: Hashable, Sendable, Codable, CustomStringConvertible {
            case output(OutputCode)
            case year(Int)
            case biennium(Biennium)
            case bureau(Bureau)
            case kind(WorkbookKind)
            case source(SourceTag)
            /// A name from a workbook (a sheet, a KPI or risk id, a cell reference, a header).
            case text(String)

            public var description: String {
                switch self {
                case .output(let code): code.text
                case .year(let year): String(year)
                case .biennium(let biennium): biennium.description
                case .bureau(let bureau): bureau.rawValue
                case .kind(let kind): kind.rawValue
                case .source(let tag): tag.description
                case .text(let text): text
                }
            }
        }

        public let rule: RuleID
        public let parts: [Part]
        /// 1 for the first finding with this key in a run, 2 for the next (`#2`), ….
        public var occurrence: Int

        public init(_ rule: RuleID, _ parts: [Part], occurrence: Int = 1) {
            self.rule = rule
            self.parts = parts
            self.occurrence = occurrence
        }

        public init(_ rule: RuleID, _ parts: Part...) { self.init(rule, parts) }

        /// The natural key: the id without its rule prefix (`T.4-1/2023`, `TSB/2023#2`).
        public var key: String {
            // Appended in place (issue 11: the parts' texts in an array joined cost about 1,900
            // instructions, and the logs, the history and the outputs' look-ups ask for it about
            // 27,000 times at 58 times the demo).
            var text = ""
            appendKey(to: &text)
            return text
        }

        /// `FIN-003/T.4-1/2023`.
        public var description: String {
            var text = rule.rawValue
            text.reserveCapacity(32)
            text += "/"
            appendKey(to: &text)
            return text
        }

        private func appendKey(to text: inout String) {
            for (index, part) in parts.enumerated() {
                if index > 0 { text += "/" }
                text += part.description
            }
            if occurrence > 1 {
                text += "#"
                text += String(occurrence)
            }
        }

        /// The same key without its occurrence number.
        public var first: ID { ID(rule, parts) }
    }
}
