import Foundation
import Testing
import TestSupport
@testable import Normalise
import Results
import XLSXCore
import XLSXReader

/// The normaliser on real-world sheets it was never meant for: the first worksheet of every open
/// workbook of `../shared/xlsx-corpus`, read as each kind of table with its fields pinned to
/// columns A, B, C… (`column:A` in a pipeline file) so that every row goes through the grammars.
/// Nothing may trap or hang, every row is accounted for (read = loaded + skipped + rejected), and
/// every rejection cites its cell.
@Suite(.enabled(if: Fixtures.corpus != nil, "../shared/xlsx-corpus is absent: the normaliser sweep is skipped"))
struct CorpusSweepTests {
    static let rowsPerSheet = 300

    @Test(.timeLimit(.minutes(3)))
    func everyCorpusSheetIsAccountedForAsEveryKindOfTable() throws {
        let corpus = try #require(Fixtures.corpus)
        let files = CorpusFile.all(in: corpus).filter { $0.expectation == .open }.map(\.name)
        #expect(files.count > 200)
        var read = 0, loaded = 0, rejected = 0
        for file in files {
            guard let book = try? Workbook(path: corpus.appendingPathComponent("files/\(file)").path),
                  let first = book.sheets.first(where: { $0.kind == .worksheet }),
                  var grid = try? book.grid(for: first) else { continue }
            // The first rows give the variety; all 10,000 rows of 10,000-character strings in one
            // corpus file would only make the debug build slow.
            grid.rows = Array(grid.rows.prefix(Self.rowsPerSheet))
            let styles = Set(grid.rows.flatMap { $0.cells.map(\.styleIndex) })
            let formats = Dictionary(uniqueKeysWithValues: styles.map { ($0, book.numberFormat(style: $0)) })
            for kind in TableKind.allCases {
                let fields = Dictionary(uniqueKeysWithValues: kind.fields.enumerated().map { index, field in
                    (field, ["column:" + CellReference.columnName(index + 1)])
                })
                let table = TableProfile(table: kind, headerRow: 1, fields: fields)
                let source = SourceProfile(name: "sweep", kind: Self.workbookKind(kind), files: ["*"], tables: [table])
                let loader = SheetLoader(rows: SheetRows(grid), file: file, table: table, source: source, settings: SheetLoaderTests.settings,
                                         bureau: .tsb, tag: SourceTag(Self.workbookKind(kind), bureau: .tsb), numberFormat: { formats[$0] ?? "General" },
                                         place: TablePlace(source: 0, sourceName: source.name, table: 0, kind: kind.rawValue))
                var model = ResultsModel()
                // A sheet whose year columns all lie outside the biennium is refused as a whole.
                guard let account = try? loader.load(into: &model) else { continue }
                #expect(account.balances, "\(file) as \(kind): \(account)")
                read += account.read
                loaded += account.loaded
                rejected += account.rejected
                for finding in model.loadFindings where finding.rule == .dat002 {
                    #expect(finding.sources.count == 1 && finding.sources[0].description.hasPrefix("\(file)!\(first.name)!"), "\(file): \(finding.id)")
                }
            }
        }
        // The sweep is only worth its time if real rows went through both outcomes.
        #expect(read > 20_000 && loaded > 1_000 && rejected > 1_000, "read \(read), loaded \(loaded), rejected \(rejected)")
    }
}

extension CorpusSweepTests {
    static func workbookKind(_ table: TableKind) -> WorkbookKind {
        switch table {
        case .goals, .targets, .objectives, .outputs, .kpis, .crosswalk: .resultsFramework
        case .budgetLines, .sectorSummary, .parameters: .financialPlan
        case .allocations: .operationalPlan
        case .risks: .riskRegister
        }
    }
}
