/// How deeply a YAML text nests, found by scanning its lines before any parser sees it.
///
/// The YAML library builds its node tree recursively, one stack frame pair per level, so a text
/// nested thousands of levels deep (`{{{{…`, found by fuzzing `FuzzPipelineFile`) overflows the
/// stack and kills the process instead of being refused. A pipeline file nests about eight levels;
/// the scan over-counts rather than under-counts (every open flow bracket, every block indentation
/// step, every `- ` of a compact sequence and `? ` of a compact mapping key), so refusing above ``limit`` never refuses a real file.
enum YAMLNesting {
    static let limit = 64

    /// The first line where the nesting passes `limit`, with the depth reached there; nil when it
    /// never does.
    static func firstTooDeep(_ text: String, limit: Int = Self.limit) -> (line: Int, depth: Int)? {
        var flow = 0
        var indents: [Int] = []
        var line = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            line += 1
            let bytes = Array(raw.utf8)
            var i = 0
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            if i == bytes.count || bytes[i] == UInt8(ascii: "#") { continue }   // blank or comment
            if flow == 0 {
                while let last = indents.last, last >= i { indents.removeLast() }
                indents.append(i)
            }
            // `- - - x` opens a sequence per dash, `? ? ? x` a mapping per explicit-key mark.
            var dashes = 0
            var j = i
            while j + 1 < bytes.count, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "?"), bytes[j + 1] == UInt8(ascii: " ") {
                dashes += 1
                j += 2
                while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
            }
            var quote: UInt8? = nil
            var deepest = flow
            while j < bytes.count {
                let b = bytes[j]
                if let q = quote {
                    if b == q { quote = nil }
                } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                    quote = b
                } else if b == UInt8(ascii: "#"), j > 0, bytes[j - 1] == UInt8(ascii: " ") {
                    break
                } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    flow += 1
                    deepest = max(deepest, flow)
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    flow = max(0, flow - 1)
                }
                j += 1
            }
            let depth = indents.count + dashes + deepest
            if depth > limit { return (line, depth) }
        }
        return nil
    }
}
