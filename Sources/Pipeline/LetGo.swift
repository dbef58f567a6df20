import Foundation

/// Values a run is done with, freed on a thread of their own (issue 11). At the end of a run at 58
/// times the demo, its log texts, history rows and results chain are about 100,000 objects: 4-5 ms
/// of freeing on the run's thread, after everything is committed, that the command line would wait
/// for before exiting. Handed over here, they are freed beside the exit (which does not wait for
/// them) or, in a process that goes on (`rbm watch`, the tests), beside what it does next.
enum LetGo {
    private final class Held: @unchecked Sendable {
        var values: [Any]
        init(_ values: [Any]) { self.values = values }
    }

    /// Takes `values` (consumed by the caller, so that this holds the last reference) and frees
    /// them on a thread of its own.
    static func offThePath(_ values: [Any]) {
        let held = Held(values)
        Thread { held.values.removeAll() }.start()
    }
}
