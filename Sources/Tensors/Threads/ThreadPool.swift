import Basics

#if canImport(Glibc)
import Glibc
#endif

/// A small fork-join pool: `parallel` runs one closure on every participant (the calling thread
/// plus the workers) and returns when all are done.
///
/// Workers block on a condition variable between jobs and never spin: on a 2-vCPU machine a
/// spinning worker steals the core the caller needs. One job runs at a time; `parallel` must
/// not be called from inside a job, nor from two threads at once (the engine calls it only
/// from its inference thread). Each call costs one wake-up and one join.
package final class ThreadPool: @unchecked Sendable {
    // @unchecked: the shared state lives in `PoolState`, guarded by its mutex.

    private let state: PoolState
    private var threads: [pthread_t] = []

    /// A pool with `threadCount` participants including the caller (at least 1). The default
    /// is the number of online CPUs.
    package init(threadCount: Int? = nil) {
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let wanted = max(1, threadCount ?? max(1, online))
        self.state = PoolState()
        for index in 1..<wanted {
            let context = Unmanaged.passRetained(WorkerContext(state: self.state, index: index))
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                guard let raw else { return nil }
                let context = Unmanaged<WorkerContext>.fromOpaque(raw).takeRetainedValue()
                setCurrentThreadName("seam-pool")
                context.state.workerLoop(index: context.index)
                return nil
            }, context.toOpaque())
            if status == 0 {
                self.threads.append(thread)
            } else {
                context.release()
            }
        }
        self.state.workerCount = self.threads.count
    }

    deinit {
        self.state.shutDown()
        for thread in self.threads { pthread_join(thread, nil) }
    }

    /// Number of participants in each job: the calling thread plus the running workers.
    package var participants: Int { self.threads.count + 1 }

    /// Runs `body(index)` for every index in `0..<participants` concurrently; index 0 runs on
    /// the calling thread. Returns when every call has returned.
    package func parallel(_ body: (Int) -> Void) {
        if self.threads.isEmpty {
            body(0)
            return
        }
        withoutActuallyEscaping(body) { escaping in
            self.state.run(escaping)
        }
    }

    /// Splits `0..<count` like `parallelFor(_:granularity:_:)` and runs
    /// `kernel(context, lower, upper, participant)` for each non-empty range — without
    /// allocating: the kernel is a C-convention function (no captures) and everything it needs
    /// is behind `context`. The hot loops of the engine use this form; a Swift closure passed to
    /// another thread costs a heap allocation per call.
    package func parallelFor(_ count: Int, granularity: Int = 1, context: UnsafeMutableRawPointer, kernel: ParallelKernel) {
        guard count > 0 else { return }
        let step = max(1, granularity)
        let units = (count + step - 1) / step
        if self.threads.isEmpty || units == 1 {
            kernel(context, 0, count, 0)
            return
        }
        self.state.run(kernel: kernel, context: context, count: count, step: step, parts: self.participants)
    }

    /// Splits `0..<count` into one contiguous range per participant and runs
    /// `body(range, participant)` on each concurrently (empty ranges are skipped). Range bounds
    /// are multiples of `granularity`, except at `count`.
    package func parallelFor(_ count: Int, granularity: Int = 1, _ body: (Range<Int>, Int) -> Void) {
        guard count > 0 else { return }
        let parts = self.participants
        let step = max(1, granularity)
        let units = (count + step - 1) / step
        if parts == 1 || units == 1 {
            body(0..<count, 0)
            return
        }
        self.parallel { index in
            let lower = min(count, (units * index / parts) * step)
            let upper = min(count, (units * (index + 1) / parts) * step)
            if lower < upper { body(lower..<upper, index) }
        }
    }
}

/// A kernel for `ThreadPool.parallelFor(_:granularity:context:kernel:)`:
/// `(context, lower, upper, participant)`.
package typealias ParallelKernel = @convention(c) (UnsafeMutableRawPointer, Int, Int, Int) -> Void

