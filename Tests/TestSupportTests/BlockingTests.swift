#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport
import Testing

/// An error a blocking closure throws.
private struct Thrown: Error, Equatable {
    var value: Int
}

@Suite("Blocking work off the cooperative pool", .dedicatedThreads)
struct BlockingTests {
    @Test("run returns the closure's value, computed on a dedicated thread")
    func runReturns() async throws {
        // (Called from the cooperative pool too: see PoolThreadTests.)
        let (value, dedicated) = await Blocking.run { (21 * 2, DedicatedThreadExecutor.isCurrentThreadDedicated) }
        #expect(value == 42)
        #expect(dedicated)
    }

    @Test("run rethrows the closure's error with its type")
    func runThrows() async {
        do {
            _ = try await Blocking.run { () throws(Thrown) -> Int in throw Thrown(value: 7) }
            Issue.record("expected an error")
        } catch {
            #expect(error == Thrown(value: 7))
        }
    }

    @Test("many blocked runs proceed at the same time rather than waiting for pool threads")
    func concurrentRuns() async throws {
        // Each run blocks until all of them have started: that only finishes if they hold
        // separate threads at once, far more than the pool has on this machine.
        let count = 16
        let started = LockedBox<Int>(0)
        let allStarted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<count {
                group.addTask {
                    await Blocking.run {
                        started.withLock { $0 += 1 }
                        return Blocking.waitUntil(timeout: .seconds(30)) {
                            started.value == count
                        }
                    }
                }
            }
            return try await group.reduce(true) { $0 && $1 }
        }
        #expect(allStarted)
    }

    @Test("waitUntil sees a condition that turns true before the deadline and checks once after it")
    func waitUntil() async {
        let turnsTrue = await Blocking.run {
            let start = ContinuousClock.now
            return Blocking.waitUntil(timeout: .seconds(10), every: .milliseconds(5)) { start.duration(to: .now) > .milliseconds(50) }
        }
        #expect(turnsTrue)
        let checks = LockedBox<Int>(0)
        let neverTrue = await Blocking.run {
            Blocking.waitUntil(timeout: .milliseconds(60), every: .milliseconds(20)) {
                checks.withLock { $0 += 1 }
                return false
            }
        }
        #expect(!neverTrue)
        #expect(checks.value >= 2)
        // A zero timeout still checks once.
        #expect(await Blocking.run { Blocking.waitUntil(timeout: .zero) { true } })
    }

    @Test("poll reports a condition that becomes true and times out on one that does not")
    func poll() async throws {
        let flag = LockedBox<Bool>(false)
        DedicatedThreadExecutor.shared.execute {
            Blocking.sleep(for: .milliseconds(30))
            flag.withLock { $0 = true }
        }
        #expect(await Blocking.poll(timeout: .seconds(30)) { flag.value })
        #expect(await !Blocking.poll(timeout: .milliseconds(50)) { false })
        // An async condition, checked in the caller's context.
        let checks = LockedBox(0)
        let third = await Blocking.poll(timeout: .seconds(30), every: .milliseconds(1)) { () async -> Bool in
            await Task.yield()
            return checks.withLock { count -> Bool in
                count += 1
                return count == 3
            }
        }
        #expect(third)
        #expect(checks.value == 3)
    }

    @Test("sleep waits at least the requested time")
    func sleep() async {
        let elapsed = await Blocking.run {
            let start = ContinuousClock.now
            Blocking.sleep(for: .milliseconds(30))
            return start.duration(to: .now)
        }
        #expect(elapsed >= .milliseconds(30))
    }
}
