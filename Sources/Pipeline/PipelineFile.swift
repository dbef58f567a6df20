import Foundation
import Normalise
import Reports
import Reconcile
import Results
import Yams

/// A pipeline file (`pipelines/*.yaml`): plan, inbox, outputs, aliases, tolerances and sources.
///
/// Decoded strictly: an unknown key or a wrong type is an error naming the file, line and column.
public struct PipelineFile: Sendable, Decodable {
    public struct Plan: Sendable, Decodable {
        public var id: String
        public var predecessor: String
        public var goals: Int
        public var biennium: String
        public var bureaus: [Bureau]?
        public var envelope: Exact?
        /// `YYYY-MM-DD`: a workbook received in a run that starts after this day is `late` in the
        /// manifest's completeness matrix.
        public var deadline: String?
    }

    public struct Defaults: Sendable, Decodable {
        public var unit: MoneyUnit?
        public var dashMeans: String?
        public var compactCodes: String?
    }

    /// Value aliases; each table adds words to rbm's shipped defaults (`Defaults/defaults.yaml`).
    public struct Aliases: Sendable, Decodable {
        public var bureau: AliasTable?
        public var funding: AliasTable?
        public var costCategory: AliasTable?
        public var priority: AliasTable?
        public var kpiUnit: AliasTable?
        public var kpiDirection: AliasTable?
        public var riskCategory: AliasTable?
        public var extrabudgetaryNotes: [String]?

        public init(bureau: AliasTable? = nil, funding: AliasTable? = nil, costCategory: AliasTable? = nil, priority: AliasTable? = nil,
                    kpiUnit: AliasTable? = nil, kpiDirection: AliasTable? = nil, riskCategory: AliasTable? = nil, extrabudgetaryNotes: [String]? = nil) {
            self.bureau = bureau
            self.funding = funding
            self.costCategory = costCategory
            self.priority = priority
            self.kpiUnit = kpiUnit
            self.kpiDirection = kpiDirection
            self.riskCategory = riskCategory
            self.extrabudgetaryNotes = extrabudgetaryNotes
        }

        /// The value-alias tables by their pipeline-file name, in the README's order.
        public static var tables: [(name: String, key: KeyPath<Aliases, AliasTable?>)] { [
            ("bureau", \.bureau), ("funding", \.funding), ("costCategory", \.costCategory), ("priority", \.priority),
            ("kpiUnit", \.kpiUnit), ("kpiDirection", \.kpiDirection), ("riskCategory", \.riskCategory),
        ] }

        /// `self` over `defaults`: words are added, never removed.
        func merged(over defaults: Aliases) -> Aliases {
            func merge(_ a: AliasTable?, _ d: AliasTable?) -> AliasTable? {
                guard let a else { return d }
                return d.map { $0.merging(a) } ?? a
            }
            return Aliases(bureau: merge(bureau, defaults.bureau), funding: merge(funding, defaults.funding),
                           costCategory: merge(costCategory, defaults.costCategory), priority: merge(priority, defaults.priority),
                           kpiUnit: merge(kpiUnit, defaults.kpiUnit), kpiDirection: merge(kpiDirection, defaults.kpiDirection),
                           riskCategory: merge(riskCategory, defaults.riskCategory),
                           extrabudgetaryNotes: extrabudgetaryNotes ?? defaults.extrabudgetaryNotes)
        }
    }

    /// Document properties of the consolidated workbook (defaults: the pipeline's name as title).
    public struct Document: Sendable, Decodable {
        public var title: String?
        public var subject: String?
        public var creator: String?
        public var company: String?
    }

    public var name: String
    /// The reports' language code (`en`, `fr`, `es`); checked by `validate`.
    public var language: String?
    public var document: Document?
    public var plan: Plan
    /// The inbox folder, relative to the pipeline file's folder's parent (the project root).
    public var inbox: String
    public var output: String
    public var defaults: Defaults?
    public var aliases: Aliases?
    public var tolerances: [String: Exact]?
    /// Choices about rules beyond their tolerances.
    public var rules: Rules?
    /// Whether to hand each reconciled workbook back marked (`feedback/*.xlsx`); on unless `false`.
    public var feedback: Bool?
    /// Whether to export the normalised model and the findings as CSV tables with a data package
    /// (`tables/*.csv`, `tables/datapackage.json`; docs/scale.md); off unless `true`.
    public var tables: Bool?
    public var sources: [SourceProfile]

