import Foundation
import Yams

/// A YAML syntax error in a pipeline file, said in plain words at the line and column where the
/// fix goes: a glob that starts with `*` (YAML reads `*.xlsx` as an alias), a tab used to indent,
/// a `[`, `{` or quote left open, a `: ` inside an unquoted value. libyaml's own words
/// ("while scanning an alias … did not find expected alphabetic or numeric character") are kept
/// only for what none of these explains.
enum PipelineSyntaxError {
    static func error(_ error: YamlError, text: String, file: String) -> PipelineError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if let plain = explain(context: context, problem: problem, mark: mark, lines: lines, file: file) { return plain }
            let during = context.map { " (\($0.text))" } ?? ""
            return PipelineError(file: file, line: mark.line, column: mark.column, "not valid YAML: \(problem)\(during)")
        case .reader(let problem, _, _, _):
            return PipelineError(file: file, "not valid YAML: \(problem) (save the file as UTF-8 text)")
        default:
            return PipelineError(file: file, "not valid YAML: \(error)")
        }
    }

    private static func explain(context: YamlError.Context?, problem: String, mark: Mark, lines: [String], file: String) -> PipelineError? {
        let during = context?.text ?? ""
        // `files: [*.xlsx]`: `*` starts an alias, `&` an anchor.
        if during.contains("scanning an alias") || during.contains("scanning an anchor") || problem.contains("undefined alias") {
            let at = context?.mark ?? mark
            let word = token(in: lines, at: at)
            let sign = word.first.map(String.init) ?? "*"
            let what = sign == "&" ? "an anchor" : "an alias (a reference to an `&anchor`)"
            return PipelineError(file: file, line: at.line, column: at.column,
                                 "`\(word)` starts with `\(sign)`, which YAML reads as \(what): quote it, \"\(word)\"")
        }
        if problem.contains("tab") || tabIndented(lines, line: mark.line) {
            let line = tabIndented(lines, line: mark.line) ? mark.line : (lines.indices.first { lines[$0].hasPrefix("\t") }.map { $0 + 1 } ?? mark.line)
            return PipelineError(file: file, line: line, column: 1,
                                 "this line is indented with a tab: YAML indents with spaces only; replace the tab with spaces (as many as the lines around it use)")
        }
        if during.contains("scanning a quoted scalar") {
            let at = context?.mark ?? mark
            let quote = character(in: lines, at: at) ?? "\""
            return PipelineError(file: file, line: at.line, column: at.column,
                                 "the quote \(quote) opened here is not closed: add the closing \(quote) at the end of the value")
        }
        if let quote = unclosedQuote(in: lines, before: mark.line) {
            return PipelineError(file: file, line: quote.line, column: quote.column,
                                 "the quote \" opened here is not closed on its line: add the closing \" at the end of the value")
        }
        if during.contains("flow sequence") || during.contains("flow mapping") {
            let at = context?.mark ?? mark
            let (open, close, what) = during.contains("sequence") ? ("[", "]", "list") : ("{", "}", "mapping")
            return PipelineError(file: file, line: at.line, column: at.column,
                                 "the \(what) opened with \(open) here is not closed: end it with \(close) on the same line "
                                 + "(and quote an item that holds a comma, \(close) or ': ')")
        }
        if problem.contains("mapping values are not allowed") {
            return PipelineError(file: file, line: mark.line, column: mark.column,
                                 "a ': ' inside a value starts a new key: quote the whole value, e.g. title: \"Budget: 2022\"")
        }
        return nil
    }

    /// The value starting at `mark`, up to a comma, bracket, brace or space.
    private static func token(in lines: [String], at mark: Mark) -> String {
        guard lines.indices.contains(mark.line - 1) else { return "*" }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        guard mark.column >= 1, mark.column - 1 < line.count else { return "*" }
        var word = ""
        for scalar in line[(mark.column - 1)...] {
            if [",", "]", "}", " ", "\t", "#"].contains(scalar) { break }
            word.unicodeScalars.append(scalar)
        }
        return word.isEmpty ? "*" : word
    }

    private static func character(in lines: [String], at mark: Mark) -> Character? {
        guard lines.indices.contains(mark.line - 1) else { return nil }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        return mark.column >= 1 && mark.column - 1 < line.count ? Character(line[mark.column - 1]) : nil
    }

    private static func tabIndented(_ lines: [String], line: Int) -> Bool {
        lines.indices.contains(line - 1) && lines[line - 1].prefix { $0 == " " || $0 == "\t" }.contains("\t")
    }

    /// The first line up to `last` whose value opens a double quote it does not close (a value
    /// may span lines in YAML, so libyaml reports the fault far below, where the text next has a `"`).
    private static func unclosedQuote(in lines: [String], before last: Int) -> (line: Int, column: Int)? {
        for (index, line) in lines.prefix(max(0, last)).enumerated() {
            var open: Int?
            var escaped = false
            for (column, ch) in line.enumerated() {
                if open == nil, ch == "#", column == 0 || line[line.index(line.startIndex, offsetBy: column - 1)] == " " { break }
                if escaped { escaped = false; continue }
                if ch == "\\", open != nil { escaped = true; continue }
                if ch == "\"" {
                    if open == nil {
                        // Only a quote that starts a value: after `: `, `- `, `[`, `{`, `,` or at the line's start.
                        let before = line.prefix(column).trimmingCharacters(in: .whitespaces)
                        if before.isEmpty || before.hasSuffix(":") || before.hasSuffix("-") || before.hasSuffix("[")
                            || before.hasSuffix("{") || before.hasSuffix(",") { open = column } else { continue }
                    } else {
                        open = nil
                    }
                }
            }
            if let open { return (index + 1, open + 1) }
        }
        return nil
    }
}
