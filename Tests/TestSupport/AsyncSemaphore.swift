import Synchronization

/// A counting semaphore for async code: `wait()` suspends the task (holding no thread) until a
/// unit is free; waiters are served first come, first served.
public final class AsyncSemaphore: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// The index of the next waiter to serve (the array is compacted when all are served).
        var next = 0
    }

    private let state: Mutex<State>

    /// A semaphore with `value` free units.
    public init(value: Int) {
        self.state = Mutex(State(available: value))
    }

    /// Takes a unit, suspending until one is free.
    public func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = self.state.withLock { state -> Bool in
                if state.available > 0 {
                    state.available -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    /// How many tasks are waiting now.
    public var waiterCount: Int {
        self.state.withLock { $0.waiters.count - $0.next }
    }

    /// Gives a unit back, resuming the longest waiter if there is one.
    public func signal() {
        let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.next < state.waiters.count else {
                state.available += 1
                return nil
            }
            let waiter = state.waiters[state.next]
            state.next += 1
            if state.next == state.waiters.count {
                state.waiters.removeAll(keepingCapacity: true)
                state.next = 0
            }
            return waiter
        }
        waiter?.resume()
    }
}