    public struct Rules: Sendable, Decodable {
        /// The most a FIN-003 weighs when a cost-recovery output's plan exceeds the financial plan.
        public var costRecoveryOverrun: Severity?
    }

    /// Where the file was read from, for messages and relative paths.
    public var path = ""

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, language, document, plan, inbox, output, defaults, aliases, tolerances, rules, feedback, tables, sources
    }

    /// Reads and validates `path`.
    /// - Throws: ``PipelineError`` naming the file, line and column.
    public static func load(path: String) throws -> PipelineFile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(file: path, "cannot read the pipeline file")
        }
        return try load(yaml: text, path: path)
    }

    /// Parses and validates the text of a pipeline file read from `path` (the fuzz target's entry).
    /// - Throws: ``PipelineError`` naming the file, line and column.
    package static func load(yaml text: String, path: String) throws -> PipelineFile {
        if let refusal = YAMLNesting.refusal(text) { throw PipelineError(file: path, line: refusal.line, column: refusal.column, refusal.message) }
        let node: Node
        do {
            // Composed once, as `YAMLDecoder` would parse it (merge keys resolved, every other
            // plain scalar left a string), and decoded from the node (`YAMLNodeDecoding`): the
            // checks read each scalar's text and style, never its tag, and Yams' default resolver
            // matched every scalar against its regular expressions (issue 11).
            guard let n = try YAMLNodeDecoding.compose(text) else { throw PipelineError(file: path, "the pipeline file is empty") }
            node = n
        } catch let error as YamlError {
            throw PipelineSyntaxError.error(error, text: text, file: path)
        }
        if let scalar = YAMLSexagesimal.firstOverflowing(in: node) {
            throw PipelineError(file: path, line: scalar.mark.map { $0.line }, column: scalar.mark.map { $0.column },
                                "'\(scalar.string.prefix(80))' reads as a YAML base-60 number (each ':' a place of 60) too large for any "
                                + "setting (the YAML library would stop on it): write a number without ':', or put a text in quotes")
        }
        try PipelineSchema.check(node, file: path)
        do {
            var file = try YAMLNodeDecoding.decode(PipelineFile.self, from: node)
            file.path = path
            let defaults = try ShippedDefaults.load()
            do {
                // Checked before the shipped words are merged in: the file's own keys only.
                try file.checkAliasKeys(against: defaults.aliases)
                try file.applyDefaults(defaults)
                try file.validate()
            } catch var error as PipelineError {
                // Point at the key the problem is about.
                if let key = error.key, let mark = PipelineSchema.node(at: key, in: node)?.mark {
                    error.line = mark.line
                    error.column = mark.column
                }
                throw error
            }
            return file
        } catch let error as DecodingError {
            throw PipelineError(decoding: error, node: node, file: path)
        }
    }

    /// Each key of an `aliases:` block must be one of its table's canonical values (the shipped
    /// ones, spelt exactly: `HIGH`, not `high`): a key that is not one would add a value no rule
    /// knows, and silently blank every priority (or funding, bureau…) it was meant to name.
    /// - Throws: ``PipelineError`` at the key, listing the valid values.
    func checkAliasKeys(against shipped: Aliases) throws {
        guard let aliases else { return }
        for table in Aliases.tables {
            guard let own = aliases[keyPath: table.key], let valid = shipped[keyPath: table.key] else { continue }
            let canonical = valid.entries.keys.sorted()
            for key in own.entries.keys.sorted() where valid.entries[key] == nil {
                let match = canonical.first { $0.lowercased() == key.lowercased() } ?? PipelineSchema.closest(key, in: canonical)
                let hint = match.map { " (did you mean '\($0)'?)" } ?? ""
                throw PipelineError(file: path, key: ["aliases", PipelineKey(stringValue: table.name), PipelineKey(stringValue: key)],
                                    "'\(key)' is not a \(table.name) value\(hint): the keys of aliases.\(table.name) are canonical values, "
                                    + "spelt exactly; valid: \(canonical.joined(separator: ", ")). The words after the colon may be anything")
            }
        }
    }

    /// Adds the shipped value and header aliases under the file's own.
    mutating func applyDefaults(_ defaults: ShippedDefaults) throws {
        aliases = (aliases ?? Aliases()).merged(over: defaults.aliases)
        for i in sources.indices {
            for j in sources[i].tables.indices {
                let kind = sources[i].tables[j].table
                let shipped = try defaults.fields(of: kind)
                let own = sources[i].tables[j].fields ?? [:]
                sources[i].tables[j].fields = shipped.merging(own) { $1 + $0 }
            }
        }
    }

    func validate() throws {
        if let language, Language(code: language) == nil {
            throw PipelineError(file: path, key: ["language"], Language.unknown(language))
        }
        guard biennium != nil else { throw PipelineError(file: path, key: ["plan", "biennium"], "plan.biennium must look like 2022-2023 (an even first year)") }
        guard plan.goals > 0 else { throw PipelineError(file: path, key: ["plan", "goals"], "plan.goals must be at least 1") }
        if let deadline = plan.deadline, deadline.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
            throw PipelineError(file: path, key: ["plan", "deadline"], "plan.deadline must be a date such as 2022-11-15 (YYYY-MM-DD)")
        }
        for (name, value) in tolerances ?? [:] {
            guard let key = Tolerances.key(named: name) else {
                let suggestion = PipelineSchema.closest(name, in: Tolerances.keys.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                throw PipelineError(file: path, key: ["tolerances", PipelineKey(stringValue: name)], "unknown tolerance '\(name)'\(suggestion)")
            }
            if let problem = key.problem(with: value) {
                throw PipelineError(file: path, key: ["tolerances", PipelineKey(stringValue: name)], problem)
            }
        }
        let t = reconcileSettings.tolerances
        if t.amountAbs > t.amountErrorAbs || t.amountRel > t.amountErrorRel {
            throw PipelineError(file: path, key: ["tolerances"], "the FIN-003 pass band (amount.abs, amount.rel) must lie inside the error band (amount.errorAbs, amount.errorRel)")
        }
        if t.bureauWarnRel > t.bureauErrorRel { throw PipelineError(file: path, key: ["tolerances"], "bureau.warnRel must not exceed bureau.errorRel") }
        if t.riskWarn > t.riskError { throw PipelineError(file: path, key: ["tolerances"], "risk.warn must not exceed risk.error") }
        if t.priorityError > t.priorityWarn { throw PipelineError(file: path, key: ["tolerances"], "priority.error must not exceed priority.warn") }
        guard !sources.isEmpty else { throw PipelineError(file: path, "no sources: nothing would be read") }
        for (index, source) in sources.enumerated() {
            let name = "source '\(source.name)'"
            guard !source.files.isEmpty else { throw PipelineError(file: path, key: ["sources", PipelineKey(intValue: index)], "\(name): files needs at least one pattern") }
            guard !source.tables.isEmpty else { throw PipelineError(file: path, key: ["sources", PipelineKey(intValue: index)], "\(name): tables needs at least one table") }
            if let pattern = source.bureau?.fileName {
                guard let regex = try? Regex(pattern) else { throw PipelineError(file: path, key: ["sources", PipelineKey(intValue: index), "bureau", "fileName"], "\(name): bureau.fileName is not a valid regular expression: \(pattern)") }
                _ = regex
                guard pattern.contains("(?<bureau>") else { throw PipelineError(file: path, key: ["sources", PipelineKey(intValue: index), "bureau", "fileName"], "\(name): bureau.fileName needs a group named 'bureau', as in (?<bureau>BR|TSB)") }
            }
            for table in source.tables {
                for field in table.table.required where table.table != .parameters && (table.fields?[field] ?? []).isEmpty {
                    throw PipelineError(file: path, key: ["sources", PipelineKey(intValue: index), "tables"], "\(name): table '\(table.table.rawValue)' lacks aliases for its required field '\(field.rawValue)'")
                }
            }
        }
    }

    /// The biennium's two years, when `plan.biennium` is valid.
    public var biennium: Biennium? {
        guard let biennium = Biennium(text: plan.biennium), biennium.second == biennium.first + 1, biennium.first % 2 == 0 else { return nil }
        return biennium
    }

    /// Settings for the normaliser.
    public var normaliseSettings: NormaliseSettings {
        let compact: CodeGrammar.CompactCodes = defaults?.compactCodes.flatMap(CodeGrammar.CompactCodes.init(rawValue:)) ?? .ambiguous
        return NormaliseSettings(
            biennium: biennium ?? Biennium(0, 0), defaultUnit: defaults?.unit ?? .chf,
            dashMeans: defaults?.dashMeans.flatMap(AmountGrammar.DashMeaning.init(rawValue:)) ?? .zero,
            codes: CodeGrammar(options: .init(compactCodes: compact)), bureaus: table(\.bureau), funding: table(\.funding),
            costCategories: table(\.costCategory), priorities: table(\.priority), kpiUnits: table(\.kpiUnit),
            kpiDirections: table(\.kpiDirection), riskCategories: table(\.riskCategory))
    }

    private func table(_ key: KeyPath<Aliases, AliasTable?>) -> AliasTable {
        aliases?[keyPath: key] ?? AliasTable([:])
    }

    /// The language of the reports (`language:`; English when absent).
    public var reportLanguage: Language { language.flatMap(Language.init(code:)) ?? .en }

    /// The consolidated workbook these settings describe.
    public var consolidatedWorkbook: ConsolidatedWorkbook {
        var workbook = ConsolidatedWorkbook(title: document?.title ?? name)
        workbook.tolerances = reconcileSettings.tolerances
        workbook.envelope = reconcileSettings.envelope
        if let subject = document?.subject { workbook.subject = subject }
        if let creator = document?.creator { workbook.creator = creator }
        if let company = document?.company { workbook.company = company }
        return workbook
    }

    /// The per-file loader these settings describe.
    public var workbookLoader: WorkbookLoader { WorkbookLoader(sources: sources, settings: normaliseSettings) }

    /// Settings for the rules.
    public var reconcileSettings: ReconcileSettings {
        var s = ReconcileSettings()
        s.planID = plan.id
        s.predecessorPlanID = plan.predecessor
        s.goalCount = plan.goals
        if let biennium { s.biennium = biennium }
        if let bureaus = plan.bureaus { s.bureaus = bureaus }
        s.envelope = plan.envelope
        if let notes = aliases?.extrabudgetaryNotes { s.extrabudgetaryNotes = notes }
        for (name, value) in tolerances ?? [:] {
            if let key = Tolerances.key(named: name) { s.tolerances[key] = value }
        }
        if let severity = rules?.costRecoveryOverrun { s.costRecoveryOverrun = severity }
        return s
    }
}

/// A pipeline file that cannot be used: `pipelines/x.yaml:12:5: error: …`.
public struct PipelineError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// The path of the key concerned (names and indexes), to find its line.
    var key: [PipelineKey]?

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(file: String, key: [PipelineKey], _ message: String) {
        self.init(file: file, message)
        self.key = key
    }

    public static func == (a: Self, b: Self) -> Bool {
        (a.file, a.line, a.column, a.message) == (b.file, b.line, b.column, b.message)
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s + ": error: " + message
    }
}

/// One step of a path into the pipeline file: a key or a list index.
struct PipelineKey: CodingKey, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
    init(stringLiteral value: String) { self.init(stringValue: value) }
    init(integerLiteral value: Int) { self.init(intValue: value) }
}
