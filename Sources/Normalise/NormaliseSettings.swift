import Foundation
import Results

/// Everything the normaliser needs besides the workbooks: alias tables and defaults, from the
/// pipeline file.
public struct NormaliseSettings: Sendable {
    public var biennium: Biennium
    public var defaultUnit: MoneyUnit
    public var dashMeans: AmountGrammar.DashMeaning
    public var codes: CodeGrammar
    public var bureaus: AliasTable
    public var funding: AliasTable
    public var costCategories: AliasTable
    public var priorities: AliasTable
    public var kpiUnits: AliasTable
    public var kpiDirections: AliasTable
    public var riskCategories: AliasTable

    public init(biennium: Biennium, defaultUnit: MoneyUnit = .chf, dashMeans: AmountGrammar.DashMeaning = .zero,
                codes: CodeGrammar = CodeGrammar(), bureaus: AliasTable, funding: AliasTable, costCategories: AliasTable,
                priorities: AliasTable, kpiUnits: AliasTable, kpiDirections: AliasTable, riskCategories: AliasTable) {
        self.biennium = biennium
        self.defaultUnit = defaultUnit
        self.dashMeans = dashMeans
        self.codes = codes
        self.bureaus = bureaus
        self.funding = funding
        self.costCategories = costCategories
        self.priorities = priorities
        self.kpiUnits = kpiUnits
        self.kpiDirections = kpiDirections
        self.riskCategories = riskCategories
    }

    public var years: [Int] { biennium.years }
}

