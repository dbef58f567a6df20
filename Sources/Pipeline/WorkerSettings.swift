import Foundation
import Normalise
import Results

/// What a pooled worker needs from the pipeline file, as the run parsed it (issue 11): the
/// sources and the normaliser's settings. The run writes them once to its scratch folder and
/// each worker reads them there, instead of parsing the pipeline file and the shipped defaults
/// (YAML) again at every start.
struct WorkerSettings: Codable, Equatable {
    var sources: [SourceProfile]
    var biennium: Biennium
    var defaultUnit: MoneyUnit
    var dashMeans: String
    var codeLabels: [String]
    var compactCodes: String
    var bureaus: AliasTable
    var funding: AliasTable
    var costCategories: AliasTable
    var priorities: AliasTable
    var kpiUnits: AliasTable
    var kpiDirections: AliasTable
    var riskCategories: AliasTable

    init(_ loader: WorkbookLoader) {
        let settings = loader.settings
        sources = loader.sources
        biennium = settings.biennium
        defaultUnit = settings.defaultUnit
        dashMeans = settings.dashMeans.rawValue
        codeLabels = settings.codes.labels
        compactCodes = settings.codes.options.compactCodes.rawValue
        bureaus = settings.bureaus
        funding = settings.funding
        costCategories = settings.costCategories
        priorities = settings.priorities
        kpiUnits = settings.kpiUnits
        kpiDirections = settings.kpiDirections
        riskCategories = settings.riskCategories
    }

    /// The loader these settings describe.
    /// - Throws: `DecodingError.dataCorrupted` for a setting this rbm does not know.
    func loader() throws -> WorkbookLoader {
        guard let dash = AmountGrammar.DashMeaning(rawValue: dashMeans), let compact = CodeGrammar.CompactCodes(rawValue: compactCodes) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "worker settings: \(dashMeans), \(compactCodes)"))
        }
        let settings = NormaliseSettings(
            biennium: biennium, defaultUnit: defaultUnit, dashMeans: dash,
            codes: CodeGrammar(labels: codeLabels, options: .init(compactCodes: compact)), bureaus: bureaus, funding: funding,
            costCategories: costCategories, priorities: priorities, kpiUnits: kpiUnits, kpiDirections: kpiDirections,
            riskCategories: riskCategories)
        return WorkbookLoader(sources: sources, settings: settings)
    }

    /// Writes the settings to `url` (the run's scratch folder).
    func write(to url: URL) throws {
        try TransferEncoder().encode(self).write(to: url, options: .atomic)
    }

    /// The settings the run wrote to `path`.
    static func read(path: String) throws -> WorkerSettings {
        try TransferDecoder().decode(WorkerSettings.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
