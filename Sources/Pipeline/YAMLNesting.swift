/// How deeply a YAML text nests, found by scanning its lines before any parser sees it.
///
/// The YAML library builds its node tree recursively, one stack frame pair per level, so a text
/// nested thousands of levels deep (`{{{{…`, found by fuzzing `FuzzPipelineFile`) overflows the
/// stack and kills the process instead of being refused. A pipeline file nests about eight levels;
/// the scan over-counts rather than under-counts (every open flow bracket, every block indentation
/// step, every `- ` of a compact sequence and `? ` of a compact mapping key), so refusing above ``limit`` never refuses a real file.
enum YAMLNesting {
    static let limit = 64

    /// A bound that holds whatever the scan below makes of quotes: a pipeline file of at most
    /// `maximumBytes` with at most `maximumFlowBrackets` `[` and `{` in all cannot nest deeper than
    /// a few thousand levels, which the parser's stack holds (it overflowed at about 5,000 levels
    /// of brackets in a release build, 3,200 under AddressSanitizer). The shipped pipeline files
    /// hold 44 brackets between them and a few kilobytes each.
    static let maximumBytes = 1 << 20
    static let maximumFlowBrackets = 1_000
    static let maximumBlockDepth = 256

    /// Why a pipeline file's text is refused before the YAML parser sees it, nil when it may be
    /// parsed: a text over `maximumBytes`; nesting deeper than `limit` as the scan reads it; past
    /// the bound that holds whatever the scan makes of quotes. The text is split into lines once.
    static func refusal(_ text: String) -> (line: Int?, column: Int?, message: String)? {
        if let tooLarge = tooLarge(text) { return (nil, nil, tooLarge) }
        let lines = lines(of: text)
        if let deep = firstTooDeep(lines, limit: limit) {
            return (deep.line, 1, "the text nests more than \(limit) levels deep (\(deep.depth) here); a pipeline file needs about eight: "
                + "check the brackets and the indentation")
        }
        if let beyond = beyondBound(text, lines: lines) { return (beyond.line, 1, beyond.message) }
        return nil
    }

    /// What is wrong with a text over `maximumBytes`, checked before any scan reads it.
    static func tooLarge(_ text: String) -> String? {
        let count = text.utf8.count
        return count > maximumBytes ? "the pipeline file is \(count) bytes; a pipeline file is a few kilobytes (at most \(maximumBytes) bytes are read)" : nil
    }

    /// What passes the bound, in words, with its line where it has one; nil when the text is
    /// within it.
    static func beyondBound(_ text: String) -> (line: Int?, message: String)? {
        if let tooLarge = tooLarge(text) { return (nil, tooLarge) }
        return beyondBound(text, lines: lines(of: text))
    }

