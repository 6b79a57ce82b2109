import Basics
import TestSupport
import Testing

@Suite("AsyncSemaphore", .dedicatedThreads)
struct AsyncSemaphoreTests {
    @Test("no more than the semaphore's value hold it at once, and every waiter gets a turn")
    func limitsConcurrency() async {
        let semaphore = AsyncSemaphore(value: 2)
        let counts = LockedBox((running: 0, peak: 0, finished: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await semaphore.wait()
                    counts.withLock {
                        $0.running += 1
                        $0.peak = max($0.peak, $0.running)
                    }
                    Blocking.sleep(for: .milliseconds(10))
                    counts.withLock {
                        $0.running -= 1
                        $0.finished += 1
                    }
                    semaphore.signal()
                }
            }
        }
        #expect(counts.value.peak == 2)
        #expect(counts.value.finished == 8)
    }

    @Test("waiters are served first come, first served")
    func fifo() async {
        let semaphore = AsyncSemaphore(value: 0)
        let order = LockedBox<[Int]>([])
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                group.addTask {
                    await semaphore.wait()
                    order.withLock { $0.append(index) }
                    semaphore.signal()
                }
                // Let each waiter queue up before the next one starts.
                _ = Blocking.waitUntil(timeout: .seconds(30)) { semaphore.waiterCount == index + 1 }
            }
            semaphore.signal()
        }
        #expect(order.value == [0, 1, 2, 3, 4])
    }
}
