import Basics
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs each test it is applied to, or each test of the suite it is applied to, on
/// `DedicatedThreadExecutor` instead of Swift's cooperative pool.
///
/// The test body runs with that executor as its task executor preference: a synchronous test
/// runs entirely on a dedicated thread, and an async test's nonisolated code, `async let` and task
/// group children resume there too (an unstructured `Task { }` does not inherit the preference).
/// So a test may block (subprocesses, `waitpid`, socket reads, sleeps) without starving the other
/// tests that run in parallel on the pool. Usage: `@Suite("…", .dedicatedThreads)`.
///
/// At most `concurrencyLimit` tests run under the trait at once (the rest wait without holding a
/// thread), so the many end-to-end tests that start engines, `tsc` or `git` do not all compete
/// for the cores at the same moment and stretch each other's deadlines.
public struct DedicatedThreadsTrait: TestTrait, SuiteTrait, TestScoping {
    /// How many tests may run under the trait at once: `SEAM_TEST_DEDICATED_LIMIT` when set to a
    /// positive number, else four per core, at least eight.
    public static let concurrencyLimit: Int = {
        if let text = ProcessEnvironment.current["SEAM_TEST_DEDICATED_LIMIT"], let limit = Int(text), limit > 0 {
            return limit
        }
        return max(8, 4 * Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// The running tests' slots.
    private static let slots = AsyncSemaphore(value: Self.concurrencyLimit)

    /// Applies to every test inside a suite, nested suites included.
    public var isRecursive: Bool { true }

    /// A scope for each test case (a non-parameterized test has one), none for suites: each test
    /// enters the executor on its own, so tests of one suite still run in parallel.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    /// Runs `function` with `DedicatedThreadExecutor.shared` as the task executor preference, once
    /// a slot is free.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(DedicatedThreadExecutor.shared) {
            let arrived = ContinuousClock.now
            await Self.slots.wait()
            let started = ContinuousClock.now
            defer {
                Self.slots.signal()
                TestTimingLog.shared?.record(test: test, testCase: testCase, arrived: arrived, started: started, ended: .now)
            }
            try await function()
        }
    }
}

extension Trait where Self == DedicatedThreadsTrait {
    /// Runs the test (or every test of the suite) on dedicated threads, off the cooperative pool:
    /// for tests that block on subprocesses, sockets or sleeps.
    public static var dedicatedThreads: Self { Self() }
}
