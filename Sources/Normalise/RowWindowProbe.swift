import Synchronization

/// Records how many rows a loader held at most and how often it opened a sheet (tests).
package final class RowWindowProbe: Sendable {
    private let state = Mutex((maxHeld: 0, opened: 0))

    package init() {}

    package var maxHeld: Int { state.withLock { $0.maxHeld } }
    package var opened: Int { state.withLock { $0.opened } }

    func held(_ count: Int) { state.withLock { $0.maxHeld = max($0.maxHeld, count) } }
    func open() { state.withLock { $0.opened += 1 } }
}
