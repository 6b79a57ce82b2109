#if canImport(Glibc)
import Glibc
#endif

/// Blocking work in async tests, kept off Swift's cooperative thread pool.
///
/// The pool has one thread per core. A blocking call made on it (running `tsc`, `git`, the
/// engine binaries, `waitpid`, `usleep`, a blocking socket read) holds a pool thread for its
/// whole duration, and on a two-core machine two such tests starve every other async test: their
/// `Task.sleep` wake-ups and continuations wait for a free thread, and their wall-clock deadlines
/// pass although nothing they wait for is slow.
///
/// Two ways out, both on `DedicatedThreadExecutor`:
/// - `@Suite(.dedicatedThreads)` / `@Test(.dedicatedThreads)` runs whole tests (synchronous or
///   async, with their helpers' inits and deinits) on dedicated threads. Use it for any test that
///   blocks for more than a moment.
/// - `try await Blocking.run { … }` runs one synchronous piece of work on a dedicated thread and
///   awaits its result, for an async test that otherwise stays on the pool.
///
/// `Blocking.poll` (async) and `Blocking.waitUntil` (synchronous, off the pool) wait for a
/// condition against a deadline without depending on the pool, and always check once more after
/// the deadline: a waiter that was descheduled past its deadline still sees a condition that
/// became true meanwhile, so it only reports a timeout when the condition is false after the
/// deadline.
public enum Blocking {
    /// Runs `work` on a dedicated thread and returns its result (or throws its error), suspending
    /// the calling task meanwhile without holding a pool thread.
    public static func run<Value: Sendable, Failure: Error>(
        _ work: @escaping @Sendable () throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
            DedicatedThreadExecutor.shared.execute {
                continuation.resume(returning: Result { () throws(Failure) -> Value in try work() })
            }
        }
        return try result.get()
    }

    /// Checks `condition` every `interval` until it holds, for at most `timeout`; true when it
    /// held. The condition runs in the caller's context (it may be async, e.g. a request to the
    /// engine); the pauses between checks sleep on a dedicated thread, so the wait needs no timer
    /// on the cooperative pool. The wait ends false only after a check begun past the deadline.
    public static func poll(
        timeout: Duration,
        every interval: Duration = .milliseconds(20),
        until condition: () async throws -> Bool
    ) async rethrows -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let pastDeadline = clock.now >= deadline
            if try await condition() { return true }
            if pastDeadline { return false }
            let pause = min(interval, clock.now.duration(to: deadline))
            await Blocking.pause(for: pause)
        }
    }

    /// Checks `condition` every `interval` on the calling thread until it holds, for at most
    /// `timeout`; true when it held. Sleeps between checks, so call it only off the cooperative
    /// pool: from a `.dedicatedThreads` test or inside `Blocking.run`. The wait ends false only
    /// after a check begun past the deadline.
    public static func waitUntil(
        timeout: Duration,
        every interval: Duration = .milliseconds(20),
        _ condition: () throws -> Bool
    ) rethrows -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            // Read the clock before the check: a waiter descheduled during a slow check still
            // checks once more after the deadline.
            let pastDeadline = clock.now >= deadline
            if try condition() { return true }
            if pastDeadline { return false }
            self.sleep(for: min(interval, clock.now.duration(to: deadline)))
        }
    }

    /// Sleeps for `duration` on a dedicated thread, suspending the caller meanwhile.
    private static func pause(for duration: Duration) async {
        await self.run { self.sleep(for: duration) }
    }

    /// Sleeps the calling thread for `duration`. Off the cooperative pool only (see `waitUntil`).
    public static func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || attoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