/// The range of `count` items (in units of `step`) that participant `index` of `parts` runs.
@inline(__always)
private func share(_ count: Int, step: Int, parts: Int, index: Int) -> Range<Int> {
    let units = (count + step - 1) / step
    let lower = min(count, (units * index / parts) * step)
    let upper = min(count, (units * (index + 1) / parts) * step)
    return lower..<max(lower, upper)
}

/// The mutex-guarded state shared by the pool and its workers.
private final class PoolState: @unchecked Sendable {
    // @unchecked: every field is read and written with `mutex` held, except `job`, which the
    // caller sets before the generation bump and clears only after every worker has finished.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let workReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let workDone = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var generation = 0
    private var pending = 0
    private var shuttingDown = false
    private var job: ((Int) -> Void)?
    private var kernel: ParallelKernel?
    private var kernelContext: UnsafeMutableRawPointer?
    private var kernelCount = 0
    private var kernelStep = 1
    private var kernelParts = 1
    var workerCount = 0

    init() {
        pthread_mutex_init(self.mutex, nil)
        pthread_cond_init(self.workReady, nil)
        pthread_cond_init(self.workDone, nil)
    }

    deinit {
        pthread_cond_destroy(self.workReady)
        pthread_cond_destroy(self.workDone)
        pthread_mutex_destroy(self.mutex)
        self.mutex.deallocate()
        self.workReady.deallocate()
        self.workDone.deallocate()
    }

    func run(_ body: @escaping (Int) -> Void) {
        pthread_mutex_lock(self.mutex)
        self.job = body
        self.pending = self.workerCount
        self.generation &+= 1
        pthread_cond_broadcast(self.workReady)
        pthread_mutex_unlock(self.mutex)
        body(0)
        pthread_mutex_lock(self.mutex)
        while self.pending > 0 { pthread_cond_wait(self.workDone, self.mutex) }
        self.job = nil
        pthread_mutex_unlock(self.mutex)
    }

    func run(kernel: ParallelKernel, context: UnsafeMutableRawPointer, count: Int, step: Int, parts: Int) {
        pthread_mutex_lock(self.mutex)
        self.kernel = kernel
        self.kernelContext = context
        self.kernelCount = count
        self.kernelStep = step
        self.kernelParts = parts
        self.pending = self.workerCount
        self.generation &+= 1
        pthread_cond_broadcast(self.workReady)
        pthread_mutex_unlock(self.mutex)
        let mine = share(count, step: step, parts: parts, index: 0)
        if !mine.isEmpty { kernel(context, mine.lowerBound, mine.upperBound, 0) }
        pthread_mutex_lock(self.mutex)
        while self.pending > 0 { pthread_cond_wait(self.workDone, self.mutex) }
        self.kernel = nil
        self.kernelContext = nil
        pthread_mutex_unlock(self.mutex)
    }

    func shutDown() {
        pthread_mutex_lock(self.mutex)
        self.shuttingDown = true
        pthread_cond_broadcast(self.workReady)
        pthread_mutex_unlock(self.mutex)
    }

    func workerLoop(index: Int) {
        var seen = 0
        while true {
            pthread_mutex_lock(self.mutex)
            while self.generation == seen && !self.shuttingDown {
                pthread_cond_wait(self.workReady, self.mutex)
            }
            if self.shuttingDown {
                pthread_mutex_unlock(self.mutex)
                return
            }
            seen = self.generation
            var job = self.job
            let kernel = self.kernel
            let context = self.kernelContext
            let range = share(self.kernelCount, step: self.kernelStep, parts: self.kernelParts, index: index)
            pthread_mutex_unlock(self.mutex)
            if let kernel, let context {
                if !range.isEmpty { kernel(context, range.lowerBound, range.upperBound, index) }
            } else {
                job?(index)
            }
            // release our reference before reporting completion: the caller's
            // withoutActuallyEscaping checks that nobody holds the closure afterwards
            job = nil
            pthread_mutex_lock(self.mutex)
            self.pending -= 1
            if self.pending == 0 { pthread_cond_signal(self.workDone) }
            pthread_mutex_unlock(self.mutex)
        }
    }
}

/// What a worker thread receives at start.
private final class WorkerContext {
    let state: PoolState
    let index: Int

    init(state: PoolState, index: Int) {
        self.state = state
        self.index = index
    }
}
