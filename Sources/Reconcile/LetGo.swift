import Foundation

/// Values a thread is done with, freed on a thread of their own (issue 11), beside ``ParallelWork``
/// as the other piece of work spread over the cores (no I/O either). At the end of a run at 58
/// times the demo, its log texts, history rows and results chain are about 100,000 objects: 4-5 ms
/// of freeing on the run's thread, after everything is committed, that the command line would wait
/// for before exiting; the reconciler's indexes are 8.6 M instructions of freeing between the
/// rules and the outputs. Handed over here, they are freed beside what the caller does next (or
/// beside the exit, which does not wait for them).
public enum LetGo {
    private final class Held<Value>: @unchecked Sendable {
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
    }

    /// Takes `value` (consumed by the caller, so that this holds the last reference) and frees it
    /// on a thread of its own. An object the caller still refers to is freed by whichever lets go
    /// last: here when the caller lets go first, as a run's end does (``BatchRun/run()``).
    public static func offThePath<Value>(_ value: consuming Value) {
        let held = Held(value)
        Thread { held.value = nil }.start()
    }
}
