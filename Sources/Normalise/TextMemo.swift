import Foundation

/// The results of a pure function of a cell's text, remembered for the texts met again (issue 11).
///
/// A workbook repeats its codes, funding sources and bureaus row after row (at 58 times the demo:
/// 9,058 code cells, 1,628 distinct texts), and each reading costs regular-expression matching or
/// Unicode folding; a dictionary look-up is a fraction of that. Bounded: once `capacity` texts are
/// remembered nothing more is, so a sheet of distinct texts costs no memory beyond that. Shared by
/// the copies of the value that owns it (the function is the same for all of them) and safe across
/// threads.
final class TextMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The value for `key`: remembered, or made by `make` (and remembered while there is room).
    func value(_ key: Key, _ make: (Key) -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let value = make(key)
        lock.withLock {
            if values.count < capacity { values[key] = value }
        }
        return value
    }
}