    /// ``beyondBound(_:)`` past the size check, on the text's lines (``lines(of:)``).
    private static func beyondBound(_ text: String, lines: [[UInt8]]) -> (line: Int?, message: String)? {
        let brackets = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "[") || $1 == UInt8(ascii: "{") ? 1 : 0) }
        if brackets > maximumFlowBrackets {
            return (nil, "the text holds \(brackets) '[' and '{' (at most \(maximumFlowBrackets)); a pipeline file needs a few dozen: "
                + "write long lists as '- item' lines")
        }
        // Block nesting (indentation, `- `/`? ` marks) counted on every line, wherever a quote
        // may be thought open: looser than the scan's limit, so it refuses no file the scan takes.
        var block = BlockIndents()
        var line = 0
        for bytes in lines {
            line += 1
            guard block.read(bytes) != nil else { continue }
            if block.depth > maximumBlockDepth {
                return (line, "the text nests \(block.depth) levels deep by indentation and '- ' or '? ' marks here (at most \(maximumBlockDepth))")
            }
        }
        return nil
    }

    /// The text's lines as the YAML scanner breaks them: at `\n`, `\r\n` and `\r`, and at NEL
    /// (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), which it takes for line
    /// breaks too (`!\u{2028}  ? ? ? …` nested unseen when only `\n` and `\r` broke lines).
    static func lines(of text: String) -> [[UInt8]] {
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            var width = 0
            if b == UInt8(ascii: "\n") { width = 1 }
            else if b == UInt8(ascii: "\r") { width = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") ? 2 : 1 }
            else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 { width = 2 }
            else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { width = 3 }
            if width > 0 {
                lines.append(line)
                line.removeAll(keepingCapacity: true)
                i += width
            } else {
                line.append(b)
                i += 1
            }
        }
        lines.append(line)
        return lines
    }

    /// The first line where the nesting passes `limit`, with the depth reached there; nil when it
    /// never does.
    static func firstTooDeep(_ text: String, limit: Int = Self.limit) -> (line: Int, depth: Int)? {
        firstTooDeep(lines(of: text), limit: limit)
    }

    private static func firstTooDeep(_ lines: [[UInt8]], limit: Int) -> (line: Int, depth: Int)? {
        var scan = Scanner()
        var block = BlockIndents()
        var line = 0
        for bytes in lines {
            line += 1
            var j = 0
            if scan.quote == nil, scan.flow == 0 {
                guard let content = block.read(bytes) else { continue }                          // blank or comment
                j = content
                scan.startsBlockLine()
            } else if scan.quote == nil, BlockIndents.firstContent(bytes) == nil {
                continue
            }
            let deepest = scan.read(bytes, from: j)
            let depth = block.depth + deepest
            if depth > limit { return (line, depth) }
        }
        return nil
    }

    /// The flow brackets of a text, read as the YAML scanner reads them: a quote opens a quoted
    /// scalar only where a token starts (at the start of a line's content, after `[`, `{`, `,`, a
    /// `: ` or `- ` indicator, an anchor or a tag), never inside a plain scalar (`x'`, `a, 'b` in
    /// block context); a quoted scalar runs on over lines until its closing quote (`''` and `\"`
    /// escaped); in block context a plain scalar's brackets are text, in flow context `,[]{}` end
    /// it; ` #` starts a comment. A bracket the scanner would count is never missed: an earlier
    /// version opened a quote at any `'`, and `x' y: [[[[…` then nested thousands of levels
    /// unseen (found by fuzzing `FuzzPipelineFile` on the fixed build).
    struct Scanner {
        /// Open flow collections.
        var flow = 0
        /// The quote of the quoted scalar being read, if any.
        var quote: UInt8?
        /// Where a token may start (a node's first character).
        var atToken = true
        /// Inside a plain scalar.
        var inPlain = false

        mutating func startsBlockLine() { atToken = true; inPlain = false }

        /// Reads one line's bytes from `start`; returns the deepest flow nesting reached on it.
        mutating func read(_ bytes: [UInt8], from start: Int) -> Int {
            var deepest = flow
            var j = start
            if quote == nil, flow > 0, !inPlain { atToken = true }   // a new line inside a flow collection
            func isBlank(_ k: Int) -> Bool { k >= bytes.count || bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") }
            func isFlowIndicator(_ k: Int) -> Bool {
                guard k < bytes.count else { return false }
                switch bytes[k] {
                case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
                default: return false
                }
            }
            while j < bytes.count {
                let b = bytes[j]
                if let q = quote {
                    if q == UInt8(ascii: "\""), b == UInt8(ascii: "\\") { j += 2; continue }
                    if b == q {
                        if q == UInt8(ascii: "'"), j + 1 < bytes.count, bytes[j + 1] == q { j += 2; continue }   // '' inside '…'
                        quote = nil
                        atToken = false
                        inPlain = false
                    }
                    j += 1
                    continue
                }
                if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { j += 1; continue }
                if b == UInt8(ascii: "#"), j == 0 || isBlank(j - 1) { break }                  // a comment
                if b == UInt8(ascii: ":"), isBlank(j + 1) || (flow > 0 && isFlowIndicator(j + 1)) {
                    atToken = true; inPlain = false; j += 1; continue                           // a value indicator
                }
                if flow > 0 || !inPlain {
                    switch b {
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        if flow > 0 || atToken {
                            flow += 1
                            deepest = max(deepest, flow)
                            atToken = true; inPlain = false; j += 1; continue
                        }
                    case UInt8(ascii: "]"), UInt8(ascii: "}"):
                        if flow > 0 {
                            flow -= 1
                            atToken = false; inPlain = false; j += 1; continue
                        }
                    case UInt8(ascii: ","):
                        if flow > 0 { atToken = true; inPlain = false; j += 1; continue }
                    default: break
                    }
                }
                if atToken {
                    switch b {
                    case UInt8(ascii: "'"), UInt8(ascii: "\""):
                        quote = b; atToken = false; j += 1; continue
                    case UInt8(ascii: "-"), UInt8(ascii: "?") where isBlank(j + 1):
                        j += 1; continue                                                         // an indicator: a token follows
                    case UInt8(ascii: "&"), UInt8(ascii: "!"):
                        while j < bytes.count, !isBlank(j), !(flow > 0 && isFlowIndicator(j)) { j += 1 }
                        continue                                                                 // an anchor or a tag: a token follows
                    default:
                        atToken = false; inPlain = true; j += 1; continue                         // a plain scalar (or an alias)
                    }
                }
                j += 1                                                                           // inside a plain scalar
            }
            return deepest
        }
    }

    /// The block structure's open levels, an upper bound of the parser's: each line's indentation
    /// closes the levels at or right of it and opens one; each `- ` or `? ` mark opens one more at
    /// its own column (`- - a:` then a line indented under `a` is four levels, not two).
    struct BlockIndents {
        private var columns: [Int] = []
        var depth: Int { columns.count }

        /// The column of the line's first character, nil for a blank or comment line.
        static func firstContent(_ bytes: [UInt8]) -> Int? {
            var i = 0
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            return i == bytes.count || bytes[i] == UInt8(ascii: "#") ? nil : i
        }

        /// Takes one line; returns where its content starts after the marks, nil for a blank line.
        mutating func read(_ bytes: [UInt8]) -> Int? {
            guard let i = Self.firstContent(bytes) else { return nil }
            while let last = columns.last, last >= i { columns.removeLast() }
            columns.append(i)
            var j = i
            while j + 1 < bytes.count, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "?"), bytes[j + 1] == UInt8(ascii: " ") {
                j += 2
                while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
                columns.append(j)
            }
            return j
        }
    }
}
