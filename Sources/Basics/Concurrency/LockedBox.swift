import Synchronization

/// A value guarded by a mutex: the lock and what it protects stay together.
///
/// `final class` so it can be shared by reference between threads; `Sendable` because every
/// access to `value` goes through the mutex.
public final class LockedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) {
        self.mutex = Mutex(value)
    }

    /// Runs `body` with exclusive access to the value.
    @discardableResult
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try self.mutex.withLock { value in try body(&value) }
    }

    /// A copy of the current value.
    public var value: Value {
        self.mutex.withLock { $0 }
    }
}
