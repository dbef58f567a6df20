extension String {
    /// Whether a UTF-8 byte of the text satisfies `test`, scanned on the string's own bytes where
    /// they are contiguous (native strings are): the logs and the page ask it of every text they
    /// write, to find the few that need escaping (issue 11: through the UTF-8 view, 1.5 % of a run).
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? utf8.contains(where: test)
    }

    /// Every occurrence of `target` replaced by `replacement`, matched on UTF-8 code units, without
    /// bridging to `NSString`: the page, the workbook's links and the labels' templates call this
    /// tens of thousands of times in a large run (issue 11). Unlike `replacingOccurrences`, which
    /// matches whole characters, an occurrence followed by a combining mark is replaced too: a `"`
    /// before an accent is doubled in the CSV, where Foundation left it single and broke the field.
    func replacingBytes(of target: String, with replacement: String) -> String {
        var source = self, pattern = target
        return source.withUTF8 { s in
            pattern.withUTF8 { p -> String in
                guard let first = p.first, p.count <= s.count else { return self }
                var out: [UInt8] = []
                var copied = 0, i = 0
                let last = s.count - p.count
                while i <= last {
                    if s[i] == first, p.count == 1 || memcmpEqual(s, i, p) {
                        if out.isEmpty { out.reserveCapacity(s.count + 16) }
                        out.append(contentsOf: s[copied..<i])
                        out.append(contentsOf: replacement.utf8)
                        i += p.count
                        copied = i
                    } else {
                        i += 1
                    }
                }
                guard copied > 0 else { return self }
                out.append(contentsOf: s[copied...])
                return String(decoding: out, as: UTF8.self)
            }
        }
    }
}

private func memcmpEqual(_ s: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
    for k in 1..<p.count where s[at + k] != p[k] { return false }
    return true
}
