import Results

/// One loaded row, as the model entity it became.
enum Record {
    case allocation(Allocation)
    case budgetLine(BudgetLine)
    case summary(SectorSummary)
    case goal(Goal)
    case target(Target)
    case objective(Objective)
    case output(FrameworkOutput)
    case kpi(KPI)
    case crosswalk(CrosswalkEntry)
    case risk(Risk)

    /// The DAT-001 key within one workbook, and the cell that carries it; nil when the table has none.
    var duplicateKey: (key: String, cell: CellSource, bureau: Bureau?, output: OutputCode?)? {
        switch self {
        case .allocation(let a):
            // An operational-plan row carries every cost category of the output in its columns.
            return ("\(a.output.text)/\(a.funding.code)", a.outputCell, a.bureau, a.output)
        case .budgetLine(let l):
            let category = l.category.map { "/\($0.code)" } ?? ""
            return ("\(l.output.text)\(category)/\(l.funding.code)", l.outputCell, l.bureau, l.output)
        case .kpi(let k): return (k.id, k.source, nil, nil)
        case .risk(let r): return (r.id, r.source, r.bureau, nil)
        default: return nil
        }
    }

    func add(to model: inout ResultsModel) {
        switch self {
        case .allocation(let a): model.allocations.append(a)
        case .budgetLine(let l): model.budgetLines.append(l)
        case .summary(let s): model.sectorSummary.append(s)
        case .goal(let g): model.goals.append(g)
        case .target(let t): model.targets.append(t)
        case .objective(let o): model.objectives.append(o)
        case .output(let o): model.outputs.append(o)
        case .kpi(let k): model.kpis.append(k)
        case .crosswalk(let c): model.crosswalk.append(c)
        case .risk(let r): model.risks.append(r)
        }
    }
}
