import ArgumentParser
import Pipeline
import Reports

/// `rbm rules`: what each rule checks, with the bands of a pipeline's tolerances (or the defaults).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rule catalogue: what each rule checks and its tolerances.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Option(help: "A pipeline file whose tolerances the descriptions quote (default: the catalogue's).") var pipeline: String?
    @Option(help: "text or markdown.") var format: Format = .text

    func run() throws {
        let tolerances = try pipeline.map { try PipelineFile.load(path: $0).reconcileSettings.tolerances }
        switch format {
        case .text: print(RuleDescriptions.text(tolerances: tolerances ?? .init()), terminator: "")
        case .markdown: print(RuleDescriptions.markdown(tolerances: tolerances ?? .init()), terminator: "")
        }
    }
}
