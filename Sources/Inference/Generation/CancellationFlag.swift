import Synchronization

/// A flag another thread sets to stop a generation; the loop checks it before every token.
package final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// A flag that is not set.
    package init() {}

    /// Asks the generation to stop.
    package func cancel() { self.value.store(true, ordering: .relaxed) }

    /// True once `cancel()` was called.
    package var isCancelled: Bool { self.value.load(ordering: .relaxed) }
}
