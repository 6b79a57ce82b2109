import Synchronization
import Testing

@testable import Tensors

@Suite("Blocking thread pool")
struct ThreadPoolTests {
    @Test("parallelFor visits every index exactly once, call after call")
    func coverage() {
        let pool = ThreadPool(threadCount: 3)
        #expect(pool.participants == 3)
        for count in [1, 2, 7, 100, 1001] {
            let hits = UnsafeMutablePointer<Int>.allocate(capacity: count)
            hits.initialize(repeating: 0, count: count)
            defer { hits.deallocate() }
            pool.parallelFor(count, granularity: 4) { range, _ in
                for index in range { hits[index] += 1 }
            }
            #expect((0..<count).allSatisfy { hits[$0] == 1 }, "count \(count)")
        }
    }

    @Test("every participant runs each job and the caller is participant 0")
    func participants() {
        let pool = ThreadPool(threadCount: 4)
        let seen = Mutex<[Int]>([])
        for _ in 0..<200 {
            pool.parallel { index in seen.withLock { $0.append(index) } }
        }
        let all = seen.withLock { $0 }
        #expect(all.count == 800)
        #expect(Set(all) == [0, 1, 2, 3])
    }

    @Test("a pool is released and its workers exit")
    func release() {
        weak var released: ThreadPool?
        do {
            let pool = ThreadPool(threadCount: 2)
            pool.parallel { _ in }
            released = pool
        }
        #expect(released == nil)
    }

    @Test("OpenBLAS reports the core it picked")
    func blasCore() {
        #expect(!BLAS.coreName.isEmpty && BLAS.coreName != "unknown")
    }
}
