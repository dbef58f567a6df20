import Foundation
import Normalise
import Results
import Yams

/// A value of the wrong kind in a pipeline file, said in plain words at its line: what the key
/// expects, with an example of it (`expected a list, e.g. [Output no., Code]`, `expected a number`,
/// `expected a mapping of field: [headers]`) and what was found, never the decoder's words
/// (`typeMismatch`, `codingPath`, `Swift.Array<…>`, `Node.Sequence`).
extension PipelineError {
    init(decoding error: DecodingError, node: Node, file: String) {
        let path: [CodingKey]
        let text: String
        switch error {
        case .keyNotFound(let key, let c):
            path = c.codingPath
            text = "the required key '\(key.stringValue)' is missing"
        case .typeMismatch(let expected, let c):
            path = c.codingPath
            let found = PipelineSchema.node(at: path, in: node)
            text = "expected \(Self.expectation(expected, at: path)); found \(Self.describe(found))"
        case .valueNotFound(let expected, let c):
            path = c.codingPath
            let found = PipelineSchema.node(at: path, in: node)
            text = "expected \(Self.expectation(expected, at: path)); found \(Self.describe(found))"
        case .dataCorrupted(let c):
            path = c.codingPath
            text = Self.invalidValue(c.debugDescription, at: path)
        @unknown default:
            path = []
            text = "\(error)"
        }
        let mark = PipelineSchema.node(at: path, in: node)?.mark
        let at = Self.pathText(path)
        self.init(file: file, line: mark?.line, column: mark?.column, (at.isEmpty ? "" : "\(at): ") + text)
    }

    /// `sources[2].tables[0].fields.fte`, as `rbm validate` names keys elsewhere.
    static func pathText(_ path: [CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    /// What a key expects, in plain words with an example for the keys people get wrong.
    static func expectation(_ type: Any.Type, at path: [CodingKey]) -> String {
        let names = path.filter { $0.intValue == nil }.map(\.stringValue)
        let last = names.last ?? ""
        let parent = names.dropLast().last ?? ""
        if type == Node.Sequence.self || "\(type)".hasPrefix("Array<") {
            let example: String = switch last {
            case "bureaus": "[BR, TSB, BDT, GS]"
            case "files": "[\"OP_*.xlsx\", \"*Operational Plan*.xlsx\"]"
            case "titles": "[Operational plan, Plan opérationnel]"
            case "extrabudgetaryNotes": "[trust fund, voluntary contribution]"
            case "sources": "one `- name: …` block per kind of workbook"
            case "tables": "- {sheet: Plan, table: allocations}"
            default: parent == "fields" ? "[Output no., Code]" : names.first == "aliases" ? String(aliasExample(parent).drop { $0 != "[" }) : "[first, second]"
            }
            return "a list, e.g. \(example)"
        }
        if type == Node.Mapping.self || "\(type)".hasPrefix("Dictionary<") {
            if last == "fields" { return "a mapping of field: [headers], e.g. fte: [ETP prévus]" }
            if parent == "aliases" { return "a mapping of value: [words], e.g. \(aliasExample(last))" }
            if last == "tolerances" { return "a mapping of tolerance: number, e.g. amount.abs: 1000" }
            return "a mapping of key: value lines (indented under it, or {key: value} on one line)"
        }
        if type == Node.Scalar.self || type == String.self { return "a single value (a word, a text or a number), not a list or a mapping" }
        if type == Int.self { return "a whole number, e.g. 5" }
        if type == Exact.self || type == Double.self || type == Float.self {
            return "a number, e.g. 0.005 or 1000 (no unit, no thousands separator)"
        }
        if type == Bool.self { return "true or false" }
        return "a value of another kind"
    }

    /// A line of an `aliases:` table: a canonical value and words that mean it.
    static func aliasExample(_ table: String) -> String {
        switch table {
        case "bureau": "GS: [SG, Secrétariat général]"
        case "funding": "XB-TF: [Fonds fiduciaire]"
        case "costCategory": "NONSTAFF.TRV: [Missions]"
        case "kpiUnit": "percent: [pourcentage]"
        case "kpiDirection": "up: [hausse]"
        case "riskCategory": "financial: [Financier]"
        default: "HIGH: [Urgent, Très haute]"
        }
    }

    /// The value the file holds where a key expected something else.
    static func describe(_ node: Node?) -> String {
        switch node {
        case .scalar(let scalar)?: scalar.string.isEmpty ? "nothing (the value is empty)" : "'\(scalar.string)'"
        case .sequence?: "a list"
        case .mapping?: "a mapping"
        case nil: "nothing"
        }
    }

    /// A value that is not one of its key's values (`Cannot initialize Bureau from invalid String
    /// value XX` in Swift's words) names the valid ones; a rule's own message is kept.
    static func invalidValue(_ description: String, at path: [CodingKey]) -> String {
        guard description.hasPrefix("Cannot initialize"), let range = description.range(of: " value ") else { return description }
        let value = String(description[range.upperBound...])
        let valid: [String] = switch path.last(where: { $0.intValue == nil })?.stringValue ?? "" {
        case "bureaus", "fixed": Bureau.allCases.map(\.rawValue)
        case "kind": WorkbookKind.allCases.map(\.rawValue)
        case "unit": ["CHF", "kCHF", "MCHF"]
        case "costRecoveryOverrun": Severity.allCases.map(\.rawValue)
        case "table": TableKind.allCases.map(\.rawValue)
        default: []
        }
        return "'\(value)' is not a valid value" + (valid.isEmpty ? "" : "; valid: " + valid.joined(separator: ", "))
    }
}
