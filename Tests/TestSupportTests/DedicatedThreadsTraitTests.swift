#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport
import Testing

@Suite("The dedicatedThreads trait", .dedicatedThreads)
struct DedicatedThreadsTraitTests {
    @Test("a synchronous test runs on a dedicated thread")
    func synchronous() {
        #expect(DedicatedThreadExecutor.isCurrentThreadDedicated)
    }

    @Test("an async test stays on dedicated threads across suspensions, async let and task groups")
    func asynchronous() async throws {
        #expect(DedicatedThreadExecutor.isCurrentThreadDedicated)
        try await Task.sleep(for: .milliseconds(5))
        #expect(DedicatedThreadExecutor.isCurrentThreadDedicated)
        async let child = DedicatedThreadExecutor.isCurrentThreadDedicated
        #expect(await child)
        let children = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 { group.addTask { DedicatedThreadExecutor.isCurrentThreadDedicated } }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(children)
    }

    @Test("each case of a parameterized test runs on a dedicated thread", arguments: 0..<3)
    func parameterized(index: Int) {
        #expect(DedicatedThreadExecutor.isCurrentThreadDedicated)
    }

    /// The bug this trait fixes: with every pool thread blocked, an async test on the pool could
    /// not resume. Here the pool is blocked on purpose and the test still runs to the end.
    @Test("a test under the trait keeps running while every pool thread is blocked")
    func runsWhilePoolIsBlocked() async throws {
        let width = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let release = LockedBox<Bool>(false)
        let blocked = LockedBox<Int>(0)
        let blockers = (0..<width).map { _ in
            Task.detached {
                blocked.withLock { $0 += 1 }
                // Deliberately blocks a pool thread (bounded: released below, or after 600 s).
                _ = Blocking.waitUntil(timeout: .seconds(600), every: .milliseconds(1)) {
                    release.value
                }
            }
        }
        defer { release.withLock { $0 = true } }
        // The blockers need free pool threads to start: CPU-heavy tests elsewhere in the run may
        // hold them for a while, so this bound only catches a hang.
        #expect(Blocking.waitUntil(timeout: .seconds(600)) { blocked.value == width })
        // With the pool blocked, work and resumptions still happen on dedicated threads.
        let value = await Blocking.run { 7 }
        async let child = 35
        let resumedBeforeRelease = !release.value
        #expect(value + (await child) == 42)
        #expect(resumedBeforeRelease)
        release.withLock { $0 = true }
        for blocker in blockers { await blocker.value }
    }
}

@Suite("Tests without the trait")
struct PoolThreadTests {
    @Test("run on the cooperative pool, not on dedicated threads")
    func onThePool() async {
        #expect(!DedicatedThreadExecutor.isCurrentThreadDedicated)
        #expect(await Blocking.run { DedicatedThreadExecutor.isCurrentThreadDedicated })
    }
}
