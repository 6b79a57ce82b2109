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

    @Test("kernel jobs cover every index once and pass each participant its index")
    func kernels() {
        let pool = ThreadPool(threadCount: 2)
        struct Context { var hits: UnsafeMutablePointer<Int>; var participants: UnsafeMutablePointer<Int> }
        let hits = UnsafeMutablePointer<Int>.allocate(capacity: 1000)
        let participants = UnsafeMutablePointer<Int>.allocate(capacity: 1000)
        defer { hits.deallocate(); participants.deallocate() }
        hits.initialize(repeating: 0, count: 1000)
        var context = Context(hits: hits, participants: participants)
        withUnsafeMutablePointer(to: &context) { pointer in
            for _ in 0..<50 {
                pool.parallelFor(1000, granularity: 8, context: UnsafeMutableRawPointer(pointer)) { raw, lower, upper, participant in
                    let c = raw.assumingMemoryBound(to: Context.self)
                    for index in lower..<upper {
                        c.pointee.hits[index] += 1
                        c.pointee.participants[index] = participant
                    }
                }
            }
        }
        #expect((0..<1000).allSatisfy { hits[$0] == 50 })
        #expect(participants[0] == 0 && participants[999] == 1)
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
