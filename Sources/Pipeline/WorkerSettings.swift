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
    var dashMeans: AmountGrammar.DashMeaning
    var codeLabels: [String]
    var compactCodes: CodeGrammar.CompactCodes
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
        dashMeans = settings.dashMeans
        codeLabels = settings.codes.labels
        compactCodes = settings.codes.options.compactCodes
        bureaus = settings.bureaus
        funding = settings.funding
        costCategories = settings.costCategories
        priorities = settings.priorities
        kpiUnits = settings.kpiUnits
        kpiDirections = settings.kpiDirections
        riskCategories = settings.riskCategories
    }

    /// The loader these settings describe.
    func loader() -> WorkbookLoader {
        let settings = NormaliseSettings(
            biennium: biennium, defaultUnit: defaultUnit, dashMeans: dashMeans,
            codes: CodeGrammar(labels: codeLabels, options: .init(compactCodes: compactCodes)), bureaus: bureaus, funding: funding,
            costCategories: costCategories, priorities: priorities, kpiUnits: kpiUnits, kpiDirections: kpiDirections,
            riskCategories: riskCategories)
        return WorkbookLoader(sources: sources, settings: settings)
    }

    /// Writes the settings to `url` (the run's scratch folder).
    func write(to url: URL) throws {
        try Scratch.write(TransferEncoder().encode(self), to: url)
    }

    /// The loader of the settings the run wrote to `path`, read on a thread of its own from now
    /// (a worker reads them beside its warm-up); nil when they cannot be read (the worker then
    /// parses the pipeline file).
    static func loading(at path: String) -> Background<WorkbookLoader?> {
        Background { (try? read(path: path))?.loader() }
    }

    /// The settings the run wrote to `path`.
    static func read(path: String) throws -> WorkerSettings {
        try TransferDecoder().decode(WorkerSettings.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
