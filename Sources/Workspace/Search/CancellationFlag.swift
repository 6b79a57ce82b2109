import Synchronization

/// A flag a caller sets to stop a long-running walk or search; checked between files.
///
/// Long operations also stop when the surrounding `Task` is cancelled.
package final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    package init() {}

    /// Asks the operation to stop as soon as possible.
    package func cancel() { self.flag.store(true, ordering: .relaxed) }

    /// True once `cancel()` was called (or the current task was cancelled).
    package var isCancelled: Bool { self.flag.load(ordering: .relaxed) || Task.isCancelled }
}
